//! Where a citation points in the shipped seed documents: `001_0cbca1dd9c1e8cc0.txt §17`
//! is section 17 of that file, `§15(1)` its sub-item, `part 4` a part. Every face that
//! shows a citation links it the same way: to `/sources/<file stem>#<anchor>`, the
//! portal's page of that document, whose sections carry these anchors.

use crate::check::SEED_FILES;

/// A section of a seed document as citations name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// `§N` or `§N(M)`: an article, measure or task, and optionally its sub-item.
    Numbered(u32, Option<u32>),
    /// `part N`.
    Part(u32),
}

impl Section {
    /// The HTML id of the section on its document's page: `s-17`, `s-15-1`, `part-4`.
    pub fn anchor(self) -> String {
        match self {
            Section::Numbered(n, None) => format!("s-{n}"),
            Section::Numbered(n, Some(m)) => format!("s-{n}-{m}"),
            Section::Part(n) => format!("part-{n}"),
        }
    }

    /// As citations write it: `§17`, `§15(1)`, `part 4`.
    pub fn label(self) -> String {
        match self {
            Section::Numbered(n, None) => format!("§{n}"),
            Section::Numbered(n, Some(m)) => format!("§{n}({m})"),
            Section::Part(n) => format!("part {n}"),
        }
    }
}

/// A citation of a seed document: the file and, when named, the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedRef {
    pub file: &'static str,
    pub section: Option<Section>,
    /// Bytes of the citation text, from its start, that name the file and section.
    pub len: usize,
}

impl SeedRef {
    /// The file name without `.txt`, the last part of the document's page path.
    pub fn stem(&self) -> &'static str {
        self.file.trim_end_matches(".txt")
    }

    /// The portal path of the cited section: `/sources/001_0cbca1dd9c1e8cc0#s-17`.
    pub fn url(&self) -> String {
        match self.section {
            Some(s) => format!("/sources/{}#{}", self.stem(), s.anchor()),
            None => format!("/sources/{}", self.stem()),
        }
    }
}

/// The seed document and section a citation text starts with, if it cites a seed.
/// Text after the section (`§18 (no filing route before ...)`) is commentary.
pub fn seed_ref(text: &str) -> Option<SeedRef> {
    let file = SEED_FILES.iter().find(|f| text.starts_with(**f))?;
    let rest = &text[file.len()..];
    let (section, used) = section_at(rest);
    Some(SeedRef {
        file,
        section,
        len: file.len() + used,
    })
}

/// ` §N`, ` §N(M)` or ` part N` at the start of `rest`, and how many bytes it took.
fn section_at(rest: &str) -> (Option<Section>, usize) {
    let trimmed = rest.trim_start_matches(' ');
    let space = rest.len() - trimmed.len();
    if space == 0 {
        return (None, 0);
    }
    if let Some(after) = trimmed.strip_prefix('§') {
        let (n, used) = digits(after);
        let Some(n) = n else { return (None, 0) };
        let tail = &after[used..];
        if let Some(inner) = tail.strip_prefix('(') {
            let (m, mused) = digits(inner);
            if let (Some(m), true) = (m, inner[mused..].starts_with(')')) {
                let len = space + '§'.len_utf8() + used + 1 + mused + 1;
                return (Some(Section::Numbered(n, Some(m))), len);
            }
        }
        return (
            Some(Section::Numbered(n, None)),
            space + '§'.len_utf8() + used,
        );
    }
    if let Some(after) = trimmed.strip_prefix("part ") {
        let (n, used) = digits(after);
        if let Some(n) = n {
            return (Some(Section::Part(n)), space + 5 + used);
        }
    }
    (None, 0)
}

fn digits(s: &str) -> (Option<u32>, usize) {
    let used = s.bytes().take_while(u8::is_ascii_digit).count();
    (s[..used].parse().ok(), used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_point_at_sections() {
        let r = seed_ref("001_0cbca1dd9c1e8cc0.txt §17").expect("seed");
        assert_eq!(r.url(), "/sources/001_0cbca1dd9c1e8cc0#s-17");
        assert_eq!(r.len, "001_0cbca1dd9c1e8cc0.txt §17".len());
        let r =
            seed_ref("000_abb21015abc8a560.txt §15(1); 001_0cbca1dd9c1e8cc0.txt §9").expect("seed");
        assert_eq!(r.section, Some(Section::Numbered(15, Some(1))));
        assert_eq!(r.url(), "/sources/000_abb21015abc8a560#s-15-1");
        assert_eq!(r.len, "000_abb21015abc8a560.txt §15(1)".len());
        let r = seed_ref("003_021bab1a94e0afa8.txt §18 (no filing route before the work plan)")
            .expect("seed");
        assert_eq!(r.section.map(|s| s.label()), Some("§18".to_string()));
        assert_eq!(
            seed_ref("003_021bab1a94e0afa8.txt part 4").map(|r| r.url()),
            Some("/sources/003_021bab1a94e0afa8#part-4".to_string())
        );
        let r = seed_ref("002_7eda269d5635f47a.txt").expect("whole document");
        assert_eq!(
            (r.section, r.url()),
            (None, "/sources/002_7eda269d5635f47a".into())
        );
        // A sub-item that does not close is the section alone.
        assert_eq!(
            seed_ref("001_0cbca1dd9c1e8cc0.txt §1(").and_then(|r| r.section),
            Some(Section::Numbered(1, None))
        );
        assert!(seed_ref("Caishui [2020] No. 61 art. 1").is_none());
        assert!(seed_ref("009_0000000000000000.txt §1").is_none());
    }
}
