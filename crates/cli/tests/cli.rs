//! The `onestop` command through its public face: exit codes, output, and errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn onestop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onestop"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run onestop")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("onestop-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

#[test]
fn check_is_clean_on_the_shipped_rules() {
    let o = onestop(&["check", "rules"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains(" 0 error(s)"), "{out}");
}

#[test]
fn check_uncertain_lists_every_mark_with_file_line_and_reason() {
    let o = onestop(&["check", "rules", "--uncertain"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(
        out.lines().any(
            |l| l.starts_with("rules/enterprise/credit-risk-compensation.policy:")
                && l.contains(": placeholder parameter crc_compensation_rate_startup: ")
                && l.contains("sets no figure")
        ),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.contains(": uncertain parameter citation relocation_working_days \"Regulations on the Administration of Company Registration art. 54")),
        "{out}"
    );
    let last = out.lines().last().unwrap_or("");
    assert!(
        last.contains(" placeholder, ") && last.ends_with(" uncertain"),
        "{last}"
    );
    // Without the flag nothing is listed.
    let o = onestop(&["check", "rules"]);
    assert!(!stdout(&o).contains("mark(s)"));
}

#[test]
fn every_rule_test_passes() {
    // `cargo test` runs the rule tests through the same command users run.
    let o = onestop(&["test", "rules"]);
    let out = stdout(&o);
    let last = out.lines().last().unwrap_or("");
    assert!(o.status.success(), "{out}");
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    let passed: usize = last
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(passed >= 10, "{last}");
}

#[test]
fn check_reports_file_line_column_and_fails() {
    let dir = std::env::temp_dir().join(format!("onestop-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("a.policy"),
        "entity enterprise\n  title en \"E\" zh \"企业\"\nscope enterprise\ndefinition x : money\n  title en \"X\" zh \"X\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = y + 1 yuan\n",
    )
    .expect("write");
    let o = onestop(&["check", dir.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("a.policy:7:5"), "{out}");
    assert!(out.contains("unknown name `y`"), "{out}");
    assert!(out.contains("1 error(s)"), "{out}");
}

#[test]
fn measures_lists_every_measure_and_which_have_rules() {
    let o = onestop(&["measures", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json array");
    assert_eq!(rows.len(), onestop_catalog::embedded().measures.len());
    for r in &rows {
        for key in ["id", "title", "source", "computable"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let tt = rows
        .iter()
        .find(|r| r["id"] == "enterprise.tech-transfer-tax")
        .expect("tech transfer");
    assert_eq!(tt["computable"], true);
    assert!(
        tt["source"]
            .as_str()
            .unwrap_or("")
            .contains("003_021bab1a94e0afa8.txt §20")
    );
    let maker = rows
        .iter()
        .find(|r| r["id"] == "enterprise.maker-space")
        .expect("a list-only measure");
    assert_eq!(maker["computable"], false);
}

#[test]
fn every_compute_measure_has_rules() {
    let o = onestop(&["measures", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    let catalog = onestop_catalog::embedded();
    let mut missing = Vec::new();
    for m in &catalog.measures {
        // gov.policy-reform-simulation is computed over populations by `onestop simulate`, not per case.
        if m.kinds.iter().any(|k| k == "compute") && m.id != "gov.policy-reform-simulation" {
            let row = rows.iter().find(|r| r["id"] == m.id.as_str()).expect("row");
            if row["computable"] != true {
                missing.push(m.id.clone());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "compute measures without rules: {missing:?}"
    );
}

const FACTS: &str = r#"{"tax_year": 2021, "is_resident_enterprise": true, "is_high_tech_enterprise": false,
 "zgc_park": "dongcheng_park", "tech_transfer_income": "30000000"}"#;

#[test]
fn eval_json_gives_status_outputs_and_missing() {
    let f = tmp("facts.json", FACTS);
    let o = onestop(&[
        "eval",
        "--entity",
        "enterprise",
        "--facts",
        f.to_str().expect("p"),
        "--date",
        "2022-05-31",
        "--measure",
        "enterprise.tech-transfer-tax",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let m = &v["measures"][0];
    assert_eq!(m["measure"], "enterprise.tech-transfer-tax");
    assert_eq!(m["status"], "eligible");
    assert_eq!(m["outputs"]["tech_transfer_exempt_amount"], "5000000.00");
    assert_eq!(m["outputs"]["tech_transfer_tax_due"], "3125000.00");
    assert_eq!(m["missing"], serde_json::json!([]));
    assert_eq!(v["measures"].as_array().map(|a| a.len()), Some(1));
}

#[test]
fn eval_lists_missing_facts_for_undetermined_measures() {
    let f = tmp("partial.json", r#"{"is_resident_enterprise": true}"#);
    let o = onestop(&[
        "eval",
        "--entity",
        "enterprise",
        "--facts",
        f.to_str().expect("p"),
        "--date",
        "2022-05-31",
        "--measure",
        "enterprise.tech-transfer-tax",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["measures"][0]["status"], "undetermined");
    assert_eq!(
        v["measures"][0]["missing"],
        serde_json::json!(["tech_transfer_income"])
    );
}

#[test]
fn eval_with_a_reform_shows_both_side_by_side() {
    let f = tmp("facts2.json", FACTS);
    let o = onestop(&[
        "eval",
        "--entity",
        "enterprise",
        "--facts",
        f.to_str().expect("p"),
        "--date",
        "2022-05-31",
        "--measure",
        "enterprise.tech-transfer-tax",
        "--reform",
        "tech-transfer-20m-beijing",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v["baseline"]["measures"][0]["outputs"]["tech_transfer_tax_due"],
        "3125000.00"
    );
    assert_eq!(
        v["reformed"]["measures"][0]["outputs"]["tech_transfer_tax_due"],
        "1250000.00"
    );
    let diffs = v["differences"].as_array().expect("differences");
    assert!(
        diffs
            .iter()
            .any(|d| d["field"] == "tech_transfer_exempt_amount" && d["reform"] == "20000000.00"),
        "{v}"
    );
    let text = onestop(&[
        "eval",
        "--entity",
        "enterprise",
        "--facts",
        f.to_str().expect("p"),
        "--date",
        "2022-05-31",
        "--measure",
        "enterprise.tech-transfer-tax",
        "--reform",
        "rules/reforms/tech-transfer-20m-beijing.reform",
    ]);
    let out = stdout(&text);
    assert!(out.contains("baseline") && out.contains("reform"), "{out}");
    assert!(out.contains("20 000 000.00 yuan"), "{out}");
}

#[test]
fn explain_in_chinese_cites_sources() {
    let f = tmp("facts3.json", FACTS);
    let o = onestop(&[
        "explain",
        "--entity",
        "enterprise",
        "--facts",
        f.to_str().expect("p"),
        "--date",
        "2022-05-31",
        "--measure",
        "enterprise.tech-transfer-tax",
        "--lang",
        "zh",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("推导过程"), "{out}");
    assert!(
        out.contains("依据: Enterprise Income Tax Law Implementing Regulations art. 90"),
        "{out}"
    );
    assert!(
        out.contains("参数 tech_transfer_exempt_national = 5 000 000.00 元"),
        "{out}"
    );
    let en = stdout(&onestop(&[
        "explain",
        "--entity",
        "enterprise",
        "--facts",
        f.to_str().expect("p"),
        "--date",
        "2022-05-31",
        "--measure",
        "enterprise.tech-transfer-tax",
    ]));
    assert!(
        en.contains("how it was worked out")
            && en.contains("fact zgc_park = Dongcheng Park (dongcheng_park)"),
        "{en}"
    );
}

fn assert_one_line_error(o: &Output, needle: &str) {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    let err = stderr(o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "expected `{needle}` in: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_gets_a_one_line_error() {
    let good = tmp("good.json", FACTS);
    let g = good.to_str().expect("p");
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "enterprise",
            "--facts",
            "/nonexistent/facts.json",
            "--date",
            "2022-05-31",
        ]),
        "cannot read facts file",
    );
    let bad = tmp("bad.json", "{\"tax_year\": 2021,,}");
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "enterprise",
            "--facts",
            bad.to_str().expect("p"),
            "--date",
            "2022-05-31",
        ]),
        "line 1, column",
    );
    let wrong = tmp("wrong.json", r#"{"tech_transfer_income": true}"#);
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "enterprise",
            "--facts",
            wrong.to_str().expect("p"),
            "--date",
            "2022-05-31",
        ]),
        "fact `tech_transfer_income`: expected an amount in yuan",
    );
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "company",
            "--facts",
            g,
            "--date",
            "2022-05-31",
        ]),
        "unknown entity `company`",
    );
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "enterprise",
            "--facts",
            g,
            "--date",
            "2022-05-31",
            "--measure",
            "enterprise.tech-transfer-taxes",
        ]),
        "did you mean `enterprise.tech-transfer-tax`?",
    );
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "enterprise",
            "--facts",
            g,
            "--date",
            "31/05/2022",
        ]),
        "write YYYY-MM-DD",
    );
    assert_one_line_error(
        &onestop(&[
            "eval",
            "--entity",
            "enterprise",
            "--facts",
            g,
            "--date",
            "2022-05-31",
            "--reform",
            "no-such-reform",
        ]),
        "unknown reform `no-such-reform`",
    );
    assert_one_line_error(
        &onestop(&[
            "explain",
            "--entity",
            "enterprise",
            "--facts",
            g,
            "--date",
            "2022-05-31",
            "--lang",
            "fr",
        ]),
        "unknown language `fr`",
    );
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    let dir = std::env::temp_dir().join(format!("onestop-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let deep = format!(
        "scope enterprise\n\ndefinition x : int\n  cite \"000_abb21015abc8a560.txt §1\" from 2024-01-01\n  = {}1{}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    std::fs::write(dir.join("deep.policy"), deep).expect("write");
    // A file that is not UTF-8 is reported with its path; the other file is still checked.
    std::fs::write(dir.join("latin1.policy"), b"scope enterprise\n# caf\xe9\n").expect("write");
    let o = onestop(&["check", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        out.contains("E-DEPTH") && out.contains("nests more than"),
        "{out}"
    );
    assert!(
        out.contains("latin1.policy") && out.contains("not UTF-8"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    // The explanation (66 kB) is larger than a pipe's buffer (64 KiB): writing it
    // after the reader has gone fails with EPIPE, which used to be a panic (101).
    let mut child = Command::new(env!("CARGO_BIN_EXE_onestop"))
        .args(["explain", "--facts", "data/samples/enterprise.json"])
        .current_dir(repo())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    let mut out = child.stdout.take().expect("stdout");
    out.read_exact(&mut first).expect("some output");
    drop(out);
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_oversized_facts_file_is_refused_with_a_reason() {
    let big = tmp(
        "big.json",
        &format!("{{\"x\": \"{}\"}}", "a".repeat(17 << 20)),
    );
    let o = onestop(&[
        "eval",
        "--entity",
        "enterprise",
        "--facts",
        &big.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("larger than 16 MiB"), "{}", stderr(&o));
}

#[test]
fn services_files_are_checked_with_file_line_and_hint() {
    let o = onestop(&["services", "check", "--data", "/nonexistent-onestop-data"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(shipped): 10 services, 12 agencies"),
        "{}",
        stdout(&o)
    );
    let unknown_agency = tmp(
        "services-agency.toml",
        "[agencies]\nx = { en = \"X\", zh = \"X\" }\n\n[[service]]\nid = \"s1\"\nentity = \"person\"\nmeasure = \"talent.category-a-fast-track\"\nsource = \"000\"\ntitle = { en = \"a\", zh = \"b\" }\n  [[service.case]]\n  kind = \"k\"\n  agency = \"y\"\n  title = { en = \"a\", zh = \"b\" }\n",
    );
    let o = onestop(&["services", "check", &unknown_agency.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("services-agency.toml:12: error: service `s1` names unknown agency `y`"),
        "{}",
        stderr(&o)
    );
    let unknown_measure = tmp(
        "services-measure.toml",
        "[agencies]\ny = { en = \"Y\", zh = \"Y\" }\n\n[[service]]\nid = \"s1\"\nentity = \"person\"\nmeasure = \"talent.nope\"\nsource = \"000\"\ntitle = { en = \"a\", zh = \"b\" }\n  [[service.case]]\n  kind = \"k\"\n  agency = \"y\"\n  title = { en = \"a\", zh = \"b\" }\n  working_days_parameter = \"nope_days\"\n",
    );
    let o = onestop(&["services", "check", &unknown_measure.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("services-measure.toml:7: error: service `s1` uses measure `talent.nope`"),
        "{err}"
    );
    assert!(err.contains("services-measure.toml:14: error: case `k` of service `s1` names parameter `nope_days`, which the rules do not define"), "{err}");
    let broken = tmp("services-broken.toml", "[agencies\nx = 1\n");
    let o = onestop(&["services", "check", &broken.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("services-broken.toml:1:10: error:"),
        "{}",
        stderr(&o)
    );
}
