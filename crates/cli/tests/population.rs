//! `onestop population` and `onestop simulate`, through the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn onestop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onestop"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("run onestop")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("onestop-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn generate_is_deterministic_for_a_seed() {
    let d = scratch("generate");
    let a = d.join("a.parquet");
    let b = d.join("b.parquet");
    let c = d.join("c.parquet");
    for (p, seed) in [(&a, "5"), (&b, "5"), (&c, "6")] {
        let o = onestop(&[
            "population",
            "generate",
            "--entity",
            "enterprise",
            "--count",
            "3000",
            "--seed",
            seed,
            "--out",
            p.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            text(&o).contains("wrote 3000 enterprise rows"),
            "{}",
            text(&o)
        );
    }
    let (a, b, c) = (
        std::fs::read(a).expect("a"),
        std::fs::read(b).expect("b"),
        std::fs::read(c).expect("c"),
    );
    assert_eq!(a, b, "same seed, same file");
    assert_ne!(a, c, "another seed, another file");
    for entity in ["person", "project"] {
        let p = d.join(format!("{entity}.parquet"));
        let o = onestop(&[
            "population",
            "generate",
            "--entity",
            entity,
            "--count",
            "500",
            "--out",
            p.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", text(&o));
    }
}

#[test]
fn simulate_writes_json_and_html_reports() {
    let d = scratch("simulate");
    let pop = d.join("pop.parquet");
    let o = onestop(&[
        "population",
        "generate",
        "--entity",
        "enterprise",
        "--count",
        "1500",
        "--seed",
        "2",
        "--out",
        pop.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let out = d.join("report");
    let o = onestop(&[
        "simulate",
        "--population",
        pop.to_str().expect("path"),
        "--reform",
        "tech-transfer-20m-beijing",
        "--date",
        "2024-05-31",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("json"))
            .expect("valid json");
    let t = &report["totals"];
    assert_eq!(t["rows"], 1500);
    // Raising the exemption to 20 million everywhere only lowers taxes.
    assert!(t["winners"].as_u64().expect("winners") > 0, "{t}");
    assert_eq!(t["losers"], 0, "{t}");
    let cost: f64 = t["cost"].as_str().expect("cost").parse().expect("number");
    assert!(cost > 0.0, "{t}");
    let tt = report["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["id"] == "enterprise.tech-transfer-tax")
        .expect("tech transfer measure");
    assert_eq!(tt["benefit_output"], "tech_transfer_tax_saved");
    // Winners are in parks outside the pilot (or in no park): the six pilot parks gain nothing.
    let parks = report["by"]["zgc_park"].as_array().expect("by park");
    for p in parks {
        if p["key"] == "haidian_park" || p["key"] == "chaoyang_park" {
            assert_eq!(p["winners"], 0, "{p}");
        }
    }
    assert!(
        report["by"]["district"]
            .as_array()
            .expect("by district")
            .len()
            > 5
    );
    let html = std::fs::read_to_string(out.join("report.html")).expect("html");
    assert!(
        html.contains("<svg") && html.contains("Cost by district"),
        "charts inline"
    );
    assert!(out.join("cost-by-district.svg").is_file() && out.join("gains.svg").is_file());
}

#[test]
fn a_population_column_of_the_wrong_type_is_named() {
    let d = scratch("badtype");
    let csv = d.join("pop.csv");
    std::fs::write(&csv, "id,tax_year,tech_transfer_income\n1,2023,abc\n").expect("csv");
    let o = onestop(&[
        "simulate",
        "--population",
        csv.to_str().expect("path"),
        "--reform",
        "tech-transfer-20m-beijing",
        "--date",
        "2024-05-31",
        "--out",
        d.join("r").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let msg = text(&o);
    assert!(
        msg.contains("tech_transfer_income") && msg.contains("\"abc\""),
        "{msg}"
    );
    // A Parquet column of floating point money is refused before anything runs.
    let out = d.join("eval.parquet");
    let o = onestop(&[
        "population",
        "eval",
        "--entity",
        "enterprise",
        "--population",
        "crates/batch/tests/data/float-money.parquet",
        "--date",
        "2024-05-31",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let msg = text(&o);
    assert!(
        msg.contains("population column `tech_transfer_income` has type Float64")
            && msg.contains("money")
            && msg.contains("decimal(38,2)"),
        "{msg}"
    );
}

#[test]
fn population_eval_writes_every_measure() {
    let d = scratch("eval");
    let pop = d.join("pop.parquet");
    let o = onestop(&[
        "population",
        "generate",
        "--entity",
        "project",
        "--count",
        "300",
        "--out",
        pop.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let out = d.join("out.parquet");
    let o = onestop(&[
        "population",
        "eval",
        "--entity",
        "project",
        "--population",
        pop.to_str().expect("path"),
        "--date",
        "2024-05-31",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("evaluated 300 project rows"),
        "{}",
        text(&o)
    );
    assert!(std::fs::metadata(&out).expect("output").len() > 1000);
}
