//! One source for routes and their description: every API handler carries its
//! `#[utoipa::path]` (method, path, parameters, bodies, every status it answers), and
//! [`Routes::add`] mounts the handler at exactly that method and path while adding the
//! same operation to the OpenAPI document. A route cannot be served undocumented, nor
//! documented at a path it is not served at.

use crate::state::AppState;
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApi, OpenApiBuilder};

/// API routes and their OpenAPI document, built together.
pub struct Routes {
    router: Router<AppState>,
    doc: OpenApi,
}

/// Mounts documented handlers: `documented!(routes, handler, ...)`; each handler's
/// `#[utoipa::path]` gives the method and path.
macro_rules! documented {
    ($routes:expr, $($handler:ident),+ $(,)?) => {{
        let routes = $routes;
        $(let routes = pastey::paste! { routes.add::<[<__path_ $handler>], _, _>($handler) };)+
        routes
    }};
}
pub(crate) use documented;

impl Default for Routes {
    fn default() -> Self {
        Routes::new()
    }
}

impl Routes {
    pub fn new() -> Routes {
        Routes {
            router: Router::new(),
            doc: OpenApiBuilder::new()
                .components(Some(ComponentsBuilder::new().build()))
                .build(),
        }
    }

    /// Mounts `handler` where its `#[utoipa::path]` says and documents it there.
    pub fn add<P, H, T>(self, handler: H) -> Routes
    where
        P: utoipa::Path + utoipa::__dev::SchemaReferences,
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add_with::<P, H, T>(handler, |m| m)
    }

    /// As [`Routes::add`], with a layer on the method router (a larger body limit).
    pub fn add_with<P, H, T>(
        mut self,
        handler: H,
        layer: impl FnOnce(MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> Routes
    where
        P: utoipa::Path + utoipa::__dev::SchemaReferences,
        H: Handler<T, AppState>,
        T: 'static,
    {
        let path = P::path();
        let methods = P::methods();
        let mut route = MethodRouter::new();
        for m in &methods {
            route = route.on(filter(m), handler.clone());
        }
        self.router = self.router.route(&path, layer(route));
        self.document::<P>()
    }

    /// Documents an operation whose handler the caller mounts itself (`/openapi.json`).
    pub fn document<P>(mut self) -> Routes
    where
        P: utoipa::Path + utoipa::__dev::SchemaReferences,
    {
        self.doc
            .paths
            .add_path_operation(P::path(), P::methods(), P::operation());
        let mut schemas = Vec::new();
        P::schemas(&mut schemas);
        if let Some(c) = self.doc.components.as_mut() {
            c.schemas.extend(schemas);
        }
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.doc.merge(other.doc);
        self
    }

    /// The router and the finished document: title, version, the bearer scheme.
    pub fn finish(self) -> (Router<AppState>, OpenApi) {
        let mut doc = self.doc;
        doc.info = InfoBuilder::new()
            .title("onestop")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(
                "Beijing science and technology measures: eligibility, explanations, the one-window case service and the verifiable register.",
            ))
            .build();
        if let Some(c) = doc.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some("a token from POST /api/sessions"))
                        .build(),
                ),
            );
        }
        (self.router, doc)
    }
}

fn filter(m: &HttpMethod) -> MethodFilter {
    match m {
        HttpMethod::Get => MethodFilter::GET,
        HttpMethod::Post => MethodFilter::POST,
        HttpMethod::Put => MethodFilter::PUT,
        HttpMethod::Delete => MethodFilter::DELETE,
        HttpMethod::Options => MethodFilter::OPTIONS,
        HttpMethod::Head => MethodFilter::HEAD,
        HttpMethod::Patch => MethodFilter::PATCH,
        HttpMethod::Trace => MethodFilter::TRACE,
    }
}

/// The document itself (described here; `lib.rs` mounts it with the finished document).
#[allow(dead_code)]
#[utoipa::path(get, path = "/openapi.json", responses(
    (status = 200, description = "This OpenAPI 3.1 document", body = Object),
))]
pub fn openapi_json() {}
