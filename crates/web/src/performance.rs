//! The leaders' performance picture: every indicator for the twelve months to today,
//! area by area, against England, narrowable to a team, and every number a link to
//! the named children (or workers) it counts.
//!
//! Figures are computed from every child's record except restricted ones, so that any
//! viewer who sees the whole authority can be shown the list behind every number. The
//! records are cached and kept current like the work picture: a write reloads only
//! the children it touched.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use caseline_domain::access::Capability;
use caseline_domain::indicators::{
    self, AgainstEngland, Area, Better, Indicator, Input, Item, Measure, ValueKind, Window, england,
};
use caseline_domain::looked_after::episode_postcodes;
use caseline_domain::work::Workforce;
use caseline_domain::{ChildRecord, PersonId, TeamId};

use crate::AppState;
use crate::auth::SignedIn;
use crate::children::{Tag, record_href};
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};
use crate::pagination::{self, PageItem, Pagination};

/// Rows on a page of a list.
const LIST_PAGE_SIZE: u32 = 100;

/// Every child's record (but restricted ones), kept current, and the measures worked
/// out from them so far.
#[derive(Debug, Clone, Default)]
pub struct PerformanceCache(Arc<tokio::sync::Mutex<Option<Picture>>>);

#[derive(Debug)]
struct Picture {
    state: caseline_store::JourneyState,
    records: HashMap<PersonId, ChildRecord>,
    sorted: Arc<Vec<ChildRecord>>,
    workforce: Arc<Workforce>,
    calendar: Arc<caseline_domain::calendar::WorkingDayCalendar>,
    population: Arc<caseline_domain::population::ChildPopulation>,
    /// Only those that place the postcodes on the records held.
    centroids: caseline_domain::geography::Centroids,
    measures: HashMap<(&'static str, Window), Arc<Measure>>,
}

fn actor() -> caseline_store::Actor {
    caseline_store::Actor::new("performance picture (system)")
}

impl Picture {
    fn resort(&mut self) {
        let mut v: Vec<ChildRecord> = self.records.values().cloned().collect();
        v.sort_by(|a, b| a.child.id.cmp(&b.child.id));
        self.sorted = Arc::new(v);
        self.measures.clear();
    }
}

impl PerformanceCache {
    /// The measure of `indicator` over `window`, from records current as of now.
    async fn measure(
        &self,
        state: &AppState,
        indicator: &'static Indicator,
        window: Window,
    ) -> Result<Arc<Measure>, AppError> {
        let mut slot = self.0.lock().await;
        let now = state.db.journey_state().await?;
        let reuse = slot
            .as_ref()
            .is_some_and(|p| p.state.everything_version == now.everything_version);
        let p = match slot.as_mut() {
            Some(p) if reuse => p,
            _ => {
                let (js, records) = state.db.unrestricted_journeys(&actor()).await?;
                let centroids = state.db.centroids_for(&episode_postcodes(&records)).await?;
                let mut p = Picture {
                    state: js,
                    records: records
                        .into_iter()
                        .map(|r| (r.child.id.clone(), r))
                        .collect(),
                    sorted: Arc::new(Vec::new()),
                    workforce: Arc::new(Workforce::new(
                        state.db.teams().await?,
                        state.db.workers().await?,
                    )),
                    calendar: Arc::new(state.db.calendar().await?),
                    population: Arc::new(state.db.child_population().await?),
                    centroids,
                    measures: HashMap::new(),
                };
                p.resort();
                slot.insert(p)
            }
        };
        if p.state.version != now.version {
            let (js, changed, records) = state
                .db
                .unrestricted_journeys_changed_since(&actor(), p.state.version)
                .await?;
            for id in &changed {
                p.records.remove(id);
            }
            // A changed record may name a postcode not placed before.
            p.centroids
                .extend(state.db.centroids_for(&episode_postcodes(&records)).await?);
            for r in records {
                p.records.insert(r.child.id.clone(), r);
            }
            p.state = js;
            p.resort();
        }
        if let Some(m) = p.measures.get(&(indicator.id, window)) {
            return Ok(m.clone());
        }
        let m = Arc::new((indicator.compute)(&Input {
            records: &p.sorted,
            window,
            calendar: &p.calendar,
            workforce: &p.workforce,
            population: &p.population,
            centroids: &p.centroids,
        }));
        p.measures.insert((indicator.id, window), m.clone());
        Ok(m)
    }

    async fn workforce(&self) -> Option<Arc<Workforce>> {
        self.0.lock().await.as_ref().map(|p| p.workforce.clone())
    }

    async fn names(&self) -> HashMap<PersonId, String> {
        self.0.lock().await.as_ref().map_or_else(HashMap::new, |p| {
            p.records
                .iter()
                .map(|(id, r)| (id.clone(), r.child.full_name()))
                .collect()
        })
    }
}

/// Works out every indicator for the year to today ahead of the first request.
pub(crate) async fn warm(state: &AppState) {
    let window = Window::year_to(state.today());
    for ind in indicators::all() {
        if let Err(e) = state.perf_cache.measure(state, ind, window).await {
            tracing::warn!("could not work out the performance picture at start: {e:?}");
            return;
        }
    }
}

fn require_leader(user: &SignedIn) -> Result<(), AppError> {
    if user.access.role().may(Capability::ListAllChildren) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "The performance picture is for service managers, senior leaders and performance analysts.",
        ))
    }
}

/// A value shown in its unit, or "No data".
fn shown(kind: ValueKind, value: Option<f64>) -> String {
    let Some(v) = value else {
        return "No data".to_owned();
    };
    match kind {
        ValueKind::Percent => format!("{v:.1}%"),
        ValueKind::PerTenThousand => format!("{v:.1} per 10,000"),
        ValueKind::Count => format!("{v:.0}"),
        ValueKind::Mean | ValueKind::Median => format!("{v:.0} days"),
        ValueKind::Ratio => format!("{v:.1}"),
    }
}

/// How the value compares with England, in words (the colour only repeats them).
fn against_england(ind: &Indicator, value: Option<f64>) -> Tag {
    let (label, class) = match ind.against_england(value) {
        AgainstEngland::NoFigure => ("No England figure", "govuk-tag--grey"),
        AgainstEngland::Similar if ind.better == Better::Neither => {
            ("Similar to England", "govuk-tag--grey")
        }
        AgainstEngland::Similar => ("Similar to England", "govuk-tag--yellow"),
        AgainstEngland::Better => ("Better than England", "govuk-tag--green"),
        AgainstEngland::Worse => ("Worse than England", "govuk-tag--red"),
        AgainstEngland::Higher => ("Higher than England", "govuk-tag--grey"),
        AgainstEngland::Lower => ("Lower than England", "govuk-tag--grey"),
    };
    Tag { label, class }
}

fn list_href(ind: &Indicator, team: Option<&TeamId>, band: Option<usize>, page: u32) -> String {
    window_list_href(ind, None, team, band, page)
}

/// A list's address; `window` when it is not the twelve months to today.
fn window_list_href(
    ind: &Indicator,
    window: Option<Window>,
    team: Option<&TeamId>,
    band: Option<usize>,
    page: u32,
) -> String {
    let mut href = format!("/performance/list?indicator={}", ind.id);
    if let Some(w) = window {
        href.push_str(&format!("&from={}&to={}", w.from, w.to));
    }
    if let Some(t) = team {
        href.push_str(&format!("&team={}", format::query_value(t.as_str())));
    }
    if let Some(b) = band {
        href.push_str(&format!("&band={b}"));
    }
    if page > 1 {
        href.push_str(&format!("&page={page}"));
    }
    href
}

/// One indicator's line in a table.
struct Line {
    id: &'static str,
    title: &'static str,
    definition: &'static str,
    source: &'static str,
    value: String,
    england: String,
    compared: Tag,
    counted: usize,
    among: Option<usize>,
    href: String,
}

async fn line(state: &AppState, ind: &'static Indicator, window: Window) -> Result<Line, AppError> {
    let m = state.perf_cache.measure(state, ind, window).await?;
    let value = m.value();
    Ok(Line {
        id: ind.id,
        title: ind.title,
        definition: ind.definition,
        source: ind.source,
        value: shown(m.kind, value),
        england: england(ind.id).map_or_else(
            || "No England figure".to_owned(),
            |e| format!("{} ({})", shown(m.kind, Some(e.value)), e.year),
        ),
        compared: against_england(ind, value),
        counted: m.numerator.len(),
        among: (m.kind == ValueKind::Percent).then_some(m.denominator.len()),
        href: list_href(ind, None, None, 1),
    })
}

struct AreaBlock {
    label: &'static str,
    href: String,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "performance/overview.html")]
struct OverviewPage {
    layout: Layout,
    from: String,
    to: String,
    areas: Vec<AreaBlock>,
}

/// `GET /performance`: every indicator for the twelve months to today, by area.
pub(crate) async fn overview(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    require_leader(&user)?;
    let window = Window::year_to(state.today());
    let mut areas = Vec::new();
    for area in Area::ALL {
        let mut lines = Vec::new();
        for ind in indicators::all().into_iter().filter(|i| i.area == area) {
            lines.push(line(&state, ind, window).await?);
        }
        areas.push(AreaBlock {
            label: area.label(),
            href: format!("/performance/{}", area.code()),
            lines,
        });
    }
    let page = OverviewPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        from: format::date(window.from),
        to: format::date(window.to),
        areas,
    };
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "performance/area.html")]
struct AreaPage {
    layout: Layout,
    area: &'static str,
    from: String,
    to: String,
    lines: Vec<Line>,
}

/// `GET /performance/{area}`: one judgement area's indicators.
pub(crate) async fn area(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(code): Path<String>,
) -> Result<Html<String>, AppError> {
    require_leader(&user)?;
    let area = Area::ALL
        .into_iter()
        .find(|a| a.code() == code)
        .ok_or(AppError::PageNotFound)?;
    let window = Window::year_to(state.today());
    let mut lines = Vec::new();
    for ind in indicators::all().into_iter().filter(|i| i.area == area) {
        lines.push(line(&state, ind, window).await?);
    }
    let page = AreaPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        area: area.label(),
        from: format::date(window.from),
        to: format::date(window.to),
        lines,
    };
    Ok(Html(page.render()?))
}

struct BandLine {
    label: String,
    count: usize,
    href: String,
}

struct TeamLine {
    name: String,
    value: String,
    count: usize,
    among: Option<usize>,
    href: String,
}

/// One month of the trend.
struct TrendPoint {
    month: String,
    value: String,
    count: usize,
    among: Option<usize>,
    href: String,
}

/// The trend as an SVG line: points, axis labels, and a summary for screen readers.
struct Chart {
    points: String,
    dots: Vec<(f64, f64, String)>,
    top: String,
    bottom: String,
    first: String,
    last: String,
    summary: String,
}

/// Months shown in the trend.
const TREND_MONTHS: i32 = 24;

async fn trend(
    state: &AppState,
    ind: &'static Indicator,
) -> Result<(Vec<TrendPoint>, Chart), AppError> {
    let today = state.today();
    let mut points = Vec::new();
    let mut values = Vec::new();
    let mut kind = ValueKind::Count;
    for window in indicators::trend_windows(today, TREND_MONTHS) {
        let month = window.from;
        let m = state.perf_cache.measure(state, ind, window).await?;
        let value = m.value();
        kind = m.kind;
        values.push((month.strftime("%b %Y").to_string(), value));
        points.push(TrendPoint {
            month: month.strftime("%B %Y").to_string(),
            value: shown(m.kind, value),
            count: m.numerator.len(),
            among: (m.kind == ValueKind::Percent).then_some(m.denominator.len()),
            href: window_list_href(ind, Some(window), None, None, 1),
        });
    }
    Ok((points, chart(kind, &values)))
}

/// Plots the values on a 600 × 200 grid: percentages on 0–100, others from 0 to the
/// largest value. Months with no data leave a gap in the dots and are skipped by the
/// line, and the summary says so.
fn chart(kind: ValueKind, values: &[(String, Option<f64>)]) -> Chart {
    let max = values
        .iter()
        .filter_map(|(_, v)| *v)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let top = if kind == ValueKind::Percent {
        100.0
    } else {
        max
    };
    let n = values.len().max(2) - 1;
    let mut dots = Vec::new();
    for (i, (label, v)) in values.iter().enumerate() {
        if let Some(v) = v {
            #[allow(clippy::cast_precision_loss)]
            let x = 40.0 + 550.0 * i as f64 / n as f64;
            let y = 190.0 - 180.0 * (v / top).clamp(0.0, 1.0);
            dots.push((x, y, format!("{label}: {v:.1}")));
        }
    }
    let points = dots
        .iter()
        .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let known: Vec<f64> = values.iter().filter_map(|(_, v)| *v).collect();
    let summary = match (known.first(), known.last()) {
        (Some(a), Some(b)) => format!(
            "{} months shown; from {a:.1} in {} to {b:.1} in {}{}",
            values.len(),
            values.first().map_or("", |v| v.0.as_str()),
            values.last().map_or("", |v| v.0.as_str()),
            if known.len() < values.len() {
                format!("; {} months with no data", values.len() - known.len())
            } else {
                String::new()
            }
        ),
        _ => "No data in these months".to_owned(),
    };
    Chart {
        points,
        dots,
        top: format!("{top:.0}"),
        bottom: "0".to_owned(),
        first: values.first().map(|v| v.0.clone()).unwrap_or_default(),
        last: values.last().map(|v| v.0.clone()).unwrap_or_default(),
        summary,
    }
}

#[derive(Template)]
#[template(path = "performance/indicator.html")]
struct IndicatorPage {
    layout: Layout,
    area: &'static str,
    area_href: String,
    line: Line,
    bands: Vec<BandLine>,
    teams: Vec<TeamLine>,
    trend: Vec<TrendPoint>,
    chart: Chart,
}

/// `GET /performance/indicator/{indicator}`: one indicator, its distribution and its
/// figure for every team.
pub(crate) async fn indicator(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    require_leader(&user)?;
    let ind = indicators::by_id(&id).ok_or(AppError::PageNotFound)?;
    let window = Window::year_to(state.today());
    let line = line(&state, ind, window).await?;
    let m = state.perf_cache.measure(&state, ind, window).await?;
    let workforce = state.perf_cache.workforce().await.unwrap_or_default();
    let bands = m
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| BandLine {
            label: b.label.clone(),
            count: b.items.len(),
            href: list_href(ind, None, Some(i), 1),
        })
        .collect();
    let teams = workforce
        .teams()
        .iter()
        .map(|t| {
            let tm = m.for_team(&t.id);
            TeamLine {
                name: t.name.clone(),
                value: shown(tm.kind, tm.value()),
                count: tm.numerator.len(),
                among: (tm.kind == ValueKind::Percent).then_some(tm.denominator.len()),
                href: list_href(ind, Some(&t.id), None, 1),
            }
        })
        .filter(|l| l.count > 0 || l.among.is_some_and(|n| n > 0))
        .collect();
    let (trend, chart) = trend(&state, ind).await?;
    let page = IndicatorPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        area: ind.area.label(),
        area_href: format!("/performance/{}", ind.area.code()),
        line,
        bands,
        teams,
        trend,
        chart,
    };
    Ok(Html(page.render()?))
}

/// One counted item, ready to show.
struct ItemRow {
    href: Option<String>,
    name: String,
    id: String,
    date: String,
    team: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "performance/list.html")]
struct ListPage {
    layout: Layout,
    title: &'static str,
    scope: String,
    back_href: String,
    total: usize,
    showing: Option<String>,
    rows: Vec<ItemRow>,
    pagination: Option<Pagination>,
}

/// `GET /performance/list?indicator=&team=&band=`: what a number counts.
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    require_leader(&user)?;
    let Query(params) = params.map_err(|_| {
        AppError::bad_request(
            "indicator",
            "the address could not be read: follow a link from the performance pages",
        )
    })?;
    let ind = params
        .get("indicator")
        .and_then(|id| indicators::by_id(id))
        .ok_or_else(|| AppError::bad_request("indicator", "is not a known indicator"))?;
    let team = match params.get("team").map(String::as_str) {
        None | Some("") => None,
        Some(t) => Some(
            TeamId::parse(t)
                .map_err(|_| AppError::bad_request("team", "choose a team from the list"))?,
        ),
    };
    let page = crate::children::list::parse_page(params.get("page").map(String::as_str))?;
    let day = |field: &'static str| -> Result<Option<jiff::civil::Date>, AppError> {
        match params.get(field).map(String::as_str) {
            None | Some("") => Ok(None),
            Some(d) => d
                .parse()
                .map(Some)
                .map_err(|_| AppError::bad_request(field, "must be a date such as 2026-03-31")),
        }
    };
    let chosen = match (day("from")?, day("to")?) {
        (None, None) => None,
        (Some(from), Some(to)) if from <= to => Some(Window { from, to }),
        (Some(_), Some(_)) => {
            return Err(AppError::bad_request(
                "from",
                "must not be after the 'to' date",
            ));
        }
        _ => {
            return Err(AppError::bad_request(
                "to",
                "give both 'from' and 'to', or neither",
            ));
        }
    };
    let window = chosen.unwrap_or_else(|| Window::year_to(state.today()));
    let m = state.perf_cache.measure(&state, ind, window).await?;
    let m = match &team {
        Some(t) => Arc::new(m.for_team(t)),
        None => m,
    };
    let band = match params.get("band").map(String::as_str) {
        None | Some("") => None,
        Some(b) => Some(
            b.parse::<usize>()
                .ok()
                .filter(|i| *i < m.bands.len())
                .ok_or_else(|| {
                    AppError::bad_request("band", "is not one of this indicator's bands")
                })?,
        ),
    };
    let items: &[Item] = match band {
        Some(i) => &m.bands[i].items,
        None => &m.numerator,
    };
    let workforce = state.perf_cache.workforce().await.unwrap_or_default();
    let names = state.perf_cache.names().await;
    let paged = pagination::page_of(
        items,
        page,
        LIST_PAGE_SIZE,
        |i| {
            let (href, name, id) = match (&i.child_id, &i.worker_id) {
                (Some(c), _) => (
                    Some(record_href(c)),
                    names.get(c).cloned().unwrap_or_default(),
                    c.to_string(),
                ),
                (None, Some(w)) => (
                    None,
                    workforce
                        .worker(w)
                        .map(|x| x.full_name())
                        .unwrap_or_default(),
                    w.to_string(),
                ),
                (None, None) => (None, String::new(), String::new()),
            };
            ItemRow {
                href,
                name,
                id,
                date: format::date(i.date),
                team: i
                    .team_id
                    .as_ref()
                    .and_then(|t| workforce.team(t))
                    .map_or_else(|| "No team".to_owned(), |t| t.name.clone()),
                detail: i.detail.clone(),
            }
        },
        |n| window_list_href(ind, chosen, team.as_ref(), band, n),
    )?;
    let mut scope = format!(
        "{} to {}",
        format::date(window.from),
        format::date(window.to)
    );
    if let Some(t) = team.as_ref().and_then(|t| workforce.team(t)) {
        scope = format!("{scope}, {}", t.name);
    }
    if let Some(i) = band {
        scope = format!("{scope}, {}", m.bands[i].label);
    }
    let page_view = ListPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        title: ind.title,
        scope,
        back_href: format!("/performance/indicator/{}", ind.id),
        total: paged.total,
        showing: paged.showing,
        rows: paged.rows,
        pagination: paged.pagination,
    };
    Ok(Html(page_view.render()?))
}
