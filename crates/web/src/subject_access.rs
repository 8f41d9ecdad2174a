//! Subject access requests: a form for the person's ID and the request reference, then
//! the pack as a readable page or JSON. Items needing a redaction decision are listed
//! first; nothing is removed.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use caseline_domain::PersonId;
use caseline_domain::access::Capability;
use caseline_domain::chronology::chronology;
use caseline_store::{StoreError, SubjectAccessPack};
use serde::Deserialize;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::format;
use crate::layout::Layout;

const NOT_ALLOWED: &str = "Subject access exports are made by service managers and senior leaders for the disclosure team.";

#[derive(Template)]
#[template(path = "subject_access/start.html")]
struct StartPage {
    layout: Layout,
}

/// `GET /subject-access`: the request form.
pub(crate) async fn start(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    if !user.access.role().may(Capability::SubjectAccessExport) {
        return Err(AppError::Forbidden(NOT_ALLOWED));
    }
    let page = StartPage {
        layout: Layout::new(&state, Some(&user), None),
    };
    Ok(Html(page.render()?))
}

/// Export parameters.
#[derive(Debug, Deserialize)]
pub(crate) struct ExportQuery {
    #[serde(default)]
    person: String,
    #[serde(default)]
    reference: String,
    format: Option<String>,
}

struct ChronologyRow {
    date: String,
    title: String,
    detail: String,
}

struct AccessRow {
    when: String,
    who: String,
    what: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "subject_access/pack.html")]
struct PackPage {
    layout: Layout,
    pack: SubjectAccessPack,
    name: String,
    json_href: String,
    chronology: Vec<ChronologyRow>,
    access: Vec<AccessRow>,
}

/// `GET /subject-access/pack?person=&reference=&format=json|html`.
pub(crate) async fn export(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    if !user.access.role().may(Capability::SubjectAccessExport) {
        return Err(AppError::Forbidden(NOT_ALLOWED));
    }
    let Query(query) =
        query.map_err(|_| AppError::bad_request("reference", "the address could not be read"))?;
    let id = PersonId::parse(query.person.trim()).map_err(|_| {
        AppError::bad_request("person", "enter the person's ID, for example C0001234")
    })?;
    let pack = match state
        .db
        .subject_access(&user.access, &id, &query.reference)
        .await
    {
        Ok(Some(pack)) => pack,
        Ok(None) => {
            return Err(AppError::bad_request(
                "person",
                "there is nobody with that ID",
            ));
        }
        Err(StoreError::Invalid(v)) => return Err(AppError::bad_request(v.field, v.problem)),
        Err(e) => return Err(e.into()),
    };
    if query.format.as_deref() == Some("json") {
        let body = serde_json::to_string_pretty(&pack).map_err(|_| AppError::Unavailable)?;
        let disposition = format!("attachment; filename=\"subject-access-{id}.json\"");
        return Ok((
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            body,
        )
            .into_response());
    }
    let tz = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
    let chronology = pack
        .child_record
        .as_ref()
        .map(|r| {
            chronology(r)
                .into_iter()
                .map(|e| ChronologyRow {
                    date: format::date(e.date),
                    title: e.title,
                    detail: e.detail,
                })
                .collect()
        })
        .unwrap_or_default();
    let access = pack
        .access_history
        .iter()
        .map(|e| AccessRow {
            when: e
                .at
                .to_zoned_datetime(tz.clone())
                .strftime("%-d %B %Y %H:%M")
                .to_string(),
            who: e.user.clone(),
            what: e.action.clone(),
            reason: e.reason.clone().unwrap_or_default(),
        })
        .collect();
    let json_href = format!(
        "/subject-access/pack?person={}&reference={}&format=json",
        format::query_value(id.as_str()),
        format::query_value(&pack.request_reference)
    );
    let page = PackPage {
        layout: Layout::new(&state, Some(&user), None),
        name: pack.person.full_name(),
        json_href,
        chronology,
        access,
        pack,
    };
    Ok(Html(page.render()?).into_response())
}
