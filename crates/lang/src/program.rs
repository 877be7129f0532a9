//! The checked program: names resolved to indices, every expression typed.
//! This is what the engine lowers and evaluates; it carries no unresolved names.

use crate::ast::{BinOp, Citation, Doubt, Texts};
use crate::source::{Sources, Span};
use crate::types::{EnumId, Type, Value};
use chrono::NaiveDate;

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}
id_type!(EntityId, InputId, DefId, ParamId, MeasureId);

#[derive(Debug, Clone)]
pub struct EntityDecl {
    pub name: String,
    pub title: Texts,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnumDecl {
    pub name: String,
    pub title: Texts,
    pub values: Vec<(String, Texts)>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct InputDecl {
    pub entity: EntityId,
    pub name: String,
    pub ty: Type,
    pub title: Texts,
    pub question: Texts,
    pub span: Span,
}

/// One dated value of a parameter, with its legal source.
#[derive(Debug, Clone)]
pub struct ParamValue {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub value: Value,
    pub cite: Citation,
}

impl ParamValue {
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone)]
pub struct ParamDecl {
    pub name: String,
    pub ty: Type,
    pub title: Texts,
    pub values: Vec<ParamValue>,
    /// `uncertain` or `placeholder`: how far its figures can be relied on.
    pub doubt: Option<Doubt>,
    pub span: Span,
}

impl ParamDecl {
    /// The value in force on a date, if any.
    pub fn value_at(&self, d: NaiveDate) -> Option<(usize, &ParamValue)> {
        self.values.iter().enumerate().find(|(_, v)| v.covers(d))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    Min,
    Max,
    Abs,
    RoundFen,
    FloorFen,
    CeilFen,
    Floor,
    Ceil,
    YearsBetween,
    MonthsBetween,
    DaysBetween,
    AddWorkingDays,
    WorkingDaysBetween,
    MakeDate,
    Year,
}

impl Builtin {
    pub const ALL: &'static [(&'static str, Builtin)] = &[
        ("min", Builtin::Min),
        ("max", Builtin::Max),
        ("abs", Builtin::Abs),
        ("round_fen", Builtin::RoundFen),
        ("floor_fen", Builtin::FloorFen),
        ("ceil_fen", Builtin::CeilFen),
        ("floor", Builtin::Floor),
        ("ceil", Builtin::Ceil),
        ("years_between", Builtin::YearsBetween),
        ("months_between", Builtin::MonthsBetween),
        ("days_between", Builtin::DaysBetween),
        ("add_working_days", Builtin::AddWorkingDays),
        ("working_days_between", Builtin::WorkingDaysBetween),
        ("date", Builtin::MakeDate),
        ("year", Builtin::Year),
    ];

    pub fn name(self) -> &'static str {
        Builtin::ALL
            .iter()
            .find(|(_, b)| *b == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
}

#[derive(Debug, Clone)]
pub struct TExpr {
    pub kind: TKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum TKind {
    Const(Value),
    Input(InputId),
    Def(DefId),
    /// A parameter read at the decision date.
    Param(ParamId),
    /// A parameter read at a computed date (e.g. the end of a tax year).
    ParamAt(ParamId, Box<TExpr>),
    DecisionDate,
    Neg(Box<TExpr>),
    Not(Box<TExpr>),
    Binary(BinOp, Box<TExpr>, Box<TExpr>),
    If(Box<TExpr>, Box<TExpr>, Box<TExpr>),
    In {
        elem: Box<TExpr>,
        set: Box<TExpr>,
        negated: bool,
    },
    SetLit(Vec<TExpr>),
    Call(Builtin, Vec<TExpr>),
}

impl TExpr {
    /// Visits every sub-expression, this one first.
    pub fn walk(&self, f: &mut impl FnMut(&TExpr)) {
        f(self);
        match &self.kind {
            TKind::Const(_)
            | TKind::Input(_)
            | TKind::Def(_)
            | TKind::Param(_)
            | TKind::DecisionDate => {}
            TKind::ParamAt(_, e) | TKind::Neg(e) | TKind::Not(e) => e.walk(f),
            TKind::Binary(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            TKind::If(c, a, b) => {
                c.walk(f);
                a.walk(f);
                b.walk(f);
            }
            TKind::In { elem, set, .. } => {
                elem.walk(f);
                set.walk(f);
            }
            TKind::SetLit(es) | TKind::Call(_, es) => es.iter().for_each(|e| e.walk(f)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExceptionDecl {
    pub label: String,
    pub cond: TExpr,
    pub value: TExpr,
    pub cite: Option<Citation>,
    /// Indices of exceptions of the same definition that this one overrides (transitively).
    pub beats: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct DefDecl {
    pub entity: EntityId,
    pub name: String,
    pub ty: Type,
    pub title: Texts,
    pub summary: Texts,
    pub cites: Vec<Citation>,
    pub default: TExpr,
    pub exceptions: Vec<ExceptionDecl>,
    /// `uncertain`: the reading of the source is not settled.
    pub doubt: Option<Doubt>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputRef {
    Def(DefId),
    Input(InputId),
}

#[derive(Debug, Clone)]
pub struct MeasureDecl {
    pub entity: EntityId,
    pub id: String,
    pub title: Texts,
    pub summary: Texts,
    pub cites: Vec<Citation>,
    pub eligible: TExpr,
    pub outputs: Vec<OutputRef>,
    /// `uncertain`: the reading of the measure is not settled.
    pub doubt: Option<Doubt>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ReformDecl {
    pub id: String,
    pub title: Texts,
    pub summary: Texts,
    pub cites: Vec<Citation>,
}

/// A checked set of rules, ready to lower and evaluate.
#[derive(Debug, Clone)]
pub struct Program {
    pub sources: Sources,
    pub entities: Vec<EntityDecl>,
    pub enums: Vec<EnumDecl>,
    pub inputs: Vec<InputDecl>,
    pub params: Vec<ParamDecl>,
    pub defs: Vec<DefDecl>,
    pub measures: Vec<MeasureDecl>,
    /// Set when a reform was applied.
    pub reform: Option<ReformDecl>,
    /// A stable hash of every rule file's path and text.
    pub version: String,
}

impl Program {
    pub fn entity(&self, name: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.name == name)
            .map(|i| EntityId(i as u32))
    }

    pub fn input(&self, entity: EntityId, name: &str) -> Option<InputId> {
        self.inputs
            .iter()
            .position(|i| i.entity == entity && i.name == name)
            .map(|i| InputId(i as u32))
    }

    pub fn def(&self, entity: EntityId, name: &str) -> Option<DefId> {
        self.defs
            .iter()
            .position(|d| d.entity == entity && d.name == name)
            .map(|i| DefId(i as u32))
    }

    pub fn param(&self, name: &str) -> Option<ParamId> {
        self.params
            .iter()
            .position(|p| p.name == name)
            .map(|i| ParamId(i as u32))
    }

    pub fn measure(&self, id: &str) -> Option<MeasureId> {
        self.measures
            .iter()
            .position(|m| m.id == id)
            .map(|i| MeasureId(i as u32))
    }

    pub fn inputs_of(&self, entity: EntityId) -> impl Iterator<Item = (InputId, &InputDecl)> {
        self.inputs
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.entity == entity)
            .map(|(i, d)| (InputId(i as u32), d))
    }

    pub fn measures_of(&self, entity: EntityId) -> impl Iterator<Item = (MeasureId, &MeasureDecl)> {
        self.measures
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.entity == entity)
            .map(|(i, m)| (MeasureId(i as u32), m))
    }

    pub fn type_name(&self, ty: &Type) -> String {
        ty.name(&|e| self.enums[e.0 as usize].name.clone())
    }

    pub fn variant_name(&self, e: EnumId, v: u32) -> &str {
        self.enums
            .get(e.0 as usize)
            .and_then(|d| d.values.get(v as usize))
            .map(|(n, _)| n.as_str())
            .unwrap_or("?")
    }

    pub fn variant(&self, e: EnumId, name: &str) -> Option<u32> {
        self.enums
            .get(e.0 as usize)?
            .values
            .iter()
            .position(|(n, _)| n == name)
            .map(|i| i as u32)
    }

    /// A value as rule files write it: `20 000 000.00 yuan`, `12.5%`, `haidian`.
    pub fn show(&self, v: &Value) -> String {
        use crate::types::{format_date, format_rate, group_thousands};
        match v {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Decimal(d) => d.normalize().to_string(),
            Value::Money(d) => format!("{} yuan", group_thousands(*d, 2)),
            Value::Rate(d) => format_rate(*d),
            Value::Date(d) => format_date(*d),
            Value::Duration(d) => d.to_string(),
            Value::Text(t) => format!("{t:?}"),
            Value::Enum(e, i) => self.variant_name(*e, *i).to_string(),
            Value::Set(items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|i| self.show(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}
