//! The generated authority, measured from the records alone: every child validates,
//! nothing is dated after `today`, the same seed gives the same records, and the
//! proportions land within stated tolerances of the configured targets. Each measure
//! is worked out here from the records (using the working-day calendar), not taken
//! from the generator.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use caseline_domain::ChildRecord;
use caseline_domain::calendar::WorkingDayCalendar;
use caseline_domain::codes::{AllocationRole, ConferenceKind, ContactOutcome, ReasonNewEpisode};
use caseline_domain::local_date;
use caseline_synth::{Generator, SynthConfig};
use jiff::civil::Date;
use jiff::{Span, Timestamp};

const TODAY: Date = Date::constant(2025, 3, 31);
const SAMPLE: usize = 16_000;

fn config(quality: f64, children: usize) -> SynthConfig {
    SynthConfig::demo(TODAY)
        .with_children(children)
        .with_practice_quality(quality)
}

/// The default authority's sample, generated once for all tests.
fn sample() -> &'static (SynthConfig, Vec<ChildRecord>) {
    static SAMPLE_RECORDS: OnceLock<(SynthConfig, Vec<ChildRecord>)> = OnceLock::new();
    SAMPLE_RECORDS.get_or_init(|| {
        let config = config(0.6, SAMPLE);
        let records = Generator::new(config.clone()).children().collect();
        (config, records)
    })
}

fn calendar() -> &'static WorkingDayCalendar {
    static CAL: OnceLock<WorkingDayCalendar> = OnceLock::new();
    CAL.get_or_init(WorkingDayCalendar::england_and_wales)
}

fn days(n: i64) -> Span {
    Span::new().days(n)
}

fn share(hits: usize, total: usize) -> f64 {
    assert!(total > 0, "nothing to measure");
    hits as f64 / total as f64
}

fn assert_near(name: &str, measured: f64, target: f64, tolerance: f64) {
    println!("{name}: measured {measured:.3}, target {target:.3} ± {tolerance}");
    assert!(
        (measured - target).abs() <= tolerance,
        "{name}: measured {measured:.3}, target {target:.3} ± {tolerance}"
    );
}

// ----- measures ------------------------------------------------------------------------

/// Referrals within 365 days after a previous referral for the same child / referrals.
fn re_referral_share(records: &[ChildRecord]) -> f64 {
    let (mut re, mut all) = (0, 0);
    for r in records {
        let mut dates: Vec<Date> = r.referrals.iter().map(|x| x.referral_date).collect();
        dates.sort();
        for (i, d) in dates.iter().enumerate() {
            all += 1;
            let year_before = d.checked_sub(days(365)).unwrap();
            if dates[..i].iter().any(|p| *p >= year_before && p < d) {
                re += 1;
            }
        }
    }
    share(re, all)
}

/// Authorised assessments authorised within 45 working days of the referral.
fn assessments_within_45wd(records: &[ChildRecord]) -> f64 {
    let cal = calendar();
    let (mut ok, mut all) = (0, 0);
    for r in records {
        for a in &r.assessments {
            let Some(auth) = a.authorised_date else {
                continue;
            };
            let referral = r.referrals.iter().find(|x| x.id == a.referral_id).unwrap();
            assert!(
                a.start_date >= referral.referral_date,
                "assessment before referral"
            );
            all += 1;
            if cal.working_days_between(referral.referral_date, auth) <= 45 {
                ok += 1;
            }
        }
    }
    share(ok, all)
}

/// Initial conferences within 15 working days of the strategy discussion.
fn icpcs_within_15wd(records: &[ChildRecord]) -> f64 {
    let cal = calendar();
    let (mut ok, mut all) = (0, 0);
    for r in records {
        for c in r
            .conferences
            .iter()
            .filter(|c| c.kind == ConferenceKind::Initial)
        {
            let s47 = r
                .section_47_enquiries
                .iter()
                .find(|s| Some(&s.id) == c.section_47_id.as_ref())
                .expect("initial conference has its section 47");
            let sd = r
                .strategy_discussions
                .iter()
                .find(|d| Some(&d.id) == s47.strategy_discussion_id.as_ref())
                .expect("section 47 has its strategy discussion");
            all += 1;
            if cal.working_days_between(sd.date, c.date) <= 15 {
                ok += 1;
            }
        }
    }
    share(ok, all)
}

fn icpc_to_plan_share(records: &[ChildRecord]) -> f64 {
    let initial: Vec<bool> = records
        .iter()
        .flat_map(|r| r.conferences.iter())
        .filter(|c| c.kind == ConferenceKind::Initial)
        .map(|c| c.child_protection_plan)
        .collect();
    share(initial.iter().filter(|p| **p).count(), initial.len())
}

/// Children looked after on `today` with three or more placements in the 12 months to
/// `today`: placements are episodes starting a new placement (any reason but a change
/// of legal status only), plus the placement already running when the year began.
fn cla_three_plus_placements(records: &[ChildRecord], today: Date) -> (f64, usize) {
    let year_start = today.checked_sub(days(365)).unwrap();
    let (mut hits, mut all) = (0, 0);
    for r in records {
        let Some(period) = r.periods_of_care.iter().find(|p| p.is_open_on(today)) else {
            continue;
        };
        let mut eps: Vec<_> = r
            .care_episodes
            .iter()
            .filter(|e| e.period_id == period.id)
            .filter(|e| e.start_date <= today && e.end_date.is_none_or(|end| end >= year_start))
            .collect();
        eps.sort_by_key(|e| e.start_date);
        let mut placements = eps
            .iter()
            .filter(|e| e.reason_new_episode != ReasonNewEpisode::LegalStatusChangeOnly)
            .filter(|e| !e.placement_type.is_temporary())
            .count();
        if eps
            .first()
            .is_some_and(|e| e.reason_new_episode == ReasonNewEpisode::LegalStatusChangeOnly)
        {
            placements += 1;
        }
        all += 1;
        if placements >= 3 {
            hits += 1;
        }
    }
    (share(hits, all), all)
}

fn is_open_case(r: &ChildRecord) -> bool {
    r.referrals.iter().any(|x| x.closure_date.is_none())
        || r.care_leaver.iter().any(|c| c.end_date.is_none())
}

fn open_social_work_case(r: &ChildRecord) -> bool {
    r.referrals.iter().any(|x| x.closure_date.is_none())
}

/// Open social-work cases whose allocation on `today` has no named worker.
fn held_on_duty_share(records: &[ChildRecord]) -> f64 {
    let (mut held, mut all) = (0, 0);
    for r in records.iter().filter(|r| open_social_work_case(r)) {
        let current: Vec<_> = r
            .allocations
            .iter()
            .filter(|a| a.role == AllocationRole::AllocatedSocialWorker && a.end_date.is_none())
            .collect();
        all += 1;
        if current.iter().any(|a| a.worker_id.is_none()) {
            held += 1;
        }
    }
    share(held, all)
}

/// Changes of social worker per open case, and the share of open cases with 5 or more.
fn worker_changes(records: &[ChildRecord]) -> (f64, f64) {
    let mut counts = Vec::new();
    for r in records.iter().filter(|r| open_social_work_case(r)) {
        let mut allocations: Vec<_> = r
            .allocations
            .iter()
            .filter(|a| a.role == AllocationRole::AllocatedSocialWorker)
            .filter_map(|a| a.worker_id.as_ref().map(|w| (a.start_date, w)))
            .collect();
        allocations.sort();
        let changes = allocations.windows(2).filter(|w| w[0].1 != w[1].1).count();
        counts.push(changes);
    }
    let mean = counts.iter().sum::<usize>() as f64 / counts.len() as f64;
    (
        mean,
        share(counts.iter().filter(|c| **c >= 5).count(), counts.len()),
    )
}

fn contact_conversion(records: &[ChildRecord]) -> f64 {
    let referred: BTreeSet<_> = records
        .iter()
        .flat_map(|r| r.referrals.iter().filter_map(|x| x.contact_id.clone()))
        .collect();
    let contacts: Vec<_> = records.iter().flat_map(|r| r.contacts.iter()).collect();
    share(
        contacts.iter().filter(|c| referred.contains(&c.id)).count(),
        contacts.len(),
    )
}

fn referral_nfa_share(records: &[ChildRecord]) -> f64 {
    let refs: Vec<_> = records.iter().flat_map(|r| r.referrals.iter()).collect();
    share(
        refs.iter().filter(|r| r.no_further_action).count(),
        refs.len(),
    )
}

fn assessed_not_in_need_share(records: &[ChildRecord]) -> f64 {
    use caseline_domain::codes::AssessmentOutcome::{EarlyHelp, NoFurtherAction};
    let done: Vec<_> = records
        .iter()
        .flat_map(|r| r.assessments.iter())
        .filter_map(|a| a.outcome)
        .collect();
    share(
        done.iter()
            .filter(|o| matches!(o, NoFurtherAction | EarlyHelp))
            .count(),
        done.len(),
    )
}

fn rhi_within_72h(records: &[ChildRecord]) -> f64 {
    let (mut ok, mut all) = (0, 0);
    for m in records.iter().flat_map(|r| r.missing_episodes.iter()) {
        let Some(back) = m.returned_at else { continue };
        all += 1;
        if m.rhi_at
            .is_some_and(|at| at.duration_since(back).as_hours() <= 72)
        {
            ok += 1;
        }
    }
    share(ok, all)
}

fn suitable_accommodation(records: &[ChildRecord]) -> f64 {
    let s: Vec<bool> = records
        .iter()
        .flat_map(|r| r.care_leaver_contacts.iter())
        .filter_map(|c| c.accommodation_suitable)
        .collect();
    share(s.iter().filter(|x| **x).count(), s.len())
}

// ----- tests ---------------------------------------------------------------------------

#[test]
fn every_child_validates_and_nothing_is_after_today() {
    let (config, records) = sample();
    assert_eq!(records.len(), SAMPLE);
    let today = config.today;
    let after = |d: Date| d > today;
    let ts_after = |t: Timestamp| local_date(t) > today;
    let mut ids = BTreeSet::new();
    for r in records {
        if let Err(e) = r.validate() {
            panic!("{}: {e}", r.child.id);
        }
        assert!(ids.insert(r.child.id.clone()), "child id used twice");
        let c = &r.child;
        assert!(c.date_of_birth.is_none_or(|d| !after(d)));
        let mut dates: Vec<Date> = Vec::new();
        dates.extend(
            r.allocations
                .iter()
                .flat_map(|a| [Some(a.start_date), a.end_date])
                .flatten(),
        );
        dates.extend(
            r.referrals
                .iter()
                .flat_map(|x| [Some(x.referral_date), x.closure_date])
                .flatten(),
        );
        dates.extend(
            r.assessments
                .iter()
                .flat_map(|x| [Some(x.start_date), x.child_seen_date, x.authorised_date])
                .flatten(),
        );
        dates.extend(r.strategy_discussions.iter().map(|x| x.date));
        dates.extend(
            r.section_47_enquiries
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(r.conferences.iter().map(|x| x.date));
        dates.extend(
            r.cp_plans
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(r.core_groups.iter().map(|x| x.date));
        dates.extend(
            r.cin_plans
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(
            r.plan_actions
                .iter()
                .flat_map(|x| [Some(x.agreed_date), x.completed_date])
                .flatten(),
        );
        dates.extend(r.visits.iter().map(|x| x.date));
        dates.extend(
            r.periods_of_care
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(
            r.care_episodes
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(r.looked_after_reviews.iter().map(|x| x.date));
        dates.extend(
            r.care_plans
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(r.health_checks.iter().map(|x| x.date));
        dates.extend(r.sdq_scores.iter().map(|x| x.date));
        dates.extend(r.peps.iter().map(|x| x.date));
        dates.extend(
            r.permanence
                .iter()
                .flat_map(|x| {
                    [
                        x.adm_decision_date,
                        x.placement_order_date,
                        x.matched_date,
                        x.placed_date,
                        x.order_date,
                        x.decision_reversed_date,
                    ]
                })
                .flatten(),
        );
        dates.extend(
            r.care_leaver
                .iter()
                .flat_map(|x| [Some(x.eligible_from), x.end_date])
                .flatten(),
        );
        dates.extend(r.care_leaver_contacts.iter().map(|x| x.date));
        dates.extend(r.pathway_plan_reviews.iter().map(|x| x.date));
        dates.extend(
            r.placement_details
                .iter()
                .flat_map(|x| [x.placement_plan_date, x.notification_date])
                .flatten(),
        );
        dates.extend(r.care_leaver.iter().filter_map(|x| x.needs_assessment_date));
        dates.extend(r.cin_plan_reviews.iter().map(|x| x.date));
        dates.extend(r.case_supervisions.iter().map(|x| x.date));
        dates.extend(
            r.private_fostering
                .iter()
                .flat_map(|x| [Some(x.notified_date), Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(
            r.lado_allegations
                .iter()
                .flat_map(|x| {
                    [
                        Some(x.allegation_date),
                        Some(x.referred_date),
                        x.closed_date,
                    ]
                })
                .flatten(),
        );
        dates.extend(
            r.pre_proceedings
                .iter()
                .flat_map(|x| {
                    [
                        Some(x.decision_date),
                        x.letter_date,
                        x.meeting_date,
                        x.end_date,
                    ]
                })
                .flatten(),
        );
        dates.extend(
            r.education_concerns
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        dates.extend(
            r.early_help
                .iter()
                .flat_map(|x| [Some(x.start_date), x.end_date])
                .flatten(),
        );
        if let Some(d) = dates.iter().find(|d| after(**d)) {
            panic!("{}: {d} is after today", r.child.id);
        }
        let stamps = r
            .contacts
            .iter()
            .flat_map(|x| [Some(x.received_at), x.decided_at])
            .chain(
                r.missing_episodes
                    .iter()
                    .flat_map(|x| [Some(x.started_at), x.returned_at, x.rhi_at]),
            )
            .flatten();
        for t in stamps {
            assert!(!ts_after(t), "{}: {t} is after today", r.child.id);
        }
    }
}

#[test]
fn record_ids_are_unique_and_follow_the_dfe_rule() {
    let (_, records) = sample();
    let mut seen = BTreeSet::new();
    for r in records.iter().take(1_000) {
        let ids = r
            .referrals
            .iter()
            .map(|x| x.id.as_str())
            .chain(r.contacts.iter().map(|x| x.id.as_str()))
            .chain(r.allocations.iter().map(|x| x.id.as_str()))
            .chain(r.care_episodes.iter().map(|x| x.id.as_str()))
            .chain(r.visits.iter().map(|x| x.id.as_str()))
            .chain(r.plan_actions.iter().map(|x| x.id.as_str()));
        for id in ids {
            assert!(
                id.len() <= 36 && id.starts_with(r.child.id.as_str()),
                "{id}"
            );
            assert!(seen.insert(id.to_owned()), "{id} used twice");
        }
    }
}

#[test]
fn same_seed_same_authority_different_seed_different() {
    let a = Generator::new(config(0.6, 300));
    let b = Generator::new(config(0.6, 300));
    let c = Generator::new(config(0.6, 300).with_seed(99));
    // Built in parallel and out of order, the records are still the same.
    let (left, right) = std::thread::scope(|s| {
        let l = s.spawn(|| (0..300).map(|i| a.child(i)).collect::<Vec<_>>());
        let r = s.spawn(|| (0..300).rev().map(|i| b.child(i)).collect::<Vec<_>>());
        (l.join().unwrap(), r.join().unwrap())
    });
    let right: Vec<_> = right.into_iter().rev().collect();
    assert!(left == right);
    assert_eq!(a.workforce(), b.workforce());
    let different = (0..300).filter(|&i| c.child(i) != left[i]).count();
    assert!(different > 280, "{different}");
    assert_ne!(a.workforce(), c.workforce());
}

#[test]
fn proportions_match_the_targets() {
    let (config, records) = sample();
    let t = &config.targets;
    assert_near(
        "re-referrals",
        re_referral_share(records),
        t.re_referral_share,
        0.03,
    );
    assert_near(
        "assessments within 45 WD",
        assessments_within_45wd(records),
        t.assessment_within_45wd_share,
        0.04,
    );
    assert_near(
        "ICPCs within 15 WD",
        icpcs_within_15wd(records),
        t.icpc_within_15wd_share,
        0.05,
    );
    let (three_plus, looked_after) = cla_three_plus_placements(records, config.today);
    println!("children looked after: {looked_after}");
    assert_near(
        "CLA with 3+ placements",
        three_plus,
        t.cla_three_plus_placements_share,
        0.04,
    );
    let open = records.iter().filter(|r| is_open_case(r)).count();
    let expected = t.open_case_share * records.len() as f64;
    assert_near("open cases / expected", open as f64 / expected, 1.0, 0.10);
    assert_near(
        "held on duty",
        held_on_duty_share(records),
        t.held_on_duty_share,
        0.03,
    );
    assert_near(
        "contacts becoming referrals",
        contact_conversion(records),
        t.contact_conversion_share,
        0.05,
    );
    assert_near(
        "referrals NFA",
        referral_nfa_share(records),
        t.referral_nfa_share,
        0.025,
    );
    assert_near(
        "assessed not in need",
        assessed_not_in_need_share(records),
        t.assessed_no_further_action_share,
        0.05,
    );
    assert_near(
        "ICPCs making a plan",
        icpc_to_plan_share(records),
        t.icpc_cp_plan_share,
        0.06,
    );
    assert_near(
        "RHI within 72 hours",
        rhi_within_72h(records),
        t.rhi_within_72h_share,
        0.06,
    );
    assert_near(
        "care leavers suitably accommodated",
        suitable_accommodation(records),
        t.care_leaver_suitable_accommodation_share,
        0.04,
    );
    let (mean_changes, five_plus) = worker_changes(records);
    println!("worker changes per open case: {mean_changes:.2}; 5+ changes: {five_plus:.3}");
}

#[test]
fn the_authority_looks_like_an_authority() {
    let (config, records) = sample();
    let today = config.today;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in records {
        let age = r.child.age_on(today);
        if r.cp_plans.iter().any(|p| p.is_open_on(today)) {
            *counts.entry("cp").or_default() += 1;
        }
        if r.periods_of_care.iter().any(|p| p.is_open_on(today)) {
            *counts.entry("cla").or_default() += 1;
            assert!(
                age.is_some_and(|a| a < 18),
                "{} looked after at {age:?}",
                r.child.id
            );
        }
        if r.care_leaver.iter().any(|c| c.end_date.is_none()) {
            *counts.entry("care leavers").or_default() += 1;
        }
        if r.child.uasc {
            *counts.entry("uasc").or_default() += 1;
        }
        if !r.child.disabilities.is_empty() {
            *counts.entry("disabled").or_default() += 1;
        }
        if r.referrals.is_empty() {
            *counts.entry("contacts only").or_default() += 1;
        }
        if !r.permanence.iter().all(|p| p.order_kind.is_none()) {
            *counts.entry("permanence orders").or_default() += 1;
        }
        if r.contacts
            .iter()
            .any(|c| c.outcome == Some(ContactOutcome::PrivateFostering))
        {
            *counts.entry("private fostering").or_default() += 1;
        }
        if open_social_work_case(r) {
            assert!(age.is_none_or(|a| a < 18), "{} open at {age:?}", r.child.id);
        }
    }
    println!("{counts:?}");
    let n = records.len() as f64;
    let rate = |k: &str| counts.get(k).copied().unwrap_or(0) as f64 / n;
    // Scaled to the demo's 16,000 children and 60,000 population: about 400 looked
    // after (67 per 10,000, EES 2025) and 250 on plans (41 per 10,000, EES D1).
    assert!((0.018..0.035).contains(&rate("cla")), "cla {}", rate("cla"));
    assert!((0.010..0.024).contains(&rate("cp")), "cp {}", rate("cp"));
    assert!(
        (0.012..0.03).contains(&rate("care leavers")),
        "care leavers {}",
        rate("care leavers")
    );
    assert!(
        (0.07..0.13).contains(&rate("disabled")),
        "disabled {}",
        rate("disabled")
    );
    assert!(rate("uasc") > 0.001 && rate("private fostering") > 0.0);
}

/// Actions due by `today` and still open, over all actions due by `today`.
fn overdue_actions(records: &[ChildRecord], today: Date) -> f64 {
    let due: Vec<_> = records
        .iter()
        .flat_map(|r| r.plan_actions.iter())
        .filter(|a| a.due_date < today)
        .collect();
    share(
        due.iter().filter(|a| a.is_overdue_on(today)).count(),
        due.len(),
    )
}

/// Child in need and child protection plans with no actions recorded.
fn plans_without_actions(records: &[ChildRecord]) -> f64 {
    let (mut bare, mut all) = (0, 0);
    for r in records {
        let ids = r
            .cin_plans
            .iter()
            .map(|p| &p.id)
            .chain(r.cp_plans.iter().map(|p| &p.id));
        for id in ids {
            all += 1;
            if !r.plan_actions.iter().any(|a| &a.plan_id == id) {
                bare += 1;
            }
        }
    }
    share(bare, all)
}

/// Strategy discussions the police attended.
fn police_attendance(records: &[ChildRecord]) -> f64 {
    use caseline_domain::codes::Agency;
    let sds: Vec<_> = records
        .iter()
        .flat_map(|r| r.strategy_discussions.iter())
        .collect();
    share(
        sds.iter()
            .filter(|s| !s.missing_required_agencies().contains(&Agency::Police))
            .count(),
        sds.len(),
    )
}

#[test]
fn poorer_practice_is_slower_and_less_stable() {
    let n = 1_500;
    let good: Vec<_> = Generator::new(config(1.0, n)).children().collect();
    let poor: Vec<_> = Generator::new(config(0.0, n)).children().collect();
    let (good_changes, good_five) = worker_changes(&good);
    let (poor_changes, poor_five) = worker_changes(&poor);
    println!(
        "good: 45WD {:.3} 15WD {:.3} duty {:.3} changes {good_changes:.2} 5+ {good_five:.3}",
        assessments_within_45wd(&good),
        icpcs_within_15wd(&good),
        held_on_duty_share(&good)
    );
    println!(
        "poor: 45WD {:.3} 15WD {:.3} duty {:.3} changes {poor_changes:.2} 5+ {poor_five:.3}",
        assessments_within_45wd(&poor),
        icpcs_within_15wd(&poor),
        held_on_duty_share(&poor)
    );
    assert!(assessments_within_45wd(&poor) + 0.2 < assessments_within_45wd(&good));
    assert!(icpcs_within_15wd(&poor) + 0.15 < icpcs_within_15wd(&good));
    assert!(held_on_duty_share(&poor) > held_on_duty_share(&good) + 0.06);
    assert!(poor_changes > good_changes * 1.3);
    assert!(poor_five > good_five);
    let (good_overdue, poor_overdue) =
        (overdue_actions(&good, TODAY), overdue_actions(&poor, TODAY));
    let (good_bare, poor_bare) = (plans_without_actions(&good), plans_without_actions(&poor));
    let (good_police, poor_police) = (police_attendance(&good), police_attendance(&poor));
    println!(
        "overdue actions {good_overdue:.3} -> {poor_overdue:.3}; plans without actions {good_bare:.3} -> {poor_bare:.3}; police at strategy discussions {good_police:.3} -> {poor_police:.3}"
    );
    assert!(poor_overdue > good_overdue + 0.1);
    assert!(poor_bare > good_bare + 0.15);
    assert!(poor_police + 0.15 < good_police);
}

#[test]
fn other_targets_are_followed_too() {
    let mut c = config(0.6, 16_000).with_seed(7);
    let t = &mut c.targets;
    t.re_referral_share = 0.30;
    t.assessment_within_45wd_share = 0.70;
    t.icpc_within_15wd_share = 0.65;
    t.cla_three_plus_placements_share = 0.20;
    t.open_case_share = 0.15;
    t.held_on_duty_share = 0.10;
    t.contact_conversion_share = 0.25;
    t.referral_nfa_share = 0.10;
    let records: Vec<_> = Generator::new(c.clone()).children().collect();
    let t = &c.targets;
    assert_near(
        "re-referrals",
        re_referral_share(&records),
        t.re_referral_share,
        0.03,
    );
    assert_near(
        "assessments within 45 WD",
        assessments_within_45wd(&records),
        t.assessment_within_45wd_share,
        0.04,
    );
    assert_near(
        "ICPCs within 15 WD",
        icpcs_within_15wd(&records),
        t.icpc_within_15wd_share,
        0.05,
    );
    let (three_plus, _) = cla_three_plus_placements(&records, c.today);
    assert_near(
        "CLA with 3+ placements",
        three_plus,
        t.cla_three_plus_placements_share,
        0.05,
    );
    let open = records.iter().filter(|r| is_open_case(r)).count();
    let expected = t.open_case_share * records.len() as f64;
    assert_near("open cases / expected", open as f64 / expected, 1.0, 0.10);
    assert_near(
        "held on duty",
        held_on_duty_share(&records),
        t.held_on_duty_share,
        0.03,
    );
    assert_near(
        "contacts becoming referrals",
        contact_conversion(&records),
        t.contact_conversion_share,
        0.05,
    );
    assert_near(
        "referrals NFA",
        referral_nfa_share(&records),
        t.referral_nfa_share,
        0.025,
    );
}

/// For each rule: the share of its clocks that fell due in the year to `today` that
/// were met on time (met late, missed and overdue count against), and how many there
/// were. The last year only: the generator records case supervision for allocations
/// open in the last year, so older allocations show supervision as missed.
fn on_time_by_rule(records: &[ChildRecord], today: Date) -> HashMap<&'static str, (f64, usize)> {
    use caseline_domain::clocks::{ClockSettings, ClockState, clocks_for};
    let now: Timestamp = format!("{today}T23:59:59Z").parse().unwrap();
    let mut counts: HashMap<&'static str, (usize, usize)> = HashMap::new();
    for r in records {
        for c in clocks_for(r, today, now, calendar(), ClockSettings::default()) {
            if c.due.date() > today || c.due.date() <= today - days(365) {
                continue;
            }
            let e = counts.entry(c.rule.id).or_default();
            e.1 += 1;
            e.0 += usize::from(c.state == ClockState::MetOnTime);
        }
    }
    counts
        .into_iter()
        .map(|(rule, (hit, n))| (rule, (share(hit, n), n)))
        .collect()
}

/// The rules whose records the generator adds last (placement plans, visits in the
/// regulation 28(3)-(5) situations, PEPs, needs assessments, personal adviser visits,
/// LADO resolution and the local standards).
const LATER_RULES: [&str; 17] = [
    "LAC-VISIT-REG19",
    "LAC-VISIT-REG24-ICO",
    "LAC-VISIT-CARE-ORDER-HOME",
    "CARE-PLAN-10WD",
    "PLACEMENT-PLAN-5WD",
    "PLACEMENT-NOTIFICATION-5WD",
    "PEP-INITIAL-20WD",
    "PEP-TERMLY",
    "NEEDS-ASSESSMENT-3M",
    "PA-VISIT",
    "LADO-RESOLUTION-1M",
    "ALLOCATION-LOCAL",
    "URGENT-CONTACT-LOCAL",
    "CIN-PLAN-REVIEW-LOCAL",
    "CASE-SUPERVISION-LOCAL",
    "CP-VISIT-LOCAL",
    "CIN-VISIT-LOCAL",
];

#[test]
fn the_later_rules_have_records_and_are_mostly_met() {
    let (config, records) = sample();
    let got = on_time_by_rule(records, config.today);
    for rule in LATER_RULES {
        let (on_time, n) = got.get(rule).copied().unwrap_or((0.0, 0));
        println!("{rule}: {n} due, {on_time:.3} met on time");
        assert!(n > 0, "{rule}: no clocks fell due");
    }
    // Paperwork is late with chance 0.21 at quality 0.6 (Practice::paperwork_late), and
    // a plan not yet recorded by today is overdue: about 0.79 on time, less a little.
    for rule in ["PLACEMENT-PLAN-5WD", "PLACEMENT-NOTIFICATION-5WD"] {
        assert_near(rule, got[rule].0, 0.78, 0.05);
    }
    // Supervision every 12-19 working days; with chance 0.18 (Practice::late_visit)
    // 3-19 more, which passes 20 about four times in five (for a gap of 12, 9 or more
    // of the 17 extras; for 19, all): about 1 - 0.18 x 0.8 = 0.86 on time.
    assert_near("supervision", got["CASE-SUPERVISION-LOCAL"].0, 0.86, 0.04);
    // The three kinds of placement that change visit frequency all occur.
    let flags = |f: fn(&caseline_domain::looked_after::PlacementDetails) -> bool| {
        records
            .iter()
            .flat_map(|r| &r.placement_details)
            .filter(|d| f(d))
            .count()
    };
    assert!(flags(|d| d.temporary_approval_reg24) > 20);
    assert!(flags(|d| d.placed_before_assessment_reg19) > 5);
}

#[test]
fn the_later_rules_are_met_less_often_where_practice_is_poor() {
    let n = 3_000;
    let good: Vec<_> = Generator::new(config(1.0, n)).children().collect();
    let poor: Vec<_> = Generator::new(config(0.0, n)).children().collect();
    let (good, poor) = (on_time_by_rule(&good, TODAY), on_time_by_rule(&poor, TODAY));
    for rule in [
        "PLACEMENT-PLAN-5WD",
        "PLACEMENT-NOTIFICATION-5WD",
        "CARE-PLAN-10WD",
        "NEEDS-ASSESSMENT-3M",
        "URGENT-CONTACT-LOCAL",
        "CIN-PLAN-REVIEW-LOCAL",
        "CASE-SUPERVISION-LOCAL",
        "PA-VISIT",
    ] {
        let (g, p) = (good[rule].0, poor[rule].0);
        println!("{rule}: good {g:.3}, poor {p:.3}");
        assert!(p + 0.05 < g, "{rule}: good {g:.3}, poor {p:.3}");
    }
}

/// How many findings of `kind` the domain finds in the authority on `TODAY`.
fn findings_of(g: &Generator, records: &[ChildRecord], kind: &str) -> usize {
    use caseline_domain::work::{WorkSettings, Workforce, case_work};
    let w = g.workforce();
    let workforce = Workforce::new(w.teams.clone(), w.workers.clone());
    let settings = WorkSettings {
        today: TODAY,
        now: "2026-01-01T00:00:00Z".parse().unwrap(),
        calendar: calendar(),
        clocks: Default::default(),
        findings: Default::default(),
    };
    records
        .iter()
        .map(|r| case_work(r, &workforce, &settings))
        .flat_map(|c| c.findings)
        .filter(|f| {
            f.kind.id == kind && (kind != "PLAN-ACTIONS" || f.detail.contains("no named owner"))
        })
        .count()
}

#[test]
fn poorer_practice_leaves_the_drift_the_findings_look_for() {
    let n = 2_000;
    let good_g = Generator::new(config(1.0, n));
    let poor_g = Generator::new(config(0.0, n));
    let good: Vec<_> = good_g.children().collect();
    let poor: Vec<_> = poor_g.children().collect();
    for kind in ["HELD-BY-MANAGER", "PLAN-ACTIONS"] {
        let (g, p) = (
            findings_of(&good_g, &good, kind),
            findings_of(&poor_g, &poor, kind),
        );
        println!("{kind}: good {g}, poor {p}");
        assert_eq!(g, 0, "{kind} at the best practice");
        assert!(p > 0, "{kind} at the poorest practice");
    }
    // Semi-independent (H5) placements made before K3 existed still show at the best
    // practice: the finding asks for them to be checked.
    for kind in [
        "UNREGISTERED-PLACEMENT",
        "NOT-SEEN",
        "HELD-ON-DUTY",
        "STRATEGY-PARTNERS-ABSENT",
    ] {
        let (g, p) = (
            findings_of(&good_g, &good, kind),
            findings_of(&poor_g, &poor, kind),
        );
        println!("{kind}: good {g}, poor {p}");
        assert!(p > g, "{kind}: poor {p} should exceed good {g}");
    }
}

/// For each child looked after on `today`: whether their usual placement is out of
/// the area, and its distance from home in miles (`None` if not measurable).
fn distances_on(g: &Generator, records: &[ChildRecord], today: Date) -> Vec<(bool, Option<f64>)> {
    let centroids = g.centroids();
    records
        .iter()
        .filter_map(|r| {
            let period = r.periods_of_care.iter().find(|p| p.is_open_on(today))?;
            let e = r
                .care_episodes
                .iter()
                .filter(|e| e.period_id == period.id && e.start_date <= today)
                .filter(|e| !e.placement_type.is_temporary())
                .max_by_key(|e| e.start_date)?;
            let miles = e
                .home_postcode
                .as_ref()
                .zip(e.placement_postcode.as_ref())
                .and_then(|(h, p)| centroids.distance(h, p).ok())
                .map(|d| d.miles);
            Some((!e.in_area, miles))
        })
        .collect()
}

#[test]
fn in_area_placements_are_near_home_and_a_fifth_are_over_20_miles() {
    let (config, records) = sample();
    let g = Generator::new(config.clone());
    let d = distances_on(&g, records, TODAY);
    // Every generated postcode is in a district the generator has centroids for.
    assert!(
        d.iter().all(|(_, m)| m.is_some()),
        "a distance is unmeasurable"
    );
    let widest_in_area = d
        .iter()
        .filter(|(out, _)| !out)
        .filter_map(|(_, m)| *m)
        .fold(0.0_f64, f64::max);
    println!("widest in-area distance {widest_in_area:.1} miles");
    assert!(widest_in_area <= 20.0);
    let far = d
        .iter()
        .filter(|(_, m)| m.is_some_and(|m| m > 20.0))
        .count();
    // domain.md has no England figure; EES placement location 2015: 19% of those
    // with a known distance (see `Practice::far_placement`).
    assert_near(
        "placed over 20 miles from home",
        share(far, d.len()),
        0.19,
        0.05,
    );
}

/// Out-of-area placements begun at any time (903 episodes starting a placement), and
/// how many of them are over 20 miles from home.
fn far_out_of_area_placements(g: &Generator, records: &[ChildRecord]) -> f64 {
    let centroids = g.centroids();
    let (mut far, mut all) = (0, 0);
    for e in records.iter().flat_map(|r| &r.care_episodes) {
        if e.in_area
            || e.placement_type.is_temporary()
            || e.reason_new_episode == ReasonNewEpisode::LegalStatusChangeOnly
        {
            continue;
        }
        let (Some(h), Some(p)) = (&e.home_postcode, &e.placement_postcode) else {
            continue;
        };
        all += 1;
        if centroids.distance(h, p).unwrap().miles > 20.0 {
            far += 1;
        }
    }
    share(far, all)
}

#[test]
fn poorer_practice_places_more_children_far_from_home() {
    let n = 1_500;
    let good_g = Generator::new(config(1.0, n));
    let poor_g = Generator::new(config(0.0, n));
    let good = far_out_of_area_placements(&good_g, &good_g.children().collect::<Vec<_>>());
    let poor = far_out_of_area_placements(&poor_g, &poor_g.children().collect::<Vec<_>>());
    println!("out-of-area placements over 20 miles: good {good:.3}, poor {poor:.3}");
    // Configured 0.40 and 0.80.
    assert!(poor > good + 0.25, "good {good:.3}, poor {poor:.3}");
}
