//! The batch compiler: a checked [`Program`] for one entity and one decision date
//! to DataFusion expressions over the population's columns.
//!
//! Every sub-expression becomes up to three columns, the batch form of the scalar
//! evaluator's `Val`:
//!
//! - `v`, the value in its internal representation (`repr.rs`), NULL unless known;
//! - `e`, the error message (Utf8), NULL unless the value is an error (a conflict
//!   between exceptions, no parameter value on a date, division by zero, ...);
//! - `m`, the missing facts as a bit mask over the entity's inputs
//!   (`FixedSizeBinary`), NULL unless the value is missing.
//!
//! Exactly one of the three is non-NULL on every row. Static analysis drops the
//! columns that cannot be non-NULL (`e` of an expression that cannot fail, `m` of
//! one that reads no input), and `m` entirely when missing-fact lists are not
//! wanted: values and errors never depend on masks.
//!
//! Sub-expressions are materialised as columns in layers (a column's layer is one
//! more than its arguments'), each layer one DataFusion projection, so a value
//! used by its error and mask columns is computed once.

use crate::config::{BinKind, CmpOp, Dated, Literal, Op, Part, ResolvePart};
use crate::repr::{Ty, date_to_days, enum_values, scalar_of};
use crate::udf::OsFn;
use chrono::NaiveDate;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{Expr, ident, lit, when};
use onestop_engine::EvalError;
use onestop_lang::ast::BinOp;
use onestop_lang::types::{Type, Value};
use onestop_lang::{DefId, EntityId, InputId, MeasureDecl, OutputRef, Program, TExpr, TKind};
use std::collections::HashMap;

/// The columns a plan computes, in dependency layers.
///
/// Hash-consed: an expression emitted twice is one column. Programs compiled into
/// the same `Steps` (a simulation's baseline and reform) therefore share every
/// column that does not depend on what the reform changes (its expressions read
/// the same columns and the same parameter values): the reform computes only the
/// definitions downstream of the changed parameters and definitions.
#[derive(Default)]
pub struct Steps {
    pub list: Vec<(String, Expr, usize)>,
    layers: HashMap<String, usize>,
    inputs: HashMap<String, Expr>,
    emitted: HashMap<Expr, String>,
    /// Emissions answered by an existing column (see [`Steps::emit`]).
    pub shared: usize,
    next: usize,
}

impl Steps {
    fn layer_of(&self, e: &Expr) -> usize {
        e.column_refs()
            .iter()
            .map(|c| self.layers.get(c.name()).copied().unwrap_or(0))
            .max()
            .unwrap_or(0)
    }

    /// Materialises an expression as a column (literals and columns stay as they are).
    pub fn emit(&mut self, e: Expr) -> Expr {
        if matches!(e, Expr::Column(_) | Expr::Literal(..)) {
            return e;
        }
        if let Some(name) = self.emitted.get(&e) {
            self.shared += 1;
            return ident(name.clone());
        }
        let layer = self.layer_of(&e) + 1;
        let name = format!("__s{}", self.next);
        self.next += 1;
        self.layers.insert(name.clone(), layer);
        self.emitted.insert(e.clone(), name.clone());
        self.list.push((name.clone(), e, layer));
        ident(name)
    }

    pub fn max_layer(&self) -> usize {
        self.list.iter().map(|(_, _, l)| *l).max().unwrap_or(0)
    }
}

/// One compiled expression: value, error, missing mask (see the module doc).
#[derive(Clone, Debug)]
pub struct Node {
    pub v: Expr,
    pub e: Option<Expr>,
    pub m: Option<Expr>,
    pub ty: Ty,
}

/// Why a program cannot be compiled for batch evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError(pub String);

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

type CResult<T> = Result<T, CompileError>;

/// The first non-NULL of `exprs` (SQL's `coalesce`, written as the CASE it means:
/// DataFusion's `coalesce` needs an optimizer pass that batch plans skip). One
/// flat CASE, never nested ones: DataFusion's physical CASE rewrites its whole
/// subtree when it is built, so nested CASEs cost time exponential in the depth.
pub fn coalesce(exprs: Vec<Expr>) -> Expr {
    let mut exprs = exprs;
    let Some(last) = exprs.pop() else {
        return null_utf8();
    };
    if exprs.is_empty() {
        return last;
    }
    Expr::Case(datafusion::logical_expr::expr::Case::new(
        None,
        exprs
            .into_iter()
            .map(|e| (Box::new(e.clone().is_not_null()), Box::new(e)))
            .collect(),
        Some(Box::new(last)),
    ))
}

/// The first non-NULL of error columns (`Op::First`): one pass, and the column
/// itself, uncopied, when at most one of them holds an error in a batch.
pub fn first_of(exprs: Vec<Expr>) -> Expr {
    OsFn::new(Op::First, vec![], Part::Value, DataType::Utf8).call(exprs)
}

/// SQL's (and the rule language's) three-valued AND, as a function: DataFusion's
/// AND short-circuits a selective left side by filtering the *whole* input batch
/// (every column of the layer) before evaluating the right side.
pub fn and(a: Expr, b: Expr) -> Expr {
    kleene(false, a, b)
}

/// Three-valued OR (see [`and`]).
pub fn or(a: Expr, b: Expr) -> Expr {
    kleene(true, a, b)
}

fn kleene(or: bool, a: Expr, b: Expr) -> Expr {
    OsFn::new(Op::Kleene { or }, vec![], Part::Value, DataType::Boolean).call(vec![a, b])
}

/// The missing facts of an `if` whose condition is missing: those of the condition and
/// of both branches (`Op::Miss` drops them where the value or an error is known).
fn missing_union(masks: &Masks, v: &Expr, e: &Option<Expr>, parts: [&Option<Expr>; 3]) -> Expr {
    let mut args = vec![v.clone(), e.clone().unwrap_or_else(null_utf8)];
    args.extend(parts.into_iter().flatten().cloned());
    OsFn::new(Op::Miss, vec![], Part::Value, masks.dtype()).call(args)
}

fn null_utf8() -> Expr {
    lit(ScalarValue::Utf8(None))
}

/// The bit of each of the entity's inputs in a missing-facts mask.
#[derive(Clone, Debug)]
pub struct Masks {
    pub width: i32,
    pub bit: HashMap<InputId, usize>,
    /// Input names in bit order.
    pub names: Vec<String>,
}

impl Masks {
    pub fn new(program: &Program, entity: EntityId) -> Masks {
        let ids: Vec<(InputId, String)> = program
            .inputs_of(entity)
            .map(|(i, d)| (i, d.name.clone()))
            .collect();
        let width = ids.len().div_ceil(8).max(1) as i32;
        Masks {
            width,
            bit: ids.iter().enumerate().map(|(k, (i, _))| (*i, k)).collect(),
            names: ids.into_iter().map(|(_, n)| n).collect(),
        }
    }

    fn null(&self) -> Expr {
        lit(ScalarValue::FixedSizeBinary(self.width, None))
    }

    fn bit_lit(&self, k: usize) -> Expr {
        let mut bytes = vec![0u8; self.width as usize];
        bytes[k / 8] |= 1 << (k % 8);
        lit(ScalarValue::FixedSizeBinary(self.width, Some(bytes)))
    }

    fn dtype(&self) -> DataType {
        DataType::FixedSizeBinary(self.width)
    }
}

/// Compiles one program's definitions and measures for one entity into `Steps`.
pub struct Compiler<'a> {
    pub program: &'a Program,
    pub entity: EntityId,
    pub date: NaiveDate,
    /// Parameters in force on the decision date (`engine::Plan::params`).
    pub params: &'a [Option<(usize, Value)>],
    /// Population columns present (inputs not present are missing on every row).
    pub present: &'a dyn Fn(&str) -> bool,
    pub masks: Option<Masks>,
    pub steps: &'a mut Steps,
    defs: HashMap<DefId, Node>,
    inputs: HashMap<InputId, Node>,
}

impl<'a> Compiler<'a> {
    pub fn new(
        program: &'a Program,
        entity: EntityId,
        date: NaiveDate,
        params: &'a [Option<(usize, Value)>],
        present: &'a dyn Fn(&str) -> bool,
        missing_lists: bool,
        steps: &'a mut Steps,
    ) -> Compiler<'a> {
        Compiler {
            program,
            entity,
            date,
            params,
            present,
            masks: missing_lists.then(|| Masks::new(program, entity)),
            steps,
            defs: HashMap::new(),
            inputs: HashMap::new(),
        }
    }

    fn ty(&self, t: &Type) -> CResult<Ty> {
        Ty::of(self.program, t).map_err(CompileError)
    }

    fn emit(&mut self, e: Expr) -> Expr {
        self.steps.emit(e)
    }

    /// The first error among `errs`, materialised; None when none can occur.
    fn first_error(&mut self, errs: Vec<Expr>) -> Option<Expr> {
        match errs.len() {
            0 => None,
            1 => errs.into_iter().next().map(|e| self.emit(e)),
            _ => Some(self.emit(first_of(errs))),
        }
    }

    /// The missing mask of a node whose value is `v` and error `e`, from its arguments' masks.
    fn miss(&mut self, v: &Expr, e: &Option<Expr>, ms: Vec<Expr>) -> Option<Expr> {
        let masks = self.masks.as_ref()?;
        if ms.is_empty() {
            return None;
        }
        let dt = masks.dtype();
        let mut args = vec![v.clone(), e.clone().unwrap_or_else(null_utf8)];
        args.extend(ms);
        Some(self.emit(OsFn::new(Op::Miss, vec![], Part::Value, dt).call(args)))
    }

    /// A strict operation: known when every argument is, the first error of the
    /// arguments (in order) otherwise, else the union of their missing facts.
    fn strict(&mut self, op: Op, args: Vec<Node>, ret: Ty, fallible: bool) -> Node {
        let tys: Vec<Ty> = args.iter().map(|a| a.ty).collect();
        let vals: Vec<Expr> = args.iter().map(|a| a.v.clone()).collect();
        let v = self.emit(
            OsFn::new(op.clone(), tys.clone(), Part::Value, ret.internal()).call(vals.clone()),
        );
        self.finish_strict(v, op, tys, vals, args, ret, fallible)
    }

    /// A strict operation computed by a native expression (never fails).
    fn strict_native(&mut self, expr: Expr, args: Vec<Node>, ret: Ty) -> Node {
        let v = self.emit(expr);
        let errs: Vec<Expr> = args.iter().filter_map(|a| a.e.clone()).collect();
        let e = self.first_error(errs);
        let ms: Vec<Expr> = args.iter().filter_map(|a| a.m.clone()).collect();
        let m = if ms.len() == 1 && (args.len() == 1 || e.is_none()) {
            ms.into_iter().next()
        } else {
            self.miss(&v, &e, ms)
        };
        Node { v, e, m, ty: ret }
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_strict(
        &mut self,
        v: Expr,
        op: Op,
        tys: Vec<Ty>,
        vals: Vec<Expr>,
        args: Vec<Node>,
        ret: Ty,
        fallible: bool,
    ) -> Node {
        let mut errs: Vec<Expr> = args.iter().filter_map(|a| a.e.clone()).collect();
        if fallible {
            // The error part reads the value too: only rows without one can have an error.
            let mut eargs = vec![v.clone()];
            eargs.extend(vals);
            errs.push(OsFn::new(op, tys, Part::Error, DataType::Utf8).call(eargs));
        }
        let e = self.first_error(errs);
        let ms: Vec<Expr> = args.iter().filter_map(|a| a.m.clone()).collect();
        let m = if ms.len() == 1 && (args.len() == 1 || e.is_none()) {
            ms.into_iter().next()
        } else {
            self.miss(&v, &e, ms)
        };
        Node { v, e, m, ty: ret }
    }

    fn known(v: Expr, ty: Ty) -> Node {
        Node {
            v,
            e: None,
            m: None,
            ty,
        }
    }

    fn constant(&self, v: &Value, ty: Ty) -> CResult<Node> {
        Ok(Self::known(
            lit(scalar_of(v, ty).map_err(CompileError)?),
            ty,
        ))
    }

    /// Converts a numeric node to another numeric representation (int to decimal).
    fn coerce(&mut self, n: Node, to: Ty) -> Node {
        if n.ty == Ty::Int && to.is_dec() {
            self.strict(
                Op::Convert {
                    def: String::new(),
                    ty: to,
                },
                vec![n],
                to,
                false,
            )
        } else {
            n
        }
    }

    pub fn input(&mut self, i: InputId) -> CResult<Node> {
        if let Some(n) = self.inputs.get(&i) {
            return Ok(n.clone());
        }
        let decl = &self.program.inputs[i.index()];
        let _owner = crate::profile::owner_scope(|| format!("input {}", decl.name));
        let ty = self.ty(&decl.ty)?;
        let key = format!("{}:{:?}", decl.name, ty);
        let v = match self.steps.inputs.get(&key) {
            Some(v) => v.clone(),
            None => {
                let v = if (self.present)(&decl.name) {
                    let op = Op::FromRaw {
                        column: decl.name.clone(),
                        ty,
                        values: enum_values(self.program, &decl.ty),
                    };
                    let raw =
                        Expr::Column(datafusion::common::Column::from_name(decl.name.clone()));
                    self.emit(OsFn::new(op, vec![], Part::Value, ty.internal()).call(vec![raw]))
                } else {
                    lit(ty.null())
                };
                self.steps.inputs.insert(key, v.clone());
                v
            }
        };
        let m = match &self.masks {
            Some(masks) => {
                let bit = masks.bit.get(&i).copied().ok_or_else(|| {
                    CompileError(format!("input `{}` belongs to another entity", decl.name))
                })?;
                let e = when(v.clone().is_null(), masks.bit_lit(bit))
                    .end()
                    .map_err(|e| CompileError(e.to_string()))?;
                Some(self.emit(e))
            }
            None => None,
        };
        let n = Node { v, e: None, m, ty };
        self.inputs.insert(i, n.clone());
        Ok(n)
    }

    /// A definition's value, converted to its declared type.
    pub fn def(&mut self, d: DefId) -> CResult<Node> {
        if let Some(n) = self.defs.get(&d) {
            return Ok(n.clone());
        }
        let decl = &self.program.defs[d.index()];
        let _owner = crate::profile::owner_scope(|| format!("definition {}", decl.name));
        let ty = self.ty(&decl.ty)?;
        let node = if decl.exceptions.is_empty() {
            let x = self.expr(&decl.default)?;
            self.convert(x, d)?
        } else {
            self.exceptions(d)?
        };
        self.defs.insert(d, node.clone());
        debug_assert_eq!(node.ty, ty);
        Ok(node)
    }

    /// `Value::convert_to(declared type)` at a definition's boundary.
    fn convert(&mut self, x: Node, d: DefId) -> CResult<Node> {
        let decl = &self.program.defs[d.index()];
        let to = self.ty(&decl.ty)?;
        Ok(if to == Ty::Int && x.ty.is_dec() {
            self.strict(
                Op::Convert {
                    def: decl.name.clone(),
                    ty: to,
                },
                vec![x],
                to,
                true,
            )
        } else if to.is_dec() && x.ty == Ty::Int {
            self.coerce(x, to)
        } else {
            Node { ty: to, ..x }
        })
    }

    fn exceptions(&mut self, d: DefId) -> CResult<Node> {
        let decl = &self.program.defs[d.index()];
        let k = decl.exceptions.len();
        let mut conds = Vec::with_capacity(k);
        for ex in &decl.exceptions {
            conds.push(self.expr(&ex.cond)?);
        }
        let labels: Vec<String> = decl.exceptions.iter().map(|e| e.label.clone()).collect();
        let beats: Vec<Vec<usize>> = decl.exceptions.iter().map(|e| e.beats.clone()).collect();
        let mut args: Vec<Expr> = conds.iter().map(|c| c.v.clone()).collect();
        for c in &conds {
            args.push(match &c.e {
                Some(e) => e.clone().is_not_null(),
                None => lit(false),
            });
        }
        let resolve = |part: ResolvePart, ret: DataType| {
            OsFn::new(
                Op::Resolve {
                    def: decl.name.clone(),
                    labels: labels.clone(),
                    beats: beats.clone(),
                    part,
                },
                vec![],
                Part::Value,
                ret,
            )
        };
        let branch = self.emit(resolve(ResolvePart::Branch, DataType::Int32).call(args.clone()));
        // A conflict is possible when two exceptions have no priority between them.
        let can_conflict =
            (0..k).any(|i| (i + 1..k).any(|j| !beats[i].contains(&j) && !beats[j].contains(&i)));
        let conflict =
            can_conflict.then(|| resolve(ResolvePart::Conflict, DataType::Utf8).call(args.clone()));
        let mut values = Vec::with_capacity(k + 1);
        for ex in &decl.exceptions {
            let x = self.expr(&ex.value)?;
            values.push(self.convert(x, d)?);
        }
        let x = self.expr(&decl.default)?;
        values.push(self.convert(x, d)?);
        let ty = values[k].ty;
        // The chosen exception's (or the default's) column: one gather (`Op::Pick`);
        // `on_null` for the rows where the branch is undecided.
        let pick = |f: &dyn Fn(&Node) -> Option<Expr>,
                    null: Expr,
                    dt: DataType,
                    on_null: Option<Expr>|
         -> Option<Expr> {
            if values.iter().all(|n| f(n).is_none()) && on_null.is_none() {
                return None;
            }
            let mut pargs = vec![branch.clone()];
            pargs.extend(values.iter().map(|n| f(n).unwrap_or_else(|| null.clone())));
            let with_null = on_null.is_some();
            pargs.extend(on_null);
            Some(OsFn::new(Op::Pick { on_null: with_null }, vec![], Part::Value, dt).call(pargs))
        };
        let v = pick(&|n| Some(n.v.clone()), lit(ty.null()), ty.internal(), None)
            .ok_or_else(|| CompileError("no value".into()))?;
        let v = self.emit(v);
        let mut errs: Vec<Expr> = conds.iter().filter_map(|c| c.e.clone()).collect();
        errs.extend(conflict);
        errs.extend(pick(&|n| n.e.clone(), null_utf8(), DataType::Utf8, None));
        let e = self.first_error(errs);
        let m = match self.masks.clone() {
            Some(masks) => {
                let mut margs = args.clone();
                let any_cond_mask = conds.iter().any(|c| c.m.is_some());
                margs.extend(
                    conds
                        .iter()
                        .map(|c| c.m.clone().unwrap_or_else(|| masks.null())),
                );
                // Undecided: the missing facts of the pending exceptions; decided: the
                // chosen value's.
                let pending =
                    any_cond_mask.then(|| resolve(ResolvePart::Mask, masks.dtype()).call(margs));
                pick(&|n| n.m.clone(), masks.null(), masks.dtype(), pending).map(|m| self.emit(m))
            }
            None => None,
        };
        Ok(Node { v, e, m, ty })
    }

    /// `if c then a else b` as batch functions (`Op::If`, `Op::Choose`): the same
    /// semantics as the CASE form below, computed as one gather per column.
    fn if_pick(&mut self, c: Node, a: Node, b: Node, ty: Ty) -> CResult<Node> {
        let mut args = vec![c.v.clone(), a.v.clone(), b.v.clone()];
        args.extend(c.e.clone());
        let v = self.emit(
            OsFn::new(
                Op::If { dec: ty.is_dec() },
                vec![],
                Part::Value,
                ty.internal(),
            )
            .call(args),
        );
        let choose = |x: Expr, y: Expr, z: Expr, dt: DataType| {
            OsFn::new(Op::Choose, vec![], Part::Value, dt).call(vec![c.v.clone(), x, y, z])
        };
        let e = if c.e.is_none() && a.e.is_none() && b.e.is_none() {
            None
        } else {
            // With the condition missing, an error in a branch is not (yet) an error.
            let e = choose(
                a.e.clone().unwrap_or_else(null_utf8),
                b.e.clone().unwrap_or_else(null_utf8),
                c.e.clone().unwrap_or_else(null_utf8),
                DataType::Utf8,
            );
            Some(self.emit(e))
        };
        let m = match self.masks.clone() {
            Some(masks) if c.m.is_some() || a.m.is_some() || b.m.is_some() => {
                let union = missing_union(&masks, &v, &e, [&c.m, &a.m, &b.m]);
                let m = choose(
                    a.m.clone().unwrap_or_else(|| masks.null()),
                    b.m.clone().unwrap_or_else(|| masks.null()),
                    union,
                    masks.dtype(),
                );
                Some(self.emit(m))
            }
            _ => None,
        };
        Ok(Node { v, e, m, ty })
    }

    fn param_now(&mut self, p: onestop_lang::ParamId, ty: Ty) -> CResult<Node> {
        match self.params.get(p.index()).cloned().flatten() {
            Some((_, v)) => self.constant(&v, ty),
            None => {
                let decl = &self.program.params[p.index()];
                let err = EvalError::NoParameterValue {
                    parameter: decl.name.clone(),
                    date: self.date,
                    covered: decl
                        .values
                        .first()
                        .map(|v| (v.from, decl.values.last().and_then(|l| l.to))),
                };
                Ok(Node {
                    v: lit(ty.null()),
                    e: Some(lit(err.to_string())),
                    m: None,
                    ty,
                })
            }
        }
    }

    pub fn expr(&mut self, x: &TExpr) -> CResult<Node> {
        let err = |e: datafusion::error::DataFusionError| CompileError(e.to_string());
        Ok(match &x.kind {
            TKind::Const(v) => {
                let ty = self.ty(&x.ty)?;
                self.constant(v, ty)?
            }
            TKind::Input(i) => self.input(*i)?,
            TKind::Def(d) => self.def(*d)?,
            TKind::Param(p) => {
                let ty = self.ty(&x.ty)?;
                self.param_now(*p, ty)?
            }
            TKind::ParamAt(p, when_) => {
                let ty = self.ty(&x.ty)?;
                let w = self.expr(when_)?;
                let decl = &self.program.params[p.index()];
                let mut values = Vec::new();
                for v in &decl.values {
                    values.push(Dated {
                        from: date_to_days(v.from),
                        to: v.to.map(date_to_days),
                        value: Literal::from_scalar(
                            &scalar_of(&v.value, ty).map_err(CompileError)?,
                            ty,
                        ),
                    });
                }
                let op = Op::ParamAt {
                    param: decl.name.clone(),
                    values,
                };
                self.strict(op, vec![w], ty, true)
            }
            TKind::DecisionDate => Self::known(
                lit(ScalarValue::Date32(Some(date_to_days(self.date)))),
                Ty::Date,
            ),
            TKind::Neg(a) => {
                let ty = self.ty(&x.ty)?;
                let a = self.expr(a)?;
                self.strict(Op::Neg(ty), vec![a], ty, true)
            }
            TKind::Not(a) => {
                let a = self.expr(a)?;
                let v = self.emit(!a.v.clone());
                Node { v, ..a }
            }
            TKind::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
                let a = self.expr(a)?;
                let b = self.expr(b)?;
                let v = kleene(*op == BinOp::Or, a.v.clone(), b.v.clone());
                let v = self.emit(v);
                // Neither side decisive: an error on one side is only an error if the
                // other side is not missing (`undecided` in the scalar evaluator).
                let errs: Vec<Expr> = [a.e.clone(), b.e.clone()].into_iter().flatten().collect();
                let e = if errs.is_empty() {
                    None
                } else {
                    let first = if errs.len() == 1 {
                        errs[0].clone()
                    } else {
                        first_of(errs)
                    };
                    let decided = |n: &Node| match &n.e {
                        Some(e) => or(n.v.clone().is_not_null(), e.clone().is_not_null()),
                        None => n.v.clone().is_not_null(),
                    };
                    let cond = and(and(v.clone().is_null(), decided(&a)), decided(&b));
                    Some(self.emit(when(cond, first).end().map_err(err)?))
                };
                let ms: Vec<Expr> = [a.m.clone(), b.m.clone()].into_iter().flatten().collect();
                let m = self.miss(&v, &e, ms);
                Node {
                    v,
                    e,
                    m,
                    ty: Ty::Bool,
                }
            }
            TKind::Binary(op, a, b) => {
                let a = self.expr(a)?;
                let b = self.expr(b)?;
                match BinKind::of(*op) {
                    BinKind::Compare(c) => {
                        let numeric = |t: Ty| t == Ty::Int || t.is_dec();
                        if numeric(a.ty) && numeric(b.ty) && !(a.ty == Ty::Int && b.ty == Ty::Int) {
                            self.strict(Op::Cmp(c), vec![a, b], Ty::Bool, false)
                        } else {
                            let (l, r) = (a.v.clone(), b.v.clone());
                            let e = match c {
                                CmpOp::Eq => l.eq(r),
                                CmpOp::Ne => l.not_eq(r),
                                CmpOp::Lt => l.lt(r),
                                CmpOp::Le => l.lt_eq(r),
                                CmpOp::Gt => l.gt(r),
                                CmpOp::Ge => l.gt_eq(r),
                            };
                            self.strict_native(e, vec![a, b], Ty::Bool)
                        }
                    }
                    BinKind::Arith(ar) => {
                        let ty = self.ty(&x.ty)?;
                        self.strict(Op::Arith(ar, ty), vec![a, b], ty, true)
                    }
                    BinKind::Logic => {
                        return Err(CompileError(format!(
                            "batch: `{}` reached the arithmetic path",
                            op.symbol()
                        )));
                    }
                }
            }
            TKind::If(c, a, b) => {
                let ty = self.ty(&x.ty)?;
                let c = self.expr(c)?;
                let a = self.expr(a)?;
                let a = self.coerce(a, ty);
                let b = self.expr(b)?;
                let b = self.coerce(b, ty);
                if a.ty.internal() == ty.internal() && b.ty.internal() == ty.internal() {
                    return self.if_pick(c, a, b, ty);
                }
                let eq = if ty.is_dec() {
                    OsFn::new(
                        Op::Cmp(CmpOp::Eq),
                        vec![a.ty, b.ty],
                        Part::Value,
                        DataType::Boolean,
                    )
                    .call(vec![a.v.clone(), b.v.clone()])
                } else {
                    a.v.clone().eq(b.v.clone())
                };
                let eq = match &c.e {
                    Some(ce) => and(ce.clone().is_null(), eq),
                    None => eq,
                };
                let not_c = !c.v.clone();
                let v = when(c.v.clone(), a.v.clone())
                    .when(not_c.clone(), b.v.clone())
                    .when(eq, a.v.clone())
                    .end()
                    .map_err(err)?;
                let v = self.emit(v);
                let e = if c.e.is_none() && a.e.is_none() && b.e.is_none() {
                    None
                } else {
                    let mut cb = when(c.v.clone(), a.e.clone().unwrap_or_else(null_utf8));
                    cb.when(not_c.clone(), b.e.clone().unwrap_or_else(null_utf8));
                    // With the condition missing, an error in a branch is not (yet) an error.
                    if let Some(ce) = &c.e {
                        cb.when(ce.clone().is_not_null(), ce.clone());
                    }
                    Some(self.emit(cb.end().map_err(err)?))
                };
                let m = match self.masks.clone() {
                    Some(masks) if c.m.is_some() || a.m.is_some() || b.m.is_some() => {
                        let union = missing_union(&masks, &v, &e, [&c.m, &a.m, &b.m]);
                        let expr = when(c.v.clone(), a.m.clone().unwrap_or_else(|| masks.null()))
                            .when(not_c, b.m.clone().unwrap_or_else(|| masks.null()))
                            .otherwise(union)
                            .map_err(err)?;
                        Some(self.emit(expr))
                    }
                    _ => None,
                };
                Node { v, e, m, ty }
            }
            TKind::In { elem, set, negated } => {
                let el = self.expr(elem)?;
                let negated = *negated;
                match &set.kind {
                    TKind::Const(Value::Set(items)) => {
                        let inner = match &set.ty {
                            Type::Set(t) => t.as_ref().clone(),
                            _ => return Err(CompileError("`in` needs a set".into())),
                        };
                        let ity = self.ty(&inner)?;
                        if ity == Ty::Enum {
                            let s = self.constant(&Value::Set(items.clone()), Ty::EnumSet)?;
                            self.strict(Op::SetHas { negated }, vec![el, s], Ty::Bool, false)
                        } else {
                            let mut args = vec![el];
                            for it in items.iter() {
                                args.push(self.constant(it, ity)?);
                            }
                            self.strict(Op::AnyEqual { negated }, args, Ty::Bool, false)
                        }
                    }
                    TKind::SetLit(es) => {
                        let mut args = vec![el];
                        for e in es {
                            args.push(self.expr(e)?);
                        }
                        self.strict(Op::AnyEqual { negated }, args, Ty::Bool, false)
                    }
                    _ => {
                        let s = self.expr(set)?;
                        if s.ty != Ty::EnumSet {
                            return Err(CompileError(
                                "batch: `in` over a computed set needs a set of enumeration values"
                                    .into(),
                            ));
                        }
                        self.strict(Op::SetHas { negated }, vec![el, s], Ty::Bool, false)
                    }
                }
            }
            TKind::SetLit(es) => {
                let ty = self.ty(&x.ty)?;
                let mut args = Vec::new();
                for e in es {
                    args.push(self.expr(e)?);
                }
                self.strict(Op::EnumSet, args, ty, false)
            }
            TKind::Call(f, args) => {
                let ty = self.ty(&x.ty)?;
                let mut nodes = Vec::new();
                for a in args {
                    nodes.push(self.expr(a)?);
                }
                // The builtin itself travels in the operation: no table of
                // functions to keep in step with the language.
                let op = Op::Call { func: *f, ty };
                let fallible = onestop_engine::semantics::can_fail(*f);
                self.strict(op, nodes, ty, fallible)
            }
        })
    }

    /// The measure's eligibility.
    pub fn eligibility(&mut self, m: &MeasureDecl) -> CResult<Node> {
        let _owner = crate::profile::owner_scope(|| format!("eligibility of {}", m.id));
        self.expr(&m.eligible)
    }

    pub fn output(&mut self, o: OutputRef) -> CResult<(String, Node, Type)> {
        Ok(match o {
            OutputRef::Def(d) => {
                let decl = &self.program.defs[d.index()];
                (decl.name.clone(), self.def(d)?, decl.ty.clone())
            }
            OutputRef::Input(i) => {
                let decl = &self.program.inputs[i.index()];
                (decl.name.clone(), self.input(i)?, decl.ty.clone())
            }
        })
    }
}
