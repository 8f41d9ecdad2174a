//! Errors a request can end in, and the pages that explain them. Handlers return
//! [`AppError`]; the [`error_pages`] middleware renders the full page (it has the
//! layout's state, which `IntoResponse` does not).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use caseline_store::StoreError;

use crate::AppState;
use crate::auth::signed_in;
use crate::layout::Layout;

/// Why a request failed.
#[derive(Debug)]
pub(crate) enum AppError {
    /// No page at this address.
    PageNotFound,
    /// No child with the id asked for (or the id is not a valid id).
    ChildNotFound,
    /// A query parameter is not acceptable: names the field and says what to do.
    BadRequest {
        /// The parameter, as it appears in the address.
        field: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// Not signed in (or the session has ended): go to sign-in, then come back.
    SignInRequired {
        /// Where to return to after signing in.
        next: String,
    },
    /// The request is not allowed: a forged or expired form, or a role that may not.
    Forbidden(&'static str),
    /// Something the service relies on (the random number source) failed.
    Unavailable,
    /// This server cannot do this (a program it needs is not installed): says what to
    /// do instead.
    NotAvailable(&'static str),
    /// The store failed. Logged, never shown.
    Store(StoreError),
    /// A template failed to render. Logged, never shown.
    Render(askama::Error),
    /// Something else failed (writing a download). Logged, never shown.
    Internal(anyhow::Error),
}

impl AppError {
    /// A bad query parameter.
    pub(crate) fn bad_request(field: &'static str, message: impl Into<String>) -> Self {
        Self::BadRequest {
            field,
            message: message.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        Self::Render(e)
    }
}

/// What the error page says; carried from [`AppError::into_response`] to [`error_pages`].
#[derive(Debug, Clone)]
pub(crate) struct ErrorPage {
    title: &'static str,
    paragraphs: Vec<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, paragraphs) = match self {
            AppError::SignInRequired { next } => {
                let to = format!("/sign-in?next={}", crate::format::query_value(&next));
                return axum::response::Redirect::to(&to).into_response();
            }
            AppError::Forbidden(why) => (
                StatusCode::FORBIDDEN,
                "You cannot do that",
                vec![why.to_owned()],
            ),
            AppError::Unavailable => internal(),
            AppError::NotAvailable(why) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "This is not available on this server",
                vec![why.to_owned()],
            ),
            AppError::PageNotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                vec!["If you typed the web address, check it is correct.".to_owned()],
            ),
            AppError::ChildNotFound => (
                StatusCode::NOT_FOUND,
                "No child with that ID",
                vec![
                    "Check the child ID is correct. IDs contain only letters, numbers, '-' and '_'.".to_owned(),
                    "You can also search for the child by name or date of birth.".to_owned(),
                ],
            ),
            AppError::BadRequest { field, message } => (
                StatusCode::BAD_REQUEST,
                "There is a problem with the web address",
                vec![format!("The ‘{field}’ value in the address is not valid: {message}.")],
            ),
            AppError::Store(e) => {
                // Store errors name records by id only, never personal data.
                tracing::error!(error = %e, "store error");
                internal()
            }
            AppError::Render(e) => {
                tracing::error!(error = %e, "template error");
                internal()
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                internal()
            }
        };
        let mut response = status.into_response();
        response
            .extensions_mut()
            .insert(ErrorPage { title, paragraphs });
        response
    }
}

fn internal() -> (StatusCode, &'static str, Vec<String>) {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service",
        vec![
            "Try again later.".to_owned(),
            "Nothing you entered has been saved.".to_owned(),
        ],
    )
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    layout: Layout,
    title: &'static str,
    paragraphs: Vec<String>,
}

/// Middleware: turns the bare responses of [`AppError`] into full error pages.
pub(crate) async fn error_pages(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let head = parts.clone();
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(page) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    // The error page shows who is signed in, if anyone; a failure here shows none.
    let user = signed_in(&head, &state).await.ok().flatten();
    let status = response.status();
    let template = ErrorTemplate {
        layout: Layout::new(&state, user.as_ref(), None),
        title: page.title,
        paragraphs: page.paragraphs,
    };
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            let mut plain = (status, page.title).into_response();
            plain.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            plain
        }
    }
}

/// Fallback for addresses no route matches.
pub(crate) async fn not_found() -> AppError {
    AppError::PageNotFound
}
