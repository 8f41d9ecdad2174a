//! The JSON API for integrations: bearer API tokens acting as their user, with the same
//! role and scope checks as the pages (the store applies them; this only speaks JSON).

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use caseline_domain::PersonId;
use caseline_domain::access::Capability;
use caseline_domain::chronology::chronology;
use caseline_store::{Access, ChildOpening, StoreError};
use serde::Deserialize;
use serde_json::json;

use crate::AppState;
use crate::auth::{client_address, token_hash};
use crate::children::list::{parse_page, parse_query};
use crate::error::AppError;

/// Children per page of `GET /api/children`.
const PAGE_SIZE: u32 = 100;

/// An API failure, as JSON with a stable `error` code and a message for people.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if let StoreError::Invalid(v) = &e {
            return Self::new(StatusCode::BAD_REQUEST, "invalid", v.to_string());
        }
        tracing::error!(error = %e, "store error (api)");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Sorry, there is a problem with the service.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({ "error": self.code, "message": self.message })),
        )
            .into_response()
    }
}

/// The caller, from `Authorization: Bearer <token>`.
pub(crate) struct ApiCaller(Access);

impl FromRequestParts<Arc<AppState>> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let unauthorised = || {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorised",
                "Send a valid API token as 'Authorization: Bearer <token>'.",
            )
        };
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(unauthorised)?;
        let access = state
            .db
            .api_token_access(
                &token_hash(token.trim()),
                client_address(parts),
                jiff::Timestamp::now(),
            )
            .await?
            .ok_or_else(unauthorised)?;
        Ok(ApiCaller(access))
    }
}

/// `GET /api/children` parameters.
#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    q: Option<String>,
    page: Option<String>,
}

/// The list page's checks on `page` and `q`, reported the API's way.
fn invalid(e: AppError) -> ApiError {
    match e {
        AppError::BadRequest { field, message } => ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!("'{field}': {message}"),
        ),
        other => {
            tracing::error!(error = ?other, "unexpected error checking an API query");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Sorry, there is a problem with the service.",
            )
        }
    }
}

/// `GET /api/children?q=&page=`: the children in the caller's scope.
pub(crate) async fn children(
    State(state): State<Arc<AppState>>,
    ApiCaller(access): ApiCaller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Query(query) = query.map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            "'page' must be a whole number from 1, and 'q' text",
        )
    })?;
    if !access.role().may(Capability::ListChildren) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "This role does not see children's records.",
        ));
    }
    let page = parse_page(query.page.as_deref()).map_err(invalid)?;
    let q = parse_query(query.q).map_err(invalid)?;
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let list = state
        .db
        .search_children(&access, &q, PAGE_SIZE, offset)
        .await?;
    let children: Vec<_> = list
        .children
        .iter()
        .map(|c| {
            json!({
                "id": c.id.as_str(),
                "name": c.name,
                "date_of_birth": c.date_of_birth.map(|d| d.to_string()),
                "status": c.status.label(),
                "allocated_worker": c.worker,
                "team": c.team,
                "held_on_duty": c.held_on_duty,
            })
        })
        .collect();
    Ok(Json(
        json!({ "total": list.total, "page": page, "page_size": PAGE_SIZE, "children": children }),
    ))
}

/// `GET /api/children/{id}`: one child's summary and chronology, if in scope.
pub(crate) async fn child(
    State(state): State<Arc<AppState>>,
    ApiCaller(access): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "not_found", "No child with that ID.");
    let id = PersonId::parse(&id).map_err(|_| not_found())?;
    match state.db.open_child_record(&access, &id).await? {
        ChildOpening::Record(record, basis) => {
            let entries: Vec<_> = chronology(&record)
                .into_iter()
                .map(|e| json!({ "date": e.date.to_string(), "stage": e.stage.slug(), "title": e.title, "detail": e.detail }))
                .collect();
            Ok(Json(json!({
                "id": record.child.id.as_str(),
                "name": record.child.full_name(),
                "date_of_birth": record.child.date_of_birth.map(|d| d.to_string()),
                "status": record.status_on(state.today()).label(),
                "access_basis": basis.code(),
                "chronology": entries,
            })))
        }
        ChildOpening::BreakGlassRequired => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "out_of_scope",
            "You do not work with this child. Open the record in Caseline, stating why, if you need it.",
        )),
        ChildOpening::NotFound => Err(not_found()),
    }
}
