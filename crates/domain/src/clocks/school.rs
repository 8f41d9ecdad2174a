//! Personal education plans for looked-after children of compulsory school age: the
//! first within 20 working days of coming into care, then one in every school term.

use jiff::Span;
use jiff::civil::Date;

use super::rules::push;
use super::{Clock, Ctx, Deadline, Rule};
use crate::ChildRecord;

/// The first PEP, in time for the first looked-after review.
pub const PEP_INITIAL: Rule = Rule {
    id: "PEP-INITIAL-20WD",
    description: "Personal education plan within 20 working days of coming into care (in time for the first looked-after review), for a child of compulsory school age",
    source: "DfE statutory guidance 'Promoting the education of looked-after children and previously looked-after children' (2018): the PEP is part of the care plan and available for the first review; CPR 2010 reg 5(b)(ii); domain T-CLA-PEP",
    local: false,
};

/// A PEP review in every school term.
pub const PEP_TERMLY: Rule = Rule {
    id: "PEP-TERMLY",
    description: "Personal education plan reviewed in every school term the child is looked after from its first day and of compulsory school age; met only by a PEP dated within the term, due by its last day",
    source: "DfE statutory guidance 'Promoting the education of looked-after children and previously looked-after children' (2018): PEP reviewed each term; domain T-CLA-PEP. Terms here approximate school term dates as 1 September-31 December, 1 January-31 March and 1 April-31 July; August is outside term. Compulsory school age runs from the term after the 5th birthday to the end of the school year in which the child turns 16 (Education Act 1996 s8)",
    local: false,
};

/// A school term: first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Term {
    pub first: Date,
    pub last: Date,
}

/// A day of the year `y` (the last representable day if `y` is out of range).
fn day(y: i16, month: i8, d: i8) -> Date {
    Date::new(y, month, d).unwrap_or(Date::MAX)
}

/// The term that contains `d`, or for a day in August the autumn term that follows.
pub(super) fn term_on_or_after(d: Date) -> Term {
    let y = d.year();
    let (first, last) = match d.month() {
        1..=3 => (day(y, 1, 1), day(y, 3, 31)),
        4..=7 => (day(y, 4, 1), day(y, 7, 31)),
        _ => (day(y, 9, 1), day(y, 12, 31)),
    };
    Term { first, last }
}

/// The term after `t` (`t` itself at the end of time).
fn next_term(t: Term) -> Term {
    t.last.tomorrow().map_or(t, term_on_or_after)
}

fn birthday(dob: Date, years: i16) -> Date {
    // 29 February falls on 28 February in other years.
    dob.checked_add(Span::new().years(years)).unwrap_or(dob)
}

/// Whether a child born on `dob` is of compulsory school age in term `t`: from the
/// term after their 5th birthday (the prescribed days are 31 August, 31 December and
/// 31 March, the day before each term here) to the summer term of the school year in
/// which they turn 16.
pub(super) fn compulsory_school_age(dob: Date, t: Term) -> bool {
    let sixteen = birthday(dob, 16);
    // School years run from 1 September: the first 1 September after the 16th birthday
    // begins the year in which the child is over compulsory school age.
    let september = day(sixteen.year(), 9, 1);
    let leaves = if sixteen < september {
        september
    } else {
        day(sixteen.year().saturating_add(1), 9, 1)
    };
    birthday(dob, 5) < t.first && t.first < leaves
}

/// The initial PEP for each period of care of a child of compulsory school age when it
/// starts, and one PEP clock per term after that.
pub(super) fn peps(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let Some(dob) = r.child.date_of_birth else {
        return;
    };
    for period in &r.periods_of_care {
        let in_period = |d: Date| d >= period.start_date && period.end_date.is_none_or(|e| d <= e);
        let mut dates: Vec<Date> = r
            .peps
            .iter()
            .map(|p| p.date)
            .filter(|d| in_period(*d))
            .collect();
        dates.sort();
        if compulsory_school_age(dob, term_on_or_after(period.start_date)) {
            let due = Deadline::Day(ctx.calendar.add_working_days(period.start_date, 20));
            push(
                out,
                ctx,
                &PEP_INITIAL,
                r,
                &period.id,
                1,
                period.start_date,
                due,
                dates.first().map(|d| (*d, None)),
                period.end_date,
            );
        }
        let mut term = term_on_or_after(period.start_date);
        if term.first < period.start_date {
            term = next_term(term);
        }
        let mut n = 0;
        while term.first <= ctx.today && period.is_open_on(term.first) {
            if compulsory_school_age(dob, term) {
                n += 1;
                let met = dates
                    .iter()
                    .find(|d| **d >= term.first && **d <= term.last)
                    .map(|d| (*d, None));
                // The requirement for a term lapses when it ends (or the child leaves
                // care): a PEP in the next term counts for that term, not this one.
                let lapses = term.last.tomorrow().unwrap_or(term.last);
                let ended = period.end_date.map_or(lapses, |e| e.min(lapses));
                push(
                    out,
                    ctx,
                    &PEP_TERMLY,
                    r,
                    &period.id,
                    n,
                    term.first,
                    Deadline::Day(term.last),
                    met,
                    Some(ended),
                );
            }
            let next = next_term(term);
            if next == term {
                break;
            }
            term = next;
        }
    }
}
