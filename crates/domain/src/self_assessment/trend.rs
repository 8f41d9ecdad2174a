//! An indicator's trend over the months before the date, in words.
//!
//! The rule: leave out the month still running on the date (a part-month can neither
//! flatter nor damn a figure), then compare the mean of the latest 3 whole months with
//! the mean of the earliest 3 months shown. Each end needs a value in at least 2 of
//! its 3 months, else there is not enough data. The change is steady when it is no
//! more than 2 percentage points for a share, or no more than 5% of the earlier mean
//! for anything else; otherwise it is improving or worsening by the indicator's
//! better direction (rising or falling for context indicators).

use jiff::civil::Date;

use crate::indicators::{Better, ValueKind, Window};

/// Months averaged at each end of the trend.
pub const ENDS: usize = 3;

/// Of those months, how many must have a value.
pub const NEEDED_AT_EACH_END: usize = 2;

/// The largest change in a share, in percentage points, that is still steady.
pub const STEADY_POINTS: f64 = 2.0;

/// The largest change in anything else, as a fraction of the earlier mean, that is
/// still steady.
pub const STEADY_FRACTION: f64 = 0.05;

/// One month's figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthFigure {
    /// The month (the last runs only to the date).
    pub window: Window,
    /// Its value, `None` where it cannot be worked out.
    pub value: Option<f64>,
}

impl MonthFigure {
    /// Whether the window is a whole calendar month.
    pub fn is_whole(&self) -> bool {
        self.window.from == self.window.from.first_of_month()
            && self.window.to == self.window.from.last_of_month()
    }

    /// The month's first day.
    pub fn month(&self) -> Date {
        self.window.from
    }
}

/// Which way the figure has moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Moved the better way by more than the steady margin.
    Improving,
    /// Moved the worse way by more than the steady margin.
    Worsening,
    /// Within the steady margin.
    Steady,
    /// Up, for an indicator with no better direction.
    Rising,
    /// Down, for an indicator with no better direction.
    Falling,
    /// Too few months with a value at either end.
    NotEnoughData,
}

impl Direction {
    /// In words, for sentences.
    pub fn words(self) -> &'static str {
        match self {
            Direction::Improving => "improving",
            Direction::Worsening => "worsening",
            Direction::Steady => "steady",
            Direction::Rising => "rising",
            Direction::Falling => "falling",
            Direction::NotEnoughData => "not enough data",
        }
    }
}

/// The trend and the two means it was judged from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// Which way.
    pub direction: Direction,
    /// Mean of the earliest months (when there were enough).
    pub earlier: Option<f64>,
    /// Mean of the latest whole months (when there were enough).
    pub latest: Option<f64>,
    /// The first month of the earliest three.
    pub earlier_from: Option<Date>,
    /// The first month of the latest three.
    pub latest_from: Option<Date>,
}

/// The mean of the values present, if at least [`NEEDED_AT_EACH_END`] are.
fn end_mean(months: &[MonthFigure]) -> Option<f64> {
    let values: Vec<f64> = months.iter().filter_map(|m| m.value).collect();
    #[allow(clippy::cast_precision_loss)]
    (values.len() >= NEEDED_AT_EACH_END).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Judges the trend of `months` (oldest first) for an indicator measured in `kind`
/// whose better direction is `better`.
pub fn judge(better: Better, kind: ValueKind, months: &[MonthFigure]) -> Trend {
    let whole: &[MonthFigure] = match months.split_last() {
        Some((last, rest)) if !last.is_whole() => rest,
        _ => months,
    };
    let not_enough = Trend {
        direction: Direction::NotEnoughData,
        earlier: None,
        latest: None,
        earlier_from: None,
        latest_from: None,
    };
    if whole.len() < 2 * ENDS {
        return not_enough;
    }
    let (first, last) = (&whole[..ENDS], &whole[whole.len() - ENDS..]);
    let (Some(earlier), Some(latest)) = (end_mean(first), end_mean(last)) else {
        return not_enough;
    };
    let change = latest - earlier;
    let margin = if kind == ValueKind::Percent {
        STEADY_POINTS
    } else {
        STEADY_FRACTION * earlier.abs()
    };
    let direction = if change.abs() <= margin {
        Direction::Steady
    } else {
        match better {
            Better::Neither if change > 0.0 => Direction::Rising,
            Better::Neither => Direction::Falling,
            Better::Higher if change > 0.0 => Direction::Improving,
            Better::Lower if change < 0.0 => Direction::Improving,
            Better::Higher | Better::Lower => Direction::Worsening,
        }
    };
    Trend {
        direction,
        earlier: Some(earlier),
        latest: Some(latest),
        earlier_from: first.first().map(MonthFigure::month),
        latest_from: last.first().map(MonthFigure::month),
    }
}
