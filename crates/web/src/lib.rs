//! Caseline's web layer: axum routes, extractors and askama templates in the GOV.UK
//! Design System style. Thin: parse the request, call the store and domain, render.
//!
//! Every route is in [`route_table`], with who may reach it; the router is built from
//! that table, and the authorization matrix test walks the same table, so a new route
//! cannot be added without deciding its access.

mod account;
mod admin;
mod api;
mod assets;
mod auth;
mod children;
mod csrf;
mod error;
mod format;
mod headers;
mod layout;
mod pagination;
mod performance;
pub mod self_assessment;
mod sign_in;
mod subject_access;
mod tables;
mod totp;
mod work;

use std::future::Future;
use std::sync::Arc;

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::response::Redirect;
use axum::routing::{MethodRouter, get, post};

pub use auth::hash_password;
pub use performance::PerformanceCache;
use tower_http::trace::TraceLayer;
pub use work::WorkCache;

/// What every request can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: caseline_store::Db,
    /// The date the service treats as today (ages, clocks, open work): `None` for the
    /// real date in England, read on every request, so a server left running moves on
    /// at midnight; tests and demonstrations may fix it.
    pub today: Option<jiff::civil::Date>,
    /// The local authority's name, shown in the header.
    pub authority_name: String,
    /// Local standards: clock timescales, the due-soon window, finding thresholds.
    pub standards: caseline_domain::work::LocalStandards,
    /// The authority's own indicator targets, rated red, amber or green.
    pub targets: caseline_domain::indicators::Targets,
    /// Mark cookies Secure (with the `__Host-` prefix): on whenever clients reach the
    /// service over TLS; off only for plain http on loopback, where browsers refuse them.
    pub secure_cookies: bool,
    /// The whole authority's work picture, shared by the work views.
    pub work_cache: WorkCache,
    /// The performance picture's records and measures (with the child population
    /// and postcode centroids it reads from the database).
    pub perf_cache: PerformanceCache,
}

impl AppState {
    /// Today, as the service sees it.
    pub fn today(&self) -> jiff::civil::Date {
        self.today
            .unwrap_or_else(|| caseline_domain::local_date(jiff::Timestamp::now()))
    }
}

/// Who may reach a route, before any per-child scope check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Anyone, signed in or not (sign-in, assets, health).
    Public,
    /// Anyone signed in; the handler applies role and child scope.
    SignedIn,
    /// An API caller with a bearer token; the same role and scope checks apply.
    ApiToken,
}

/// One route: method, path pattern, who may reach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteInfo {
    /// HTTP method.
    pub method: &'static str,
    /// Path pattern, as axum writes it.
    pub path: &'static str,
    /// Who may reach it.
    pub reach: Reach,
}

type Handler = MethodRouter<Arc<AppState>>;

fn table() -> Vec<(RouteInfo, Handler)> {
    use Reach::{ApiToken, Public, SignedIn};
    let r = |method, path, reach| RouteInfo {
        method,
        path,
        reach,
    };
    vec![
        (
            r("GET", "/", SignedIn),
            get(|| async { Redirect::to("/children") }),
        ),
        (r("GET", "/sign-in", Public), get(sign_in::form)),
        (r("POST", "/sign-in", Public), post(sign_in::submit)),
        (r("GET", "/sign-in/code", Public), get(sign_in::code_form)),
        (
            r("POST", "/sign-in/code", Public),
            post(sign_in::code_submit),
        ),
        (
            r("POST", "/account/two-step/start", SignedIn),
            post(account::start_two_step),
        ),
        (
            r("POST", "/account/two-step/confirm", SignedIn),
            post(account::confirm_two_step),
        ),
        (
            r("POST", "/account/two-step/off", SignedIn),
            post(account::turn_off_two_step),
        ),
        (r("POST", "/sign-out", SignedIn), post(sign_in::sign_out)),
        (
            r("POST", "/sign-out-everywhere", SignedIn),
            post(sign_in::sign_out_everywhere),
        ),
        (r("GET", "/account", SignedIn), get(account::account)),
        (r("GET", "/alerts", SignedIn), get(account::alerts)),
        (r("GET", "/work", SignedIn), get(work::my_work)),
        (r("GET", "/work/team", SignedIn), get(work::team_work)),
        (r("GET", "/work/service", SignedIn), get(work::service_work)),
        (r("GET", "/work/list", SignedIn), get(work::work_list)),
        (
            r("GET", "/performance", SignedIn),
            get(performance::overview),
        ),
        (
            r("GET", "/performance/{area}", SignedIn),
            get(performance::area),
        ),
        (
            r("GET", "/performance/indicator/{indicator}", SignedIn),
            get(performance::indicator),
        ),
        (
            r("GET", "/performance/list", SignedIn),
            get(performance::list),
        ),
        (
            r("GET", "/performance/list/download", SignedIn),
            get(performance::list_download),
        ),
        (
            r("GET", "/performance/self-assessment", SignedIn),
            get(self_assessment::page),
        ),
        (
            r("GET", "/performance/self-assessment.pdf", SignedIn),
            get(self_assessment::pdf),
        ),
        (
            r("GET", "/performance/self-assessment.html", SignedIn),
            get(self_assessment::html),
        ),
        (
            r("GET", "/children", SignedIn),
            get(children::list::children_list),
        ),
        (
            r("GET", "/children/{id}", SignedIn),
            get(children::record::child_record),
        ),
        (
            r("POST", "/children/{id}/break-glass", SignedIn),
            post(children::break_glass::request),
        ),
        (
            r("GET", "/children/{id}/access-log", SignedIn),
            get(children::access_log::access_log),
        ),
        (
            r("POST", "/account/password", SignedIn),
            post(account::change_password),
        ),
        (
            r("POST", "/account/api-tokens", SignedIn),
            post(account::create_token),
        ),
        (
            r("POST", "/account/api-tokens/{id}/revoke", SignedIn),
            post(account::revoke_token),
        ),
        (r("GET", "/admin/users", SignedIn), get(admin::users)),
        (r("POST", "/admin/users", SignedIn), post(admin::create)),
        (
            r("POST", "/admin/users/{username}/disable", SignedIn),
            post(admin::disable),
        ),
        (
            r("POST", "/admin/users/{username}/enable", SignedIn),
            post(admin::enable),
        ),
        (
            r("POST", "/admin/users/{username}/unlock", SignedIn),
            post(admin::unlock),
        ),
        (
            r("GET", "/admin/restrictions", SignedIn),
            get(admin::restrictions),
        ),
        (
            r("POST", "/admin/restrictions", SignedIn),
            post(admin::restrict),
        ),
        (
            r("GET", "/subject-access", SignedIn),
            get(subject_access::start),
        ),
        (
            r("GET", "/subject-access/pack", SignedIn),
            get(subject_access::export),
        ),
        (r("GET", "/api/children", ApiToken), get(api::children)),
        (r("GET", "/api/children/{id}", ApiToken), get(api::child)),
        (r("GET", "/assets/{*path}", Public), get(assets::asset)),
        (r("GET", "/health", Public), get(|| async { "ok" })),
    ]
}

/// Every route the service answers, for documentation and the authorization tests.
pub fn route_table() -> Vec<RouteInfo> {
    table().into_iter().map(|(info, _)| info).collect()
}

/// The application's routes, with security headers, anti-forgery checks and error
/// pages on every response.
pub fn router(state: AppState) -> Router {
    let state = Arc::new(state);
    let mut by_path: BTreeMap<&'static str, Handler> = BTreeMap::new();
    for (info, handler) in table() {
        // The table's word is enforced here, whatever the handler takes: a signed-in
        // route cannot be reached without a live session even if its handler forgot.
        let handler = match info.reach {
            Reach::SignedIn => handler.route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                auth::require_session,
            )),
            Reach::Public | Reach::ApiToken => handler,
        };
        let merged = match by_path.remove(info.path) {
            Some(existing) => existing.merge(handler),
            None => handler,
        };
        by_path.insert(info.path, merged);
    }
    let mut router = Router::new();
    for (path, handler) in by_path {
        router = router.route(path, handler);
    }
    router
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::guard,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::error_pages,
        ))
        // Spans name the route pattern, never the address: queries hold names and dates of birth.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map_or("unmatched", MatchedPath::as_str);
            tracing::info_span!("request", method = %req.method(), route)
        }))
        .layer(axum::middleware::from_fn(headers::security_headers))
        .with_state(state)
}

/// Serves [`router`] on `listener` until `shutdown` completes, then finishes the
/// requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Work out the authority's work picture while the first users sign in.
    let warm = state.clone();
    tokio::spawn(async move {
        work::warm(&warm).await;
        performance::warm(&warm).await;
        // A new day moves every window: work the picture out again soon after midnight
        // rather than in the first leader's request.
        let mut warmed = warm.today();
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            if warm.today() != warmed {
                warmed = warm.today();
                work::warm(&warm).await;
                performance::warm(&warm).await;
            }
        }
    });
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
