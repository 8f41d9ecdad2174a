//! Children in care: how many, how they came and left, how settled their homes are,
//! whether reviews, visits, health checks and education plans are on time, missing
//! episodes and return interviews, and how long adoption takes (ILACS: the experiences
//! and progress of children in care). Definitions follow the SSDA903 return and the
//! published measure each names.

use jiff::civil::Date;
use jiff::{SignedDuration, Span, Timestamp};

use super::{Area, Band, Better, Indicator, Input, Item, Measure, Window, banded, item};
use crate::clocks::{Clock, ClockSettings, ClockState, clocks_for};
use crate::codes::{
    HealthCheckKind, HealthCheckStatus, LegalStatus, PermanenceOrder, ReasonNewEpisode, VisitKind,
};
use crate::looked_after::{CareEpisode, PeriodOfCare, legal_status_only, placements};
use crate::missing::MissingEpisode;
use crate::permanence::Permanence;
use crate::{ChildRecord, local_date};

/// Children looked after per 10,000 children.
pub const RATE: Indicator = Indicator {
    id: "CIC-RATE",
    area: Area::ChildrenInCare,
    title: "Children looked after per 10,000",
    definition: concat!(
        "Children looked after on the last day of the window (a period of care started on or before that day and not ended by it; a period ending that day does not count), each counted once, ",
        per_ten_thousand_children!()
    ),
    source: "EES Children looked after in England (SSDA903 Episodes: looked after at 31 March); ONS mid-year population estimates aged 0 to 17",
    better: Better::Neither,
    compute: rate,
};

/// Periods of care starting in the window.
pub const STARTED: Indicator = Indicator {
    id: "CIC-STARTED",
    area: Area::ChildrenInCare,
    title: "Periods of care started",
    definition: "Periods of care whose start date falls in the window (first and last day included). A child who comes into care twice in the window counts twice",
    source: "SSDA903 Episodes (DECOM of episodes with RNE S); EES Children looked after in England (children starting to be looked after)",
    better: Better::Neither,
    compute: started,
};

/// Periods of care ending in the window.
pub const CEASED: Indicator = Indicator {
    id: "CIC-CEASED",
    area: Area::ChildrenInCare,
    title: "Periods of care ended",
    definition: "Periods of care whose end date falls in the window (first and last day included). A child who leaves care twice in the window counts twice",
    source: "SSDA903 Episodes (DEC and REC of the last episode of a period); EES Children looked after in England (children ceasing to be looked after)",
    better: Better::Neither,
    compute: ceased,
};

/// Children looked after by legal status.
pub const LEGAL_STATUS: Indicator = Indicator {
    id: "CIC-LEGAL-STATUS",
    area: Area::ChildrenInCare,
    title: "Children looked after by legal status",
    definition: "Children looked after on the last day of the window, banded by the legal status of their 903 episode current that day (the latest episode of the open period of care starting on or before it); one band per legal status present, in the official code order. Children with no episode recorded are counted in a band 'No legal status recorded'",
    source: "SSDA903 Episodes LS; EES Children looked after in England (legal status at 31 March)",
    better: Better::Neither,
    compute: legal_status,
};

/// Children with three or more placements in a year.
pub const SHORT_STABILITY: Indicator = Indicator {
    id: "CIC-SHORT-STABILITY",
    area: Area::ChildrenInCare,
    title: "Children with 3 or more placements in 12 months",
    definition: "Children looked after on the last day of the window who had 3 or more placements during the 12 months to that day (from the day after the same date a year earlier), among all children looked after that day. A placement is a 903 episode that does not only change the legal status (RNE L continues the placement); temporary placements (T0-T4) are not counted, so the return from one counts as a new placement as the 903 records it. A placement counts if the child lived in it on any day of the 12 months: the one current on the first day counts, one left on the first day does not. Placements in every period of care in the 12 months count. Banded by number of placements",
    source: "SSDA903 Episodes (RNE, PLACE); EES Children looked after in England, stability measures (formerly NI 62); D2I PATCH-ER (short-term stability)",
    better: Better::Lower,
    compute: short_stability,
};

/// Long-term stability: children long in care living in the same placement.
pub const LONG_STABILITY: Indicator = Indicator {
    id: "CIC-LONG-STABILITY",
    area: Area::ChildrenInCare,
    title: "Children long in care in the same placement for 2 years",
    definition: "Children looked after on the last day of the window, aged under 16 that day, whose period of care started at least 2.5 years (30 months) before it, who have lived in the same placement for at least 2 years (it started on or before the same date two years earlier). A placement continues through 903 episodes that change only the legal status (RNE L) or the placement but not the carer (RNE T, U: as when foster carers go on to adopt, which EES counts as one placement), and through temporary placements (T0-T4)",
    source: "EES Children looked after in England, stability measures 2024 (under 16, looked after 2.5 years or more, same placement 2 years or more; formerly NI 63); SSDA903 Episodes",
    better: Better::Higher,
    compute: long_stability,
};

/// Children placed outside the authority's area.
pub const OUT_OF_AREA: Indicator = Indicator {
    id: "CIC-OUT-OF-AREA",
    area: Area::ChildrenInCare,
    title: "Children placed outside the authority's area",
    definition: "Children looked after on the last day of the window whose placement that day is outside the authority's area (903 episode not in area), among children looked after that day with a placement recorded. While a child is in a temporary placement (T0-T4) their usual placement before it is used. The distance from home is CIC-OVER-20-MILES",
    source: "SSDA903 Episodes (PL_POST, HOME_POST, placement location); EES 'Children looked after: a focus on placement location' (outside the LA boundary; more than 20 miles from home)",
    better: Better::Lower,
    compute: out_of_area,
};

/// Children placed more than 20 miles from home.
pub const OVER_20_MILES: Indicator = Indicator {
    id: "CIC-OVER-20-MILES",
    area: Area::ChildrenInCare,
    title: "Children placed more than 20 miles from home",
    definition: "Children looked after on the last day of the window whose placement that day is more than 20 miles from home, among children looked after that day whose distance can be measured. The distance is the straight line between the centroids of the home and placement postcodes on the 903 episode (HOME_POST, PL_POST), each postcode placed by its own centroid, else its postcode sector's, else its district's (the list says which), to a tenth of a mile: exactly 20.0 miles is not more than 20. While a child is in a temporary placement (T0-T4) their usual placement before it is used. Children looked after under an agreed series of short breaks (V3, V4) are left out, as EES leaves them out. Excluded from both counts, and listed in the band 'Distance unknown' with the reason: children with no placement recorded, with the home or placement postcode missing, or with a postcode for which no centroid is held (import the ONS Postcode Directory with `caseline postcodes import`). EES gives its share of all children, the unknown included; this is the share of those measured",
    source: "SSDA903 Episodes (HOME_POST, PL_POST); EES 'Children looked after: a focus on placement location' (placed over 20 miles from home; distance not known or not recorded shown apart); ONS Postcode Directory (oseast1m, osnrth1m)",
    better: Better::Lower,
    compute: over_20_miles,
};

/// Looked-after reviews held on time.
pub const REVIEWS_ON_TIME: Indicator = Indicator {
    id: "CIC-REVIEWS-ON-TIME",
    area: Area::ChildrenInCare,
    title: "Looked-after reviews held on time",
    definition: "Looked-after reviews held in the window that were on time, among all reviews held in the window: the first within 20 working days of the period of care starting, the second within 3 months of the first, each later one within 6 months of the one before (the LAC-REVIEW clock)",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33; SSDA903 Reviews; domain T-CLA-R",
    better: Better::Higher,
    compute: reviews_on_time,
};

/// Statutory visits made on time.
pub const VISITS_ON_TIME: Indicator = Indicator {
    id: "CIC-VISITS-ON-TIME",
    area: Area::ChildrenInCare,
    title: "Statutory visits made on time",
    definition: "Statutory visits to looked-after children due in the window (LAC-VISIT clocks, every paragraph of reg 28, whose due date falls in the window) that were made on or before the due date, among all due in the window. A visit due on the last day and not yet made counts as not on time. Each visit falls due a set time after the one before, so a visit never made counts once and the next falls due only after it is made",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28; domain T-CLA-V1, T-CLA-V2",
    better: Better::Higher,
    compute: visits_on_time,
};

/// Health assessments in date.
pub const HEALTH_IN_DATE: Indicator = Indicator {
    id: "CIC-HEALTH-IN-DATE",
    area: Area::ChildrenInCare,
    title: "Health assessments in date",
    definition: "Children looked after on the last day of the window whose period of care started at least 12 months before it, whose last completed health assessment (initial or review) on or before that day is in date: its date plus 6 months (under 5 on that day) or plus 12 months (5 or over) is on or after that day, i.e. the next one is not yet overdue",
    source: "SSDA903 OC2 HEALTH_CHECK; Promoting the health and well-being of looked-after children (DfE/DHSC 2015); domain T-CLA-HA; D2I PATCH-ER (which uses 6 months at every age: a bug not copied)",
    better: Better::Higher,
    compute: health_in_date,
};

/// Dental checks in date.
pub const DENTAL_IN_DATE: Indicator = Indicator {
    id: "CIC-DENTAL-IN-DATE",
    area: Area::ChildrenInCare,
    title: "Dental checks in date",
    definition: "Children looked after on the last day of the window whose period of care started at least 12 months before it, whose last completed dental check on or before that day plus 12 months is on or after that day",
    source: "SSDA903 OC2 TEETH_CHECK; D2I PATCH-ER (dental check within 12 months)",
    better: Better::Higher,
    compute: dental_in_date,
};

/// Personal education plans in date.
pub const PEP_IN_DATE: Indicator = Indicator {
    id: "CIC-PEP-IN-DATE",
    area: Area::ChildrenInCare,
    title: "Personal education plans in date",
    definition: "Children looked after on the last day of the window and aged 4 to 15 that day (an approximation of compulsory school age, which runs from the term after the 5th birthday to the end of the school year of the 16th), with a PEP dated on or before that day whose date plus 6 months is on or after it (a review each term, approximated as one within the last two terms)",
    source: "DfE statutory guidance 'Promoting the education of looked-after children and previously looked-after children' (2018): PEP reviewed each term; domain T-CLA-PEP",
    better: Better::Higher,
    compute: pep_in_date,
};

/// Children who went missing from care.
pub const MISSING: Indicator = Indicator {
    id: "CIC-MISSING",
    area: Area::ChildrenInCare,
    title: "Children who went missing from care",
    definition: "Children looked after on at least one day of the window who had at least one missing (or away) episode starting in the window (its start's date in England) on a day they were looked after, among all children looked after on at least one day of the window",
    source: "SSDA903 Missing (MISSING, MIS_START); D2I PATCH-ER (% with at least one missing episode)",
    better: Better::Lower,
    compute: missing,
};

/// Return home interviews offered.
pub const RHI_OFFERED: Indicator = Indicator {
    id: "CIC-RHI-OFFERED",
    area: Area::ChildrenInCare,
    title: "Return home interviews offered",
    definition: "Returns from a missing episode in the window (the date in England of the return), from episodes that began while the child was looked after, where a return home interview was recorded as offered; an offer not recorded counts as not offered",
    source: "DfE statutory guidance on children who run away or go missing from home or care (2014); domain T-MISS-1; D2I PATCH-ER (% offered a return interview)",
    better: Better::Higher,
    compute: rhi_offered,
};

/// Return home interviews within 72 hours.
pub const RHI_72H: Indicator = Indicator {
    id: "CIC-RHI-72H",
    area: Area::ChildrenInCare,
    title: "Return home interviews within 72 hours",
    definition: "The returns counted by CIC-RHI-OFFERED where the interview took place no later than 72 hours after the return, to the minute (exactly 72 hours is in time); a declined or never-held interview counts as not in time",
    source: "DfE statutory guidance on children who run away or go missing from home or care (2014), para 41; domain T-MISS-1 (the RHI-72H clock)",
    better: Better::Higher,
    compute: rhi_72h,
};

/// Days from entering care to moving in with the adoptive family.
pub const ADOPTION_A1: Indicator = Indicator {
    id: "CIC-ADOPTION-A1",
    area: Area::ChildrenInCare,
    title: "Days from entering care to moving in with adopters (A1/A10)",
    definition: "Mean calendar days, for children whose adoption order was made in the window, from the start of the period of care they were adopted from to the day they were placed for adoption (903 DATE_PLACED); for children adopted by their foster carers, to the day that foster placement began (the A10 rule: the start of the placement with the same carers, through 903 episodes that keep the carer). Children with no date placed recorded are left out",
    source: "Adoption scorecard A1 and A10 (DfE; ASGLB from 2021-22); SSDA903 AD1 FOSTER_CARE, PlacedAdoption DATE_PLACED; domain T-ADOPT-1",
    better: Better::Lower,
    compute: adoption_a1,
};

/// Days from placement order to match.
pub const ADOPTION_A2: Indicator = Indicator {
    id: "CIC-ADOPTION-A2",
    area: Area::ChildrenInCare,
    title: "Days from placement order to match with adopters (A2)",
    definition: "Mean calendar days, for children whose adoption order was made in the window and who had a placement order, from the placement order to the match with adopters (903 DATE_MATCH); 0 where the match came first. Children with no placement order or no match date are left out",
    source: "Adoption scorecard A2 (DfE; id.esd.org.uk/metricType/912); SSDA903 AD1 DATE_MATCH; domain T-ADOPT-1",
    better: Better::Lower,
    compute: adoption_a2,
};

/// This area's indicators.
pub static INDICATORS: &[Indicator] = &[
    RATE,
    STARTED,
    CEASED,
    LEGAL_STATUS,
    SHORT_STABILITY,
    LONG_STABILITY,
    OUT_OF_AREA,
    OVER_20_MILES,
    REVIEWS_ON_TIME,
    VISITS_ON_TIME,
    HEALTH_IN_DATE,
    DENTAL_IN_DATE,
    PEP_IN_DATE,
    MISSING,
    RHI_OFFERED,
    RHI_72H,
    ADOPTION_A1,
    ADOPTION_A2,
];

/// `d` plus `months` calendar months; a day past the month's end falls on its last
/// day (31 August + 6 months = 28 February), as the clocks count.
pub(super) fn add_months(d: Date, months: i32) -> Date {
    d.checked_add(Span::new().months(months)).unwrap_or(d)
}

/// `d` less `months` calendar months (clamped to the month's end likewise).
pub(super) fn months_before(d: Date, months: i32) -> Date {
    d.checked_sub(Span::new().months(months)).unwrap_or(d)
}

fn days(from: Date, to: Date) -> f64 {
    f64::from((to - from).get_days())
}

/// The period of care open on `on`, if the child is looked after that day.
fn period_on(r: &ChildRecord, on: Date) -> Option<&PeriodOfCare> {
    r.periods_of_care.iter().find(|p| p.is_open_on(on))
}

/// Each child looked after on the last day of the window, with that period of care.
fn looked_after_at_end<'a>(
    input: &Input<'a>,
) -> impl Iterator<Item = (&'a ChildRecord, &'a PeriodOfCare)> {
    let on = input.window.to;
    input
        .records
        .iter()
        .filter_map(move |r| period_on(r, on).map(|p| (r, p)))
}

fn rate(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let items = looked_after_at_end(input)
        .map(|(r, p)| {
            item(
                r,
                Some(&p.id),
                on,
                format!("looked after since {}", p.start_date),
            )
        })
        .collect();
    Measure::per_ten_thousand(items, input.population.on(input.window.to))
}

fn started(input: &Input<'_>) -> Measure {
    let w = input.window;
    let items = input
        .records
        .iter()
        .flat_map(|r| {
            r.periods_of_care
                .iter()
                .filter(|p| w.contains(p.start_date))
                .map(move |p| item(r, Some(&p.id), p.start_date, "started to be looked after"))
        })
        .collect();
    Measure::count(items)
}

fn ceased(input: &Input<'_>) -> Measure {
    let w = input.window;
    let mut items = Vec::new();
    for r in input.records {
        for p in &r.periods_of_care {
            let Some(end) = p.end_date.filter(|e| w.contains(*e)) else {
                continue;
            };
            // The reason is on the period's last episode (903 REC).
            let reason = r
                .care_episodes
                .iter()
                .filter(|e| e.period_id == p.id)
                .max_by_key(|e| e.start_date)
                .and_then(|e| e.reason_ceased);
            let detail = reason.map_or_else(
                || "ceased to be looked after".to_owned(),
                |x| format!("ceased to be looked after: {}", x.label()),
            );
            items.push(item(r, Some(&p.id), end, detail));
        }
    }
    Measure::count(items)
}

/// The band for children looked after with no 903 episode to give a legal status.
const NO_LEGAL_STATUS: &str = "No legal status recorded";

fn legal_status(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let mut tagged: Vec<(Option<LegalStatus>, Item)> = Vec::new();
    for (r, p) in looked_after_at_end(input) {
        let episode = r.care_episode_on(on);
        let status = episode.map(|e| e.legal_status);
        let record = episode.map_or(&p.id, |e| &e.id);
        let label = status.map_or(NO_LEGAL_STATUS, LegalStatus::label);
        tagged.push((status, item(r, Some(record), on, label)));
    }
    let band = |status: Option<LegalStatus>, label: &str| {
        let items: Vec<Item> = tagged
            .iter()
            .filter(|(s, _)| *s == status)
            .map(|(_, i)| i.clone())
            .collect();
        // Every status is listed, empty ones too, so distributions compare.
        Band {
            label: label.to_owned(),
            items,
        }
    };
    let bands = LegalStatus::ALL
        .iter()
        .map(|s| (Some(*s), s.label()))
        .chain([(None, NO_LEGAL_STATUS)])
        .map(|(s, label)| band(s, label))
        .collect();
    Measure::count(tagged.into_iter().map(|(_, i)| i).collect()).with_bands(bands)
}

/// Still living with the same carers: a legal status change (L), a change of placement
/// with the same carers (T, U), or a temporary move away (T0-T4).
fn same_carers(e: &CareEpisode) -> bool {
    matches!(
        e.reason_new_episode,
        ReasonNewEpisode::LegalStatusChangeOnly
            | ReasonNewEpisode::PlacementChangeSameCarer
            | ReasonNewEpisode::LegalStatusAndPlacementChangeSameCarer
    ) || e.placement_type.is_temporary()
}

/// The day the placement with the same carers that the child lived in on `on` began.
fn same_carers_since(r: &ChildRecord, period: &PeriodOfCare, on: Date) -> Option<Date> {
    placements(r, period, same_carers)
        .into_iter()
        .rfind(|p| p.start() <= on)
        .map(|p| p.start())
}

fn short_stability(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let from = Window::year_to(on).from;
    let mut all = Vec::new();
    for (r, p) in looked_after_at_end(input) {
        let n = r
            .periods_of_care
            .iter()
            .flat_map(|period| placements(r, period, legal_status_only))
            .filter(|pl| !pl.first.placement_type.is_temporary() && pl.overlaps(from, on))
            .count();
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        all.push(
            item(r, Some(&p.id), on, format!("{n} placements in 12 months")).with_value(n.into()),
        );
    }
    let three = all
        .iter()
        .filter(|i| i.value.is_some_and(|v| v >= 3.0))
        .cloned()
        .collect();
    let bands = banded(
        &all,
        &[
            ("1 placement", None, Some(1.0)),
            ("2 placements", Some(2.0), Some(2.0)),
            ("3 or more placements", Some(3.0), None),
        ],
    );
    Measure::percent(three, all).with_bands(bands)
}

fn long_stability(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let (in_care_since, placed_since) = (months_before(on, 30), months_before(on, 24));
    let mut all = Vec::new();
    let mut stable = Vec::new();
    for (r, p) in looked_after_at_end(input) {
        if r.child.age_on(on).is_none_or(|a| a >= 16) || p.start_date > in_care_since {
            continue;
        }
        let since = same_carers_since(r, p, on);
        let detail = since.map_or_else(
            || "no placement recorded".to_owned(),
            |s| format!("in the same placement since {s}"),
        );
        let i = item(r, Some(&p.id), on, detail);
        if since.is_some_and(|s| s <= placed_since) {
            stable.push(i.clone());
        }
        all.push(i);
    }
    Measure::percent(stable, all)
}

/// The 903 episode of the child's usual placement on `on` in `period`: the latest
/// begun by then that is not temporary, since a holiday or hospital stay (T0-T4) says
/// nothing about where the child lives.
fn usual_placement<'a>(
    r: &'a ChildRecord,
    period: &PeriodOfCare,
    on: Date,
) -> Option<&'a CareEpisode> {
    r.care_episodes
        .iter()
        .filter(|e| {
            e.period_id == period.id && e.start_date <= on && !e.placement_type.is_temporary()
        })
        .max_by_key(|e| e.start_date)
}

fn out_of_area(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let mut all = Vec::new();
    let mut away = Vec::new();
    for (r, p) in looked_after_at_end(input) {
        let Some(e) = usual_placement(r, p, on) else {
            continue;
        };
        let located = if e.in_area { "in area" } else { "out of area" };
        let i = item(
            r,
            Some(&e.id),
            on,
            format!("{} ({located})", e.placement_type.code()),
        );
        if !e.in_area {
            away.push(i.clone());
        }
        all.push(i);
    }
    Measure::percent(away, all)
}

/// More than this many miles from home counts as far (EES placement location).
const FAR_MILES: f64 = 20.0;

/// The band of children whose distance from home cannot be measured.
const DISTANCE_UNKNOWN: &str = "Distance unknown";

/// How far the child's usual placement on `on` is from home, or why that is unknown.
fn distance_from_home(
    input: &Input<'_>,
    e: &CareEpisode,
) -> Result<crate::geography::Distance, &'static str> {
    use crate::geography::Unmeasured;
    let home = e
        .home_postcode
        .as_ref()
        .ok_or("no home postcode recorded")?;
    let placed = e
        .placement_postcode
        .as_ref()
        .ok_or("no placement postcode recorded")?;
    input
        .centroids
        .distance(home, placed)
        .map_err(|why| match why {
            Unmeasured::FromNotLocated => "no centroid held for the home postcode",
            Unmeasured::ToNotLocated => "no centroid held for the placement postcode",
        })
}

fn over_20_miles(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let (mut measured, mut near, mut far, mut unknown) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (r, p) in looked_after_at_end(input) {
        let short_breaks = r.care_episode_on(on).is_some_and(|e| {
            matches!(
                e.legal_status,
                LegalStatus::ShortBreaksEpisodesRecorded
                    | LegalStatus::ShortBreaksAgreementsRecorded
            )
        });
        if short_breaks {
            continue;
        }
        let Some(e) = usual_placement(r, p, on) else {
            unknown.push(item(r, Some(&p.id), on, "no placement recorded"));
            continue;
        };
        match distance_from_home(input, e) {
            Ok(d) => {
                let detail = format!(
                    "{} {:.1} miles from home (home placed by {}, placement by {})",
                    e.placement_type.code(),
                    d.miles,
                    d.from.code(),
                    d.to.code()
                );
                let i = item(r, Some(&e.id), on, detail).with_value(d.miles);
                if d.miles > FAR_MILES {
                    far.push(i.clone());
                } else {
                    near.push(i.clone());
                }
                measured.push(i);
            }
            Err(why) => unknown.push(item(r, Some(&e.id), on, why)),
        }
    }
    let bands = vec![
        Band {
            label: "20 miles or less".to_owned(),
            items: near,
        },
        Band {
            label: "More than 20 miles".to_owned(),
            items: far.clone(),
        },
        Band {
            label: DISTANCE_UNKNOWN.to_owned(),
            items: unknown,
        },
    ];
    Measure::percent(far, measured).with_bands(bands)
}

/// The clocks of a child who has been in care, as they stand at the end of the window.
fn care_clocks(input: &Input<'_>, r: &ChildRecord) -> Vec<Clock> {
    if r.periods_of_care.is_empty() {
        return Vec::new();
    }
    let to = input.window.to;
    clocks_for(
        r,
        to,
        end_of_day(to),
        input.calendar,
        ClockSettings::default(),
    )
}

/// The last moment of `d` in England.
fn end_of_day(d: Date) -> Timestamp {
    let tz = jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC);
    d.tomorrow()
        .ok()
        .and_then(|t| t.to_zoned_datetime(tz).ok())
        .map_or(Timestamp::MAX, |z| {
            z.timestamp()
                .checked_sub(SignedDuration::from_secs(1))
                .unwrap_or(Timestamp::MAX)
        })
}

fn reviews_on_time(input: &Input<'_>) -> Measure {
    let w = input.window;
    let mut held = Vec::new();
    let mut on_time = Vec::new();
    for r in input.records {
        for c in care_clocks(input, r) {
            let Some(met) = c
                .met
                .filter(|m| c.rule.id == "LAC-REVIEW" && w.contains(*m))
            else {
                continue;
            };
            // The clock belongs to the period of care; name the review itself.
            let review = r
                .looked_after_reviews
                .iter()
                .find(|v| v.period_id == c.record_id && v.date == met);
            let i = item(
                r,
                Some(review.map_or(&c.record_id, |v| &v.id)),
                met,
                format!("review {} due {}, held {met}", c.occurrence, c.due.date()),
            );
            if c.state == ClockState::MetOnTime {
                on_time.push(i.clone());
            }
            held.push(i);
        }
    }
    Measure::percent(on_time, held)
}

fn visits_on_time(input: &Input<'_>) -> Measure {
    let w = input.window;
    let mut due = Vec::new();
    let mut on_time = Vec::new();
    for r in input.records {
        for c in care_clocks(input, r) {
            let by = c.due.date();
            if !c.rule.id.starts_with("LAC-VISIT") || !w.contains(by) {
                continue;
            }
            // Name the visit where one was made, else the placement it was due in.
            let visit = c.met.and_then(|m| {
                r.visits
                    .iter()
                    .find(|v| v.kind == VisitKind::LookedAfter && v.seen && v.date == m)
            });
            let i = item(
                r,
                Some(visit.map_or(&c.record_id, |v| &v.id)),
                by,
                format!("visit due {by}: {}", c.state.label()),
            );
            if c.state == ClockState::MetOnTime {
                on_time.push(i.clone());
            }
            due.push(i);
        }
    }
    Measure::percent(on_time, due)
}

/// Children looked after for 12 months or more at the end of the window whose latest
/// completed check of `kinds` is within `months(child)` of it.
fn checks_in_date(
    input: &Input<'_>,
    kinds: &[HealthCheckKind],
    months: &dyn Fn(&ChildRecord) -> i32,
) -> Measure {
    let on = input.window.to;
    let since = months_before(on, 12);
    let mut all = Vec::new();
    let mut in_date = Vec::new();
    for (r, p) in looked_after_at_end(input).filter(|(_, p)| p.start_date <= since) {
        let last = r
            .health_checks
            .iter()
            .filter(|h| {
                h.status == HealthCheckStatus::Completed && kinds.contains(&h.kind) && h.date <= on
            })
            .max_by_key(|h| h.date);
        if let Some(h) = last.filter(|h| add_months(h.date, months(r)) >= on) {
            let detail = format!("{} on {}", h.kind.label(), h.date);
            in_date.push(item(r, Some(&h.id), on, detail));
        }
        all.push(item(r, Some(&p.id), on, "looked after 12 months or more"));
    }
    Measure::percent(in_date, all)
}

fn health_in_date(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    checks_in_date(
        input,
        &[
            HealthCheckKind::InitialHealthAssessment,
            HealthCheckKind::ReviewHealthAssessment,
        ],
        // Age on the day measured: a child who turns 5 that day is due yearly.
        &|r| {
            if r.child.age_on(on).is_some_and(|a| a < 5) {
                6
            } else {
                12
            }
        },
    )
}

fn dental_in_date(input: &Input<'_>) -> Measure {
    checks_in_date(input, &[HealthCheckKind::Dental], &|_| 12)
}

fn pep_in_date(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let mut all = Vec::new();
    let mut in_date = Vec::new();
    for (r, p) in looked_after_at_end(input) {
        if !r.child.age_on(on).is_some_and(|a| (4..=15).contains(&a)) {
            continue;
        }
        let last = r
            .peps
            .iter()
            .filter(|x| x.date <= on)
            .max_by_key(|x| x.date);
        if let Some(pep) = last.filter(|x| add_months(x.date, 6) >= on) {
            in_date.push(item(r, Some(&pep.id), on, format!("PEP on {}", pep.date)));
        }
        all.push(item(r, Some(&p.id), on, "looked after, aged 4 to 15"));
    }
    Measure::percent(in_date, all)
}

/// Whether the child is looked after on `on`.
fn looked_after_on(r: &ChildRecord, on: Date) -> bool {
    period_on(r, on).is_some()
}

fn missing(input: &Input<'_>) -> Measure {
    let w = input.window;
    let mut all = Vec::new();
    let mut went = Vec::new();
    for r in input.records {
        // The last day of the window each period of care covers (a period's end day
        // is not a day in care).
        let Some((period, last_day)) = r
            .periods_of_care
            .iter()
            .filter(|p| p.start_date <= w.to && p.end_date.is_none_or(|e| e > w.from))
            .map(|p| {
                let last = p
                    .end_date
                    .and_then(|e| e.yesterday().ok())
                    .map_or(w.to, |e| e.min(w.to));
                (p, last)
            })
            .max_by_key(|(_, last)| *last)
        else {
            continue;
        };
        let episodes: Vec<&MissingEpisode> = r
            .missing_episodes
            .iter()
            .filter(|m| {
                let d = local_date(m.started_at);
                w.contains(d) && looked_after_on(r, d)
            })
            .collect();
        match episodes.iter().min_by_key(|m| m.started_at) {
            Some(first) => {
                // Both lists carry the child on the same day, so a team's share adds up.
                let d = local_date(first.started_at);
                let period = period_on(r, d).unwrap_or(period);
                let n = u32::try_from(episodes.len()).unwrap_or(u32::MAX);
                went.push(
                    item(
                        r,
                        Some(&first.id),
                        d,
                        format!("{n} missing episodes, first {d}"),
                    )
                    .with_value(n.into()),
                );
                all.push(item(r, Some(&period.id), d, "looked after in the window"));
            }
            None => all.push(item(
                r,
                Some(&period.id),
                last_day,
                "looked after in the window",
            )),
        }
    }
    Measure::percent(went, all)
}

/// Returns in the window from episodes that began while the child was looked after,
/// each with the day (in England) of the return.
fn returns<'a>(input: &Input<'a>) -> Vec<(&'a ChildRecord, &'a MissingEpisode, Timestamp)> {
    let w = input.window;
    input
        .records
        .iter()
        .flat_map(|r| {
            r.missing_episodes.iter().filter_map(move |m| {
                let back = m.returned_at?;
                (w.contains(local_date(back)) && looked_after_on(r, local_date(m.started_at)))
                    .then_some((r, m, back))
            })
        })
        .collect()
}

fn return_item(r: &ChildRecord, m: &MissingEpisode, back: Timestamp) -> Item {
    let d = local_date(back);
    item(r, Some(&m.id), d, format!("returned {d}"))
}

fn rhi_offered(input: &Input<'_>) -> Measure {
    let all = returns(input);
    let offered = all
        .iter()
        .filter(|(_, m, _)| m.rhi_offered == Some(true))
        .map(|(r, m, back)| return_item(r, m, *back))
        .collect();
    let all = all
        .iter()
        .map(|(r, m, back)| return_item(r, m, *back))
        .collect();
    Measure::percent(offered, all)
}

fn rhi_72h(input: &Input<'_>) -> Measure {
    let all = returns(input);
    let limit = SignedDuration::from_hours(72);
    let in_time = all
        .iter()
        .filter_map(|(r, m, back)| {
            let taken = m.rhi_at?.duration_since(*back);
            // Hours to the interview, for the list.
            (taken <= limit)
                .then(|| return_item(r, m, *back).with_value(taken.as_secs_f64() / 3600.0))
        })
        .collect();
    let all = all
        .iter()
        .map(|(r, m, back)| return_item(r, m, *back))
        .collect();
    Measure::percent(in_time, all)
}

/// Children adopted in the window: the permanence record of each adoption order made
/// in it, with the order's date.
fn adoptions<'a>(input: &Input<'a>) -> Vec<(&'a ChildRecord, &'a Permanence, Date)> {
    let w = input.window;
    input
        .records
        .iter()
        .flat_map(|r| {
            r.permanence.iter().filter_map(move |p| {
                let on = p.order_date.filter(|d| w.contains(*d))?;
                (p.order_kind == Some(PermanenceOrder::Adoption)).then_some((r, p, on))
            })
        })
        .collect()
}

fn adoption_a1(input: &Input<'_>) -> Measure {
    let mut items = Vec::new();
    for (r, p, on) in adoptions(input) {
        let (Some(period), Some(placed)) = (
            r.periods_of_care.iter().find(|x| x.id == p.period_id),
            p.placed_date,
        ) else {
            continue;
        };
        let by_foster_carer = r
            .adoption_details
            .iter()
            .any(|a| a.permanence_id == p.id && a.adopted_by_foster_carer);
        let moved_in = if by_foster_carer {
            same_carers_since(r, period, placed).unwrap_or(placed)
        } else {
            placed
        };
        let detail = format!(
            "in care {}, {} {moved_in}, adopted {on}",
            period.start_date,
            if by_foster_carer {
                "with the foster carers who adopted from"
            } else {
                "placed for adoption"
            }
        );
        items.push(item(r, Some(&p.id), on, detail).with_value(days(period.start_date, moved_in)));
    }
    Measure::mean(items)
}

fn adoption_a2(input: &Input<'_>) -> Measure {
    let mut items = Vec::new();
    for (r, p, on) in adoptions(input) {
        let (Some(order), Some(matched)) = (p.placement_order_date, p.matched_date) else {
            continue;
        };
        let detail = format!("placement order {order}, matched {matched}, adopted {on}");
        items.push(item(r, Some(&p.id), on, detail).with_value(days(order, matched).max(0.0)));
    }
    Measure::mean(items)
}

#[cfg(test)]
#[path = "tests_cic.rs"]
mod tests;
#[cfg(test)]
#[path = "tests_cic_distance.rs"]
mod tests_distance;
