//! `onestop check --uncertain`: every `uncertain` and `placeholder` mark of the rules,
//! one line each (file:line, what it is on, the reason), so what is still doubtful is
//! a list to work through rather than comments to grep for.

use onestop_lang::{DoubtKind, Program};
use std::fmt::Write;

/// The marks as text lines, then a count.
pub fn listing(program: &Program) -> String {
    let mut out = String::new();
    let (mut placeholders, mut uncertain) = (0, 0);
    for r in program.doubts() {
        let Some(d) = program.doubt(r) else {
            continue;
        };
        match d.kind {
            DoubtKind::Placeholder => placeholders += 1,
            DoubtKind::Uncertain => uncertain += 1,
        }
        let file = program.sources.file(d.span.file);
        let (line, _) = file.line_col(d.span.start as usize);
        let (on, name) = program.doubt_subject(r);
        let cite = program
            .doubt_citation(r)
            .map(|c| format!(" \"{}\"", c.text))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}:{line}: {} {on} {name}{cite}: {}",
            file.name,
            d.kind.as_str(),
            d.reason.best("en")
        );
    }
    let _ = writeln!(
        out,
        "{} mark(s): {placeholders} placeholder, {uncertain} uncertain",
        placeholders + uncertain
    );
    out
}
