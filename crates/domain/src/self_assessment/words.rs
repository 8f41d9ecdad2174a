//! Figures, gaps and dates in words, for the statements the draft makes.

use jiff::civil::Date;

use crate::indicators::ValueKind;

/// A difference in the indicator's unit, without sign ("3.4 percentage points").
pub fn difference(kind: ValueKind, gap: f64) -> String {
    let g = gap.abs();
    match kind {
        ValueKind::Percent => format!("{g:.1} percentage points"),
        ValueKind::PerTenThousand => format!("{g:.1} per 10,000"),
        ValueKind::Count => format!("{g:.0}"),
        ValueKind::Mean | ValueKind::Median => format!("{g:.0} days"),
        ValueKind::Ratio => format!("{g:.1}"),
    }
}

/// A date as the pack writes it: "5 March 2026".
pub fn date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// A month: "March 2026".
pub fn month(d: Date) -> String {
    d.strftime("%B %Y").to_string()
}

/// "1 weakness" / "3 weaknesses".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The first letter in capitals.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().chain(c).collect::<String>()
    })
}
