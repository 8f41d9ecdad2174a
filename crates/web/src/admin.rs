//! Administration pages: accounts and record restrictions. For system administrators
//! only; nothing here shows case records.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use caseline_domain::access::Capability;
use caseline_domain::codes::Role;
use caseline_domain::{PersonId, TeamId, WorkerId};
use caseline_store::{NewUser, StoreError};
use serde::Deserialize;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::format;
use crate::layout::Layout;

const ADMIN_ONLY: &str = "Account administration is for system administrators.";

fn must_admin(user: &SignedIn) -> Result<(), AppError> {
    if user.access.role().may(Capability::ManageUsers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(ADMIN_ONLY))
    }
}

struct UserRow {
    username: String,
    name: String,
    role: &'static str,
    team: String,
    state: String,
    disabled: bool,
    locked: bool,
}

struct RoleOption {
    code: &'static str,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    rows: Vec<UserRow>,
    roles: Vec<RoleOption>,
    problem: Option<String>,
    done: Option<String>,
}

async fn users_page(
    state: &AppState,
    user: &SignedIn,
    problem: Option<String>,
    done: Option<String>,
) -> Result<Response, AppError> {
    let now = jiff::Timestamp::now();
    let rows = state
        .db
        .users(&user.access)
        .await?
        .into_iter()
        .map(|u| {
            let locked = u.locked_until.is_some_and(|t| t > now);
            let mut state = Vec::new();
            if u.disabled {
                state.push("Disabled".to_owned());
            }
            if let Some(until) = u.locked_until.filter(|t| *t > now) {
                state.push(format!(
                    "Locked until {}",
                    format::date(caseline_domain::local_date(until))
                ));
            }
            if u.two_step {
                state.push("Two-step on".to_owned());
            }
            UserRow {
                username: u.username,
                name: u.display_name,
                role: u.role.label(),
                team: u.team_id.map(|t| t.to_string()).unwrap_or_default(),
                state: if state.is_empty() {
                    "Active".to_owned()
                } else {
                    state.join("; ")
                },
                disabled: u.disabled,
                locked,
            }
        })
        .collect();
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = UsersPage {
        layout: Layout::new(state, Some(user), None),
        rows,
        roles: Role::ALL
            .iter()
            .map(|r| RoleOption {
                code: r.code(),
                label: r.label(),
            })
            .collect(),
        problem,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin/users`.
pub(crate) async fn users(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Response, AppError> {
    must_admin(&user)?;
    users_page(&state, &user, None, None).await
}

/// The new-account form.
#[derive(Deserialize)]
pub(crate) struct NewUserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    worker: String,
    #[serde(default)]
    password: String,
}

impl std::fmt::Debug for NewUserForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUserForm")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// `POST /admin/users`.
pub(crate) async fn create(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Form(form): Form<NewUserForm>,
) -> Result<Response, AppError> {
    must_admin(&user)?;
    let problem = |p: String| users_page(&state, &user, Some(p), None);
    let Ok(role) = Role::from_code(&form.role) else {
        return problem("Choose a role".to_owned()).await;
    };
    let team = match form.team.trim() {
        "" => None,
        t => match TeamId::parse(t) {
            Ok(t) => Some(t),
            Err(e) => return problem(format!("Team {}", e.problem)).await,
        },
    };
    let worker = match form.worker.trim() {
        "" => None,
        w => match WorkerId::parse(w) {
            Ok(w) => Some(w),
            Err(e) => return problem(format!("Worker {}", e.problem)).await,
        },
    };
    if form.password.chars().count() < 12 {
        return problem("The first password must be at least 12 characters".to_owned()).await;
    }
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|_| AppError::Unavailable)?
        .map_err(|_| AppError::Unavailable)?;
    let new = NewUser {
        username: form.username.trim().to_lowercase(),
        display_name: form.display_name.trim().to_owned(),
        role,
        worker_id: worker,
        team_id: team,
        password_hash: hash,
    };
    match state.db.create_user_as(&user.access, &new).await {
        Ok(()) => {
            users_page(
                &state,
                &user,
                None,
                Some(format!("Account {} created.", new.username)),
            )
            .await
        }
        Err(StoreError::Invalid(v)) => {
            problem(format!("{} {}", v.field.replace('_', " "), v.problem)).await
        }
        Err(StoreError::Database(_)) => {
            problem("The team or worker given is not on the system".to_owned()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/users/{username}/disable`, `/enable`, `/unlock`.
pub(crate) async fn disable(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(username): Path<String>,
) -> Result<Response, AppError> {
    must_admin(&user)?;
    change(
        &state,
        &user,
        &username,
        state
            .db
            .set_user_disabled(&user.access, &username, true)
            .await,
    )
    .await
}

/// `POST /admin/users/{username}/enable`.
pub(crate) async fn enable(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(username): Path<String>,
) -> Result<Response, AppError> {
    must_admin(&user)?;
    change(
        &state,
        &user,
        &username,
        state
            .db
            .set_user_disabled(&user.access, &username, false)
            .await,
    )
    .await
}

/// `POST /admin/users/{username}/unlock`.
pub(crate) async fn unlock(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(username): Path<String>,
) -> Result<Response, AppError> {
    must_admin(&user)?;
    change(
        &state,
        &user,
        &username,
        state.db.unlock_user(&user.access, &username).await,
    )
    .await
}

async fn change(
    state: &AppState,
    user: &SignedIn,
    username: &str,
    result: Result<bool, StoreError>,
) -> Result<Response, AppError> {
    match result {
        Ok(true) => Ok(Redirect::to("/admin/users").into_response()),
        Ok(false) => Err(AppError::PageNotFound),
        Err(StoreError::Invalid(v)) => {
            users_page(
                state,
                user,
                Some(format!("{username}: {}", v.problem)),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/restrict.html")]
struct RestrictPage {
    layout: Layout,
    problem: Option<String>,
    done: Option<String>,
}

/// `GET /admin/restrictions`.
pub(crate) async fn restrictions(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    must_admin(&user)?;
    let page = RestrictPage {
        layout: Layout::new(&state, Some(&user), None),
        problem: None,
        done: None,
    };
    Ok(Html(page.render()?))
}

/// The restriction form.
#[derive(Debug, Deserialize)]
pub(crate) struct RestrictForm {
    #[serde(default)]
    child: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    named: String,
}

/// `POST /admin/restrictions`.
pub(crate) async fn restrict(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Form(form): Form<RestrictForm>,
) -> Result<Response, AppError> {
    must_admin(&user)?;
    let render = |problem: Option<String>, done: Option<String>| {
        let status = if problem.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        };
        RestrictPage {
            layout: Layout::new(&state, Some(&user), None),
            problem,
            done,
        }
        .render()
        .map(|html| (status, Html(html)).into_response())
        .map_err(AppError::from)
    };
    let Ok(child) = PersonId::parse(form.child.trim()) else {
        return render(Some("Child ID is not a valid ID".to_owned()), None);
    };
    let named: Vec<&str> = form
        .named
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    match state
        .db
        .restrict_record_as(&user.access, &child, &form.reason, &named)
        .await
    {
        Ok(()) => render(
            None,
            Some(format!(
                "Record {child} is now restricted to {}.",
                named.join(", ")
            )),
        ),
        Err(StoreError::Invalid(v)) => render(Some(format!("{} {}", v.field, v.problem)), None),
        Err(e) => Err(e.into()),
    }
}
