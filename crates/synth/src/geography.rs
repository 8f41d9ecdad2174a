//! The synthetic authority's map: where its own fictional postcode districts ("CL1"
//! to "CL12") and the out-of-area districts its children are placed in ("Q...") lie,
//! so the SSDA903 distance from home to placement can be measured. No real postcode
//! area is "CL" or starts with "Q"; the grid point the area is centred on is made up.
//!
//! The area is small (every home within 10 miles of every in-area placement). The
//! out-of-area districts are of two kinds: neighbouring areas, every one within 20
//! miles of every home, and distant ones, every one more than 20 miles from every
//! home; practice quality decides how often an out-of-area placement is distant.

use caseline_domain::geography::{Area, Centroids, GridRef};
use caseline_domain::population::PopulationEstimate;

use crate::days::Day;

/// The centre of the authority's area on the National Grid (made up).
const CENTRE: (i32, i32) = (440_000, 300_000);

/// The authority's districts, CL1 to CL12, as metres east and north of the centre:
/// one in the middle, five on a ring 3 km out, six on a ring 6.5 km out.
const IN_AREA: [(i32, i32); 12] = [
    (0, 0),
    (3_000, 0),
    (930, 2_850),
    (-2_430, 1_760),
    (-2_430, -1_760),
    (930, -2_850),
    (5_630, 3_250),
    (0, 6_500),
    (-5_630, 3_250),
    (-5_630, -3_250),
    (0, -6_500),
    (5_630, -3_250),
];

/// Neighbouring areas' districts: each within 21 km of the centre, so (with the 6.5 km
/// ring and sectors up to 1.1 km from their district) under 30 km, 18.4 miles, from
/// any home in the area.
pub(crate) const NEAR: &[(&str, (i32, i32))] = &[
    ("QA1", (14_000, 5_000)),
    ("QB4", (-9_000, 15_000)),
    ("QE2", (-16_000, -8_000)),
    ("QK7", (6_000, -20_000)),
];

/// Distant districts: each at least 49 km from the centre, so over 40 km, 25 miles,
/// from any home in the area.
pub(crate) const FAR: &[(&str, (i32, i32))] = &[
    ("QM3", (45_000, 20_000)),
    ("QR9", (-70_000, 30_000)),
    ("QS1", (20_000, -95_000)),
    ("QW5", (-130_000, -60_000)),
    ("QT12", (90_000, 190_000)),
];

/// Ten directions a tenth of a turn apart, in thousandths (cos, sin), for sectors.
const DIRECTIONS: [(i32, i32); 10] = [
    (1_000, 0),
    (809, 588),
    (309, 951),
    (-309, 951),
    (-809, 588),
    (-1_000, 0),
    (-809, -588),
    (-309, -951),
    (309, -951),
    (809, -588),
];

/// Every district the generator uses, with its offset from the centre.
fn districts() -> impl Iterator<Item = (String, (i32, i32))> {
    IN_AREA
        .iter()
        .enumerate()
        .map(|(i, at)| (format!("CL{}", i + 1), *at))
        .chain(
            NEAR.iter()
                .chain(FAR)
                .map(|(name, at)| ((*name).to_owned(), *at)),
        )
}

/// A grid reference `offset` metres from the centre.
fn grid(offset: (i32, i32)) -> Option<GridRef> {
    let e = u32::try_from(CENTRE.0 + offset.0).ok()?;
    let n = u32::try_from(CENTRE.1 + offset.1).ok()?;
    GridRef::new(e, n)
}

/// Centroids for every district the generator uses and each of its ten sectors
/// (sector d lies 400 + 80d metres from the district's centroid, a tenth of a turn
/// round from sector d - 1). Full postcodes have none, so each is placed by its
/// sector, as a real one would be if missing from the directory.
pub(crate) fn centroids() -> Centroids {
    let mut out = Centroids::default();
    for (district, (x, y)) in districts() {
        if let (Some(area), Some(at)) = (Area::parse(&district), grid((x, y))) {
            out.insert(&area, at);
        }
        for (d, (cos, sin)) in (0i32..).zip(DIRECTIONS) {
            let r = 400 + 80 * d;
            let at = grid((x + cos * r / 1_000, y + sin * r / 1_000));
            if let (Some(area), Some(at)) = (Area::parse(&format!("{district} {d}")), at) {
                out.insert(&area, at);
            }
        }
    }
    out
}

/// The authority's child population for each mid-year from the one before the
/// history starts to the latest ONS would have published by `today` (about a year
/// after its 30 June): `latest` children at the last, 0.4% fewer for each year before,
/// as child populations drift slowly.
pub(crate) fn population(latest: u32, history_start: Day, today: Day) -> Vec<PopulationEstimate> {
    let first = crate::days::date(history_start).year() - 1;
    let now = crate::days::date(today);
    let last = if (now.month(), now.day()) >= (6, 30) {
        now.year() - 1
    } else {
        now.year() - 2
    };
    (first..=last)
        .filter_map(|year| {
            let back = f64::from(last - year);
            let children = (f64::from(latest) * (1.0 - 0.004 * back)).round() as u32;
            PopulationEstimate::new(
                year,
                children.max(1),
                &format!("synthetic: the generator's figure for mid-{year}"),
            )
            .ok()
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use caseline_domain::geography::Precision;
    use caseline_domain::values::Postcode;

    fn pc(s: &str) -> Postcode {
        Postcode::parse(s, "t", "x", "postcode").unwrap()
    }

    /// Every sector of the named districts, as a postcode in it.
    fn sectors(names: &[String]) -> Vec<Postcode> {
        names
            .iter()
            .flat_map(|d| (0..10).map(move |s| pc(&format!("{d} {s}AB"))))
            .collect()
    }

    #[test]
    fn every_home_is_within_20_miles_of_near_districts_and_beyond_it_of_far_ones() {
        let c = centroids();
        let homes = sectors(&(1..=12).map(|i| format!("CL{i}")).collect::<Vec<_>>());
        let names = |list: &[(&str, (i32, i32))]| -> Vec<String> {
            list.iter().map(|(n, _)| (*n).to_owned()).collect()
        };
        let miles = |a: &Postcode, b: &Postcode| c.distance(a, b).unwrap().miles;
        let mut widest_in_area: f64 = 0.0;
        let mut widest_near: f64 = 0.0;
        let mut closest_far = f64::MAX;
        for h in &homes {
            for p in &homes {
                widest_in_area = widest_in_area.max(miles(h, p));
            }
            for p in sectors(&names(NEAR)) {
                widest_near = widest_near.max(miles(h, &p));
            }
            for p in sectors(&names(FAR)) {
                closest_far = closest_far.min(miles(h, &p));
            }
        }
        assert!(widest_in_area < 10.0, "{widest_in_area}");
        assert!(widest_near <= 20.0, "{widest_near}");
        assert!(closest_far > 20.0, "{closest_far}");
    }

    #[test]
    fn generated_postcodes_are_placed_by_their_sector() {
        let c = centroids();
        assert_eq!(c.counts(), (0, 210, 21));
        let l = c.locate(&pc("CL12 9ZZ")).unwrap();
        assert_eq!(l.precision, Precision::Sector);
        // CL12 is 5,630 m east and 3,250 m south of the centre; sector 9 lies 1,120 m
        // from it at (809, -588) thousandths: 906 m east, 658 m south.
        assert_eq!(
            (l.at.easting(), l.at.northing()),
            (440_000 + 5_630 + 906, 300_000 - 3_250 - 658)
        );
    }

    #[test]
    fn a_population_estimate_for_every_mid_year_of_the_history() {
        let today = crate::days::day(jiff::civil::date(2026, 3, 31));
        let start = crate::days::add_years(today, -5);
        let p = population(60_000, start, today);
        let years: Vec<i16> = p.iter().map(|e| e.mid_year).collect();
        // The history starts 31 March 2021, covered by mid-2020; on 31 March 2026 the
        // latest published is mid-2024.
        assert_eq!(years, [2020, 2021, 2022, 2023, 2024]);
        // 0.4% fewer each year back: 2020 is 4 years back, 60,000 × 0.984 = 59,040.
        assert_eq!(p[0].children, 59_040);
        assert_eq!(p[4].children, 60_000);
        // From 30 June 2026, mid-2025 is taken as published.
        let july = crate::days::day(jiff::civil::date(2026, 7, 1));
        let last = population(60_000, start, july).last().unwrap().mid_year;
        assert_eq!(last, 2025);
    }
}
