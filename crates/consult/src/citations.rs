//! The citations in an answer: every place where a seed document is named
//! (`001_0cbca1dd9c1e8cc0.txt §17`, `§15(1)`, `part 4`), read by the rule language's
//! one citation reader (`onestop_lang::cite::seed_ref`), so the portal links them the
//! same way as every other citation. An answer must cite at least one.

use onestop_lang::cite::seed_ref;

/// The citations in `text`, in order, as written (`<file> §N`), without repeats.
pub fn citations(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        match seed_ref(rest) {
            Some(r) => {
                let label = match r.section {
                    Some(s) => format!("{} {}", r.file, s.label()),
                    None => r.file.to_string(),
                };
                if !out.contains(&label) {
                    out.push(label);
                }
                i += r.len.max(1);
            }
            None => {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_citations_are_found_anywhere_in_the_text() {
        let c = citations(
            "See 000_abb21015abc8a560.txt §15(2) and 001_0cbca1dd9c1e8cc0.txt §5; again 000_abb21015abc8a560.txt §15(2).",
        );
        assert_eq!(
            c,
            vec![
                "000_abb21015abc8a560.txt §15(2)",
                "001_0cbca1dd9c1e8cc0.txt §5"
            ]
        );
        assert!(citations("No source at all, only §5 and 001.txt").is_empty());
        assert!(citations("مرحبا 002").is_empty());
    }
}
