//! Drift and delay beyond single clocks: patterns across a child's record that the
//! inspection found nobody saw in time (children unallocated or held on duty, not seen
//! or not seen alone, plans that say nothing of who does what by when, plans that go on
//! and on, repeat referrals, no permanence plan, instability, absent partners,
//! unregistered placements). Pure functions of the record, its clocks and "today".
//!
//! Each [`FindingKind`] states its basis; where the threshold is a local choice it is
//! marked local and set in `config/local-standards.toml`.

mod kinds;
#[cfg(test)]
mod tests;

use jiff::Span;
use jiff::civil::Date;

use crate::clocks::Clock;
use crate::{ChildRecord, PersonId, RecordId, WorkerId};

pub use kinds::*;

/// A kind of drift or delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingKind {
    /// Stable id, used in links and exports.
    pub id: &'static str,
    /// Short name for headings and counts.
    pub title: &'static str,
    /// What is wrong, in plain words.
    pub description: &'static str,
    /// Why it matters: guidance, regulation or the measure it follows.
    pub source: &'static str,
    /// The threshold is a local standard rather than a national rule.
    pub local: bool,
}

/// One finding about one child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of drift or delay.
    pub kind: &'static FindingKind,
    /// The child.
    pub child_id: PersonId,
    /// The record it is about (plan, referral, placement...), when there is one.
    pub record_id: Option<RecordId>,
    /// Since when the problem has stood.
    pub since: Date,
    /// For how long, in calendar days up to today.
    pub days: i32,
    /// What exactly is wrong, naming dates and counts.
    pub detail: String,
}

/// Thresholds that are local choices (defaults in `config/local-standards.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingSettings {
    /// A child on a plan or in care is seen alone at least once in this many weeks.
    pub seen_alone_weeks: u32,
    /// ...from this age (a baby cannot meaningfully be seen alone).
    pub seen_alone_from_age: u8,
    /// A child protection plan open this many months is flagged for scrutiny.
    pub long_cp_plan_months: u32,
    /// A child placed with parents this many months with no open risk recorded is
    /// flagged for a decision on discharging the order.
    pub placed_with_parents_months: u32,
    /// A child in care or care leaver should have a personal adviser by this age, in
    /// months (210 = 17½).
    pub personal_adviser_by_age_months: u32,
}

impl Default for FindingSettings {
    fn default() -> Self {
        Self {
            seen_alone_weeks: 12,
            seen_alone_from_age: 4,
            long_cp_plan_months: 18,
            placed_with_parents_months: 6,
            personal_adviser_by_age_months: 210,
        }
    }
}

/// Every finding for one child on `today`, given the child's clocks (the "not seen"
/// finding reads the visit clocks rather than repeating their arithmetic).
/// `is_manager` says whether a worker is a manager (a case "held by a manager").
pub fn findings_for(
    record: &ChildRecord,
    clocks: &[Clock],
    today: Date,
    settings: FindingSettings,
    is_manager: &dyn Fn(&WorkerId) -> bool,
) -> Vec<Finding> {
    let ctx = Ctx {
        record,
        today,
        settings,
    };
    let mut out = Vec::new();
    kinds::all(&ctx, clocks, is_manager, &mut out);
    out
}

pub(crate) struct Ctx<'a> {
    pub record: &'a ChildRecord,
    pub today: Date,
    pub settings: FindingSettings,
}

impl Ctx<'_> {
    pub(crate) fn push(
        &self,
        out: &mut Vec<Finding>,
        kind: &'static FindingKind,
        record_id: Option<&RecordId>,
        since: Date,
        detail: String,
    ) {
        out.push(Finding {
            kind,
            child_id: self.record.child.id.clone(),
            record_id: record_id.cloned(),
            since,
            days: days_between(since, self.today).max(0),
            detail,
        });
    }
}

pub(crate) fn days_between(from: Date, to: Date) -> i32 {
    (to - from).get_days()
}

pub(crate) fn months_before(d: Date, months: u32) -> Date {
    let m = i32::try_from(months).unwrap_or(i32::MAX);
    d.checked_sub(Span::new().months(m)).unwrap_or(Date::MIN)
}

pub(crate) fn months_after(d: Date, months: u32) -> Date {
    let m = i32::try_from(months).unwrap_or(i32::MAX);
    d.checked_add(Span::new().months(m)).unwrap_or(Date::MAX)
}
