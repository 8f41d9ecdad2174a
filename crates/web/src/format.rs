//! Formatting for display, GOV.UK style: dates as "3 March 2025", counts with
//! thousands separators, ages in whole years.

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as GOV.UK writes it: "3 March 2025" (no leading zero, month in full).
pub(crate) fn date(d: Date) -> String {
    let month = usize::try_from(d.month() - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// An optional date, or `missing` when there is none.
pub(crate) fn opt_date(d: Option<Date>, missing: &str) -> String {
    d.map_or_else(|| missing.to_owned(), date)
}

/// Age in whole years on `on` of someone born on `born` (not yet had this year's
/// birthday: one less). `None` if `on` is before the birth.
pub(crate) fn age_on(born: Date, on: Date) -> Option<i16> {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    (age >= 0).then_some(age)
}

/// "1 year" / "7 years".
pub(crate) fn years(age: i16) -> String {
    if age == 1 {
        "1 year".to_owned()
    } else {
        format!("{age} years")
    }
}

/// A count with thousands separators: 12345 → "12,345".
pub(crate) fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "Yes" / "No".
pub(crate) fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

/// Percent-encodes a query-string value (everything but RFC 3986 unreserved characters).
pub(crate) fn query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn dates_are_written_the_gov_uk_way() {
        assert_eq!(date(d(2025, 3, 3)), "3 March 2025");
        assert_eq!(date(d(2024, 12, 31)), "31 December 2024");
        assert_eq!(date(d(2001, 1, 10)), "10 January 2001");
        assert_eq!(opt_date(None, "Not recorded"), "Not recorded");
        assert_eq!(opt_date(Some(d(2020, 2, 29)), "x"), "29 February 2020");
    }

    #[test]
    fn age_counts_whole_years_turning_on_the_birthday() {
        assert_eq!(age_on(d(2015, 3, 3), d(2025, 3, 2)), Some(9));
        assert_eq!(age_on(d(2015, 3, 3), d(2025, 3, 3)), Some(10));
        assert_eq!(age_on(d(2015, 3, 3), d(2015, 3, 3)), Some(0));
        assert_eq!(age_on(d(2020, 2, 29), d(2021, 2, 28)), Some(0));
        assert_eq!(age_on(d(2020, 2, 29), d(2021, 3, 1)), Some(1));
        assert_eq!(age_on(d(2025, 6, 1), d(2025, 5, 1)), None);
        assert_eq!(years(1), "1 year");
        assert_eq!(years(0), "0 years");
        assert_eq!(years(16), "16 years");
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(12345), "12,345");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_value("smith"), "smith");
        assert_eq!(query_value("Amy O'Neil"), "Amy%20O%27Neil");
        assert_eq!(query_value("03/03/2015"), "03%2F03%2F2015");
        assert_eq!(query_value("a&page=2"), "a%26page%3D2");
        assert_eq!(query_value("Zoë"), "Zo%C3%AB");
    }
}
