//! The router in-process for the web tests: the shipped rules, a fresh SQLite
//! database in a temporary directory, no server and no batch engine. Each test file
//! adds the requests it needs in its own `impl App`.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response};
use onestop_cases::CaseService;
use onestop_engine::Engine;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

pub struct App {
    pub router: Router,
    pub engine: Arc<Engine>,
    pub cases: Arc<CaseService>,
    _dir: tempfile::TempDir,
}

pub async fn app() -> App {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let engine = Arc::new(Engine::load(&rules, None).expect("the shipped rules load"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let cases = Arc::new(
        CaseService::open(&url, engine.clone())
            .await
            .expect("a fresh database opens"),
    );
    let state = onestop_web::AppState {
        engine: engine.clone(),
        cases: cases.clone(),
        portal: Arc::new(onestop_web::Portal::new().expect("the portal builds")),
        simulator: None,
        throttle: Arc::new(onestop_web::security::LoginThrottle::default()),
        secure_cookies: false,
    };
    App {
        router: onestop_web::router(state),
        engine,
        cases,
        _dir: dir,
    }
}

impl App {
    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        self.router
            .clone()
            .oneshot(req)
            .await
            .expect("the router answers")
    }
}
