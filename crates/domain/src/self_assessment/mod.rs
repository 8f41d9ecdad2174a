//! The self-assessment pack: for a chosen date, a draft for each judgement area that
//! states every indicator, its trend, its gap to England and to the authority's target,
//! the ranked strengths and weaknesses, and the named children behind the worst gaps.
//!
//! It is a draft that cannot be more optimistic than the data ([`RULES`]):
//! - an indicator is a strength only if it meets every comparison available (better
//!   than England, and at or beyond the target), on a base of at least
//!   [`SMALLEST_BASE`] where it is a share or an average;
//! - an indicator with no data, or with neither an England figure nor a target, is
//!   never a strength: it "cannot be evidenced";
//! - where England and the target disagree, the worse rating is the one stated;
//! - any red comparison makes a weakness; amber (short of the target within its
//!   margin, or within 2% of England) is "not yet a strength";
//! - an area's summary leads with its weaknesses.
//!
//! Weaknesses are ranked by their widest relative gap (the shortfall divided by the
//! benchmark it falls short of, taking the worse of England and target), strengths by
//! their narrowest relative margin (a strength is only as strong as its weakest
//! comparison). The trend rule is in [`trend`]; who is named behind a gap in [`behind`].

pub mod behind;
mod statement;
#[cfg(test)]
mod tests;
pub mod trend;
pub mod words;

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;

use crate::calendar::WorkingDayCalendar;
use crate::indicators::{
    self, Area, Better, Comparator, Indicator, Input, Measure, Rag, Target, Targets, ValueKind,
    Window,
};
use crate::work::Workforce;
use crate::{ChildRecord, PersonId, TeamId, WorkerId};

pub use behind::Basis;
pub use trend::{Direction, MonthFigure, Trend};

/// Months in each indicator's trend.
pub const TREND_MONTHS: i32 = 24;

/// How many of an area's worst weaknesses have their children named.
pub const WORST_GAPS_NAMED: usize = 3;

/// The most names listed behind one gap (the total is always stated).
pub const NAMES_LISTED: usize = 100;

/// The fewest counted (among a share's total, or with a value in an average) that can
/// evidence a strength: one or two good outcomes are not a pattern.
pub const SMALLEST_BASE: usize = 10;

/// The rules the draft follows, in words, for the pack's cover and the docs.
pub const RULES: [&str; 7] = [
    "Each figure is worked out from the records for the twelve months to the date, exactly as on the performance pages; restricted records are not counted.",
    "An indicator is a strength only if it meets every comparison available: better than England's figure (not merely within 2% of it) and at or beyond the authority's target, counted among at least 10 where it is a share or an average.",
    "Where England and the target disagree, the worse rating is the one stated.",
    "Any red rating makes a weakness. Amber (short of the target within its margin, or within 2% of England) is \"not yet a strength\".",
    "An indicator with no data, or with neither an England figure nor a target, cannot be evidenced and is never a strength. Context indicators (rates and mixes) are shown but not judged.",
    "Weaknesses are ranked by their widest gap relative to the benchmark missed; strengths by their narrowest margin. The children (or workers) behind the three widest gaps in each area are named.",
    "The trend compares the mean of the latest 3 whole months with the mean of the earliest 3 of the 24 (at least 2 months with data at each end); a change within 2 percentage points for a share, or within 5% otherwise, is steady.",
];

/// Names of the children, workers and teams items refer to.
#[derive(Debug, Clone, Default)]
pub struct Names {
    children: HashMap<PersonId, String>,
    workers: HashMap<WorkerId, String>,
    teams: HashMap<TeamId, String>,
}

impl Names {
    /// Every child's, worker's and team's name.
    pub fn new(records: &[ChildRecord], workforce: &Workforce) -> Self {
        Self {
            children: records
                .iter()
                .map(|r| (r.child.id.clone(), r.child.full_name()))
                .collect(),
            workers: workforce
                .workers()
                .map(|w| (w.id.clone(), w.full_name()))
                .collect(),
            teams: workforce
                .teams()
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect(),
        }
    }
}

/// One indicator's figures: the year to the date and each month of the trend.
#[derive(Debug, Clone)]
pub struct IndicatorEvidence {
    /// The indicator.
    pub indicator: &'static Indicator,
    /// Its measure for the twelve months to the date.
    pub year: Measure,
    /// Its value in each month of the trend, oldest first.
    pub months: Vec<MonthFigure>,
}

/// Everything the draft is written from.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// The date chosen.
    pub as_of: Date,
    /// The twelve months to it.
    pub window: Window,
    /// Every indicator's figures, in catalogue order.
    pub indicators: Vec<IndicatorEvidence>,
    /// Who the items name.
    pub names: Names,
}

/// Works out every indicator for the twelve months to `as_of` and for each of the
/// [`TREND_MONTHS`] months ending with it, from the records.
pub fn evidence(
    records: &[ChildRecord],
    calendar: &WorkingDayCalendar,
    workforce: &Workforce,
    population: &crate::population::ChildPopulation,
    centroids: &crate::geography::Centroids,
    as_of: Date,
) -> Evidence {
    let window = Window::year_to(as_of);
    let months = indicators::trend_windows(as_of, TREND_MONTHS);
    let input = |window| Input {
        records,
        window,
        calendar,
        workforce,
        population,
        centroids,
    };
    let gather = |ind: &'static Indicator| IndicatorEvidence {
        indicator: ind,
        // In child order, as the performance picture keeps it, so the pack's lists read
        // the same however its figures were gathered.
        year: (ind.compute)(&input(window)).in_child_order(),
        months: months
            .iter()
            .map(|w| MonthFigure {
                window: *w,
                value: (ind.compute)(&input(*w)).value(),
            })
            .collect(),
    };
    let gathered = indicators::all().into_iter().map(gather).collect();
    Evidence {
        as_of,
        window,
        indicators: gathered,
        names: Names::new(records, workforce),
    }
}

/// Why an indicator cannot be evidenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unevidenced {
    /// Nothing to work the figure out from.
    NoData,
    /// Neither an England figure nor a target to judge it against.
    NoComparator,
    /// It meets every comparison, but among too few to show a pattern.
    TooFew(usize),
}

/// What the draft makes of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Meets every comparison available.
    Strength,
    /// Red against England or the target.
    Weakness,
    /// Amber: close, but not meeting every comparison.
    NotYetAStrength,
    /// Cannot be judged from the data.
    CannotBeEvidenced(Unevidenced),
    /// A rate or mix with no better direction: shown, not judged.
    Context,
}

impl Judgement {
    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Judgement::Strength => "Strength",
            Judgement::Weakness => "Weakness",
            Judgement::NotYetAStrength => "Not yet a strength",
            Judgement::CannotBeEvidenced(_) => "Cannot be evidenced",
            Judgement::Context => "Context (not judged)",
        }
    }
}

/// What a figure is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Benchmark {
    /// England's figure.
    England,
    /// The authority's own target.
    Target,
}

/// One comparison of a figure with a benchmark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// With what.
    pub with: Benchmark,
    /// The benchmark's value.
    pub benchmark: f64,
    /// The gap, positive when the figure is better.
    pub gap: f64,
    /// The rating.
    pub rag: Rag,
}

impl Comparison {
    /// The gap as a fraction of the benchmark (infinite when the benchmark is zero and
    /// the figure differs from it), so gaps in different units can be ranked together.
    pub fn relative(&self) -> f64 {
        if self.benchmark.abs() > f64::EPSILON {
            self.gap / self.benchmark.abs()
        } else if self.gap > 0.0 {
            f64::INFINITY
        } else if self.gap < 0.0 {
            f64::NEG_INFINITY
        } else {
            0.0
        }
    }
}

/// One indicator as the draft states it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The indicator.
    pub indicator: &'static Indicator,
    /// How its value is worked out.
    pub kind: ValueKind,
    /// The value for the twelve months to the date.
    pub value: Option<f64>,
    /// How many the figure counts.
    pub counted: usize,
    /// Among how many, for a share.
    pub among: Option<usize>,
    /// How many the figure rests on (a share's total, an average's values); `None`
    /// for counts, rates and ratios.
    pub base: Option<usize>,
    /// England's figure, with its year and source.
    pub england: Option<&'static Comparator>,
    /// The authority's target, with its basis.
    pub target: Option<Target>,
    /// The rating against England.
    pub against_england: Rag,
    /// The rating against the target.
    pub against_target: Rag,
    /// The rating stated: the worse of the two.
    pub rating: Rag,
    /// The gap to England, positive when better.
    pub gap_to_england: Option<f64>,
    /// The gap to the target, positive when beyond it.
    pub gap_to_target: Option<f64>,
    /// The trend over the months.
    pub trend: Trend,
    /// Each month's figure, oldest first.
    pub months: Vec<MonthFigure>,
    /// What the draft makes of it.
    pub judgement: Judgement,
    /// The statement the draft makes, generated from the figures.
    pub statement: String,
}

impl Finding {
    /// The comparisons that could be made (a value, and England's figure or a target).
    pub fn comparisons(&self) -> Vec<Comparison> {
        let mut out = Vec::new();
        if let (Some(gap), Some(e)) = (self.gap_to_england, self.england)
            && self.against_england != Rag::NotRated
        {
            out.push(Comparison {
                with: Benchmark::England,
                benchmark: e.value,
                gap,
                rag: self.against_england,
            });
        }
        if let (Some(gap), Some(t)) = (self.gap_to_target, &self.target)
            && self.against_target != Rag::NotRated
        {
            out.push(Comparison {
                with: Benchmark::Target,
                benchmark: t.value,
                gap,
                rag: self.against_target,
            });
        }
        out
    }

    /// The comparison with the widest relative shortfall, if any falls short.
    pub fn widest_shortfall(&self) -> Option<Comparison> {
        self.comparisons()
            .into_iter()
            .filter(|c| c.gap < 0.0)
            .min_by(|a, b| a.relative().total_cmp(&b.relative()))
    }

    /// The narrowest relative margin over any comparison (negative when short).
    pub fn narrowest_margin(&self) -> Option<f64> {
        self.comparisons()
            .iter()
            .map(Comparison::relative)
            .min_by(f64::total_cmp)
    }
}

/// The worse of two ratings, ignoring "not rated".
pub fn worse(a: Rag, b: Rag) -> Rag {
    match (a, b) {
        (Rag::NotRated, x) | (x, Rag::NotRated) => x,
        (a, b) => a.max(b),
    }
}

/// A child or worker named behind a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// The child, if a child.
    pub child_id: Option<PersonId>,
    /// The worker, if a worker.
    pub worker_id: Option<WorkerId>,
    /// Their name ("" if not known).
    pub name: String,
    /// The team responsible on the date.
    pub team: Option<String>,
    /// The date that placed them in the figure.
    pub date: Date,
    /// What was counted, in a few words.
    pub detail: String,
}

/// The named children (or workers) behind one of the widest gaps.
#[derive(Debug, Clone)]
pub struct GapList {
    /// The indicator.
    pub indicator: &'static Indicator,
    /// What the list is.
    pub basis: Basis,
    /// How many are behind the gap.
    pub total: usize,
    /// The first [`NAMES_LISTED`] of them, worst first.
    pub people: Vec<Named>,
}

/// One judgement area's draft.
#[derive(Debug, Clone)]
pub struct AreaDraft {
    /// The area.
    pub area: Area,
    /// One sentence, leading with the weaknesses.
    pub summary: String,
    /// Every indicator in the area, in catalogue order.
    pub findings: Vec<Finding>,
    /// Strengths, strongest first (indicator ids).
    pub strengths: Vec<&'static str>,
    /// Weaknesses, widest gap first.
    pub weaknesses: Vec<&'static str>,
    /// Not yet strengths, widest gap first.
    pub not_yet: Vec<&'static str>,
    /// Those that cannot be evidenced, in catalogue order.
    pub cannot_be_evidenced: Vec<&'static str>,
    /// Context indicators, in catalogue order.
    pub context: Vec<&'static str>,
    /// Who is behind the widest gaps.
    pub behind: Vec<GapList>,
}

impl AreaDraft {
    /// The finding for an indicator id.
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.indicator.id == id)
    }
}

/// The whole draft.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The date chosen.
    pub as_of: Date,
    /// The twelve months to it.
    pub window: Window,
    /// The first day of the trend's first month.
    pub trend_from: Date,
    /// One draft per judgement area, in inspection order.
    pub areas: Vec<AreaDraft>,
}

impl Pack {
    /// Every child the pack names, once each: what its audit entry lists.
    pub fn children_named(&self) -> Vec<PersonId> {
        let set: BTreeSet<&PersonId> = self
            .areas
            .iter()
            .flat_map(|a| &a.behind)
            .flat_map(|g| &g.people)
            .filter_map(|p| p.child_id.as_ref())
            .collect();
        set.into_iter().cloned().collect()
    }
}

/// Writes the draft from the evidence and the authority's targets.
pub fn draft(evidence: &Evidence, targets: &Targets) -> Pack {
    let trend_from = evidence
        .indicators
        .first()
        .and_then(|e| e.months.first())
        .map_or(evidence.window.from, |m| m.window.from);
    Pack {
        as_of: evidence.as_of,
        window: evidence.window,
        trend_from,
        areas: Area::ALL
            .into_iter()
            .map(|area| area_draft(area, evidence, targets))
            .collect(),
    }
}

/// How many are counted in a share's total or have a value in an average: the base a
/// strength needs; `None` for counts, rates and ratios.
fn base(m: &Measure) -> Option<usize> {
    match m.kind {
        ValueKind::Percent => Some(m.denominator.len()),
        ValueKind::Mean | ValueKind::Median => {
            Some(m.numerator.iter().filter(|i| i.value.is_some()).count())
        }
        ValueKind::Count | ValueKind::PerTenThousand | ValueKind::Ratio => None,
    }
}

fn judge(ind: &Indicator, value: Option<f64>, base: Option<usize>, rating: Rag) -> Judgement {
    if ind.better == Better::Neither {
        return Judgement::Context;
    }
    if value.is_none() {
        return Judgement::CannotBeEvidenced(Unevidenced::NoData);
    }
    match rating {
        Rag::NotRated => Judgement::CannotBeEvidenced(Unevidenced::NoComparator),
        Rag::Red => Judgement::Weakness,
        Rag::Amber => Judgement::NotYetAStrength,
        Rag::Green => match base {
            Some(n) if n < SMALLEST_BASE => Judgement::CannotBeEvidenced(Unevidenced::TooFew(n)),
            _ => Judgement::Strength,
        },
    }
}

/// The draft's finding for one indicator.
pub fn finding(e: &IndicatorEvidence, target: Option<&Target>, window: Window) -> Finding {
    let ind = e.indicator;
    let m = &e.year;
    let value = m.value();
    let england = indicators::england(ind.id);
    let against_england = ind.rag_against_england(value);
    let against_target = ind.against_target(value, target);
    let rating = worse(against_england, against_target);
    let gap_to = |other: Option<f64>| match (value, other) {
        (Some(v), Some(o)) if ind.better != Better::Neither => Some(ind.gap(v, o)),
        _ => None,
    };
    let base = base(m);
    let mut f = Finding {
        indicator: ind,
        kind: m.kind,
        value,
        counted: m.numerator.len(),
        among: (m.kind == ValueKind::Percent).then_some(m.denominator.len()),
        base,
        england,
        target: target.cloned(),
        against_england,
        against_target,
        rating,
        gap_to_england: gap_to(england.map(|c| c.value)),
        gap_to_target: gap_to(target.map(|t| t.value)),
        trend: trend::judge(ind.better, m.kind, &e.months),
        months: e.months.clone(),
        judgement: judge(ind, value, base, rating),
        statement: String::new(),
    };
    f.statement = statement::finding(&f, window);
    f
}

/// The findings' ids by `key`, largest first, keeping catalogue order among equals.
fn ranked(findings: &[&Finding], key: impl Fn(&Finding) -> f64) -> Vec<&'static str> {
    let mut v: Vec<&&Finding> = findings.iter().collect();
    v.sort_by(|a, b| key(b).total_cmp(&key(a)));
    v.into_iter().map(|f| f.indicator.id).collect()
}

fn area_draft(area: Area, evidence: &Evidence, targets: &Targets) -> AreaDraft {
    let mine: Vec<&IndicatorEvidence> = evidence
        .indicators
        .iter()
        .filter(|e| e.indicator.area == area)
        .collect();
    let findings: Vec<Finding> = mine
        .iter()
        .map(|e| finding(e, targets.get(e.indicator.id), evidence.window))
        .collect();
    let of = |want: fn(Judgement) -> bool| -> Vec<&Finding> {
        findings.iter().filter(|f| want(f.judgement)).collect()
    };
    // The widest shortfall is the most negative relative gap.
    let shortfall = |f: &Finding| f.widest_shortfall().map_or(0.0, |c| -c.relative());
    let weaknesses = ranked(&of(|j| j == Judgement::Weakness), shortfall);
    let not_yet = ranked(&of(|j| j == Judgement::NotYetAStrength), shortfall);
    let strengths = ranked(&of(|j| j == Judgement::Strength), |f| {
        f.narrowest_margin().unwrap_or(0.0)
    });
    let ids = |want: fn(Judgement) -> bool| -> Vec<&'static str> {
        of(want).iter().map(|f| f.indicator.id).collect()
    };
    let cannot_be_evidenced = ids(|j| matches!(j, Judgement::CannotBeEvidenced(_)));
    let context = ids(|j| j == Judgement::Context);
    let behind = weaknesses
        .iter()
        .take(WORST_GAPS_NAMED)
        .filter_map(|id| {
            let f = findings.iter().find(|f| f.indicator.id == *id)?;
            let e = mine.iter().find(|e| e.indicator.id == *id)?;
            Some(gap_list(f, &e.year, &evidence.names))
        })
        .collect();
    let mut draft = AreaDraft {
        area,
        summary: String::new(),
        findings,
        strengths,
        weaknesses,
        not_yet,
        cannot_be_evidenced,
        context,
        behind,
    };
    draft.summary = statement::area(&draft);
    draft
}

/// The named children (or workers) behind a weakness's gap.
pub fn gap_list(f: &Finding, year: &Measure, names: &Names) -> GapList {
    let benchmark = f.widest_shortfall().map(|c| c.benchmark);
    let (basis, items) = behind::behind(year, f.indicator.better, benchmark);
    let people = items
        .iter()
        .take(NAMES_LISTED)
        .map(|i| {
            let name = match (&i.child_id, &i.worker_id) {
                (Some(c), _) => names.children.get(c).cloned(),
                (None, Some(w)) => names.workers.get(w).cloned(),
                (None, None) => None,
            };
            Named {
                child_id: i.child_id.clone(),
                worker_id: i.worker_id.clone(),
                name: name.unwrap_or_default(),
                team: i.team_id.as_ref().and_then(|t| names.teams.get(t).cloned()),
                date: i.date,
                detail: i.detail.clone(),
            }
        })
        .collect();
    GapList {
        indicator: f.indicator,
        basis,
        total: items.len(),
        people,
    }
}
