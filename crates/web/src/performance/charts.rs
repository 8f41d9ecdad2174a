//! Charts drawn as SVG on the server: no script, readable without colour (lines are
//! told apart by dash and label, bars carry their numbers as text) and by screen
//! readers (each has a title and a summary in words, and a table beneath it).

/// Where a line chart's points go: an area of the SVG, values from 0 at the bottom to
/// `top` at the top, months spread evenly from left to right.
pub(crate) struct Grid {
    pub left: f64,
    pub width: f64,
    pub bottom: f64,
    pub height: f64,
}

impl Grid {
    /// The value at the top of the axis: 100 for shares, else the largest value (at
    /// least 1) with `headroom` above it.
    pub(crate) fn top(percent: bool, values: impl Iterator<Item = f64>, headroom: f64) -> f64 {
        if percent {
            100.0
        } else {
            values.fold(0.0_f64, f64::max).max(1.0) * headroom
        }
    }

    /// Each value's position as (month index, x, y); months with no value are left out.
    pub(crate) fn place(&self, values: &[Option<f64>], top: f64) -> Vec<(usize, f64, f64)> {
        let n = values.len().max(2) - 1;
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let v = (*v)?;
                #[allow(clippy::cast_precision_loss)]
                let x = self.left + self.width * i as f64 / n as f64;
                Some((i, x, self.y(v, top)))
            })
            .collect()
    }

    /// The height of `v` on an axis running to `top`.
    pub(crate) fn y(&self, v: f64, top: f64) -> f64 {
        self.bottom - self.height * (v / top).clamp(0.0, 1.0)
    }
}

/// A month-by-month line, with England's figure and the target as labelled reference
/// lines where they exist.
pub(crate) struct TrendChart {
    /// An id unique on the page, for the SVG's title and description.
    pub id: String,
    /// What it shows.
    pub title: String,
    /// The whole chart in words.
    pub summary: String,
    /// The line's points, `x,y` pairs.
    pub points: String,
    /// Each month with a value: x, y and its label.
    pub dots: Vec<(f64, f64, String)>,
    /// The axis' top and bottom labels.
    pub top: String,
    pub bottom: String,
    /// The first and last months' labels.
    pub first: String,
    pub last: String,
    /// Reference lines: height and label ("England 85.7", "Target 90").
    pub references: Vec<Reference>,
}

/// A horizontal reference line.
pub(crate) struct Reference {
    pub y: f64,
    pub label: String,
    /// Dash pattern, so lines differ without colour.
    pub dash: &'static str,
    /// Where the label sits: the first line's at the right, the second's at the left,
    /// so close lines' labels do not overlap.
    pub x: f64,
    pub anchor: &'static str,
}

/// A reference value for a trend: its name, value, and dash pattern.
pub(crate) struct Line<'a> {
    pub name: &'a str,
    pub value: f64,
    pub dash: &'static str,
}

impl TrendChart {
    /// Plots `values` (month label, value) on a 600 × 200 grid: percentages on 0–100,
    /// others from 0 to the largest value shown. Months with no data leave a gap in the
    /// dots and are skipped by the line, and the summary says so.
    pub(crate) fn new(
        id: &str,
        title: &str,
        percent: bool,
        values: &[(String, Option<f64>)],
        references: &[Line<'_>],
    ) -> Self {
        let grid = Grid {
            left: 40.0,
            width: 550.0,
            bottom: 190.0,
            height: 180.0,
        };
        let top = Grid::top(
            percent,
            values
                .iter()
                .filter_map(|(_, v)| *v)
                .chain(references.iter().map(|r| r.value)),
            1.1,
        );
        let y = |v: f64| grid.y(v, top);
        let only: Vec<Option<f64>> = values.iter().map(|(_, v)| *v).collect();
        let dots: Vec<(f64, f64, String)> = grid
            .place(&only, top)
            .into_iter()
            .map(|(i, x, y)| {
                let (label, v) = &values[i];
                (x, y, format!("{label}: {:.1}", v.unwrap_or_default()))
            })
            .collect();
        let points = dots
            .iter()
            .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ");
        let known: Vec<f64> = values.iter().filter_map(|(_, v)| *v).collect();
        let mut summary = match (known.first(), known.last()) {
            (Some(a), Some(b)) => format!(
                "{} months shown; from {a:.1} in {} to {b:.1} in {}{}",
                values.len(),
                values.first().map_or("", |v| v.0.as_str()),
                values.last().map_or("", |v| v.0.as_str()),
                if known.len() < values.len() {
                    format!("; {} months with no data", values.len() - known.len())
                } else {
                    String::new()
                }
            ),
            _ => "No data in these months".to_owned(),
        };
        for r in references {
            summary.push_str(&format!("; {} {:.1}", r.name, r.value));
        }
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            summary,
            points,
            dots,
            top: format!("{top:.0}"),
            bottom: "0".to_owned(),
            first: values.first().map(|v| v.0.clone()).unwrap_or_default(),
            last: values.last().map(|v| v.0.clone()).unwrap_or_default(),
            references: references
                .iter()
                .enumerate()
                .map(|(i, r)| Reference {
                    y: y(r.value),
                    label: format!("{} {:.1}", r.name, r.value),
                    dash: r.dash,
                    x: if i % 2 == 0 { 588.0 } else { 46.0 },
                    anchor: if i % 2 == 0 { "end" } else { "start" },
                })
                .collect(),
        }
    }
}

/// A distribution as horizontal bars, each labelled with its band and count.
pub(crate) struct BarChart {
    /// An id unique on the page.
    pub id: String,
    /// What it shows.
    pub title: String,
    /// The distribution in words.
    pub summary: String,
    /// Each bar: top y, width, band label and count.
    pub bars: Vec<Bar>,
    /// The SVG's height.
    pub height: usize,
}

/// One bar.
pub(crate) struct Bar {
    pub y: usize,
    pub width: f64,
    pub label: String,
    pub count: usize,
}

impl BarChart {
    /// Bars for `bands` (label, count), scaled to the largest.
    pub(crate) fn new(id: &str, title: &str, bands: &[(String, usize)]) -> Self {
        let max = bands.iter().map(|b| b.1).max().unwrap_or(0).max(1);
        let total: usize = bands.iter().map(|b| b.1).sum();
        let bars: Vec<Bar> = bands
            .iter()
            .enumerate()
            .map(|(i, (label, count))| Bar {
                y: 8 + i * 34,
                #[allow(clippy::cast_precision_loss)]
                width: 330.0 * *count as f64 / max as f64,
                label: label.clone(),
                count: *count,
            })
            .collect();
        let summary = if total == 0 {
            "Nothing counted".to_owned()
        } else {
            bands
                .iter()
                .map(|(l, c)| format!("{l}: {c}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            summary,
            height: 16 + bars.len() * 34,
            bars,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_says_in_words_what_it_shows() {
        let values = vec![
            ("Jan 2026".to_owned(), Some(50.0)),
            ("Feb 2026".to_owned(), None),
            ("Mar 2026".to_owned(), Some(75.0)),
        ];
        let england = Line {
            name: "England",
            value: 80.0,
            dash: "6 4",
        };
        let c = TrendChart::new("t", "Test", true, &values, &[england]);
        assert_eq!(c.dots.len(), 2);
        assert_eq!(
            c.summary,
            "3 months shown; from 50.0 in Jan 2026 to 75.0 in Mar 2026; 1 months with no data; England 80.0"
        );
        // 80% on a 0-100 axis 180 high, from 190 down.
        assert!((c.references[0].y - 46.0).abs() < 1e-9);
        assert_eq!(c.references[0].label, "England 80.0");
    }

    #[test]
    fn a_grid_spreads_months_evenly_and_skips_those_with_no_value() {
        let grid = Grid {
            left: 40.0,
            width: 550.0,
            bottom: 190.0,
            height: 180.0,
        };
        // Three months: the first at the left edge, the third at the right; 50 of 100 is
        // half way up (190 - 90), 100 is the top (190 - 180), above the top is clamped.
        let placed = grid.place(&[Some(50.0), None, Some(100.0)], 100.0);
        assert_eq!(placed, vec![(0, 40.0, 100.0), (2, 590.0, 10.0)]);
        assert_eq!(grid.y(150.0, 100.0), 10.0);
        assert_eq!(Grid::top(true, [250.0].into_iter(), 1.1), 100.0);
        assert_eq!(Grid::top(false, [20.0, 40.0].into_iter(), 1.5), 60.0);
        assert_eq!(Grid::top(false, [0.2].into_iter(), 1.0), 1.0);
    }

    #[test]
    fn bars_carry_their_counts_and_scale_to_the_largest() {
        let c = BarChart::new(
            "b",
            "Bands",
            &[("0–10".to_owned(), 4), ("11–20".to_owned(), 8)],
        );
        assert_eq!(c.bars[1].width, 330.0);
        assert_eq!(c.bars[0].width, 165.0);
        assert_eq!(c.summary, "0–10: 4; 11–20: 8");
        let empty = BarChart::new("e", "None", &[("a".to_owned(), 0)]);
        assert_eq!(empty.summary, "Nothing counted");
    }
}
