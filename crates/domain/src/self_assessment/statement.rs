//! The sentences the draft makes, generated from the figures alone, so that no
//! sentence can say more than the numbers do.

use super::words::{capitalised, count_of, date, difference, month};
use super::{AreaDraft, Benchmark, Finding, Judgement, Unevidenced};
use crate::indicators::{Rag, ValueKind, Window};
use crate::self_assessment::Direction;

/// "3.4 percentage points worse than England's 85.7% (2024-25)".
fn against_england(f: &Finding) -> String {
    let Some(e) = f.england else {
        return "no England figure is shipped for this indicator".to_owned();
    };
    let theirs = format!("England's {} ({})", f.kind.shown(Some(e.value)), e.year);
    match f.gap_to_england {
        None => format!("{theirs} cannot be compared with no figure here"),
        Some(0.0) => format!("the same as {theirs}"),
        Some(g) => {
            let way = if g > 0.0 { "better" } else { "worse" };
            let similar = if f.against_england == Rag::Amber {
                ", within 2% and so similar"
            } else {
                ""
            };
            format!("{} {way} than {theirs}{similar}", difference(f.kind, g))
        }
    }
}

/// "7.7 percentage points short of the authority's target of 90.0%".
fn against_target(f: &Finding) -> String {
    let Some(t) = &f.target else {
        return "the authority has set no target".to_owned();
    };
    let theirs = format!("the authority's target of {}", f.kind.shown(Some(t.value)));
    match f.gap_to_target {
        None => format!("{theirs} cannot be compared with no figure here"),
        Some(0.0) => format!("exactly meets {theirs}"),
        Some(g) if g > 0.0 => format!("{} beyond {theirs}", difference(f.kind, g)),
        Some(g) => {
            let margin = if f.against_target == Rag::Amber {
                format!(
                    ", within its amber margin of {}",
                    difference(f.kind, t.amber_within)
                )
            } else {
                String::new()
            };
            format!("{} short of {theirs}{margin}", difference(f.kind, g))
        }
    }
}

/// "Worsening over the 24 months: from a mean of 84.0% (April–June 2024) to 80.1%
/// (January–March 2026)."
fn trend(f: &Finding) -> String {
    let t = &f.trend;
    let months = f.months.len();
    match (
        t.direction,
        t.earlier,
        t.latest,
        t.earlier_from,
        t.latest_from,
    ) {
        (Direction::NotEnoughData, ..) | (_, None, ..) | (_, _, None, ..) => {
            format!("Over the {months} months there are too few months with data to judge a trend.")
        }
        (d, Some(a), Some(b), from, to) => format!(
            "{} over the {months} months: from a mean of {} in the three months from {} to {} in the three months from {}.",
            capitalised(d.words()),
            f.kind.shown(Some(a)),
            from.map(month).unwrap_or_default(),
            f.kind.shown(Some(b)),
            to.map(month).unwrap_or_default(),
        ),
    }
}

/// The verdict sentence.
fn verdict(f: &Finding) -> String {
    let disagree = f.against_england != Rag::NotRated
        && f.against_target != Rag::NotRated
        && f.against_england != f.against_target;
    let rated = if disagree {
        format!(
            "Rated {}, the worse of {} against England and {} against the target",
            f.rating.label().to_lowercase(),
            f.against_england.label().to_lowercase(),
            f.against_target.label().to_lowercase()
        )
    } else {
        format!("Rated {}", f.rating.label().to_lowercase())
    };
    // A weakness on a small base still stands, but the reader should know how small.
    let few = match f.base {
        Some(n) if n < super::SMALLEST_BASE => {
            format!(" Counted among only {n}, so each one moves the figure a long way.")
        }
        _ => String::new(),
    };
    match f.judgement {
        Judgement::Strength => format!("{rated}: a strength."),
        Judgement::Weakness => format!("{rated}: a weakness.{few}"),
        Judgement::NotYetAStrength => format!("{rated}: not yet a strength.{few}"),
        Judgement::CannotBeEvidenced(Unevidenced::NoData) => {
            "Cannot be evidenced: there is no figure to judge.".to_owned()
        }
        Judgement::CannotBeEvidenced(Unevidenced::NoComparator) => {
            "Cannot be evidenced: there is neither an England figure nor a target to judge it against.".to_owned()
        }
        Judgement::CannotBeEvidenced(Unevidenced::TooFew(n)) => format!(
            "{rated}, but counted among only {n}, too few to evidence a strength: cannot be evidenced."
        ),
        Judgement::Context => "Context: shown, not judged a strength or a weakness.".to_owned(),
    }
}

/// The statement for one indicator.
pub(super) fn finding(f: &Finding, window: Window) -> String {
    let period = format!("the twelve months to {}", date(window.to));
    let figure = match (f.value, f.among) {
        (None, _) => format!("No data for {period}."),
        (Some(_), Some(among)) => format!(
            "{} for {period} ({} of {among}).",
            f.kind.shown(f.value),
            f.counted
        ),
        (Some(_), None) if f.kind == ValueKind::Count => {
            format!("{} for {period}.", f.kind.shown(f.value))
        }
        (Some(_), None) => format!(
            "{} for {period} ({} counted).",
            f.kind.shown(f.value),
            f.counted
        ),
    };
    let compared = if f.value.is_some() && f.judgement != Judgement::Context {
        format!(
            " {}; {}.",
            capitalised(&against_england(f)),
            against_target(f)
        )
    } else if let (Some(e), Some(_)) = (f.england, f.value) {
        format!(" England: {} ({}).", f.kind.shown(Some(e.value)), e.year)
    } else {
        String::new()
    };
    format!("{figure}{compared} {} {}", trend(f), verdict(f))
}

/// The area's summary line, leading with its weaknesses.
pub(super) fn area(a: &AreaDraft) -> String {
    let label = a.area.label().to_lowercase();
    let rest = format!(
        "{}, {} and {} that cannot be evidenced",
        count_of(a.strengths.len(), "strength", "strengths"),
        count_of(a.not_yet.len(), "not yet a strength", "not yet strengths"),
        count_of(a.cannot_be_evidenced.len(), "indicator", "indicators"),
    );
    let widest = a.weaknesses.first().and_then(|id| a.finding(id));
    let lead = match widest {
        Some(w) => {
            let gap = w.widest_shortfall().map_or_else(String::new, |c| {
                let with = match c.with {
                    Benchmark::England => "worse than England",
                    Benchmark::Target => "short of the target",
                };
                format!(", {} {with}", difference(w.kind, c.gap))
            });
            format!(
                "{} in {label}; the widest gap is ‘{}’ ({}{gap}). Also {rest}.",
                capitalised(&count_of(a.weaknesses.len(), "weakness", "weaknesses")),
                w.indicator.title,
                w.kind.shown(w.value),
            )
        }
        None if !a.strengths.is_empty() => {
            format!("No weaknesses against England or the authority's targets in {label}: {rest}.")
        }
        None => format!("No strengths can be claimed in {label}: {rest}."),
    };
    if a.cannot_be_evidenced.is_empty() {
        lead
    } else {
        format!("{lead} The picture is incomplete where indicators cannot be evidenced.")
    }
}
