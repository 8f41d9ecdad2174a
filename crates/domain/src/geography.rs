//! Where postcodes are: centroids on the Ordnance Survey National Grid, and the
//! straight-line distance between two postcodes in miles, as the SSDA903 placement
//! distance is worked out from the home and placement postcodes (HOME_POST, PL_POST).
//!
//! A centroid is held for a full postcode ("CL3 4AB"), a postcode sector ("CL3 4")
//! or a postcode district ("CL3"). A postcode is placed by its own centroid where one
//! is held, else by its sector's, else by its district's, and the answer says which,
//! so a distance measured between district centroids is not mistaken for a precise one.

use std::collections::HashMap;

use crate::values::Postcode;

/// Metres in a statute mile.
pub const METRES_PER_MILE: f64 = 1_609.344;

/// A point on the British National Grid: metres east and north of its false origin
/// (ONS Postcode Directory `oseast1m`, `osnrth1m`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GridRef {
    easting: u32,
    northing: u32,
}

impl GridRef {
    /// The grid covers Great Britain within 700 km east and 1,300 km north of the
    /// false origin; anything outside it is not a National Grid reference.
    pub fn new(easting: u32, northing: u32) -> Option<Self> {
        (easting <= 700_000 && northing <= 1_300_000).then_some(Self { easting, northing })
    }

    /// Metres east of the false origin.
    pub fn easting(self) -> u32 {
        self.easting
    }

    /// Metres north of the false origin.
    pub fn northing(self) -> u32 {
        self.northing
    }

    /// The straight-line distance to `other` in miles. The National Grid is a flat
    /// projection, so within Great Britain a straight line on it is within a fraction
    /// of a percent of the distance on the ground.
    pub fn miles_to(self, other: GridRef) -> f64 {
        let dx = f64::from(self.easting) - f64::from(other.easting);
        let dy = f64::from(self.northing) - f64::from(other.northing);
        dx.hypot(dy) / METRES_PER_MILE
    }
}

/// How finely a centroid places a postcode: finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// The full postcode's own centroid.
    Postcode,
    /// The postcode sector's ("CL3 4").
    Sector,
    /// The postcode district's ("CL3").
    District,
}

impl Precision {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Precision::Postcode => "postcode",
            Precision::Sector => "sector",
            Precision::District => "district",
        }
    }

    /// The precision with this stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Postcode, Self::Sector, Self::District]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

/// A postcode, sector or district that a centroid can be held for, normalised
/// ("cl34ab" is "CL3 4AB"; a sector is the outward code, a space and one digit).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Area {
    text: String,
    precision: Precision,
}

impl Area {
    /// Reads a full postcode, a sector or a district; `None` if it is none of them.
    pub fn parse(text: &str) -> Option<Self> {
        if let Ok(p) = Postcode::parse(text, "postcode centroid", text, "postcode") {
            return Some(Self::postcode(&p));
        }
        let t = text.trim().to_ascii_uppercase();
        match t.split_whitespace().collect::<Vec<_>>().as_slice() {
            [outward] if is_outward(outward) => Some(Self {
                text: (*outward).to_owned(),
                precision: Precision::District,
            }),
            [outward, digit]
                if is_outward(outward)
                    && digit.len() == 1
                    && digit.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(Self {
                    text: format!("{outward} {digit}"),
                    precision: Precision::Sector,
                })
            }
            _ => None,
        }
    }

    /// The full postcode.
    pub fn postcode(p: &Postcode) -> Self {
        Self {
            text: p.as_str().to_owned(),
            precision: Precision::Postcode,
        }
    }

    /// The postcode's sector.
    pub fn sector_of(p: &Postcode) -> Self {
        Self {
            text: sector(p).to_owned(),
            precision: Precision::Sector,
        }
    }

    /// The postcode's district.
    pub fn district_of(p: &Postcode) -> Self {
        Self {
            text: district(p).to_owned(),
            precision: Precision::District,
        }
    }

    /// The area as text ("CL3 4AB", "CL3 4", "CL3").
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it is a postcode, a sector or a district.
    pub fn precision(&self) -> Precision {
        self.precision
    }
}

impl std::fmt::Display for Area {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// An outward code: 2 to 4 letters and digits, starting with a letter, with a digit.
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    (2..=4).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().any(u8::is_ascii_digit)
}

/// "CL3 4AB" → "CL3 4": a normalised postcode always ends in a digit and two letters.
fn sector(p: &Postcode) -> &str {
    let s = p.as_str();
    &s[..s.len() - 2]
}

/// "CL3 4AB" → "CL3".
fn district(p: &Postcode) -> &str {
    let s = p.as_str();
    s.split(' ').next().unwrap_or(s)
}

/// Where a postcode was placed, and by which centroid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The centroid.
    pub at: GridRef,
    /// Whose centroid it is.
    pub precision: Precision,
}

/// The distance between two postcodes and how each was placed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distance {
    /// Straight-line miles, to a tenth of a mile (as shown, and as compared).
    pub miles: f64,
    /// How the first postcode (home) was placed.
    pub from: Precision,
    /// How the second (placement) was placed.
    pub to: Precision,
}

/// Why a distance could not be measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmeasured {
    /// The first postcode (home) has no centroid, nor its sector or district.
    FromNotLocated,
    /// The second (placement) has none.
    ToNotLocated,
}

/// Centroids by full postcode, sector and district.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Centroids {
    postcodes: HashMap<String, GridRef>,
    sectors: HashMap<String, GridRef>,
    districts: HashMap<String, GridRef>,
}

impl Centroids {
    /// Holds `at` as the centroid of `area`, replacing any held before.
    pub fn insert(&mut self, area: &Area, at: GridRef) {
        let map = match area.precision {
            Precision::Postcode => &mut self.postcodes,
            Precision::Sector => &mut self.sectors,
            Precision::District => &mut self.districts,
        };
        map.insert(area.text.clone(), at);
    }

    /// Takes every centroid `other` holds, replacing these where both hold one.
    pub fn extend(&mut self, other: Centroids) {
        self.postcodes.extend(other.postcodes);
        self.sectors.extend(other.sectors);
        self.districts.extend(other.districts);
    }

    /// How many centroids are held, at each precision: (postcodes, sectors, districts).
    pub fn counts(&self) -> (usize, usize, usize) {
        (
            self.postcodes.len(),
            self.sectors.len(),
            self.districts.len(),
        )
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.postcodes.is_empty() && self.sectors.is_empty() && self.districts.is_empty()
    }

    /// Every centroid held, as (area, whether it is a postcode, sector or district,
    /// centroid), in no particular order: borrowed, so a whole directory can be
    /// written out without a second copy of it.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Precision, GridRef)> {
        fn each(
            map: &HashMap<String, GridRef>,
            precision: Precision,
        ) -> impl Iterator<Item = (&str, Precision, GridRef)> {
            map.iter()
                .map(move |(text, at)| (text.as_str(), precision, *at))
        }
        each(&self.postcodes, Precision::Postcode)
            .chain(each(&self.sectors, Precision::Sector))
            .chain(each(&self.districts, Precision::District))
    }

    /// Places `p` by its own centroid, else its sector's, else its district's.
    pub fn locate(&self, p: &Postcode) -> Option<Located> {
        let found = |map: &HashMap<String, GridRef>, key: &str, precision| {
            map.get(key).map(|at| Located { at: *at, precision })
        };
        found(&self.postcodes, p.as_str(), Precision::Postcode)
            .or_else(|| found(&self.sectors, sector(p), Precision::Sector))
            .or_else(|| found(&self.districts, district(p), Precision::District))
    }

    /// The straight-line distance from `from` to `to`, to a tenth of a mile.
    pub fn distance(&self, from: &Postcode, to: &Postcode) -> Result<Distance, Unmeasured> {
        let a = self.locate(from).ok_or(Unmeasured::FromNotLocated)?;
        let b = self.locate(to).ok_or(Unmeasured::ToNotLocated)?;
        Ok(Distance {
            miles: (a.at.miles_to(b.at) * 10.0).round() / 10.0,
            from: a.precision,
            to: b.precision,
        })
    }

    /// Adds a centroid for every sector and district of the full postcodes held that
    /// has none: the mean of its postcodes' centroids. So a postcode missing from the
    /// directory (new, or mistyped in its last letters) is still placed near enough.
    /// Returns how many (sectors, districts) were added.
    pub fn derive_areas(&mut self) -> (usize, usize) {
        let mut sectors: HashMap<String, (u64, u64, u64)> = HashMap::new();
        let mut districts: HashMap<String, (u64, u64, u64)> = HashMap::new();
        for (text, at) in &self.postcodes {
            let Some((out, inward)) = text.split_once(' ') else {
                continue;
            };
            let sector_key = format!("{out} {}", &inward[..1.min(inward.len())]);
            for (map, key) in [(&mut sectors, sector_key), (&mut districts, out.to_owned())] {
                let sum = map.entry(key).or_insert((0, 0, 0));
                sum.0 += u64::from(at.easting);
                sum.1 += u64::from(at.northing);
                sum.2 += 1;
            }
        }
        let mut added = (0, 0);
        for (sums, held, n) in [
            (sectors, &mut self.sectors, &mut added.0),
            (districts, &mut self.districts, &mut added.1),
        ] {
            for (key, (e, north, count)) in sums {
                if held.contains_key(&key) {
                    continue;
                }
                let mean = |total: u64| u32::try_from((total + count / 2) / count).ok();
                if let Some(at) = mean(e)
                    .zip(mean(north))
                    .and_then(|(e, north)| GridRef::new(e, north))
                {
                    held.insert(key, at);
                    *n += 1;
                }
            }
        }
        added
    }
}

/// What a row of an ONS Postcode Directory-style file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryRow {
    /// A postcode and its centroid.
    Located(Postcode, GridRef),
    /// A postcode with no grid reference (the directory leaves it blank, or marks
    /// its quality "no grid reference"), so nothing to hold.
    NoGridReference,
    /// A Northern Ireland postcode: the directory gives these on the Irish Grid, which
    /// is not comparable with the British National Grid, so none is held.
    IrishGrid,
    /// Not a postcode.
    NotAPostcode,
}

/// Reads one directory row: the postcode (`pcds`, or `pcd`), `oseast1m`, `osnrth1m`,
/// and, where the file has it, the grid reference quality `osgrdind` (9 means none).
pub fn directory_row(
    postcode: &str,
    easting: &str,
    northing: &str,
    quality: Option<&str>,
) -> DirectoryRow {
    let Ok(p) = Postcode::parse(postcode, "postcode directory", postcode, "pcds") else {
        return DirectoryRow::NotAPostcode;
    };
    if p.as_str().starts_with("BT") {
        return DirectoryRow::IrishGrid;
    }
    if quality.is_some_and(|q| q.trim() == "9") {
        return DirectoryRow::NoGridReference;
    }
    let grid = easting
        .trim()
        .parse::<u32>()
        .ok()
        .zip(northing.trim().parse::<u32>().ok())
        .and_then(|(e, n)| GridRef::new(e, n));
    match grid {
        Some(at) => DirectoryRow::Located(p, at),
        None => DirectoryRow::NoGridReference,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pc(s: &str) -> Postcode {
        Postcode::parse(s, "t", "x", "postcode").unwrap()
    }

    fn at(e: u32, n: u32) -> GridRef {
        GridRef::new(e, n).unwrap()
    }

    #[test]
    fn areas_are_recognised_by_their_shape() {
        let p = Area::parse("cl34ab").unwrap();
        assert_eq!(
            (p.as_str(), p.precision()),
            ("CL3 4AB", Precision::Postcode)
        );
        let s = Area::parse(" cl3 4 ").unwrap();
        assert_eq!((s.as_str(), s.precision()), ("CL3 4", Precision::Sector));
        let d = Area::parse("CL12").unwrap();
        assert_eq!((d.as_str(), d.precision()), ("CL12", Precision::District));
        assert_eq!(
            Area::parse("SW1A").unwrap().precision(),
            Precision::District
        );
        for bad in ["", "CL", "123", "CL3 44", "CL3 4A", "TOOLONG1"] {
            assert!(Area::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(Area::sector_of(&pc("SW1A 1AA")).as_str(), "SW1A 1");
        assert_eq!(Area::district_of(&pc("M1 1AE")).as_str(), "M1");
    }

    #[test]
    fn grid_references_stay_on_the_grid() {
        assert!(GridRef::new(700_000, 1_300_000).is_some());
        assert!(GridRef::new(700_001, 0).is_none());
        assert!(GridRef::new(0, 1_300_001).is_none());
    }

    #[test]
    fn distance_is_straight_line_miles() {
        // A 3-4-5 triangle: 4,828.032 m east and 6,437.376 m north is 8,046.72 m,
        // exactly 5 miles.
        let a = at(400_000, 300_000);
        let b = GridRef {
            easting: 404_828,
            northing: 306_437,
        };
        assert!((a.miles_to(b) - 5.0).abs() < 0.001, "{}", a.miles_to(b));
        assert_eq!(a.miles_to(a), 0.0);
    }

    #[test]
    fn lookup_falls_back_from_postcode_to_sector_to_district_and_says_which() {
        let mut c = Centroids::default();
        c.insert(&Area::parse("CL3 4AB").unwrap(), at(400_000, 300_000));
        c.insert(&Area::parse("CL3 4").unwrap(), at(401_000, 300_000));
        c.insert(&Area::parse("CL3").unwrap(), at(402_000, 300_000));
        let found = |p: &str| c.locate(&pc(p)).map(|l| (l.at.easting(), l.precision));
        assert_eq!(found("CL3 4AB"), Some((400_000, Precision::Postcode)));
        assert_eq!(found("CL3 4ZZ"), Some((401_000, Precision::Sector)));
        assert_eq!(found("CL3 9ZZ"), Some((402_000, Precision::District)));
        assert_eq!(found("CL33 4AB"), None, "CL33 is another district");
        assert_eq!(found("QA1 1AA"), None);
    }

    #[test]
    fn distances_are_to_a_tenth_of_a_mile_and_name_how_each_end_was_placed() {
        let mut c = Centroids::default();
        c.insert(&Area::parse("CL1 1AA").unwrap(), at(400_000, 300_000));
        // 32,187 m east: 20.0003 miles, shown and compared as 20.0.
        c.insert(&Area::parse("QA1").unwrap(), at(432_187, 300_000));
        let d = c.distance(&pc("CL1 1AA"), &pc("QA1 2BB")).unwrap();
        assert_eq!(d.miles, 20.0);
        assert_eq!((d.from, d.to), (Precision::Postcode, Precision::District));
        assert_eq!(
            c.distance(&pc("CL9 9ZZ"), &pc("QA1 2BB")),
            Err(Unmeasured::FromNotLocated)
        );
        assert_eq!(
            c.distance(&pc("CL1 1AA"), &pc("QB1 2BB")),
            Err(Unmeasured::ToNotLocated)
        );
    }

    #[test]
    fn sector_and_district_centroids_are_the_mean_of_their_postcodes() {
        let mut c = Centroids::default();
        c.insert(&Area::parse("CL3 4AB").unwrap(), at(400_000, 300_000));
        c.insert(&Area::parse("CL3 4AD").unwrap(), at(400_100, 300_300));
        c.insert(&Area::parse("CL3 5AA").unwrap(), at(401_000, 301_000));
        // A sector already held keeps its own centroid.
        c.insert(&Area::parse("CL3 5").unwrap(), at(409_000, 309_000));
        assert_eq!(c.derive_areas(), (1, 1));
        let sector = c.locate(&pc("CL3 4ZZ")).unwrap();
        assert_eq!(
            (sector.at.easting(), sector.at.northing(), sector.precision),
            (400_050, 300_150, Precision::Sector)
        );
        assert_eq!(
            c.locate(&pc("CL3 5ZZ")).unwrap().at.easting(),
            409_000,
            "kept"
        );
        let district = c.locate(&pc("CL3 9ZZ")).unwrap();
        // (400,000 + 400,100 + 401,000) / 3 = 400,366.67, rounded.
        assert_eq!(
            (district.at.easting(), district.at.northing()),
            (400_367, 300_433)
        );
        assert_eq!(c.counts(), (3, 2, 1));
    }

    #[test]
    fn directory_rows_without_a_british_grid_reference_are_skipped() {
        assert_eq!(
            directory_row("CL3 4AB", "400000", "300000", Some("1")),
            DirectoryRow::Located(pc("CL3 4AB"), at(400_000, 300_000))
        );
        assert_eq!(
            directory_row("CL3 4AB", "", "", None),
            DirectoryRow::NoGridReference
        );
        assert_eq!(
            directory_row("CL3 4AB", "400000", "300000", Some("9")),
            DirectoryRow::NoGridReference
        );
        assert_eq!(
            directory_row("CL3 4AB", "900000", "300000", None),
            DirectoryRow::NoGridReference
        );
        assert_eq!(
            directory_row("BT1 1AA", "333000", "374000", None),
            DirectoryRow::IrishGrid
        );
        assert_eq!(
            directory_row("not one", "1", "1", None),
            DirectoryRow::NotAPostcode
        );
    }
}
