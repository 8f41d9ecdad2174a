//! The leaders' performance picture: every indicator for the twelve months to today,
//! area by area, against England and the authority's own targets, with 24 months of
//! trend and each distribution as charts over tables, narrowable to a team, every
//! table downloadable as CSV and XLSX, and every number a link to the named children
//! (or workers) it counts.
//!
//! Figures are computed from every child's record except restricted ones, so that any
//! viewer who sees the whole authority can be shown the list behind every number.

mod cache;
pub(crate) mod charts;

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use caseline_domain::TeamId;
use caseline_domain::access::Capability;
use caseline_domain::indicators::{
    self, AgainstEngland, Area, Better, Indicator, Item, Measure, Rag, ValueKind, Window, england,
};

pub use cache::PerformanceCache;
pub(crate) use cache::Snapshot;
use charts::{BarChart, TrendChart};

use crate::AppState;
use crate::auth::SignedIn;
use crate::children::record_href;
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};
use crate::pagination::{self, PageItem, Pagination};
use crate::tables::{Cell, Table, download_from};

/// Rows on a page of a list.
const LIST_PAGE_SIZE: u32 = 100;

/// Months shown in a trend.
pub(crate) const TREND_MONTHS: i32 = 24;

type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// Works out every indicator for the year to today and its trend ahead of the first
/// request, one indicator at a time so pages are served in between.
pub(crate) async fn warm(state: &AppState) {
    let today = state.today();
    let window = Window::year_to(today);
    let months = indicators::trend_windows(today, TREND_MONTHS);
    // The year's figures first (the overview needs only them), then the trends.
    for ind in indicators::all() {
        if let Err(e) = state.perf_cache.measure(state, ind, window).await {
            tracing::warn!("could not work out the performance picture: {e:?}");
            return;
        }
    }
    for ind in indicators::all() {
        if let Err(e) = state.perf_cache.tallies(state, ind, &months).await {
            tracing::warn!("could not work out the performance trends: {e:?}");
            return;
        }
    }
    state.perf_cache.prune(today).await;
}

pub(crate) fn require_leader(user: &SignedIn) -> Result<(), AppError> {
    if user.access.role().may(Capability::ListAllChildren) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "The performance picture is for service managers, senior leaders and performance analysts.",
        ))
    }
}

/// How the value compares with England, in words (the colour only repeats them).
fn against_england(ind: &Indicator, value: Option<f64>) -> Cell {
    let (label, class) = match ind.against_england(value) {
        AgainstEngland::NoFigure => ("No England figure", "govuk-tag--grey"),
        AgainstEngland::Similar if ind.better == Better::Neither => {
            ("Similar to England", "govuk-tag--grey")
        }
        AgainstEngland::Similar => ("Amber: similar to England", "govuk-tag--yellow"),
        AgainstEngland::Better => ("Green: better than England", "govuk-tag--green"),
        AgainstEngland::Worse => ("Red: worse than England", "govuk-tag--red"),
        AgainstEngland::Higher => ("Higher than England", "govuk-tag--grey"),
        AgainstEngland::Lower => ("Lower than England", "govuk-tag--grey"),
    };
    Cell::tag(label, class)
}

/// How the value stands against the authority's target, in words.
fn against_target(state: &AppState, ind: &Indicator, value: Option<f64>) -> Cell {
    let target = state.targets.get(ind.id);
    let (label, class) = match (ind.against_target(value, target), target) {
        (_, None) => ("No target set", "govuk-tag--grey"),
        (Rag::Green, _) => ("Green: meets target", "govuk-tag--green"),
        (Rag::Amber, _) => ("Amber: close to target", "govuk-tag--yellow"),
        (Rag::Red, _) => ("Red: off target", "govuk-tag--red"),
        (Rag::NotRated, _) => ("Not rated: no data", "govuk-tag--grey"),
    };
    Cell::tag(label, class)
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
    format!(
        "/performance/list?{}",
        list_query(ind, window, team, band, page)
    )
}

fn list_query(
    ind: &Indicator,
    window: Option<Window>,
    team: Option<&TeamId>,
    band: Option<usize>,
    page: u32,
) -> String {
    let mut q = format!("indicator={}", ind.id);
    if let Some(w) = window {
        q.push_str(&format!("&from={}&to={}", w.from, w.to));
    }
    if let Some(t) = team {
        q.push_str(&format!("&team={}", format::query_value(t.as_str())));
    }
    if let Some(b) = band {
        q.push_str(&format!("&band={b}"));
    }
    if page > 1 {
        q.push_str(&format!("&page={page}"));
    }
    q
}

/// The counted and among cells of a measure (or tally), the count linking to `href`.
#[allow(clippy::cast_precision_loss)]
fn counted_cells(
    kind: ValueKind,
    counted: usize,
    among: usize,
    href: String,
    what: &str,
) -> [Cell; 2] {
    [
        Cell::count(
            counted,
            href,
            format!("{counted} counted for {what}: see the list"),
        ),
        if kind == ValueKind::Percent {
            Cell::number(among.to_string(), Some(among as f64))
        } else {
            Cell::text("")
        },
    ]
}

/// The England figure and its year, or that there is none.
fn england_cell(kind: ValueKind, ind: &Indicator) -> Cell {
    england(ind.id).map_or_else(
        || Cell::text("No England figure"),
        |e| {
            Cell::number(
                format!("{} ({})", kind.shown(Some(e.value)), e.year),
                Some(e.value),
            )
        },
    )
}

fn target_cell(state: &AppState, kind: ValueKind, ind: &Indicator) -> Cell {
    state.targets.get(ind.id).map_or_else(
        || Cell::text("None set"),
        |t| Cell::number(kind.shown(Some(t.value)), Some(t.value)),
    )
}

/// The table of indicators for an area, one row each.
async fn indicators_table(
    state: &AppState,
    area: Area,
    window: Window,
    page: &str,
) -> Result<Table, AppError> {
    let mut t = Table::new(
        area.code(),
        area.label(),
        &[
            ("Indicator", false),
            ("Value", true),
            ("Counted", true),
            ("Out of", true),
            ("England", true),
            ("Compared with England", false),
            ("Target", true),
            ("Against target", false),
        ],
    );
    for ind in indicators::all().into_iter().filter(|i| i.area == area) {
        let m = state.perf_cache.measure(state, ind, window).await?;
        let value = m.value();
        let [counted, among] = counted_cells(
            m.kind,
            m.numerator.len(),
            m.denominator.len(),
            list_href(ind, None, None, 1),
            ind.title,
        );
        t.rows.push(vec![
            Cell {
                href: Some(format!("/performance/indicator/{}", ind.id)),
                ..Cell::text(ind.title)
            },
            Cell::number(m.kind.shown(value), value),
            counted,
            among,
            england_cell(m.kind, ind),
            against_england(ind, value),
            target_cell(state, m.kind, ind),
            against_target(state, ind, value),
        ]);
    }
    Ok(t.downloads_from(page))
}

/// Answers a download request (`?download=<table>&format=csv|xlsx`) from a page's
/// tables, or `None` when the request is for the page itself.
fn wants_download(params: &HashMap<String, String>) -> Option<(&str, &str)> {
    let name = params.get("download")?;
    Some((
        name.as_str(),
        params.get("format").map_or("csv", String::as_str),
    ))
}

fn read_params(params: Params) -> Result<HashMap<String, String>, AppError> {
    params.map(|Query(p)| p).map_err(|_| {
        AppError::bad_request(
            "download",
            "the address could not be read: follow a link from the performance pages",
        )
    })
}

struct AreaBlock {
    label: &'static str,
    href: String,
    table: Table,
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
    params: Params,
) -> Result<Response, AppError> {
    require_leader(&user)?;
    let params = read_params(params)?;
    let window = Window::year_to(state.today());
    let mut areas = Vec::new();
    for area in Area::ALL {
        areas.push(AreaBlock {
            label: area.label(),
            href: format!("/performance/{}", area.code()),
            table: indicators_table(&state, area, window, "/performance").await?,
        });
    }
    if let Some((name, fmt)) = wants_download(&params) {
        let tables: Vec<&Table> = areas.iter().map(|a| &a.table).collect();
        return download_from(&tables, name, fmt, state.today());
    }
    let page = OverviewPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        from: format::date(window.from),
        to: format::date(window.to),
        areas,
    };
    Ok(Html(page.render()?).into_response())
}

/// One indicator's trend and distribution, as charts over tables.
struct IndicatorBlock {
    id: &'static str,
    title: &'static str,
    value: String,
    note: Option<String>,
    definition: &'static str,
    source: &'static str,
    trend_chart: TrendChart,
    trend: Table,
    bars: Option<(BarChart, Table)>,
}

/// The 24-month trend of an indicator: its chart and its table, months linking to
/// their lists.
async fn trend(
    state: &AppState,
    ind: &'static Indicator,
    page: &str,
) -> Result<(TrendChart, Table), AppError> {
    let windows = indicators::trend_windows(state.today(), TREND_MONTHS);
    let tallies = state.perf_cache.tallies(state, ind, &windows).await?;
    let kind = tallies.first().map_or(ValueKind::Count, |t| t.kind);
    let mut table = Table::new(
        format!("trend-{}", ind.id),
        format!("{}: month by month", ind.title),
        &[
            ("Month", false),
            ("Value", true),
            ("Counted", true),
            ("Out of", true),
        ],
    );
    let mut values = Vec::new();
    for (w, t) in windows.iter().zip(&tallies) {
        let month = w.from.strftime("%B %Y").to_string();
        let value = t.value();
        values.push((w.from.strftime("%b %Y").to_string(), value));
        let [counted, among] = counted_cells(
            kind,
            t.counted,
            t.among,
            window_list_href(ind, Some(*w), None, None, 1),
            &format!("{} in {month}", ind.title),
        );
        table.rows.push(vec![
            Cell::text(month),
            Cell::number(kind.shown(value), value),
            counted,
            among,
        ]);
    }
    let mut references = Vec::new();
    if let Some(e) = england(ind.id) {
        references.push(charts::Line {
            name: "England",
            value: e.value,
            dash: "8 4",
        });
    }
    if let Some(t) = state.targets.get(ind.id) {
        references.push(charts::Line {
            name: "Target",
            value: t.value,
            dash: "2 3",
        });
    }
    let chart = TrendChart::new(
        &format!("trend-{}", ind.id),
        &format!("{}, month by month", ind.title),
        kind == ValueKind::Percent,
        &values,
        &references,
    );
    Ok((chart, table.downloads_from(page)))
}

/// An indicator's distribution for the year: its chart and its table.
fn distribution(ind: &Indicator, m: &Measure, page: &str) -> Option<(BarChart, Table)> {
    if m.bands.is_empty() {
        return None;
    }
    let mut table = Table::new(
        format!("bands-{}", ind.id),
        format!("{}: distribution", ind.title),
        &[("Band", false), ("Counted", true)],
    );
    for (i, b) in m.bands.iter().enumerate() {
        table.rows.push(vec![
            Cell::text(b.label.clone()),
            Cell::count(
                b.items.len(),
                list_href(ind, None, Some(i), 1),
                format!("{} in {}: see the list", b.items.len(), b.label),
            ),
        ]);
    }
    let chart = BarChart::new(
        &format!("bands-{}", ind.id),
        &format!("{}: distribution", ind.title),
        &m.bands
            .iter()
            .map(|b| (b.label.clone(), b.items.len()))
            .collect::<Vec<_>>(),
    );
    Some((chart, table.downloads_from(page)))
}

#[derive(Template)]
#[template(path = "performance/area.html")]
struct AreaPage {
    layout: Layout,
    area: &'static str,
    from: String,
    to: String,
    table: Table,
    blocks: Vec<IndicatorBlock>,
}

/// `GET /performance/{area}`: one judgement area's indicators, each with its trend
/// and distribution.
pub(crate) async fn area(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(code): Path<String>,
    params: Params,
) -> Result<Response, AppError> {
    require_leader(&user)?;
    let params = read_params(params)?;
    let area = Area::ALL
        .into_iter()
        .find(|a| a.code() == code)
        .ok_or(AppError::PageNotFound)?;
    let page = format!("/performance/{}", area.code());
    let window = Window::year_to(state.today());
    let table = indicators_table(&state, area, window, &page).await?;
    let mut blocks = Vec::new();
    for ind in indicators::all().into_iter().filter(|i| i.area == area) {
        let m = state.perf_cache.measure(&state, ind, window).await?;
        let (trend_chart, trend) = trend(&state, ind, &page).await?;
        blocks.push(IndicatorBlock {
            id: ind.id,
            title: ind.title,
            value: m.kind.shown(m.value()),
            note: m.note.clone(),
            definition: ind.definition,
            source: ind.source,
            trend_chart,
            trend,
            bars: distribution(ind, &m, &page),
        });
    }
    if let Some((name, fmt)) = wants_download(&params) {
        let mut tables = vec![&table];
        for b in &blocks {
            tables.push(&b.trend);
            if let Some((_, t)) = &b.bars {
                tables.push(t);
            }
        }
        return download_from(&tables, name, fmt, state.today());
    }
    let page = AreaPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        area: area.label(),
        from: format::date(window.from),
        to: format::date(window.to),
        table,
        blocks,
    };
    Ok(Html(page.render()?).into_response())
}

/// The indicator's headline: value, comparisons, definition and source.
struct Headline {
    title: &'static str,
    value: String,
    counted: Cell,
    among: Option<usize>,
    england: Cell,
    compared: Cell,
    target: Cell,
    target_basis: Option<String>,
    against_target: Cell,
    /// What the figure rests on, or why it has none (the population estimate).
    note: Option<String>,
    definition: &'static str,
    source: &'static str,
}

#[derive(Template)]
#[template(path = "performance/indicator.html")]
struct IndicatorPage {
    layout: Layout,
    area: &'static str,
    area_href: String,
    line: Headline,
    trend_chart: TrendChart,
    trend: Table,
    bars: Option<(BarChart, Table)>,
    teams: Table,
}

/// `GET /performance/indicator/{indicator}`: one indicator, its trend, its
/// distribution and its figure for every team.
pub(crate) async fn indicator(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, AppError> {
    require_leader(&user)?;
    let params = read_params(params)?;
    let ind = indicators::by_id(&id).ok_or(AppError::PageNotFound)?;
    let page = format!("/performance/indicator/{}", ind.id);
    let window = Window::year_to(state.today());
    let m = state.perf_cache.measure(&state, ind, window).await?;
    let value = m.value();
    let workforce = state.perf_cache.workforce().await.unwrap_or_default();
    let mut teams = Table::new(
        format!("teams-{}", ind.id),
        format!("{}: by team", ind.title),
        &[
            ("Team", false),
            ("Value", true),
            ("Counted", true),
            ("Out of", true),
        ],
    );
    for t in workforce.teams() {
        let tm = m.for_team(&t.id);
        if tm.numerator.is_empty() && tm.denominator.is_empty() {
            continue;
        }
        let v = tm.value();
        let [counted, among] = counted_cells(
            tm.kind,
            tm.numerator.len(),
            tm.denominator.len(),
            list_href(ind, Some(&t.id), None, 1),
            &format!("{} in {}", ind.title, t.name),
        );
        teams.rows.push(vec![
            Cell::text(t.name.clone()),
            Cell::number(tm.kind.shown(v), v),
            counted,
            among,
        ]);
    }
    let teams = teams.downloads_from(&page);
    let (trend_chart, trend) = trend(&state, ind, &page).await?;
    let bars = distribution(ind, &m, &page);
    if let Some((name, fmt)) = wants_download(&params) {
        let mut tables = vec![&trend, &teams];
        if let Some((_, t)) = &bars {
            tables.push(t);
        }
        return download_from(&tables, name, fmt, state.today());
    }
    let target = state.targets.get(ind.id);
    let line = Headline {
        title: ind.title,
        value: m.kind.shown(value),
        counted: Cell::count(
            m.numerator.len(),
            list_href(ind, None, None, 1),
            format!("{} counted: see the list", m.numerator.len()),
        ),
        among: (m.kind == ValueKind::Percent).then_some(m.denominator.len()),
        england: england_cell(m.kind, ind),
        compared: against_england(ind, value),
        target: target_cell(&state, m.kind, ind),
        target_basis: target.map(|t| t.basis.clone()).filter(|b| !b.is_empty()),
        against_target: against_target(&state, ind, value),
        note: m.note.clone(),
        definition: ind.definition,
        source: ind.source,
    };
    let page = IndicatorPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        area: ind.area.label(),
        area_href: format!("/performance/{}", ind.area.code()),
        line,
        trend_chart,
        trend,
        bars,
        teams,
    };
    Ok(Html(page.render()?).into_response())
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
    csv_href: String,
    xlsx_href: String,
}

/// What a list address asks for: an indicator's items, for a window, team and band.
struct ListAsked {
    ind: &'static Indicator,
    team: Option<TeamId>,
    band: Option<usize>,
    /// The window, when not the twelve months to today.
    chosen: Option<Window>,
    window: Window,
    measure: Arc<Measure>,
}

impl ListAsked {
    fn items(&self) -> &[Item] {
        match self.band {
            Some(i) => &self.measure.bands[i].items,
            None => &self.measure.numerator,
        }
    }

    /// The window, team and band in words.
    fn scope(&self, workforce: &caseline_domain::work::Workforce) -> String {
        let mut scope = format!(
            "{} to {}",
            format::date(self.window.from),
            format::date(self.window.to)
        );
        if let Some(t) = self.team.as_ref().and_then(|t| workforce.team(t)) {
            scope = format!("{scope}, {}", t.name);
        }
        if let Some(i) = self.band {
            scope = format!("{scope}, {}", self.measure.bands[i].label);
        }
        scope
    }
}

async fn list_asked(
    state: &AppState,
    params: &HashMap<String, String>,
) -> Result<ListAsked, AppError> {
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
    let m = state.perf_cache.measure(state, ind, window).await?;
    let measure = match &team {
        Some(t) => Arc::new(m.for_team(t)),
        None => m,
    };
    let band = match params.get("band").map(String::as_str) {
        None | Some("") => None,
        Some(b) => Some(
            b.parse::<usize>()
                .ok()
                .filter(|i| *i < measure.bands.len())
                .ok_or_else(|| {
                    AppError::bad_request("band", "is not one of this indicator's bands")
                })?,
        ),
    };
    Ok(ListAsked {
        ind,
        team,
        band,
        chosen,
        window,
        measure,
    })
}

/// Each item as a row: the child's (or worker's) name and id, date, team and detail.
async fn item_rows(state: &AppState, items: &[Item]) -> Vec<ItemRow> {
    let workforce = state.perf_cache.workforce().await.unwrap_or_default();
    let ids: Vec<&caseline_domain::PersonId> =
        items.iter().filter_map(|i| i.child_id.as_ref()).collect();
    let names = state.perf_cache.names(&ids).await;
    items
        .iter()
        .map(|i| {
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
        })
        .collect()
}

/// The children named in `rows`, for the audit trail.
fn named(items: &[Item]) -> Vec<&caseline_domain::PersonId> {
    let mut ids: Vec<&caseline_domain::PersonId> =
        items.iter().filter_map(|i| i.child_id.as_ref()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// `GET /performance/list?indicator=&team=&band=&from=&to=`: what a number counts.
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Params,
) -> Result<Html<String>, AppError> {
    require_leader(&user)?;
    let Query(params) = params.map_err(|_| {
        AppError::bad_request(
            "indicator",
            "the address could not be read: follow a link from the performance pages",
        )
    })?;
    let asked = list_asked(&state, &params).await?;
    let page = crate::children::list::parse_page(params.get("page").map(String::as_str))?;
    let items = asked.items();
    // The page's items are found first so only their names are looked up.
    let paged = pagination::page_of(items, page, LIST_PAGE_SIZE, Clone::clone, |n| {
        window_list_href(asked.ind, asked.chosen, asked.team.as_ref(), asked.band, n)
    })?;
    let rows = item_rows(&state, &paged.rows).await;
    let workforce = state.perf_cache.workforce().await.unwrap_or_default();
    let scope = asked.scope(&workforce);
    let shown_ids = named(&paged.rows);
    if !shown_ids.is_empty() {
        let names: Vec<&str> = shown_ids.iter().map(|c| c.as_str()).collect();
        state
            .db
            .record_list_shown(
                user.access.actor(),
                &format!(
                    "performance list {} ({scope}), page {page}: {}",
                    asked.ind.id,
                    names.join(" ")
                ),
            )
            .await?;
    }
    let query = list_query(asked.ind, asked.chosen, asked.team.as_ref(), asked.band, 1);
    let page_view = ListPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Performance)),
        title: asked.ind.title,
        scope,
        back_href: format!("/performance/indicator/{}", asked.ind.id),
        total: paged.total,
        showing: paged.showing,
        rows,
        pagination: paged.pagination,
        csv_href: format!("/performance/list/download?{query}&format=csv"),
        xlsx_href: format!("/performance/list/download?{query}&format=xlsx"),
    };
    Ok(Html(page_view.render()?))
}

/// `GET /performance/list/download?…&format=csv|xlsx`: the whole list as a file. Every
/// child in it is recorded in the audit trail as listed to the user.
pub(crate) async fn list_download(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Params,
) -> Result<Response, AppError> {
    require_leader(&user)?;
    let params = read_params(params)?;
    let asked = list_asked(&state, &params).await?;
    let items = asked.items();
    let rows = item_rows(&state, items).await;
    let workforce = state.perf_cache.workforce().await.unwrap_or_default();
    let scope = asked.scope(&workforce);
    let mut table = Table::new(
        format!("list-{}", asked.ind.id),
        format!("{}: {scope}", asked.ind.title),
        &[
            ("Child or worker", false),
            ("ID", false),
            ("Date", false),
            ("Team", false),
            ("Detail", false),
        ],
    );
    for (r, i) in rows.into_iter().zip(items) {
        table.rows.push(vec![
            Cell::text(r.name),
            Cell::text(r.id),
            Cell::text(i.date.to_string()),
            Cell::text(r.team),
            Cell::text(r.detail),
        ]);
    }
    let format = params.get("format").map_or("csv", String::as_str);
    let response = table.download(format, state.today())?;
    state
        .db
        .record_children_listed(
            user.access.actor(),
            &named(items).into_iter().cloned().collect::<Vec<_>>(),
            &format!("downloaded: performance list {} ({scope})", asked.ind.id),
        )
        .await?;
    Ok(response)
}
