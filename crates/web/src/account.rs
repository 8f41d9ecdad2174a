//! The signed-in person's account, and break-glass alerts for managers.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use caseline_domain::access::Capability;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    layout: Layout,
    username: String,
    role: &'static str,
    duties: &'static [&'static str],
}

/// `GET /account`: who you are and what your role may do.
pub(crate) async fn account(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    let role = user.access.role();
    let page = AccountPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Account)),
        username: user.access.viewer().user.clone(),
        role: role.label(),
        duties: role.duties(),
    };
    Ok(Html(page.render()?))
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
