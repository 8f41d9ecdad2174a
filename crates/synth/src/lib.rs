//! The synthetic authority generator: a realistic local authority's children's social
//! care records, deterministic from a seed, for demos, tests and benchmarks.
//!
//! Every name, address and identifier is made up: names from lists of common names,
//! postcodes in districts no real postcode uses, NHS numbers in the range reserved for
//! testing, Ofsted URNs and UPNs under a fictional authority code.
//!
//! ```
//! use caseline_synth::{Generator, SynthConfig};
//! let config = SynthConfig::demo(jiff::civil::date(2025, 3, 31)).with_children(50);
//! let generator = Generator::new(config);
//! let child = generator.child(7);
//! assert!(child.validate().is_ok());
//! assert_eq!(generator.child(7), child); // the same seed gives the same record
//! ```
//!
//! Each child is built from its own random stream (seeded from the seed and its index),
//! so children can be generated in any order, or in parallel, with the same result.
//! Journeys follow the England flows and timescales in the project's domain reference:
//! contacts, referrals and re-referrals, assessments against the 45 working day limit,
//! strategy discussions, section 47 enquiries, conferences against 15 working days,
//! child protection and child in need plans with visits and actions, periods of care
//! with SSDA903 episodes, reviews, health, missing episodes and permanence, care
//! leavers, private fostering, allegations and pre-proceedings. Staff join and leave
//! over the years, so children's workers change. Placement plans and notifications,
//! needs assessments, personal adviser visits, child in need plan reviews and case
//! supervision are added last, from a random stream of their own.

mod allocation;
mod care;
mod child;
mod config;
mod days;
mod episode;
mod extras;
mod geography;
mod leaving;
mod looked_after;
mod names;
mod paperwork;
mod placement;
mod plan;
mod rng;
mod spec;
mod workforce;

use caseline_domain::calendar::WorkingDayCalendar;
use caseline_domain::{ChildRecord, ValidationError};

pub use config::{SynthConfig, Targets};
pub use workforce::Workforce;

use crate::config::Practice;
use crate::days::{Day, add_years, day};
use crate::plan::Mix;
use crate::workforce::Staffing;

/// Generates a synthetic authority: its workforce up front, then any child on demand.
#[derive(Debug, Clone)]
pub struct Generator {
    config: SynthConfig,
    calendar: WorkingDayCalendar,
    workforce: Workforce,
    /// Each team's managers (start, end, id), so nothing scans every worker per child.
    managers: std::collections::HashMap<
        caseline_domain::TeamId,
        Vec<(Day, Option<Day>, caseline_domain::WorkerId)>,
    >,
    staffing: Staffing,
    practice: Practice,
    mix: Mix,
    today: Day,
    history_start: Day,
}

impl Generator {
    /// Prepares a generator: builds the calendar, the workforce and the journey mix.
    pub fn new(config: SynthConfig) -> Self {
        let today = day(config.today);
        let years = i32::from(config.years_of_history.max(1));
        let history_start = add_years(today, -years);
        let practice = Practice::new(config.practice_quality);
        let mix = Mix::new(&config.targets);
        let (workforce, staffing) =
            infallible(workforce::build(&config, &practice, history_start, today));
        let mut managers: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
        for w in workforce
            .workers
            .iter()
            .filter(|w| w.role == caseline_domain::codes::JobRole::TeamManager)
        {
            managers.entry(w.team_id.clone()).or_default().push((
                day(w.start_date),
                w.end_date.map(day),
                w.id.clone(),
            ));
        }
        Self {
            config,
            calendar: WorkingDayCalendar::england_and_wales(),
            workforce,
            managers,
            staffing,
            practice,
            mix,
            today,
            history_start,
        }
    }

    /// The settings the generator was made with.
    pub fn config(&self) -> &SynthConfig {
        &self.config
    }

    /// The authority's teams and workers (past and present).
    pub fn workforce(&self) -> &Workforce {
        &self.workforce
    }

    /// Child number `index` (0-based), the same every time for the same settings.
    ///
    /// # Panics
    ///
    /// Never in practice: see [`Generator::try_child`].
    pub fn child(&self, index: usize) -> ChildRecord {
        infallible(self.try_child(index))
    }

    /// Child number `index`, or the validation error met while building it. Every id,
    /// postcode and code is built from fixed alphabets and lengths, so an error means a
    /// bug in the generator; the tests check that every child validates.
    pub fn try_child(&self, index: usize) -> Result<ChildRecord, ValidationError> {
        child::Builder::build(self, index)
    }

    /// Centroids for every postcode district and sector the generator uses (its own
    /// fictional districts and the out-of-area ones), so placement distances can be
    /// measured as for a real authority with the ONS Postcode Directory loaded.
    pub fn centroids(&self) -> caseline_domain::geography::Centroids {
        geography::centroids()
    }

    /// The authority's child population, one estimate per mid-year over the history,
    /// the latest being [`SynthConfig::child_population`].
    pub fn child_population(&self) -> Vec<caseline_domain::population::PopulationEstimate> {
        geography::population(self.config.child_population, self.history_start, self.today)
    }

    /// All the configured children, in index order.
    pub fn children(&self) -> impl Iterator<Item = ChildRecord> + '_ {
        (0..self.config.children).map(|i| self.child(i))
    }
}

/// Unwraps a value that cannot be an error: ids, postcodes and registration numbers are
/// built from fixed alphabets within their length limits. A failure here is a bug in
/// this crate, caught by its tests, so it stops the program rather than produce an
/// invalid record.
#[allow(clippy::panic)]
fn infallible<T>(result: Result<T, ValidationError>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("caseline-synth built an invalid record (a bug in the generator): {e}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn small(seed: u64, n: usize) -> Generator {
        Generator::new(
            SynthConfig::demo(Date::constant(2025, 3, 31))
                .with_seed(seed)
                .with_children(n),
        )
    }

    #[test]
    fn children_validate() {
        let g = small(11, 600);
        for (i, c) in g.children().enumerate() {
            if let Err(e) = c.validate() {
                panic!("child {i}: {e}");
            }
        }
    }

    #[test]
    fn same_seed_same_records_in_any_order() {
        let a = small(5, 100);
        let b = small(5, 100);
        let forward: Vec<ChildRecord> = a.children().collect();
        let backward: Vec<ChildRecord> = (0..100).rev().map(|i| b.child(i)).collect();
        for (i, c) in forward.iter().enumerate() {
            assert_eq!(c, &backward[99 - i]);
        }
        assert_eq!(a.workforce(), b.workforce());
        let other = small(6, 100);
        let differing = (0..100).filter(|&i| other.child(i) != forward[i]).count();
        assert!(differing > 90, "{differing}");
    }
}
