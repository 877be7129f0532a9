//! The rules, read and checked once per command and shared: every command that
//! needs a checked program starts here, and `serve` hands the same
//! `Arc<Program>` to the engine and to the reform page's batch simulator.
//! Reforms are checked against the rule set already read (no second read).

use onestop_lang::{Program, RuleSet, render_all};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many times this process has read and checked a rules directory
/// (`serve` reports it, and a test holds it to one).
static LOADS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The same count for the calling thread: tests run side by side in one process,
    /// so a test that holds the count counts its own thread's reads.
    static THREAD_LOADS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Reads and checks of a rules directory so far in this process.
pub fn loads() -> usize {
    LOADS.load(Ordering::Relaxed)
}

/// Reads and checks of a rules directory so far on this thread.
#[cfg(test)]
pub fn loads_on_this_thread() -> usize {
    THREAD_LOADS.with(|c| c.get())
}

/// A rules directory read and its baseline checked.
pub struct Rules {
    pub dir: PathBuf,
    pub set: RuleSet,
    pub program: Arc<Program>,
}

impl Rules {
    /// Reads `dir` (or the default rules directory) and checks it; on errors the
    /// diagnostics go to stderr and the error says how many.
    pub fn load(dir: Option<PathBuf>) -> Result<Rules, String> {
        let dir = crate::rules::rules_dir(dir)?;
        let set = RuleSet::load_dir(&dir)?;
        LOADS.fetch_add(1, Ordering::Relaxed);
        THREAD_LOADS.with(|c| c.set(c.get() + 1));
        let program = checked(&set, None, &dir)?;
        Ok(Rules {
            dir,
            set,
            program: Arc::new(program),
        })
    }

    /// The program with a reform applied: a shipped reform's id or a `.reform`
    /// file, checked against the rules already read.
    pub fn reformed(&self, reform: &str) -> Result<Program, String> {
        match self.set.reform(reform) {
            Some(i) => checked(&self.set, Some(i), &self.dir),
            None => {
                // A reform file joins a copy of the set; the shared one stays as read.
                let mut set = self.set.clone();
                let i = onestop_engine::resolve_reform(&mut set, reform)?;
                checked(&set, Some(i), &self.dir)
            }
        }
    }

    /// The baseline, or the baseline with a reform.
    pub fn program_with(&self, reform: Option<&str>) -> Result<Arc<Program>, String> {
        match reform {
            None => Ok(self.program.clone()),
            Some(r) => self.reformed(r).map(Arc::new),
        }
    }
}

/// Checks a rule set (with a reform); the diagnostics of a failure go to stderr.
fn checked(set: &RuleSet, reform: Option<usize>, dir: &Path) -> Result<Program, String> {
    let (p, diags) = set.check(reform);
    p.ok_or_else(|| {
        let errors: Vec<_> = diags.into_iter().filter(|d| d.is_error()).collect();
        eprint!("{}", render_all(&errors, &set.sources));
        match reform.and_then(|i| set.reforms.get(i)) {
            Some(r) => format!(
                "reform `{}` does not apply cleanly to the rules in {} ({} error(s)); `onestop check` shows them all",
                r.id,
                dir.display(),
                errors.len()
            ),
            None => format!(
                "the rules in {} have {} error(s); `onestop check` shows them all",
                dir.display(),
                errors.len()
            ),
        }
    })
}

/// `./rules` if present, else the rules shipped in the source tree.
pub(crate) fn rules_dir(dir: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(d) = dir {
        if !d.is_dir() {
            return Err(format!("rules directory {} does not exist", d.display()));
        }
        return Ok(d);
    }
    if let Ok(d) = std::env::var("ONESTOP_RULES") {
        return Ok(PathBuf::from(d));
    }
    let local = PathBuf::from("rules");
    if local.is_dir() {
        return Ok(local);
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    if shipped.is_dir() {
        return Ok(shipped);
    }
    Err(
        "no rules directory: run from the repository root or pass one, e.g. `onestop check rules/`"
            .into(),
    )
}
