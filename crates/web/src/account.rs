//! The signed-in person's account, and break-glass alerts for managers.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use caseline_domain::access::Capability;
use caseline_store::StoreError;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};

struct TokenRow {
    id: String,
    name: String,
    expires: String,
    state: &'static str,
    live: bool,
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    layout: Layout,
    username: String,
    role: &'static str,
    duties: &'static [&'static str],
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    problem: Option<String>,
    two_step_on: bool,
    /// While setting up two-step sign-in: the secret and the address for the app.
    setup: Option<(String, String)>,
    two_step_problem: Option<String>,
    password_problem: Option<String>,
    password_changed: bool,
}

/// What the account page shows besides the basics.
#[derive(Default)]
struct Extras {
    password_problem: Option<String>,
    password_changed: bool,
    new_token: Option<String>,
    problem: Option<String>,
    setup: Option<(String, String)>,
    two_step_problem: Option<String>,
}

/// How long a new API token works.
const API_TOKEN_DAYS: i64 = 90;

async fn account_page(
    state: &AppState,
    user: &SignedIn,
    extras: Extras,
) -> Result<Html<String>, AppError> {
    let two_step_on = state
        .db
        .credentials(&user.access.viewer().user)
        .await?
        .is_some_and(|c| c.totp_secret.is_some());
    let role = user.access.role();
    let now = jiff::Timestamp::now();
    let tokens = state
        .db
        .api_tokens(&user.access)
        .await?
        .into_iter()
        .map(|t| {
            let live = !t.revoked && t.expires_at > now;
            TokenRow {
                id: t.id,
                name: t.name,
                expires: format::date(caseline_domain::local_date(t.expires_at)),
                state: if t.revoked {
                    "Revoked"
                } else if live {
                    "Active"
                } else {
                    "Expired"
                },
                live,
            }
        })
        .collect();
    let page = AccountPage {
        layout: Layout::new(state, Some(user), Some(Section::Account)),
        username: user.access.viewer().user.clone(),
        role: role.label(),
        duties: role.duties(),
        tokens,
        new_token: extras.new_token,
        problem: extras.problem,
        two_step_on,
        setup: extras.setup,
        two_step_problem: extras.two_step_problem,
        password_problem: extras.password_problem,
        password_changed: extras.password_changed,
    };
    Ok(Html(page.render()?))
}

/// `GET /account`: who you are, what your role may do, your API tokens.
pub(crate) async fn account(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    account_page(&state, &user, Extras::default()).await
}

/// The new-token form.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct NewTokenForm {
    #[serde(default)]
    name: String,
}

/// `POST /account/api-tokens`: issues a token, shown this once.
pub(crate) async fn create_token(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Form(form): Form<NewTokenForm>,
) -> Result<Html<String>, AppError> {
    let token = crate::auth::random_token()?;
    let expires = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * API_TOKEN_DAYS))
        .map_err(|_| AppError::Unavailable)?;
    let hash = crate::auth::token_hash(&token);
    match state
        .db
        .create_api_token(&user.access, &form.name, &hash, expires)
        .await
    {
        Ok(_) => {
            account_page(
                &state,
                &user,
                Extras {
                    new_token: Some(token),
                    ..Extras::default()
                },
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            let problem = Some(format!("Token name {}", v.problem));
            account_page(
                &state,
                &user,
                Extras {
                    problem,
                    ..Extras::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /account/api-tokens/{id}/revoke`.
pub(crate) async fn revoke_token(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Redirect, AppError> {
    if state.db.revoke_api_token(&user.access, &id).await? {
        Ok(Redirect::to("/account"))
    } else {
        Err(AppError::PageNotFound)
    }
}

struct AlertRow {
    when: String,
    who: String,
    child_id: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "account/alerts.html")]
struct AlertsPage {
    layout: Layout,
    rows: Vec<AlertRow>,
}

/// `GET /alerts`: break-glass opening of your teams' children's records.
pub(crate) async fn alerts(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    if !user.access.role().may(Capability::ReviewBreakGlassAlerts) {
        return Err(AppError::Forbidden(
            "Break-glass alerts are for team and service managers and senior leaders.",
        ));
    }
    let rows = state
        .db
        .break_glass_alerts(&user.access)
        .await?
        .into_iter()
        .map(|a| AlertRow {
            when: format::date(caseline_domain::local_date(a.granted_at)),
            who: a.username,
            child_id: a.child_id.to_string(),
            reason: a.reason,
        })
        .collect();
    let page = AlertsPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Alerts)),
        rows,
    };
    Ok(Html(page.render()?))
}

const TURN_OFF_FIRST: &str = "Two-step sign-in is already on. Turn it off with a code from your app first, then set it up again.";

async fn two_step_is_on(state: &AppState, user: &SignedIn) -> Result<bool, AppError> {
    Ok(state
        .db
        .credentials(&user.access.viewer().user)
        .await?
        .is_some_and(|c| c.totp_secret.is_some()))
}

/// `POST /account/two-step/start`: a new secret to enter in an authenticator app.
pub(crate) async fn start_two_step(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    // Replacing a secret that is on needs the current one: turn it off first (with a
    // code), so a stolen session alone cannot swap in another authenticator.
    if two_step_is_on(&state, &user).await? {
        return Err(AppError::Forbidden(TURN_OFF_FIRST));
    }
    let secret = crate::totp::new_secret().ok_or(AppError::Unavailable)?;
    state.db.begin_two_step_setup(&user.access, &secret).await?;
    let uri = crate::totp::otpauth_uri(&secret, &user.access.viewer().user, "Caseline");
    account_page(
        &state,
        &user,
        Extras {
            setup: Some((secret, uri)),
            ..Extras::default()
        },
    )
    .await
}

/// The code form for turning two-step sign-in on or off.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /account/two-step/confirm`: on, once a code from the new secret is right.
pub(crate) async fn confirm_two_step(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    if two_step_is_on(&state, &user).await? {
        return Err(AppError::Forbidden(TURN_OFF_FIRST));
    }
    let credentials = state.db.credentials(&user.access.viewer().user).await?;
    let pending = credentials
        .as_ref()
        .and_then(|c| c.totp_pending_secret.clone());
    let now = jiff::Timestamp::now().as_second();
    match pending
        .as_deref()
        .and_then(|p| crate::totp::verify(p, &form.code, now, None))
    {
        Some(step) => {
            state.db.confirm_two_step(&user.access, step).await?;
            Ok(Redirect::to("/account").into_response())
        }
        None => {
            let setup = pending.map(|p| {
                let uri = crate::totp::otpauth_uri(&p, &user.access.viewer().user, "Caseline");
                (p, uri)
            });
            let problem =
                Some("The code is not right. Enter the code your app shows now.".to_owned());
            let page = account_page(
                &state,
                &user,
                Extras {
                    setup,
                    two_step_problem: problem,
                    ..Extras::default()
                },
            )
            .await?;
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
    }
}

/// `POST /account/two-step/off`: off, with a current code to show it is really you.
pub(crate) async fn turn_off_two_step(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let credentials = state.db.credentials(&user.access.viewer().user).await?;
    let now = jiff::Timestamp::now().as_second();
    let ok = credentials.as_ref().is_some_and(|c| {
        c.totp_secret
            .as_deref()
            .is_some_and(|s| crate::totp::verify(s, &form.code, now, c.totp_last_step).is_some())
    });
    if ok {
        state.db.turn_off_two_step(&user.access).await?;
        return Ok(Redirect::to("/account").into_response());
    }
    let problem = Some("The code is not right. Enter the code your app shows now.".to_owned());
    let page = account_page(
        &state,
        &user,
        Extras {
            two_step_problem: problem,
            ..Extras::default()
        },
    )
    .await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// The change-password form.
#[derive(serde::Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

impl std::fmt::Debug for PasswordForm {
    // Never print a password, even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordForm").finish_non_exhaustive()
    }
}

/// `POST /account/password`: a new password (at least 12 characters), with the
/// current one; every other session of the user ends.
pub(crate) async fn change_password(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let problem = |p: &str| Extras {
        password_problem: Some(p.to_owned()),
        ..Extras::default()
    };
    let credentials = state.db.credentials(&user.access.viewer().user).await?;
    let current_ok =
        crate::auth::verify_password(credentials.map(|c| c.password_hash), form.current).await;
    if !current_ok {
        let page = account_page(
            &state,
            &user,
            problem("Your current password is not right."),
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    if form.new.chars().count() < 12 {
        let page = account_page(
            &state,
            &user,
            problem("The new password must be at least 12 characters."),
        )
        .await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let new = form.new;
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&new))
        .await
        .map_err(|_| AppError::Unavailable)?
        .map_err(|_| AppError::Unavailable)?;
    state
        .db
        .change_password(&user.access, &user.token_hash, &hash)
        .await?;
    let done = Extras {
        password_changed: true,
        ..Extras::default()
    };
    Ok(account_page(&state, &user, done).await?.into_response())
}
