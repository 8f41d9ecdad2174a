//! Who is behind a gap: the named children (or workers) whose records make a figure
//! worse than it should be.
//!
//! - A share where higher is better: those counted among the total but not in the
//!   figure (assessments not within 45 working days). A numerator item is matched to a
//!   denominator item about the same child or worker: first one naming the same record
//!   on the same date, then one on the same date, then any one; each denominator item is
//!   matched at most once, and what is left unmatched is the list. (An indicator may
//!   name a health check in its figure and the period of care in its total; both are
//!   the same child on the same day.)
//! - A share, count or rate where lower is better: those in the figure.
//! - A mean or median: those whose own value is worse than the benchmark the gap is
//!   measured to.
//! - A ratio (cases per worker): the workers the cases are shared among.
//!
//! Worst first: by value (days, placements...) the worse way, then by date, then by id.

use std::collections::HashMap;

use crate::indicators::{Better, Item, Measure, ValueKind};
use crate::{PersonId, RecordId, WorkerId};

/// Who an item is about: the child, else the worker.
type Subject = (Option<PersonId>, Option<WorkerId>);

fn subject(i: &Item) -> Subject {
    (i.child_id.clone(), i.worker_id.clone())
}

/// The keys two items must share to be matched, loosest last.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    RecordAndDate(Subject, Option<RecordId>, jiff::civil::Date),
    Date(Subject, jiff::civil::Date),
    Anyone(Subject),
}

fn keys(i: &Item) -> [Key; 3] {
    [
        Key::RecordAndDate(subject(i), i.record_id.clone(), i.date),
        Key::Date(subject(i), i.date),
        Key::Anyone(subject(i)),
    ]
}

/// The denominator items that no numerator item matches, in denominator order.
pub fn not_in_figure<'a>(numerator: &[Item], denominator: &'a [Item]) -> Vec<&'a Item> {
    let mut matched = vec![false; denominator.len()];
    let mut waiting: Vec<&Item> = numerator.iter().collect();
    for tier in 0..3 {
        // Unmatched denominator items by this tier's key; matched from the front so
        // the earliest of equals is taken.
        let mut free: HashMap<Key, Vec<usize>> = HashMap::new();
        for (n, d) in denominator.iter().enumerate().rev() {
            if !matched[n] {
                free.entry(keys(d)[tier].clone()).or_default().push(n);
            }
        }
        waiting.retain(
            |item| match free.get_mut(&keys(item)[tier]).and_then(std::vec::Vec::pop) {
                Some(n) => {
                    matched[n] = true;
                    false
                }
                None => true,
            },
        );
    }
    denominator
        .iter()
        .zip(matched)
        .filter(|(_, m)| !m)
        .map(|(d, _)| d)
        .collect()
}

/// What a list behind a gap is, in words, for its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Counted among the total but not in the figure.
    MissedFromTotal,
    /// In the figure, where fewer is better.
    InFigure,
    /// Their own value is worse than the benchmark.
    WorseThanBenchmark,
    /// The workers the cases are shared among.
    SharedAmong,
    /// Nothing to list (higher is better and the figure is a count or rate).
    Nothing,
}

impl Basis {
    /// The list's description.
    pub fn words(self) -> &'static str {
        match self {
            Basis::MissedFromTotal => "counted in the total but not in the figure",
            Basis::InFigure => "counted in the figure, where fewer is better",
            Basis::WorseThanBenchmark => "whose own figure is worse than the benchmark",
            Basis::SharedAmong => "the case-holding workers the open cases are shared among",
            Basis::Nothing => "no list can be drawn from this figure",
        }
    }
}

/// The items behind the gap of a measure whose better direction is `better`, worst
/// first; `benchmark` is what a mean or median is measured against.
pub fn behind(measure: &Measure, better: Better, benchmark: Option<f64>) -> (Basis, Vec<&Item>) {
    let (basis, mut items): (Basis, Vec<&Item>) = match (measure.kind, better) {
        (_, Better::Neither) => (Basis::Nothing, Vec::new()),
        (ValueKind::Percent, Better::Higher) => (
            Basis::MissedFromTotal,
            not_in_figure(&measure.numerator, &measure.denominator),
        ),
        (ValueKind::Percent | ValueKind::Count | ValueKind::PerTenThousand, Better::Lower) => {
            (Basis::InFigure, measure.numerator.iter().collect())
        }
        (ValueKind::Count | ValueKind::PerTenThousand, Better::Higher) => {
            (Basis::Nothing, Vec::new())
        }
        (ValueKind::Mean | ValueKind::Median, _) => (
            Basis::WorseThanBenchmark,
            measure
                .numerator
                .iter()
                .filter(|i| match (i.value, benchmark) {
                    (Some(v), Some(b)) => match better {
                        Better::Higher => v < b,
                        _ => v > b,
                    },
                    // With no benchmark every item counts; an item with no value
                    // cannot be placed.
                    (Some(_), None) => true,
                    (None, _) => false,
                })
                .collect(),
        ),
        (ValueKind::Ratio, _) => (Basis::SharedAmong, measure.denominator.iter().collect()),
    };
    // Worst first: the largest value where lower is better, else the smallest; a
    // missing value (not seen at all, no decision) is worst of all.
    let worse_value = |i: &Item| match (i.value, better) {
        (None, _) => f64::INFINITY,
        (Some(v), Better::Higher) if basis == Basis::WorseThanBenchmark => -v,
        (Some(v), _) => v,
    };
    items.sort_by(|a, b| {
        worse_value(b)
            .total_cmp(&worse_value(a))
            .then(a.date.cmp(&b.date))
            .then(a.child_id.cmp(&b.child_id))
            .then(a.worker_id.cmp(&b.worker_id))
            .then(a.record_id.cmp(&b.record_id))
    });
    (basis, items)
}
