//! The self-assessment draft on hand-made figures: the trend words at their edges, the
//! optimism rules, the ranking and who is named behind a gap. Expected values are
//! worked out in the comments from the England figures shipped in
//! `data/england-comparators.csv`.
#![allow(clippy::unwrap_used)]

use jiff::civil::{Date, date};

use super::behind::{behind, not_in_figure};
use super::trend::{self, MonthFigure};
use super::*;
use crate::RecordId;
use crate::indicators::{Item, by_id, trend_windows};

const AS_OF: Date = date(2026, 3, 31);

fn item(child: &str, record: &str, on: Date, value: Option<f64>) -> Item {
    Item {
        child_id: Some(PersonId::parse(child).unwrap()),
        worker_id: None,
        record_id: Some(RecordId::parse(record).unwrap()),
        date: on,
        team_id: None,
        value,
        detail: format!("{record} of {child}"),
    }
}

/// `hits` of `total` children, each with one record, the hits first.
fn share(hits: usize, total: usize) -> Measure {
    let all: Vec<Item> = (0..total)
        .map(|n| item(&format!("C{n}"), &format!("R{n}"), AS_OF, Some(n as f64)))
        .collect();
    Measure::percent(all[..hits].to_vec(), all)
}

fn target(value: f64, amber_within: f64) -> Target {
    Target {
        value,
        amber_within,
        basis: "test".to_owned(),
    }
}

/// 24 months to `as_of` with these values, oldest first.
fn months(as_of: Date, values: &[Option<f64>]) -> Vec<MonthFigure> {
    trend_windows(as_of, TREND_MONTHS)
        .into_iter()
        .zip(values.iter().copied())
        .map(|(window, value)| MonthFigure { window, value })
        .collect()
}

/// 24 months: the first three `a`, the last three `b`, `middle` between.
fn ends(a: f64, b: f64) -> Vec<Option<f64>> {
    let mut v = vec![Some(a); 3];
    v.extend(vec![Some(50.0); 18]);
    v.extend(vec![Some(b); 3]);
    v
}

fn evidence_of(id: &str, year: Measure) -> IndicatorEvidence {
    IndicatorEvidence {
        indicator: by_id(id).unwrap(),
        year,
        months: months(AS_OF, &[None; 24]),
    }
}

fn finding_of(id: &str, year: Measure, t: Option<Target>) -> Finding {
    finding(&evidence_of(id, year), t.as_ref(), Window::year_to(AS_OF))
}

// ----- the trend -----

#[test]
fn a_share_is_steady_within_two_points_and_moves_beyond() {
    let hi = Better::Higher;
    let pc = ValueKind::Percent;
    // 80 to 82 is exactly 2 points: steady.
    let t = trend::judge(hi, pc, &months(AS_OF, &ends(80.0, 82.0)));
    assert_eq!(t.direction, Direction::Steady);
    assert_eq!((t.earlier, t.latest), (Some(80.0), Some(82.0)));
    assert_eq!(t.earlier_from, Some(date(2024, 4, 1)));
    assert_eq!(t.latest_from, Some(date(2026, 1, 1)));
    // 80 to 82.5 is 2.5 points up: better where higher is better, worse where lower is.
    let up = months(AS_OF, &ends(80.0, 82.5));
    assert_eq!(trend::judge(hi, pc, &up).direction, Direction::Improving);
    assert_eq!(
        trend::judge(Better::Lower, pc, &up).direction,
        Direction::Worsening
    );
    assert_eq!(
        trend::judge(Better::Neither, pc, &up).direction,
        Direction::Rising
    );
    let down = months(AS_OF, &ends(80.0, 77.5));
    assert_eq!(trend::judge(hi, pc, &down).direction, Direction::Worsening);
    assert_eq!(
        trend::judge(Better::Lower, pc, &down).direction,
        Direction::Improving
    );
    assert_eq!(
        trend::judge(Better::Neither, pc, &down).direction,
        Direction::Falling
    );
}

#[test]
fn other_units_are_steady_within_five_per_cent_of_the_earlier_mean() {
    let lo = Better::Lower;
    let days = ValueKind::Mean;
    // 400 days to 420 is exactly 5% of 400: steady; 421 is worse.
    let t = trend::judge(lo, days, &months(AS_OF, &ends(400.0, 420.0)));
    assert_eq!(t.direction, Direction::Steady);
    let t = trend::judge(lo, days, &months(AS_OF, &ends(400.0, 421.0)));
    assert_eq!(t.direction, Direction::Worsening);
    let t = trend::judge(lo, days, &months(AS_OF, &ends(400.0, 379.0)));
    assert_eq!(t.direction, Direction::Improving);
    // From nothing, any change is a change.
    let t = trend::judge(lo, ValueKind::Count, &months(AS_OF, &ends(0.0, 1.0)));
    assert_eq!(t.direction, Direction::Worsening);
}

#[test]
fn each_end_needs_two_months_with_data() {
    let hi = Better::Higher;
    let pc = ValueKind::Percent;
    // Two of the first three months have data (mean of 70 and 80 = 75): enough.
    let mut v = ends(0.0, 90.0);
    v[0] = None;
    v[1] = Some(70.0);
    v[2] = Some(80.0);
    let t = trend::judge(hi, pc, &months(AS_OF, &v));
    assert_eq!((t.direction, t.earlier), (Direction::Improving, Some(75.0)));
    // One of three is not.
    v[1] = None;
    let t = trend::judge(hi, pc, &months(AS_OF, &v));
    assert_eq!(t.direction, Direction::NotEnoughData);
    assert_eq!(t.earlier, None);
    // Nor at the latest end.
    let mut v = ends(80.0, 90.0);
    v[22] = None;
    v[23] = None;
    assert_eq!(
        trend::judge(hi, pc, &months(AS_OF, &v)).direction,
        Direction::NotEnoughData
    );
    // Fewer than six whole months cannot make two ends.
    let five = months(AS_OF, &ends(80.0, 90.0))[19..].to_vec();
    assert_eq!(five.len(), 5);
    assert_eq!(
        trend::judge(hi, pc, &five).direction,
        Direction::NotEnoughData
    );
}

#[test]
fn the_month_still_running_is_not_judged() {
    // On 15 March the last month runs 1–15 March only: left out, so the latest
    // three are December to February.
    let as_of = date(2026, 3, 15);
    let mut v = ends(80.0, 80.0);
    v[20] = Some(80.0);
    v[23] = Some(0.0); // a part-month that would otherwise read as a collapse
    let m = months(as_of, &v);
    assert!(!m[23].is_whole() && m[22].is_whole());
    let t = trend::judge(Better::Higher, ValueKind::Percent, &m);
    assert_eq!(t.direction, Direction::Steady);
    assert_eq!(t.latest_from, Some(date(2025, 12, 1)));
    // On the last day of the month it is whole, and counts.
    let m = months(date(2026, 3, 31), &v);
    assert!(m[23].is_whole());
    let t = trend::judge(Better::Higher, ValueKind::Percent, &m);
    assert_eq!(t.direction, Direction::Worsening);
}

// ----- the optimism rules -----

#[test]
fn a_strength_must_meet_every_comparison_and_the_worse_rating_is_stated() {
    // Assessments within 45 working days: England 85.7%. 90 of 100 = 90%: better.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(90, 100), None);
    assert_eq!(f.against_england, Rag::Green);
    assert_eq!(f.judgement, Judgement::Strength);
    // A target of 88% is met too: still a strength.
    let f = finding_of(
        "HP-ASSESSMENTS-45WD",
        share(90, 100),
        Some(target(88.0, 2.0)),
    );
    assert_eq!(f.judgement, Judgement::Strength);
    // A target of 95% (amber within 2) is missed by 5 points: red. Green against
    // England does not save it: red is stated, and it is a weakness.
    let f = finding_of(
        "HP-ASSESSMENTS-45WD",
        share(90, 100),
        Some(target(95.0, 2.0)),
    );
    assert_eq!(
        (f.against_england, f.against_target, f.rating),
        (Rag::Green, Rag::Red, Rag::Red)
    );
    assert_eq!(f.judgement, Judgement::Weakness);
    assert!(
        f.statement.contains(
            "Rated red, the worse of green against England and red against the target: a weakness."
        ),
        "{}",
        f.statement
    );
    assert!(
        f.statement
            .contains("90.0% for the twelve months to 31 March 2026 (90 of 100)")
    );
    assert!(
        f.statement
            .contains("4.3 percentage points better than England's 85.7% (2024-25)")
    );
    assert!(
        f.statement
            .contains("5.0 percentage points short of the authority's target of 95.0%")
    );
    // Within the amber margin (94% against 95, amber within 2): not yet a strength.
    let f = finding_of(
        "HP-ASSESSMENTS-45WD",
        share(94, 100),
        Some(target(95.0, 2.0)),
    );
    assert_eq!(f.rating, Rag::Amber);
    assert_eq!(f.judgement, Judgement::NotYetAStrength);
    // Within 2% of England (86 against 85.7, no target): similar, not a strength.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(86, 100), None);
    assert_eq!(f.against_england, Rag::Amber);
    assert_eq!(f.judgement, Judgement::NotYetAStrength);
    assert!(
        f.statement.contains("within 2% and so similar"),
        "{}",
        f.statement
    );
}

#[test]
fn no_data_or_no_comparator_cannot_be_evidenced_and_is_never_a_strength() {
    // Nothing counted: no data, whatever the target.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(0, 0), Some(target(10.0, 5.0)));
    assert_eq!(f.value, None);
    assert_eq!(
        f.judgement,
        Judgement::CannotBeEvidenced(Unevidenced::NoData)
    );
    assert_eq!(f.rating, Rag::NotRated);
    assert!(
        f.statement
            .starts_with("No data for the twelve months to 31 March 2026.")
    );
    // Children seen alone has no England figure; with no target a perfect 100% still
    // cannot be evidenced.
    let f = finding_of("HP-CP-SEEN-ALONE", share(50, 50), None);
    assert_eq!(
        f.judgement,
        Judgement::CannotBeEvidenced(Unevidenced::NoComparator)
    );
    assert!(f.statement.contains("No England figure is shipped"));
    assert!(f.statement.contains("the authority has set no target"));
    // With a target it can be judged.
    let f = finding_of("HP-CP-SEEN-ALONE", share(50, 50), Some(target(90.0, 5.0)));
    assert_eq!(f.judgement, Judgement::Strength);
}

#[test]
fn a_strength_needs_at_least_ten_counted_but_a_weakness_does_not() {
    // 9 of 9 = 100%, better than England: too few to be a strength.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(9, 9), None);
    assert_eq!(f.rating, Rag::Green);
    assert_eq!(
        f.judgement,
        Judgement::CannotBeEvidenced(Unevidenced::TooFew(9))
    );
    assert!(
        f.statement.contains("counted among only 9"),
        "{}",
        f.statement
    );
    // 10 of 10 is enough.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(10, 10), None);
    assert_eq!(f.judgement, Judgement::Strength);
    // 1 of 9 = 11%: a weakness on any base, saying how small the base is.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(1, 9), None);
    assert_eq!(f.judgement, Judgement::Weakness);
    assert!(
        f.statement.ends_with(
            "a weakness. Counted among only 9, so each one moves the figure a long way."
        ),
        "{}",
        f.statement
    );
    // On a base of 10 it does not need saying.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(1, 10), None);
    assert!(f.statement.ends_with("a weakness."), "{}", f.statement);
}

#[test]
fn context_indicators_are_shown_but_never_judged() {
    // Referrals with no further action has an England figure but no better direction.
    let f = finding_of("HP-REFERRALS-NFA", share(1, 100), None);
    assert_eq!(f.judgement, Judgement::Context);
    assert_eq!(f.rating, Rag::NotRated);
    assert_eq!(f.gap_to_england, None);
    assert!(
        f.statement.contains("England: 6.5% (2024-25)."),
        "{}",
        f.statement
    );
}

#[test]
fn figures_and_gaps_are_written_in_their_units() {
    use super::words::difference;
    assert_eq!(ValueKind::Percent.shown(Some(82.34)), "82.3%");
    assert_eq!(ValueKind::Mean.shown(Some(486.4)), "486 days");
    assert_eq!(ValueKind::Count.shown(Some(0.0)), "0");
    // Missing is never zero.
    assert_eq!(ValueKind::Ratio.shown(None), "No data");
    assert_eq!(
        difference(ValueKind::Percent, -3.44),
        "3.4 percentage points"
    );
    assert_eq!(difference(ValueKind::Median, 20.0), "20 days");
}

#[test]
fn worse_ignores_only_not_rated() {
    assert_eq!(worse(Rag::Green, Rag::Red), Rag::Red);
    assert_eq!(worse(Rag::Amber, Rag::Green), Rag::Amber);
    assert_eq!(worse(Rag::NotRated, Rag::Green), Rag::Green);
    assert_eq!(worse(Rag::Amber, Rag::NotRated), Rag::Amber);
    assert_eq!(worse(Rag::NotRated, Rag::NotRated), Rag::NotRated);
}

// ----- ranking -----

fn hand_made_help_and_protection() -> (Evidence, Targets) {
    let e = |id: &str, m: Measure| evidence_of(id, m);
    let evidence = Evidence {
        as_of: AS_OF,
        window: Window::year_to(AS_OF),
        indicators: vec![
            // Weaknesses:
            // assessments 70% vs England 85.7: short by 15.7, 15.7/85.7 = 0.183.
            e("HP-ASSESSMENTS-45WD", share(70, 100)),
            // re-referrals 30% vs England 22.6 (lower better): 7.4/22.6 = 0.327.
            e("HP-RE-REFERRALS", share(30, 100)),
            // conferences 60% vs England 81.4: 21.4/81.4 = 0.263; vs target 95:
            // 35/95 = 0.368, the wider.
            e("HP-ICPC-15WD", share(60, 100)),
            // second plans 40% vs target 20 (no England): 20/20 = 1.0, but only the
            // fourth weakness named? No: widest of all, so first.
            e("HP-CP-SECOND", share(40, 100)),
            // Strengths:
            // plans lasting 2 years 2% vs England 4.4 (lower better): 2.4/4.4 = 0.545;
            // vs target 3: 1/3 = 0.333, the narrower.
            e("HP-CP-2-YEARS", share(2, 100)),
            // seen in 6 weeks 100% vs target 80: 20/80 = 0.25.
            e("HP-CP-SEEN-6-WEEKS", share(100, 100)),
            // contacts decided 99% vs target 90: 9/90 = 0.1.
            e("HP-CONTACT-DECIDED-1WD", share(99, 100)),
            // Cannot be evidenced: seen alone, no comparator.
            e("HP-CP-SEEN-ALONE", share(100, 100)),
            // Context.
            e("HP-REFERRALS-NFA", share(5, 100)),
        ],
        names: Names::default(),
    };
    let targets = Targets::new([
        ("HP-ICPC-15WD".to_owned(), target(95.0, 5.0)),
        ("HP-CP-SECOND".to_owned(), target(20.0, 2.0)),
        ("HP-CP-2-YEARS".to_owned(), target(3.0, 1.0)),
        ("HP-CP-SEEN-6-WEEKS".to_owned(), target(80.0, 5.0)),
        ("HP-CONTACT-DECIDED-1WD".to_owned(), target(90.0, 5.0)),
    ])
    .unwrap();
    (evidence, targets)
}

#[test]
fn weaknesses_rank_by_widest_relative_gap_and_strengths_by_narrowest_margin() {
    let (evidence, targets) = hand_made_help_and_protection();
    let pack = draft(&evidence, &targets);
    assert_eq!(pack.areas.len(), 4);
    let hp = &pack.areas[0];
    assert_eq!(hp.area, Area::HelpAndProtection);
    assert_eq!(
        hp.weaknesses,
        [
            "HP-CP-SECOND",
            "HP-ICPC-15WD",
            "HP-RE-REFERRALS",
            "HP-ASSESSMENTS-45WD"
        ]
    );
    assert_eq!(
        hp.strengths,
        [
            "HP-CP-2-YEARS",
            "HP-CP-SEEN-6-WEEKS",
            "HP-CONTACT-DECIDED-1WD"
        ]
    );
    assert_eq!(hp.cannot_be_evidenced, ["HP-CP-SEEN-ALONE"]);
    assert_eq!(hp.context, ["HP-REFERRALS-NFA"]);
    assert!(hp.not_yet.is_empty());
    // The conference figure's widest gap is to the target, not England.
    let icpc = hp.finding("HP-ICPC-15WD").unwrap();
    let widest = icpc.widest_shortfall().unwrap();
    assert_eq!(widest.with, Benchmark::Target);
    assert!((widest.relative() + 35.0 / 95.0).abs() < 1e-9);
    // The three widest gaps, and only they, have their children named.
    let named: Vec<&str> = hp.behind.iter().map(|g| g.indicator.id).collect();
    assert_eq!(named, ["HP-CP-SECOND", "HP-ICPC-15WD", "HP-RE-REFERRALS"]);
    // The summary leads with the weaknesses and the widest gap.
    assert!(
        hp.summary.starts_with(
            "4 weaknesses in help and protection; the widest gap is ‘Second or subsequent child protection plans’ (40.0%, 20.0 percentage points short of the target)."
        ),
        "{}",
        hp.summary
    );
    assert!(
        hp.summary
            .contains("3 strengths, 0 not yet strengths and 1 indicator that cannot be evidenced")
    );
    assert!(hp.summary.contains("The picture is incomplete"));
    // Areas with no evidence at all claim nothing.
    for a in &pack.areas[1..] {
        assert!(a.strengths.is_empty() && a.weaknesses.is_empty());
        assert!(
            a.summary.starts_with("No strengths can be claimed in"),
            "{}",
            a.summary
        );
    }
}

#[test]
fn an_area_with_no_weaknesses_says_so_only_when_it_has_strengths() {
    let (mut evidence, targets) = hand_made_help_and_protection();
    evidence
        .indicators
        .retain(|e| matches!(e.indicator.id, "HP-CP-2-YEARS" | "HP-CONTACT-DECIDED-1WD"));
    let pack = draft(&evidence, &targets);
    assert_eq!(
        pack.areas[0].summary,
        "No weaknesses against England or the authority's targets in help and protection: 2 strengths, 0 not yet strengths and 0 indicators that cannot be evidenced."
    );
}

#[test]
fn an_empty_authority_evidences_nothing_but_its_counts() {
    let calendar = crate::calendar::WorkingDayCalendar::england_and_wales();
    let workforce = Workforce::default();
    let population = crate::population::ChildPopulation::every_window(60_000, "test");
    let centroids = crate::geography::Centroids::default();
    let ev = evidence(&[], &calendar, &workforce, &population, &centroids, AS_OF);
    assert_eq!(ev.indicators.len(), indicators::all().len());
    assert!(ev.indicators.iter().all(|e| e.months.len() == 24));
    // Every target, so nothing is left unjudged for want of one.
    let targets = Targets::new(
        indicators::all()
            .into_iter()
            .filter(|i| i.better != Better::Neither)
            .map(|i| (i.id.to_owned(), target(0.0, 0.0))),
    )
    .unwrap();
    let pack = draft(&ev, &targets);
    for a in &pack.areas {
        for f in &a.findings {
            let id = f.indicator.id;
            if f.indicator.better == Better::Neither {
                assert_eq!(f.judgement, Judgement::Context, "{id}");
            } else if f.kind == ValueKind::Count {
                // A count of nothing is a figure (none waiting); it is judged.
                assert_eq!(f.value, Some(0.0), "{id}");
            } else {
                // Every share, average and ratio of nothing is "no data".
                let no_data = Judgement::CannotBeEvidenced(Unevidenced::NoData);
                assert_eq!(f.judgement, no_data, "{id}");
            }
            // Counts and rates of nothing every month are steady; nothing else has a
            // trend.
            let flat = matches!(f.kind, ValueKind::Count | ValueKind::PerTenThousand);
            assert_eq!(f.trend.direction == Direction::Steady, flat, "{id}");
        }
        assert!(a.behind.is_empty());
    }
    assert!(pack.children_named().is_empty());
}

// ----- who is behind a gap -----

#[test]
fn the_children_missed_from_a_higher_is_better_share_are_those_not_in_it() {
    let d = AS_OF;
    let total = vec![
        item("C1", "A1", d, Some(30.0)),
        item("C2", "A2", d, Some(50.0)),
        item("C3", "A3", d, Some(20.0)),
        item("C4", "A4", d, Some(70.0)),
    ];
    let m = Measure::percent(vec![total[0].clone(), total[2].clone()], total.clone());
    let (basis, who) = behind(&m, Better::Higher, None);
    assert_eq!(basis, Basis::MissedFromTotal);
    // C2 and C4 missed; the longest (70 working days) first.
    let ids: Vec<&str> = who
        .iter()
        .map(|i| i.record_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["A4", "A2"]);
}

#[test]
fn figure_and_total_items_naming_different_records_match_by_child_and_day() {
    let d = AS_OF;
    // Health checks in date: the figure names the check, the total the period of care.
    let total = vec![
        item("C1", "P1", d, None),
        item("C2", "P2", d, None),
        item("C3", "P3", d, None),
    ];
    let figure = vec![item("C1", "H1", d, None), item("C3", "H3", d, None)];
    let left: Vec<&str> = not_in_figure(&figure, &total)
        .iter()
        .map(|i| i.child_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(left, ["C2"]);
    // A worker-change finding names no record in the total and another day's record
    // in the figure: matched by the child alone.
    let total = vec![item("C1", "X", d, None), item("C2", "Y", d, None)];
    let figure = vec![item("C2", "F", date(2026, 1, 1), None)];
    let left: Vec<&str> = not_in_figure(&figure, &total)
        .iter()
        .map(|i| i.child_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(left, ["C1"]);
}

#[test]
fn an_exact_match_is_never_taken_by_a_looser_one() {
    let d = AS_OF;
    // One child, two assessments authorised the same day; the figure names A2 exactly
    // and an item (H) that matches only by child and day. Matching loosely first could
    // pair H with A2 and leave A1 wrongly listed or A2 wrongly matched twice.
    let total = vec![item("C1", "A1", d, None), item("C1", "A2", d, None)];
    let figure = vec![item("C1", "H", d, None), item("C1", "A2", d, None)];
    assert!(not_in_figure(&figure, &total).is_empty());
    // Only A2 in the figure: A1 is the one missed.
    let figure = vec![item("C1", "A2", d, None)];
    let left = not_in_figure(&figure, &total);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].record_id.as_ref().unwrap().as_str(), "A1");
    // Values differ (hours to the interview are on the figure's item only): still
    // the same return.
    let total = vec![item("C1", "M1", d, None), item("C2", "M2", d, None)];
    let figure = vec![item("C1", "M1", d, Some(12.0))];
    let left = not_in_figure(&figure, &total);
    assert_eq!(left[0].child_id.as_ref().unwrap().as_str(), "C2");
}

#[test]
fn lower_is_better_lists_the_figure_and_averages_list_those_worse_than_the_benchmark() {
    let d = AS_OF;
    // Re-referrals: the figure is the re-referrals.
    let all = vec![
        item("C1", "R1", date(2026, 1, 5), None),
        item("C2", "R2", d, None),
        item("C3", "R3", date(2025, 6, 1), None),
    ];
    let m = Measure::percent(vec![all[0].clone(), all[2].clone()], all.clone());
    let (basis, who) = behind(&m, Better::Lower, None);
    assert_eq!(basis, Basis::InFigure);
    let ids: Vec<&str> = who
        .iter()
        .map(|i| i.child_id.as_ref().unwrap().as_str())
        .collect();
    // No values: earliest first.
    assert_eq!(ids, ["C3", "C1"]);
    // Days to adoption against England's 486: 600 and 500 are worse, 400 is not.
    let m = Measure::mean(vec![
        item("C1", "A1", d, Some(400.0)),
        item("C2", "A2", d, Some(500.0)),
        item("C3", "A3", d, Some(600.0)),
    ]);
    let (basis, who) = behind(&m, Better::Lower, Some(486.0));
    assert_eq!(basis, Basis::WorseThanBenchmark);
    let ids: Vec<&str> = who
        .iter()
        .map(|i| i.child_id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["C3", "C2"]);
    // A context indicator has nothing behind it.
    assert_eq!(behind(&m, Better::Neither, None).0, Basis::Nothing);
}

#[test]
fn worker_figures_name_workers_and_lists_stop_at_the_limit_with_the_total_kept() {
    use crate::codes::JobRole;
    use crate::workforce::{Team, Worker};
    let team = TeamId::parse("T1").unwrap();
    let worker = |id: &str, surname: &str, agency: bool| Worker {
        id: WorkerId::parse(id).unwrap(),
        forename: "Sam".into(),
        surname: surname.into(),
        role: JobRole::SocialWorker,
        team_id: team.clone(),
        registration: None,
        fte_hundredths: 100,
        agency,
        start_date: date(2020, 1, 1),
        end_date: None,
    };
    let workforce = Workforce::new(
        vec![Team {
            id: team.clone(),
            name: "Assessment Team".into(),
            service_area: crate::codes::ServiceArea::Assessment,
            parent_id: None,
        }],
        vec![worker("W1", "Agency", true), worker("W2", "Staff", false)],
    );
    let names = Names::new(&[], &workforce);
    let m = (by_id("LD-AGENCY-SHARE").unwrap().compute)(&Input {
        records: &[],
        window: Window::year_to(AS_OF),
        calendar: &crate::calendar::WorkingDayCalendar::england_and_wales(),
        workforce: &workforce,
        population: &crate::population::ChildPopulation::every_window(1, "test"),
        centroids: &crate::geography::Centroids::default(),
    });
    // 1 of 2 agency = 50% against a target of 10%: a weakness naming the agency worker.
    let f = finding_of("LD-AGENCY-SHARE", m.clone(), Some(target(10.0, 5.0)));
    assert_eq!(f.judgement, Judgement::Weakness);
    let g = gap_list(&f, &m, &names);
    assert_eq!(g.basis, Basis::InFigure);
    assert_eq!(g.total, 1);
    assert_eq!(g.people[0].name, "Sam Agency");
    assert_eq!(g.people[0].worker_id.as_ref().unwrap().as_str(), "W1");
    assert_eq!(g.people[0].team.as_deref(), Some("Assessment Team"));
    // 150 missed: 100 named, 150 stated.
    let f = finding_of("HP-ASSESSMENTS-45WD", share(50, 200), None);
    let g = gap_list(&f, &share(50, 200), &Names::default());
    assert_eq!((g.total, g.people.len()), (150, NAMES_LISTED));
}

#[test]
fn the_children_named_are_listed_once_each_for_the_audit() {
    let (evidence, targets) = hand_made_help_and_protection();
    let pack = draft(&evidence, &targets);
    let named = pack.children_named();
    // Second plans: 40 in the figure (C0–C39); conferences: 40 missed (C60–C99);
    // re-referrals: 30 (C0–C29). Together C0–C39 and C60–C99: 80 children.
    assert_eq!(named.len(), 80);
    let mut sorted = named.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), 80);
}
