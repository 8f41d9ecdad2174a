//! The work picture: for each open case, who holds it, which clocks are running and
//! what drift the findings show; and the selections the work views count and list.
//!
//! Every count on a work view is the length of a [`Selection`]'s rows over the same
//! cases, and the list it links to shows exactly those rows, so a number can never
//! disagree with the names behind it.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::calendar::WorkingDayCalendar;
use crate::clocks::{Clock, ClockSettings, ClockState, RULES, Rule, clocks_for};
use crate::codes::{AllocationRole, JobRole};
use crate::findings::{Finding, FindingKind, FindingSettings, KINDS, findings_for};
use crate::status::ChildStatus;
use crate::workforce::{Team, Worker};
use crate::{ChildRecord, PersonId, TeamId, WorkerId};

/// The teams and workers, for names and for telling managers from case holders.
#[derive(Debug, Clone, Default)]
pub struct Workforce {
    teams: Vec<Team>,
    workers: HashMap<WorkerId, Worker>,
}

impl Workforce {
    /// Indexes the teams and workers.
    pub fn new(mut teams: Vec<Team>, workers: Vec<Worker>) -> Self {
        teams.sort_by(|a, b| a.name.cmp(&b.name));
        Self {
            teams,
            workers: workers.into_iter().map(|w| (w.id.clone(), w)).collect(),
        }
    }

    /// The teams, and only the workers these children's records name. A child's own
    /// figures read only those workers (who holds the case, whether a manager does), so
    /// recomputing a few written children against this instead of the whole workforce
    /// gives the same child items without building every worker's.
    pub fn only_for(&self, records: &[ChildRecord]) -> Self {
        let mut named: Vec<&WorkerId> = Vec::new();
        for r in records {
            named.extend(r.allocations.iter().filter_map(|a| a.worker_id.as_ref()));
            named.extend(r.visits.iter().filter_map(|v| v.worker_id.as_ref()));
            named.extend(r.assessments.iter().filter_map(|a| a.worker_id.as_ref()));
            named.extend(r.referrals.iter().filter_map(|a| a.worker_id.as_ref()));
            named.extend(r.early_help.iter().filter_map(|a| a.worker_id.as_ref()));
            named.extend(
                r.section_47_enquiries
                    .iter()
                    .filter_map(|a| a.worker_id.as_ref()),
            );
            named.extend(
                r.care_leaver
                    .iter()
                    .filter_map(|c| c.personal_adviser_id.as_ref()),
            );
            named.extend(
                r.case_supervisions
                    .iter()
                    .filter_map(|c| c.supervisor_id.as_ref()),
            );
        }
        Self {
            teams: self.teams.clone(),
            workers: named
                .into_iter()
                .filter_map(|id| self.workers.get(id).map(|w| (id.clone(), w.clone())))
                .collect(),
        }
    }

    /// The teams, by name.
    pub fn teams(&self) -> &[Team] {
        &self.teams
    }

    /// A team by id.
    pub fn team(&self, id: &TeamId) -> Option<&Team> {
        self.teams.iter().find(|t| &t.id == id)
    }

    /// A worker by id.
    pub fn worker(&self, id: &WorkerId) -> Option<&Worker> {
        self.workers.get(id)
    }

    /// Every worker, past and present.
    pub fn workers(&self) -> impl Iterator<Item = &Worker> {
        self.workers.values()
    }

    /// The case-holding workers (social workers, senior practitioners, personal
    /// advisers) in post on `on`, by name.
    pub fn case_holders_on(&self, on: Date) -> Vec<&Worker> {
        let mut holders: Vec<&Worker> = self
            .workers
            .values()
            .filter(|w| {
                w.start_date <= on
                    && w.end_date.is_none_or(|e| e >= on)
                    && matches!(
                        w.role,
                        JobRole::SocialWorker
                            | JobRole::SeniorPractitioner
                            | JobRole::PersonalAdviser
                    )
            })
            .collect();
        // A stable order for lists (the index is unordered); each name built once.
        holders.sort_by_cached_key(|w| (w.full_name(), w.id.clone()));
        holders
    }

    /// Whether the worker is a team or service manager.
    pub fn is_manager(&self, id: &WorkerId) -> bool {
        self.workers
            .get(id)
            .is_some_and(|w| matches!(w.role, JobRole::TeamManager | JobRole::ServiceManager))
    }
}

/// One open case and everything the work views show about it.
#[derive(Debug, Clone)]
pub struct CaseWork {
    /// The child.
    pub child_id: PersonId,
    /// The child's name.
    pub name: String,
    /// Where the child is in the journey.
    pub status: ChildStatus,
    /// Who holds the case: the allocated social worker, else the personal adviser.
    pub worker_id: Option<WorkerId>,
    /// The team holding the case, or the team the open referral was sent to.
    pub team_id: Option<TeamId>,
    /// Clocks still running (not yet due, due soon, overdue), most urgent first.
    pub clocks: Vec<Clock>,
    /// Drift and delay found in the record.
    pub findings: Vec<Finding>,
}

/// The authority's local standards: clock timescales where no national one exists, and
/// the thresholds of the local findings (`config/local-standards.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LocalStandards {
    /// Local clock standards and the due-soon window.
    pub clocks: ClockSettings,
    /// Local finding thresholds.
    pub findings: FindingSettings,
}

/// Everything the work picture needs besides the records.
#[derive(Debug, Clone, Copy)]
pub struct WorkSettings<'a> {
    /// Today.
    pub today: Date,
    /// The moment of asking (for clocks measured in hours).
    pub now: Timestamp,
    /// Working days.
    pub calendar: &'a WorkingDayCalendar,
    /// Local clock standards.
    pub clocks: ClockSettings,
    /// Local finding thresholds.
    pub findings: FindingSettings,
}

/// The work picture of one child's record.
pub fn case_work(record: &ChildRecord, workforce: &Workforce, s: &WorkSettings<'_>) -> CaseWork {
    let all = clocks_for(record, s.today, s.now, s.calendar, s.clocks);
    let findings = findings_for(record, &all, s.today, s.findings, &|w| {
        workforce.is_manager(w)
    });
    let mut clocks: Vec<Clock> = all.into_iter().filter(|c| c.state.is_open()).collect();
    clocks.sort_by_key(|c| c.due.date());
    let holder = record
        .allocation_on(AllocationRole::AllocatedSocialWorker, s.today)
        .or_else(|| record.allocation_on(AllocationRole::PersonalAdviser, s.today));
    let team_id = holder.map(|a| a.team_id.clone()).or_else(|| {
        record
            .referrals
            .iter()
            .filter(|r| r.is_open_on(s.today))
            .max_by_key(|r| r.referral_date)
            .and_then(|r| r.team_id.clone())
    });
    CaseWork {
        child_id: record.child.id.clone(),
        name: record.child.full_name(),
        status: record.status_on(s.today),
        worker_id: holder.and_then(|a| a.worker_id.clone()),
        team_id,
        clocks,
        findings,
    }
}

/// The work picture of many records, sorted by child name.
pub fn cases_work(
    records: &[ChildRecord],
    workforce: &Workforce,
    s: &WorkSettings<'_>,
) -> Vec<CaseWork> {
    let mut out: Vec<CaseWork> = records.iter().map(|r| case_work(r, workforce, s)).collect();
    out.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.child_id.cmp(&b.child_id))
    });
    out
}

/// How urgent a running clock is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Urgency {
    /// Past its due date.
    Overdue,
    /// Due within the due-soon window.
    DueSoon,
    /// Overdue or due soon: what needs doing now.
    Due,
    /// Any running clock.
    Running,
}

impl Urgency {
    fn matches(self, state: ClockState) -> bool {
        match self {
            Urgency::Overdue => matches!(state, ClockState::Overdue { .. }),
            Urgency::DueSoon => matches!(state, ClockState::DueSoon { .. }),
            Urgency::Due => {
                matches!(
                    state,
                    ClockState::Overdue { .. } | ClockState::DueSoon { .. }
                )
            }
            Urgency::Running => state.is_open(),
        }
    }

    /// The name used in links.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueSoon => "due-soon",
            Urgency::Due => "due",
            Urgency::Running => "running",
        }
    }

    /// Words for headings.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueSoon => "due soon",
            Urgency::Due => "overdue or due soon",
            Urgency::Running => "running",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [
            Urgency::Overdue,
            Urgency::DueSoon,
            Urgency::Due,
            Urgency::Running,
        ]
        .into_iter()
        .find(|u| u.code() == code)
    }
}

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Open cases (one row per child).
    Cases,
    /// Clocks, of one rule or of every rule, at an urgency (one row per clock).
    Clocks(Option<&'static Rule>, Urgency),
    /// Findings, of one kind or of every kind (one row per finding).
    Findings(Option<&'static FindingKind>),
    /// Children waiting for a named worker: unallocated, held on duty or held by a
    /// manager (one row per finding, longest wait first).
    Waiting,
}

/// The findings that mean a child is waiting for a named worker.
pub const WAITING: &[&FindingKind] = &[
    &crate::findings::UNALLOCATED,
    &crate::findings::HELD_ON_DUTY,
    &crate::findings::HELD_BY_MANAGER,
];

/// Which team a selection is narrowed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamFilter {
    /// Every team.
    Any,
    /// One team.
    Team(TeamId),
    /// Cases with no team at all.
    NoTeam,
}

/// A count on a work view and the list behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// What is counted.
    pub measure: Measure,
    /// Narrowed to a team.
    pub team: TeamFilter,
    /// Narrowed to the cases a worker holds.
    pub worker: Option<WorkerId>,
}

/// One row of a list: a case, one of its clocks or one of its findings.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    /// A case.
    Case(&'a CaseWork),
    /// A running clock.
    Clock(&'a CaseWork, &'a Clock),
    /// A finding.
    Finding(&'a CaseWork, &'a Finding),
}

impl Row<'_> {
    /// The case the row is about.
    pub fn case(&self) -> &CaseWork {
        match self {
            Row::Case(c) | Row::Clock(c, _) | Row::Finding(c, _) => c,
        }
    }
}

impl Selection {
    /// A selection of `measure` over every case.
    pub fn of(measure: Measure) -> Self {
        Self {
            measure,
            team: TeamFilter::Any,
            worker: None,
        }
    }

    /// Narrowed to a team.
    pub fn in_team(mut self, team: TeamFilter) -> Self {
        self.team = team;
        self
    }

    /// Narrowed to a worker's cases.
    pub fn held_by(mut self, worker: Option<WorkerId>) -> Self {
        self.worker = worker;
        self
    }

    fn includes(&self, c: &CaseWork) -> bool {
        let team = match &self.team {
            TeamFilter::Any => true,
            TeamFilter::Team(t) => c.team_id.as_ref() == Some(t),
            TeamFilter::NoTeam => c.team_id.is_none(),
        };
        team && self
            .worker
            .as_ref()
            .is_none_or(|w| c.worker_id.as_ref() == Some(w))
    }

    /// The rows this selection counts, in the order lists show them: clocks by due
    /// date (most overdue first), findings longest-standing first, cases by name.
    pub fn rows<'a>(&self, cases: &'a [CaseWork]) -> Vec<Row<'a>> {
        let cases = cases.iter().filter(|c| self.includes(c));
        match self.measure {
            Measure::Cases => cases.map(Row::Case).collect(),
            Measure::Clocks(rule, urgency) => {
                let mut rows: Vec<Row<'a>> = cases
                    .flat_map(|c| {
                        c.clocks
                            .iter()
                            .filter(move |k| {
                                rule.is_none_or(|r| r.id == k.rule.id) && urgency.matches(k.state)
                            })
                            .map(move |k| Row::Clock(c, k))
                    })
                    .collect();
                rows.sort_by_key(|r| match r {
                    Row::Clock(_, k) => Some(k.due.date()),
                    _ => None,
                });
                rows
            }
            Measure::Findings(_) | Measure::Waiting => {
                let measure = self.measure;
                let wanted = move |f: &Finding| match measure {
                    Measure::Findings(kind) => kind.is_none_or(|k| k.id == f.kind.id),
                    _ => WAITING.iter().any(|k| k.id == f.kind.id),
                };
                let mut rows: Vec<Row<'a>> = cases
                    .flat_map(|c| {
                        c.findings
                            .iter()
                            .filter(move |f| wanted(f))
                            .map(move |f| Row::Finding(c, f))
                    })
                    .collect();
                rows.sort_by_key(|r| match r {
                    Row::Finding(_, f) => std::cmp::Reverse(f.days),
                    _ => std::cmp::Reverse(0),
                });
                rows
            }
        }
    }

    /// How many rows: the number a view shows.
    pub fn count(&self, cases: &[CaseWork]) -> usize {
        self.rows(cases).len()
    }

    /// The selection as link parameters (name, value), in a fixed order.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        match self.measure {
            Measure::Cases => out.push(("measure", "cases".to_owned())),
            Measure::Clocks(rule, urgency) => {
                out.push(("measure", "clocks".to_owned()));
                if let Some(r) = rule {
                    out.push(("rule", r.id.to_owned()));
                }
                out.push(("urgency", urgency.code().to_owned()));
            }
            Measure::Findings(kind) => {
                out.push(("measure", "findings".to_owned()));
                if let Some(k) = kind {
                    out.push(("finding", k.id.to_owned()));
                }
            }
            Measure::Waiting => out.push(("measure", "waiting".to_owned())),
        }
        match &self.team {
            TeamFilter::Any => {}
            TeamFilter::Team(t) => out.push(("team", t.as_str().to_owned())),
            TeamFilter::NoTeam => out.push(("team", "none".to_owned())),
        }
        if let Some(w) = &self.worker {
            out.push(("worker", w.as_str().to_owned()));
        }
        out
    }

    /// Reads a selection back from link parameters, naming the parameter that is wrong.
    pub fn from_params(get: &dyn Fn(&str) -> Option<String>) -> Result<Self, SelectionError> {
        let measure = match get("measure").as_deref() {
            Some("cases") => Measure::Cases,
            Some("clocks") => {
                let rule = match get("rule") {
                    None => None,
                    Some(id) => Some(
                        RULES
                            .iter()
                            .copied()
                            .find(|r| r.id == id)
                            .ok_or(SelectionError("rule"))?,
                    ),
                };
                let urgency = get("urgency")
                    .as_deref()
                    .and_then(Urgency::from_code)
                    .ok_or(SelectionError("urgency"))?;
                Measure::Clocks(rule, urgency)
            }
            Some("findings") => Measure::Findings(match get("finding") {
                None => None,
                Some(id) => Some(
                    KINDS
                        .iter()
                        .copied()
                        .find(|k| k.id == id)
                        .ok_or(SelectionError("finding"))?,
                ),
            }),
            Some("waiting") => Measure::Waiting,
            _ => return Err(SelectionError("measure")),
        };
        let team = match get("team").as_deref() {
            None | Some("") => TeamFilter::Any,
            Some("none") => TeamFilter::NoTeam,
            Some(t) => TeamFilter::Team(TeamId::parse(t).map_err(|_| SelectionError("team"))?),
        };
        let worker = match get("worker").as_deref() {
            None | Some("") => None,
            Some(w) => Some(WorkerId::parse(w).map_err(|_| SelectionError("worker"))?),
        };
        Ok(Self {
            measure,
            team,
            worker,
        })
    }

    /// A heading for the list.
    pub fn title(&self) -> String {
        match self.measure {
            Measure::Cases => "Open cases".to_owned(),
            Measure::Clocks(Some(r), u) => format!("{}: {}", r.description, u.label()),
            Measure::Clocks(None, u) => format!("Timescales {}", u.label()),
            Measure::Findings(Some(k)) => k.title.to_owned(),
            Measure::Findings(None) => "All drift and delay findings".to_owned(),
            Measure::Waiting => {
                "Waiting for a named worker: unallocated, on duty or held by a manager".to_owned()
            }
        }
    }
}

/// A link parameter that does not name a known rule, finding, urgency, team or worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelectionError(pub &'static str);

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the '{}' parameter is not recognised", self.0)
    }
}

impl std::error::Error for SelectionError {}
