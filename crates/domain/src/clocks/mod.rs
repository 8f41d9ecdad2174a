//! Statutory clocks: every timescale as a pure function of the recorded dates and
//! "today", never stored, so a clock cannot drift out of step with the record.
//!
//! Each [`Rule`] names its source (guidance or regulation, and paragraph where known;
//! `shared/domain.md` §5 keeps the catalogue). A rule yields [`Clock`]s for a child:
//! one per thing that must happen (a decision on each contact, each looked-after
//! review in turn...), each with its due date and state.

mod leaving_care;
mod local;
mod placement;
mod rules;
mod school;
#[cfg(test)]
mod tests;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::calendar::WorkingDayCalendar;
use crate::{ChildRecord, PersonId, RecordId};

pub use rules::RULES;

/// A statutory or local timescale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, used in exports and configuration.
    pub id: &'static str,
    /// What must happen, in plain words.
    pub description: &'static str,
    /// Where the timescale comes from.
    pub source: &'static str,
    /// A local standard rather than a national rule.
    pub local: bool,
}

/// When something is due: a day, or (for the 72-hour return interview) a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// By the end of this day.
    Day(Date),
    /// By this moment.
    Moment(Timestamp),
}

impl Deadline {
    /// The day it falls on (in England).
    pub fn date(self) -> Date {
        match self {
            Deadline::Day(d) => d,
            Deadline::Moment(t) => crate::local_date(t),
        }
    }
}

/// Where a clock stands on "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Not yet due, and not within the due-soon window.
    NotYetDue {
        /// Calendar days until the due date.
        days_left: i32,
    },
    /// Due within the configured window.
    DueSoon {
        /// Calendar days until the due date (0 = due today).
        days_left: i32,
    },
    /// Past its due date and not done.
    Overdue {
        /// Calendar days past the due date.
        days_over: i32,
    },
    /// Done on or before the due date.
    MetOnTime,
    /// Done after the due date.
    MetLate {
        /// Calendar days late.
        days_late: i32,
    },
    /// Never done, and no longer required (the plan or period of care ended after it
    /// fell due): a missed timescale.
    Missed {
        /// Calendar days from the due date to when the requirement ended.
        days_over: i32,
    },
}

impl ClockState {
    /// Short label for lists and exports.
    pub fn label(self) -> &'static str {
        match self {
            ClockState::NotYetDue { .. } => "not yet due",
            ClockState::DueSoon { .. } => "due soon",
            ClockState::Overdue { .. } => "overdue",
            ClockState::MetOnTime => "met on time",
            ClockState::MetLate { .. } => "met late",
            ClockState::Missed { .. } => "missed",
        }
    }

    /// Days for exports: left (positive) or over/late (negative), 0 when met on time.
    pub fn days(self) -> i32 {
        match self {
            ClockState::NotYetDue { days_left } | ClockState::DueSoon { days_left } => days_left,
            ClockState::Overdue { days_over } | ClockState::Missed { days_over } => -days_over,
            ClockState::MetLate { days_late } => -days_late,
            ClockState::MetOnTime => 0,
        }
    }

    /// Still needing action.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ClockState::NotYetDue { .. } | ClockState::DueSoon { .. } | ClockState::Overdue { .. }
        )
    }
}

/// One timescale for one child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// The rule.
    pub rule: &'static Rule,
    /// The child.
    pub child_id: PersonId,
    /// The record that started the clock (contact, assessment, plan, period of care...).
    pub record_id: RecordId,
    /// Which occurrence, for repeating rules (1 = first review...).
    pub occurrence: u32,
    /// When the clock started.
    pub started: Date,
    /// When it is due.
    pub due: Deadline,
    /// When it was met, if it was.
    pub met: Option<Date>,
    /// Where it stands.
    pub state: ClockState,
}

/// Settings that are local choices: the due-soon window and the local standards
/// where no national timescale exists (shared/domain.md §7: CP and CIN visit
/// frequency and CIN plan reviews are local). Loaded from `config/local-standards.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockSettings {
    /// A clock due within this many calendar days is "due soon".
    pub due_soon_days: i32,
    /// A child on a child protection plan is seen at least every this many working days.
    pub cp_visit_working_days: u32,
    /// A child on a child in need plan is seen at least every this many working days.
    pub cin_visit_working_days: u32,
    /// A referral has a named allocated social worker within this many working days.
    pub allocation_working_days: u32,
    /// A contact rated red is decided within this many hours of receipt.
    pub urgent_contact_decision_hours: u32,
    /// A child in need plan is reviewed within this many months of starting, then at
    /// least this often.
    pub cin_plan_review_months: u32,
    /// A case allocated to a named social worker is discussed in supervision at least
    /// every this many working days.
    pub case_supervision_working_days: u32,
}

impl Default for ClockSettings {
    fn default() -> Self {
        Self {
            due_soon_days: 5,
            cp_visit_working_days: 10,
            cin_visit_working_days: 20,
            allocation_working_days: 3,
            urgent_contact_decision_hours: 4,
            cin_plan_review_months: 3,
            case_supervision_working_days: 20,
        }
    }
}

/// What a rule needs besides the record.
pub(crate) struct Ctx<'a> {
    pub today: Date,
    pub now: Timestamp,
    pub calendar: &'a WorkingDayCalendar,
    pub settings: ClockSettings,
}

fn days_between(from: Date, to: Date) -> i32 {
    // Date differences come out in whole days.
    (to - from).get_days()
}

impl Ctx<'_> {
    /// The state of a clock due on `due`, met on `met`, whose requirement ended on
    /// `ended` (if it did) without being met.
    pub(crate) fn state(
        &self,
        due: Deadline,
        met: Option<Timestamp>,
        met_day: Option<Date>,
        ended: Option<Date>,
    ) -> ClockState {
        let due_day = due.date();
        if let Some(met_day) = met_day {
            let on_time = match (due, met) {
                (Deadline::Moment(d), Some(m)) => m <= d,
                _ => met_day <= due_day,
            };
            return if on_time {
                ClockState::MetOnTime
            } else {
                ClockState::MetLate {
                    days_late: days_between(due_day, met_day).max(1),
                }
            };
        }
        if let Some(end) = ended
            && end <= self.today
        {
            return ClockState::Missed {
                days_over: days_between(due_day, end).max(0),
            };
        }
        let past = match due {
            Deadline::Moment(d) => self.now > d,
            Deadline::Day(d) => self.today > d,
        };
        if past {
            return ClockState::Overdue {
                days_over: days_between(due_day, self.today).max(1),
            };
        }
        let days_left = days_between(self.today, due_day);
        if days_left <= self.settings.due_soon_days {
            ClockState::DueSoon { days_left }
        } else {
            ClockState::NotYetDue { days_left }
        }
    }
}

/// Every clock for one child on `today` (with `now` the moment of asking, for the
/// rules measured in hours).
pub fn clocks_for(
    record: &ChildRecord,
    today: Date,
    now: Timestamp,
    calendar: &WorkingDayCalendar,
    settings: ClockSettings,
) -> Vec<Clock> {
    let ctx = Ctx {
        today,
        now,
        calendar,
        settings,
    };
    let mut out = Vec::new();
    rules::all(record, &ctx, &mut out);
    out
}
