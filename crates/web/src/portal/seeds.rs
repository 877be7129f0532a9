//! The seed documents of `seeds/`, embedded and cut into paragraphs that carry the
//! anchors citations link to (`s-N` for §N, `s-N-M` for §N(M), `part-N`, and `p-N` for
//! every paragraph); [`cite_url`] and [`linkify`] turn the citations every page shows
//! into links to their section (`onestop_lang::cite` reads them). National
//! instruments are not shipped, so their citations stay text. Pure: the pages are
//! `portal::sources`.

use onestop_lang::cite::seed_ref;
use std::sync::OnceLock;

/// One shipped seed document.
pub struct SeedDoc {
    pub file: &'static str,
    pub title: &'static str,
    pub date: &'static str,
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph (one non-empty line of the text) and the anchors on it.
pub struct Paragraph {
    /// `p-N`, then any section anchors that start here.
    pub anchors: Vec<String>,
    pub text: String,
}

impl SeedDoc {
    pub fn stem(&self) -> &'static str {
        self.file.trim_end_matches(".txt")
    }

    /// Whether the page carries this anchor.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.paragraphs
            .iter()
            .any(|p| p.anchors.iter().any(|a| a == anchor))
    }
}

/// The five documents, as `seeds/README.md` names them, embedded at build time.
const SEEDS: &[(&str, &str, &str, &str)] = &[
    (
        "000_abb21015abc8a560.txt",
        "Three-Year Action Plan for Opening-up and Reform in the Science and Technology Sector (Beijing Commission of Science and Technology)",
        "2019-12-17",
        include_str!("../../../../seeds/000_abb21015abc8a560.txt"),
    ),
    (
        "001_0cbca1dd9c1e8cc0.txt",
        "Policies and Measures for Deepening the Reform of the Science and Technology System in the New Era and Accelerating the Construction of the National Science and Technology Innovation Center (Beijing Municipal People's Government)",
        "2019-10-16",
        include_str!("../../../../seeds/001_0cbca1dd9c1e8cc0.txt"),
    ),
    (
        "002_7eda269d5635f47a.txt",
        "Press briefing: Beijing's 15 innovative measures for the \"Two Zones\"",
        "2021-01-11",
        include_str!("../../../../seeds/002_7eda269d5635f47a.txt"),
    ),
    (
        "003_021bab1a94e0afa8.txt",
        "State Council reply (Guo Han [2020] No. 123) and the work plan for the new round of Beijing's services-sector opening pilot",
        "2020-08-28",
        include_str!("../../../../seeds/003_021bab1a94e0afa8.txt"),
    ),
    (
        "004_166eec9ed7b99b31.txt",
        "China Daily: \"Beijing firms up its ambitions in technology and innovation\"",
        "2020-12-15",
        include_str!("../../../../seeds/004_166eec9ed7b99b31.txt"),
    ),
];

/// Every seed document, parsed once.
pub fn documents() -> &'static [SeedDoc] {
    static DOCS: OnceLock<Vec<SeedDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        SEEDS
            .iter()
            .map(|(file, title, date, text)| SeedDoc {
                file,
                title,
                date,
                paragraphs: paragraphs(text),
            })
            .collect()
    })
}

pub fn document(stem: &str) -> Option<&'static SeedDoc> {
    let stem = stem.trim_end_matches(".txt");
    documents().iter().find(|d| d.stem() == stem)
}

/// `N. Title` (also `N.Title`): the number, if the line opens a numbered section.
fn numbered(line: &str) -> Option<u32> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = line[digits..].trim_start_matches(' ');
    let rest = rest.strip_prefix('.')?;
    rest.trim_start()
        .chars()
        .next()
        .filter(|c| !c.is_ascii_digit())?;
    line[..digits].parse().ok()
}

/// `(M) ...`: a sub-item number.
fn sub_item(line: &str) -> Option<u32> {
    let rest = line.strip_prefix('(')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !rest[digits..].starts_with(')') {
        return None;
    }
    rest[..digits].parse().ok()
}

/// `N、 ...`: a part heading.
fn part(line: &str) -> Option<u32> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !line[digits..].starts_with('、') {
        return None;
    }
    line[..digits].parse().ok()
}

/// Paragraphs with their anchors. The numbered sections (§N) are the chain 1, 2, 3, ...
/// that starts at the document's last `1.`: 003 repeats some task numbers in the news
/// summary above the work plan, and the work plan's tasks are the ones cited. A number
/// broken over two lines (003 writes task 15 as `1` and then `5. ...`) is read whole.
/// Sub-items `(M)` belong to the section above them; a part number repeated later (003's
/// reply and its work plan both have parts) is the later one.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut anchors: Vec<Vec<String>> = (0..lines.len())
        .map(|i| vec![format!("p-{}", i + 1)])
        .collect();
    let start = lines.iter().rposition(|l| numbered(l) == Some(1));
    if let Some(start) = start {
        let mut expected = 1;
        let mut current = None;
        for i in start..lines.len() {
            let n = numbered(lines[i]).and_then(|n| {
                if n == expected {
                    return Some(n);
                }
                // `1` on the line before and `5.` on this one: task 15.
                let before = i.checked_sub(1).map(|j| lines[j]).unwrap_or("");
                let joined = format!("{before}{n}");
                (before.bytes().all(|b| b.is_ascii_digit()) && joined == expected.to_string())
                    .then_some(expected)
            });
            if let Some(n) = n {
                anchors[i].push(format!("s-{n}"));
                current = Some(n);
                expected += 1;
            } else if let (Some(n), Some(m)) = (current, sub_item(lines[i])) {
                let id = format!("s-{n}-{m}");
                if !anchors.iter().flatten().any(|a| *a == id) {
                    anchors[i].push(id);
                }
            }
        }
    }
    let mut parts: Vec<(u32, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(n) = part(l) {
            parts.retain(|(m, _)| *m != n);
            parts.push((n, i));
        }
    }
    for (n, i) in parts {
        anchors[i].push(format!("part-{n}"));
    }
    lines
        .into_iter()
        .zip(anchors)
        .map(|(text, anchors)| Paragraph {
            anchors,
            text: text.to_string(),
        })
        .collect()
}

/// The link of a citation, if it cites a shipped document (and a section it has).
pub fn cite_url(text: &str) -> Option<String> {
    let r = seed_ref(text)?;
    let doc = document(r.file)?;
    match r.section {
        Some(s) if doc.has_anchor(&s.anchor()) => Some(r.url()),
        Some(_) => Some(format!("/sources/{}", doc.stem())),
        None => Some(r.url()),
    }
}

/// Text with every seed citation in it made a link to its section, HTML-escaped.
pub fn linkify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(at);
        escape_into(&mut out, before);
        match seed_ref(from).zip(cite_url(from)) {
            Some((r, url)) => {
                let (cited, after) = from.split_at(r.len);
                out.push_str("<a class=\"src\" href=\"");
                escape_into(&mut out, &url);
                out.push_str("\">");
                escape_into(&mut out, cited);
                out.push_str("</a>");
                rest = after;
            }
            None => {
                let skip = from.bytes().take_while(u8::is_ascii_digit).count();
                escape_into(&mut out, &from[..skip]);
                rest = &from[skip..];
            }
        }
    }
    escape_into(&mut out, rest);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Every paragraph of every document for the search index, linked to the section it
/// belongs to, else to the paragraph itself.
pub fn search_entries() -> Vec<super::search::SourceEntry> {
    let mut out = Vec::new();
    for d in documents() {
        // The section a paragraph belongs to: the last section anchor at or above it.
        let mut section: Option<&String> = None;
        for p in &d.paragraphs {
            if let Some(a) = p.anchors.iter().skip(1).last() {
                section = Some(a);
            }
            let anchor = section.unwrap_or(&p.anchors[0]);
            let label = match anchor.strip_prefix("s-") {
                Some(n) => match n.split_once('-') {
                    Some((n, m)) => format!("{} §{n}({m})", d.file),
                    None => format!("{} §{n}", d.file),
                },
                None => match anchor.strip_prefix("part-") {
                    Some(n) => format!("{} part {n}", d.file),
                    None => format!("{} ¶{}", d.file, &anchor[2..]),
                },
            };
            out.push(super::search::SourceEntry {
                url: format!("/sources/{}#{anchor}", d.stem()),
                label,
                text: p.text.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_the_cited_numbering() {
        let d = document("003_021bab1a94e0afa8").expect("003");
        for n in 1..=26 {
            assert!(d.has_anchor(&format!("s-{n}")), "003 task {n}");
        }
        // Task 18 is the work plan's, not the news summary's copy above it.
        let p18 = d
            .paragraphs
            .iter()
            .position(|p| p.anchors.contains(&"s-18".to_string()));
        let p1 = d
            .paragraphs
            .iter()
            .position(|p| p.anchors.contains(&"s-1".to_string()));
        assert!(p1 < p18, "{p1:?} {p18:?}");
        assert!(d.has_anchor("part-4"));
        let p15 = d
            .paragraphs
            .iter()
            .find(|p| p.anchors.contains(&"s-15".to_string()))
            .expect("15");
        assert!(
            p15.text
                .starts_with("5. Support the development of cultural innovation"),
            "{}",
            p15.text
        );
        let d = document("001_0cbca1dd9c1e8cc0").expect("001");
        for n in 1..=30 {
            assert!(d.has_anchor(&format!("s-{n}")), "001 article {n}");
        }
        assert!(!d.has_anchor("s-31"));
        let d = document("000_abb21015abc8a560").expect("000");
        for a in ["s-1-1", "s-1-2", "s-15", "s-15-1", "s-15-2", "s-9-2"] {
            assert!(d.has_anchor(a), "000 {a}");
        }
    }

    #[test]
    fn citations_become_links_and_the_rest_is_escaped() {
        let html = linkify(
            "source: 001_0cbca1dd9c1e8cc0.txt §17 (valid from 2019-10-16) <b>; Caishui [2020] No. 61 art. 1; 000_abb21015abc8a560.txt §15(1)",
        );
        assert!(html.contains("<a class=\"src\" href=\"/sources/001_0cbca1dd9c1e8cc0#s-17\">001_0cbca1dd9c1e8cc0.txt §17</a> (valid from 2019-10-16) &lt;b&gt;"), "{html}");
        assert!(
            html.contains(
                "href=\"/sources/000_abb21015abc8a560#s-15-1\">000_abb21015abc8a560.txt §15(1)</a>"
            ),
            "{html}"
        );
        assert!(html.contains("Caishui [2020] No. 61 art. 1"), "{html}");
        assert_eq!(cite_url("Caishui [2020] No. 61 art. 1"), None);
        // A section the document does not have links to the document, never to a missing anchor.
        assert_eq!(
            cite_url("001_0cbca1dd9c1e8cc0.txt §99").as_deref(),
            Some("/sources/001_0cbca1dd9c1e8cc0")
        );
    }
}
