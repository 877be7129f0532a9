//! The scalar evaluator: one entity's facts, one decision date, every measure.
//! Three-valued: a value is known, missing (with the facts it waits for), or an error
//! such as a conflict between exceptions. Definitions are evaluated lazily and once.

use crate::semantics::exceptions::{self, ExceptionSet, Resolution, WideSet};
use crate::semantics::{self, arith, comparison, equal};
use crate::{EvalError, Facts};
use chrono::NaiveDate;
use onestop_calendar::{Calendar, YearSet};
use onestop_lang::ast::BinOp;
use onestop_lang::doubt::{self, DoubtRef};
use onestop_lang::program::*;
use onestop_lang::types::Value;
use std::sync::Arc;

/// The outcome of evaluating an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Known(Value),
    /// Unknown until these facts are given (sorted, unique).
    Missing(Vec<InputId>),
    Error(Arc<EvalError>),
}

impl Val {
    pub fn known(&self) -> Option<&Value> {
        match self {
            Val::Known(v) => Some(v),
            _ => None,
        }
    }
}

/// Merges the non-known outcomes of sub-expressions: an error wins, else missing facts are united.
fn unknown_of(vals: &[&Val]) -> Val {
    let mut missing: Vec<InputId> = Vec::new();
    for v in vals {
        match v {
            Val::Error(e) => return Val::Error(e.clone()),
            Val::Missing(m) => missing.extend_from_slice(m),
            Val::Known(_) => {}
        }
    }
    missing.sort();
    missing.dedup();
    Val::Missing(missing)
}

/// `and`/`or` with neither side decisive: an error on one side only matters if the
/// other side, still missing, turns out not to decide the result.
fn undecided(a: &Val, b: &Val) -> Val {
    match (a, b) {
        (Val::Missing(m), Val::Error(_)) | (Val::Error(_), Val::Missing(m)) => {
            Val::Missing(m.clone())
        }
        _ => unknown_of(&[a, b]),
    }
}

/// Parameters resolved for one decision date: built once, shared by every evaluation on that date.
#[derive(Debug)]
pub struct Plan {
    pub program: Arc<Program>,
    pub date: NaiveDate,
    /// Per parameter: the index of the value in force and the value, or none on that date.
    pub params: Vec<Option<(usize, Value)>>,
}

impl Plan {
    pub fn new(program: Arc<Program>, date: NaiveDate) -> Plan {
        let params = program
            .params
            .iter()
            .map(|p| p.value_at(date).map(|(i, v)| (i, v.value.clone())))
            .collect();
        Plan {
            program,
            date,
            params,
        }
    }
}

/// Which branch of a definition produced its value.
#[derive(Debug, Clone, PartialEq)]
pub enum Branch {
    Default,
    Exception(usize),
    /// Not decided: an exception's condition is missing facts.
    Pending,
    /// Two exceptions applied and neither has priority.
    Conflict(Vec<usize>),
    Error,
}

/// A parameter read during evaluation, with the value index that was in force.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRead {
    pub param: ParamId,
    pub at: NaiveDate,
    pub value_index: Option<usize>,
}

/// What one definition's evaluation did.
#[derive(Debug, Clone)]
pub struct DefTrace {
    pub def: DefId,
    pub value: Val,
    pub branch: Branch,
    pub params: Vec<ParamRead>,
    pub inputs: Vec<InputId>,
    pub deps: Vec<DefId>,
    /// Years without an official holiday notice that this value counted working days through.
    pub provisional: YearSet,
    /// The `uncertain` and `placeholder` marks this value went through (sorted, unique).
    pub doubts: Vec<DoubtRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Eligible,
    NotEligible,
    Undetermined,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::NotEligible => "not_eligible",
            Status::Undetermined => "undetermined",
        }
    }
}

#[derive(Debug, Clone)]
pub struct MeasureResult {
    pub measure: MeasureId,
    pub status: Status,
    pub eligibility: Val,
    pub outputs: Vec<(OutputRef, Val)>,
    /// Facts that could still change the status.
    pub missing: Vec<InputId>,
    /// Facts that could still change an output.
    pub missing_for_outputs: Vec<InputId>,
    pub errors: Vec<Arc<EvalError>>,
    /// Trace of the eligibility condition and outputs (when tracing).
    pub reads: Option<Reads>,
    /// Years without an official holiday notice the eligibility counted working days through.
    pub eligibility_provisional: YearSet,
    /// The same per output, parallel to `outputs`.
    pub outputs_provisional: Vec<YearSet>,
    /// The `uncertain` and `placeholder` marks the status went through: the measure's
    /// own and those of everything its condition read.
    pub eligibility_doubts: Vec<DoubtRef>,
    /// The marks each output went through, parallel to `outputs`.
    pub outputs_doubts: Vec<Vec<DoubtRef>>,
}

impl MeasureResult {
    /// Every provisional year this measure's answer went through.
    pub fn provisional(&self) -> YearSet {
        self.outputs_provisional
            .iter()
            .fold(self.eligibility_provisional, |a, b| a.union(*b))
    }
}

/// Direct reads of a measure's own expressions.
#[derive(Debug, Clone, Default)]
pub struct Reads {
    pub params: Vec<ParamRead>,
    pub inputs: Vec<InputId>,
    pub deps: Vec<DefId>,
}

#[derive(Debug, Clone)]
pub struct Evaluation {
    pub entity: EntityId,
    pub date: NaiveDate,
    pub measures: Vec<MeasureResult>,
    /// Every definition evaluated, in evaluation order (dependencies first), when tracing.
    pub trace: Vec<DefTrace>,
}

/// What a value went through besides its inputs: provisional calendar years and
/// marked (uncertain or placeholder) rules.
#[derive(Debug, Clone, Default)]
struct Marks {
    years: YearSet,
    doubts: Vec<DoubtRef>,
}

impl Marks {
    fn add(&mut self, other: &Marks) {
        self.years |= other.years;
        doubt::merge(&mut self.doubts, &other.doubts);
    }
}

pub struct Evaluator<'a> {
    plan: &'a Plan,
    facts: &'a Facts,
    calendar: Arc<Calendar>,
    /// Per definition once evaluated: its value and what it went through.
    memo: Vec<Option<(Val, Marks)>>,
    /// What the expressions being evaluated went through, innermost last.
    provisional: Vec<Marks>,
    tracing: bool,
    frames: Vec<Reads>,
    trace: Vec<DefTrace>,
}

impl<'a> Evaluator<'a> {
    pub fn new(plan: &'a Plan, facts: &'a Facts, tracing: bool) -> Evaluator<'a> {
        Evaluator {
            plan,
            facts,
            calendar: onestop_calendar::current(),
            memo: vec![None; plan.program.defs.len()],
            provisional: Vec::new(),
            tracing,
            frames: Vec::new(),
            trace: Vec::new(),
        }
    }

    fn program(&self) -> &'a Program {
        &self.plan.program
    }

    /// Evaluates the given measures (all of the entity's when `only` is empty).
    pub fn run(mut self, only: &[MeasureId]) -> Evaluation {
        let program = self.program();
        let entity = self.facts.entity;
        let mut results = Vec::new();
        for (id, m) in program.measures_of(entity) {
            if !only.is_empty() && !only.contains(&id) {
                continue;
            }
            results.push(self.measure(id, m));
        }
        Evaluation {
            entity,
            date: self.plan.date,
            measures: results,
            trace: self.trace,
        }
    }

    fn measure(&mut self, id: MeasureId, m: &'a MeasureDecl) -> MeasureResult {
        if self.tracing {
            self.frames.push(Reads::default());
        }
        self.provisional.push(Marks::default());
        let eligibility = self.eval(&m.eligible);
        let mut eligibility_marks = self.provisional.pop().unwrap_or_default();
        let mut own = Vec::new();
        if m.doubt.is_some() {
            own.push(DoubtRef::Measure(id));
        }
        for (i, c) in m.cites.iter().enumerate() {
            if c.doubt.is_some() {
                own.push(DoubtRef::MeasureCite(id, i as u32));
            }
        }
        doubt::merge(&mut eligibility_marks.doubts, &own);
        let mut outputs = Vec::with_capacity(m.outputs.len());
        let mut outputs_provisional = Vec::with_capacity(m.outputs.len());
        let mut outputs_doubts = Vec::with_capacity(m.outputs.len());
        for o in &m.outputs {
            self.provisional.push(Marks::default());
            let v = self.output(*o);
            let marks = self.provisional.pop().unwrap_or_default();
            outputs_provisional.push(marks.years);
            outputs_doubts.push(marks.doubts);
            outputs.push((*o, v));
        }
        let reads = if self.tracing {
            self.frames.pop()
        } else {
            None
        };
        let mut errors = Vec::new();
        let (status, missing) = match &eligibility {
            Val::Known(Value::Bool(true)) => (Status::Eligible, Vec::new()),
            Val::Known(_) => (Status::NotEligible, Vec::new()),
            Val::Missing(m) => (Status::Undetermined, m.clone()),
            Val::Error(e) => {
                errors.push(e.clone());
                (Status::Undetermined, Vec::new())
            }
        };
        let mut missing_for_outputs = Vec::new();
        if status != Status::NotEligible {
            for (_, v) in &outputs {
                match v {
                    Val::Missing(m) => missing_for_outputs.extend_from_slice(m),
                    Val::Error(e) if !errors.iter().any(|x| Arc::ptr_eq(x, e)) => {
                        errors.push(e.clone())
                    }
                    _ => {}
                }
            }
            missing_for_outputs.sort();
            missing_for_outputs.dedup();
        }
        MeasureResult {
            measure: id,
            status,
            eligibility,
            outputs,
            missing,
            missing_for_outputs,
            errors,
            reads,
            eligibility_provisional: eligibility_marks.years,
            outputs_provisional,
            eligibility_doubts: eligibility_marks.doubts,
            outputs_doubts,
        }
    }

    /// Marks the expression being evaluated as counted through these years.
    fn mark_provisional(&mut self, years: YearSet) {
        if let Some(top) = self.provisional.last_mut() {
            top.years |= years;
        }
    }

    /// Marks the expression being evaluated as going through a marked rule.
    fn mark_doubt(&mut self, r: DoubtRef) {
        if let Some(top) = self.provisional.last_mut() {
            doubt::merge(&mut top.doubts, &[r]);
        }
    }

    fn mark(&mut self, marks: &Marks) {
        if let Some(top) = self.provisional.last_mut() {
            top.add(marks);
        }
    }

    /// The value of a measure output: a definition or an input fact.
    pub fn output(&mut self, o: OutputRef) -> Val {
        match o {
            OutputRef::Def(d) => self.def(d),
            OutputRef::Input(i) => self.input(i),
        }
    }

    fn input(&mut self, i: InputId) -> Val {
        if let Some(f) = self.frames.last_mut()
            && !f.inputs.contains(&i)
        {
            f.inputs.push(i);
        }
        match self.facts.get(i) {
            Some(v) => Val::Known(v.clone()),
            None => Val::Missing(vec![i]),
        }
    }

    pub fn def(&mut self, d: DefId) -> Val {
        if let Some(f) = self.frames.last_mut()
            && !f.deps.contains(&d)
        {
            f.deps.push(d);
        }
        if let Some((v, marks)) = &self.memo[d.index()] {
            let (v, marks) = (v.clone(), marks.clone());
            self.mark(&marks);
            return v;
        }
        let decl = &self.program().defs[d.index()];
        if self.tracing {
            self.frames.push(Reads::default());
        }
        self.provisional.push(Marks::default());
        let (value, branch) = self.def_body(decl, d);
        if decl.doubt.is_some() {
            self.mark_doubt(DoubtRef::Def(d));
        }
        for (i, c) in decl.cites.iter().enumerate() {
            if c.doubt.is_some() {
                self.mark_doubt(DoubtRef::DefCite(d, i as u32));
            }
        }
        if let Branch::Exception(w) = branch
            && decl.exceptions[w]
                .cite
                .as_ref()
                .is_some_and(|c| c.doubt.is_some())
        {
            self.mark_doubt(DoubtRef::ExceptionCite(d, w as u32));
        }
        let marks = self.provisional.pop().unwrap_or_default();
        self.mark(&marks);
        let value = match value {
            Val::Known(v) => match semantics::convert(v, &decl.ty, &decl.name) {
                Ok(v) => Val::Known(v),
                Err(e) => Val::Error(Arc::new(e)),
            },
            other => other,
        };
        if self.tracing {
            let frame = self.frames.pop().unwrap_or_default();
            self.trace.push(DefTrace {
                def: d,
                value: value.clone(),
                branch,
                params: frame.params,
                inputs: frame.inputs,
                deps: frame.deps,
                provisional: marks.years,
                doubts: marks.doubts.clone(),
            });
        }
        self.memo[d.index()] = Some((value.clone(), marks));
        value
    }

    fn def_body(&mut self, decl: &'a DefDecl, d: DefId) -> (Val, Branch) {
        if decl.exceptions.is_empty() {
            return (self.eval(&decl.default), Branch::Default);
        }
        // Conditions in order; an error in one decides at once.
        let mut conds = Vec::with_capacity(decl.exceptions.len());
        for ex in &decl.exceptions {
            match self.eval(&ex.cond) {
                Val::Error(e) => return (Val::Error(e), Branch::Error),
                v => conds.push(v),
            }
        }
        let beats: Vec<Vec<usize>> = decl.exceptions.iter().map(|e| e.beats.clone()).collect();
        let resolution = if conds.len() <= 64 {
            resolve_conditions::<u64>(&conds, &beats)
        } else {
            resolve_conditions::<WideSet>(&conds, &beats)
        };
        let _ = d;
        match resolution {
            Resolution::Conflict(winners) => {
                let labels: Vec<String> = decl.exceptions.iter().map(|e| e.label.clone()).collect();
                let err = exceptions::conflict(&decl.name, &labels, &winners);
                (Val::Error(Arc::new(err)), Branch::Conflict(winners))
            }
            Resolution::Pending(waiting) => {
                let mut missing: Vec<InputId> = Vec::new();
                for i in waiting {
                    if let Val::Missing(m) = &conds[i] {
                        missing.extend_from_slice(m);
                    }
                }
                missing.sort();
                missing.dedup();
                (Val::Missing(missing), Branch::Pending)
            }
            Resolution::Exception(w) => {
                (self.eval(&decl.exceptions[w].value), Branch::Exception(w))
            }
            Resolution::Default => (self.eval(&decl.default), Branch::Default),
        }
    }

    fn param(&mut self, p: ParamId, at: Option<NaiveDate>) -> Val {
        let (idx, value) = match at {
            None => match &self.plan.params[p.index()] {
                Some((i, v)) => (Some(*i), Some(v.clone())),
                None => (None, None),
            },
            Some(date) => match self.program().params[p.index()].value_at(date) {
                Some((i, v)) => (Some(i), Some(v.value.clone())),
                None => (None, None),
            },
        };
        let when = at.unwrap_or(self.plan.date);
        let decl = &self.program().params[p.index()];
        if decl.doubt.is_some() {
            self.mark_doubt(DoubtRef::Param(p));
        }
        if let Some(i) = idx
            && decl.values[i].cite.doubt.is_some()
        {
            self.mark_doubt(DoubtRef::ParamValue(p, i as u32));
        }
        if let Some(f) = self.frames.last_mut() {
            f.params.push(ParamRead {
                param: p,
                at: when,
                value_index: idx,
            });
        }
        match value {
            Some(v) => Val::Known(v),
            None => {
                let decl = &self.program().params[p.index()];
                Val::Error(Arc::new(EvalError::NoParameterValue {
                    parameter: decl.name.clone(),
                    date: when,
                    covered: decl
                        .values
                        .first()
                        .map(|v| (v.from, decl.values.last().and_then(|l| l.to))),
                }))
            }
        }
    }

    pub fn eval(&mut self, e: &'a TExpr) -> Val {
        match &e.kind {
            TKind::Const(v) => Val::Known(v.clone()),
            TKind::Input(i) => self.input(*i),
            TKind::Def(d) => self.def(*d),
            TKind::Param(p) => self.param(*p, None),
            TKind::ParamAt(p, when) => match self.eval(when) {
                Val::Known(Value::Date(d)) => self.param(*p, Some(d)),
                Val::Known(_) => {
                    Val::Error(Arc::new(EvalError::Arithmetic("expected a date".into())))
                }
                other => other,
            },
            TKind::DecisionDate => Val::Known(Value::Date(self.plan.date)),
            TKind::Neg(x) => match self.eval(x) {
                Val::Known(v) => match semantics::negate(&v, &e.ty) {
                    Ok(r) => Val::Known(r),
                    Err(err) => Val::Error(Arc::new(err)),
                },
                other => other,
            },
            TKind::Not(x) => match self.eval(x) {
                Val::Known(Value::Bool(b)) => Val::Known(Value::Bool(!b)),
                other => other,
            },
            TKind::Binary(BinOp::And, a, b) => {
                let va = self.eval(a);
                if va == Val::Known(Value::Bool(false)) {
                    return va;
                }
                let vb = self.eval(b);
                match (&va, &vb) {
                    (_, Val::Known(Value::Bool(false))) => vb,
                    (Val::Known(_), Val::Known(_)) => vb,
                    _ => undecided(&va, &vb),
                }
            }
            TKind::Binary(BinOp::Or, a, b) => {
                let va = self.eval(a);
                if va == Val::Known(Value::Bool(true)) {
                    return va;
                }
                let vb = self.eval(b);
                match (&va, &vb) {
                    (_, Val::Known(Value::Bool(true))) => vb,
                    (Val::Known(_), Val::Known(_)) => vb,
                    _ => undecided(&va, &vb),
                }
            }
            TKind::Binary(op, a, b) => {
                let va = self.eval(a);
                let vb = self.eval(b);
                match (&va, &vb) {
                    (Val::Known(x), Val::Known(y)) => match op {
                        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                            Val::Known(Value::Bool(comparison(*op, x, y)))
                        }
                        _ => match arith(*op, x, y, &e.ty) {
                            Ok(r) => Val::Known(r),
                            Err(err) => Val::Error(Arc::new(err)),
                        },
                    },
                    _ => unknown_of(&[&va, &vb]),
                }
            }
            TKind::If(c, a, b) => match self.eval(c) {
                Val::Known(Value::Bool(true)) => self.eval(a),
                Val::Known(_) => self.eval(b),
                Val::Error(err) => Val::Error(err),
                Val::Missing(m) => {
                    // If both branches agree, the condition does not matter.
                    let va = self.eval(a);
                    let vb = self.eval(b);
                    if let (Val::Known(x), Val::Known(y)) = (&va, &vb)
                        && equal(x, y)
                    {
                        return va;
                    }
                    // An error in a branch that may not be taken is not (yet) an error.
                    let mut waiting = m;
                    for v in [&va, &vb] {
                        if let Val::Missing(more) = v {
                            waiting.extend_from_slice(more);
                        }
                    }
                    waiting.sort();
                    waiting.dedup();
                    Val::Missing(waiting)
                }
            },
            TKind::In { elem, set, negated } => {
                let ve = self.eval(elem);
                let vs = self.eval(set);
                match (&ve, &vs) {
                    (Val::Known(x), Val::Known(set)) => match semantics::member(x, set, *negated) {
                        Ok(b) => Val::Known(Value::Bool(b)),
                        Err(err) => Val::Error(Arc::new(err)),
                    },
                    _ => unknown_of(&[&ve, &vs]),
                }
            }
            TKind::SetLit(es) => {
                let vals: Vec<Val> = es.iter().map(|x| self.eval(x)).collect();
                if vals.iter().all(|v| matches!(v, Val::Known(_))) {
                    Val::Known(Value::set(
                        vals.into_iter()
                            .filter_map(|v| match v {
                                Val::Known(x) => Some(x),
                                _ => None,
                            })
                            .collect(),
                    ))
                } else {
                    unknown_of(&vals.iter().collect::<Vec<_>>())
                }
            }
            TKind::Call(f, args) => {
                let vals: Vec<Val> = args.iter().map(|x| self.eval(x)).collect();
                if !vals.iter().all(|v| matches!(v, Val::Known(_))) {
                    return unknown_of(&vals.iter().collect::<Vec<_>>());
                }
                let vs: Vec<&Value> = vals.iter().filter_map(|v| v.known()).collect();
                let result = semantics::call(*f, &vs, &e.ty, &self.calendar);
                if let (Builtin::AddWorkingDays | Builtin::WorkingDaysBetween, Ok(v)) = (f, &result)
                {
                    // The span counted: from the first argument to the result date or the second.
                    let end = match (f, v) {
                        (Builtin::AddWorkingDays, Value::Date(r)) => Some(*r),
                        _ => vs.get(1).and_then(|x| match x {
                            Value::Date(r) => Some(*r),
                            _ => None,
                        }),
                    };
                    if let (Some(Value::Date(start)), Some(end)) = (vs.first(), end) {
                        let years = self.calendar.provisional_in(*start, end);
                        self.mark_provisional(years);
                    }
                }
                match result {
                    Ok(v) => Val::Known(v),
                    Err(err) => Val::Error(Arc::new(err)),
                }
            }
        }
    }
}

/// The exception rule over the conditions' outcomes (none is an error).
fn resolve_conditions<S: ExceptionSet>(
    conds: &[Val],
    beats: &[Vec<usize>],
) -> Resolution<Vec<usize>> {
    let (mut fired, mut pending) = (S::empty(conds.len()), S::empty(conds.len()));
    for (i, c) in conds.iter().enumerate() {
        match c {
            Val::Known(Value::Bool(true)) => fired.insert(i),
            Val::Missing(_) => pending.insert(i),
            _ => {}
        }
    }
    match exceptions::resolve(&fired, &pending, &exceptions::beats_sets::<S>(beats)) {
        Resolution::Default => Resolution::Default,
        Resolution::Exception(w) => Resolution::Exception(w),
        Resolution::Conflict(s) => Resolution::Conflict(s.members()),
        Resolution::Pending(s) => Resolution::Pending(s.members()),
    }
}
