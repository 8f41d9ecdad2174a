//! Performance indicators: each with a written definition and its source, computed
//! for any date window from the records, and traceable to the named children behind
//! it. Pure functions; the pages, exports and self-assessment read them.
//!
//! An [`Indicator`] yields a [`Measure`]: the items it counts (the numerator, which is
//! the list a figure links to), the population it counts them among (the denominator,
//! for shares), any distribution bands, and how the value is worked out. Every item
//! names a child and the team responsible on the item's date, so any figure can be
//! narrowed to a team with [`Measure::for_team`].

/// How every rate per 10,000 finds its population, said once for their definitions
/// (a macro, since `concat!` takes only literals).
macro_rules! per_ten_thousand_children {
    () => {
        "per 10,000 children aged 0 to 17 living in the authority: the ONS mid-year estimate stored for the latest mid-year (30 June) on or before the window's last day (`caseline population set`). A window ending before every estimate stored has no rate, never one worked out against another year's or an invented figure"
    };
}

pub mod care_leavers;
pub mod children_in_care;
mod comparators;
pub mod help_and_protection;
mod incremental;
pub mod leadership;
mod targets;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

use jiff::civil::Date;

use crate::calendar::WorkingDayCalendar;
use crate::codes::AllocationRole;
use crate::geography::Centroids;
use crate::population::{ChildPopulation, NoEstimate, PopulationEstimate};
use crate::work::Workforce;
use crate::{ChildRecord, PersonId, RecordId, TeamId, WorkerId};

pub use comparators::{Comparator, england};
pub use incremental::Tally;
pub use targets::{Rag, Target, TargetError, Targets};

/// The four areas Ofsted judges (ILACS), which group the dashboards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// The experiences and progress of children who need help and protection.
    HelpAndProtection,
    /// The experiences and progress of children in care.
    ChildrenInCare,
    /// The experiences and progress of care leavers.
    CareLeavers,
    /// The impact of leaders on social work practice with children and families.
    Leadership,
}

impl Area {
    /// Every area, in the order inspectors report them.
    pub const ALL: [Area; 4] = [
        Area::HelpAndProtection,
        Area::ChildrenInCare,
        Area::CareLeavers,
        Area::Leadership,
    ];

    /// The judgement area's name.
    pub fn label(self) -> &'static str {
        match self {
            Area::HelpAndProtection => "Help and protection",
            Area::ChildrenInCare => "Children in care",
            Area::CareLeavers => "Care leavers",
            Area::Leadership => "Leadership",
        }
    }

    /// Short stable name for addresses.
    pub fn code(self) -> &'static str {
        match self {
            Area::HelpAndProtection => "help-and-protection",
            Area::ChildrenInCare => "children-in-care",
            Area::CareLeavers => "care-leavers",
            Area::Leadership => "leadership",
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// A higher value is better (timeliness, stability).
    Higher,
    /// A lower value is better (re-referrals, drift).
    Lower,
    /// Neither: context, not performance (rates, mixes).
    Neither,
}

/// How an indicator's value is worked out from its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Numerator as a percentage of the denominator.
    Percent,
    /// Numerator per 10,000 children aged 0 to 17 in the authority.
    PerTenThousand,
    /// How many items.
    Count,
    /// The mean of the numerator items' values (days, months...).
    Mean,
    /// The median of the numerator items' values.
    Median,
    /// The sum of the numerator items' values divided by the sum of the denominator
    /// items' values (cases per full-time worker).
    Ratio,
}

impl ValueKind {
    /// A value in this unit, for people to read ("82.3%", "486 days"), or "No data":
    /// never zero.
    pub fn shown(self, value: Option<f64>) -> String {
        let Some(v) = value else {
            return "No data".to_owned();
        };
        match self {
            ValueKind::Percent => format!("{v:.1}%"),
            ValueKind::PerTenThousand => format!("{v:.1} per 10,000"),
            ValueKind::Count => format!("{v:.0}"),
            ValueKind::Mean | ValueKind::Median => format!("{v:.0} days"),
            ValueKind::Ratio => format!("{v:.1}"),
        }
    }
}

/// A date window, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// First day.
    pub from: Date,
    /// Last day (the "as at" date for snapshot indicators).
    pub to: Date,
}

impl Window {
    /// Whether `d` falls in the window.
    pub fn contains(self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }

    /// The twelve months ending on `to` (from the day after `to` a year earlier).
    pub fn year_to(to: Date) -> Self {
        let from = to
            .checked_sub(jiff::Span::new().years(1))
            .ok()
            .and_then(|d| d.tomorrow().ok())
            .unwrap_or(to);
        Self { from, to }
    }

    /// The calendar month containing `d`.
    pub fn month_of(d: Date) -> Self {
        let from = d.first_of_month();
        Self {
            from,
            to: d.last_of_month(),
        }
    }
}

/// The calendar months of a trend: the `months` months ending with the month of
/// `as_of`, oldest first; the last runs only to `as_of`.
pub fn trend_windows(as_of: Date, months: i32) -> Vec<Window> {
    (0..months)
        .rev()
        .filter_map(|back| {
            let first = as_of
                .first_of_month()
                .checked_sub(jiff::Span::new().months(back))
                .ok()?;
            let mut w = Window::month_of(first);
            w.to = w.to.min(as_of);
            Some(w)
        })
        .collect()
}

/// What every indicator is computed from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Every child's record (open and closed: indicators look back).
    pub records: &'a [ChildRecord],
    /// The window measured.
    pub window: Window,
    /// Working days.
    pub calendar: &'a WorkingDayCalendar,
    /// Teams and workers (FTE, agency, managers).
    pub workforce: &'a Workforce,
    /// Children aged 0 to 17 living in the authority (ONS mid-year estimates), for
    /// rates per 10,000: each window divides by the estimate for its own time.
    pub population: &'a ChildPopulation,
    /// Postcode centroids, for the distance from home to placement.
    pub centroids: &'a Centroids,
}

/// One thing counted: a child (or, for workforce indicators, a worker), the record,
/// the date that placed it in the window, the team responsible then, and a value where
/// the indicator averages one.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The child (`None` for a worker counted by a workforce indicator).
    pub child_id: Option<PersonId>,
    /// The worker, for workforce indicators.
    pub worker_id: Option<WorkerId>,
    /// The record counted (referral, assessment, plan...), if not the child as such.
    pub record_id: Option<RecordId>,
    /// The date that put it in the window.
    pub date: Date,
    /// The team responsible for the child on that date.
    pub team_id: Option<TeamId>,
    /// A value (days, working days, months, FTE) where the indicator needs one.
    pub value: Option<f64>,
    /// What it is, in a few words, for lists.
    pub detail: String,
}

/// A distribution band and what falls in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The band's label ("0–10 working days").
    pub label: String,
    /// What falls in it.
    pub items: Vec<Item>,
}

/// An indicator's result for a window.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// How the value is worked out.
    pub kind: ValueKind,
    /// What the figure counts: the list it links to.
    pub numerator: Vec<Item>,
    /// Among what, for percentages and ratios.
    pub denominator: Vec<Item>,
    /// A distribution, where the indicator has one.
    pub bands: Vec<Band>,
    /// The population for rates per 10,000 (0 where there is none).
    pub population: u32,
    /// What the figure rests on, or why it has none, where that is not plain from the
    /// definition: the population estimate a rate divides by, or that none is stored.
    pub note: Option<String>,
}

impl Measure {
    /// A share: `numerator` among `denominator`.
    pub fn percent(numerator: Vec<Item>, denominator: Vec<Item>) -> Self {
        Self::new(ValueKind::Percent, numerator, denominator)
    }

    /// A count.
    pub fn count(items: Vec<Item>) -> Self {
        Self::new(ValueKind::Count, items, Vec::new())
    }

    /// A rate per 10,000 children of the population estimate `population`; with none,
    /// the rate is "no data" and the note says why.
    pub fn per_ten_thousand(
        items: Vec<Item>,
        population: Result<&PopulationEstimate, NoEstimate>,
    ) -> Self {
        let (children, note) = match population {
            Ok(e) => (
                e.children,
                format!(
                    "per 10,000 of {} children aged 0 to 17 ({})",
                    thousands(e.children),
                    e.source
                ),
            ),
            Err(why) => (0, format!("No data: {why}")),
        };
        Self {
            population: children,
            note: Some(note),
            ..Self::new(ValueKind::PerTenThousand, items, Vec::new())
        }
    }

    /// The mean of the items' values.
    pub fn mean(items: Vec<Item>) -> Self {
        Self::new(ValueKind::Mean, items, Vec::new())
    }

    /// The median of the items' values.
    pub fn median(items: Vec<Item>) -> Self {
        Self::new(ValueKind::Median, items, Vec::new())
    }

    /// Sum of the numerator's values over the sum of the denominator's.
    pub fn ratio(numerator: Vec<Item>, denominator: Vec<Item>) -> Self {
        Self::new(ValueKind::Ratio, numerator, denominator)
    }

    fn new(kind: ValueKind, numerator: Vec<Item>, denominator: Vec<Item>) -> Self {
        Self {
            kind,
            numerator,
            denominator,
            bands: Vec::new(),
            population: 0,
            note: None,
        }
    }

    /// With a note on what the figure rests on.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// With a distribution.
    pub fn with_bands(mut self, bands: Vec<Band>) -> Self {
        self.bands = bands;
        self
    }

    /// The value, or `None` where it cannot be worked out (nothing to divide by, no
    /// values to average): shown as "no data", never as zero.
    #[allow(clippy::cast_precision_loss)]
    pub fn value(&self) -> Option<f64> {
        let values = |items: &[Item]| items.iter().filter_map(|i| i.value).collect::<Vec<_>>();
        match self.kind {
            ValueKind::Count => Some(self.numerator.len() as f64),
            ValueKind::Percent => (!self.denominator.is_empty())
                .then(|| 100.0 * self.numerator.len() as f64 / self.denominator.len() as f64),
            ValueKind::PerTenThousand => (self.population > 0)
                .then(|| self.numerator.len() as f64 * 10_000.0 / f64::from(self.population)),
            ValueKind::Mean => {
                let v = values(&self.numerator);
                (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
            }
            ValueKind::Median => {
                let mut v = values(&self.numerator);
                if v.is_empty() {
                    return None;
                }
                v.sort_by(f64::total_cmp);
                let mid = v.len() / 2;
                Some(if v.len() % 2 == 0 {
                    f64::midpoint(v[mid - 1], v[mid])
                } else {
                    v[mid]
                })
            }
            ValueKind::Ratio => {
                let below: f64 = values(&self.denominator).iter().sum();
                (below > 0.0).then(|| values(&self.numerator).iter().sum::<f64>() / below)
            }
        }
    }

    /// The same measure for one team's children. A rate per 10,000 has no team
    /// population, so a team's rate is "no data".
    pub fn for_team(&self, team: &TeamId) -> Self {
        let keep = |items: &[Item]| {
            items
                .iter()
                .filter(|i| i.team_id.as_ref() == Some(team))
                .cloned()
                .collect::<Vec<_>>()
        };
        Self {
            kind: self.kind,
            numerator: keep(&self.numerator),
            denominator: keep(&self.denominator),
            bands: self
                .bands
                .iter()
                .map(|b| Band {
                    label: b.label.clone(),
                    items: keep(&b.items),
                })
                .collect(),
            population: 0,
            note: (self.kind == ValueKind::PerTenThousand)
                .then(|| "No data: a team has no population of its own to divide by".to_owned())
                .or_else(|| self.note.clone()),
        }
    }
}

/// `61234` as "61,234".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A performance indicator.
#[derive(Debug, Clone, Copy)]
pub struct Indicator {
    /// Stable id, used in addresses, exports and the comparator data.
    pub id: &'static str,
    /// The judgement area it evidences.
    pub area: Area,
    /// Short name.
    pub title: &'static str,
    /// Exactly what is counted, among what, and at which dates.
    pub definition: &'static str,
    /// Where the definition comes from.
    pub source: &'static str,
    /// Which way is better.
    pub better: Better,
    /// The computation.
    pub compute: fn(&Input<'_>) -> Measure,
}

/// How a value stands against England's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgainstEngland {
    /// No value, or no England figure shipped.
    NoFigure,
    /// Within 2% of England's figure.
    Similar,
    /// Better than England, in the indicator's better direction.
    Better,
    /// Worse than England.
    Worse,
    /// Above England, for an indicator with no better direction.
    Higher,
    /// Below England, for an indicator with no better direction.
    Lower,
}

impl Indicator {
    /// How `value` stands against England's figure for this indicator.
    pub fn against_england(&self, value: Option<f64>) -> AgainstEngland {
        let (Some(v), Some(e)) = (value, england(self.id)) else {
            return AgainstEngland::NoFigure;
        };
        // Within 2% of England's figure is "similar": differences that small are noise
        // at one authority's size.
        if (v - e.value).abs() <= e.value.abs() * 0.02 {
            return AgainstEngland::Similar;
        }
        let higher = v > e.value;
        match self.better {
            Better::Neither if higher => AgainstEngland::Higher,
            Better::Neither => AgainstEngland::Lower,
            better if higher == (better == Better::Higher) => AgainstEngland::Better,
            _ => AgainstEngland::Worse,
        }
    }
}

impl Indicator {
    /// How this indicator's value is worked out (its unit), read from a computation
    /// over no records.
    pub fn unit(&self) -> ValueKind {
        let calendar = WorkingDayCalendar::england_and_wales();
        let workforce = Workforce::default();
        let population = ChildPopulation::default();
        let centroids = Centroids::default();
        let day = jiff::civil::date(2025, 3, 31);
        (self.compute)(&Input {
            records: &[],
            window: Window { from: day, to: day },
            calendar: &calendar,
            workforce: &workforce,
            population: &population,
            centroids: &centroids,
        })
        .kind
    }
}

/// Whether the indicator is a percentage.
fn is_percent(ind: &Indicator) -> bool {
    ind.unit() == ValueKind::Percent
}

/// Every indicator, area by area.
pub fn all() -> Vec<&'static Indicator> {
    help_and_protection::INDICATORS
        .iter()
        .chain(children_in_care::INDICATORS)
        .chain(care_leavers::INDICATORS)
        .chain(leadership::INDICATORS)
        .collect()
}

/// The indicator with this id.
pub fn by_id(id: &str) -> Option<&'static Indicator> {
    all().into_iter().find(|i| i.id == id)
}

/// The team responsible for the child on `on`: the allocated social worker's team,
/// else the personal adviser's, else the team an open referral was sent to.
pub fn team_on(record: &ChildRecord, on: Date) -> Option<TeamId> {
    record
        .allocation_on(AllocationRole::AllocatedSocialWorker, on)
        .or_else(|| record.allocation_on(AllocationRole::PersonalAdviser, on))
        .map(|a| a.team_id.clone())
        .or_else(|| {
            record
                .referrals
                .iter()
                .filter(|r| r.referral_date <= on && r.closure_date.is_none_or(|c| c >= on))
                .max_by_key(|r| r.referral_date)
                .and_then(|r| r.team_id.clone())
        })
}

/// An item about `record` dated `on`, with the team responsible then.
pub fn item(
    record: &ChildRecord,
    record_id: Option<&RecordId>,
    on: Date,
    detail: impl Into<String>,
) -> Item {
    Item {
        child_id: Some(record.child.id.clone()),
        worker_id: None,
        record_id: record_id.cloned(),
        date: on,
        team_id: team_on(record, on),
        value: None,
        detail: detail.into(),
    }
}

impl Item {
    /// With a value (days, months, FTE...).
    pub fn with_value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }
}

/// Sorts `items` into bands by their values: `bands` are (label, lowest, highest)
/// with both ends included; `None` for an open end.
pub fn banded(items: &[Item], bands: &[(&str, Option<f64>, Option<f64>)]) -> Vec<Band> {
    bands
        .iter()
        .map(|(label, lo, hi)| Band {
            label: (*label).to_owned(),
            items: items
                .iter()
                .filter(|i| {
                    i.value
                        .is_some_and(|v| lo.is_none_or(|lo| v >= lo) && hi.is_none_or(|hi| v <= hi))
                })
                .cloned()
                .collect(),
        })
        .collect()
}
