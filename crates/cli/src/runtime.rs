//! The one way the CLI starts tokio: a multi-threaded runtime with IO and timers,
//! for the service, the database commands and the batch evaluator.

/// A runtime for one command.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}
