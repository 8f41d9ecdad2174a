//! Care leavers: whether the authority is in touch, where they live and what they do,
//! whether they have a personal adviser and an up-to-date pathway plan (ILACS: the
//! experiences and progress of care leavers; SSDA903 OC3).

use std::ops::RangeInclusive;

use super::children_in_care::{add_months, months_before};
use super::{Area, Better, Indicator, Input, Measure, item};
use crate::ChildRecord;
use crate::care_leaver::{CareLeaver, CareLeaverContact};
use crate::codes::{AllocationRole, CareLeaverInTouch};

/// Care leavers the authority is in touch with.
pub const IN_TOUCH: Indicator = Indicator {
    id: "CL-IN-TOUCH",
    area: Area::CareLeavers,
    title: "Care leavers in touch",
    definition: "Care leavers aged 17 to 21 on the last day of the window with leaving-care entitlement open that day (any eligibility category), whose latest contact in the window records that the authority is in touch (903 IN_TOUCH YES). Those with no contact in the window count in the denominator as not known to be in touch",
    source: "SSDA903 OC3 IN_TOUCH; D2I PATCH-ER (care leavers in touch, 17-18 and 19-21)",
    better: Better::Higher,
    compute: in_touch,
};

/// Care leavers in suitable accommodation.
pub const SUITABLE_ACCOMMODATION: Indicator = Indicator {
    id: "CL-SUITABLE-ACCOMMODATION",
    area: Area::CareLeavers,
    title: "Care leavers in suitable accommodation",
    definition: "Care leavers aged 19 to 21 on the last day of the window with leaving-care entitlement open that day, whose latest contact in the window records their accommodation as suitable (903 ACCOM digit 1). Those with no contact in the window, or whose latest contact records no accommodation, count in the denominator as not known to be suitable",
    source: "SSDA903 OC3 ACCOM; EES Children looked after in England (care leavers aged 19 to 21 in suitable accommodation)",
    better: Better::Higher,
    compute: suitable_accommodation,
};

/// Care leavers in education, employment or training.
pub const EET: Indicator = Indicator {
    id: "CL-EET",
    area: Area::CareLeavers,
    title: "Care leavers in education, employment or training",
    definition: "Care leavers aged 19 to 21 on the last day of the window with leaving-care entitlement open that day, whose latest contact in the window records education, employment or training (903 ACTIV F1, P1, F2, P2, F4, P4, F5, P5; the NEET codes G4, G5 and G6 are not). Those with no contact in the window, or no activity recorded, count in the denominator as not known to be in education, employment or training",
    source: "SSDA903 OC3 ACTIV; EES Children looked after in England (care leavers in education, employment or training); D2I PATCH-ER",
    better: Better::Higher,
    compute: eet,
};

/// Care leavers with a personal adviser.
pub const HAS_PA: Indicator = Indicator {
    id: "CL-HAS-PA",
    area: Area::CareLeavers,
    title: "Care leavers with a personal adviser",
    definition: "Young people with leaving-care entitlement open on the last day of the window who have a personal adviser that day: named on the leaving-care record, or a personal-adviser allocation open that day to a named worker (an allocation held on duty with no named worker does not count)",
    source: "Children Act 1989 s23D (personal advisers); Care Leavers (England) Regulations 2010; Ofsted ILACS Annex A list 9 (personal adviser)",
    better: Better::Higher,
    compute: has_pa,
};

/// Pathway plans reviewed in the last six months.
pub const PATHWAY_PLAN_IN_DATE: Indicator = Indicator {
    id: "CL-PATHWAY-PLAN-IN-DATE",
    area: Area::CareLeavers,
    title: "Pathway plans in date",
    definition: "Young people with leaving-care entitlement open on the last day of the window who became entitled at least 6 months before it, whose latest pathway plan review on or before that day plus 6 months is on or after that day (the next review is not yet overdue)",
    source: "Care Leavers (England) Regulations 2010, reg 7 (pathway plan reviewed at least every 6 months); domain T-CL-PPR; Ofsted ILACS Annex A list 9 (pathway plan date)",
    better: Better::Higher,
    compute: pathway_plan_in_date,
};

/// This area's indicators.
pub static INDICATORS: &[Indicator] = &[
    IN_TOUCH,
    SUITABLE_ACCOMMODATION,
    EET,
    HAS_PA,
    PATHWAY_PLAN_IN_DATE,
];

/// Each young person with leaving-care entitlement open on the last day of the
/// window, with that entitlement (the latest, if more than one is open).
fn open_on_last_day<'a>(
    input: &Input<'a>,
) -> impl Iterator<Item = (&'a ChildRecord, &'a CareLeaver)> {
    let on = input.window.to;
    input.records.iter().filter_map(move |r| {
        r.care_leaver
            .iter()
            .filter(|c| c.is_open_on(on))
            .max_by_key(|c| c.eligible_from)
            .map(|c| (r, c))
    })
}

/// Care leavers of `ages` on the last day of the window, and those whose latest
/// contact in the window passes `test`.
fn by_latest_contact(
    input: &Input<'_>,
    ages: RangeInclusive<i16>,
    test: fn(&CareLeaverContact) -> bool,
    what: &str,
) -> Measure {
    let (w, on) = (input.window, input.window.to);
    let mut all = Vec::new();
    let mut yes = Vec::new();
    for (r, c) in open_on_last_day(input) {
        let Some(age) = r.child.age_on(on).filter(|a| ages.contains(a)) else {
            continue;
        };
        // The latest contact; on a day with two, the later-recorded id.
        let latest = r
            .care_leaver_contacts
            .iter()
            .filter(|x| w.contains(x.date))
            .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        if let Some(x) = latest.filter(|x| test(x)) {
            yes.push(item(
                r,
                Some(&x.id),
                on,
                format!("aged {age}: {what} at contact on {}", x.date),
            ));
        }
        let detail = latest.map_or_else(
            || format!("aged {age}: no contact in the window"),
            |x| format!("aged {age}: latest contact {}", x.date),
        );
        all.push(item(r, Some(&c.id), on, detail));
    }
    Measure::percent(yes, all)
}

fn in_touch(input: &Input<'_>) -> Measure {
    by_latest_contact(
        input,
        17..=21,
        |x| x.in_touch == CareLeaverInTouch::Yes,
        "in touch",
    )
}

fn suitable_accommodation(input: &Input<'_>) -> Measure {
    by_latest_contact(
        input,
        19..=21,
        |x| x.accommodation_suitable == Some(true),
        "suitable accommodation",
    )
}

fn eet(input: &Input<'_>) -> Measure {
    by_latest_contact(
        input,
        19..=21,
        |x| {
            x.activity
                .is_some_and(|a| a.is_in_education_employment_or_training())
        },
        "in education, employment or training",
    )
}

fn has_pa(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let mut all = Vec::new();
    let mut with = Vec::new();
    for (r, c) in open_on_last_day(input) {
        let allocated = r
            .allocation_on(AllocationRole::PersonalAdviser, on)
            .filter(|a| a.worker_id.is_some());
        let detail = if c.personal_adviser_id.is_some() {
            Some("personal adviser named on the leaving-care record")
        } else if allocated.is_some() {
            Some("personal adviser allocated")
        } else {
            None
        };
        if let Some(detail) = detail {
            let record = allocated
                .filter(|_| c.personal_adviser_id.is_none())
                .map_or(&c.id, |a| &a.id);
            with.push(item(r, Some(record), on, detail));
        }
        all.push(item(r, Some(&c.id), on, "leaving-care entitlement open"));
    }
    Measure::percent(with, all)
}

fn pathway_plan_in_date(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let since = months_before(on, 6);
    let mut all = Vec::new();
    let mut in_date = Vec::new();
    for (r, c) in open_on_last_day(input).filter(|(_, c)| c.eligible_from <= since) {
        let last = r
            .pathway_plan_reviews
            .iter()
            .filter(|p| p.date <= on)
            .max_by_key(|p| p.date);
        if let Some(p) = last.filter(|p| add_months(p.date, 6) >= on) {
            in_date.push(item(r, Some(&p.id), on, format!("reviewed {}", p.date)));
        }
        all.push(item(
            r,
            Some(&c.id),
            on,
            format!("entitled since {}", c.eligible_from),
        ));
    }
    Measure::percent(in_date, all)
}

#[cfg(test)]
#[path = "tests_cl.rs"]
mod tests;
