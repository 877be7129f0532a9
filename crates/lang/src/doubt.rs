//! Doubt as data: where the rules mark a definition, parameter or citation
//! `uncertain`, or a parameter a `placeholder`, each mark named by a [`DoubtRef`] so
//! an evaluation can carry the marks its values went through and readers can list them.

use crate::ast::Citation;
pub use crate::ast::{Doubt, DoubtKind};
use crate::program::{DefId, MeasureId, ParamId, Program};
use crate::source::Span;

/// Where a mark is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DoubtRef {
    /// The parameter itself (its figures).
    Param(ParamId),
    /// The citation of one dated value of a parameter.
    ParamValue(ParamId, u32),
    /// The definition itself (its reading of the source).
    Def(DefId),
    /// One of a definition's citations.
    DefCite(DefId, u32),
    /// The citation of one of a definition's exceptions.
    ExceptionCite(DefId, u32),
    /// The measure itself.
    Measure(MeasureId),
    /// One of a measure's citations.
    MeasureCite(MeasureId, u32),
}

/// How far a value can be relied on: the worst mark it went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Confidence {
    #[default]
    Settled,
    Uncertain,
    Placeholder,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Settled => "settled",
            Confidence::Uncertain => "uncertain",
            Confidence::Placeholder => "placeholder",
        }
    }
}

impl From<DoubtKind> for Confidence {
    fn from(k: DoubtKind) -> Confidence {
        match k {
            DoubtKind::Uncertain => Confidence::Uncertain,
            DoubtKind::Placeholder => Confidence::Placeholder,
        }
    }
}

/// Adds `more` to the sorted, unique list `into`.
pub fn merge(into: &mut Vec<DoubtRef>, more: &[DoubtRef]) {
    if more.is_empty() {
        return;
    }
    into.extend_from_slice(more);
    into.sort_unstable();
    into.dedup();
}

impl Program {
    /// The mark a reference names (none if the reference is stale).
    pub fn doubt(&self, r: DoubtRef) -> Option<&Doubt> {
        match r {
            DoubtRef::Param(p) => self.params.get(p.index())?.doubt.as_ref(),
            DoubtRef::Def(d) => self.defs.get(d.index())?.doubt.as_ref(),
            DoubtRef::Measure(m) => self.measures.get(m.index())?.doubt.as_ref(),
            _ => self.doubt_citation(r)?.doubt.as_ref(),
        }
    }

    /// The citation a citation's mark is written on.
    pub fn doubt_citation(&self, r: DoubtRef) -> Option<&Citation> {
        match r {
            DoubtRef::ParamValue(p, i) => {
                Some(&self.params.get(p.index())?.values.get(i as usize)?.cite)
            }
            DoubtRef::DefCite(d, i) => self.defs.get(d.index())?.cites.get(i as usize),
            DoubtRef::ExceptionCite(d, i) => self
                .defs
                .get(d.index())?
                .exceptions
                .get(i as usize)?
                .cite
                .as_ref(),
            DoubtRef::MeasureCite(m, i) => self.measures.get(m.index())?.cites.get(i as usize),
            _ => None,
        }
    }

    /// What is marked: `("parameter", name)`, `("definition", name)`, `("measure", id)`,
    /// each with `" citation"` appended for a citation's mark.
    pub fn doubt_subject(&self, r: DoubtRef) -> (&'static str, &str) {
        match r {
            DoubtRef::Param(p) => ("parameter", &self.params[p.index()].name),
            DoubtRef::ParamValue(p, _) => ("parameter citation", &self.params[p.index()].name),
            DoubtRef::Def(d) => ("definition", &self.defs[d.index()].name),
            DoubtRef::DefCite(d, _) | DoubtRef::ExceptionCite(d, _) => {
                ("definition citation", &self.defs[d.index()].name)
            }
            DoubtRef::Measure(m) => ("measure", &self.measures[m.index()].id),
            DoubtRef::MeasureCite(m, _) => ("measure citation", &self.measures[m.index()].id),
        }
    }

    /// Where the mark is written.
    pub fn doubt_span(&self, r: DoubtRef) -> Option<Span> {
        self.doubt(r).map(|d| d.span)
    }

    /// The worst mark among these.
    pub fn confidence(&self, refs: &[DoubtRef]) -> Confidence {
        refs.iter()
            .filter_map(|r| self.doubt(*r))
            .map(|d| Confidence::from(d.kind))
            .max()
            .unwrap_or_default()
    }

    /// Every mark of the program, in the order of the declarations.
    pub fn doubts(&self) -> Vec<DoubtRef> {
        let mut out = Vec::new();
        for (i, p) in self.params.iter().enumerate() {
            let id = ParamId(i as u32);
            if p.doubt.is_some() {
                out.push(DoubtRef::Param(id));
            }
            for (j, v) in p.values.iter().enumerate() {
                if v.cite.doubt.is_some() {
                    out.push(DoubtRef::ParamValue(id, j as u32));
                }
            }
        }
        for (i, d) in self.defs.iter().enumerate() {
            let id = DefId(i as u32);
            if d.doubt.is_some() {
                out.push(DoubtRef::Def(id));
            }
            for (j, c) in d.cites.iter().enumerate() {
                if c.doubt.is_some() {
                    out.push(DoubtRef::DefCite(id, j as u32));
                }
            }
            for (j, e) in d.exceptions.iter().enumerate() {
                if e.cite.as_ref().is_some_and(|c| c.doubt.is_some()) {
                    out.push(DoubtRef::ExceptionCite(id, j as u32));
                }
            }
        }
        for (i, m) in self.measures.iter().enumerate() {
            let id = MeasureId(i as u32);
            if m.doubt.is_some() {
                out.push(DoubtRef::Measure(id));
            }
            for (j, c) in m.cites.iter().enumerate() {
                if c.doubt.is_some() {
                    out.push(DoubtRef::MeasureCite(id, j as u32));
                }
            }
        }
        out.sort_by_key(|r| self.doubt_span(*r).map(|s| (s.file, s.start)));
        out
    }
}
