//! Dates as day numbers (days since 1970-01-01), so that the generator can do its
//! arithmetic on plain integers and turn them into `jiff` values only when it writes a
//! record.

use jiff::Timestamp;
use jiff::civil::Date;

/// A day number: days since 1970-01-01.
pub(crate) type Day = i32;

/// Days in an average year.
pub(crate) const YEAR: f64 = 365.25;

/// The day number of a date.
pub(crate) fn day(d: Date) -> Day {
    days_from_civil(
        i32::from(d.year()),
        i32::from(d.month()),
        i32::from(d.day()),
    )
}

/// The date of a day number.
pub(crate) fn date(n: Day) -> Date {
    let (y, m, d) = civil_from_days(n);
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Date::MIN;
    };
    Date::new(y, m, d).unwrap_or(Date::MIN)
}

/// The same calendar day `years` later (29 February falls back to 28 February).
pub(crate) fn add_years(n: Day, years: i32) -> Day {
    let (y, m, d) = civil_from_days(n);
    let y = y + years;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let d = if m == 2 && d == 29 && !leap { 28 } else { d };
    days_from_civil(y, m, d)
}

/// Year, month and day of a day number.
pub(crate) fn ymd(n: Day) -> (i32, i32, i32) {
    civil_from_days(n)
}

/// The day number of a civil date (no validation; callers pass real dates).
pub(crate) fn from_ymd(y: i32, m: i32, d: i32) -> Day {
    days_from_civil(y, m, d)
}

/// A moment on day `n`, `minutes` after midnight UTC. Kept between 01:00 and 22:59 UTC,
/// the moment falls on the same calendar day in Europe/London whatever the season.
pub(crate) fn timestamp(n: Day, minutes: i32) -> Timestamp {
    let minutes = minutes.clamp(60, 22 * 60 + 59);
    Timestamp::from_second(i64::from(n) * 86_400 + i64::from(minutes) * 60)
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A moment `seconds` after midnight UTC at the start of day `n` (may run into later days).
pub(crate) fn timestamp_seconds(n: Day, seconds: i64) -> Timestamp {
    Timestamp::from_second(i64::from(n) * 86_400 + seconds).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Age in whole years on day `on` of someone born on `dob`.
pub(crate) fn age_years(dob: Day, on: Day) -> i32 {
    let (by, bm, bd) = civil_from_days(dob);
    let (y, m, d) = civil_from_days(on);
    let mut age = y - by;
    if (m, d) < (bm, bd) {
        age -= 1;
    }
    age
}

/// Converts a span of working days into an approximate span of calendar days.
pub(crate) fn wd_as_days(wd: u32) -> i32 {
    (wd as i32 * 7 + 4) / 5
}

// Howard Hinnant's civil-date algorithms (public domain).
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, i32, i32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_against_jiff() {
        let epoch = Date::new(1970, 1, 1).unwrap();
        for n in [-1000, 0, 1, 59, 60, 365, 10_000, 19_000, 20_500, 25_000] {
            let d = date(n);
            let expected = epoch
                .checked_add(jiff::Span::new().days(i64::from(n)))
                .unwrap();
            assert_eq!(d, expected, "{n}");
            assert_eq!(day(d), n);
        }
    }

    #[test]
    fn years_ages_and_timestamps() {
        let leap = day(Date::new(2008, 2, 29).unwrap());
        assert_eq!(date(add_years(leap, 1)), Date::new(2009, 2, 28).unwrap());
        assert_eq!(date(add_years(leap, 4)), Date::new(2012, 2, 29).unwrap());
        let dob = day(Date::new(2010, 6, 15).unwrap());
        assert_eq!(age_years(dob, day(Date::new(2028, 6, 14).unwrap())), 17);
        assert_eq!(age_years(dob, day(Date::new(2028, 6, 15).unwrap())), 18);
        let summer = day(Date::new(2025, 7, 1).unwrap());
        let late = timestamp(summer, 24 * 60);
        assert_eq!(caseline_domain::local_date(late), date(summer));
        let early = timestamp(summer, 0);
        assert_eq!(caseline_domain::local_date(early), date(summer));
    }
}
