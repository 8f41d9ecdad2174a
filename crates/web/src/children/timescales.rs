//! The child's statutory clocks, shown beside the chronology: what is due, what is
//! overdue, and how recent timescales were met.

use caseline_domain::clocks::{Clock, ClockState};
use caseline_domain::findings::Finding;
use jiff::civil::Date;

use crate::format;

/// One row of the timescales table.
pub(crate) struct TimescaleRow {
    pub what: &'static str,
    pub source: &'static str,
    pub local: bool,
    pub due: String,
    pub state: String,
    pub class: &'static str,
}

/// Open clocks first (most urgent first), then those met or missed in the last year.
pub(crate) fn timescales(clocks: Vec<Clock>, today: Date) -> Vec<TimescaleRow> {
    let year_ago = today
        .checked_sub(jiff::Span::new().days(365))
        .unwrap_or(today);
    let mut clocks: Vec<_> = clocks
        .into_iter()
        .filter(|c| c.state.is_open() || c.due.date() >= year_ago)
        .collect();
    clocks.sort_by_key(|c| {
        (
            !c.state.is_open(),
            c.state.is_open().then_some(c.due.date()),
            std::cmp::Reverse(c.due.date()),
        )
    });
    clocks
        .into_iter()
        .map(|c| {
            let (state, class) = match c.state {
                ClockState::Overdue { days_over } => {
                    (format!("Overdue by {}", days(days_over)), "govuk-tag--red")
                }
                ClockState::DueSoon { days_left: 0 } => {
                    ("Due today".to_owned(), "govuk-tag--yellow")
                }
                ClockState::DueSoon { days_left } => {
                    (format!("Due in {}", days(days_left)), "govuk-tag--yellow")
                }
                ClockState::NotYetDue { days_left } => {
                    (format!("Due in {}", days(days_left)), "govuk-tag--grey")
                }
                ClockState::MetOnTime => ("Met on time".to_owned(), "govuk-tag--green"),
                ClockState::MetLate { days_late } => {
                    (format!("Met {} late", days(days_late)), "govuk-tag--orange")
                }
                ClockState::Missed { .. } => ("Missed".to_owned(), "govuk-tag--red"),
            };
            TimescaleRow {
                what: c.rule.description,
                source: c.rule.source,
                local: c.rule.local,
                due: format::date(c.due.date()),
                state,
                class,
            }
        })
        .collect()
}

fn days(n: i32) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// One finding of drift or delay on the child's record.
pub(crate) struct FindingRow {
    pub title: &'static str,
    pub source: &'static str,
    pub local: bool,
    pub since: String,
    pub detail: String,
}

/// The child's findings, longest-standing first.
pub(crate) fn finding_rows(mut findings: Vec<Finding>) -> Vec<FindingRow> {
    findings.sort_by_key(|f| std::cmp::Reverse(f.days));
    findings
        .into_iter()
        .map(|f| FindingRow {
            title: f.kind.title,
            source: f.kind.source,
            local: f.kind.local,
            since: format!("{} ({})", format::date(f.since), days(f.days)),
            detail: f.detail,
        })
        .collect()
}
