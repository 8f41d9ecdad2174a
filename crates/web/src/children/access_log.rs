//! `GET /children/{id}/access-log`: who has viewed this record, with anyone who did not
//! work with the child flagged (break-glass opening, refused attempts).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use caseline_domain::PersonId;

use super::record_href;
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::layout::{Layout, Section};

struct Row {
    when: String,
    who: String,
    role: String,
    what: &'static str,
    reason: String,
    flagged: bool,
}

#[derive(Template)]
#[template(path = "children/access_log.html")]
struct AccessLogPage {
    layout: Layout,
    record_href: String,
    id: String,
    rows: Vec<Row>,
    flagged: usize,
}

fn describe(action: &str) -> &'static str {
    match action {
        "READ_CHILD" => "Opened the record",
        "ACCESS_REFUSED" => "Asked for the record and was refused",
        "BREAK_GLASS" => "Broke glass to open the record",
        "READ_ACCESS_LOG" => "Looked at who has viewed the record",
        "CREATE_CHILD" => "Created the record",
        "RESTRICT_RECORD" => "Restricted the record",
        "ADD_TO_AUDIT_SAMPLE" => "Added the child to an audit sample",
        // A downloaded performance list or a self-assessment pack naming the child;
        // the entry's detail says which.
        "LIST_CHILDREN" => "Saw the child named in a list or document",
        _ => "Other",
    }
}

/// `GET /children/{id}/access-log`.
pub(crate) async fn access_log(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let id = PersonId::parse(&id).map_err(|_| AppError::ChildNotFound)?;
    let entries = state
        .db
        .child_access_log(&user.access, &id)
        .await?
        .ok_or(AppError::ChildNotFound)?;
    let tz = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
    let rows: Vec<Row> = entries
        .into_iter()
        .map(|e| Row {
            when: e
                .event
                .at
                .to_zoned_datetime(tz.clone())
                .strftime("%-d %B %Y %H:%M")
                .to_string(),
            who: e.event.user,
            role: e
                .event
                .role
                .as_deref()
                .and_then(|r| caseline_domain::codes::Role::from_code(r).ok())
                .map_or("System".to_owned(), |r| r.label().to_owned()),
            what: describe(&e.event.action),
            // For a list or document, which one it was (it names no one else).
            reason: match e.event.action.as_str() {
                "LIST_CHILDREN" => e.event.detail.clone(),
                _ => e.event.reason.clone().unwrap_or_default(),
            },
            flagged: e.works_with_child == Some(false),
        })
        .collect();
    let page = AccessLogPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Children)),
        record_href: record_href(&id),
        id: id.to_string(),
        flagged: rows.iter().filter(|r| r.flagged).count(),
        rows,
    };
    Ok(Html(page.render()?))
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn a_list_or_document_naming_the_child_is_described_in_words() {
        assert_eq!(
            describe("LIST_CHILDREN"),
            "Saw the child named in a list or document"
        );
        assert_eq!(describe("SOMETHING_NEW"), "Other");
    }
}
