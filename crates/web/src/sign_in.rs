//! Signing in and out.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{
    ClientAddress, CookieKind, SignedIn, random_token, safe_next, set_cookie, token_hash,
    verify_password,
};
use crate::error::AppError;
use crate::layout::Layout;

/// Said when this failure locked the account.
const NOW_LOCKED: &str = "This account is now locked after repeated failed sign-ins. Ask an administrator, or try again later.";
/// Said when the account was already locked.
const LOCKED: &str = "This account is locked after repeated failed sign-ins. Ask an administrator, or try again later.";

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    csrf_token: String,
    next: String,
    username: String,
    problem: Option<String>,
}

/// `GET /sign-in?next=` query.
#[derive(Debug, Deserialize)]
pub(crate) struct SignInQuery {
    next: Option<String>,
}

fn render(
    state: &AppState,
    status: StatusCode,
    next: String,
    username: String,
    problem: Option<String>,
) -> Result<Response, AppError> {
    // A fresh double-submit token each time the form is shown.
    let token = random_token()?;
    let page = SignInPage {
        layout: Layout::new(state, None, None),
        csrf_token: token.clone(),
        next,
        username,
        problem,
    };
    let cookie = set_cookie(state, CookieKind::SignIn, &token, Some(3600));
    Ok((status, [(header::SET_COOKIE, cookie)], Html(page.render()?)).into_response())
}

/// `GET /sign-in`.
pub(crate) async fn form(
    State(state): State<Arc<AppState>>,
    query: Result<Query<SignInQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let next = safe_next(query.as_ref().ok().and_then(|q| q.next.as_deref()));
    render(&state, StatusCode::OK, next, String::new(), None)
}

/// The sign-in form.
#[derive(Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

impl std::fmt::Debug for SignInForm {
    // Never print the password, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInForm")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// `POST /sign-in`.
pub(crate) async fn submit(
    State(state): State<Arc<AppState>>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let username = form.username.trim().to_lowercase();
    let now = jiff::Timestamp::now();
    let credentials = state.db.credentials(&username).await?;
    if let Some(until) = credentials
        .as_ref()
        .and_then(|c| c.locked_until)
        .filter(|u| *u > now)
    {
        let local = until.to_zoned_datetime(
            jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC),
        );
        let problem = format!(
            "This account is locked after repeated failed sign-ins. Try again after {}, or ask an administrator to unlock it.",
            local.strftime("%H:%M")
        );
        return render(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            next,
            username,
            Some(problem),
        );
    }
    let usable = credentials.as_ref().filter(|c| !c.disabled);
    let ok = verify_password(usable.map(|c| c.password_hash.clone()), form.password).await;
    if !ok {
        let locked = state
            .db
            .record_failed_sign_in(&username, address, now)
            .await?;
        let problem = if locked.is_some() {
            NOW_LOCKED
        } else {
            "The user name or password is not right."
        };
        return render(
            &state,
            StatusCode::UNAUTHORIZED,
            next,
            username,
            Some(problem.to_owned()),
        );
    }
    // A new session every sign-in: any session id planted beforehand is worthless.
    let token = random_token()?;
    let csrf = random_token()?;
    let two_step = usable.is_some_and(|c| c.totp_secret.is_some());
    let max_age = if two_step {
        state
            .db
            .start_pending_session(&username, &token_hash(&token), &csrf, address, now)
            .await?;
        caseline_store::SECOND_STEP_WINDOW.as_secs()
    } else {
        state
            .db
            .start_session(&username, &token_hash(&token), &csrf, address, now)
            .await?;
        caseline_store::SESSION_ABSOLUTE_TIMEOUT.as_secs()
    };
    let next = if two_step {
        format!("/sign-in/code?next={}", crate::format::query_value(&next))
    } else {
        next
    };
    Ok((
        // Two cookies: append, as an array of headers would keep only the last.
        AppendHeaders([
            (
                header::SET_COOKIE,
                set_cookie(&state, CookieKind::Session, &token, Some(max_age)),
            ),
            (
                header::SET_COOKIE,
                set_cookie(&state, CookieKind::SignIn, "", Some(0)),
            ),
        ]),
        Redirect::to(&next),
    )
        .into_response())
}

fn signed_out(state: &AppState) -> Response {
    (
        [(
            header::SET_COOKIE,
            set_cookie(state, CookieKind::Session, "", Some(0)),
        )],
        Redirect::to("/sign-in"),
    )
        .into_response()
}

/// `POST /sign-out`.
pub(crate) async fn sign_out(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Response, AppError> {
    state.db.end_session(&user.access, &user.token_hash).await?;
    Ok(signed_out(&state))
}

/// `POST /sign-out-everywhere`.
pub(crate) async fn sign_out_everywhere(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Response, AppError> {
    state.db.end_all_sessions(&user.access).await?;
    Ok(signed_out(&state))
}

#[derive(Template)]
#[template(path = "sign_in_code.html")]
struct CodePage {
    layout: Layout,
    csrf_token: String,
    next: String,
    problem: Option<String>,
}

/// The session waiting for its second step: (its token hash, user, anti-forgery token).
async fn pending(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(String, String, String)>, AppError> {
    let Some(token) = crate::auth::cookie(headers, state, CookieKind::Session) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    Ok(state
        .db
        .pending_session(&hash, jiff::Timestamp::now())
        .await?
        .map(|(user, csrf)| (hash, user, csrf)))
}

/// The anti-forgery token of the session waiting for its second step (for the guard).
pub(crate) async fn pending_csrf(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<String>, AppError> {
    Ok(pending(state, headers).await?.map(|(_, _, csrf)| csrf))
}

/// `GET /sign-in/code`: the second step.
pub(crate) async fn code_form(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
    query: Result<Query<SignInQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let Some((_, _, csrf)) = pending(&state, &headers).await? else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let next = safe_next(query.as_ref().ok().and_then(|q| q.next.as_deref()));
    let page = CodePage {
        layout: Layout::new(&state, None, None),
        csrf_token: csrf,
        next,
        problem: None,
    };
    Ok(Html(page.render()?).into_response())
}

/// The one-time code form.
#[derive(Debug, Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    code: String,
    next: Option<String>,
}

/// `POST /sign-in/code`.
pub(crate) async fn code_submit(
    State(state): State<Arc<AppState>>,
    ClientAddress(address): ClientAddress,
    headers: axum::http::HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let Some((pending_hash, username, csrf)) = pending(&state, &headers).await? else {
        return Ok(Redirect::to("/sign-in").into_response());
    };
    let next = safe_next(form.next.as_deref());
    let now = jiff::Timestamp::now();
    let credentials = state.db.credentials(&username).await?;
    // A locked or disabled account gets no further guesses at the code.
    let barred = credentials
        .as_ref()
        .is_none_or(|c| c.disabled || c.locked_until.is_some_and(|u| u > now));
    if barred {
        state.db.end_pending_session(&pending_hash).await?;
        let problem = LOCKED;
        let page = CodePage {
            layout: Layout::new(&state, None, None),
            csrf_token: csrf,
            next,
            problem: Some(problem.to_owned()),
        };
        return Ok((StatusCode::TOO_MANY_REQUESTS, Html(page.render()?)).into_response());
    }
    let step = credentials.as_ref().and_then(|c| {
        let secret = c.totp_secret.as_deref()?;
        crate::totp::verify(secret, &form.code, now.as_second(), c.totp_last_step)
    });
    let token = random_token()?;
    let new_csrf = random_token()?;
    let done = match step {
        Some(step) => {
            state
                .db
                .complete_second_step(
                    &pending_hash,
                    &token_hash(&token),
                    &new_csrf,
                    step,
                    address.clone(),
                    now,
                )
                .await?
        }
        None => false,
    };
    if !done {
        let locked = state
            .db
            .record_failed_sign_in(&username, address, now)
            .await?;
        if locked.is_some() {
            state.db.end_pending_session(&pending_hash).await?;
        }
        let problem = if locked.is_some() {
            NOW_LOCKED
        } else {
            "The code is not right, or has already been used. Enter the code your authenticator app shows now."
        };
        let page = CodePage {
            layout: Layout::new(&state, None, None),
            csrf_token: csrf,
            next,
            problem: Some(problem.to_owned()),
        };
        return Ok((StatusCode::UNAUTHORIZED, Html(page.render()?)).into_response());
    }
    let max_age = caseline_store::SESSION_ABSOLUTE_TIMEOUT.as_secs();
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(&state, CookieKind::Session, &token, Some(max_age)),
        )],
        Redirect::to(&next),
    )
        .into_response())
}
