//! Every static check, exercised on small broken rule files: the diagnostic must
//! name the problem, point at file:line:column, show the line with a caret, and hint.

use onestop_lang::{Diagnostic, RuleSet, Severity, render_all};

const BASE: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"
"#;

fn check(files: &[(&str, &str)]) -> (RuleSet, Vec<Diagnostic>) {
    let mut set = RuleSet::new();
    set.add_text("rules/base.policy", BASE);
    for (name, text) in files {
        set.add_text(name, text);
    }
    let (_, diags) = set.check(None);
    (set, diags)
}

fn only_error(files: &[(&str, &str)], code: &str) -> (Diagnostic, String) {
    let (set, diags) = check(files);
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let rendered = render_all(&diags, &set.sources);
    assert!(
        errors.iter().any(|d| d.code == code),
        "expected {code}, got:\n{rendered}"
    );
    let d = errors.iter().find(|d| d.code == code).cloned().cloned();
    (d.expect("present"), rendered)
}

#[test]
fn syntax_error_points_at_the_token_with_a_hint() {
    let src = "scope enterprise\ndefinition x : money\n  title en \"X\" zh \"X\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  5 yuan\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-SYNTAX");
    assert!(d.message.contains("expected `=`"), "{out}");
    assert!(out.contains("--> rules/a.policy:5:3"), "{out}");
    assert!(out.contains("5 |   5 yuan"), "{out}");
    assert!(out.contains("  |   ^"), "{out}");
    assert!(out.contains("= hint:"), "{out}");
}

#[test]
fn unknown_name_suggests_the_closest() {
    let src = "scope enterprise\ninput revenue : money\n  title en \"Revenue\" zh \"收入\"\ndefinition x : money\n  title en \"X\" zh \"X\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = revenu * 2\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-NAME");
    assert!(d.message.contains("unknown name `revenu`"), "{out}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `revenue`?"));
    assert!(out.contains("rules/a.policy:7:5"), "{out}");
}

#[test]
fn money_and_plain_numbers_do_not_mix() {
    let src = "scope enterprise\ninput revenue : money\n  title en \"Revenue\" zh \"收入\"\ndefinition big : bool\n  title en \"Big\" zh \"大\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = revenue > 0\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-TYPE");
    assert!(d.message.contains("money"), "{out}");
    assert!(d.hint.as_deref().unwrap_or("").contains("0 yuan"), "{out}");
}

#[test]
fn a_cycle_is_printed_in_full() {
    let src = "scope enterprise\ndefinition a : int\n  title en \"A\" zh \"A\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = b + 1\ndefinition b : int\n  title en \"B\" zh \"B\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = c\ndefinition c : int\n  title en \"C\" zh \"C\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = a\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-CYCLE");
    assert!(d.message.contains("a -> b -> c -> a"), "{out}");
}

#[test]
fn definitions_and_parameter_values_need_citations() {
    let src = "scope enterprise\ndefinition a : int\n  title en \"A\" zh \"A\"\n  = 1\nparameter p : rate\n  title en \"P\" zh \"P\"\n  from 2008-01-01: 25%\n";
    let (set, diags) = check(&[("rules/a.policy", src)]);
    let out = render_all(&diags, &set.sources);
    let cites: Vec<_> = diags.iter().filter(|d| d.code == "E-CITE").collect();
    assert_eq!(cites.len(), 2, "{out}");
    assert!(
        cites
            .iter()
            .any(|d| d.message.contains("definition `a` has no citation")),
        "{out}"
    );
    assert!(
        cites.iter().any(|d| d
            .message
            .contains("value of `p` from 2008-01-01 has no citation")),
        "{out}"
    );
}

#[test]
fn a_citation_needs_a_validity_date_and_a_real_seed_file() {
    let src = "scope enterprise\ndefinition a : int\n  title en \"A\" zh \"A\"\n  cite \"001_0cbca1dd9c1e8cc1.txt §17\"\n  = 1\n";
    let (set, diags) = check(&[("rules/a.policy", src)]);
    let out = render_all(&diags, &set.sources);
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("has no validity date")),
        "{out}"
    );
    let seed = diags
        .iter()
        .find(|d| d.message.contains("is not one of the source documents"))
        .expect(&out);
    assert_eq!(
        seed.hint.as_deref(),
        Some("did you mean `001_0cbca1dd9c1e8cc0.txt`?")
    );
}

#[test]
fn parameter_dates_may_not_overlap() {
    let src = "parameter p : rate\n  title en \"P\" zh \"P\"\n  from 2008-01-01: 25%\n    cite \"EIT Law art. 4\" from 2008-01-01\n  from 2020-01-01: 20%\n    cite \"EIT Law art. 4\" from 2020-01-01\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-DATES");
    assert!(d.message.contains("overlap"), "{out}");
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains("from 2008-01-01 to 2019-12-31"),
        "{out}"
    );
    assert!(out.contains("rules/a.policy:5:3"), "{out}");
}

#[test]
fn parameter_dates_may_not_leave_a_gap() {
    let src = "parameter p : rate\n  title en \"P\" zh \"P\"\n  from 2008-01-01 to 2018-12-31: 25%\n    cite \"EIT Law art. 4\" from 2008-01-01\n  from 2020-01-01: 20%\n    cite \"EIT Law art. 4\" from 2020-01-01\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-DATES");
    assert!(
        d.message
            .contains("gap: none applies from 2019-01-01 to 2019-12-31"),
        "{out}"
    );
}

#[test]
fn unused_inputs_are_warnings_not_errors() {
    let src = "scope enterprise\ninput spare : bool\n  title en \"Spare\" zh \"备用\"\n";
    let (set, diags) = check(&[("rules/a.policy", src)]);
    let out = render_all(&diags, &set.sources);
    assert!(
        diags.iter().all(|d| d.severity == Severity::Warning),
        "{out}"
    );
    assert!(
        out.contains("warning[W-UNUSED]: input `spare` is never used"),
        "{out}"
    );
}

#[test]
fn duplicates_show_both_places() {
    let src = "scope enterprise\ninput a : bool\n  title en \"A\" zh \"A\"\ninput a : bool\n  title en \"A\" zh \"A\"\n";
    let (_, out) = only_error(&[("rules/a.policy", src)], "E-DUPLICATE");
    assert!(out.contains("rules/a.policy:4:7"), "{out}");
    assert!(out.contains("first declared here"), "{out}");
}

#[test]
fn exception_priority_must_name_a_label() {
    let src = "scope enterprise\ninput f : bool\n  title en \"F\" zh \"F\"\ndefinition a : int\n  title en \"A\" zh \"A\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = 1\n  unless [pilot] f then 2\n  unless [special over pilto] f then 3\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-NAME");
    assert_eq!(d.hint.as_deref(), Some("did you mean `pilot`?"), "{out}");
}

#[test]
fn bad_characters_and_strings_are_reported_not_panicked_on() {
    let src =
        "scope enterprise\ndefinition 技术 : int\ninput x : text\n  title en \"unterminated\n";
    let (set, diags) = check(&[("rules/a.policy", src)]);
    let out = render_all(&diags, &set.sources);
    assert!(out.contains("unexpected character `技`"), "{out}");
    assert!(out.contains("unterminated string"), "{out}");
    assert!(out.contains("rules/a.policy:2:12"), "{out}");
}

#[test]
fn unknown_type_and_scope() {
    let src = "scope enterprize\ninput a : bool\n  title en \"A\" zh \"A\"\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-NAME");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `enterprise`?"),
        "{out}"
    );
    let src = "scope enterprise\ninput a : mony\n  title en \"A\" zh \"A\"\n";
    let (d, out) = only_error(&[("rules/a.policy", src)], "E-TYPE");
    assert_eq!(d.hint.as_deref(), Some("did you mean `money`?"), "{out}");
}

#[test]
fn a_reform_cannot_replace_what_does_not_exist() {
    let mut set = RuleSet::new();
    set.add_text("rules/base.policy", BASE);
    set.add_text(
        "rules/p.policy",
        "parameter rate_a : rate\n  title en \"A\" zh \"A\"\n  from 2008-01-01: 25%\n    cite \"EIT Law art. 4\" from 2008-01-01\n",
    );
    set.add_text(
        "rules/reforms/r.reform",
        "reform r1\n  title en \"R\" zh \"R\"\nparameter rate_b\n  from 2008-01-01: 20%\n    cite \"proposal\" from 2008-01-01\n",
    );
    let (program, diags) = set.check(Some(0));
    assert!(program.is_none());
    let d = diags
        .iter()
        .find(|d| d.code == "E-REFORM")
        .expect("reform error");
    assert_eq!(d.hint.as_deref(), Some("did you mean `rate_a`?"));
}
