//! The rules' translations through the command line (issue 17): `onestop check
//! --deny-warnings` passes on the shipped rules and fails when one translation is
//! removed; `onestop explain --lang` speaks Korean, Russian, Spanish and Arabic.

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

/// A fresh directory of this test process under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("onestop-i18n-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A copy of the shipped rules directory in a fresh scratch directory.
fn copy_rules() -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("dir");
        for e in std::fs::read_dir(from).expect("read dir") {
            let e = e.expect("entry");
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).expect("copy");
            }
        }
    }
    let dir = scratch("rules");
    copy(&repo().join("rules"), &dir.join("rules"));
    dir
}

#[test]
fn the_shipped_rules_lack_no_translation() {
    let o = onestop(&["check", "rules", "--deny-warnings"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn removing_one_translation_fails_the_check_with_the_key_to_add() {
    let dir = copy_rules();
    let ko = dir.join("rules/locales/ko.ftl");
    let text = std::fs::read_to_string(&ko).expect("ko.ftl");
    let line = text
        .lines()
        .find(|l| l.starts_with("tech_transfer_income = "))
        .expect("the line to remove")
        .to_string();
    std::fs::write(&ko, text.replace(&format!("{line}\n"), "")).expect("write");
    let rules = dir.join("rules");
    let rules = rules.to_str().expect("utf8");
    let o = onestop(&["check", rules, "--deny-warnings"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("warning[W-TRANSLATION]: no Korean translation of the title of input `tech_transfer_income`"),
        "{out}"
    );
    assert!(
        out.contains("add `tech_transfer_income = ...` to rules/locales/ko.ftl"),
        "{out}"
    );
    assert!(out.contains("0 error(s), 1 warning(s)"), "{out}");
    // Without --deny-warnings it is only a warning.
    assert!(onestop(&["check", rules]).status.success());
}

#[test]
fn explain_speaks_each_language_with_its_numbers() {
    let facts = scratch("facts").join("facts.json");
    std::fs::write(
        &facts,
        r#"{"is_resident_enterprise": true, "tax_year": 2021, "tech_transfer_income": "30000000", "zgc_park": "haidian_park"}"#,
    )
    .expect("write");
    for (lang, words, amount) in [
        ("ko", ["근거", "산출 과정"], "5,000,000.00위안"),
        (
            "ru",
            ["источник", "как получен результат"],
            "5\u{a0}000\u{a0}000,00 юаней",
        ),
        (
            "es",
            ["fuente", "cómo se ha calculado"],
            "5.000.000,00 yuanes",
        ),
        ("ar", ["المصدر", "كيف جرى الحساب"], "5,000,000.00 يوان"),
    ] {
        let o = onestop(&[
            "explain",
            "--entity",
            "enterprise",
            "--facts",
            facts.to_str().expect("utf8"),
            "--date",
            "2022-05-31",
            "--measure",
            "enterprise.tech-transfer-tax",
            "--lang",
            lang,
        ]);
        let out = stdout(&o);
        assert!(
            o.status.success(),
            "{lang}: {out}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        for w in words {
            assert!(out.contains(w), "{lang} lacks {w:?}: {out}");
        }
        assert!(out.contains(amount), "{lang} lacks {amount:?}: {out}");
        assert!(
            !out.contains("how it was worked out"),
            "{lang}: English: {out}"
        );
    }
    let o = onestop(&[
        "explain",
        "--entity",
        "enterprise",
        "--facts",
        facts.to_str().expect("utf8"),
        "--lang",
        "fr",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("use en, zh, ko, ru, es or ar"));
}
