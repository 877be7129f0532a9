//! Translation catalogues beside the rules (`rules/locales/<lang>.ftl`, issue 17):
//! filled into the program, every missing text a warning naming the key and file,
//! stale and repeated keys warned, placeables and broken lines refused.

use onestop_lang::RuleSet;
use onestop_lang::translations::{CATALOGUE_LANGS, catalogue_lang, measure_key};

const RULES: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"

enum park
  title en "Park" zh "园区"
  value haidian en "Haidian" zh "海淀"

scope enterprise

input park_of : park
  title en "Park" zh "园区"
  question en "Which park?" zh "哪个园区？"

definition in_haidian : bool
  title en "In Haidian" zh "在海淀"
  cite "Caishui [2020] No. 61 art. 1" from 2020-01-01
  = park_of = haidian

measure enterprise.demo
  title en "Demo" zh "示例"
  cite "Caishui [2020] No. 61 art. 1" from 2020-01-01
  eligible when in_haidian
  outputs in_haidian
"#;

const KO: &str = "entity-enterprise = 기업\nenum-park = 단지\npark-haidian = 하이뎬\npark_of = 단지\npark_of-question = 어느 단지입니까?\nin_haidian = 하이뎬 소재\nmeasure-enterprise-demo = 예시\n";

fn set_with(catalogues: &[(&str, &str)]) -> RuleSet {
    let mut set = RuleSet::new();
    set.add_text("rules/demo.policy", RULES);
    for (name, text) in catalogues {
        set.add_text(name, text);
    }
    set
}

fn all_langs(ko: &str) -> Vec<(String, String)> {
    CATALOGUE_LANGS
        .iter()
        .map(|l| (format!("rules/locales/{l}.ftl"), ko.to_string()))
        .collect()
}

#[test]
fn a_complete_catalogue_fills_every_text_and_warns_of_nothing() {
    let cats = all_langs(KO);
    let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let set = set_with(&refs);
    let (p, diags) = set.check(None);
    let p = p.expect("checks");
    assert!(diags.is_empty(), "{diags:?}");
    let input = &p.inputs[0];
    assert_eq!(input.title.get("ko"), Some("단지"));
    assert_eq!(input.question.get("ar"), Some("어느 단지입니까?"));
    assert_eq!(p.enums[0].values[0].1.get("ru"), Some("하이뎬"));
    assert_eq!(p.measures[0].title.best("es"), "예시");
    // Inline languages are untouched.
    assert_eq!(p.measures[0].title.get("zh"), Some("示例"));
}

#[test]
fn removing_one_translation_is_a_warning_naming_the_key_and_file() {
    let mut cats = all_langs(KO);
    cats[1].1 = KO.replace("park_of-question = 어느 단지입니까?\n", "");
    let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let set = set_with(&refs);
    let (p, diags) = set.check(None);
    assert!(p.is_some());
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.code, "W-TRANSLATION");
    assert!(!d.is_error());
    assert!(
        d.message.contains("Russian") && d.message.contains("park_of"),
        "{}",
        d.message
    );
    let hint = d.hint.clone().unwrap_or_default();
    assert!(
        hint.contains("park_of-question") && hint.contains("ru.ftl"),
        "{hint}"
    );
    // The English question stands in meanwhile.
    assert_eq!(p.expect("p").inputs[0].question.best("ru"), "Which park?");
}

#[test]
fn a_missing_catalogue_reports_every_text() {
    let set = set_with(&[]);
    let (_, diags) = set.check(None);
    // 7 texts in 4 languages.
    assert_eq!(diags.len(), 28, "{diags:?}");
    assert!(diags.iter().all(|d| d.code == "W-TRANSLATION"));
}

#[test]
fn a_stale_key_and_a_repeated_key_are_warnings() {
    let ko = format!("{KO}in_haidan = 오타\nenum-park = 중복\n");
    let mut cats = all_langs(KO);
    cats[0].1 = ko;
    let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let set = set_with(&refs);
    let (_, diags) = set.check(None);
    let stale = diags
        .iter()
        .find(|d| d.code == "W-TRANSLATION-KEY" && d.message.contains("nothing"))
        .expect("stale key reported");
    assert!(stale.message.contains("in_haidan"));
    assert_eq!(stale.hint.as_deref(), Some("did you mean `in_haidian`?"));
    let rendered = stale.render(&set.sources);
    assert!(rendered.contains("rules/locales/ko.ftl:8"), "{rendered}");
    assert!(
        diags.iter().any(|d| d.code == "W-TRANSLATION-KEY"
            && d.message.contains("`enum-park` is translated twice"))
    );
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
}

#[test]
fn a_placeable_is_refused() {
    let mut cats = all_langs(KO);
    cats[2].1 = format!("{KO}bad = {{ $x }} 값\n");
    let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let set = set_with(&refs);
    let (p, diags) = set.check(None);
    assert!(p.is_none());
    let e = diags.iter().find(|d| d.is_error()).expect("error");
    assert_eq!(e.code, "E-TRANSLATION-SYNTAX");
    assert!(e.message.contains("`bad`"), "{}", e.message);
    assert!(e.render(&set.sources).contains("rules/locales/es.ftl:8"));
}

#[test]
fn a_broken_catalogue_is_an_error_with_a_line() {
    let mut cats = all_langs(KO);
    cats[3].1 = format!("{KO}= no key\n");
    let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let set = set_with(&refs);
    let (p, diags) = set.check(None);
    assert!(p.is_none());
    let e = diags.iter().find(|d| d.is_error()).expect("error");
    assert_eq!(e.code, "E-TRANSLATION-SYNTAX");
    assert!(
        e.render(&set.sources).contains("rules/locales/ar.ftl:8"),
        "{}",
        e.render(&set.sources)
    );
}

#[test]
fn file_names_and_keys() {
    assert_eq!(catalogue_lang("rules/locales/ko.ftl"), Some("ko"));
    assert_eq!(catalogue_lang("rules/locales/fr.ftl"), None);
    assert_eq!(catalogue_lang("rules/a.policy"), None);
    assert_eq!(
        measure_key("enterprise.tech-transfer-tax"),
        "measure-enterprise-tech-transfer-tax"
    );
}
