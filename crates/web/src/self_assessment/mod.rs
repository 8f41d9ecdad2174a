//! The self-assessment pack: for a chosen date, a draft per judgement area of every
//! indicator against England and the authority's targets, ranked strengths and
//! weaknesses, and the named children behind the widest gaps (the rules are in
//! `caseline_domain::self_assessment`).
//!
//! On the site it is a page in the usual layout, under the site's content security
//! policy; as a file it is one self-contained printable HTML document, and the PDF is
//! that document printed by headless Chromium. The pack names children, so every
//! showing or download is audited, one entry per child named.

mod pdf;
mod view;

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use caseline_domain::indicators::{self, Window};
use caseline_domain::self_assessment::{
    Evidence, IndicatorEvidence, MonthFigure, Names, Pack, TREND_MONTHS, draft, evidence,
};
use jiff::civil::Date;

pub use pdf::{PRINT_TIME_LIMIT, PdfError, find_chromium, print_to_pdf};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};
use crate::performance::require_leader;
use view::PackView;

/// The evidence for today from the performance picture's kept figures: each year's
/// measure and each trend month's value, the same as [`evidence`] would work out.
async fn todays_evidence(
    state: &AppState,
    now: &crate::performance::Snapshot,
) -> Result<Evidence, AppError> {
    let as_of = state.today();
    let window = Window::year_to(as_of);
    let months = indicators::trend_windows(as_of, TREND_MONTHS);
    let mut gathered = Vec::new();
    for ind in indicators::all() {
        let year = state.perf_cache.measure(state, ind, window).await?;
        let tallies = state.perf_cache.tallies(state, ind, &months).await?;
        gathered.push(IndicatorEvidence {
            indicator: ind,
            year: (*year).clone(),
            months: months
                .iter()
                .zip(&tallies)
                .map(|(w, t)| MonthFigure {
                    window: *w,
                    value: t.value(),
                })
                .collect(),
        });
    }
    Ok(Evidence {
        as_of,
        window,
        indicators: gathered,
        names: Names::new(&now.records, &now.workforce),
    })
}

#[derive(Template)]
#[template(path = "self_assessment/document.html")]
struct Document {
    pack: PackView,
}

/// The printable document: one self-contained HTML file (styles inline, no scripts,
/// no outside images), A4, each judgement area starting a new page. The PDF is
/// printed from it.
pub fn render_html(
    pack: &Pack,
    authority_name: &str,
    drafted_on: Date,
) -> Result<String, askama::Error> {
    Document {
        pack: PackView::new(pack, authority_name, drafted_on, false),
    }
    .render()
}

#[derive(Template)]
#[template(path = "self_assessment/page.html")]
struct PackPage {
    layout: Layout,
    pack: PackView,
    today_iso: String,
    pdf_href: String,
    html_href: String,
}

/// The date asked for: `as_of`, today if not given; never after today.
fn as_of(
    state: &AppState,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Date, AppError> {
    let Query(params) = params.map_err(|_| {
        AppError::bad_request(
            "as_of",
            "the address could not be read: choose the date in the form",
        )
    })?;
    let today = state.today();
    match params.get("as_of").map(|d| d.trim()) {
        None | Some("") => Ok(today),
        Some(d) => {
            let d: Date = d
                .parse()
                .map_err(|_| AppError::bad_request("as_of", "must be a date such as 2026-03-31"))?;
            if d > today {
                return Err(AppError::bad_request(
                    "as_of",
                    format!(
                        "must not be after today ({}): the records cannot show what has not happened",
                        format::date(today)
                    ),
                ));
            }
            Ok(d)
        }
    }
}

/// The draft for the date asked for, from the performance picture's records, with an
/// audit entry for each child it names.
async fn drafted(
    state: &AppState,
    user: &SignedIn,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
    shown_as: &str,
) -> Result<Pack, AppError> {
    require_leader(user)?;
    let as_of = as_of(state, params)?;
    let now = state.perf_cache.snapshot(state).await?;
    let targets = state.targets.clone();
    let pack = if as_of == state.today() {
        // Today's figures and trends are the performance picture's, already kept.
        let ev = todays_evidence(state, &now).await?;
        tokio::task::spawn_blocking(move || draft(&ev, &targets))
            .await
            .map_err(|_| AppError::Unavailable)?
    } else {
        // Some 1,100 measures over every record: off the async threads.
        tokio::task::spawn_blocking(move || {
            let ev = evidence(
                &now.records,
                &now.calendar,
                &now.workforce,
                &now.population,
                &now.centroids,
                as_of,
            );
            draft(&ev, &targets)
        })
        .await
        .map_err(|_| AppError::Unavailable)?
    };
    state
        .db
        .record_children_listed(
            user.access.actor(),
            &pack.children_named(),
            &format!("self-assessment pack for {as_of} ({shown_as})"),
        )
        .await?;
    Ok(pack)
}

fn hrefs(as_of: Date) -> (String, String) {
    (
        format!("/performance/self-assessment.pdf?as_of={as_of}"),
        format!("/performance/self-assessment.html?as_of={as_of}"),
    )
}

/// `GET /performance/self-assessment?as_of=`: the form and the draft for the date.
pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let pack = drafted(&state, &user, params, "page").await?;
    let (pdf_href, html_href) = hrefs(pack.as_of);
    let page = PackPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        pack: PackView::new(&pack, &state.authority_name, state.today(), true),
        today_iso: state.today().to_string(),
        pdf_href,
        html_href,
    };
    Ok(Html(page.render()?))
}

fn attachment(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /performance/self-assessment.html?as_of=`: the printable document, to save.
/// (A download, not a page: its inline styles are for a file, not the site.)
pub(crate) async fn html(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, AppError> {
    let pack = drafted(&state, &user, params, "HTML download").await?;
    let html = render_html(&pack, &state.authority_name, state.today())?;
    Ok(attachment(
        "text/html; charset=utf-8",
        format!("self-assessment-{}.html", pack.as_of),
        html.into_bytes(),
    ))
}

/// `GET /performance/self-assessment.pdf?as_of=`: the document printed to PDF.
pub(crate) async fn pdf(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, AppError> {
    let pack = drafted(&state, &user, params, "PDF download").await?;
    let html = render_html(&pack, &state.authority_name, state.today())?;
    let bytes = print_to_pdf(&html).await.map_err(|e| {
        tracing::error!(error = %e, "the self-assessment PDF was not made");
        match e {
            PdfError::ChromiumMissing => AppError::NotAvailable(
                "PDFs are made with Chromium, which is not installed on this server. Download the printable HTML instead and print it from your browser.",
            ),
            _ => AppError::Unavailable,
        }
    })?;
    Ok(attachment(
        "application/pdf",
        format!("self-assessment-{}.pdf", pack.as_of),
        bytes,
    ))
}
