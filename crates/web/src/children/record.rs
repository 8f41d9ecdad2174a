//! `GET /children/{id}`: a child's record — summary, open work, chronology.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use caseline_domain::PersonId;
use caseline_domain::clocks::clocks_for;
use caseline_domain::findings::findings_for;
use caseline_domain::work::Workforce;
use caseline_store::ChildOpening;
use serde::Deserialize;

use super::cards::{Card, open_work};
use super::chronology::{ChronologyView, parse_stage};
use super::record_href;
use super::summary::{FamilyRow, StaffNames, SummaryRow, family_rows, summary_rows};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::layout::{Layout, Section};

/// The record page's query parameters.
#[derive(Debug, Deserialize)]
pub(crate) struct RecordParams {
    stage: Option<String>,
}

/// `GET /children/{id}`.
pub(crate) async fn child_record(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    id: Result<Path<String>, PathRejection>,
    params: Result<Query<RecordParams>, QueryRejection>,
) -> Result<Response, AppError> {
    // An id that cannot exist is reported just like one that does not.
    let Ok(Path(id)) = id else {
        return Err(AppError::ChildNotFound);
    };
    let id = PersonId::parse(&id).map_err(|_| AppError::ChildNotFound)?;
    let Query(params) =
        params.map_err(|_| AppError::bad_request("stage", "the address could not be read"))?;
    let stage = parse_stage(params.stage.as_deref())?;
    let record = match state.db.open_child_record(&user.access, &id).await? {
        ChildOpening::Record(record, _basis) => record,
        ChildOpening::BreakGlassRequired => {
            return super::break_glass::page(&state, &user, &id, None);
        }
        ChildOpening::NotFound => return Err(AppError::ChildNotFound),
    };
    let workers = state.db.workers().await?;
    let names = StaffNames::new(&workers, &state.db.teams().await?);
    let today = state.today();
    let clocks = clocks_for(
        &record,
        today,
        jiff::Timestamp::now(),
        &state.db.calendar().await?,
        state.standards.clocks,
    );
    let workforce = Workforce::new(Vec::new(), workers);
    let findings = findings_for(&record, &clocks, today, state.standards.findings, &|w| {
        workforce.is_manager(w)
    });
    let page = ChildRecordPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Children)),
        id: id.to_string(),
        name: record.child.full_name(),
        summary: summary_rows(&record, &names, today),
        family: family_rows(&record),
        cards: open_work(&record, &names, today),
        chronology: ChronologyView::new(&record, stage, &record_href(&id)),
        timescales: super::timescales::timescales(clocks, today),
        findings: super::timescales::finding_rows(findings),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "children/record.html")]
struct ChildRecordPage {
    layout: Layout,
    id: String,
    name: String,
    summary: Vec<SummaryRow>,
    family: Vec<FamilyRow>,
    cards: Vec<Card>,
    chronology: ChronologyView,
    timescales: Vec<super::timescales::TimescaleRow>,
    findings: Vec<super::timescales::FindingRow>,
}
