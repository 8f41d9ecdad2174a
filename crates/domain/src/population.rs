//! The authority's child population: how many children aged 0 to 17 live in its area,
//! the denominator of every rate per 10,000 (contacts, referrals, children looked
//! after), from the ONS mid-year population estimates.
//!
//! One estimate is held per mid-year, because a rate for a past window should divide
//! by the population of its own time. A window uses the latest estimate whose mid-year
//! (30 June) falls on or before the window's last day: the year to 31 March 2025 uses
//! mid-2024, as the DfE's published rates do. A window ending before every estimate
//! held has no population, and its rates are "no data", never worked out against a
//! later or invented figure.

use jiff::civil::Date;

use crate::ValidationError;

/// One ONS mid-year estimate of the children aged 0 to 17 in the authority.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PopulationEstimate {
    /// The mid-year the estimate is for: 2024 for ONS "mid-2024" (30 June 2024), not
    /// the year it was published.
    pub mid_year: i16,
    /// Children aged 0 to 17.
    pub children: u32,
    /// Where the figure comes from ("ONS mid-2024 population estimates, table MYE2").
    pub source: String,
}

impl PopulationEstimate {
    /// An estimate, checked: a mid-year from 1971 (the first ONS series) to 2100, at
    /// least one child, a source named, and a source that names a mid-year ("mid-2023")
    /// naming this one, so the estimate for mid-2023 cannot be filed under 2024 by
    /// mistake.
    pub fn new(mid_year: i16, children: u32, source: &str) -> Result<Self, ValidationError> {
        const R: &str = "child population estimate";
        let id = format!("mid-{mid_year}");
        if !(1971..=2100).contains(&mid_year) {
            return Err(ValidationError::new(
                R,
                &id,
                "mid_year",
                "must be the year of the estimate, from 1971 to 2100",
            ));
        }
        if children == 0 {
            return Err(ValidationError::new(
                R,
                &id,
                "children",
                "must be at least 1: give the ONS estimate of children aged 0 to 17",
            ));
        }
        let source = source.trim();
        if source.is_empty() {
            return Err(ValidationError::new(
                R,
                &id,
                "source",
                "is empty: name where the figure comes from (e.g. 'ONS mid-2024')",
            ));
        }
        if let Some(named) = named_mid_year(source).filter(|y| *y != mid_year) {
            return Err(ValidationError::new(
                R,
                &id,
                "mid_year",
                format!(
                    "is {mid_year} but the source names mid-{named}: the year is the estimate's own mid-year"
                ),
            ));
        }
        Ok(Self {
            mid_year,
            children,
            source: source.to_owned(),
        })
    }

    /// The day the estimate is for: 30 June of its mid-year.
    pub fn reference_date(&self) -> Date {
        mid_year_day(self.mid_year)
    }
}

/// 30 June of `year`.
fn mid_year_day(year: i16) -> Date {
    Date::new(year, 6, 30).unwrap_or(Date::MIN)
}

/// The year in "mid-2024" (or "mid 2024"), if the text names one.
fn named_mid_year(text: &str) -> Option<i16> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("mid").find_map(|(i, m)| {
        let rest = lower[i + m.len()..].trim_start_matches(['-', ' ']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    })
}

/// Why a window has no population to divide by.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoEstimate {
    /// None is held at all.
    #[error(
        "no child population is stored: set the ONS mid-year estimate of children aged 0 to 17 with `caseline population set`"
    )]
    NoneStored,
    /// Every estimate held is for a later mid-year than the window.
    #[error(
        "no child population estimate for a mid-year on or before {on} is stored (the earliest is mid-{earliest}): add it with `caseline population set`"
    )]
    NoneSoEarly {
        /// The window's last day.
        on: Date,
        /// The earliest mid-year held.
        earliest: i16,
    },
}

/// The estimates held, one per mid-year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChildPopulation {
    /// Oldest first, one per mid-year.
    estimates: Vec<PopulationEstimate>,
    /// A figure given for every window (a command-line override), if any.
    every_window: Option<PopulationEstimate>,
}

impl ChildPopulation {
    /// The estimates held; where two are for the same mid-year, the later one given.
    pub fn new(estimates: impl IntoIterator<Item = PopulationEstimate>) -> Self {
        let mut by_year = std::collections::BTreeMap::new();
        for e in estimates {
            by_year.insert(e.mid_year, e);
        }
        Self {
            estimates: by_year.into_values().collect(),
            every_window: None,
        }
    }

    /// One figure for every window, whatever its year (an analyst's override).
    pub fn every_window(children: u32, source: &str) -> Self {
        Self {
            estimates: Vec::new(),
            every_window: Some(PopulationEstimate {
                mid_year: 0,
                children,
                source: source.to_owned(),
            }),
        }
    }

    /// The estimates held, oldest first.
    pub fn estimates(&self) -> &[PopulationEstimate] {
        &self.estimates
    }

    /// Whether there is no figure for any window.
    pub fn is_empty(&self) -> bool {
        self.estimates.is_empty() && self.every_window.is_none()
    }

    /// The estimate a window ending on `on` divides by: the latest whose mid-year day
    /// (30 June) is on or before `on`.
    pub fn on(&self, on: Date) -> Result<&PopulationEstimate, NoEstimate> {
        if let Some(e) = &self.every_window {
            return Ok(e);
        }
        let first = self.estimates.first().ok_or(NoEstimate::NoneStored)?;
        self.estimates
            .iter()
            .rfind(|e| e.reference_date() <= on)
            .ok_or(NoEstimate::NoneSoEarly {
                on,
                earliest: first.mid_year,
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn est(year: i16, children: u32) -> PopulationEstimate {
        PopulationEstimate::new(year, children, &format!("ONS mid-{year}")).unwrap()
    }

    #[test]
    fn a_window_uses_the_latest_estimate_for_a_mid_year_on_or_before_its_end() {
        let p = ChildPopulation::new([est(2024, 61_000), est(2022, 59_000), est(2023, 60_000)]);
        let children = |d| p.on(d).map(|e| e.children);
        // The year to 31 March 2025 uses mid-2024, as the DfE's rates do.
        assert_eq!(children(date(2025, 3, 31)), Ok(61_000));
        // 30 June is the estimate's own day; the day before is the year before's.
        assert_eq!(children(date(2024, 6, 30)), Ok(61_000));
        assert_eq!(children(date(2024, 6, 29)), Ok(60_000));
        // Long after the latest: the latest.
        assert_eq!(children(date(2030, 1, 1)), Ok(61_000));
        // Before the earliest: none, and why.
        assert_eq!(
            children(date(2022, 6, 29)),
            Err(NoEstimate::NoneSoEarly {
                on: date(2022, 6, 29),
                earliest: 2022
            })
        );
        assert_eq!(
            ChildPopulation::default().on(date(2025, 3, 31)),
            Err(NoEstimate::NoneStored)
        );
    }

    #[test]
    fn a_later_estimate_for_the_same_year_replaces_the_earlier() {
        let p = ChildPopulation::new([est(2024, 61_000), est(2024, 61_500)]);
        assert_eq!(p.estimates().len(), 1);
        assert_eq!(p.on(date(2025, 1, 1)).unwrap().children, 61_500);
    }

    #[test]
    fn an_override_applies_to_every_window() {
        let p = ChildPopulation::every_window(50_000, "--population");
        assert_eq!(p.on(date(1990, 1, 1)).unwrap().children, 50_000);
        assert!(!p.is_empty());
    }

    #[test]
    fn estimates_are_checked_naming_the_field() {
        let field = |r: Result<PopulationEstimate, ValidationError>| r.unwrap_err().field;
        assert_eq!(field(PopulationEstimate::new(2024, 0, "ONS")), "children");
        assert_eq!(field(PopulationEstimate::new(2024, 1, "  ")), "source");
        assert_eq!(field(PopulationEstimate::new(1900, 1, "ONS")), "mid_year");
        // The source names mid-2024, so the estimate is for 2024, not 2025.
        let e = PopulationEstimate::new(2025, 61_234, "ONS mid-2024").unwrap_err();
        assert_eq!(e.field, "mid_year");
        assert!(e.problem.contains("mid-2024"), "{}", e.problem);
        assert!(PopulationEstimate::new(2024, 61_234, "ONS Mid 2024 estimates (MYE2)").is_ok());
        assert!(PopulationEstimate::new(2024, 61_234, "local estimate").is_ok());
    }
}
