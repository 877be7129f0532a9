//! Which database a command opens: `--database-url`, else `DATABASE_URL`, else
//! SQLite in the data directory. One helper for `serve`, `admin`, `calendar` and
//! `ledger`, so they all find the same database.

use std::path::Path;

/// What to do when the default SQLite file does not exist yet.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum IfMissing {
    /// Create the data directory (the service makes its database).
    Create,
    /// Refuse: the command reads a database that must already be there.
    Refuse,
}

/// The database URL for a command.
pub(crate) fn database_url(
    flag: Option<String>,
    data: &Path,
    missing: IfMissing,
) -> Result<String, String> {
    if let Some(u) = flag.or_else(|| std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty())) {
        return Ok(u);
    }
    let file = data.join("onestop.db");
    match missing {
        IfMissing::Create => std::fs::create_dir_all(data)
            .map_err(|e| format!("cannot create data directory {}: {e}", data.display()))?,
        IfMissing::Refuse if !file.exists() => {
            return Err(format!(
                "no database at {}; give --data DIR or --database-url",
                file.display()
            ));
        }
        IfMissing::Refuse => {}
    }
    Ok(format!("sqlite://{}", file.display()))
}

pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}
