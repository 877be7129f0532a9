//! Time spent in each kind of batch function, printed after `population eval`
//! when `ONESTOP_BATCH_PROFILE` is set (a diagnostic: which kernels to work on).

use crate::config::{Op, Part};
use crate::repr::Ty;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

static TIMES: Mutex<Option<HashMap<String, (u64, u64)>>> = Mutex::new(None);

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ONESTOP_BATCH_PROFILE").is_some())
}

/// Measures one call (nothing when profiling is off).
pub struct Timer(Option<(String, std::time::Instant)>);

impl Timer {
    pub fn new(op: &Op, part: Part, args: &[Ty]) -> Timer {
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
        let key = format!("{kind}{part} {args:?}");
        Timer(Some((key, std::time::Instant::now())))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some((k, t)) = self.0.take() {
            let ns = t.elapsed().as_nanos() as u64;
            if let Ok(mut g) = TIMES.lock() {
                let e = g.get_or_insert_with(HashMap::new).entry(k).or_default();
                e.0 += ns;
                e.1 += 1;
            }
        }
    }
}

/// Prints the time per kind of function (most first) to stderr.
pub fn dump() {
    if !enabled() {
        return;
    }
    let Ok(g) = TIMES.lock() else {
        return;
    };
    if let Some(m) = g.as_ref() {
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
}
