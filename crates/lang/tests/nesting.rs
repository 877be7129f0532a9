//! Nesting has a limit: input nested deeper than `MAX_NESTING` gets a diagnostic,
//! never a stack overflow, and everything up to the limit parses, checks, prints and
//! drops on an ordinary 2 MiB thread stack in a debug build.

use onestop_lang::parser::MAX_NESTING;
use onestop_lang::{Diagnostic, Program, RuleSet, render_all};
use proptest::prelude::*;

const LIMIT: usize = MAX_NESTING as usize;

const BASE: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"
parameter start_date : date
  title en "Start" zh "开始"
  from 2020-01-01: 2020-01-01 cite "EIT Law art. 4" from 2008-01-01
"#;

/// Runs `f` on a thread whose stack is the 2 MiB a test thread has by default, set
/// explicitly so that neither `RUST_MIN_STACK` nor the platform can enlarge it.
fn on_normal_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn a test thread");
    match handle.join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn definition(ty: &str, body: &str) -> String {
    format!(
        "scope enterprise\ndefinition deep : {ty}\n  title en \"Deep\" zh \"深\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = {body}\n"
    )
}

struct Outcome {
    program: Option<Program>,
    diags: Vec<Diagnostic>,
    rendered: String,
}

impl Outcome {
    fn errors(&self) -> Vec<&Diagnostic> {
        self.diags.iter().filter(|d| d.is_error()).collect()
    }

    fn depth_errors(&self) -> usize {
        self.errors().iter().filter(|d| d.code == "E-DEPTH").count()
    }

    fn assert_too_deep(&self) {
        assert!(self.program.is_none(), "accepted:\n{}", self.rendered);
        assert_eq!(self.depth_errors(), 1, "{}", self.rendered);
        let d = self
            .errors()
            .into_iter()
            .find(|d| d.code == "E-DEPTH")
            .cloned()
            .expect("a depth error");
        assert!(
            d.message
                .contains(&format!("more than {MAX_NESTING} levels")),
            "{}",
            d.message
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap_or("")
                .contains(&format!("nest at most {MAX_NESTING} deep"))
        );
    }

    fn assert_accepted(&self) {
        assert!(
            self.errors().is_empty() && self.program.is_some(),
            "rejected:\n{}",
            self.rendered
        );
    }
}

/// Parses and checks one rule file next to `BASE`, the way `onestop check` does, and
/// renders the diagnostics; on a normal stack.
fn check(text: String) -> Outcome {
    on_normal_stack(move || {
        let mut set = RuleSet::new();
        set.add_text("rules/base.policy", BASE);
        set.add_text("rules/deep.policy", &text);
        let (program, diags) = set.check(None);
        let rendered = render_all(&diags, &set.sources);
        // Printing and dropping deep trees recurse too.
        let _ = format!("{set:?}");
        let _ = format!("{program:?}");
        Outcome {
            program,
            diags,
            rendered,
        }
    })
}

fn nest(n: usize, open: &str, leaf: &str, close: &str) -> String {
    format!("{}{leaf}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn hundred_thousand_parentheses_get_a_diagnostic_through_load_dir() {
    let dir = std::env::temp_dir().join(format!("onestop-nesting-{}", std::process::id()));
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).expect("temp dir");
    std::fs::write(rules.join("base.policy"), BASE).expect("write");
    std::fs::write(
        rules.join("deep.policy"),
        definition("int", &nest(100_000, "(", "1", ")")),
    )
    .expect("write");
    let result = on_normal_stack(move || {
        let set = RuleSet::load_dir(&rules)?;
        let (program, diags) = set.check(None);
        Ok::<_, String>((program.is_some(), diags, set.sources))
    });
    let _ = std::fs::remove_dir_all(&dir);
    let (accepted, diags, sources) = result.expect("load the rules");
    assert!(!accepted);
    let depth: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "E-DEPTH").collect();
    assert_eq!(depth.len(), 1, "{diags:?}");
    // It points at the parenthesis that crosses the limit.
    let d = depth[0];
    let text = &sources.file(d.span.file).text;
    let open = text.find('(').expect("a parenthesis");
    assert_eq!(d.span.start as usize, open + LIMIT);
    assert_eq!(&text[d.span.start as usize..d.span.end as usize], "(");
    let out = render_all(&diags, &sources);
    assert!(out.contains("error[E-DEPTH]"), "{out}");
    assert!(
        out.contains("split this one into named definitions"),
        "{out}"
    );
}

#[test]
fn hundred_thousand_prefix_operators_get_a_diagnostic() {
    for (ty, body) in [
        ("int", format!("{}1", "-".repeat(100_000))),
        ("int", format!("{}1", "- ".repeat(100_000))),
        ("bool", format!("{}true", "not ".repeat(100_000))),
        (
            "date",
            format!("{}2020-01-01", "start_date at ".repeat(100_000)),
        ),
        ("int", nest(100_000, "max(", "1", ", 0)")),
        ("int", nest(100_000, "{", "1", "}")),
    ] {
        check(definition(ty, &body)).assert_too_deep();
    }
}

#[test]
fn hundred_thousand_nested_ifs_get_a_diagnostic() {
    let n = 100_000;
    // Nested in the else branch (an else-if chain), the then branch and the condition.
    let chain = format!("{}0", "if true then 1 else ".repeat(n));
    let then = nest(n, "if true then ", "1", " else 0");
    let cond = nest(n, "if ", "true", " then true else false");
    for body in [chain, then] {
        check(definition("int", &body)).assert_too_deep();
    }
    check(definition("bool", &cond)).assert_too_deep();
}

#[test]
fn hundred_thousand_operators_in_a_row_get_a_diagnostic() {
    // Read in a loop, but the tree they build is as deep as the chain is long.
    for (ty, body) in [
        ("int", format!("1{}", " + 1".repeat(100_000))),
        ("int", format!("1{}", " * 1".repeat(100_000))),
        ("bool", format!("true{}", " and true".repeat(100_000))),
        ("bool", format!("true{}", " or true".repeat(100_000))),
        // A tree at the limit, then one more operator.
        ("int", format!("{} + 1", nest(LIMIT, "(", "1", ")"))),
    ] {
        check(definition(ty, &body)).assert_too_deep();
    }
}

#[test]
fn deep_set_types_get_a_diagnostic() {
    let ty = format!("{}int", "set of ".repeat(100_000));
    check(definition(&ty, "{1}")).assert_too_deep();
}

#[test]
fn nesting_at_the_limit_still_parses_and_checks() {
    let n = LIMIT;
    let set_ty = format!("{}int", "set of ".repeat(n));
    let cases = [
        ("int", nest(n, "(", "1", ")")),
        ("int", format!("{}1", "- ".repeat(n))),
        ("bool", format!("{}true", "not ".repeat(n))),
        ("date", format!("{}2020-01-01", "start_date at ".repeat(n))),
        ("int", nest(n, "max(", "1", ", 0)")),
        (set_ty.as_str(), nest(n, "{", "1", "}")),
        ("int", format!("{}0", "if true then 1 else ".repeat(n))),
        ("int", nest(n, "if true then ", "1", " else 0")),
        ("bool", nest(n, "if ", "true", " then true else false")),
        ("int", format!("1{}", " + 1".repeat(n))),
        ("bool", format!("true{}", " or true".repeat(n))),
        ("int", format!("{} + 1", nest(n - 1, "(", "1", ")"))),
    ];
    for (ty, body) in &cases {
        check(definition(ty, body)).assert_accepted();
    }
    // One more level is too many.
    let over = [
        ("int", nest(n + 1, "(", "1", ")")),
        ("bool", format!("{}true", "not ".repeat(n + 1))),
        ("int", format!("1{}", " + 1".repeat(n + 1))),
        ("int", format!("{}0", "if true then 1 else ".repeat(n + 1))),
    ];
    for (ty, body) in &over {
        check(definition(ty, body)).assert_too_deep();
    }
    let too_deep_type = format!("set of {set_ty}");
    check(definition(&too_deep_type, "{1}")).assert_too_deep();
}

#[test]
fn the_limit_is_per_item() {
    // A rejected item does not leave its depth behind for the next one.
    let too_deep = definition("int", &nest(LIMIT + 1, "(", "1", ")"));
    let at_limit = nest(LIMIT, "(", "1", ")");
    let text = format!(
        "{too_deep}definition fine : int\n  title en \"Fine\" zh \"好\"\n  cite \"EIT Law art. 4\" from 2008-01-01\n  = {at_limit}\n"
    );
    let out = check(text);
    assert_eq!(out.depth_errors(), 1, "{}", out.rendered);
    assert_eq!(out.errors().len(), 1, "{}", out.rendered);
}

/// A type of expression the generator builds.
#[derive(Clone, Copy, PartialEq)]
enum Ty {
    Int,
    Bool,
}

/// Wraps an expression in one construct, given its type and how loosely it binds
/// (0: `if`, 1: `or`, 2: `and`, 3: `not`, 4: comparison, 5: `+`, 7: `-x`, 8: atom).
/// Returns the text before and after it, the new type and binding, and the levels
/// added. Where the construct binds tighter than the expression, the expression is
/// parenthesised first, which is one more level.
fn wrap(choice: u8, ty: Ty, binding: u8) -> (String, String, Ty, u8, usize) {
    // (before, after, needs, new type, new binding, levels)
    let (before, after, needs, new_ty, new_binding, levels) = match ty {
        Ty::Int => match choice % 8 {
            0 => ("(", ")", 0, Ty::Int, 8, 1),
            1 => ("-", "", 7, Ty::Int, 7, 1),
            2 => ("if true then ", " else 0", 0, Ty::Int, 0, 1),
            3 => ("if false then 0 else ", "", 0, Ty::Int, 0, 1),
            4 => ("max(", ", 0)", 0, Ty::Int, 8, 1),
            5 => ("", " + 1", 5, Ty::Int, 5, 1),
            6 => ("", " = 0", 5, Ty::Bool, 4, 1),
            _ => ("0 in {", "}", 0, Ty::Bool, 4, 2),
        },
        Ty::Bool => match choice % 7 {
            0 => ("(", ")", 0, Ty::Bool, 8, 1),
            1 => ("not ", "", 3, Ty::Bool, 3, 1),
            2 => ("if true then ", " else false", 0, Ty::Bool, 0, 1),
            3 => ("if false then true else ", "", 0, Ty::Bool, 0, 1),
            4 => ("", " and true", 2, Ty::Bool, 2, 1),
            5 => ("", " or false", 1, Ty::Bool, 1, 1),
            _ => ("if ", " then 1 else 0", 0, Ty::Int, 0, 1),
        },
    };
    if binding < needs {
        (
            format!("{before}("),
            format!("){after}"),
            new_ty,
            new_binding,
            levels + 1,
        )
    } else {
        (before.into(), after.into(), new_ty, new_binding, levels)
    }
}

/// An expression built from `choices`, innermost first, with its type and depth.
fn generate(choices: &[u8]) -> (String, Ty, usize) {
    let (mut ty, mut binding, mut depth) = (Ty::Int, 8, 0);
    let (mut befores, mut afters) = (Vec::new(), Vec::new());
    for &c in choices {
        let (before, after, t, b, levels) = wrap(c, ty, binding);
        befores.push(before);
        afters.push(after);
        (ty, binding, depth) = (t, b, depth + levels);
    }
    befores.reverse();
    let text = format!("{}1{}", befores.concat(), afters.concat());
    (text, ty, depth)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn an_error_exactly_when_nesting_exceeds_the_limit(
        choices in prop_oneof![
            proptest::collection::vec(any::<u8>(), 1..=2000),
            proptest::collection::vec(any::<u8>(), (LIMIT - 40)..=(LIMIT + 8)),
        ]
    ) {
        let (body, ty, depth) = generate(&choices);
        let ty = match ty {
            Ty::Int => "int",
            Ty::Bool => "bool",
        };
        let out = check(definition(ty, &body));
        if depth > LIMIT {
            prop_assert!(out.program.is_none());
            prop_assert_eq!(out.depth_errors(), 1, "depth {}: {}", depth, out.rendered);
        } else {
            prop_assert!(out.errors().is_empty() && out.program.is_some(), "depth {}: {}\n{}", depth, out.rendered, body);
        }
    }
}
