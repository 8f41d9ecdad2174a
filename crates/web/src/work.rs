//! The work views: "My work" for a worker, "Team" for a team manager, "Service" for
//! leaders, and the list of named children behind every number on them.
//!
//! Every number is a [`Selection`] counted over the cases the view loaded; its link
//! carries the view and the selection, and the list loads the same cases and shows the
//! selection's rows, so the two always agree. Clocks and findings are computed on every
//! request from the records, so a write shows on the next page load.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Html;
use caseline_domain::access::Capability;
use caseline_domain::clocks::{ClockState, RULES};
use caseline_domain::findings::{self, FindingKind, KINDS};
use caseline_domain::work::{
    CaseWork, Measure, Row, Selection, TeamFilter, Urgency, WorkSettings, Workforce, case_work,
};
use caseline_domain::{PersonId, TeamId, WorkerId};
use caseline_store::WorkScope;

use crate::AppState;
use crate::auth::SignedIn;
use crate::children::{Tag, record_href, status_tag};
use crate::error::AppError;
use crate::format;
use crate::layout::{Layout, Section};
use crate::pagination::{self, PageItem, Pagination};

/// Rows on a page of a list.
const LIST_PAGE_SIZE: u32 = 100;

/// Which view a number belongs to (and so which cases it counts).
#[derive(Debug, Clone, PartialEq, Eq)]
enum View {
    /// The signed-in worker's own cases.
    Mine,
    /// One team's cases.
    Team(TeamId),
    /// The whole authority (optionally narrowed to a team by the selection).
    Service,
}

impl View {
    fn code(&self) -> &'static str {
        match self {
            View::Mine => "mine",
            View::Team(_) => "team",
            View::Service => "service",
        }
    }
}

/// The whole authority's work picture, kept up to date cheaply. The open cases' records
/// are held in memory; on each request the store's journey state says what changed:
/// children whose records were written are reloaded and recomputed alone; a change to
/// the workforce or calendar, or a new day, reloads everything; and once a minute the
/// cases with a clock measured in hours (the 72-hour return interview) are recomputed
/// against the time. Each view then keeps only the cases its viewer may see.
#[derive(Debug, Clone, Default)]
pub struct WorkCache(Arc<tokio::sync::Mutex<Option<Picture>>>);

#[derive(Debug)]
struct Picture {
    state: caseline_store::JourneyState,
    today: jiff::civil::Date,
    timed: std::time::Instant,
    records: HashMap<PersonId, caseline_domain::ChildRecord>,
    by_child: HashMap<PersonId, CaseWork>,
    calendar: caseline_domain::calendar::WorkingDayCalendar,
    cases: Arc<Vec<CaseWork>>,
    workforce: Arc<Workforce>,
}

/// How often the clocks measured in hours are looked at again.
const TIMED_REFRESH: std::time::Duration = std::time::Duration::from_secs(60);

fn picture_actor() -> caseline_store::Actor {
    caseline_store::Actor::new("work picture (system)")
}

impl Picture {
    fn settings(&self, state: &AppState) -> WorkSettings<'_> {
        WorkSettings {
            today: self.today,
            now: jiff::Timestamp::now(),
            calendar: &self.calendar,
            clocks: state.standards.clocks,
            findings: state.standards.findings,
        }
    }

    /// Recomputes the named children (all when `None`) and rebuilds the sorted list.
    fn recompute(&mut self, state: &AppState, which: Option<&[PersonId]>) {
        let settings = self.settings(state);
        let fresh: Vec<(PersonId, CaseWork)> = match which {
            None => self
                .records
                .values()
                .map(|r| (r.child.id.clone(), case_work(r, &self.workforce, &settings)))
                .collect(),
            Some(ids) => ids
                .iter()
                .filter_map(|id| self.records.get(id))
                .map(|r| (r.child.id.clone(), case_work(r, &self.workforce, &settings)))
                .collect(),
        };
        if which.is_none() {
            self.by_child.clear();
        }
        if let Some(ids) = which {
            for id in ids {
                self.by_child.remove(id);
            }
        }
        self.by_child.extend(fresh);
        let mut cases: Vec<CaseWork> = self.by_child.values().cloned().collect();
        cases.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then_with(|| a.child_id.cmp(&b.child_id))
        });
        self.cases = Arc::new(cases);
        self.timed = std::time::Instant::now();
    }
}

impl WorkCache {
    async fn get(
        &self,
        state: &AppState,
    ) -> Result<(Arc<Vec<CaseWork>>, Arc<Workforce>), AppError> {
        // One refresh at a time: others wait and then share it.
        let mut slot = self.0.lock().await;
        let today = state.today();
        let now_state = state.db.journey_state().await?;
        let reuse = slot.as_ref().is_some_and(|p| {
            p.today == today && p.state.everything_version == now_state.everything_version
        });
        let p = match slot.as_mut() {
            Some(p) if reuse => p,
            _ => slot.insert(full(state, today).await?),
        };
        if p.state.version != now_state.version {
            let (new_state, changed, records) = state
                .db
                .open_cases_changed_since(&picture_actor(), today, p.state.version)
                .await?;
            for id in &changed {
                p.records.remove(id);
            }
            for r in records {
                p.records.insert(r.child.id.clone(), r);
            }
            p.state = new_state;
            p.recompute(state, Some(&changed));
        } else if p.timed.elapsed() >= TIMED_REFRESH {
            let timed: Vec<PersonId> = p
                .by_child
                .values()
                .filter(|c| {
                    c.clocks
                        .iter()
                        .any(|k| matches!(k.due, caseline_domain::clocks::Deadline::Moment(_)))
                })
                .map(|c| c.child_id.clone())
                .collect();
            p.recompute(state, Some(&timed));
        }
        Ok((p.cases.clone(), p.workforce.clone()))
    }
}

/// The whole picture from scratch.
async fn full(state: &AppState, today: jiff::civil::Date) -> Result<Picture, AppError> {
    let (js, records) = state.db.all_open_cases(&picture_actor(), today).await?;
    let mut p = Picture {
        state: js,
        today,
        timed: std::time::Instant::now(),
        records: records
            .into_iter()
            .map(|r| (r.child.id.clone(), r))
            .collect(),
        by_child: HashMap::new(),
        calendar: state.db.calendar().await?,
        cases: Arc::new(Vec::new()),
        workforce: Arc::new(Workforce::new(
            state.db.teams().await?,
            state.db.workers().await?,
        )),
    };
    p.recompute(state, None);
    Ok(p)
}

/// Computes the work picture ahead of the first request.
pub(crate) async fn warm(state: &AppState) {
    if let Err(e) = state.work_cache.get(state).await {
        tracing::warn!("could not work out the work picture at start: {e:?}");
    }
}

/// The cases a view counts, narrowed to what the viewer may see.
struct Loaded {
    cases: Vec<CaseWork>,
    workforce: Arc<Workforce>,
}

async fn load(state: &AppState, user: &SignedIn, view: &View) -> Result<Loaded, AppError> {
    let viewer = user.access.viewer();
    let scope = match view {
        View::Mine => viewer.worker_id.clone().map(WorkScope::Worker),
        View::Team(t) => Some(WorkScope::Team(t.clone())),
        View::Service => Some(WorkScope::Authority),
    };
    // The viewer's ids first: the picture fetched after is at least as new.
    let ids: HashSet<PersonId> = match scope {
        Some(scope) => state
            .db
            .open_case_ids(&user.access, &scope, state.today())
            .await?
            .into_iter()
            .collect(),
        None => HashSet::new(),
    };
    let (all, workforce) = state.work_cache.get(state).await?;
    let cases = all
        .iter()
        .filter(|c| ids.contains(&c.child_id))
        .cloned()
        .collect();
    Ok(Loaded { cases, workforce })
}

fn require_lists(user: &SignedIn) -> Result<(), AppError> {
    if user.access.role().may(Capability::ListChildren) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "System administrators manage accounts and do not see children's work.",
        ))
    }
}

fn require_service(user: &SignedIn) -> Result<(), AppError> {
    if user.access.role().may(Capability::ListAllChildren) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "The service view is for service managers, senior leaders and performance analysts.",
        ))
    }
}

/// The teams a viewer may open the team view for: their own (and those they manage),
/// or every team for those who see the whole authority.
fn allowed_teams<'a>(user: &SignedIn, workforce: &'a Workforce) -> Vec<&'a TeamId> {
    let viewer = user.access.viewer();
    workforce
        .teams()
        .iter()
        .filter(|t| viewer.may_view_team(&t.id))
        .map(|t| &t.id)
        .collect()
}

/// A number on a view and where it leads.
struct Count {
    n: usize,
    href: String,
}

fn count(view: &View, selection: &Selection, cases: &[CaseWork]) -> Count {
    Count {
        n: selection.count(cases),
        href: list_href(view, selection, 1),
    }
}

fn list_href(view: &View, selection: &Selection, page: u32) -> String {
    let mut params = vec![("view", view.code().to_owned())];
    let mut sel = selection.to_params();
    if let View::Team(t) = view {
        // The team view's own team travels as `in`, apart from the selection's filter.
        params.push(("in", t.as_str().to_owned()));
    }
    params.append(&mut sel);
    if page > 1 {
        params.push(("page", page.to_string()));
    }
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", format::query_value(v)))
        .collect();
    format!("/work/list?{}", query.join("&"))
}

/// One line of the "by rule" table.
struct RuleLine {
    description: &'static str,
    source: &'static str,
    local: bool,
    running: Count,
    due_soon: Count,
    overdue: Count,
    overdue_rate: String,
}

fn rule_lines(view: &View, team: &TeamFilter, cases: &[CaseWork]) -> Vec<RuleLine> {
    RULES
        .iter()
        .map(|&rule| {
            let sel = |u| Selection::of(Measure::Clocks(Some(rule), u)).in_team(team.clone());
            let running = count(view, &sel(Urgency::Running), cases);
            let overdue = count(view, &sel(Urgency::Overdue), cases);
            RuleLine {
                description: rule.description,
                source: rule.source,
                local: rule.local,
                overdue_rate: percent(overdue.n, running.n),
                due_soon: count(view, &sel(Urgency::DueSoon), cases),
                running,
                overdue,
            }
        })
        .filter(|l| l.running.n > 0)
        .collect()
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_owned()
    } else {
        #[allow(clippy::cast_precision_loss)]
        let p = part as f64 * 100.0 / whole as f64;
        format!("{p:.0}%")
    }
}

/// One line of the findings table.
struct FindingLine {
    title: &'static str,
    description: &'static str,
    source: &'static str,
    local: bool,
    count: Count,
}

fn finding_lines(view: &View, team: &TeamFilter, cases: &[CaseWork]) -> Vec<FindingLine> {
    KINDS
        .iter()
        .map(|&kind: &&'static FindingKind| FindingLine {
            title: kind.title,
            description: kind.description,
            source: kind.source,
            local: kind.local,
            count: count(
                view,
                &Selection::of(Measure::Findings(Some(kind))).in_team(team.clone()),
                cases,
            ),
        })
        .collect()
}

/// A clock or finding row, ready to show.
struct WorkRow {
    child_href: String,
    child_name: String,
    child_id: String,
    status: Tag,
    worker: String,
    team: String,
    what: String,
    local: bool,
    when: String,
    state: Tag,
    detail: String,
}

fn days(n: i32) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

fn clock_tag(state: ClockState) -> (Tag, String) {
    match state {
        ClockState::Overdue { days_over } => (Tag::OVERDUE, format!("by {}", days(days_over))),
        ClockState::DueSoon { days_left: 0 } => (
            Tag {
                label: "Due today",
                class: "govuk-tag--yellow",
            },
            String::new(),
        ),
        ClockState::DueSoon { days_left } => (
            Tag {
                label: "Due soon",
                class: "govuk-tag--yellow",
            },
            format!("in {}", days(days_left)),
        ),
        _ => (
            Tag {
                label: "Not yet due",
                class: "govuk-tag--grey",
            },
            format!("in {}", days(state.days())),
        ),
    }
}

fn work_row(row: &Row<'_>, workforce: &Workforce) -> WorkRow {
    let case = row.case();
    let worker = case
        .worker_id
        .as_ref()
        .and_then(|w| workforce.worker(w))
        .map_or_else(
            || {
                if case.team_id.is_some() {
                    "None named".to_owned()
                } else {
                    "Unallocated".to_owned()
                }
            },
            |w| w.full_name(),
        );
    let team = case
        .team_id
        .as_ref()
        .and_then(|t| workforce.team(t))
        .map_or_else(|| "No team".to_owned(), |t| t.name.clone());
    let mut out = WorkRow {
        child_href: record_href(&case.child_id),
        child_name: case.name.clone(),
        child_id: case.child_id.to_string(),
        status: status_tag(case.status),
        worker,
        team,
        what: String::new(),
        local: false,
        when: String::new(),
        state: Tag {
            label: "",
            class: "",
        },
        detail: String::new(),
    };
    match row {
        Row::Case(c) => {
            let overdue = c
                .clocks
                .iter()
                .filter(|k| matches!(k.state, ClockState::Overdue { .. }))
                .count();
            out.what = "Open case".to_owned();
            out.detail = format!(
                "{} running, {} overdue; {}",
                c.clocks.len(),
                overdue,
                match c.findings.len() {
                    0 => "no findings".to_owned(),
                    1 => "1 finding".to_owned(),
                    n => format!("{n} findings"),
                }
            );
            out.state = status_tag(c.status);
        }
        Row::Clock(_, k) => {
            let (tag, detail) = clock_tag(k.state);
            out.what = k.rule.description.to_owned();
            out.local = k.rule.local;
            out.when = format::date(k.due.date());
            out.state = tag;
            out.detail = detail;
        }
        Row::Finding(_, f) => {
            out.what = f.kind.title.to_owned();
            out.local = f.kind.local;
            out.when = format::date(f.since);
            out.state = Tag {
                label: "Finding",
                class: "govuk-tag--orange",
            };
            out.detail = format!("{} ({})", f.detail, days(f.days));
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// My work

#[derive(Template)]
#[template(path = "work/mine.html")]
struct MyWorkPage {
    layout: Layout,
    has_caseload: bool,
    cases: Count,
    overdue: Count,
    due_soon: Count,
    findings: Count,
    due_rows: Vec<WorkRow>,
    finding_rows: Vec<WorkRow>,
    show_team: bool,
    show_service: bool,
}

/// `GET /work`: the signed-in worker's clocks due soon and overdue, in due order, and
/// the findings on their cases.
pub(crate) async fn my_work(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
) -> Result<Html<String>, AppError> {
    require_lists(&user)?;
    let view = View::Mine;
    let Loaded { cases, workforce } = load(&state, &user, &view).await?;
    let due = Selection::of(Measure::Clocks(None, Urgency::Due));
    let findings = Selection::of(Measure::Findings(None));
    let page = MyWorkPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Work)),
        has_caseload: user.access.viewer().worker_id.is_some(),
        cases: count(&view, &Selection::of(Measure::Cases), &cases),
        overdue: count(
            &view,
            &Selection::of(Measure::Clocks(None, Urgency::Overdue)),
            &cases,
        ),
        due_soon: count(
            &view,
            &Selection::of(Measure::Clocks(None, Urgency::DueSoon)),
            &cases,
        ),
        findings: count(&view, &findings, &cases),
        due_rows: due
            .rows(&cases)
            .iter()
            .map(|r| work_row(r, &workforce))
            .collect(),
        finding_rows: findings
            .rows(&cases)
            .iter()
            .map(|r| work_row(r, &workforce))
            .collect(),
        show_team: !allowed_teams(&user, &workforce).is_empty(),
        show_service: user.access.role().may(Capability::ListAllChildren),
    };
    Ok(Html(page.render()?))
}

// ---------------------------------------------------------------------------------
// Team

/// Query of the team and service views.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct TeamParams {
    team: Option<String>,
}

struct WorkerLine {
    name: String,
    role: &'static str,
    fte: String,
    agency: bool,
    cases: Count,
    overdue: Count,
    due_soon: Count,
    findings: Count,
}

struct TeamOption {
    id: String,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "work/team.html")]
struct TeamPage {
    layout: Layout,
    team_name: String,
    teams: Vec<TeamOption>,
    cases: Count,
    waiting: Count,
    unallocated: Count,
    held_on_duty: Count,
    held_by_manager: Count,
    overdue: Count,
    findings: Count,
    workers: Vec<WorkerLine>,
    queue: Vec<WorkRow>,
    rules: Vec<RuleLine>,
    finding_lines: Vec<FindingLine>,
    show_service: bool,
}

fn parse_team(raw: Option<&str>) -> Result<Option<TeamId>, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => TeamId::parse(t)
            .map(Some)
            .map_err(|_| AppError::bad_request("team", "choose a team from the list")),
    }
}

/// `GET /work/team?team=`: caseload per worker, the unallocated queue with how long each
/// child has waited, overdue clocks by rule and findings, for one team.
pub(crate) async fn team_work(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<TeamParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    require_lists(&user)?;
    let Query(params) =
        params.map_err(|_| AppError::bad_request("team", "choose a team from the list"))?;
    let workforce = Workforce::new(state.db.teams().await?, state.db.workers().await?);
    let allowed = allowed_teams(&user, &workforce);
    let team = match parse_team(params.team.as_deref())? {
        Some(t) => t,
        None => match user
            .access
            .viewer()
            .teams
            .first()
            .or(allowed.first().copied())
        {
            Some(t) => t.clone(),
            None => {
                return Err(AppError::Forbidden(
                    "You are not in a team, so there is no team view to show.",
                ));
            }
        },
    };
    if !allowed.contains(&&team) {
        return Err(AppError::Forbidden(
            "You can see the team view only for your own team and the teams you manage.",
        ));
    }
    let view = View::Team(team.clone());
    let Loaded { cases, workforce } = load(&state, &user, &view).await?;
    let in_team = TeamFilter::Team(team.clone());
    let of = |m| Selection::of(m).in_team(in_team.clone());
    let finding = |kind: &'static FindingKind| of(Measure::Findings(Some(kind)));
    let waiting = of(Measure::Waiting);
    let queue: Vec<WorkRow> = waiting
        .rows(&cases)
        .iter()
        .map(|r| work_row(r, &workforce))
        .collect();
    // Everyone in the team, plus anyone outside it holding one of its cases.
    let mut holders: Vec<WorkerId> = workforce
        .case_holders_on(state.today())
        .into_iter()
        .filter(|w| w.team_id == team)
        .map(|w| w.id.clone())
        .collect();
    for c in &cases {
        if c.team_id.as_ref() == Some(&team)
            && let Some(w) = &c.worker_id
            && !holders.contains(w)
        {
            holders.push(w.clone());
        }
    }
    let mut workers: Vec<WorkerLine> = holders
        .iter()
        .filter_map(|w| workforce.worker(w).map(|x| (w, x)))
        .map(|(w, x)| {
            let by = |m| of(m).held_by(Some(w.clone()));
            WorkerLine {
                name: x.full_name(),
                role: x.role.label(),
                fte: format!("{:.2}", f64::from(x.fte_hundredths) / 100.0),
                agency: x.agency,
                cases: count(&view, &by(Measure::Cases), &cases),
                overdue: count(&view, &by(Measure::Clocks(None, Urgency::Overdue)), &cases),
                due_soon: count(&view, &by(Measure::Clocks(None, Urgency::DueSoon)), &cases),
                findings: count(&view, &by(Measure::Findings(None)), &cases),
            }
        })
        .collect();
    workers.sort_by(|a, b| b.cases.n.cmp(&a.cases.n).then_with(|| a.name.cmp(&b.name)));
    let team_name = workforce
        .team(&team)
        .map_or_else(|| team.to_string(), |t| t.name.clone());
    let page = TeamPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Work)),
        teams: allowed
            .iter()
            .filter_map(|t| workforce.team(t))
            .map(|t| TeamOption {
                id: t.id.to_string(),
                name: t.name.clone(),
                selected: t.id == team,
            })
            .collect(),
        team_name,
        cases: count(&view, &of(Measure::Cases), &cases),
        waiting: count(&view, &waiting, &cases),
        unallocated: count(&view, &finding(&findings::UNALLOCATED), &cases),
        held_on_duty: count(&view, &finding(&findings::HELD_ON_DUTY), &cases),
        held_by_manager: count(&view, &finding(&findings::HELD_BY_MANAGER), &cases),
        overdue: count(&view, &of(Measure::Clocks(None, Urgency::Overdue)), &cases),
        findings: count(&view, &of(Measure::Findings(None)), &cases),
        workers,
        queue,
        rules: rule_lines(&view, &in_team, &cases),
        finding_lines: finding_lines(&view, &in_team, &cases),
        show_service: user.access.role().may(Capability::ListAllChildren),
    };
    Ok(Html(page.render()?))
}

// ---------------------------------------------------------------------------------
// Service

struct TeamLine {
    name: String,
    href: String,
    cases: Count,
    waiting: Count,
    overdue: Count,
    findings: Count,
    overdue_per_case: String,
}

#[derive(Template)]
#[template(path = "work/service.html")]
struct ServicePage {
    layout: Layout,
    filter_name: Option<String>,
    teams: Vec<TeamOption>,
    cases: Count,
    overdue: Count,
    due_soon: Count,
    findings: Count,
    rules: Vec<RuleLine>,
    team_lines: Vec<TeamLine>,
    finding_lines: Vec<FindingLine>,
}

/// `GET /work/service?team=`: counts and rates by rule, by team and by finding for the
/// whole authority (or one team), each a link to the named children behind it.
pub(crate) async fn service_work(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<TeamParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    require_service(&user)?;
    let Query(params) =
        params.map_err(|_| AppError::bad_request("team", "choose a team from the list"))?;
    let filter = parse_team(params.team.as_deref())?;
    let view = View::Service;
    let Loaded { cases, workforce } = load(&state, &user, &view).await?;
    if let Some(t) = &filter
        && workforce.team(t).is_none()
    {
        return Err(AppError::bad_request("team", "choose a team from the list"));
    }
    let team = filter.clone().map_or(TeamFilter::Any, TeamFilter::Team);
    let of = |m| Selection::of(m).in_team(team.clone());
    let mut team_filters: Vec<(String, TeamFilter, Option<&TeamId>)> = workforce
        .teams()
        .iter()
        .filter(|t| filter.as_ref().is_none_or(|f| f == &t.id))
        .map(|t| (t.name.clone(), TeamFilter::Team(t.id.clone()), Some(&t.id)))
        .collect();
    if filter.is_none() {
        team_filters.push((
            "No team (front door or unassigned)".to_owned(),
            TeamFilter::NoTeam,
            None,
        ));
    }
    let team_lines: Vec<TeamLine> = team_filters
        .into_iter()
        .map(|(name, tf, id)| {
            let sel = |m| Selection::of(m).in_team(tf.clone());
            let cases_n = count(&view, &sel(Measure::Cases), &cases);
            let overdue = count(&view, &sel(Measure::Clocks(None, Urgency::Overdue)), &cases);
            TeamLine {
                href: id.map_or_else(String::new, |t| {
                    format!("/work/team?team={}", format::query_value(t.as_str()))
                }),
                name,
                overdue_per_case: if cases_n.n == 0 {
                    "–".to_owned()
                } else {
                    #[allow(clippy::cast_precision_loss)]
                    let r = overdue.n as f64 / cases_n.n as f64;
                    format!("{r:.2}")
                },
                waiting: count(&view, &sel(Measure::Waiting), &cases),
                findings: count(&view, &sel(Measure::Findings(None)), &cases),
                cases: cases_n,
                overdue,
            }
        })
        .filter(|l| l.cases.n > 0)
        .collect();
    let page = ServicePage {
        layout: Layout::new(&state, Some(&user), Some(Section::Work)),
        filter_name: filter
            .as_ref()
            .and_then(|t| workforce.team(t))
            .map(|t| t.name.clone()),
        teams: workforce
            .teams()
            .iter()
            .map(|t| TeamOption {
                id: t.id.to_string(),
                name: t.name.clone(),
                selected: filter.as_ref() == Some(&t.id),
            })
            .collect(),
        cases: count(&view, &of(Measure::Cases), &cases),
        overdue: count(&view, &of(Measure::Clocks(None, Urgency::Overdue)), &cases),
        due_soon: count(&view, &of(Measure::Clocks(None, Urgency::DueSoon)), &cases),
        findings: count(&view, &of(Measure::Findings(None)), &cases),
        rules: rule_lines(&view, &team, &cases),
        team_lines,
        finding_lines: finding_lines(&view, &team, &cases),
    };
    Ok(Html(page.render()?))
}

// ---------------------------------------------------------------------------------
// The list behind a number

#[derive(Template)]
#[template(path = "work/list.html")]
struct ListPage {
    layout: Layout,
    title: String,
    scope: String,
    back_href: String,
    back_label: &'static str,
    total: usize,
    showing: Option<String>,
    rows: Vec<WorkRow>,
    pagination: Option<Pagination>,
}

/// `GET /work/list?view=&measure=&...`: the named children behind a number on a view.
pub(crate) async fn work_list(
    State(state): State<Arc<AppState>>,
    user: SignedIn,
    params: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    require_lists(&user)?;
    let Query(params) = params.map_err(|_| {
        AppError::bad_request(
            "view",
            "the address could not be read: follow a link from a work view",
        )
    })?;
    let get = |k: &str| params.get(k).cloned();
    let view = match get("view").as_deref() {
        Some("mine") => View::Mine,
        Some("team") => View::Team(
            parse_team(get("in").as_deref())?
                .ok_or_else(|| AppError::bad_request("in", "the team is missing"))?,
        ),
        Some("service") => View::Service,
        _ => {
            return Err(AppError::bad_request(
                "view",
                "must be mine, team or service: follow a link from a work view",
            ));
        }
    };
    let selection = Selection::from_params(&get)
        .map_err(|e| AppError::bad_request(e.0, format!("{e}: follow a link from a work view")))?;
    let page = crate::children::list::parse_page(get("page").as_deref())?;
    match &view {
        View::Service => require_service(&user)?,
        View::Team(t) => {
            let workforce = Workforce::new(state.db.teams().await?, state.db.workers().await?);
            if !allowed_teams(&user, &workforce).contains(&t) {
                return Err(AppError::Forbidden(
                    "You can see the team view only for your own team and the teams you manage.",
                ));
            }
        }
        View::Mine => {}
    }
    let Loaded { cases, workforce } = load(&state, &user, &view).await?;
    let rows = selection.rows(&cases);
    let paged = pagination::page_of(
        &rows,
        page,
        LIST_PAGE_SIZE,
        |r| work_row(r, &workforce),
        |n| list_href(&view, &selection, n),
    )?;
    let team_name = |t: &TeamId| {
        workforce
            .team(t)
            .map_or_else(|| t.to_string(), |x| x.name.clone())
    };
    let mut scope = match &view {
        View::Mine => "Your cases".to_owned(),
        View::Team(t) => format!("Team: {}", team_name(t)),
        View::Service => "Whole authority".to_owned(),
    };
    match (&view, &selection.team) {
        (View::Service, TeamFilter::Team(t)) => scope = format!("Team: {}", team_name(t)),
        (View::Service, TeamFilter::NoTeam) => scope = "Cases with no team".to_owned(),
        _ => {}
    }
    if let Some(w) = selection.worker.as_ref().and_then(|w| workforce.worker(w)) {
        scope = format!("{scope}, held by {}", w.full_name());
    }
    let (back_href, back_label) = match &view {
        View::Mine => ("/work".to_owned(), "Back to my work"),
        View::Team(t) => (
            format!("/work/team?team={}", format::query_value(t.as_str())),
            "Back to the team view",
        ),
        View::Service => ("/work/service".to_owned(), "Back to the service view"),
    };
    let page_view = ListPage {
        layout: Layout::new(&state, Some(&user), Some(Section::Work)),
        title: selection.title(),
        scope,
        back_href,
        back_label,
        total: paged.total,
        showing: paged.showing,
        rows: paged.rows,
        pagination: paged.pagination,
    };
    Ok(Html(page_view.render()?))
}
