//! Break-glass: opening the record of a child one does not work with, after stating why.
//! Allowed, recorded with the reason, and raised to the child's team manager.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use caseline_domain::PersonId;
use caseline_store::StoreError;
use serde::Deserialize;

use super::record_href;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::layout::{Layout, Section};

#[derive(Template)]
#[template(path = "children/break_glass.html")]
struct BreakGlassPage {
    layout: Layout,
    id: String,
    problem: Option<String>,
}

/// The page offering break-glass for `id`, with an optional problem with the reason.
pub(crate) fn page(
    state: &AppState,
    user: &SignedIn,
    id: &PersonId,
    problem: Option<String>,
) -> Result<Response, AppError> {
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::FORBIDDEN
    };
    let page = BreakGlassPage {
        layout: Layout::new(state, Some(user), Some(Section::Children)),
        id: id.to_string(),
        problem,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The break-glass form.
#[derive(Debug, Deserialize)]
pub(crate) struct BreakGlassForm {
    #[serde(default)]
    reason: String,
}

/// `POST /children/{id}/break-glass`.
pub(crate) async fn request(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<BreakGlassForm>,
) -> Result<Response, AppError> {
    let id = PersonId::parse(&id).map_err(|_| AppError::ChildNotFound)?;
    match state.db.break_glass(&user.access, &id, &form.reason).await {
        Ok(true) => Ok(Redirect::to(&record_href(&id)).into_response()),
        Ok(false) => Err(AppError::ChildNotFound),
        Err(StoreError::Invalid(v)) => {
            page(&state, &user, &id, Some(format!("Reason {}", v.problem)))
        }
        Err(e) => Err(e.into()),
    }
}
