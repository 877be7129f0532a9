//! The shipped catalogue against `design/measures.md` and the seed texts, and the
//! error reporting of `parse` and `validate`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use onestop_catalog::{Audience, Catalog, Group, Kind, MeasureEntry, embedded, parse};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// Every row of every table in `design/measures.md`, with the kinds of its "kind"
/// column (copied by hand, so that a missing, invented or re-kinded measure fails).
const MEASURES_MD: &[(&str, &[&str])] = &[
    // Foreign talent and researchers
    ("talent.category-a-fast-track", &["compute", "serve"]),
    ("talent.one-window", &["serve"]),
    ("talent.pension-extension", &["compute"]),
    ("talent.commercial-insurance", &["compute"]),
    ("talent.permanent-resident-startup", &["compute"]),
    ("talent.overseas-qualification", &["compute"]),
    ("talent.fx-facilitation", &["compute"]),
    ("talent.outbound-exchange", &["serve"]),
    ("talent.flexible-pay", &["compute"]),
    ("talent.title-review", &["list"]),
    ("talent.international-award", &["list"]),
    // Enterprises
    ("enterprise.high-tech-filing", &["compute"]),
    ("enterprise.high-tech-bth-recognition", &["compute"]),
    ("enterprise.tech-transfer-tax", &["compute"]),
    ("enterprise.corporate-vc-tax", &["compute"]),
    ("enterprise.rd-super-deduction", &["compute"]),
    ("enterprise.rd-vehicle-import", &["compute"]),
    ("enterprise.clinical-sample-import", &["serve"]),
    ("enterprise.advanced-service-provider", &["compute"]),
    ("enterprise.innovation-voucher", &["serve"]),
    ("enterprise.first-set-equipment", &["compute"]),
    ("enterprise.credit-risk-compensation", &["compute", "serve"]),
    // 001 §26's comprehensive credit evaluation, a service of its own since issue 16
    // (measures.md names it inside the row above).
    ("enterprise.credit-evaluation", &["compute", "serve"]),
    ("enterprise.ip-pledge", &["serve"]),
    ("enterprise.ip-insurance", &["compute"]),
    ("enterprise.overseas-ip", &["compute"]),
    ("enterprise.mnc-rd-centre", &["compute"]),
    ("enterprise.medical-device-bth", &["compute"]),
    ("enterprise.relocation", &["serve"]),
    // 003 §19 (informing and commitment), a service since issue 14; not in design/measures.md.
    ("enterprise.commitment-approval", &["compute", "serve"]),
    ("enterprise.maker-space", &["list"]),
    // Research projects and funds
    ("project.budget-adjustment", &["compute"]),
    ("project.indirect-cost-cap", &["compute"]),
    ("project.all-in-expenses", &["compute"]),
    ("project.inspection-exemption", &["compute"]),
    ("project.one-time-submission", &["serve"]),
    ("project.internal-audit", &["compute"]),
    ("project.procurement", &["compute"]),
    ("project.liability-exemption", &["compute"]),
    ("project.achievement-ownership", &["list"]),
    // Government side
    ("gov.measure-tracker", &["serve"]),
    ("gov.multilingual-platform", &["serve"]),
    ("gov.application-scenarios", &["serve"]),
    ("gov.statistical-monitoring", &["serve"]),
    ("gov.instrument-sharing", &["serve"]),
    ("gov.e-license-ledger", &["serve"]),
    ("gov.policy-reform-simulation", &["compute"]),
    // Issue 16: the tracker covers every numbered measure of 000 and every task of
    // 003; those no entry above carries are listed (officers record their progress).
    ("talent.immigration-pilot-citywide", &["list"]),
    ("enterprise.rd-centre-attraction", &["list"]),
    ("gov.new-rd-institutions", &["list"]),
    ("gov.bri-action-plan", &["list"]),
    ("gov.bri-incubator-consortium", &["list"]),
    ("gov.academic-exchange-platforms", &["list"]),
    ("gov.achievement-transfer-regulations", &["list"]),
    ("gov.achievement-transfer-services", &["list"]),
    ("gov.innovation-funds", &["list"]),
    ("gov.financial-services-opening", &["list"]),
    ("gov.internet-services-opening", &["list"]),
    ("gov.business-culture-tourism", &["list"]),
    ("gov.education-opening", &["list"]),
    ("gov.health-medical-services", &["list"]),
    ("gov.airports-development", &["list"]),
    ("gov.digital-trade-zone", &["list"]),
    ("gov.science-cities-transformation", &["list"]),
    ("gov.cloud-open-source-cluster", &["list"]),
    ("gov.fintech-demonstration", &["list"]),
    ("gov.cultural-innovation", &["list"]),
    ("gov.culture-sports-tourism-tongzhou", &["list"]),
    ("gov.industrial-supply-chain", &["list"]),
    ("gov.policy-linkage", &["list"]),
    ("gov.cross-border-capital", &["list"]),
    ("gov.land-and-technical-support", &["list"]),
];

#[test]
fn shipped_catalogue_validates_against_the_seeds() {
    let problems = embedded().validate(&seeds_dir());
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn ids_are_exactly_those_of_measures_md() {
    let expected: BTreeSet<&str> = MEASURES_MD.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        expected.len(),
        MEASURES_MD.len(),
        "duplicate in the test table"
    );
    let actual: BTreeSet<&str> = embedded().ids().collect();
    let missing: Vec<_> = expected.difference(&actual).collect();
    let invented: Vec<_> = actual.difference(&expected).collect();
    assert!(
        missing.is_empty() && invented.is_empty(),
        "missing from the catalogue: {missing:?}; not in measures.md: {invented:?}"
    );
    assert_eq!(embedded().measures.len(), MEASURES_MD.len());
}

#[test]
fn kinds_match_measures_md() {
    let catalog = embedded();
    for (id, kinds) in MEASURES_MD {
        let m = catalog.get(id).unwrap_or_else(|| panic!("{id} missing"));
        let mut actual = m.kinds.clone();
        actual.sort();
        let mut expected: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
        expected.sort();
        assert_eq!(actual, expected, "{id}");
        if kinds.contains(&"compute") {
            assert!(m.has_kind(Kind::Compute), "{id} must be computable");
        }
    }
}

#[test]
fn groups_follow_id_prefixes_and_typed_views_work() {
    let catalog = embedded();
    let counts: Vec<usize> = Group::ALL
        .iter()
        .map(|g| catalog.in_group(*g).count())
        .collect();
    assert_eq!(counts, [12, 21, 9, 30]);
    let m = catalog.get("enterprise.tech-transfer-tax").unwrap();
    assert_eq!(m.group(), Some(Group::Enterprise));
    assert_eq!(m.kinds(), [Kind::Compute]);
    assert!(m.audience().contains(&Audience::Enterprise));
    assert_eq!(
        m.responsible,
        ["Ministry of Finance", "State Administration of Taxation"]
    );
    assert_eq!(
        m.title.get("zh-CN"),
        "中关村技术转让所得免税额提高至2000万元"
    );
    assert!(catalog.get("enterprise.no-such-measure").is_none());
}

#[test]
fn completion_comes_from_the_action_plan() {
    let c = embedded();
    assert_eq!(
        c.get("talent.category-a-fast-track").unwrap().completion,
        "2019-12"
    );
    assert_eq!(c.get("talent.one-window").unwrap().completion, "2020-06");
    assert_eq!(
        c.get("talent.international-award").unwrap().completion,
        "2019-08"
    );
    assert_eq!(
        c.get("enterprise.overseas-ip").unwrap().completion,
        "ongoing"
    );
    assert_eq!(
        c.get("enterprise.tech-transfer-tax").unwrap().completion,
        ""
    );
}

#[test]
fn serialising_and_parsing_again_gives_the_same_catalogue() {
    let text = toml::to_string(embedded()).expect("serialise");
    let mut again = parse(&text).expect("parse the serialised catalogue");
    // The TOML holds Chinese and English; the other languages come from the catalogues beside it.
    onestop_catalog::apply_translations(&mut again, onestop_catalog::translations::EMBEDDED);
    assert_eq!(&again, embedded());
}

#[test]
fn broken_toml_names_the_line() {
    let text = "[[measure]]\nid = \"talent.x\"\ngroup = \"talent\nkinds = [\"compute\"]\n";
    let err = parse(text).unwrap_err();
    assert_eq!(err.line(), Some(3), "{err}");
    assert!(err.to_string().starts_with("line 3, column "), "{err}");
}

#[test]
fn missing_field_and_unknown_field_are_errors() {
    let mut text = onestop_catalog::EMBEDDED_TOML.replacen("quote_source = ", "quote_sorce = ", 1);
    let err = parse(&text).unwrap_err();
    assert!(err.to_string().contains("quote_sorce"), "{err}");
    assert!(err.line().is_some(), "{err}");

    text = "[[measure]]\nid = \"talent.x\"\n".to_string();
    let err = parse(&text).unwrap_err();
    assert!(err.to_string().contains("missing field"), "{err}");
}

fn shipped() -> Catalog {
    embedded().clone()
}

fn entry<'a>(c: &'a mut Catalog, id: &str) -> &'a mut MeasureEntry {
    c.measures.iter_mut().find(|m| m.id == id).unwrap()
}

fn has_problem(problems: &[String], id: &str, needle: &str) -> bool {
    problems
        .iter()
        .any(|p| p.starts_with(&format!("{id}: ")) && p.contains(needle))
}

#[test]
fn tampered_quote_is_reported() {
    let mut c = shipped();
    let m = entry(&mut c, "enterprise.tech-transfer-tax");
    m.quote = m.quote.replace("20 million", "30 million");
    let problems = c.validate(&seeds_dir());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        has_problem(
            &problems,
            "enterprise.tech-transfer-tax",
            "quote not found verbatim"
        ),
        "{problems:?}"
    );
}

#[test]
fn quote_from_another_seed_is_reported() {
    // Verbatim in 001, but quote_source says 003.
    let mut c = shipped();
    let quote = c.get("project.indirect-cost-cap").unwrap().quote.clone();
    entry(&mut c, "enterprise.tech-transfer-tax").quote = quote;
    let problems = c.validate(&seeds_dir());
    assert!(
        has_problem(
            &problems,
            "enterprise.tech-transfer-tax",
            "quote not found verbatim"
        ),
        "{problems:?}"
    );
}

#[test]
fn structural_problems_are_reported() {
    let mut c = shipped();
    let dup = c.get("talent.pension-extension").unwrap().clone();
    c.measures.push(dup);
    {
        let m = entry(&mut c, "talent.flexible-pay");
        m.kinds.push("calculate".into());
        m.audience.push("citizens".into());
        m.status = "done".into();
        m.completion = "Dec 2019".into();
        m.responsible.clear();
        m.summary.zh = " ".into();
    }
    {
        let m = entry(&mut c, "project.procurement");
        m.group = "projects".into();
        m.sources.push("009_missing.txt §1".into());
        m.sources.push("001_0cbca1dd9c1e8cc0.txt §12-13".into());
        m.quote_source = "001_0cbca1dd9c1e8cc0.txt §21".into();
    }
    entry(&mut c, "gov.e-license-ledger").group = "enterprise".into();
    entry(&mut c, "talent.title-review").sources = vec!["../Cargo.toml".into()];

    let p = c.validate(&seeds_dir());
    let expect = [
        ("talent.pension-extension", "duplicate id"),
        ("talent.flexible-pay", "unknown Kind \"calculate\""),
        ("talent.flexible-pay", "unknown Audience \"citizens\""),
        ("talent.flexible-pay", "unknown Status \"done\""),
        ("talent.flexible-pay", "completion \"Dec 2019\""),
        ("talent.flexible-pay", "empty responsible"),
        ("talent.flexible-pay", "empty summary.zh"),
        ("project.procurement", "unknown Group \"projects\""),
        (
            "project.procurement",
            "unknown seed file \"009_missing.txt\"",
        ),
        ("project.procurement", "section \"§12-13\""),
        (
            "project.procurement",
            "quote_source \"001_0cbca1dd9c1e8cc0.txt §21\" is not among sources",
        ),
        ("gov.e-license-ledger", "does not start with its group"),
        ("talent.title-review", "unknown seed file \"../Cargo.toml\""),
        (
            "talent.title-review",
            "quote_source \"001_0cbca1dd9c1e8cc0.txt §6\" is not among sources",
        ),
    ];
    for (id, needle) in expect {
        assert!(
            has_problem(&p, id, needle),
            "expected {id}: …{needle}… in\n{}",
            p.join("\n")
        );
    }
    assert_eq!(
        p.len(),
        expect.len(),
        "unexpected extra problems:\n{}",
        p.join("\n")
    );
}

#[test]
fn a_catalogue_with_empty_texts_reports_them_all() {
    let text = r#"
[[measure]]
id = ""
group = "talent"
kinds = []
audience = []
sources = []
title = { zh = "", en = "" }
summary = { zh = "", en = "" }
quote = ""
quote_source = ""
responsible = [""]
completion = ""
status = "planned"
"#;
    let c = parse(text).expect("well-formed TOML");
    let p = c.validate(&seeds_dir());
    for needle in [
        "empty id",
        "no kinds",
        "no audience",
        "no sources",
        "empty title.zh",
        "empty title.en",
        "empty summary.en",
        "empty quote",
        "empty name in responsible",
        "unknown seed file \"\"",
    ] {
        assert!(
            p.iter()
                .any(|x| x.starts_with("measure #1: ") && x.contains(needle)),
            "{needle} not in\n{}",
            p.join("\n")
        );
    }
}

/// The tracker's coverage (issue 16): every numbered measure of the Action Plan (000,
/// §1-§15 with their sub-items) and every task of the State Council's work plan (003,
/// 1-26) is the source of at least one catalogue entry.
#[test]
fn every_numbered_measure_of_000_and_every_task_of_003_is_in_the_catalogue() {
    let cited: BTreeSet<String> = embedded()
        .measures
        .iter()
        .flat_map(|m| m.sources.iter().cloned())
        .collect();
    let mut wanted: Vec<String> = Vec::new();
    for n in 1..=15 {
        match n {
            1 | 4 | 9 | 12 | 15 => {
                for sub in 1..=2 {
                    wanted.push(format!("000_abb21015abc8a560.txt §{n}({sub})"));
                }
            }
            _ => wanted.push(format!("000_abb21015abc8a560.txt §{n}")),
        }
    }
    for n in 1..=26 {
        wanted.push(format!("003_021bab1a94e0afa8.txt §{n}"));
    }
    let missing: Vec<&String> = wanted.iter().filter(|w| !cited.contains(*w)).collect();
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
    // The sub-items of 000 are cited as such, never as the bare section.
    for n in [1, 4, 9, 12, 15] {
        assert!(
            !cited.contains(&format!("000_abb21015abc8a560.txt §{n}")),
            "000 §{n} has sub-items: cite §{n}(1) or §{n}(2)"
        );
    }
}
