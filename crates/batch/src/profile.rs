//! Time spent in each kind of batch function and in each definition, printed
//! after `population eval` and `simulate` when `ONESTOP_BATCH_PROFILE` is set (a
//! diagnostic: which kernels and which definitions to work on next).
//!
//! Every batch function records the definition (or input, or measure) whose
//! compilation created it, its *owner* (see [`owner_scope`]); a function shared by
//! several definitions (hash-consed, see `compile::Steps`) counts for the first.
//! Only batch functions are timed: DataFusion's own expressions (CASE, IS NULL)
//! and the copies between layers are not in these figures.

use crate::config::{Op, Part};
use crate::repr::Ty;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Per kind of function: (nanoseconds, calls).
static TIMES: Mutex<Option<HashMap<String, (u64, u64)>>> = Mutex::new(None);

/// Per owner: nanoseconds, and the rows each of its functions saw (by function instance).
type Owners = HashMap<Arc<str>, (u64, HashMap<u64, u64>)>;
static OWNERS: Mutex<Option<Owners>> = Mutex::new(None);

thread_local! {
    /// The owners being compiled, innermost last (definitions compile their dependencies).
    static COMPILING: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
}

/// Profiling switched on in-process (the unit tests), besides the environment.
static FORCED: AtomicBool = AtomicBool::new(false);

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    FORCED.load(Ordering::Relaxed)
        || *ON.get_or_init(|| std::env::var_os("ONESTOP_BATCH_PROFILE").is_some())
}

/// Switches profiling on in this process whatever the environment says, for
/// the functions compiled from now on (the tests read [`owners`] with it).
pub fn force_on() {
    FORCED.store(true, Ordering::Relaxed);
}

/// One owner's figures so far: (owner, nanoseconds, rows), rows as [`per_row`]
/// counts them; most time first.
pub fn owners() -> Vec<(String, u64, u64)> {
    let Ok(g) = OWNERS.lock() else {
        return Vec::new();
    };
    let mut v: Vec<(String, u64, u64)> = g
        .iter()
        .flatten()
        .map(|(o, (ns, rows))| {
            let r = rows.values().copied().max().unwrap_or(0);
            (o.to_string(), *ns, r)
        })
        .collect();
    v.sort_by_key(|(_, ns, _)| std::cmp::Reverse(*ns));
    v
}

/// Marks the batch functions created until the guard drops as `owner`'s
/// (e.g. "definition rd_deduction"); nested scopes win while they last.
/// Nothing is recorded (nor the name built) when profiling is off.
pub fn owner_scope(owner: impl FnOnce() -> String) -> OwnerGuard {
    if !enabled() {
        return OwnerGuard(false);
    }
    COMPILING.with(|c| c.borrow_mut().push(Arc::from(owner())));
    OwnerGuard(true)
}

/// Ends an [`owner_scope`].
pub struct OwnerGuard(bool);

impl Drop for OwnerGuard {
    fn drop(&mut self) {
        if self.0 {
            COMPILING.with(|c| {
                c.borrow_mut().pop();
            });
        }
    }
}

/// The owner of a batch function created now (None outside any scope).
pub fn current_owner() -> Option<Arc<str>> {
    COMPILING.with(|c| c.borrow().last().cloned())
}

/// Measures one call (nothing when profiling is off).
pub struct Timer(Option<Running>);

struct Running {
    kind: String,
    owner: Option<Arc<str>>,
    instance: u64,
    rows: u64,
    start: std::time::Instant,
}

impl Timer {
    /// `instance` tells the functions apart (see `OsFn`), `rows` is the call's row count.
    pub fn new(
        op: &Op,
        part: Part,
        args: &[Ty],
        (owner, instance): (Option<&Arc<str>>, u64),
        rows: usize,
    ) -> Timer {
        if !enabled() {
            return Timer(None);
        }
        let kind = match op {
            Op::Resolve { part, .. } => format!("resolve_{part:?}"),
            Op::ParamAt { .. } => "param_at".into(),
            Op::Convert { .. } => "convert".into(),
            Op::FromRaw { ty, .. } => format!("input_{ty:?}"),
            Op::ToOut { ty, .. } => format!("output_{ty:?}"),
            op => op.name(),
        };
        let part = if part == Part::Error { "_error" } else { "" };
        Timer(Some(Running {
            kind: format!("{kind}{part} {args:?}"),
            owner: owner.cloned(),
            instance,
            rows: rows as u64,
            start: std::time::Instant::now(),
        }))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        let Some(r) = self.0.take() else {
            return;
        };
        let ns = r.start.elapsed().as_nanos() as u64;
        if let (Some(owner), Ok(mut g)) = (r.owner, OWNERS.lock()) {
            let e = g.get_or_insert_with(HashMap::new).entry(owner).or_default();
            e.0 += ns;
            *e.1.entry(r.instance).or_default() += r.rows;
        }
        if let Ok(mut g) = TIMES.lock() {
            let e = g
                .get_or_insert_with(HashMap::new)
                .entry(r.kind)
                .or_default();
            e.0 += ns;
            e.1 += 1;
        }
    }
}

/// One owner's line of the report: its time, and nanoseconds per row, taking
/// as its rows the most any one of its functions saw: the rows evaluated, with
/// rows counted again where DataFusion evaluates a function twice over them.
pub fn per_row(ns: u64, rows_by_instance: &HashMap<u64, u64>) -> f64 {
    let rows = rows_by_instance.values().copied().max().unwrap_or(0);
    if rows == 0 {
        0.0
    } else {
        ns as f64 / rows as f64
    }
}

/// Prints the time per kind of function and per definition (most first) to stderr.
pub fn dump() {
    if !enabled() {
        return;
    }
    if let Ok(g) = TIMES.lock()
        && let Some(m) = g.as_ref()
    {
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by_key(|(_, (ns, _))| std::cmp::Reverse(*ns));
        let total: u64 = v.iter().map(|(_, (ns, _))| ns).sum();
        eprintln!(
            "batch functions: {:.3} s in all (summed over threads)",
            total as f64 / 1e9
        );
        for (k, (ns, calls)) in v.iter().take(40) {
            eprintln!("{:8.3} s {calls:7} calls  {k}", *ns as f64 / 1e9);
        }
    }
    if let Ok(g) = OWNERS.lock()
        && let Some(m) = g.as_ref()
    {
        let mut v: Vec<_> = m.iter().collect();
        v.sort_by_key(|(_, (ns, _))| std::cmp::Reverse(*ns));
        eprintln!(
            "batch functions by definition (ns per row: time over the rows each function saw):"
        );
        for (owner, (ns, rows)) in v.iter().take(60) {
            eprintln!(
                "{:8.3} s {:8.1} ns/row  {owner}",
                *ns as f64 / 1e9,
                per_row(*ns, rows)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_nest_and_unwind() {
        // The scopes record only when profiling is on.
        force_on();
        assert_eq!(current_owner(), None);
        {
            let _a = owner_scope(|| "definition a".into());
            {
                let _b = owner_scope(|| "definition b".into());
                assert_eq!(current_owner().as_deref(), Some("definition b"));
            }
            assert_eq!(current_owner().as_deref(), Some("definition a"));
        }
        assert_eq!(current_owner(), None);
    }

    #[test]
    fn nanoseconds_per_row_take_the_rows_of_the_most_used_function() {
        let rows = HashMap::from([(1u64, 2_000u64), (2, 1_000)]);
        assert_eq!(per_row(10_000, &rows), 5.0);
        assert_eq!(per_row(10_000, &HashMap::new()), 0.0);
    }
}
