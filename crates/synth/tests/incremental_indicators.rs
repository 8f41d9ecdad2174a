//! Every indicator counts each child from that child's own record, so the figures can be
//! kept current after a write by swapping only the written children's items. This checks
//! that property for every indicator on a generated authority: after changing some
//! children's records, the kept measure with their items swapped, and the kept tally
//! with their old items taken away and new ones added, equal a full recomputation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use caseline_domain::calendar::WorkingDayCalendar;
use caseline_domain::geography::Centroids;
use caseline_domain::indicators::{self, Input, Item, Measure, Tally, Window};
use caseline_domain::population::ChildPopulation;
use caseline_domain::work::Workforce;
use caseline_domain::{ChildRecord, PersonId};
use caseline_synth::{Generator, SynthConfig};
use jiff::civil::{Date, date};

const TODAY: Date = date(2026, 3, 31);

/// A written record: the most recent of each kind of work taken away (as if wrongly
/// recorded and deleted), so every indicator's items for the child can change.
fn rewritten(mut r: ChildRecord) -> ChildRecord {
    r.visits.truncate(r.visits.len() / 2);
    r.referrals.pop();
    r.assessments.pop();
    r.cp_plans.pop();
    r.care_episodes.pop();
    r.health_checks.pop();
    r.peps.pop();
    r.missing_episodes.pop();
    r.looked_after_reviews.pop();
    r.contacts.pop();
    r.care_leaver_contacts.pop();
    r.allocations.pop();
    r
}

fn sorted(items: &[Item]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    v.sort();
    v
}

fn same(a: &Measure, b: &Measure) -> bool {
    sorted(&a.numerator) == sorted(&b.numerator)
        && sorted(&a.denominator) == sorted(&b.denominator)
        && a.bands.len() == b.bands.len()
        && a.bands
            .iter()
            .zip(&b.bands)
            .all(|(x, y)| sorted(&x.items) == sorted(&y.items))
}

#[test]
fn swapping_written_childrens_items_equals_recomputing_every_indicator() {
    let config = SynthConfig::demo(TODAY).with_children(3_000).with_seed(5);
    let g = Generator::new(config);
    let before: Vec<ChildRecord> = g.children().collect();
    let w = g.workforce();
    let workforce = Workforce::new(w.teams.clone(), w.workers.clone());
    let calendar = WorkingDayCalendar::england_and_wales();
    // Every 7th child is rewritten and every 50th removed (restricted, say).
    let mut changed = HashSet::new();
    let mut after = Vec::new();
    let mut old_changed = Vec::new();
    let mut new_changed = Vec::new();
    for (n, r) in before.iter().enumerate() {
        if n % 50 == 0 {
            changed.insert(r.child.id.clone());
            old_changed.push(r.clone());
        } else if n % 7 == 0 {
            changed.insert(r.child.id.clone());
            old_changed.push(r.clone());
            let new = rewritten(r.clone());
            new_changed.push(new.clone());
            after.push(new);
        } else {
            after.push(r.clone());
        }
    }
    // The written children are recomputed against only the workers their records
    // name, as the performance cache does.
    let both: Vec<ChildRecord> = old_changed.iter().chain(&new_changed).cloned().collect();
    let named: &'static Workforce = Box::leak(Box::new(workforce.only_for(&both)));
    let workforce: &'static Workforce = Box::leak(Box::new(workforce));
    let calendar: &'static WorkingDayCalendar = Box::leak(Box::new(calendar));
    let population: &'static ChildPopulation =
        Box::leak(Box::new(ChildPopulation::new(g.child_population())));
    let centroids: &'static Centroids = Box::leak(Box::new(g.centroids()));
    let input = |records: &'static [ChildRecord], window| Input {
        records,
        window,
        calendar,
        workforce,
        population,
        centroids,
    };
    let delta = |records: &'static [ChildRecord], window| Input {
        records,
        window,
        calendar,
        workforce: named,
        population,
        centroids,
    };
    let leak = |v: Vec<ChildRecord>| -> &'static [ChildRecord] { Box::leak(v.into_boxed_slice()) };
    let (before, after) = (leak(before), leak(after));
    let (old_changed, new_changed) = (leak(old_changed), leak(new_changed));
    let ids: HashSet<&PersonId> = changed.iter().collect();
    assert!(ids.len() > 400);
    let mut wrong = Vec::new();
    for window in [Window::year_to(TODAY), Window::month_of(date(2025, 11, 1))] {
        for ind in indicators::all() {
            let full_before = (ind.compute)(&input(before, window));
            let full_after = (ind.compute)(&input(after, window));
            let mut kept = full_before.clone().in_child_order();
            kept.replace_children(
                &changed,
                &(ind.compute)(&delta(new_changed, window)).in_child_order(),
            );
            if !same(&kept, &full_after) {
                wrong.push(format!("{} {window:?}: swapped measure differs", ind.id));
            }
            let mut tally = Tally::of(&full_before);
            tally.remove(&(ind.compute)(&delta(old_changed, window)));
            tally.add(&(ind.compute)(&delta(new_changed, window)));
            let fresh = Tally::of(&full_after);
            let close = match (tally.value(), fresh.value()) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                (a, b) => a == b,
            };
            if !close
                || tally.counted != fresh.counted
                || tally.among != fresh.among
                || tally.bands != fresh.bands
            {
                wrong.push(format!(
                    "{} {window:?}: tally {:?}/{}/{} vs {:?}/{}/{}",
                    ind.id,
                    tally.value(),
                    tally.counted,
                    tally.among,
                    fresh.value(),
                    fresh.counted,
                    fresh.among
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
