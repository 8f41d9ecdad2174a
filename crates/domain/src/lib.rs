//! Caseline's domain: the child's journey through children's social care in England,
//! the DfE code sets, the working-day calendar and the statutory rules, as pure data
//! and functions. Nothing here does I/O: no SQL, no HTTP, no clock reads.

pub mod access;
pub mod assessment;
pub mod calendar;
pub mod care_leaver;
pub mod child_protection;
pub mod child_record;
pub mod chronology;
pub mod clocks;
pub mod codes;
mod error;
pub mod findings;
pub mod front_door;
pub mod geography;
pub mod health;
mod ids;
pub mod indicators;
pub mod looked_after;
pub mod missing;
pub mod other_services;
pub mod permanence;
pub mod person;
pub mod plan_action;
pub mod population;
pub mod referral;
pub mod section_47;
pub mod self_assessment;
pub mod status;
pub mod strategy_discussion;
pub mod values;
pub mod visit;
pub mod work;
pub mod workforce;

pub use child_record::ChildRecord;
pub use error::ValidationError;
pub use ids::{MAX_ID_LEN, PersonId, RecordId, TeamId, WorkerId};

/// Whether something running from `start` to `end` (inclusive; open-ended when
/// `None`) is in force on `on`.
pub(crate) fn in_force(
    start: jiff::civil::Date,
    end: Option<jiff::civil::Date>,
    on: jiff::civil::Date,
) -> bool {
    start <= on && end.is_none_or(|e| e >= on)
}

/// The calendar date in England of a moment (Europe/London, so a contact at 23:30 in
/// summer belongs to that day, not the next).
pub fn local_date(at: jiff::Timestamp) -> jiff::civil::Date {
    let tz = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
    at.to_zoned_datetime(tz).date()
}
