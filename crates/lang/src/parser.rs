//! Recursive-descent parser with recovery: one bad item never hides the rest.

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::lexer::{Tok, Token, lex};
use crate::source::{FileId, Span};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;

/// What a file may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.policy`: entities, enums, inputs, parameters, definitions, measures.
    Rules,
    /// `.test`: rule tests.
    Tests,
    /// `.reform`: a reform header and the parameters and definitions it replaces.
    Reform,
}

impl FileKind {
    pub fn from_path(path: &str) -> Option<FileKind> {
        if path.ends_with(".policy") {
            Some(FileKind::Rules)
        } else if path.ends_with(".test") {
            Some(FileKind::Tests)
        } else if path.ends_with(".reform") {
            Some(FileKind::Reform)
        } else {
            None
        }
    }
}

pub const TOP_LEVEL: &[&str] = &[
    "scope",
    "entity",
    "enum",
    "input",
    "parameter",
    "definition",
    "measure",
    "reform",
    "test",
];

/// Words that cannot name anything.
pub const RESERVED: &[&str] = &[
    "scope",
    "entity",
    "enum",
    "input",
    "parameter",
    "definition",
    "measure",
    "reform",
    "test",
    "if",
    "then",
    "else",
    "and",
    "or",
    "not",
    "in",
    "unless",
    "over",
    "true",
    "false",
    "at",
    "yuan",
    "from",
    "to",
    "cite",
    "title",
    "summary",
    "question",
    "eligible",
    "when",
    "outputs",
    "value",
    "given",
    "expect",
    "within",
    "is",
    "missing",
    "set",
    "of",
    "day",
    "days",
    "month",
    "months",
    "year",
    "years",
    "uncertain",
    "placeholder",
];

pub const LANGUAGES: &[&str] = &["en", "zh", "ko", "ru", "es", "ar"];

/// How deeply expressions (and `set of` types) may nest.
///
/// The parser, the checker and everything after them (evaluation, printing, even
/// dropping a tree of boxes) recurse once per level, so without a bound a hostile
/// file such as 100 000 nested parentheses would overflow the stack and kill the
/// process instead of getting a diagnostic. The shipped rules nest 9 levels at most;
/// 64 levels take under 1 MiB of stack to parse and to check in a debug build (about
/// 13 KiB a level), so they fit a 2 MiB thread with room to spare.
///
/// A literal or a name is at depth 0; parentheses, `-`, `not`, `at`, `if … then … else`,
/// a call's argument list, a set's braces and each binary operator add one level.
pub const MAX_NESTING: u32 = 64;

pub fn parse(file: FileId, text: &str, kind: FileKind, diags: &mut Vec<Diagnostic>) -> Vec<Item> {
    let toks = lex(file, text, diags);
    let mut p = Parser {
        toks,
        pos: 0,
        diags,
        scope: None,
        kind,
        depth: 0,
    };
    p.file()
}

struct Parser<'a> {
    toks: Vec<Token>,
    pos: usize,
    diags: &'a mut Vec<Diagnostic>,
    scope: Option<Ident>,
    kind: FileKind,
    /// Levels of nesting open around the current token (see [`MAX_NESTING`]).
    depth: u32,
}

/// An expression and its depth as [`MAX_NESTING`] counts it.
struct Nested {
    expr: Expr,
    depth: u32,
}

/// A parse failure already reported as a diagnostic.
struct Reported;
type PResult<T> = Result<T, Reported>;

impl<'a> Parser<'a> {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].tok
    }
    fn peek_at(&self, n: usize) -> &Tok {
        let i = (self.pos + n).min(self.toks.len() - 1);
        &self.toks[i].tok
    }
    fn span(&self) -> Span {
        self.toks[self.pos].span
    }
    fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }
    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == kw)
    }
    fn is_sym(&self, sym: &str) -> bool {
        matches!(self.peek(), Tok::Sym(s) if *s == sym)
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn eat_sym(&mut self, sym: &str) -> bool {
        if self.is_sym(sym) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn at_top_level(&self) -> bool {
        matches!(self.peek(), Tok::Ident(s) if TOP_LEVEL.contains(&s.as_str()))
            && self.toks[self.pos].line_start
            || matches!(self.peek(), Tok::Eof)
    }

    fn error<T>(&mut self, message: impl Into<String>, hint: impl Into<String>) -> PResult<T> {
        let span = self.span();
        let found = self.peek().describe();
        self.diags.push(
            Diagnostic::error(
                "E-SYNTAX",
                span,
                format!("{}, found {found}", message.into()),
            )
            .hint(hint),
        );
        Err(Reported)
    }

    fn expect_kw(&mut self, kw: &str, hint: &str) -> PResult<Span> {
        if self.is_kw(kw) {
            Ok(self.bump().span)
        } else {
            self.error(format!("expected `{kw}`"), hint)
        }
    }
    fn expect_sym(&mut self, sym: &str, hint: &str) -> PResult<Span> {
        if self.is_sym(sym) {
            Ok(self.bump().span)
        } else {
            self.error(format!("expected `{sym}`"), hint)
        }
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        match self.peek().clone() {
            Tok::Ident(name) => {
                if RESERVED.contains(&name.as_str()) {
                    return self.error(
                        format!("expected {what}, but `{name}` is a reserved word"),
                        "choose another name, e.g. add a suffix",
                    );
                }
                let span = self.bump().span;
                Ok(Ident { name, span })
            }
            _ => self.error(
                format!("expected {what}"),
                "names are written in_snake_case",
            ),
        }
    }

    /// A measure or reform id such as `enterprise.tech-transfer-tax`: words joined by `.` and `-` without spaces.
    fn dotted_id(&mut self, what: &str) -> PResult<Ident> {
        let start = self.span();
        let mut name = match self.peek().clone() {
            Tok::Ident(s) => {
                self.bump();
                s
            }
            _ => return self.error(format!("expected {what}"), "ids look like group.some-name"),
        };
        let mut end = start;
        loop {
            let adjacent = self.span().start == end.end && self.span().file == end.file;
            match self.peek().clone() {
                Tok::Sym(s) if (s == "." || s == "-") && adjacent => {
                    let next_adjacent = self.toks[self.pos + 1].span.start == self.span().end;
                    if !next_adjacent {
                        break;
                    }
                    end = self.bump().span;
                    name.push_str(s);
                }
                Tok::Ident(s) if adjacent => {
                    end = self.bump().span;
                    name.push_str(&s);
                }
                Tok::Num {
                    value,
                    integral: true,
                } if adjacent => {
                    end = self.bump().span;
                    name.push_str(&value.to_string());
                }
                _ => break,
            }
        }
        if name.ends_with('.') || name.ends_with('-') {
            return self.error(
                format!("incomplete {what} `{name}`"),
                "ids look like group.some-name",
            );
        }
        Ok(Ident {
            name,
            span: start.to(end),
        })
    }

    fn string(&mut self, what: &str) -> PResult<String> {
        match self.peek().clone() {
            Tok::Str(s) => {
                self.bump();
                Ok(s)
            }
            _ => self.error(
                format!("expected {what} in double quotes"),
                "e.g. \"Exempt amount\"",
            ),
        }
    }

    fn date(&mut self, what: &str) -> PResult<NaiveDate> {
        match self.peek().clone() {
            Tok::Date(d) => {
                self.bump();
                Ok(d)
            }
            _ => self.error(format!("expected {what}"), "dates are written YYYY-MM-DD"),
        }
    }

    fn recover(&mut self) {
        self.bump();
        while !self.at_top_level() {
            self.bump();
        }
    }

    fn file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while !matches!(self.peek(), Tok::Eof) {
            if !self.at_top_level() {
                let span = self.span();
                let found = self.peek().describe();
                let hint = match self.kind {
                    FileKind::Tests => "a test file holds `test \"name\"` blocks",
                    FileKind::Reform => {
                        "a reform file holds `reform`, `scope`, `parameter` and `definition` items"
                    }
                    FileKind::Rules => {
                        "items start at the beginning of a line with scope, entity, enum, input, parameter, definition or measure"
                    }
                };
                self.diags.push(
                    Diagnostic::error(
                        "E-SYNTAX",
                        span,
                        format!("expected a declaration, found {found}"),
                    )
                    .hint(hint),
                );
                self.recover();
                continue;
            }
            match self.item() {
                Ok(Some(item)) => items.push(item),
                Ok(None) => {}
                Err(Reported) => self.recover(),
            }
        }
        items
    }

    fn item(&mut self) -> PResult<Option<Item>> {
        let start = self.span();
        let kw = match self.peek() {
            Tok::Ident(s) => s.clone(),
            _ => return self.error("expected a declaration", "see docs/rule-language.md"),
        };
        let allowed = match self.kind {
            FileKind::Rules => !matches!(kw.as_str(), "test" | "reform"),
            FileKind::Tests => kw == "test",
            FileKind::Reform => {
                matches!(kw.as_str(), "reform" | "scope" | "parameter" | "definition")
            }
        };
        if !allowed {
            let hint = match self.kind {
                FileKind::Rules => "tests go in .test files and reforms in .reform files",
                FileKind::Tests => "rules go in .policy files",
                FileKind::Reform => "a reform may only replace parameters and definitions",
            };
            return self.error(format!("`{kw}` is not allowed in this kind of file"), hint);
        }
        self.bump();
        let (kind, name, meta) = match kw.as_str() {
            "scope" => {
                let name = self.ident("an entity name after `scope`")?;
                self.scope = Some(name.clone());
                return Ok(Some(Item {
                    kind: ItemKind::Scope,
                    span: start.to(name.span),
                    name,
                    scope: None,
                    meta: Meta::default(),
                }));
            }
            "entity" => {
                let name = self.ident("an entity name")?;
                let meta = self.meta()?;
                (ItemKind::Entity, name, meta)
            }
            "enum" => {
                let name = self.ident("an enumeration name")?;
                let meta = self.meta()?;
                let mut values = Vec::new();
                while self.eat_kw("value") {
                    let vname = self.ident("a value name")?;
                    let title = self.texts_opt()?;
                    values.push(EnumValue { name: vname, title });
                }
                if values.is_empty() {
                    return self.error(
                        "expected `value` lines listing the enumeration's values",
                        "e.g. value haidian en \"Haidian\" zh \"海淀区\"",
                    );
                }
                (ItemKind::Enum { values }, name, meta)
            }
            "input" => {
                let name = self.ident("an input name")?;
                self.expect_sym(":", "inputs are declared `input name : type`")?;
                let ty = self.type_expr()?;
                let meta = self.meta()?;
                (ItemKind::Input { ty }, name, meta)
            }
            "parameter" => {
                let name = self.ident("a parameter name")?;
                let ty = if self.eat_sym(":") {
                    Some(self.type_expr()?)
                } else {
                    None
                };
                let meta = self.meta()?;
                let mut values = Vec::new();
                while self.value_clause_ahead() {
                    values.push(self.param_value()?);
                }
                if values.is_empty() {
                    return self.error(
                        "expected dated values `from YYYY-MM-DD: value cite \"source\" from YYYY-MM-DD`",
                        "every parameter value has a start date and a citation",
                    );
                }
                (ItemKind::Parameter { ty, values }, name, meta)
            }
            "definition" => {
                let name = self.ident("a definition name")?;
                self.expect_sym(":", "definitions are declared `definition name : type`")?;
                let ty = self.type_expr()?;
                let meta = self.meta()?;
                self.expect_sym("=", "after the title and citation comes `= expression`")?;
                let default = self.expr()?;
                let mut exceptions = Vec::new();
                while self.is_kw("unless") {
                    exceptions.push(self.exception()?);
                }
                (
                    ItemKind::Definition {
                        ty,
                        default,
                        exceptions,
                    },
                    name,
                    meta,
                )
            }
            "measure" => {
                let name = self.dotted_id("a measure id")?;
                let meta = self.meta()?;
                self.expect_kw("eligible", "a measure states `eligible when condition`")?;
                self.expect_kw("when", "a measure states `eligible when condition`")?;
                let eligible = self.expr()?;
                let mut outputs = Vec::new();
                if self.eat_kw("outputs") {
                    outputs.push(self.ident("an output name")?);
                    while self.eat_sym(",") {
                        outputs.push(self.ident("an output name")?);
                    }
                }
                (ItemKind::Measure { eligible, outputs }, name, meta)
            }
            "reform" => {
                let name = self.dotted_id("a reform id")?;
                let meta = self.meta()?;
                (ItemKind::Reform, name, meta)
            }
            "test" => {
                let s = self.span();
                let title = self.string("the test's name")?;
                let name = Ident {
                    name: title,
                    span: s,
                };
                let case = self.test_body()?;
                (ItemKind::Test(case), name, Meta::default())
            }
            _ => return self.error("expected a declaration", "see docs/rule-language.md"),
        };
        let scope = match kind {
            ItemKind::Input { .. } | ItemKind::Definition { .. } | ItemKind::Measure { .. } => {
                if self.scope.is_none() {
                    self.diags.push(
                        Diagnostic::error(
                            "E-SCOPE",
                            name.span,
                            format!("`{}` is not inside any entity scope", name.name),
                        )
                        .hint("begin the file with `scope enterprise` (or person, project)"),
                    );
                }
                self.scope.clone()
            }
            _ => None,
        };
        Ok(Some(Item {
            kind,
            scope,
            span: start.to(self.prev_span()),
            name,
            meta,
        }))
    }

    fn value_clause_ahead(&self) -> bool {
        if !self.is_kw("from") || !matches!(self.peek_at(1), Tok::Date(_)) {
            return false;
        }
        match self.peek_at(2) {
            Tok::Sym(":") => true,
            Tok::Ident(s) if s == "to" => {
                matches!(self.peek_at(3), Tok::Date(_)) && matches!(self.peek_at(4), Tok::Sym(":"))
            }
            _ => false,
        }
    }

    fn param_value(&mut self) -> PResult<ParamValue> {
        let start = self.expect_kw("from", "")?;
        let from = self.date("a start date")?;
        let to = if self.eat_kw("to") {
            Some(self.date("an end date")?)
        } else {
            None
        };
        self.expect_sym(":", "write `from YYYY-MM-DD: value`")?;
        let value = self.expr()?;
        let cite = if self.is_kw("cite") {
            Some(self.citation()?)
        } else {
            None
        };
        Ok(ParamValue {
            from,
            to,
            value,
            cite,
            span: start.to(self.prev_span()),
        })
    }

    fn exception(&mut self) -> PResult<Exception> {
        let start = self.expect_kw("unless", "")?;
        let mut label = None;
        let mut over = Vec::new();
        if self.eat_sym("[") {
            label = Some(self.ident("an exception label")?);
            if self.eat_kw("over") {
                over.push(self.ident("the label of a lower-priority exception")?);
                while self.eat_sym(",") {
                    over.push(self.ident("the label of a lower-priority exception")?);
                }
            }
            self.expect_sym(
                "]",
                "an exception label looks like `[pilot]` or `[pilot over national]`",
            )?;
        }
        let cond = self.expr()?;
        self.expect_kw("then", "an exception reads `unless condition then value`")?;
        let value = self.expr()?;
        let cite = if self.is_kw("cite") {
            Some(self.citation()?)
        } else {
            None
        };
        Ok(Exception {
            label,
            over,
            cond,
            value,
            cite,
            span: start.to(self.prev_span()),
        })
    }

    fn texts_opt(&mut self) -> PResult<Texts> {
        let mut t = Texts::default();
        while let Tok::Ident(lang) = self.peek().clone() {
            if !LANGUAGES.contains(&lang.as_str()) || !matches!(self.peek_at(1), Tok::Str(_)) {
                break;
            }
            self.bump();
            let s = self.string("text")?;
            t.entries.push((lang, s));
        }
        Ok(t)
    }

    fn texts(&mut self, what: &str) -> PResult<Texts> {
        let t = self.texts_opt()?;
        if t.entries.is_empty() {
            return self.error(
                format!("expected {what} as language-tagged text"),
                "e.g. en \"Exempt amount\" zh \"免税额\" (languages: en zh ko ru es ar)",
            );
        }
        Ok(t)
    }

    fn citation(&mut self) -> PResult<Citation> {
        let start = self.expect_kw("cite", "")?;
        let text = self.string("the source")?;
        let mut from = None;
        let mut to = None;
        if self.is_kw("from") && !self.value_clause_ahead() {
            self.bump();
            from = Some(self.date("the date the source takes effect")?);
        }
        if self.is_kw("to") {
            self.bump();
            to = Some(self.date("the date the source ceases to apply")?);
        }
        let span = start.to(self.prev_span());
        let doubt = self.doubt_opt()?;
        Ok(Citation {
            text,
            from,
            to,
            doubt,
            span,
        })
    }

    /// `uncertain en "..." zh "..."` or `placeholder en "..." zh "..."`, if next.
    fn doubt_opt(&mut self) -> PResult<Option<Doubt>> {
        let kind = if self.is_kw("uncertain") {
            DoubtKind::Uncertain
        } else if self.is_kw("placeholder") {
            DoubtKind::Placeholder
        } else {
            return Ok(None);
        };
        let start = self.bump().span;
        let reason = self.texts("the reason for the doubt")?;
        Ok(Some(Doubt {
            kind,
            reason,
            span: start.to(self.prev_span()),
        }))
    }

    fn meta(&mut self) -> PResult<Meta> {
        let mut m = Meta::default();
        loop {
            if self.eat_kw("title") {
                m.title = self.texts("a title")?;
            } else if self.eat_kw("summary") {
                m.summary = self.texts("a summary")?;
            } else if self.eat_kw("question") {
                m.question = self.texts("a question")?;
            } else if self.is_kw("cite") {
                let c = self.citation()?;
                m.cites.push(c);
            } else if let Some(d) = self.doubt_opt()? {
                if m.doubt.is_some() {
                    self.diags.push(
                        Diagnostic::error(
                            "E-SYNTAX",
                            d.span,
                            "this item already carries an `uncertain` or `placeholder` mark",
                        )
                        .hint("an item carries one mark: join the reasons in one text"),
                    );
                }
                m.doubt = Some(d);
            } else {
                return Ok(m);
            }
        }
    }

    fn type_expr(&mut self) -> PResult<TypeExpr> {
        // `set of` prefixes are read in a loop and wrapped afterwards, within the limit.
        let mut sets = Vec::new();
        while self.is_kw("set") {
            let start = self.span();
            if sets.len() >= MAX_NESTING as usize {
                self.diags.push(
                    Diagnostic::error(
                        "E-DEPTH",
                        start,
                        format!("this type nests more than {MAX_NESTING} levels of `set of`"),
                    )
                    .hint(format!("types nest at most {MAX_NESTING} deep")),
                );
                return Err(Reported);
            }
            self.bump();
            self.expect_kw("of", "set types are written `set of district`")?;
            sets.push(start);
        }
        let mut ty = match self.peek().clone() {
            Tok::Ident(name) if !RESERVED.contains(&name.as_str()) => {
                let span = self.bump().span;
                TypeExpr::Named(Ident { name, span })
            }
            _ => {
                return self.error(
                    "expected a type",
                    "types: bool, int, decimal, money, rate, date, duration, text, an enumeration, set of T",
                );
            }
        };
        let end = self.prev_span();
        for start in sets.into_iter().rev() {
            ty = TypeExpr::Set(Box::new(ty), start.to(end));
        }
        Ok(ty)
    }

    fn test_body(&mut self) -> PResult<TestCase> {
        let mut case = TestCase {
            entity: None,
            date: None,
            reform: None,
            given: Vec::new(),
            expect: Vec::new(),
        };
        loop {
            if self.eat_kw("entity") {
                case.entity = Some(self.ident("an entity name")?);
            } else if self.eat_kw("date") {
                case.date = Some(self.date("the decision date")?);
            } else if self.eat_kw("reform") {
                case.reform = Some(self.dotted_id("a reform id")?);
            } else if self.eat_kw("given") {
                while matches!(self.peek(), Tok::Ident(s) if !is_test_clause(s)) {
                    let name = self.ident("a fact name")?;
                    self.expect_sym("=", "facts are written `name = value`")?;
                    let value = self.expr()?;
                    case.given.push((name, value));
                }
            } else if self.eat_kw("expect") {
                while matches!(self.peek(), Tok::Ident(s) if !is_test_clause(s) || s == "measure") {
                    let start = self.span();
                    let e = self.expectation()?;
                    case.expect.push((e, start.to(self.prev_span())));
                }
            } else {
                break;
            }
        }
        Ok(case)
    }

    fn expectation(&mut self) -> PResult<Expectation> {
        if self.eat_kw("measure") {
            let id = self.dotted_id("a measure id")?;
            self.expect_kw(
                "is",
                "write `measure id is eligible|not eligible|undetermined`",
            )?;
            let status = if self.eat_kw("eligible") {
                ExpectedStatus::Eligible
            } else if self.eat_kw("not") {
                self.expect_kw("eligible", "write `is not eligible`")?;
                ExpectedStatus::NotEligible
            } else if self.eat_kw("undetermined") {
                ExpectedStatus::Undetermined
            } else {
                return self.error(
                    "expected a status",
                    "a measure is `eligible`, `not eligible` or `undetermined`",
                );
            };
            let missing = if self.eat_kw("missing") {
                let mut v = vec![self.ident("a fact name")?];
                while self.eat_sym(",") {
                    v.push(self.ident("a fact name")?);
                }
                Some(v)
            } else {
                None
            };
            return Ok(Expectation::Measure {
                id,
                status,
                missing,
            });
        }
        let name = self.ident("an output name")?;
        if self.eat_kw("is") {
            if self.eat_kw("unknown") {
                return Ok(Expectation::Unknown { name });
            }
            if self.eat_kw("conflict") {
                return Ok(Expectation::Conflict { name });
            }
            return self.error(
                "expected `unknown` or `conflict`",
                "write `name is unknown` or `name = value`",
            );
        }
        self.expect_sym("=", "an expectation reads `name = value`")?;
        let value = self.expr()?;
        let within = if self.eat_kw("within") {
            Some(self.expr()?)
        } else {
            None
        };
        Ok(Expectation::Value {
            name,
            value,
            within,
        })
    }

    // ---- expressions ----
    //
    // Each function below returns the expression together with its depth as
    // [`MAX_NESTING`] counts it, while `self.depth` counts the levels already open
    // around the current token. The invariant: whatever a function returns satisfies
    // `self.depth + depth <= MAX_NESTING`, so no tree deeper than the limit is ever
    // built and the parser itself never recurses past it.

    /// An expression at statement level: a definition's body, a parameter's value, a test fact.
    fn expr(&mut self) -> PResult<Expr> {
        // A statement-level expression is never inside another one; this also clears
        // the count left behind by an error that abandoned the previous item.
        self.depth = 0;
        Ok(self.sub_expr()?.expr)
    }

    /// Opens one level of nesting at `at`, or reports that the limit is crossed there.
    fn open(&mut self, at: Span) -> PResult<()> {
        if self.depth >= MAX_NESTING {
            return self.too_deep(at);
        }
        self.depth += 1;
        Ok(())
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn too_deep<T>(&mut self, at: Span) -> PResult<T> {
        self.diags.push(
            Diagnostic::error(
                "E-DEPTH",
                at,
                format!("this expression nests more than {MAX_NESTING} levels deep"),
            )
            .hint(format!(
                "expressions nest at most {MAX_NESTING} deep; split this one into named definitions"
            )),
        );
        Err(Reported)
    }

    fn sub_expr(&mut self) -> PResult<Nested> {
        if self.is_kw("if") {
            let start = self.span();
            self.open(start)?;
            self.bump();
            let c = self.sub_expr()?;
            self.expect_kw("then", "write `if condition then a else b`")?;
            let a = self.sub_expr()?;
            self.expect_kw("else", "write `if condition then a else b`")?;
            let b = self.sub_expr()?;
            self.close();
            let depth = 1 + c.depth.max(a.depth).max(b.depth);
            let span = start.to(b.expr.span);
            let kind = ExprKind::If(Box::new(c.expr), Box::new(a.expr), Box::new(b.expr));
            return Ok(Nested {
                expr: Expr { kind, span },
                depth,
            });
        }
        self.or_expr()
    }

    /// `a op b`, the operator being the current token: one level above both operands.
    ///
    /// Operator chains are read in a loop, not by recursion, but the tree they build
    /// is as deep as the chain is long, so each operator counts as a level.
    fn binary(
        &mut self,
        a: Nested,
        operand: fn(&mut Self) -> PResult<Nested>,
        kind: impl FnOnce(Box<Expr>, Box<Expr>) -> ExprKind,
    ) -> PResult<Nested> {
        let op = self.span();
        // `a` is already built inside `self.depth` levels; it now moves one level down.
        if self.depth + a.depth >= MAX_NESTING {
            return self.too_deep(op);
        }
        self.bump();
        self.open(op)?;
        let b = operand(self)?;
        self.close();
        let depth = 1 + a.depth.max(b.depth);
        let span = a.expr.span.to(b.expr.span);
        Ok(Nested {
            expr: Expr {
                kind: kind(Box::new(a.expr), Box::new(b.expr)),
                span,
            },
            depth,
        })
    }

    /// A construct opened by the current token (`-`, `not`, `at`): one level above its operand.
    fn prefixed(
        &mut self,
        operand: fn(&mut Self) -> PResult<Nested>,
        kind: impl FnOnce(Box<Expr>) -> ExprKind,
    ) -> PResult<Nested> {
        let start = self.span();
        self.open(start)?;
        self.bump();
        let e = operand(self)?;
        self.close();
        let span = start.to(e.expr.span);
        Ok(Nested {
            expr: Expr {
                kind: kind(Box::new(e.expr)),
                span,
            },
            depth: e.depth + 1,
        })
    }

    /// A comma-separated list up to `close`, the opening token being current: one level above its elements.
    fn list(&mut self, close: &str, hint: &str) -> PResult<(Vec<Expr>, u32)> {
        let start = self.span();
        self.open(start)?;
        self.bump();
        let mut elems = Vec::new();
        let mut depth = 0;
        if !self.is_sym(close) {
            loop {
                let e = self.sub_expr()?;
                depth = depth.max(e.depth);
                elems.push(e.expr);
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        self.expect_sym(close, hint)?;
        self.close();
        Ok((elems, depth + 1))
    }

    fn or_expr(&mut self) -> PResult<Nested> {
        let mut a = self.and_expr()?;
        while self.is_kw("or") {
            a = self.binary(a, Self::and_expr, |a, b| ExprKind::Binary(BinOp::Or, a, b))?;
        }
        Ok(a)
    }

    fn and_expr(&mut self) -> PResult<Nested> {
        let mut a = self.not_expr()?;
        while self.is_kw("and") {
            a = self.binary(a, Self::not_expr, |a, b| ExprKind::Binary(BinOp::And, a, b))?;
        }
        Ok(a)
    }

    fn not_expr(&mut self) -> PResult<Nested> {
        if self.is_kw("not") {
            return self.prefixed(Self::not_expr, ExprKind::Not);
        }
        self.cmp_expr()
    }

    fn cmp_expr(&mut self) -> PResult<Nested> {
        let a = self.add_expr()?;
        let op = match self.peek() {
            Tok::Sym("=") => Some(BinOp::Eq),
            Tok::Sym("!=") => Some(BinOp::Ne),
            Tok::Sym("<") => Some(BinOp::Lt),
            Tok::Sym("<=") => Some(BinOp::Le),
            Tok::Sym(">") => Some(BinOp::Gt),
            Tok::Sym(">=") => Some(BinOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
            return self.binary(a, Self::add_expr, |a, b| ExprKind::Binary(op, a, b));
        }
        let negated = self.is_kw("not") && matches!(self.peek_at(1), Tok::Ident(s) if s == "in");
        if negated {
            self.bump();
        }
        if self.is_kw("in") {
            return self.binary(a, Self::add_expr, |elem, set| ExprKind::In {
                elem,
                set,
                negated,
            });
        }
        Ok(a)
    }

    fn add_expr(&mut self) -> PResult<Nested> {
        let mut a = self.mul_expr()?;
        loop {
            let op = if self.is_sym("+") {
                BinOp::Add
            } else if self.is_sym("-") {
                BinOp::Sub
            } else {
                return Ok(a);
            };
            a = self.binary(a, Self::mul_expr, |a, b| ExprKind::Binary(op, a, b))?;
        }
    }

    fn mul_expr(&mut self) -> PResult<Nested> {
        let mut a = self.unary()?;
        loop {
            let op = if self.is_sym("*") {
                BinOp::Mul
            } else if self.is_sym("/") {
                BinOp::Div
            } else {
                return Ok(a);
            };
            a = self.binary(a, Self::unary, |a, b| ExprKind::Binary(op, a, b))?;
        }
    }

    fn unary(&mut self) -> PResult<Nested> {
        if self.is_sym("-") {
            return self.prefixed(Self::unary, ExprKind::Neg);
        }
        self.primary()
    }

    fn primary(&mut self) -> PResult<Nested> {
        let start = self.span();
        let (kind, depth) = match self.peek().clone() {
            Tok::Num { value, integral } => {
                self.bump();
                let kind = if self.eat_kw("yuan") {
                    ExprKind::Money(value)
                } else if let Some(unit) = self.duration_unit() {
                    if !integral {
                        self.diags.push(
                            Diagnostic::error(
                                "E-SYNTAX",
                                start.to(self.prev_span()),
                                "durations are whole numbers of days, months or years",
                            )
                            .hint("write e.g. `18 months` instead of `1.5 years`"),
                        );
                    }
                    let n = value.trunc().to_i64().unwrap_or(i64::MAX);
                    ExprKind::Duration(n, unit)
                } else {
                    ExprKind::Num { value, integral }
                };
                (kind, 0)
            }
            Tok::Percent(v) => {
                self.bump();
                (ExprKind::Percent(v), 0)
            }
            Tok::Date(d) => {
                self.bump();
                (ExprKind::Date(d), 0)
            }
            Tok::Str(s) => {
                self.bump();
                (ExprKind::Text(s), 0)
            }
            Tok::Sym("(") => {
                self.open(start)?;
                self.bump();
                let e = self.sub_expr()?;
                self.expect_sym(")", "close the parenthesis")?;
                self.close();
                // The parentheses leave no node behind but still count: the parser recursed for them.
                (e.expr.kind, e.depth + 1)
            }
            Tok::Sym("{") => {
                let (elems, depth) = self.list("}", "sets are written `{a, b, c}`")?;
                (ExprKind::SetLit(elems), depth)
            }
            Tok::Ident(s) if s == "true" || s == "false" => {
                self.bump();
                (ExprKind::Bool(s == "true"), 0)
            }
            Tok::Ident(_) => {
                let name = self.ident("a name")?;
                if self.is_sym("(") {
                    let (args, depth) = self.list(")", "close the argument list")?;
                    (ExprKind::Call(name, args), depth)
                } else if self.is_sym(".") && matches!(self.peek_at(1), Tok::Ident(_)) {
                    self.bump();
                    let variant = self.ident("a value name")?;
                    (ExprKind::Qualified(name, variant), 0)
                } else if self.is_kw("at") {
                    let when = self.prefixed(Self::primary, |when| ExprKind::At(name, when))?;
                    (when.expr.kind, when.depth)
                } else {
                    (ExprKind::Name(name), 0)
                }
            }
            _ => {
                return self.error(
                    "expected a value or a name",
                    "an expression is a name, a number like `5 000 000 yuan` or `25%`, a date, or a function call",
                );
            }
        };
        Ok(Nested {
            expr: Expr {
                kind,
                span: start.to(self.prev_span()),
            },
            depth,
        })
    }

    fn duration_unit(&mut self) -> Option<DurUnit> {
        let unit = match self.peek() {
            Tok::Ident(s) if s == "day" || s == "days" => DurUnit::Days,
            Tok::Ident(s) if s == "month" || s == "months" => DurUnit::Months,
            Tok::Ident(s) if s == "year" || s == "years" => DurUnit::Years,
            _ => return None,
        };
        self.bump();
        Some(unit)
    }
}

fn is_test_clause(s: &str) -> bool {
    matches!(
        s,
        "entity" | "date" | "reform" | "given" | "expect" | "test" | "measure"
    )
}
