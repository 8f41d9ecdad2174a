//! Caseline's web layer: axum routes, extractors and askama templates in the GOV.UK
//! Design System style. Thin: parse the request, call the store and domain, render.
//!
//! Routes:
//! - `GET /` → redirect to `/children`
//! - `GET /children?q=&page=` → the searchable list of children
//! - `GET /children/{id}?stage=` → a child's record and chronology
//! - `GET /assets/{*path}` → embedded CSS, JavaScript and images
//! - `GET /health` → `ok`, for readiness checks

mod assets;
mod auth;
mod children;
mod error;
mod format;
mod headers;
mod layout;
mod pagination;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::response::Redirect;
use axum::routing::get;
use tower_http::trace::TraceLayer;

/// What every request can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: caseline_store::Db,
    /// The date the service treats as today (ages, overdue actions, open work).
    pub today: jiff::civil::Date,
    /// The local authority's name, shown in the header.
    pub authority_name: String,
}

/// The application's routes, with security headers and error pages on every response.
pub fn router(state: AppState) -> Router {
    let state = Arc::new(state);
    Router::new()
        .route("/", get(|| async { Redirect::to("/children") }))
        .route("/children", get(children::list::children_list))
        .route("/children/{id}", get(children::record::child_record))
        .route("/assets/{*path}", get(assets::asset))
        .route("/health", get(|| async { "ok" }))
        .fallback(error::not_found)
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
