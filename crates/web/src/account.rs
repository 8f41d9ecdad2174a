//! The signed-in person's account, and break-glass alerts for managers.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
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
}

/// How long a new API token works.
const API_TOKEN_DAYS: i64 = 90;

async fn account_page(
    state: &AppState,
    user: &SignedIn,
    new_token: Option<String>,
    problem: Option<String>,
) -> Result<Html<String>, AppError> {
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
        new_token,
        problem,
    };
    Ok(Html(page.render()?))
}

/// `GET /account`: who you are, what your role may do, your API tokens.
pub(crate) async fn account(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    account_page(&state, &user, None, None).await
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
        Ok(_) => account_page(&state, &user, Some(token), None).await,
        Err(StoreError::Invalid(v)) => {
            account_page(
                &state,
                &user,
                None,
                Some(format!("Token name {}", v.problem)),
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
