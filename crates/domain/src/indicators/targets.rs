//! Targets the authority sets itself, and red/amber/green ratings against them and
//! against England. A rating is always given in words; colour only repeats it, so the
//! pages read the same without colour.

use std::collections::BTreeMap;

use super::{AgainstEngland, Better, Indicator};

/// A target for one indicator, set by the authority (improvement plan, board).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The value to reach, in the indicator's unit (a percentage for shares).
    pub value: f64,
    /// How far short of the target still counts as amber, in the same unit.
    pub amber_within: f64,
    /// Why this target, or who set it (shown beside it).
    pub basis: String,
}

/// Every target the authority has set, by indicator id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets(BTreeMap<String, Target>);

/// Why a set of targets was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("target for {indicator}: {problem}")]
pub struct TargetError {
    /// The indicator id the target names.
    pub indicator: String,
    /// What is wrong.
    pub problem: String,
}

impl Targets {
    /// Checks and collects targets: each must name a known indicator with a better
    /// direction (a rate or a mix is context, not performance), and have finite,
    /// non-negative figures (percentages at most 100).
    pub fn new(targets: impl IntoIterator<Item = (String, Target)>) -> Result<Self, TargetError> {
        let mut all = BTreeMap::new();
        for (id, t) in targets {
            let fail = |problem: &str| TargetError {
                indicator: id.clone(),
                problem: problem.to_owned(),
            };
            let ind = super::by_id(&id).ok_or_else(|| fail("is not a known indicator"))?;
            if ind.better == Better::Neither {
                return Err(fail(
                    "this indicator is context with no better direction, so it takes no target",
                ));
            }
            if !t.value.is_finite() || t.value < 0.0 {
                return Err(fail("the target must be a number of 0 or more"));
            }
            if !t.amber_within.is_finite() || t.amber_within < 0.0 {
                return Err(fail("amber_within must be a number of 0 or more"));
            }
            if super::is_percent(ind) && t.value > 100.0 {
                return Err(fail("a percentage target must be at most 100"));
            }
            all.insert(id, t);
        }
        Ok(Self(all))
    }

    /// The target for an indicator, if one is set.
    pub fn get(&self, id: &str) -> Option<&Target> {
        self.0.get(id)
    }

    /// Every target, by indicator id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Target)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// A red/amber/green rating, always with its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rag {
    /// Meets the target, or better than England.
    Green,
    /// Short of the target by no more than its amber margin, or similar to England.
    Amber,
    /// Further short of the target, or worse than England.
    Red,
    /// No rating: no value, no target or England figure, or a context indicator.
    NotRated,
}

impl Rag {
    /// The rating in words.
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "Green",
            Rag::Amber => "Amber",
            Rag::Red => "Red",
            Rag::NotRated => "Not rated",
        }
    }
}

impl From<AgainstEngland> for Rag {
    fn from(a: AgainstEngland) -> Self {
        match a {
            AgainstEngland::Better => Rag::Green,
            AgainstEngland::Similar => Rag::Amber,
            AgainstEngland::Worse => Rag::Red,
            AgainstEngland::NoFigure | AgainstEngland::Higher | AgainstEngland::Lower => {
                Rag::NotRated
            }
        }
    }
}

impl Indicator {
    /// How `value` stands against the authority's `target`: green at or beyond it in
    /// the better direction, amber short of it by no more than its margin, red beyond.
    pub fn against_target(&self, value: Option<f64>, target: Option<&Target>) -> Rag {
        let (Some(v), Some(t)) = (value, target) else {
            return Rag::NotRated;
        };
        // How far short of the target, positive when worse.
        let short = match self.better {
            Better::Higher => t.value - v,
            Better::Lower => v - t.value,
            Better::Neither => return Rag::NotRated,
        };
        if short <= 0.0 {
            Rag::Green
        } else if short <= t.amber_within {
            Rag::Amber
        } else {
            Rag::Red
        }
    }

    /// The rating against England (green better, amber similar, red worse).
    pub fn rag_against_england(&self, value: Option<f64>) -> Rag {
        self.against_england(value).into()
    }

    /// The gap from `value` to `other`, signed so that positive is better (for an
    /// indicator with no better direction, simply value minus other).
    pub fn gap(&self, value: f64, other: f64) -> f64 {
        match self.better {
            Better::Lower => other - value,
            Better::Higher | Better::Neither => value - other,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::indicators::by_id;

    fn target(value: f64, amber_within: f64) -> Target {
        Target {
            value,
            amber_within,
            basis: "test".to_owned(),
        }
    }

    #[test]
    fn higher_is_better_targets_rate_at_their_edges() {
        // Assessments within 45 working days: target 90, amber within 5.
        let ind = by_id("HP-ASSESSMENTS-45WD").unwrap();
        let t = target(90.0, 5.0);
        assert_eq!(ind.against_target(Some(90.0), Some(&t)), Rag::Green);
        assert_eq!(ind.against_target(Some(95.0), Some(&t)), Rag::Green);
        assert_eq!(ind.against_target(Some(85.0), Some(&t)), Rag::Amber);
        assert_eq!(ind.against_target(Some(84.9), Some(&t)), Rag::Red);
        assert_eq!(ind.against_target(None, Some(&t)), Rag::NotRated);
        assert_eq!(ind.against_target(Some(50.0), None), Rag::NotRated);
        assert_eq!(ind.gap(85.0, 90.0), -5.0);
    }

    #[test]
    fn lower_is_better_targets_rate_the_other_way() {
        // Re-referrals: target 18, amber within 2.
        let ind = by_id("HP-RE-REFERRALS").unwrap();
        let t = target(18.0, 2.0);
        assert_eq!(ind.against_target(Some(18.0), Some(&t)), Rag::Green);
        assert_eq!(ind.against_target(Some(12.0), Some(&t)), Rag::Green);
        assert_eq!(ind.against_target(Some(20.0), Some(&t)), Rag::Amber);
        assert_eq!(ind.against_target(Some(20.1), Some(&t)), Rag::Red);
        // 20% against a target of 18% is 2 points worse.
        assert_eq!(ind.gap(20.0, 18.0), -2.0);
    }

    #[test]
    fn england_ratings_follow_the_comparison_in_words() {
        let ind = by_id("HP-RE-REFERRALS").unwrap(); // England 22.6, lower better
        assert_eq!(ind.rag_against_england(Some(15.0)), Rag::Green);
        assert_eq!(ind.rag_against_england(Some(22.8)), Rag::Amber);
        assert_eq!(ind.rag_against_england(Some(30.0)), Rag::Red);
        assert_eq!(ind.rag_against_england(None), Rag::NotRated);
        let rate = by_id("CIC-RATE").unwrap(); // context
        assert_eq!(rate.rag_against_england(Some(90.0)), Rag::NotRated);
    }

    #[test]
    fn trend_windows_are_whole_months_ending_on_the_day() {
        let w = crate::indicators::trend_windows(jiff::civil::date(2024, 3, 15), 24);
        assert_eq!(w.len(), 24);
        assert_eq!(w[0].from, jiff::civil::date(2022, 4, 1));
        assert_eq!(w[0].to, jiff::civil::date(2022, 4, 30));
        assert_eq!(w[22].to, jiff::civil::date(2024, 2, 29));
        assert_eq!(w[23].from, jiff::civil::date(2024, 3, 1));
        assert_eq!(w[23].to, jiff::civil::date(2024, 3, 15));
    }

    #[test]
    fn targets_are_refused_naming_the_indicator() {
        let bad = |id: &str, t: Target| Targets::new([(id.to_owned(), t)]).unwrap_err();
        let e = bad("NOPE", target(1.0, 0.0));
        assert_eq!(e.indicator, "NOPE");
        assert!(e.to_string().contains("not a known indicator"));
        let e = bad("CIC-RATE", target(60.0, 5.0));
        assert!(e.problem.contains("context"), "{e}");
        let e = bad("HP-ASSESSMENTS-45WD", target(120.0, 5.0));
        assert!(e.problem.contains("at most 100"), "{e}");
        let e = bad("HP-ASSESSMENTS-45WD", target(90.0, -1.0));
        assert!(e.problem.contains("amber_within"), "{e}");
        let ok = Targets::new([("HP-ASSESSMENTS-45WD".to_owned(), target(90.0, 5.0))]).unwrap();
        assert_eq!(ok.get("HP-ASSESSMENTS-45WD").unwrap().value, 90.0);
        assert!(ok.get("HP-RE-REFERRALS").is_none());
    }
}
