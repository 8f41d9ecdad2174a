//! `GET /children?q=&page=`: the searchable list of children, 50 to a page.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use caseline_store::ChildListEntry;
use jiff::civil::Date;
use serde::Deserialize;

use super::{Tag, record_href, status_tag};
use crate::AppState;
use caseline_domain::access::Capability;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};
use crate::pagination::{self, PageItem, Pagination};

/// Children shown on a page.
pub(crate) const PAGE_SIZE: u32 = 50;

/// Longest search accepted (longer text is not a name, id or date).
const MAX_QUERY_CHARS: usize = 100;

/// The list's query parameters, as given (checked by [`parse_page`] and [`parse_query`]).
#[derive(Debug, Deserialize)]
pub(crate) struct ListParams {
    q: Option<String>,
    page: Option<String>,
}

/// Reads `page`: absent or empty means 1; otherwise a whole number of 1 or more.
pub(crate) fn parse_page(page: Option<&str>) -> Result<u32, AppError> {
    let page = page.map(str::trim).unwrap_or("");
    if page.is_empty() {
        return Ok(1);
    }
    match page.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(AppError::bad_request(
            "page",
            "the page number must be a whole number, 1 or more (for example page=2)",
        )),
    }
}

/// Reads `q`: trimmed, at most [`MAX_QUERY_CHARS`] characters.
pub(crate) fn parse_query(q: Option<String>) -> Result<String, AppError> {
    let q = q.unwrap_or_default().trim().to_owned();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad_request(
            "q",
            format!("the search must be {MAX_QUERY_CHARS} characters or fewer"),
        ));
    }
    Ok(q)
}

/// `GET /children`.
pub(crate) async fn children_list(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let Query(params) = params.map_err(|_| {
        AppError::bad_request(
            "q",
            "the address could not be read: search again from the children list",
        )
    })?;
    if !user.access.role().may(Capability::ListChildren) {
        return Err(AppError::Forbidden(
            "System administrators manage accounts and do not see children's records.",
        ));
    }
    let page = parse_page(params.page.as_deref())?;
    let query = parse_query(params.q)?;
    let offset = (page - 1)
        .checked_mul(PAGE_SIZE)
        .ok_or_else(|| AppError::bad_request("page", "the page number is too large"))?;
    let list = state
        .db
        .search_children(&user.access, &query, PAGE_SIZE, offset)
        .await?;
    let last_page = pagination::page_count(list.total, PAGE_SIZE);
    if page > last_page {
        return Err(AppError::bad_request(
            "page",
            format!(
                "there are only {last_page} pages of results: choose a page from 1 to {last_page}"
            ),
        ));
    }
    let page_view = ChildrenListPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Children)),
        showing: (list.total > 0).then(|| {
            pagination::showing(
                u64::from(offset),
                list.children.len(),
                list.total,
                "child",
                "children",
            )
        }),
        rows: list
            .children
            .iter()
            .map(|c| ChildRow::new(c, state.today()))
            .collect(),
        pagination: pagination::paginate(page, last_page, |n| list_href(&query, n)),
        query,
    };
    Ok(Html(page_view.render()?))
}

/// Link to page `page` of the list for search `query`.
fn list_href(query: &str, page: u32) -> String {
    if query.is_empty() {
        format!("/children?page={page}")
    } else {
        format!("/children?q={}&page={page}", format::query_value(query))
    }
}

#[derive(Template)]
#[template(path = "children/list.html")]
struct ChildrenListPage {
    layout: Layout,
    query: String,
    showing: Option<String>,
    rows: Vec<ChildRow>,
    pagination: Option<Pagination>,
}

/// One row of the table, ready to show.
struct ChildRow {
    href: String,
    name: String,
    id: String,
    date_of_birth: String,
    date_of_birth_iso: String,
    age: String,
    status: Tag,
    worker: Option<String>,
    held_on_duty: Option<Tag>,
    team: String,
}

impl ChildRow {
    fn new(c: &ChildListEntry, today: Date) -> Self {
        Self {
            href: record_href(&c.id),
            name: c.name.clone(),
            id: c.id.to_string(),
            date_of_birth: format::opt_date(c.date_of_birth, "Not recorded"),
            date_of_birth_iso: c.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            age: c
                .date_of_birth
                .and_then(|dob| format::age_on(dob, today))
                .map_or_else(String::new, |a| a.to_string()),
            status: status_tag(c.status),
            worker: c.worker.clone(),
            held_on_duty: c.held_on_duty.then_some(Tag::HELD_ON_DUTY),
            team: c.team.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn page_must_be_a_positive_whole_number() {
        assert_eq!(parse_page(None).unwrap(), 1);
        assert_eq!(parse_page(Some("")).unwrap(), 1);
        assert_eq!(parse_page(Some("3")).unwrap(), 3);
        for bad in ["0", "-1", "two", "1.5", "99999999999"] {
            match parse_page(Some(bad)) {
                Err(AppError::BadRequest { field, .. }) => assert_eq!(field, "page"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn list_links_keep_the_search() {
        assert_eq!(list_href("", 2), "/children?page=2");
        assert_eq!(list_href("Amy Smith", 3), "/children?q=Amy%20Smith&page=3");
    }
}
