//! Help and protection: the front door, referrals, assessments, section 47 enquiries,
//! child protection conferences and plans, and children in need (ILACS: the
//! experiences and progress of children who need help and protection).
//!
//! Definitions follow the DfE's *Characteristics of children in need* tables (EES) where
//! one exists, so the figures can sit beside the England comparators; where the DfE
//! measures differently from *Working Together*, the definition says so and the
//! statutory clock (in `crate::clocks`) keeps the Working Together reading.

use jiff::Span;
use jiff::civil::Date;

use super::{Area, Band, Better, Indicator, Input, Item, Measure, banded, item};
use crate::codes::{
    CategoryOfAbuse, ConferenceKind, ReasonForClosure, Section47Outcome, VisitKind,
};
use crate::{ChildRecord, local_date};

/// Contacts to the front door per 10,000 children.
pub const CONTACTS_RATE: Indicator = Indicator {
    id: "HP-CONTACTS-RATE",
    area: Area::HelpAndProtection,
    title: "Contacts per 10,000 children",
    definition: concat!(
        "Contacts received in the window (the day of receipt in England, first and last day included), ",
        per_ten_thousand_children!()
    ),
    source: "SSD ssd_contacts (contact date); Ofsted ILACS Annex A list 1 (contacts); D2I ChAT-style rate per 10,000 aged 0 to 17 (PATCH-ER)",
    better: Better::Neither,
    compute: contacts_rate,
};

/// Referrals per 10,000 children.
pub const REFERRALS_RATE: Indicator = Indicator {
    id: "HP-REFERRALS-RATE",
    area: Area::HelpAndProtection,
    title: "Referrals per 10,000 children",
    definition: concat!(
        "Referrals with a referral date in the window (first and last day included), ",
        per_ten_thousand_children!()
    ),
    source: "EES Characteristics of children in need, C1 (referrals and rate per 10,000 children); CIN census CINreferralDate",
    better: Better::Neither,
    compute: referrals_rate,
};

/// Contacts decided within one working day of receipt.
pub const CONTACT_DECIDED_1WD: Indicator = Indicator {
    id: "HP-CONTACT-DECIDED-1WD",
    area: Area::HelpAndProtection,
    title: "Contacts decided within 1 working day",
    definition: "Of the contacts received in the window (day of receipt in England, first and last day included), the share whose decision was made (day of decision in England) no later than the first working day after the day of receipt (England and Wales bank holidays and weekends skipped; a decision made after the window is still counted by its date). A contact with no decision counts as not within if its working day had passed by the last day of the window; if it had not (the working day falls on or after the last day of the window) the contact is left out of the count altogether, as it may yet be decided on time",
    source: "Working Together to Safeguard Children 2023, ch. 2 (decision about the type of response within one working day); domain T-REF-1; the clock CONTACT-DECISION-1WD",
    better: Better::Higher,
    compute: contact_decided_1wd,
};

/// Re-referrals within 12 months.
pub const RE_REFERRALS: Indicator = Indicator {
    id: "HP-RE-REFERRALS",
    area: Area::HelpAndProtection,
    title: "Re-referrals within 12 months",
    definition: "Of the referrals with a referral date in the window, the share made within 12 months of the child's previous referral: the latest referral of the same child dated before it (on an earlier day, at any time, including before the window), with exactly 12 calendar months later still within (a previous referral on 29 February reaches 28 February a year on)",
    source: "EES Characteristics of children in need, C1 (re-referrals within 12 months of a previous referral) and Children in need: a focus on re-referrals (2024); CIN census CINreferralDate",
    better: Better::Lower,
    compute: re_referrals,
};

/// Referrals closed with no further action.
pub const REFERRALS_NFA: Indicator = Indicator {
    id: "HP-REFERRALS-NFA",
    area: Area::HelpAndProtection,
    title: "Referrals with no further action",
    definition: "Of the referrals with a referral date in the window, the share marked no further action (CIN census ReferralNFA), whenever that was recorded",
    source: "EES Characteristics of children in need, C1 (referrals with no further action); CIN census ReferralNFA",
    // Context, not performance: a high share can mean the front door passes on contacts
    // that needed no social-care response, a low one can mean screening at the contact
    // stage or referrals assessed that need not have been. Inspectors read it beside
    // the contact and assessment figures, not as better or worse on its own.
    better: Better::Neither,
    compute: referrals_nfa,
};

/// Assessments completed within 45 working days.
pub const ASSESSMENTS_45WD: Indicator = Indicator {
    id: "HP-ASSESSMENTS-45WD",
    area: Area::HelpAndProtection,
    title: "Assessments completed within 45 working days",
    definition: "Of the child and family assessments authorised in the window (first and last day included), the share authorised within 45 working days of the assessment's start date: working days counted after the start day up to and including the authorisation day, weekends and England and Wales bank holidays left out. This is the DfE's measure (start to authorisation); Working Together's 45 days run from the referral, and that statutory clock is ASSESSMENT-45WD. Banded by working days taken",
    source: "EES Characteristics of children in need, C2 (assessments completed, by working days from AssessmentActualStartDate to AssessmentAuthorisationDate); D2I ChAT-style bands (PATCH-ER); Working Together to Safeguard Children 2023, ch. 2 (45 working days from referral, domain T-ASS-1)",
    better: Better::Higher,
    compute: assessments_45wd,
};

/// Section 47 enquiries leading to an initial conference.
pub const S47_TO_ICPC: Indicator = Indicator {
    id: "HP-S47-TO-ICPC",
    area: Area::HelpAndProtection,
    title: "Section 47 enquiries leading to an initial conference",
    definition: "Of the section 47 enquiries with an end date in the window (first and last day included), the share whose recorded outcome was an initial child protection conference; an ended enquiry with no outcome recorded counts among the enquiries but not as leading to a conference",
    source: "EES Characteristics of children in need, C4 (section 47 enquiries and initial child protection conferences); SSD ssd_s47_enquiry outcome",
    better: Better::Neither,
    compute: s47_to_icpc,
};

/// Initial conferences within 15 working days of the section 47 start.
pub const ICPC_15WD: Indicator = Indicator {
    id: "HP-ICPC-15WD",
    area: Area::HelpAndProtection,
    title: "Initial conferences within 15 working days",
    definition: "Of the initial child protection conferences held in the window (first and last day included), the share held within 15 working days of the start of the section 47 enquiry they follow: working days counted after the start day up to and including the conference day, weekends and England and Wales bank holidays left out. Only the first initial conference for each enquiry counts; transfer-in conferences and conferences not linked to an enquiry cannot be timed and are left out. This is the DfE's measure; Working Together's 15 days run from the strategy discussion, and that statutory clock is ICPC-15WD. Banded by working days taken",
    source: "EES Characteristics of children in need, C4 (initial conferences by working days from S47ActualStartDate to DateOfInitialCPC); LG Inform metric 3217; Working Together to Safeguard Children 2023, ch. 4 (domain T-ICPC-1)",
    better: Better::Higher,
    compute: icpc_15wd,
};

/// Child protection plans started.
pub const CP_STARTED: Indicator = Indicator {
    id: "HP-CP-STARTED",
    area: Area::HelpAndProtection,
    title: "Child protection plans started",
    definition: "Child protection plans with a start date in the window (first and last day included), banded by initial category of abuse",
    source: "EES Characteristics of children in need, D1 (plans starting in the year) and D4 (initial category of abuse); CIN census CPPstartDate, InitialCategoryOfAbuse",
    better: Better::Neither,
    compute: cp_started,
};

/// Child protection plans ended.
pub const CP_ENDED: Indicator = Indicator {
    id: "HP-CP-ENDED",
    area: Area::HelpAndProtection,
    title: "Child protection plans ended",
    definition: "Child protection plans with an end date in the window (first and last day included), whenever they started",
    source: "EES Characteristics of children in need, D7 (plans ending in the year); CIN census CPPendDate",
    better: Better::Neither,
    compute: cp_ended,
};

/// Second or subsequent child protection plans.
pub const CP_SECOND: Indicator = Indicator {
    id: "HP-CP-SECOND",
    area: Area::HelpAndProtection,
    title: "Second or subsequent child protection plans",
    definition: "Of the child protection plans with a start date in the window, the share for a child who had an earlier plan recorded here (starting on an earlier day), however long ago",
    source: "EES Characteristics of children in need, D3 (second or subsequent plans, regardless of how long ago); LG Inform metric 100 (formerly NI 65); CIN census NumberOfPreviousCPP",
    better: Better::Lower,
    compute: cp_second,
};

/// Child protection plans ending that had lasted two years or more.
pub const CP_2_YEARS: Indicator = Indicator {
    id: "HP-CP-2-YEARS",
    area: Area::HelpAndProtection,
    title: "Plans ending that lasted 2 years or more",
    definition: "Of the child protection plans with an end date in the window (first and last day included, including plans that started before it), the share that had lasted 2 years or more: the end date on or after the date 24 calendar months after the start (a start on 29 February reaches 28 February). Banded by duration, each band including its lower edge: under 3 months, 3 months to under 6, 6 months to under 1 year, 1 year to under 2, 2 years or more; the value of each plan is its length in days",
    source: "EES Characteristics of children in need, D7 (plans ending in the year by length of plan: end date minus start date)",
    better: Better::Lower,
    compute: cp_2_years,
};

/// Children on a plan seen in the last six weeks.
pub const CP_SEEN_6_WEEKS: Indicator = Indicator {
    id: "HP-CP-SEEN-6-WEEKS",
    area: Area::HelpAndProtection,
    title: "Children on a plan seen in the last 6 weeks",
    definition: "Of the children on a child protection plan on the last day of the window, the share seen (a visit of any kind recorded as the child seen) on or after the plan's start and no more than 42 days (6 weeks) before the last day of the window. Banded by time since last seen: 0–6 weeks (0–42 days), over 6 to 12 weeks (43–84 days), over 12 to 18 weeks (85–126 days), over 18 weeks, and not seen since the plan began; the value of each child is the days since they were last seen",
    source: "D2I ChAT-style time since last visit bands (PATCH-ER); Ofsted ILACS Annex A list 7 (child protection: date last seen). The visit frequency itself is a local standard: no national timescale exists (shared/domain.md §7)",
    better: Better::Higher,
    compute: cp_seen_6_weeks,
};

/// Child protection visits where the child was seen alone.
pub const CP_SEEN_ALONE: Indicator = Indicator {
    id: "HP-CP-SEEN-ALONE",
    area: Area::HelpAndProtection,
    title: "Child protection visits with the child seen alone",
    definition: "Of the child protection visits dated in the window (first and last day included) at which the child was seen and was aged 4 or over on the day (children with no recorded date of birth are left out), the share at which the child was seen alone",
    source: "D2I ChAT-style % seen alone (PATCH-ER); Ofsted ILACS Annex A list 7 (child seen alone); Working Together to Safeguard Children 2023, ch. 4 (children seen alone)",
    better: Better::Higher,
    compute: cp_seen_alone,
};

/// Child protection review conferences on time.
pub const CP_REVIEWS_ON_TIME: Indicator = Indicator {
    id: "HP-CP-REVIEWS-ON-TIME",
    area: Area::HelpAndProtection,
    title: "Child protection reviews on time",
    definition: "Of the review child protection conferences held in the window (first and last day included) and linked to a plan, the share held on time: a plan's first review no later than 3 calendar months after the plan's start, each later review no later than 6 calendar months after the one before (a date with no match in the later month falls on its last day: 31 August + 6 months = 28 or 29 February). Reviews dated before the plan's start are not counted, as in the clock CP-REVIEW",
    source: "Working Together to Safeguard Children 2023, ch. 4 (first review within 3 months of the initial conference, then at intervals of no more than 6 months); domain T-RCPC-1; CIN census CPPreviewDate",
    better: Better::Higher,
    compute: cp_reviews_on_time,
};

/// How long children in need episodes lasted.
pub const CIN_DURATION: Indicator = Indicator {
    id: "HP-CIN-DURATION",
    area: Area::HelpAndProtection,
    title: "Length of closed child in need episodes",
    definition: "Median length in days (closure date minus referral date) of the episodes of need (referrals) with a closure date in the window (first and last day included), whenever they started. Banded, each band including its lower edge in calendar months: under 3 months, 3 months to under 6, 6 months to under 1 year, 1 year to under 2, 2 years or more",
    source: "D2I ChAT-style child in need duration bands (PATCH-ER); CIN census CINreferralDate and CINclosureDate",
    better: Better::Neither,
    compute: cin_duration,
};

/// Why child in need episodes closed.
pub const CIN_CLOSURE_REASONS: Indicator = Indicator {
    id: "HP-CIN-CLOSURE-REASONS",
    area: Area::HelpAndProtection,
    title: "Reasons child in need episodes closed",
    definition: "Episodes of need (referrals) with a closure date in the window (first and last day included), banded by reason for closure (RC1 to RC9, one band for each reason that occurs, in code order, and one for closures with no reason recorded)",
    source: "CIN census ReasonForClosure (RC1 to RC9; LIIA-CIN, VCIN rule 8640); D2I ChAT-style closure reasons (PATCH-ER)",
    better: Better::Neither,
    compute: cin_closure_reasons,
};

/// This area's indicators.
pub static INDICATORS: &[Indicator] = &[
    CONTACTS_RATE,
    REFERRALS_RATE,
    CONTACT_DECIDED_1WD,
    RE_REFERRALS,
    REFERRALS_NFA,
    ASSESSMENTS_45WD,
    S47_TO_ICPC,
    ICPC_15WD,
    CP_STARTED,
    CP_ENDED,
    CP_SECOND,
    CP_2_YEARS,
    CP_SEEN_6_WEEKS,
    CP_SEEN_ALONE,
    CP_REVIEWS_ON_TIME,
    CIN_DURATION,
    CIN_CLOSURE_REASONS,
];

/// Every child's entries in one list of their record, with the child.
fn each<'a, T: 'a>(
    input: &Input<'a>,
    list: fn(&'a ChildRecord) -> &'a [T],
) -> impl Iterator<Item = (&'a ChildRecord, &'a T)> {
    input
        .records
        .iter()
        .flat_map(move |r| list(r).iter().map(move |x| (r, x)))
}

/// `d` plus `months` calendar months, clamped to the month's end as jiff does (and as
/// the clocks do): 31 August + 6 months = 28 or 29 February.
fn add_months(d: Date, months: i32) -> Date {
    // Beyond jiff's range nothing can fall later, so the far end stands in.
    d.checked_add(Span::new().months(months))
        .unwrap_or(Date::MAX)
}

/// Calendar days from `from` to `to`.
fn days(from: Date, to: Date) -> f64 {
    f64::from((to - from).get_days())
}

/// The ChAT/EES length-of-time bands, by the month at which each starts.
const DURATION_BANDS: [(&str, i32); 5] = [
    ("Under 3 months", 0),
    ("3 months to under 6 months", 3),
    ("6 months to under 1 year", 6),
    ("1 year to under 2 years", 12),
    ("2 years or more", 24),
];

/// Items placed in [`DURATION_BANDS`] by how long ran from `start` to `end`.
fn duration_bands(items: &[(Date, Date, Item)]) -> Vec<Band> {
    DURATION_BANDS
        .iter()
        .enumerate()
        .map(|(n, (label, from))| {
            let until = DURATION_BANDS.get(n + 1).map(|b| b.1);
            Band {
                label: (*label).to_owned(),
                items: items
                    .iter()
                    .filter(|(start, end, _)| {
                        add_months(*start, *from) <= *end
                            && until.is_none_or(|m| *end < add_months(*start, m))
                    })
                    .map(|(_, _, i)| i.clone())
                    .collect(),
            }
        })
        .collect()
}

/// One band for each key, in the order given, empty ones included: the same bands for
/// every window and team, so distributions compare and band addresses stay put.
fn keyed_bands<'k, K: PartialEq + 'k>(
    items: &[(K, Item)],
    keys: impl Iterator<Item = (&'k str, K)>,
) -> Vec<Band> {
    keys.map(|(label, key)| Band {
        label: label.to_owned(),
        items: items
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, i)| i.clone())
            .collect(),
    })
    .collect()
}

fn contacts_rate(input: &Input<'_>) -> Measure {
    let items = each(input, |r| &r.contacts)
        .filter_map(|(r, c)| {
            let received = local_date(c.received_at);
            input
                .window
                .contains(received)
                .then(|| item(r, Some(&c.id), received, "contact received"))
        })
        .collect();
    Measure::per_ten_thousand(items, input.population.on(input.window.to))
}

/// Referrals dated in the window, with their child.
fn referrals_in_window<'a>(
    input: &Input<'a>,
) -> impl Iterator<Item = (&'a ChildRecord, &'a crate::referral::Referral)> {
    let window = input.window;
    each(input, |r| &r.referrals).filter(move |(_, x)| window.contains(x.referral_date))
}

fn referrals_rate(input: &Input<'_>) -> Measure {
    let items = referrals_in_window(input)
        .map(|(r, x)| item(r, Some(&x.id), x.referral_date, "referral"))
        .collect();
    Measure::per_ten_thousand(items, input.population.on(input.window.to))
}

/// A share: the items marked `true` among all the items.
fn share(items: impl IntoIterator<Item = (bool, Item)>) -> Measure {
    let (mut hits, mut all) = (Vec::new(), Vec::new());
    for (hit, i) in items {
        if hit {
            hits.push(i.clone());
        }
        all.push(i);
    }
    Measure::percent(hits, all)
}

fn contact_decided_1wd(input: &Input<'_>) -> Measure {
    share(each(input, |r| &r.contacts).filter_map(|(r, c)| {
        let received = local_date(c.received_at);
        if !input.window.contains(received) {
            return None;
        }
        let due = input.calendar.add_working_days(received, 1);
        let Some(decided) = c.decided_at.map(local_date) else {
            // Still open: late once its day has gone by; otherwise not yet judged.
            let late = format!("not decided (due {due})");
            return (due < input.window.to).then(|| (false, item(r, Some(&c.id), received, late)));
        };
        let taken = input.calendar.working_days_between(received, decided);
        let detail = format!("decided {decided} (due {due})");
        let i = item(r, Some(&c.id), received, detail).with_value(f64::from(taken));
        Some((decided <= due, i))
    }))
}

fn re_referrals(input: &Input<'_>) -> Measure {
    share(referrals_in_window(input).map(|(r, x)| {
        let previous = r
            .referrals
            .iter()
            .map(|p| p.referral_date)
            .filter(|d| *d < x.referral_date)
            .max();
        let detail = previous.map_or_else(
            || "referral (no previous referral)".to_owned(),
            |p| format!("referral (previous {p})"),
        );
        let again = previous.is_some_and(|p| x.referral_date <= add_months(p, 12));
        (again, item(r, Some(&x.id), x.referral_date, detail))
    }))
}

fn referrals_nfa(input: &Input<'_>) -> Measure {
    share(referrals_in_window(input).map(|(r, x)| {
        let detail = if x.no_further_action {
            "referral: no further action"
        } else {
            "referral"
        };
        let i = item(r, Some(&x.id), x.referral_date, detail);
        (x.no_further_action, i)
    }))
}

/// Working-day bands for assessments (ChAT, shared/domain.md §6).
const ASSESSMENT_BANDS: [(&str, Option<f64>, Option<f64>); 9] = [
    ("0 working days", Some(0.0), Some(0.0)),
    ("1–10 working days", Some(1.0), Some(10.0)),
    ("11–20 working days", Some(11.0), Some(20.0)),
    ("21–30 working days", Some(21.0), Some(30.0)),
    ("31–40 working days", Some(31.0), Some(40.0)),
    ("41–45 working days", Some(41.0), Some(45.0)),
    ("46–50 working days", Some(46.0), Some(50.0)),
    ("51–60 working days", Some(51.0), Some(60.0)),
    ("61 working days or more", Some(61.0), None),
];

/// Working-day bands for initial conferences (ChAT, shared/domain.md §6).
const ICPC_BANDS: [(&str, Option<f64>, Option<f64>); 8] = [
    ("0 working days", Some(0.0), Some(0.0)),
    ("1–5 working days", Some(1.0), Some(5.0)),
    ("6–10 working days", Some(6.0), Some(10.0)),
    ("11–13 working days", Some(11.0), Some(13.0)),
    ("14–15 working days", Some(14.0), Some(15.0)),
    ("16–17 working days", Some(16.0), Some(17.0)),
    ("18–20 working days", Some(18.0), Some(20.0)),
    ("21 working days or more", Some(21.0), None),
];

/// The share of `items` (valued in working days) that took at most `limit`, banded.
fn within_working_days(
    items: Vec<Item>,
    limit: f64,
    bands: &[(&str, Option<f64>, Option<f64>)],
) -> Measure {
    let bands = banded(&items, bands);
    share(
        items
            .into_iter()
            .map(|i| (i.value.is_some_and(|v| v <= limit), i)),
    )
    .with_bands(bands)
}

fn assessments_45wd(input: &Input<'_>) -> Measure {
    let items = each(input, |r| &r.assessments)
        .filter_map(|(r, a)| {
            let done = a.authorised_date.filter(|d| input.window.contains(*d))?;
            let taken = input.calendar.working_days_between(a.start_date, done);
            let detail = format!("assessment started {}, authorised {done}", a.start_date);
            Some(item(r, Some(&a.id), done, detail).with_value(f64::from(taken)))
        })
        .collect();
    within_working_days(items, 45.0, &ASSESSMENT_BANDS)
}

fn s47_to_icpc(input: &Input<'_>) -> Measure {
    share(
        each(input, |r| &r.section_47_enquiries).filter_map(|(r, s)| {
            let end = s.end_date.filter(|d| input.window.contains(*d))?;
            let outcome = s.outcome.map_or("no outcome recorded", |o| o.label());
            let i = item(
                r,
                Some(&s.id),
                end,
                format!("section 47 enquiry: {outcome}"),
            );
            Some((s.outcome == Some(Section47Outcome::InitialConference), i))
        }),
    )
}

fn icpc_15wd(input: &Input<'_>) -> Measure {
    let items = each(input, |r| &r.section_47_enquiries)
        .filter_map(|(r, s)| {
            let first = r
                .conferences
                .iter()
                .filter(|c| {
                    c.kind == ConferenceKind::Initial
                        && !c.transfer_in
                        && c.section_47_id.as_ref() == Some(&s.id)
                })
                .min_by_key(|c| c.date)
                .filter(|c| input.window.contains(c.date))?;
            let taken = input
                .calendar
                .working_days_between(s.start_date, first.date);
            let detail = format!("initial conference (enquiry started {})", s.start_date);
            Some(item(r, Some(&first.id), first.date, detail).with_value(f64::from(taken)))
        })
        .collect();
    within_working_days(items, 15.0, &ICPC_BANDS)
}

fn cp_started(input: &Input<'_>) -> Measure {
    let plans: Vec<(CategoryOfAbuse, Item)> = each(input, |r| &r.cp_plans)
        .filter(|(_, p)| input.window.contains(p.start_date))
        .map(|(r, p)| {
            let detail = format!("plan started: {}", p.initial_category.label());
            (
                p.initial_category,
                item(r, Some(&p.id), p.start_date, detail),
            )
        })
        .collect();
    let bands = keyed_bands(&plans, CategoryOfAbuse::ALL.iter().map(|c| (c.label(), *c)));
    Measure::count(plans.into_iter().map(|(_, i)| i).collect()).with_bands(bands)
}

fn cp_ended(input: &Input<'_>) -> Measure {
    let items = each(input, |r| &r.cp_plans)
        .filter_map(|(r, p)| {
            let end = p.end_date.filter(|d| input.window.contains(*d))?;
            let detail = format!("plan ended (started {})", p.start_date);
            Some(item(r, Some(&p.id), end, detail))
        })
        .collect();
    Measure::count(items)
}

fn cp_second(input: &Input<'_>) -> Measure {
    share(
        each(input, |r| &r.cp_plans)
            .filter(|(_, p)| input.window.contains(p.start_date))
            .map(|(r, p)| {
                let earlier = r
                    .cp_plans
                    .iter()
                    .filter(|q| q.start_date < p.start_date)
                    .count();
                let detail = format!("plan started ({earlier} earlier)");
                (earlier > 0, item(r, Some(&p.id), p.start_date, detail))
            }),
    )
}

fn cp_2_years(input: &Input<'_>) -> Measure {
    let ended: Vec<(Date, Date, Item)> = each(input, |r| &r.cp_plans)
        .filter_map(|(r, p)| {
            let end = p.end_date.filter(|d| input.window.contains(*d))?;
            let detail = format!("plan {} to {end}", p.start_date);
            let i = item(r, Some(&p.id), end, detail).with_value(days(p.start_date, end));
            Some((p.start_date, end, i))
        })
        .collect();
    let bands = duration_bands(&ended);
    share(
        ended
            .into_iter()
            .map(|(start, end, i)| (add_months(start, 24) <= end, i)),
    )
    .with_bands(bands)
}

fn cp_seen_6_weeks(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let children: Vec<(bool, Item)> = input
        .records
        .iter()
        .filter_map(|r| {
            // A child counts once, by the latest plan open that day.
            let plan = r
                .cp_plans
                .iter()
                .filter(|p| p.is_open_on(on))
                .max_by_key(|p| p.start_date)?;
            let last = r
                .visits
                .iter()
                .filter(|v| v.seen && plan.start_date <= v.date && v.date <= on)
                .map(|v| v.date)
                .max();
            Some(match last {
                Some(last) => {
                    let since = days(last, on);
                    let detail = format!("last seen {last}");
                    (
                        since <= 42.0,
                        item(r, Some(&plan.id), on, detail).with_value(since),
                    )
                }
                // No value: these go in a band of their own.
                None => {
                    let detail = format!("not seen since the plan began {}", plan.start_date);
                    (false, item(r, Some(&plan.id), on, detail))
                }
            })
        })
        .collect();
    let items: Vec<Item> = children.iter().map(|(_, i)| i.clone()).collect();
    let mut bands = banded(
        &items,
        &[
            ("0–6 weeks", Some(0.0), Some(42.0)),
            ("Over 6 to 12 weeks", Some(43.0), Some(84.0)),
            ("Over 12 to 18 weeks", Some(85.0), Some(126.0)),
            ("Over 18 weeks", Some(127.0), None),
        ],
    );
    bands.push(Band {
        label: "Not seen since the plan began".to_owned(),
        items: items.into_iter().filter(|i| i.value.is_none()).collect(),
    });
    share(children).with_bands(bands)
}

fn cp_seen_alone(input: &Input<'_>) -> Measure {
    share(
        each(input, |r| &r.visits)
            .filter(|(r, v)| {
                v.kind == VisitKind::ChildProtection
                    && v.seen
                    && input.window.contains(v.date)
                    && r.child.age_on(v.date).is_some_and(|age| age >= 4)
            })
            .map(|(r, v)| {
                let detail = if v.seen_alone {
                    "child protection visit: seen alone"
                } else {
                    "child protection visit: seen, not alone"
                };
                (v.seen_alone, item(r, Some(&v.id), v.date, detail))
            }),
    )
}

fn cp_reviews_on_time(input: &Input<'_>) -> Measure {
    let mut held = Vec::new();
    for (r, p) in each(input, |r| &r.cp_plans) {
        // The plan's reviews as the clock CP-REVIEW reads them.
        let mut reviews: Vec<_> = r
            .conferences
            .iter()
            .filter(|c| {
                c.kind == ConferenceKind::Review
                    && c.cp_plan_id.as_ref() == Some(&p.id)
                    && c.date >= p.start_date
            })
            .collect();
        reviews.sort_by_key(|c| c.date);
        // Each review is due a step after the one before it, the first after the start.
        let mut due = add_months(p.start_date, 3);
        for (n, c) in reviews.into_iter().enumerate() {
            if input.window.contains(c.date) {
                let detail = format!("review {} held {}, due {due}", n + 1, c.date);
                held.push((c.date <= due, item(r, Some(&c.id), c.date, detail)));
            }
            due = add_months(c.date, 6);
        }
    }
    share(held)
}

/// Episodes of need closed in the window, with their child and closure date.
fn closed_in_window<'a>(
    input: &Input<'a>,
) -> impl Iterator<Item = (&'a ChildRecord, &'a crate::referral::Referral, Date)> {
    let window = input.window;
    each(input, |r| &r.referrals).filter_map(move |(r, x)| {
        let closed = x.closure_date.filter(|d| window.contains(*d))?;
        Some((r, x, closed))
    })
}

fn cin_duration(input: &Input<'_>) -> Measure {
    let closed: Vec<(Date, Date, Item)> = closed_in_window(input)
        .map(|(r, x, closed)| {
            let i = item(
                r,
                Some(&x.id),
                closed,
                format!("episode {} to {closed}", x.referral_date),
            )
            .with_value(days(x.referral_date, closed));
            (x.referral_date, closed, i)
        })
        .collect();
    let bands = duration_bands(&closed);
    Measure::median(closed.into_iter().map(|(_, _, i)| i).collect()).with_bands(bands)
}

fn cin_closure_reasons(input: &Input<'_>) -> Measure {
    let closed: Vec<(Option<ReasonForClosure>, Item)> = closed_in_window(input)
        .map(|(r, x, closed)| {
            let reason = x.closure_reason.map_or("no reason recorded", |c| c.code());
            let i = item(r, Some(&x.id), closed, format!("episode closed: {reason}"));
            (x.closure_reason, i)
        })
        .collect();
    let bands = keyed_bands(
        &closed,
        ReasonForClosure::ALL
            .iter()
            .map(|c| (c.label(), Some(*c)))
            .chain([("No reason recorded", None)]),
    );
    Measure::count(closed.into_iter().map(|(_, i)| i).collect()).with_bands(bands)
}

#[cfg(test)]
#[path = "tests_help.rs"]
mod tests;
