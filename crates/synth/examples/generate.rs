//! Generates a synthetic authority and reports its size and how long it took.
//!
//! `cargo run --release -p caseline-synth --example generate -- 20000 [seed] [quality]`

use std::time::Instant;

use caseline_synth::{Generator, SynthConfig};

fn main() {
    let mut args = std::env::args().skip(1);
    let children: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(16_000);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_250_331);
    let quality: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0.6);
    let today = jiff::civil::date(2025, 3, 31);
    let config = SynthConfig::demo(today)
        .with_children(children)
        .with_seed(seed)
        .with_practice_quality(quality);
    let started = Instant::now();
    let generator = Generator::new(config);
    let setup = started.elapsed();
    let mut records = 0usize;
    let mut open = 0usize;
    let mut looked_after = 0usize;
    for child in generator.children() {
        records += child.contacts.len()
            + child.referrals.len()
            + child.assessments.len()
            + child.visits.len()
            + child.allocations.len()
            + child.care_episodes.len()
            + child.plan_actions.len();
        if child.referrals.iter().any(|r| r.closure_date.is_none())
            || child.care_leaver.iter().any(|c| c.end_date.is_none())
        {
            open += 1;
        }
        if child.periods_of_care.iter().any(|p| p.is_open_on(today)) {
            looked_after += 1;
        }
    }
    let total = started.elapsed();
    let workforce = generator.workforce();
    println!(
        "{children} children in {:.2?} (set-up {:.2?}): {open} open cases, {looked_after} looked after, \
         {} teams, {} workers, {records} main records",
        total,
        setup,
        workforce.teams.len(),
        workforce.workers.len(),
    );
}
