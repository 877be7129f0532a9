//! The parser and checker never panic, whatever text they are given.

use onestop_lang::RuleSet;
use proptest::prelude::*;
use std::path::Path;

fn shipped_rules() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                out.push((p.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules"),
        &mut out,
    );
    out.sort();
    out
}

fn check_all(files: &[(String, String)]) {
    let mut set = RuleSet::new();
    for (name, text) in files {
        set.add_text(name, text);
    }
    let (_, diags) = set.check(None);
    // Rendering must not panic either (spans at odd offsets, multi-byte text).
    let _ = onestop_lang::render_all(&diags, &set.sources);
    for i in 0..set.reforms.len() {
        let _ = set.check(Some(i));
    }
}

#[test]
fn shipped_rules_check_without_panic() {
    let files = shipped_rules();
    assert!(files.len() >= 3, "expected shipped rule files");
    check_all(&files);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check_all(&[("rules/x.policy".into(), text.clone()), ("rules/x.test".into(), text.clone()), ("rules/x.reform".into(), text)]);
    }

    #[test]
    fn mutated_rule_files_never_panic(
        file_pick in 0usize..1000,
        cuts in proptest::collection::vec((0usize..100_000, 0usize..40, "[ -~\\n中%§]{0,12}"), 1..6)
    ) {
        let files = shipped_rules();
        let idx = file_pick % files.len();
        let mut mutated = files.clone();
        let text = &mut mutated[idx].1;
        for (pos, len, insert) in cuts {
            let mut p = pos % (text.len() + 1);
            while !text.is_char_boundary(p) { p -= 1; }
            let mut end = (p + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(p..end, &insert);
        }
        check_all(&mutated);
    }

    #[test]
    fn token_soup_never_panics(tokens in proptest::collection::vec(prop_oneof![
        Just("scope"), Just("enterprise"), Just("definition"), Just("x"), Just(":"), Just("money"),
        Just("="), Just("unless"), Just("["), Just("]"), Just("over"), Just("then"), Just("cite"),
        Just("\"s\""), Just("from"), Just("2020-01-01"), Just("to"), Just("5 000 yuan"), Just("25%"),
        Just("("), Just(")"), Just("{"), Just("}"), Just(","), Just("measure"), Just("a.b-c"),
        Just("eligible"), Just("when"), Just("outputs"), Just("parameter"), Just("at"), Just("in"),
        Just("not"), Just("and"), Just("if"), Just("else"), Just("\n"), Just("input"), Just("title"),
        Just("en"), Just("test"), Just("given"), Just("expect"), Just("is"), Just("-"), Just("*"),
        Just("min"), Just("date"), Just("enum"), Just("value"), Just("set"), Just("of"), Just("reform"),
    ], 0..80)) {
        let text = tokens.join(" ");
        check_all(&[("rules/y.policy".into(), text.clone()), ("rules/y.test".into(), text.clone()), ("rules/y.reform".into(), text)]);
    }
}
