//! Name resolution, type checking, citation and date checks, cycle detection.
//! Turns parsed items into a [`Program`], or diagnostics saying what to fix.

use crate::ast::{self, BinOp, Citation, ExprKind, Item, ItemKind, TypeExpr};
use crate::diag::{Diagnostic, did_you_mean};
use crate::program::*;
use crate::source::{Sources, Span};
use crate::types::{EnumId, Type, Value};
use std::collections::HashMap;

/// The five source documents a citation may name.
pub const SEED_FILES: &[&str] = &[
    "000_abb21015abc8a560.txt",
    "001_0cbca1dd9c1e8cc0.txt",
    "002_7eda269d5635f47a.txt",
    "003_021bab1a94e0afa8.txt",
    "004_166eec9ed7b99b31.txt",
];

pub struct Checker<'a> {
    sources: &'a Sources,
    pub diags: Vec<Diagnostic>,
    entities: Vec<EntityDecl>,
    enums: Vec<EnumDecl>,
    inputs: Vec<InputDecl>,
    params: Vec<ParamDecl>,
    defs: Vec<DefDecl>,
    measures: Vec<MeasureDecl>,
    entity_names: HashMap<String, EntityId>,
    enum_names: HashMap<String, EnumId>,
    input_names: HashMap<(EntityId, String), InputId>,
    def_names: HashMap<(EntityId, String), DefId>,
    param_names: HashMap<String, ParamId>,
    /// variant name -> every enum that has it
    variants: HashMap<String, Vec<(EnumId, u32)>>,
    used_inputs: Vec<bool>,
}

/// Checks rule items (already merged with any reform) into a program.
pub fn check(
    sources: &Sources,
    items: &[Item],
    reform: Option<ReformDecl>,
    version: String,
) -> (Option<Program>, Vec<Diagnostic>) {
    let mut c = Checker::new(sources);
    c.run(items);
    let failed = c.diags.iter().any(|d| d.is_error());
    let program = if failed {
        None
    } else {
        Some(Program {
            sources: sources.clone(),
            entities: c.entities,
            enums: c.enums,
            inputs: c.inputs,
            params: c.params,
            defs: c.defs,
            measures: c.measures,
            reform,
            version,
        })
    };
    (program, c.diags)
}

fn placeholder(span: Span) -> TExpr {
    TExpr {
        kind: TKind::Const(Value::Bool(false)),
        ty: Type::Bool,
        span,
    }
}

impl<'a> Checker<'a> {
    fn new(sources: &'a Sources) -> Checker<'a> {
        Checker {
            sources,
            diags: Vec::new(),
            entities: Vec::new(),
            enums: Vec::new(),
            inputs: Vec::new(),
            params: Vec::new(),
            defs: Vec::new(),
            measures: Vec::new(),
            entity_names: HashMap::new(),
            enum_names: HashMap::new(),
            input_names: HashMap::new(),
            def_names: HashMap::new(),
            param_names: HashMap::new(),
            variants: HashMap::new(),
            used_inputs: Vec::new(),
        }
    }

    fn err(
        &mut self,
        code: &'static str,
        span: Span,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(code, span, msg).hint(hint));
    }

    fn duplicate(&mut self, what: &str, name: &str, span: Span, first: Span) {
        self.diags.push(
            Diagnostic::error(
                "E-DUPLICATE",
                span,
                format!("{what} `{name}` is declared twice"),
            )
            .note(first, "first declared here")
            .hint("rename one of them or remove the copy"),
        );
    }

    fn run(&mut self, items: &[Item]) {
        for item in items {
            self.item_doubt(item);
        }
        // Pass 1: entities and enumerations, which types refer to.
        for item in items {
            match &item.kind {
                ItemKind::Entity => {
                    if let Some(&id) = self.entity_names.get(&item.name.name) {
                        let first = self.entities[id.index()].span;
                        self.duplicate("entity", &item.name.name, item.name.span, first);
                        continue;
                    }
                    let id = EntityId(self.entities.len() as u32);
                    self.entity_names.insert(item.name.name.clone(), id);
                    self.entities.push(EntityDecl {
                        name: item.name.name.clone(),
                        title: item.meta.title.clone(),
                        span: item.name.span,
                    });
                }
                ItemKind::Enum { values } => {
                    if let Some(&id) = self.enum_names.get(&item.name.name) {
                        let first = self.enums[id.0 as usize].span;
                        self.duplicate("enumeration", &item.name.name, item.name.span, first);
                        continue;
                    }
                    if Type::builtin(&item.name.name).is_some() {
                        self.err(
                            "E-DUPLICATE",
                            item.name.span,
                            format!("`{}` is a built-in type", item.name.name),
                            "choose another enumeration name",
                        );
                        continue;
                    }
                    let id = EnumId(self.enums.len() as u32);
                    self.enum_names.insert(item.name.name.clone(), id);
                    let mut vals: Vec<(String, ast::Texts)> = Vec::new();
                    for v in values {
                        if vals.iter().any(|(n, _)| *n == v.name.name) {
                            self.err(
                                "E-DUPLICATE",
                                v.name.span,
                                format!(
                                    "value `{}` appears twice in `{}`",
                                    v.name.name, item.name.name
                                ),
                                "remove the repeated value",
                            );
                            continue;
                        }
                        self.variants
                            .entry(v.name.name.clone())
                            .or_default()
                            .push((id, vals.len() as u32));
                        vals.push((v.name.name.clone(), v.title.clone()));
                    }
                    self.enums.push(EnumDecl {
                        name: item.name.name.clone(),
                        title: item.meta.title.clone(),
                        values: vals,
                        span: item.name.span,
                    });
                }
                _ => {}
            }
        }
        // Pass 2: declarations with types (inputs, parameters, definitions' signatures).
        let mut def_items = Vec::new();
        for item in items {
            match &item.kind {
                ItemKind::Input { ty } => {
                    let Some(entity) = self.scope_entity(item) else {
                        continue;
                    };
                    let Some(ty) = self.resolve_type(ty) else {
                        continue;
                    };
                    let key = (entity, item.name.name.clone());
                    if let Some(&id) = self.input_names.get(&key) {
                        let first = self.inputs[id.index()].span;
                        self.duplicate("input", &item.name.name, item.name.span, first);
                        continue;
                    }
                    self.check_name_free(item);
                    if item.meta.title.entries.is_empty() {
                        self.err(
                            "E-META",
                            item.name.span,
                            format!("input `{}` has no description", item.name.name),
                            "add a one-line description: title en \"...\" zh \"...\"",
                        );
                    }
                    self.input_names
                        .insert(key, InputId(self.inputs.len() as u32));
                    self.inputs.push(InputDecl {
                        entity,
                        name: item.name.name.clone(),
                        ty,
                        title: item.meta.title.clone(),
                        question: item.meta.question.clone(),
                        span: item.name.span,
                    });
                }
                ItemKind::Parameter { ty, values } => {
                    if let Some(&id) = self.param_names.get(&item.name.name) {
                        let first = self.params[id.index()].span;
                        self.duplicate("parameter", &item.name.name, item.name.span, first);
                        continue;
                    }
                    let Some(ty_expr) = ty else {
                        self.err(
                            "E-TYPE",
                            item.name.span,
                            format!("parameter `{}` has no type", item.name.name),
                            "declare it as `parameter name : type`",
                        );
                        continue;
                    };
                    let Some(ty) = self.resolve_type(ty_expr) else {
                        continue;
                    };
                    self.check_name_free(item);
                    let vals = self.param_values(item, &ty, values);
                    self.param_names
                        .insert(item.name.name.clone(), ParamId(self.params.len() as u32));
                    self.params.push(ParamDecl {
                        name: item.name.name.clone(),
                        ty,
                        title: item.meta.title.clone(),
                        values: vals,
                        doubt: item.meta.doubt.clone(),
                        span: item.name.span,
                    });
                }
                ItemKind::Definition { ty, .. } => {
                    let Some(entity) = self.scope_entity(item) else {
                        continue;
                    };
                    let Some(ty) = self.resolve_type(ty) else {
                        continue;
                    };
                    let key = (entity, item.name.name.clone());
                    if let Some(&id) = self.def_names.get(&key) {
                        let first = self.defs[id.index()].span;
                        self.duplicate("definition", &item.name.name, item.name.span, first);
                        continue;
                    }
                    if let Some(&id) = self.input_names.get(&key) {
                        let first = self.inputs[id.index()].span;
                        self.duplicate("name", &item.name.name, item.name.span, first);
                        continue;
                    }
                    self.check_name_free(item);
                    self.def_names.insert(key, DefId(self.defs.len() as u32));
                    self.defs.push(DefDecl {
                        entity,
                        name: item.name.name.clone(),
                        ty,
                        title: item.meta.title.clone(),
                        summary: item.meta.summary.clone(),
                        cites: item.meta.cites.clone(),
                        default: placeholder(item.name.span),
                        exceptions: Vec::new(),
                        doubt: item.meta.doubt.clone(),
                        span: item.name.span,
                    });
                    def_items.push((DefId(self.defs.len() as u32 - 1), item));
                }
                _ => {}
            }
        }
        self.used_inputs = vec![false; self.inputs.len()];
        // Pass 3: bodies.
        for (id, item) in def_items {
            self.definition_body(id, item);
        }
        for item in items {
            if let ItemKind::Measure { eligible, outputs } = &item.kind {
                self.measure(item, eligible, outputs);
            }
        }
        self.check_cycles();
        for (i, used) in self.used_inputs.iter().enumerate() {
            if !used {
                let inp = &self.inputs[i];
                self.diags.push(
                    Diagnostic::warning(
                        "W-UNUSED",
                        inp.span,
                        format!("input `{}` is never used", inp.name),
                    )
                    .hint("use it in a definition or measure, or remove it"),
                );
            }
        }
    }

    fn check_name_free(&mut self, item: &Item) {
        if Builtin::ALL.iter().any(|(n, _)| *n == item.name.name)
            || item.name.name == "decision_date"
        {
            self.err(
                "E-DUPLICATE",
                item.name.span,
                format!("`{}` is the name of a built-in", item.name.name),
                "choose another name",
            );
        }
    }

    fn scope_entity(&mut self, item: &Item) -> Option<EntityId> {
        let scope = item.scope.as_ref()?;
        match self.entity_names.get(&scope.name) {
            Some(&e) => Some(e),
            None => {
                let hint = did_you_mean(&scope.name, self.entity_names.keys().map(|s| s.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "declare it with `entity name` first".into());
                // Report once per scope line, not once per item.
                if !self.diags.iter().any(|d| d.span == scope.span) {
                    self.err(
                        "E-NAME",
                        scope.span,
                        format!("unknown entity `{}`", scope.name),
                        hint,
                    );
                }
                None
            }
        }
    }

    fn resolve_type(&mut self, t: &TypeExpr) -> Option<Type> {
        match t {
            TypeExpr::Set(inner, _) => Some(Type::Set(Box::new(self.resolve_type(inner)?))),
            TypeExpr::Named(id) => {
                if let Some(b) = Type::builtin(&id.name) {
                    return Some(b);
                }
                if let Some(&e) = self.enum_names.get(&id.name) {
                    return Some(Type::Enum(e));
                }
                let cands: Vec<&str> = Type::BUILTIN_NAMES
                    .iter()
                    .copied()
                    .chain(self.enum_names.keys().map(|s| s.as_str()))
                    .collect();
                let hint = did_you_mean(&id.name, cands)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "types: bool, int, decimal, money, rate, date, duration, text, an enumeration, set of T".into());
                self.err(
                    "E-TYPE",
                    id.span,
                    format!("unknown type `{}`", id.name),
                    hint,
                );
                None
            }
        }
    }

    /// An item's own mark: `placeholder` on parameters only, `uncertain` on
    /// parameters, definitions and measures; a reason in English and Chinese.
    fn item_doubt(&mut self, item: &Item) {
        let Some(d) = &item.meta.doubt else {
            return;
        };
        let what = match item.kind {
            ItemKind::Parameter { .. } => None,
            ItemKind::Definition { .. } | ItemKind::Measure { .. }
                if d.kind == ast::DoubtKind::Uncertain =>
            {
                None
            }
            ItemKind::Definition { .. } | ItemKind::Measure { .. } => Some((
                "only a parameter is a placeholder",
                "mark the parameter that holds the stand-in figure `placeholder`; this item may be `uncertain`",
            )),
            _ => Some((
                "only parameters, definitions, measures and citations carry a mark",
                "mark the definition or parameter that relies on it, or the citation (`uncertain` right after `cite`)",
            )),
        };
        if let Some((msg, hint)) = what {
            self.err(
                "E-DOUBT",
                d.span,
                format!("`{}` on `{}`: {msg}", d.kind.as_str(), item.name.name),
                hint,
            );
        }
        self.doubt_reason(d);
    }

    fn doubt_reason(&mut self, d: &ast::Doubt) {
        if d.reason.get("en").is_none() || d.reason.get("zh").is_none() {
            self.err(
                "E-META",
                d.span,
                format!(
                    "the reason for `{}` needs English and Chinese",
                    d.kind.as_str()
                ),
                format!("write {} en \"...\" zh \"...\"", d.kind.as_str()),
            );
        }
    }

    fn check_citation(&mut self, c: &Citation) {
        if let Some(d) = &c.doubt {
            if d.kind == ast::DoubtKind::Placeholder {
                self.err(
                    "E-DOUBT",
                    d.span,
                    format!("citation \"{}\" is marked `placeholder`", c.text),
                    "a citation may be `uncertain`; mark the parameter itself `placeholder` (under its title)",
                );
            }
            self.doubt_reason(d);
        }
        if c.from.is_none() {
            self.err(
                "E-CITE",
                c.span,
                format!("citation \"{}\" has no validity date", c.text),
                "add the date the source takes effect: cite \"...\" from YYYY-MM-DD",
            );
        }
        if let (Some(f), Some(t)) = (c.from, c.to)
            && t < f
        {
            self.err(
                "E-CITE",
                c.span,
                format!("citation \"{}\" ends ({t}) before it starts ({f})", c.text),
                "swap the dates or correct them",
            );
        }
        let first = c.text.split_whitespace().next().unwrap_or("");
        if first.ends_with(".txt") && !SEED_FILES.contains(&first) {
            let hint = did_you_mean(first, SEED_FILES.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("the source documents are {}", SEED_FILES.join(", ")));
            self.err(
                "E-CITE",
                c.span,
                format!("`{first}` is not one of the source documents"),
                hint,
            );
        }
        if c.text.trim().is_empty() {
            self.err(
                "E-CITE",
                c.span,
                "empty citation",
                "name the seed file and section, or the national instrument and article",
            );
        }
    }

    fn param_values(
        &mut self,
        item: &Item,
        ty: &Type,
        values: &[ast::ParamValue],
    ) -> Vec<ParamValue> {
        let mut out: Vec<(ParamValue, Span)> = Vec::new();
        for v in values {
            let cite = match &v.cite {
                Some(c) => {
                    self.check_citation(c);
                    c.clone()
                }
                None => {
                    self.err(
                        "E-CITE",
                        v.span,
                        format!(
                            "value of `{}` from {} has no citation",
                            item.name.name, v.from
                        ),
                        "add `cite \"instrument, article\" from YYYY-MM-DD` after the value",
                    );
                    continue;
                }
            };
            if let Some(to) = v.to
                && to < v.from
            {
                self.err(
                    "E-DATES",
                    v.span,
                    format!(
                        "value of `{}` ends ({to}) before it starts ({})",
                        item.name.name, v.from
                    ),
                    "swap the dates",
                );
                continue;
            }
            let Some(texpr) = self.expr(&v.value, None, Some(ty)) else {
                continue;
            };
            if !texpr.ty.assignable_to(ty) {
                self.type_mismatch(v.value.span, ty, &texpr.ty);
                continue;
            }
            let Some(value) = const_eval(&texpr).and_then(|x| x.convert_to(ty)) else {
                self.err(
                    "E-CONST",
                    v.value.span,
                    "a parameter value must be a literal",
                    "write the figure itself, e.g. `5 000 000 yuan`, `25%`, `{haidian, chaoyang}`",
                );
                continue;
            };
            out.push((
                ParamValue {
                    from: v.from,
                    to: v.to,
                    value,
                    cite,
                },
                v.span,
            ));
        }
        out.sort_by_key(|(v, _)| v.from);
        for w in out.windows(2) {
            let (a, sa) = &w[0];
            let (b, sb) = &w[1];
            match a.to {
                None => self.diags.push(
                    Diagnostic::error("E-DATES", *sb, format!("values of `{}` overlap: the value from {} has no end date, but another starts {}", item.name.name, a.from, b.from))
                        .note(*sa, "open-ended value")
                        .hint(format!("end the earlier value: `from {} to {}:`", a.from, b.from.pred_opt().unwrap_or(b.from))),
                ),
                Some(t) if t >= b.from => self.diags.push(
                    Diagnostic::error("E-DATES", *sb, format!("values of `{}` overlap between {} and {}", item.name.name, b.from, t))
                        .note(*sa, "overlapping value")
                        .hint("each day must have exactly one value; adjust the `to` date"),
                ),
                Some(t) if t.succ_opt() != Some(b.from) => self.diags.push(
                    Diagnostic::error("E-DATES", *sb, format!("values of `{}` leave a gap: none applies from {} to {}", item.name.name, t.succ_opt().unwrap_or(t), b.from.pred_opt().unwrap_or(b.from)))
                        .note(*sa, "previous value ends here")
                        .hint("extend the previous value or start this one the day after it ends"),
                ),
                _ => {}
            }
        }
        out.into_iter().map(|(v, _)| v).collect()
    }

    fn type_mismatch(&mut self, span: Span, want: &Type, got: &Type) {
        let (w, g) = (self.type_name(want), self.type_name(got));
        let hint = match (want, got) {
            (Type::Money, t) if t.is_numeric() => {
                "amounts of money carry a unit: write e.g. `0 yuan` or `5 000 000 yuan`".to_string()
            }
            (Type::Rate, Type::Money) | (Type::Decimal, Type::Money) => {
                "divide by another amount of money to get a rate".to_string()
            }
            _ => format!("this must be a {w}"),
        };
        self.err("E-TYPE", span, format!("expected {w}, found {g}"), hint);
    }

    fn type_name(&self, ty: &Type) -> String {
        ty.name(&|e| self.enums[e.0 as usize].name.clone())
    }

    fn definition_body(&mut self, id: DefId, item: &Item) {
        let ItemKind::Definition {
            default,
            exceptions,
            ..
        } = &item.kind
        else {
            return;
        };
        let entity = self.defs[id.index()].entity;
        let ty = self.defs[id.index()].ty.clone();
        if item.meta.cites.is_empty() {
            self.err("E-CITE", item.name.span, format!("definition `{}` has no citation", item.name.name), "add `cite \"<seed file> §<section>\" from YYYY-MM-DD` or the national instrument it comes from");
        }
        for c in &item.meta.cites {
            self.check_citation(c);
        }
        if item.meta.title.get("en").is_none() || item.meta.title.get("zh").is_none() {
            self.err(
                "E-META",
                item.name.span,
                format!(
                    "definition `{}` needs a title in English and Chinese",
                    item.name.name
                ),
                "add title en \"...\" zh \"...\"",
            );
        }
        let d = self.typed_body(entity, default, &ty);
        self.defs[id.index()].default = d;
        let mut exs: Vec<ExceptionDecl> = Vec::new();
        let mut spans = Vec::new();
        for (i, ex) in exceptions.iter().enumerate() {
            let label = match &ex.label {
                Some(l) => l.name.clone(),
                None => {
                    let (line, _) = self
                        .sources
                        .file(ex.span.file)
                        .line_col(ex.span.start as usize);
                    format!("exception {} (line {line})", i + 1)
                }
            };
            if let Some(l) = &ex.label
                && exs.iter().any(|e| e.label == l.name)
            {
                self.err(
                    "E-DUPLICATE",
                    l.span,
                    format!("exception label `{}` is used twice", l.name),
                    "give each exception its own label",
                );
            }
            if let Some(c) = &ex.cite {
                self.check_citation(c);
            }
            let cond = match self.expr(&ex.cond, Some(entity), Some(&Type::Bool)) {
                Some(c) if c.ty == Type::Bool => c,
                Some(c) => {
                    self.type_mismatch(ex.cond.span, &Type::Bool, &c.ty);
                    placeholder(ex.cond.span)
                }
                None => placeholder(ex.cond.span),
            };
            let value = self.typed_body(entity, &ex.value, &ty);
            exs.push(ExceptionDecl {
                label,
                cond,
                value,
                cite: ex.cite.clone(),
                beats: Vec::new(),
                span: ex.span,
            });
            spans.push(ex);
        }
        // Priorities: `[a over b]`, closed transitively; a cycle is an error.
        let n = exs.len();
        let mut beats = vec![vec![false; n]; n];
        for (i, ex) in spans.iter().enumerate() {
            for o in &ex.over {
                match exs.iter().position(|e| e.label == o.name) {
                    Some(j) if j != i => beats[i][j] = true,
                    Some(_) => self.err(
                        "E-PRIORITY",
                        o.span,
                        "an exception cannot take priority over itself",
                        "name another exception's label",
                    ),
                    None => {
                        let hint = did_you_mean(&o.name, exs.iter().map(|e| e.label.as_str()))
                            .map(|s| format!("did you mean `{s}`?"))
                            .unwrap_or_else(|| {
                                "label the other exception, e.g. `unless [national] ...`".into()
                            });
                        self.err(
                            "E-NAME",
                            o.span,
                            format!("no exception labelled `{}` in this definition", o.name),
                            hint,
                        );
                    }
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    if beats[i][k] && beats[k][j] {
                        beats[i][j] = true;
                    }
                }
            }
        }
        for i in 0..n {
            if beats[i][i] {
                self.err(
                    "E-PRIORITY",
                    exs[i].span,
                    format!(
                        "exception `{}` takes priority over itself through a cycle of `over`",
                        exs[i].label
                    ),
                    "remove one of the `over` clauses",
                );
            }
            exs[i].beats = (0..n).filter(|&j| beats[i][j] && j != i).collect();
        }
        self.defs[id.index()].exceptions = exs;
    }

    fn typed_body(&mut self, entity: EntityId, e: &ast::Expr, ty: &Type) -> TExpr {
        match self.expr(e, Some(entity), Some(ty)) {
            Some(t) if t.ty.assignable_to(ty) => t,
            Some(t) => {
                self.type_mismatch(e.span, ty, &t.ty);
                placeholder(e.span)
            }
            None => placeholder(e.span),
        }
    }

    fn measure(&mut self, item: &Item, eligible: &ast::Expr, outputs: &[ast::Ident]) {
        let Some(entity) = self.scope_entity(item) else {
            return;
        };
        if let Some(m) = self.measures.iter().find(|m| m.id == item.name.name) {
            let first = m.span;
            self.duplicate("measure", &item.name.name, item.name.span, first);
            return;
        }
        if item.meta.cites.is_empty() {
            self.err(
                "E-CITE",
                item.name.span,
                format!("measure `{}` has no citation", item.name.name),
                "add `cite \"<seed file> §<section>\" from YYYY-MM-DD`",
            );
        }
        for c in &item.meta.cites {
            self.check_citation(c);
        }
        if item.meta.title.get("en").is_none() || item.meta.title.get("zh").is_none() {
            self.err(
                "E-META",
                item.name.span,
                format!(
                    "measure `{}` needs a title in English and Chinese",
                    item.name.name
                ),
                "add title en \"...\" zh \"...\"",
            );
        }
        let cond = match self.expr(eligible, Some(entity), Some(&Type::Bool)) {
            Some(c) if c.ty == Type::Bool => c,
            Some(c) => {
                self.type_mismatch(eligible.span, &Type::Bool, &c.ty);
                placeholder(eligible.span)
            }
            None => placeholder(eligible.span),
        };
        let mut outs = Vec::new();
        for o in outputs {
            let key = (entity, o.name.clone());
            if let Some(&d) = self.def_names.get(&key) {
                outs.push(OutputRef::Def(d));
            } else if let Some(&i) = self.input_names.get(&key) {
                self.used_inputs[i.index()] = true;
                outs.push(OutputRef::Input(i));
            } else {
                let hint = self.suggest(entity, &o.name);
                self.err(
                    "E-NAME",
                    o.span,
                    format!("unknown output `{}`", o.name),
                    hint,
                );
            }
        }
        self.measures.push(MeasureDecl {
            entity,
            id: item.name.name.clone(),
            title: item.meta.title.clone(),
            summary: item.meta.summary.clone(),
            cites: item.meta.cites.clone(),
            eligible: cond,
            outputs: outs,
            doubt: item.meta.doubt.clone(),
            span: item.name.span,
        });
    }

    fn suggest(&self, entity: EntityId, name: &str) -> String {
        let mut cands: Vec<&str> = Vec::new();
        cands.extend(
            self.input_names
                .keys()
                .filter(|(e, _)| *e == entity)
                .map(|(_, n)| n.as_str()),
        );
        cands.extend(
            self.def_names
                .keys()
                .filter(|(e, _)| *e == entity)
                .map(|(_, n)| n.as_str()),
        );
        cands.extend(self.param_names.keys().map(|s| s.as_str()));
        cands.extend(self.variants.keys().map(|s| s.as_str()));
        match did_you_mean(name, cands) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "declare it as an input, a definition or a parameter".into(),
        }
    }

    fn check_cycles(&mut self) {
        let n = self.defs.len();
        let deps: Vec<Vec<DefId>> = self
            .defs
            .iter()
            .map(|d| {
                let mut v = Vec::new();
                let mut f = |e: &TExpr| {
                    if let TKind::Def(id) = e.kind {
                        v.push(id);
                    }
                };
                d.default.walk(&mut f);
                for ex in &d.exceptions {
                    ex.cond.walk(&mut f);
                    ex.value.walk(&mut f);
                }
                v
            })
            .collect();
        // 0 = unvisited, 1 = on stack, 2 = done
        let mut state = vec![0u8; n];
        let mut reported = false;
        for start in 0..n {
            if state[start] != 0 || reported {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if *next < deps[node].len() {
                    let child = deps[node][*next].index();
                    *next += 1;
                    if state[child] == 1 {
                        let pos = stack.iter().position(|(s, _)| *s == child).unwrap_or(0);
                        let mut names: Vec<String> = stack[pos..]
                            .iter()
                            .map(|(s, _)| self.defs[*s].name.clone())
                            .collect();
                        names.push(self.defs[child].name.clone());
                        let span = self.defs[child].span;
                        self.err("E-CYCLE", span, format!("definitions depend on each other in a cycle: {}", names.join(" -> ")), "a definition cannot depend on itself, directly or through others; break the cycle");
                        reported = true;
                        break;
                    } else if state[child] == 0 {
                        state[child] = 1;
                        stack.push((child, 0));
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }

    // ---- expressions ----

    fn lookup(&mut self, entity: Option<EntityId>, id: &ast::Ident, span: Span) -> Option<TExpr> {
        let name = &id.name;
        if let Some(e) = entity {
            if let Some(&i) = self.input_names.get(&(e, name.clone())) {
                self.used_inputs[i.index()] = true;
                let ty = self.inputs[i.index()].ty.clone();
                return Some(TExpr {
                    kind: TKind::Input(i),
                    ty,
                    span,
                });
            }
            if let Some(&d) = self.def_names.get(&(e, name.clone())) {
                let ty = self.defs[d.index()].ty.clone();
                return Some(TExpr {
                    kind: TKind::Def(d),
                    ty,
                    span,
                });
            }
        }
        if let Some(&p) = self.param_names.get(name) {
            let ty = self.params[p.index()].ty.clone();
            return Some(TExpr {
                kind: TKind::Param(p),
                ty,
                span,
            });
        }
        if name == "decision_date" && entity.is_some() {
            return Some(TExpr {
                kind: TKind::DecisionDate,
                ty: Type::Date,
                span,
            });
        }
        match self.variants.get(name).map(|v| v.as_slice()) {
            Some([(e, v)]) => Some(TExpr {
                kind: TKind::Const(Value::Enum(*e, *v)),
                ty: Type::Enum(*e),
                span,
            }),
            Some(many) => {
                let opts: Vec<String> = many
                    .iter()
                    .map(|(e, _)| format!("`{}.{name}`", self.enums[e.0 as usize].name))
                    .collect();
                self.err(
                    "E-NAME",
                    span,
                    format!("`{name}` is a value of several enumerations"),
                    format!("qualify it: {}", opts.join(" or ")),
                );
                None
            }
            None => {
                let hint = match entity {
                    Some(e) => self.suggest(e, name),
                    None => did_you_mean(
                        name,
                        self.variants
                            .keys()
                            .map(|s| s.as_str())
                            .chain(self.param_names.keys().map(|s| s.as_str())),
                    )
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        "parameter values may only use literals and enumeration values".into()
                    }),
                };
                self.err("E-NAME", span, format!("unknown name `{name}`"), hint);
                None
            }
        }
    }

    /// Types an expression in the scope of `entity` (None: constants only).
    pub fn expr(
        &mut self,
        e: &ast::Expr,
        entity: Option<EntityId>,
        expected: Option<&Type>,
    ) -> Option<TExpr> {
        let span = e.span;
        let mk = |kind: TKind, ty: Type| Some(TExpr { kind, ty, span });
        match &e.kind {
            ExprKind::Bool(b) => mk(TKind::Const(Value::Bool(*b)), Type::Bool),
            ExprKind::Num { value, integral } => {
                if *integral && let Ok(i) = i64::try_from(*value) {
                    return mk(TKind::Const(Value::Int(i)), Type::Int);
                }
                mk(TKind::Const(Value::Decimal(*value)), Type::Decimal)
            }
            ExprKind::Percent(v) => mk(TKind::Const(Value::Rate(*v)), Type::Rate),
            ExprKind::Money(v) => {
                if v.round_dp(2) != *v {
                    self.err(
                        "E-TYPE",
                        span,
                        "an amount of money is exact to the fen (two decimal places)",
                        "round the figure to two decimal places",
                    );
                }
                mk(TKind::Const(Value::money(*v)), Type::Money)
            }
            ExprKind::Duration(n, unit) => {
                let n = i32::try_from(*n).unwrap_or(i32::MAX);
                let d = match unit {
                    ast::DurUnit::Days => crate::types::Duration { months: 0, days: n },
                    ast::DurUnit::Months => crate::types::Duration { months: n, days: 0 },
                    ast::DurUnit::Years => crate::types::Duration {
                        months: n.saturating_mul(12),
                        days: 0,
                    },
                };
                mk(TKind::Const(Value::Duration(d)), Type::Duration)
            }
            ExprKind::Date(d) => mk(TKind::Const(Value::Date(*d)), Type::Date),
            ExprKind::Text(s) => mk(TKind::Const(Value::Text(s.as_str().into())), Type::Text),
            ExprKind::Name(id) => {
                // An enumeration value written bare where that enumeration is expected.
                if let Some(Type::Enum(en)) = expected.or(match expected {
                    Some(Type::Set(inner)) => Some(inner.as_ref()),
                    _ => None,
                }) && entity.is_none_or(|ent| {
                    !self.input_names.contains_key(&(ent, id.name.clone()))
                        && !self.def_names.contains_key(&(ent, id.name.clone()))
                }) && !self.param_names.contains_key(&id.name)
                    && let Some(v) = self.enums[en.0 as usize]
                        .values
                        .iter()
                        .position(|(n, _)| *n == id.name)
                {
                    return mk(TKind::Const(Value::Enum(*en, v as u32)), Type::Enum(*en));
                }
                self.lookup(entity, id, span)
            }
            ExprKind::Qualified(en, v) => {
                let Some(&eid) = self.enum_names.get(&en.name) else {
                    let hint = did_you_mean(&en.name, self.enum_names.keys().map(|s| s.as_str()))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "write `enumeration.value`".into());
                    self.err(
                        "E-NAME",
                        en.span,
                        format!("unknown enumeration `{}`", en.name),
                        hint,
                    );
                    return None;
                };
                match self.enums[eid.0 as usize]
                    .values
                    .iter()
                    .position(|(n, _)| *n == v.name)
                {
                    Some(i) => mk(TKind::Const(Value::Enum(eid, i as u32)), Type::Enum(eid)),
                    None => {
                        let hint = did_you_mean(
                            &v.name,
                            self.enums[eid.0 as usize]
                                .values
                                .iter()
                                .map(|(n, _)| n.as_str()),
                        )
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("see `enum {}` for its values", en.name));
                        self.err(
                            "E-NAME",
                            v.span,
                            format!("`{}` is not a value of `{}`", v.name, en.name),
                            hint,
                        );
                        None
                    }
                }
            }
            ExprKind::At(p, when) => {
                let Some(&pid) = self.param_names.get(&p.name) else {
                    let hint = did_you_mean(&p.name, self.param_names.keys().map(|s| s.as_str()))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| "only parameters can be read `at` a date".into());
                    self.err(
                        "E-NAME",
                        p.span,
                        format!("`{}` is not a parameter", p.name),
                        hint,
                    );
                    return None;
                };
                let w = self.expr(when, entity, Some(&Type::Date))?;
                if w.ty != Type::Date {
                    self.type_mismatch(when.span, &Type::Date, &w.ty);
                    return None;
                }
                let ty = self.params[pid.index()].ty.clone();
                mk(TKind::ParamAt(pid, Box::new(w)), ty)
            }
            ExprKind::Neg(x) => {
                let t = self.expr(x, entity, expected)?;
                if !(t.ty.is_numeric() || t.ty == Type::Money || t.ty == Type::Duration) {
                    self.err(
                        "E-TYPE",
                        span,
                        format!("cannot negate a {}", self.type_name(&t.ty)),
                        "only numbers, money and durations have a sign",
                    );
                    return None;
                }
                let ty = t.ty.clone();
                if let TKind::Const(v) = &t.kind {
                    let neg = match v {
                        Value::Int(i) => Value::Int(-i),
                        Value::Decimal(d) => Value::Decimal(-d),
                        Value::Rate(d) => Value::Rate(-d),
                        Value::Money(d) => Value::Money(-d),
                        Value::Duration(d) => Value::Duration(d.negate()),
                        other => other.clone(),
                    };
                    return mk(TKind::Const(neg), ty);
                }
                mk(TKind::Neg(Box::new(t)), ty)
            }
            ExprKind::Not(x) => {
                let t = self.expr(x, entity, Some(&Type::Bool))?;
                if t.ty != Type::Bool {
                    self.type_mismatch(x.span, &Type::Bool, &t.ty);
                    return None;
                }
                mk(TKind::Not(Box::new(t)), Type::Bool)
            }
            ExprKind::Binary(op, a, b) => {
                let hint_ty = match op {
                    BinOp::And | BinOp::Or => Some(Type::Bool),
                    _ => None,
                };
                let ta = self.expr(a, entity, hint_ty.as_ref());
                let tb = self.expr(b, entity, ta.as_ref().map(|t| &t.ty).or(hint_ty.as_ref()));
                let (ta, tb) = (ta?, tb?);
                // Re-type a bare enumeration value on the left from the right.
                let ty = self.binary_type(*op, &ta.ty, &tb.ty, span)?;
                mk(TKind::Binary(*op, Box::new(ta), Box::new(tb)), ty)
            }
            ExprKind::If(c, a, b) => {
                let tc = self.expr(c, entity, Some(&Type::Bool));
                let ta = self.expr(a, entity, expected);
                let tb = self.expr(b, entity, ta.as_ref().map(|t| &t.ty).or(expected));
                let (tc, ta, tb) = (tc?, ta?, tb?);
                if tc.ty != Type::Bool {
                    self.type_mismatch(c.span, &Type::Bool, &tc.ty);
                    return None;
                }
                let ty = if ta.ty == tb.ty {
                    ta.ty.clone()
                } else if ta.ty.is_numeric() && tb.ty.is_numeric() {
                    numeric_join(&ta.ty, &tb.ty)
                } else {
                    self.err(
                        "E-TYPE",
                        b.span,
                        format!(
                            "the branches of `if` differ: {} and {}",
                            self.type_name(&ta.ty),
                            self.type_name(&tb.ty)
                        ),
                        "both branches must give the same type of value",
                    );
                    return None;
                };
                mk(TKind::If(Box::new(tc), Box::new(ta), Box::new(tb)), ty)
            }
            ExprKind::In { elem, set, negated } => {
                let ts = self.expr(set, entity, None);
                let elem_expect = match ts.as_ref().map(|t| &t.ty) {
                    Some(Type::Set(inner)) => Some(inner.as_ref().clone()),
                    _ => None,
                };
                let te = self.expr(elem, entity, elem_expect.as_ref());
                let (te, ts) = (te?, ts?);
                let ts = if let (TKind::SetLit(_), Type::Set(inner)) = (&ts.kind, &ts.ty)
                    && **inner != te.ty
                {
                    // A literal set of bare names: re-type it with the element's type.
                    let ty = Type::Set(Box::new(te.ty.clone()));
                    self.expr(set, entity, Some(&ty))?
                } else {
                    ts
                };
                match &ts.ty {
                    Type::Set(inner) if te.ty.assignable_to(inner) => {}
                    Type::Set(inner) => {
                        let (a, b) = (self.type_name(&te.ty), self.type_name(inner));
                        self.err(
                            "E-TYPE",
                            span,
                            format!("a {a} cannot be a member of a set of {b}"),
                            "compare like with like",
                        );
                        return None;
                    }
                    other => {
                        let n = self.type_name(other);
                        self.err(
                            "E-TYPE",
                            set.span,
                            format!("`in` needs a set, found {n}"),
                            "write a set `{a, b}` or use a parameter of type `set of ...`",
                        );
                        return None;
                    }
                }
                mk(
                    TKind::In {
                        elem: Box::new(te),
                        set: Box::new(ts),
                        negated: *negated,
                    },
                    Type::Bool,
                )
            }
            ExprKind::SetLit(elems) => {
                let inner_expect = match expected {
                    Some(Type::Set(i)) => Some(i.as_ref().clone()),
                    _ => None,
                };
                let mut out = Vec::new();
                let mut ty: Option<Type> = inner_expect.clone();
                for el in elems {
                    let t = self.expr(el, entity, ty.as_ref())?;
                    match &ty {
                        None => ty = Some(t.ty.clone()),
                        Some(existing) if t.ty.assignable_to(existing) => {}
                        Some(existing) => {
                            let (a, b) = (self.type_name(existing), self.type_name(&t.ty));
                            self.err(
                                "E-TYPE",
                                el.span,
                                format!("a set holds one type of value: {a} and {b} are mixed"),
                                "make every element the same type",
                            );
                            return None;
                        }
                    }
                    out.push(t);
                }
                let Some(ty) = ty else {
                    self.err(
                        "E-TYPE",
                        span,
                        "the type of an empty set `{}` is unknown here",
                        "use it where a `set of ...` is declared",
                    );
                    return None;
                };
                if out.iter().all(|t| matches!(t.kind, TKind::Const(_))) {
                    let vals: Vec<Value> = out.iter().filter_map(const_eval).collect();
                    return mk(TKind::Const(Value::set(vals)), Type::Set(Box::new(ty)));
                }
                mk(TKind::SetLit(out), Type::Set(Box::new(ty)))
            }
            ExprKind::Call(f, args) => self.call(f, args, entity, span),
        }
    }

    fn binary_type(&mut self, op: BinOp, a: &Type, b: &Type, span: Span) -> Option<Type> {
        use Type::*;
        let res = match op {
            BinOp::And | BinOp::Or => (a == &Bool && b == &Bool).then_some(Bool),
            BinOp::Eq | BinOp::Ne => (a.assignable_to(b) || b.assignable_to(a)).then_some(Bool),
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => ((a.is_numeric() && b.is_numeric())
                || (a == b && matches!(a, Money | Date)))
            .then_some(Bool),
            BinOp::Add | BinOp::Sub => match (a, b) {
                (Money, Money) => Some(Money),
                (x, y) if x.is_numeric() && y.is_numeric() => Some(numeric_join(x, y)),
                (Date, Duration) => Some(Date),
                (Duration, Date) if op == BinOp::Add => Some(Date),
                (Duration, Duration) => Some(Duration),
                _ => None,
            },
            BinOp::Mul => match (a, b) {
                (Money, x) | (x, Money) if x.is_numeric() => Some(Money),
                (x, y) if x.is_numeric() && y.is_numeric() => Some(numeric_join(x, y)),
                (Duration, Int) | (Int, Duration) => Some(Duration),
                _ => None,
            },
            BinOp::Div => match (a, b) {
                (Money, Money) => Some(Rate),
                (Money, x) if x.is_numeric() => Some(Money),
                (x, y) if x.is_numeric() && y.is_numeric() => Some(match numeric_join(x, y) {
                    Int => Decimal,
                    t => t,
                }),
                _ => None,
            },
        };
        if res.is_none() {
            let (an, bn) = (self.type_name(a), self.type_name(b));
            let hint = match (a, b) {
                (Money, x) | (x, Money)
                    if x.is_numeric()
                        && matches!(
                            op,
                            BinOp::Add
                                | BinOp::Sub
                                | BinOp::Lt
                                | BinOp::Le
                                | BinOp::Gt
                                | BinOp::Ge
                                | BinOp::Eq
                                | BinOp::Ne
                        ) =>
                {
                    "amounts of money carry a unit: write e.g. `0 yuan`".to_string()
                }
                (Money, Money) => {
                    "multiplying two amounts of money has no meaning; did you mean a rate?"
                        .to_string()
                }
                (Date, Date) => {
                    "use days_between(a, b) or years_between(a, b) to compare dates by distance"
                        .to_string()
                }
                _ => "both sides must be compatible types".to_string(),
            };
            self.err(
                "E-TYPE",
                span,
                format!("`{}` cannot combine {an} and {bn}", op.symbol()),
                hint,
            );
        }
        res
    }

    fn call(
        &mut self,
        f: &ast::Ident,
        args: &[ast::Expr],
        entity: Option<EntityId>,
        span: Span,
    ) -> Option<TExpr> {
        let Some(&(_, b)) = Builtin::ALL.iter().find(|(n, _)| *n == f.name) else {
            let hint = did_you_mean(&f.name, Builtin::ALL.iter().map(|(n, _)| *n))
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "functions: {}",
                        Builtin::ALL
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            self.err(
                "E-NAME",
                f.span,
                format!("unknown function `{}`", f.name),
                hint,
            );
            return None;
        };
        let mut targs = Vec::new();
        for a in args {
            targs.push(self.expr(a, entity, None));
        }
        let targs: Vec<TExpr> = targs.into_iter().collect::<Option<Vec<_>>>()?;
        let tys: Vec<&Type> = targs.iter().map(|t| &t.ty).collect();
        use Type::*;
        let sig_err = |c: &mut Self, sig: &str| {
            c.err(
                "E-TYPE",
                span,
                format!("wrong arguments to `{}`", f.name),
                format!("expected {sig}"),
            );
            None
        };
        let ty = match b {
            Builtin::Min | Builtin::Max => {
                if tys.len() < 2 {
                    return sig_err(self, "two or more values of the same type");
                }
                let mut t = tys[0].clone();
                for other in &tys[1..] {
                    if t.is_numeric() && other.is_numeric() {
                        t = numeric_join(&t, other);
                    } else if &&t != other || !matches!(t, Money | Date) {
                        return sig_err(
                            self,
                            "numbers, amounts of money or dates, all of one kind",
                        );
                    }
                }
                t
            }
            Builtin::Abs => match tys.as_slice() {
                [t] if t.is_numeric() || **t == Money => (*t).clone(),
                _ => return sig_err(self, "abs(number or money)"),
            },
            Builtin::RoundFen | Builtin::FloorFen | Builtin::CeilFen => match tys.as_slice() {
                [t] if t.is_numeric() || **t == Money => Money,
                _ => return sig_err(self, &format!("{}(money or number)", f.name)),
            },
            Builtin::Floor | Builtin::Ceil => match tys.as_slice() {
                [t] if t.is_numeric() => Int,
                _ => return sig_err(self, &format!("{}(number)", f.name)),
            },
            Builtin::YearsBetween
            | Builtin::MonthsBetween
            | Builtin::DaysBetween
            | Builtin::WorkingDaysBetween => match tys.as_slice() {
                [Date, Date] => Int,
                _ => return sig_err(self, &format!("{}(date, date)", f.name)),
            },
            Builtin::AddWorkingDays => match tys.as_slice() {
                [Date, Int] => Date,
                _ => return sig_err(self, "add_working_days(date, whole number)"),
            },
            Builtin::MakeDate => match tys.as_slice() {
                [Int, Int, Int] => Date,
                _ => return sig_err(self, "date(year, month, day)"),
            },
            Builtin::Year => match tys.as_slice() {
                [Date] => Int,
                _ => return sig_err(self, "year(date)"),
            },
        };
        Some(TExpr {
            kind: TKind::Call(b, targs),
            ty,
            span,
        })
    }
}

pub fn numeric_join(a: &Type, b: &Type) -> Type {
    match (a, b) {
        (Type::Rate, _) | (_, Type::Rate) => Type::Rate,
        (Type::Decimal, _) | (_, Type::Decimal) => Type::Decimal,
        _ => Type::Int,
    }
}

/// The value of a literal expression (literals, sets of literals).
pub fn const_eval(e: &TExpr) -> Option<Value> {
    match &e.kind {
        TKind::Const(v) => Some(v.clone()),
        TKind::SetLit(es) => es
            .iter()
            .map(const_eval)
            .collect::<Option<Vec<_>>>()
            .map(Value::set),
        _ => None,
    }
}

/// Types a standalone expression against a checked program (test facts and expectations).
pub fn check_value_expr(
    program: &Program,
    e: &ast::Expr,
    expected: &Type,
) -> Result<Value, Diagnostic> {
    let mut c = Checker::new(&program.sources);
    c.enums = program.enums.clone();
    c.enum_names = program
        .enums
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), EnumId(i as u32)))
        .collect();
    for (i, en) in program.enums.iter().enumerate() {
        for (j, (n, _)) in en.values.iter().enumerate() {
            c.variants
                .entry(n.clone())
                .or_default()
                .push((EnumId(i as u32), j as u32));
        }
    }
    let t = c.expr(e, None, Some(expected));
    if let Some(d) = c.diags.into_iter().next() {
        return Err(d);
    }
    let Some(t) = t else {
        return Err(
            Diagnostic::error("E-TYPE", e.span, "cannot read this value").hint("write a literal"),
        );
    };
    if !t.ty.assignable_to(expected) {
        let want = program.type_name(expected);
        let got = program.type_name(&t.ty);
        let hint = if *expected == Type::Money && t.ty.is_numeric() {
            "amounts of money carry a unit: write e.g. `5 000 000 yuan`".to_string()
        } else {
            format!("write a {want}")
        };
        return Err(
            Diagnostic::error("E-TYPE", e.span, format!("expected {want}, found {got}")).hint(hint),
        );
    }
    const_eval(&t)
        .and_then(|v| v.convert_to(expected))
        .ok_or_else(|| {
            Diagnostic::error("E-CONST", e.span, "expected a literal value")
                .hint("write the value itself, e.g. `5 000 000 yuan`, `25%`, `haidian`")
        })
}
