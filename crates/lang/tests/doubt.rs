//! Doubt as data: `uncertain` and `placeholder` marks are parsed, checked and kept in
//! the program, each with its reason, where it is written.

use onestop_lang::{Confidence, Diagnostic, DoubtKind, DoubtRef, Program, RuleSet, render_all};

const BASE: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"
"#;

const MARKED: &str = r#"
scope enterprise

input revenue : money
  title en "Revenue" zh "收入"

parameter share : rate
  title en "Share" zh "比例"
  placeholder en "the implementing rules set it" zh "实施细则规定"
  from 2019-10-16: 50%
    cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16

parameter floor_amount : money
  title en "Floor" zh "下限"
  from 2008-01-01: 10 yuan
    cite "Some Law art. 9" from 2008-01-01
      uncertain en "article number as recalled" zh "条款序号凭记忆"

definition amount : money
  title en "Amount" zh "金额"
  uncertain en "our reading of the seed" zh "对原文的理解"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
  = max(revenue * share, floor_amount)

measure enterprise.m
  title en "M" zh "M"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
    uncertain en "section as recalled" zh "章节凭记忆"
  eligible when revenue > 0 yuan
  outputs amount
"#;

fn check(text: &str) -> (RuleSet, Option<Program>, Vec<Diagnostic>) {
    let mut set = RuleSet::new();
    set.add_text("rules/base.policy", BASE);
    set.add_text("rules/a.policy", text);
    let (p, diags) = set.check(None);
    (set, p, diags)
}

#[test]
fn marks_are_kept_where_they_are_written() {
    let (set, p, diags) = check(MARKED);
    let p = p.unwrap_or_else(|| panic!("{}", render_all(&diags, &set.sources)));
    let share = p.param("share").expect("share");
    let d = p.params[share.index()].doubt.as_ref().expect("placeholder");
    assert_eq!(d.kind, DoubtKind::Placeholder);
    assert_eq!(d.reason.get("en"), Some("the implementing rules set it"));
    let floor = p.param("floor_amount").expect("floor");
    let c = &p.params[floor.index()].values[0].cite;
    assert_eq!(c.text, "Some Law art. 9");
    assert_eq!(c.doubt.as_ref().map(|d| d.kind), Some(DoubtKind::Uncertain));
    let e = p.entity("enterprise").expect("entity");
    let amount = p.def(e, "amount").expect("amount");
    assert_eq!(
        p.defs[amount.index()]
            .doubt
            .as_ref()
            .and_then(|d| d.reason.get("zh")),
        Some("对原文的理解")
    );
    // The definition's citation has no mark of its own: the mark went to the item.
    assert!(p.defs[amount.index()].cites[0].doubt.is_none());
    let m = p.measure("enterprise.m").expect("measure");
    assert!(p.measures[m.index()].doubt.is_none());
    assert!(p.measures[m.index()].cites[0].doubt.is_some());

    let all = p.doubts();
    assert_eq!(
        all,
        vec![
            DoubtRef::Param(share),
            DoubtRef::ParamValue(floor, 0),
            DoubtRef::Def(amount),
            DoubtRef::MeasureCite(m, 0),
        ],
        "every mark, in the order written"
    );
    assert_eq!(
        p.doubt_subject(all[1]),
        ("parameter citation", "floor_amount")
    );
    assert_eq!(p.confidence(&[]), Confidence::Settled);
    assert_eq!(p.confidence(&all[1..]), Confidence::Uncertain);
    assert_eq!(p.confidence(&all), Confidence::Placeholder);
    let span = p.doubt_span(all[0]).expect("span");
    let line = set.sources.file(span.file).line_col(span.start as usize).0;
    assert_eq!(
        line, 9,
        "the placeholder mark is on line 9 (the text opens with a newline)"
    );
}

fn only_error(text: &str, code: &str) -> (Diagnostic, String) {
    let (set, _, diags) = check(text);
    let out = render_all(&diags, &set.sources);
    let d = diags
        .iter()
        .find(|d| d.is_error() && d.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("expected {code}, got:\n{out}"));
    (d, out)
}

#[test]
fn a_placeholder_is_a_parameter() {
    let text = MARKED.replace(
        "  uncertain en \"our reading of the seed\"",
        "  placeholder en \"our reading of the seed\"",
    );
    let (d, out) = only_error(&text, "E-DOUBT");
    assert!(
        d.message.contains("only a parameter is a placeholder"),
        "{out}"
    );
    assert!(out.contains("rules/a.policy:21:3"), "{out}");

    let text = MARKED.replace(
        "      uncertain en \"article number as recalled\"",
        "      placeholder en \"article number as recalled\"",
    );
    let (d, out) = only_error(&text, "E-DOUBT");
    assert!(d.message.contains("is marked `placeholder`"), "{out}");
}

#[test]
fn inputs_carry_no_mark_and_reasons_need_both_languages() {
    let text = MARKED.replace(
        "  title en \"Revenue\" zh \"收入\"",
        "  title en \"Revenue\" zh \"收入\"\n  uncertain en \"?\" zh \"？\"",
    );
    let (d, out) = only_error(&text, "E-DOUBT");
    assert!(
        d.message
            .contains("only parameters, definitions, measures and citations"),
        "{out}"
    );

    let text = MARKED.replace(" zh \"条款序号凭记忆\"", "");
    let (d, out) = only_error(&text, "E-META");
    assert!(d.message.contains("needs English and Chinese"), "{out}");

    let (_, out) = only_error(
        "scope enterprise\ndefinition x : bool\n  title en \"X\" zh \"X\"\n  uncertain\n  cite \"Law art. 1\" from 2008-01-01\n  = true\n",
        "E-SYNTAX",
    );
    assert!(out.contains("the reason for the doubt"), "{out}");
}

#[test]
fn one_mark_per_item_and_the_words_are_reserved() {
    let text = MARKED.replace(
        "  placeholder en \"the implementing rules set it\" zh \"实施细则规定\"",
        "  placeholder en \"the implementing rules set it\" zh \"实施细则规定\"\n  uncertain en \"also\" zh \"也\"",
    );
    let (d, out) = only_error(&text, "E-SYNTAX");
    assert!(d.message.contains("already carries"), "{out}");

    let (d, out) = only_error(
        "scope enterprise\ninput uncertain : bool\n  title en \"U\" zh \"U\"\n",
        "E-SYNTAX",
    );
    assert!(d.message.contains("reserved word"), "{out}");
}
