//! The syntax tree, exactly as written (names unresolved, types unchecked).

use crate::source::Span;
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Text in several languages: `title en "Exempt amount" zh "免税额"`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    pub entries: Vec<(String, String)>,
}

impl Texts {
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, t)| t.as_str())
    }

    /// The text in `lang`, else English, else Chinese, else anything.
    pub fn best(&self, lang: &str) -> &str {
        self.get(lang)
            .or_else(|| self.get("en"))
            .or_else(|| self.get("zh"))
            .or_else(|| self.entries.first().map(|(_, t)| t.as_str()))
            .unwrap_or("")
    }
}

/// How far a figure, definition or citation can be relied on, when not fully.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DoubtKind {
    /// Written down as recalled, or an interpretation the source does not settle:
    /// `uncertain en "..." zh "..."`.
    Uncertain,
    /// A figure that only stands in until the instrument that sets it is encoded:
    /// `placeholder en "..." zh "..."` (parameters only). Amounts computed from it are
    /// never shown as figures one can rely on.
    Placeholder,
}

impl DoubtKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DoubtKind::Uncertain => "uncertain",
            DoubtKind::Placeholder => "placeholder",
        }
    }
}

/// A first-class doubt with its reason, so readers see it where the figure is used.
#[derive(Debug, Clone, PartialEq)]
pub struct Doubt {
    pub kind: DoubtKind,
    pub reason: Texts,
    pub span: Span,
}

/// A legal source: a seed file and section, or a national instrument, with validity dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub text: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `uncertain ...` written right after the citation: the article, date or reading
    /// of the source is not verified.
    pub doubt: Option<Doubt>,
    pub span: Span,
}

impl Citation {
    pub fn validity(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!("valid {f} to {t}"),
            (Some(f), None) => format!("valid from {f}"),
            (None, Some(t)) => format!("valid until {t}"),
            (None, None) => "validity not stated".into(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Texts,
    pub summary: Texts,
    pub question: Texts,
    pub cites: Vec<Citation>,
    /// `uncertain ...` or `placeholder ...` on the item itself.
    pub doubt: Option<Doubt>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    Named(Ident),
    Set(Box<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(i) => i.span,
            TypeExpr::Set(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurUnit {
    Days,
    Months,
    Years,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Bool(bool),
    Num {
        value: Decimal,
        integral: bool,
    },
    Percent(Decimal),
    Money(Decimal),
    Duration(i64, DurUnit),
    Date(NaiveDate),
    Text(String),
    Name(Ident),
    /// `enum.variant`
    Qualified(Ident, Ident),
    Call(Ident, Vec<Expr>),
    /// `parameter at date`
    At(Ident, Box<Expr>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    In {
        elem: Box<Expr>,
        set: Box<Expr>,
        negated: bool,
    },
    SetLit(Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParamValue {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub value: Expr,
    pub cite: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub label: Option<Ident>,
    /// Exceptions this one takes priority over.
    pub over: Vec<Ident>,
    pub cond: Expr,
    pub value: Expr,
    pub cite: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub name: Ident,
    pub title: Texts,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Scope,
    Entity,
    Enum {
        values: Vec<EnumValue>,
    },
    Input {
        ty: TypeExpr,
    },
    Parameter {
        ty: Option<TypeExpr>,
        values: Vec<ParamValue>,
    },
    Definition {
        ty: TypeExpr,
        default: Expr,
        exceptions: Vec<Exception>,
    },
    Measure {
        eligible: Expr,
        outputs: Vec<Ident>,
    },
    Reform,
    Test(TestCase),
}

/// One top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub name: Ident,
    /// The entity (from the file's `scope`) for inputs, definitions and measures.
    pub scope: Option<Ident>,
    pub meta: Meta,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedStatus {
    Eligible,
    NotEligible,
    Undetermined,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Value {
        name: Ident,
        value: Expr,
        within: Option<Expr>,
    },
    Unknown {
        name: Ident,
    },
    Conflict {
        name: Ident,
    },
    Measure {
        id: Ident,
        status: ExpectedStatus,
        missing: Option<Vec<Ident>>,
    },
}

/// A rule test: facts, a date, expected outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    pub entity: Option<Ident>,
    pub date: Option<NaiveDate>,
    pub reform: Option<Ident>,
    pub given: Vec<(Ident, Expr)>,
    pub expect: Vec<(Expectation, Span)>,
}
