//! The self-assessment pack made ready to show: the same content for the page in the
//! site layout and for the printable document (and so the PDF).

use caseline_domain::indicators::{Rag, ValueKind};
use caseline_domain::self_assessment::words::{date, difference, month};
use caseline_domain::self_assessment::{
    self as sa, AreaDraft, Benchmark, Finding, GapList, Judgement, MonthFigure, Pack, Unevidenced,
};
use jiff::civil::Date;

use crate::children::{Tag, record_href};
use crate::performance::charts::Grid;

/// The whole pack, ready for the templates.
pub(crate) struct PackView {
    pub authority: String,
    pub as_of: String,
    pub as_of_iso: String,
    pub from: String,
    pub to: String,
    pub trend_from: String,
    pub trend_to: String,
    pub drafted_on: String,
    pub children_named: usize,
    pub rules: &'static [&'static str],
    pub areas: Vec<AreaView>,
}

pub(crate) struct AreaView {
    pub label: &'static str,
    pub code: &'static str,
    pub summary: String,
    pub weaknesses: Vec<RankedLine>,
    pub strengths: Vec<RankedLine>,
    pub not_yet: Vec<RankedLine>,
    pub cannot: Vec<RankedLine>,
    pub context: Vec<RankedLine>,
    pub findings: Vec<FindingView>,
    pub behind: Vec<GapView>,
}

/// One indicator in a ranked list.
pub(crate) struct RankedLine {
    pub rank: usize,
    pub id: &'static str,
    pub title: &'static str,
    pub value: String,
    /// The widest gap (weaknesses), narrowest margin (strengths) or why not judged.
    pub note: String,
    pub rating: Tag,
}

pub(crate) struct FindingView {
    pub id: &'static str,
    pub title: &'static str,
    pub value: String,
    pub counted: String,
    pub england: String,
    pub target: String,
    pub against_england: Tag,
    pub against_target: Tag,
    pub rating: Tag,
    pub judgement: &'static str,
    pub trend: &'static str,
    pub statement: String,
    pub chart: Spark,
}

/// A small trend line, with its text alternative.
pub(crate) struct Spark {
    pub points: String,
    pub dots: Vec<(String, String)>,
    pub top: String,
    pub first: String,
    pub last: String,
    pub summary: String,
}

pub(crate) struct GapView {
    pub id: &'static str,
    pub title: &'static str,
    pub basis: &'static str,
    pub total: usize,
    pub more: usize,
    pub rows: Vec<NamedRow>,
}

pub(crate) struct NamedRow {
    pub href: Option<String>,
    pub name: String,
    pub id: String,
    pub team: String,
    pub date: String,
    pub detail: String,
}

fn rag_tag(r: Rag) -> Tag {
    let (label, class) = match r {
        Rag::Green => ("Green", "govuk-tag--green"),
        Rag::Amber => ("Amber", "govuk-tag--yellow"),
        Rag::Red => ("Red", "govuk-tag--red"),
        Rag::NotRated => ("Not rated", "govuk-tag--grey"),
    };
    Tag { label, class }
}

fn judgement_words(j: Judgement) -> &'static str {
    match j {
        Judgement::CannotBeEvidenced(Unevidenced::NoData) => "Cannot be evidenced: no data",
        Judgement::CannotBeEvidenced(Unevidenced::NoComparator) => {
            "Cannot be evidenced: no England figure or target"
        }
        Judgement::CannotBeEvidenced(Unevidenced::TooFew(_)) => {
            "Cannot be evidenced: too few counted"
        }
        other => other.label(),
    }
}

impl PackView {
    /// The view of `pack` for `authority`, drafted on `today`.
    pub(crate) fn new(pack: &Pack, authority: &str, today: Date, linked: bool) -> Self {
        Self {
            authority: authority.to_owned(),
            as_of: date(pack.as_of),
            as_of_iso: pack.as_of.to_string(),
            from: date(pack.window.from),
            to: date(pack.window.to),
            trend_from: month(pack.trend_from),
            trend_to: month(pack.as_of),
            drafted_on: date(today),
            children_named: pack.children_named().len(),
            rules: &sa::RULES,
            // Names link to the records on the site, not in a file, which has no site.
            areas: pack.areas.iter().map(|a| area(a, linked)).collect(),
        }
    }
}

fn area(a: &AreaDraft, linked: bool) -> AreaView {
    let lines = |ids: &[&'static str], note: &dyn Fn(&Finding) -> String| -> Vec<RankedLine> {
        ids.iter()
            .filter_map(|id| a.finding(id))
            .enumerate()
            .map(|(n, f)| RankedLine {
                rank: n + 1,
                id: f.indicator.id,
                title: f.indicator.title,
                value: f.kind.shown(f.value),
                note: note(f),
                rating: rag_tag(f.rating),
            })
            .collect()
    };
    let gap = |f: &Finding| {
        f.widest_shortfall().map_or_else(String::new, |c| {
            let with = match c.with {
                Benchmark::England => "worse than England",
                Benchmark::Target => "short of the target",
            };
            format!("{} {with}", difference(f.kind, c.gap))
        })
    };
    let margin = |f: &Finding| {
        f.comparisons()
            .into_iter()
            .min_by(|x, y| x.relative().total_cmp(&y.relative()))
            .map_or_else(String::new, |c| {
                let with = match c.with {
                    Benchmark::England => "better than England",
                    Benchmark::Target => "beyond the target",
                };
                format!("{} {with}", difference(f.kind, c.gap))
            })
    };
    let why = |f: &Finding| judgement_words(f.judgement).to_owned();
    let context = |f: &Finding| {
        f.england.map_or_else(
            || "No England figure".to_owned(),
            |e| format!("England {} ({})", f.kind.shown(Some(e.value)), e.year),
        )
    };
    AreaView {
        label: a.area.label(),
        code: a.area.code(),
        summary: a.summary.clone(),
        weaknesses: lines(&a.weaknesses, &gap),
        strengths: lines(&a.strengths, &margin),
        not_yet: lines(&a.not_yet, &gap),
        cannot: lines(&a.cannot_be_evidenced, &why),
        context: lines(&a.context, &context),
        findings: a.findings.iter().map(finding).collect(),
        behind: a.behind.iter().map(|g| gap_view(g, linked)).collect(),
    }
}

fn finding(f: &Finding) -> FindingView {
    FindingView {
        id: f.indicator.id,
        title: f.indicator.title,
        value: f.kind.shown(f.value),
        counted: match f.among {
            Some(n) => format!("{} of {n}", f.counted),
            None => f.counted.to_string(),
        },
        england: f.england.map_or_else(
            || "No England figure".to_owned(),
            |e| format!("{} ({})", f.kind.shown(Some(e.value)), e.year),
        ),
        target: f.target.as_ref().map_or_else(
            || "No target set".to_owned(),
            |t| {
                let basis = if t.basis.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", t.basis)
                };
                format!("{}{basis}", f.kind.shown(Some(t.value)))
            },
        ),
        against_england: rag_tag(f.against_england),
        against_target: rag_tag(f.against_target),
        rating: rag_tag(f.rating),
        judgement: judgement_words(f.judgement),
        trend: f.trend.direction.words(),
        statement: f.statement.clone(),
        chart: spark(f.kind, &f.months, f.trend.direction.words()),
    }
}

/// Plots the months on a 300 × 80 grid (shares on 0–100, others from 0 to the
/// largest value); months with no data are left out of the line and said in words.
fn spark(kind: ValueKind, months: &[MonthFigure], trend: &str) -> Spark {
    let grid = Grid {
        left: 30.0,
        width: 265.0,
        bottom: 65.0,
        height: 60.0,
    };
    let top = Grid::top(
        kind == ValueKind::Percent,
        months.iter().filter_map(|m| m.value),
        1.0,
    );
    let values: Vec<Option<f64>> = months.iter().map(|m| m.value).collect();
    let placed = grid.place(&values, top);
    let coords: Vec<String> = placed
        .iter()
        .map(|(_, x, y)| format!("{x:.1},{y:.1}"))
        .collect();
    let dots = placed
        .iter()
        .map(|(_, x, y)| (format!("{x:.1}"), format!("{y:.1}")))
        .collect();
    let values = months
        .iter()
        .map(|m| {
            // A month still running is said to be part of one (and is not judged).
            let part = if m.is_whole() {
                String::new()
            } else {
                format!(" (1 to {} only)", date(m.window.to))
            };
            format!(
                "{}{part}: {}",
                m.window.from.strftime("%b %Y"),
                kind.shown(m.value)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Spark {
        points: coords.join(" "),
        dots,
        top: kind.shown(Some(top)),
        first: months
            .first()
            .map(|m| m.window.from.strftime("%b %Y").to_string())
            .unwrap_or_default(),
        last: months
            .last()
            .map(|m| m.window.from.strftime("%b %Y").to_string())
            .unwrap_or_default(),
        summary: format!("Trend {trend}. Month by month: {values}."),
    }
}

fn gap_view(g: &GapList, linked: bool) -> GapView {
    GapView {
        id: g.indicator.id,
        title: g.indicator.title,
        basis: g.basis.words(),
        total: g.total,
        more: g.total.saturating_sub(g.people.len()),
        rows: g
            .people
            .iter()
            .map(|p| NamedRow {
                href: p.child_id.as_ref().filter(|_| linked).map(record_href),
                name: if p.name.is_empty() {
                    "Name not recorded".to_owned()
                } else {
                    p.name.clone()
                },
                id: p
                    .child_id
                    .as_ref()
                    .map(ToString::to_string)
                    .or_else(|| p.worker_id.as_ref().map(ToString::to_string))
                    .unwrap_or_default(),
                team: p.team.clone().unwrap_or_else(|| "No team".to_owned()),
                date: date(p.date),
                detail: p.detail.clone(),
            })
            .collect(),
    }
}
