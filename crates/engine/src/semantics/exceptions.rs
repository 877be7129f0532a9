//! The exception rule: which of a definition's exceptions decides its value.
//! Written once, generic over the set type, so the scalar evaluator (one row) and
//! the batch evaluator (bit sets per row, `u64` up to 64 exceptions) resolve with
//! the same code.
//!
//! Given the exceptions whose condition holds (`fired`) and those whose condition
//! is missing facts (`pending`): fired exceptions that another fired exception
//! overrides (`over`) drop out; two or more left are a conflict; a pending
//! exception matters unless the winner overrides it; otherwise the winner (or the
//! default) decides. An error in any condition decides first: the caller makes
//! the definition that error.

use crate::EvalError;

/// A set of exception indices.
pub trait ExceptionSet: Clone {
    /// The empty set for a definition of `len` exceptions.
    fn empty(len: usize) -> Self;
    fn insert(&mut self, i: usize);
    fn union_with(&mut self, other: &Self);
    /// The members of `self` not in `other`.
    fn without(&self, other: &Self) -> Self;
    fn first(&self) -> Option<usize>;
    fn count(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.first().is_none()
    }
    /// The members, ascending.
    fn members(&self) -> Vec<usize>;
}

/// Up to 64 exceptions, one bit each: no allocation per row.
impl ExceptionSet for u64 {
    fn empty(_: usize) -> u64 {
        0
    }
    fn insert(&mut self, i: usize) {
        if i < 64 {
            *self |= 1 << i;
        }
    }
    fn union_with(&mut self, other: &u64) {
        *self |= other;
    }
    fn without(&self, other: &u64) -> u64 {
        self & !other
    }
    fn first(&self) -> Option<usize> {
        (*self != 0).then(|| self.trailing_zeros() as usize)
    }
    fn count(&self) -> usize {
        self.count_ones() as usize
    }
    fn members(&self) -> Vec<usize> {
        (0..64).filter(|i| self & (1 << i) != 0).collect()
    }
}

/// Any number of exceptions: one bit each in 64-bit words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideSet(Vec<u64>);

impl ExceptionSet for WideSet {
    fn empty(len: usize) -> WideSet {
        WideSet(vec![0; len.div_ceil(64).max(1)])
    }
    fn insert(&mut self, i: usize) {
        if self.0.len() <= i / 64 {
            self.0.resize(i / 64 + 1, 0);
        }
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn union_with(&mut self, other: &WideSet) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
    fn without(&self, other: &WideSet) -> WideSet {
        WideSet(
            self.0
                .iter()
                .enumerate()
                .map(|(k, a)| a & !other.0.get(k).copied().unwrap_or(0))
                .collect(),
        )
    }
    fn first(&self) -> Option<usize> {
        self.0
            .iter()
            .enumerate()
            .find(|(_, w)| **w != 0)
            .map(|(k, w)| k * 64 + w.trailing_zeros() as usize)
    }
    fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
    fn members(&self) -> Vec<usize> {
        self.0
            .iter()
            .enumerate()
            .flat_map(|(k, w)| {
                (0..64)
                    .filter(move |i| w & (1 << i) != 0)
                    .map(move |i| k * 64 + i)
            })
            .collect()
    }
}

/// What decides a definition's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<S> {
    /// No exception applies: the default value.
    Default,
    /// This exception's value.
    Exception(usize),
    /// These exceptions all apply and none overrides the others.
    Conflict(S),
    /// Not decided until the facts of these pending exceptions are known.
    Pending(S),
}

/// The exception rule (see the module doc). `beats[i]`: the exceptions that
/// exception `i` overrides.
pub fn resolve<S: ExceptionSet>(fired: &S, pending: &S, beats: &[S]) -> Resolution<S> {
    let mut beaten = S::empty(beats.len());
    let mut f = fired.clone();
    while let Some(j) = f.first() {
        if let Some(b) = beats.get(j) {
            beaten.union_with(b);
        }
        let mut one = S::empty(beats.len());
        one.insert(j);
        f = f.without(&one);
    }
    let winners = fired.without(&beaten);
    if winners.count() > 1 {
        return Resolution::Conflict(winners);
    }
    let first = winners.first();
    let waiting = match first.and_then(|w| beats.get(w)) {
        Some(b) => pending.without(b),
        None => pending.clone(),
    };
    if !waiting.is_empty() {
        return Resolution::Pending(waiting);
    }
    match first {
        Some(w) => Resolution::Exception(w),
        None => Resolution::Default,
    }
}

/// The error of a conflict between exceptions (by their labels).
pub fn conflict(definition: &str, labels: &[String], winners: &[usize]) -> EvalError {
    EvalError::Conflict {
        definition: definition.to_string(),
        exceptions: winners
            .iter()
            .filter_map(|&w| labels.get(w).cloned())
            .collect(),
    }
}

/// `beats` lists as sets.
pub fn beats_sets<S: ExceptionSet>(beats: &[Vec<usize>]) -> Vec<S> {
    beats
        .iter()
        .map(|b| {
            let mut s = S::empty(beats.len());
            for &j in b {
                s.insert(j);
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set<S: ExceptionSet>(n: usize, items: &[usize]) -> S {
        let mut s = S::empty(n);
        for &i in items {
            s.insert(i);
        }
        s
    }

    /// The same answers from the bit set and the wide set, on every case of the rule.
    fn both(fired: &[usize], pending: &[usize], beats: &[Vec<usize>]) -> Resolution<Vec<usize>> {
        let n = beats.len();
        let small = match resolve::<u64>(&set(n, fired), &set(n, pending), &beats_sets(beats)) {
            Resolution::Conflict(s) => Resolution::Conflict(s.members()),
            Resolution::Pending(s) => Resolution::Pending(s.members()),
            Resolution::Default => Resolution::Default,
            Resolution::Exception(w) => Resolution::Exception(w),
        };
        let wide = match resolve::<WideSet>(&set(n, fired), &set(n, pending), &beats_sets(beats)) {
            Resolution::Conflict(s) => Resolution::Conflict(s.members()),
            Resolution::Pending(s) => Resolution::Pending(s.members()),
            Resolution::Default => Resolution::Default,
            Resolution::Exception(w) => Resolution::Exception(w),
        };
        assert_eq!(small, wide);
        small
    }

    #[test]
    fn the_rule() {
        let none = vec![vec![], vec![], vec![]];
        assert_eq!(both(&[], &[], &none), Resolution::Default);
        assert_eq!(both(&[1], &[], &none), Resolution::Exception(1));
        assert_eq!(both(&[0, 2], &[], &none), Resolution::Conflict(vec![0, 2]));
        assert_eq!(both(&[0], &[1], &none), Resolution::Pending(vec![1]));
        // 2 overrides 0 and 1: it wins, and a pending 1 no longer matters.
        let over = vec![vec![], vec![], vec![0, 1]];
        assert_eq!(both(&[0, 2], &[1], &over), Resolution::Exception(2));
        assert_eq!(both(&[0], &[1, 2], &over), Resolution::Pending(vec![1, 2]));
    }

    #[test]
    fn beyond_64_exceptions() {
        let mut beats = vec![vec![]; 70];
        beats[69] = vec![3];
        let r = resolve::<WideSet>(&set(70, &[3, 69]), &set(70, &[]), &beats_sets(&beats));
        assert_eq!(r, Resolution::Exception(69));
        let r = resolve::<WideSet>(&set(70, &[3, 65]), &set(70, &[]), &beats_sets(&beats));
        assert!(matches!(r, Resolution::Conflict(s) if s.members() == vec![3, 65]));
    }
}
