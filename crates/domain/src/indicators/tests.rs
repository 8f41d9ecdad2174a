//! The indicator core (values, windows, bands, teams) and the leadership indicators,
//! on hand-made data. Expected values are worked out in the comments.
#![allow(clippy::unwrap_used)]

use jiff::civil::{Date, date};

use super::*;
use crate::codes::{AllocationRole, JobRole, ServiceArea, WorkerChangeReason};
use crate::referral::Referral;
use crate::workforce::{Allocation, Team, Worker};

fn child_item(child: &str, team: Option<&str>, value: Option<f64>) -> Item {
    Item {
        child_id: Some(PersonId::parse(child).unwrap()),
        worker_id: None,
        record_id: None,
        date: date(2026, 3, 31),
        team_id: team.map(|t| TeamId::parse(t).unwrap()),
        value,
        detail: String::new(),
    }
}

#[test]
fn values_are_worked_out_by_kind_and_missing_when_they_cannot_be() {
    let a = child_item("C1", Some("T1"), Some(10.0));
    let b = child_item("C2", Some("T2"), Some(20.0));
    let c = child_item("C3", Some("T1"), Some(40.0));
    // 1 of 3 = 33.3%.
    let share = Measure::percent(vec![a.clone()], vec![a.clone(), b.clone(), c.clone()]);
    assert!((share.value().unwrap() - 100.0 / 3.0).abs() < 1e-9);
    // Nothing to divide by: no data, not zero.
    assert_eq!(Measure::percent(vec![], vec![]).value(), None);
    // 3 per 20,000 children = 1.5 per 10,000; no population, no rate.
    let est = PopulationEstimate::new(2024, 20_000, "ONS mid-2024").unwrap();
    let rate = Measure::per_ten_thousand(vec![a.clone(), b.clone(), c.clone()], Ok(&est));
    assert_eq!(rate.value(), Some(1.5));
    assert_eq!(
        rate.note.as_deref(),
        Some("per 10,000 of 20,000 children aged 0 to 17 (ONS mid-2024)")
    );
    let none = Measure::per_ten_thousand(vec![a.clone()], Err(NoEstimate::NoneStored));
    assert_eq!(none.value(), None);
    assert!(
        none.note
            .as_deref()
            .unwrap()
            .starts_with("No data: no child population is stored"),
        "{:?}",
        none.note
    );
    // Mean of 10, 20, 40 = 70/3; median 20; median of 10, 20, 40, 50 = 30.
    let items = vec![a.clone(), b.clone(), c.clone()];
    assert!((Measure::mean(items.clone()).value().unwrap() - 70.0 / 3.0).abs() < 1e-9);
    assert_eq!(Measure::median(items.clone()).value(), Some(20.0));
    let mut four = items.clone();
    four.push(child_item("C4", None, Some(50.0)));
    assert_eq!(Measure::median(four).value(), Some(30.0));
    assert_eq!(
        Measure::median(vec![child_item("C5", None, None)]).value(),
        None
    );
    // 70 over 2 = 35.
    let ratio = Measure::ratio(
        items.clone(),
        vec![
            child_item("X", None, Some(0.5)),
            child_item("Y", None, Some(1.5)),
        ],
    );
    assert_eq!(ratio.value(), Some(35.0));
    assert_eq!(Measure::count(items).value(), Some(3.0));
}

#[test]
fn a_measure_narrows_to_a_team_with_its_bands() {
    let items = vec![
        child_item("C1", Some("T1"), Some(3.0)),
        child_item("C2", Some("T2"), Some(8.0)),
        child_item("C3", Some("T1"), Some(8.0)),
        child_item("C4", None, Some(1.0)),
    ];
    let bands = banded(
        &items,
        &[("0–5", None, Some(5.0)), ("6 or more", Some(6.0), None)],
    );
    assert_eq!(bands[0].items.len(), 2);
    assert_eq!(bands[1].items.len(), 2);
    let m = Measure::percent(vec![items[0].clone()], items.clone()).with_bands(bands);
    let t1 = m.for_team(&TeamId::parse("T1").unwrap());
    // Team 1: C1 of C1 and C3.
    assert_eq!(t1.numerator.len(), 1);
    assert_eq!(t1.denominator.len(), 2);
    assert_eq!(t1.value(), Some(50.0));
    assert_eq!(t1.bands[0].items.len(), 1);
    assert_eq!(t1.bands[1].items.len(), 1);
    // A team has no population of its own: its rate is no data.
    let est = PopulationEstimate::new(2024, 10_000, "ONS mid-2024").unwrap();
    let rate = Measure::per_ten_thousand(items, Ok(&est));
    let team_rate = rate.for_team(&TeamId::parse("T1").unwrap());
    assert_eq!(team_rate.value(), None);
    assert!(team_rate.note.unwrap().contains("a team has no population"));
}

#[test]
fn windows_include_both_ends_and_a_year_clamps_at_leap_days() {
    let w = Window::year_to(date(2026, 3, 31));
    assert_eq!((w.from, w.to), (date(2025, 4, 1), date(2026, 3, 31)));
    assert!(w.contains(date(2025, 4, 1)) && w.contains(date(2026, 3, 31)));
    assert!(!w.contains(date(2025, 3, 31)) && !w.contains(date(2026, 4, 1)));
    // 29 February 2024 less a year is 28 February 2023; the window starts the day after.
    let leap = Window::year_to(date(2024, 2, 29));
    assert_eq!(leap.from, date(2023, 3, 1));
    let m = Window::month_of(date(2024, 2, 10));
    assert_eq!((m.from, m.to), (date(2024, 2, 1), date(2024, 2, 29)));
}

#[test]
fn every_indicator_is_defined_sourced_and_unique() {
    let all = all();
    let mut ids: Vec<&str> = all.iter().map(|i| i.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "duplicate indicator ids");
    for i in &all {
        assert!(
            i.definition.len() > 40 && !i.source.is_empty(),
            "{} needs a definition and source",
            i.id
        );
    }
    for area in Area::ALL {
        assert!(
            all.iter().any(|i| i.area == area),
            "{area:?} has no indicators"
        );
    }
}

// ---------------------------------------------------------------------------------
// Leadership, on a hand-made team of four workers and four children.

const TO: Date = date(2026, 3, 31);

fn worker(id: &str, role: JobRole, agency: bool, fte: u16, end: Option<Date>) -> Worker {
    Worker {
        id: WorkerId::parse(id).unwrap(),
        forename: id.into(),
        surname: "Worker".into(),
        role,
        team_id: TeamId::parse("T1").unwrap(),
        registration: None,
        agency,
        fte_hundredths: fte,
        start_date: date(2020, 1, 1),
        end_date: end,
    }
}

fn workforce() -> Workforce {
    Workforce::new(
        vec![Team {
            id: TeamId::parse("T1").unwrap(),
            name: "Team One".into(),
            service_area: ServiceArea::ALL[0],
            parent_id: None,
        }],
        vec![
            worker("W1", JobRole::SocialWorker, false, 100, None),
            worker("W2", JobRole::SocialWorker, true, 50, None),
            worker("W3", JobRole::SeniorPractitioner, false, 100, None),
            // Left the day before the window ends: not in post.
            worker(
                "W4",
                JobRole::SocialWorker,
                true,
                100,
                Some(date(2026, 3, 30)),
            ),
            worker("TM", JobRole::TeamManager, false, 100, None),
        ],
    )
}

fn open_child(id: &str, referred: Date) -> ChildRecord {
    let mut r = ChildRecord::new(crate::person::example_child(id, Some(date(2015, 1, 1))));
    r.referrals.push(Referral {
        id: RecordId::parse(&format!("{id}-R")).unwrap(),
        child_id: r.child.id.clone(),
        contact_id: None,
        referral_date: referred,
        source: crate::codes::ReferralSource::from_code("6").unwrap(),
        primary_need: crate::codes::PrimaryNeed::from_code("N1").unwrap(),
        no_further_action: false,
        closure_date: None,
        closure_reason: None,
        team_id: Some(TeamId::parse("T1").unwrap()),
        worker_id: None,
    });
    r
}

fn allocate(r: &mut ChildRecord, n: u32, worker: Option<&str>, start: Date, end: Option<Date>) {
    r.allocations.push(Allocation {
        id: RecordId::parse(&format!("{}-A{n}", r.child.id)).unwrap(),
        child_id: r.child.id.clone(),
        worker_id: worker.map(|w| WorkerId::parse(w).unwrap()),
        team_id: TeamId::parse("T1").unwrap(),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: start,
        end_date: end,
        change_reason: end.map(|_| WorkerChangeReason::from_code("MANAGE").unwrap()),
    });
}

/// C1 with W1; C2 held on duty since 1 March (30 days on 31 March); C3 unallocated
/// since its referral on 21 March (10 days); C4 with the team manager since 25 March
/// (6 days), after W1, W2 and W3 in the last year.
fn authority() -> Vec<ChildRecord> {
    let mut c1 = open_child("C1", date(2026, 1, 5));
    allocate(&mut c1, 1, Some("W1"), date(2026, 1, 6), None);
    let mut c2 = open_child("C2", date(2026, 2, 20));
    allocate(&mut c2, 1, None, date(2026, 3, 1), None);
    let c3 = open_child("C3", date(2026, 3, 21));
    let mut c4 = open_child("C4", date(2025, 1, 6));
    allocate(
        &mut c4,
        1,
        Some("W1"),
        date(2025, 1, 6),
        Some(date(2025, 6, 30)),
    );
    allocate(
        &mut c4,
        2,
        Some("W2"),
        date(2025, 7, 1),
        Some(date(2025, 12, 31)),
    );
    allocate(
        &mut c4,
        3,
        Some("W3"),
        date(2026, 1, 1),
        Some(date(2026, 3, 24)),
    );
    allocate(&mut c4, 4, Some("TM"), date(2026, 3, 25), None);
    vec![c1, c2, c3, c4]
}

fn measure(ind: &Indicator, records: &[ChildRecord], wf: &Workforce) -> Measure {
    let calendar = WorkingDayCalendar::england_and_wales();
    (ind.compute)(&Input {
        records,
        window: Window::year_to(TO),
        calendar: &calendar,
        workforce: wf,
        population: &ChildPopulation::every_window(10_000, "test"),
        centroids: &Centroids::default(),
    })
}

#[test]
fn children_waiting_for_a_named_worker_and_how_long() {
    let (records, wf) = (authority(), workforce());
    let m = measure(&leadership::WAITING_FOR_A_WORKER, &records, &wf);
    // C2 on duty 30 days, C3 unallocated 10 days, C4 with a manager 6 days.
    let mut days: Vec<f64> = m.numerator.iter().filter_map(|i| i.value).collect();
    days.sort_by(f64::total_cmp);
    assert_eq!(days, vec![6.0, 10.0, 30.0]);
    assert_eq!(m.value(), Some(3.0));
    let sizes: Vec<usize> = m.bands.iter().map(|b| b.items.len()).collect();
    assert_eq!(sizes, vec![0, 2, 1, 0]);
    assert_eq!(
        measure(&leadership::DAYS_WAITING, &records, &wf).value(),
        Some(10.0)
    );
}

#[test]
fn caseload_per_full_time_worker() {
    let (records, wf) = (authority(), workforce());
    let m = measure(&leadership::CASELOAD_PER_FTE, &records, &wf);
    // All four open children count, held or not; in post: W1 1.0 + W2 0.5 + W3 1.0 =
    // 2.5 FTE (W4 left the day before; the manager holds no caseload): 4 / 2.5 = 1.6.
    assert_eq!(m.numerator.len(), 4);
    assert_eq!(m.denominator.len(), 3);
    assert_eq!(m.value(), Some(1.6));
}

#[test]
fn agency_share_counts_social_workers_in_post() {
    let (records, wf) = (authority(), workforce());
    // W1, W2 (agency), W3 in post; W4 (agency) left; the manager is not counted: 1 of 3.
    let m = measure(&leadership::AGENCY_SHARE, &records, &wf);
    assert_eq!((m.numerator.len(), m.denominator.len()), (1, 3));
}

#[test]
fn three_social_workers_in_twelve_months() {
    let (records, wf) = (authority(), workforce());
    // C4 had W1, W2, W3 and the manager since 1 April 2025: one of four open children.
    let m = measure(&leadership::THREE_WORKERS, &records, &wf);
    assert_eq!((m.numerator.len(), m.denominator.len()), (1, 4));
    assert_eq!(m.value(), Some(25.0));
}

#[test]
fn values_stand_against_england_within_two_percent_as_similar() {
    let re = by_id("HP-RE-REFERRALS").unwrap(); // England 22.6, lower is better
    // 2% of 22.6 is 0.452: 23.0 is within it, 23.9 and 20.0 are not.
    assert_eq!(re.against_england(Some(23.0)), AgainstEngland::Similar);
    assert_eq!(re.against_england(Some(23.9)), AgainstEngland::Worse);
    assert_eq!(re.against_england(Some(20.0)), AgainstEngland::Better);
    let assess = by_id("HP-ASSESSMENTS-45WD").unwrap(); // England 85.7, higher is better
    assert_eq!(assess.against_england(Some(90.0)), AgainstEngland::Better);
    assert_eq!(assess.against_england(Some(80.0)), AgainstEngland::Worse);
    let rate = by_id("CIC-RATE").unwrap(); // England 67, context only
    assert_eq!(rate.against_england(Some(80.0)), AgainstEngland::Higher);
    assert_eq!(rate.against_england(Some(50.0)), AgainstEngland::Lower);
    assert_eq!(rate.against_england(None), AgainstEngland::NoFigure);
    // No England figure shipped for second plans.
    let second = by_id("HP-CP-SECOND").unwrap();
    assert_eq!(second.against_england(Some(10.0)), AgainstEngland::NoFigure);
}
