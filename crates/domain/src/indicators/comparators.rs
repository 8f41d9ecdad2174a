//! England comparators, shipped as data (`data/england-comparators.csv`) with the year
//! and source of each figure. An indicator with no row has no comparator, and is shown
//! as "no England figure", never as zero.

use std::sync::OnceLock;

/// The England figure for an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparator {
    /// The indicator's id.
    pub indicator: String,
    /// The England value, in the indicator's unit.
    pub value: f64,
    /// The year it is for ("2024-25").
    pub year: String,
    /// Where it comes from.
    pub source: String,
}

const EMBEDDED: &str = include_str!("../../../../data/england-comparators.csv");

fn parse(csv: &str) -> Result<Vec<Comparator>, String> {
    let mut out = Vec::new();
    for (n, line) in csv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_csv(line);
        let [indicator, value, year, source] = fields.as_slice() else {
            return Err(format!("line {}: expected 4 fields", n + 1));
        };
        let value = value
            .parse::<f64>()
            .map_err(|_| format!("line {}: value '{value}' is not a number", n + 1))?;
        out.push(Comparator {
            indicator: indicator.clone(),
            value,
            year: year.clone(),
            source: source.clone(),
        });
    }
    Ok(out)
}

/// Splits one CSV line, honouring double quotes.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = fields.last_mut() {
                    f.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

fn table() -> &'static [Comparator] {
    static TABLE: OnceLock<Vec<Comparator>> = OnceLock::new();
    // The file is shipped in the binary and checked by a test, so a parse failure
    // here cannot reach a user; fall back to no comparators rather than panic.
    TABLE.get_or_init(|| parse(EMBEDDED).unwrap_or_default())
}

/// The England figure for the indicator, if one is shipped.
pub fn england(indicator: &str) -> Option<&'static Comparator> {
    table().iter().find(|c| c.indicator == indicator)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_comparators_parse_and_name_real_indicators() {
        let all = parse(EMBEDDED).unwrap();
        assert!(all.len() >= 8);
        for c in &all {
            assert!(
                crate::indicators::by_id(&c.indicator).is_some(),
                "{} has no indicator",
                c.indicator
            );
            assert!(!c.year.is_empty() && !c.source.is_empty());
        }
        assert_eq!(england("HP-RE-REFERRALS").unwrap().value, 22.6);
        // No figure is shipped for second plans (not found): missing, not zero.
        assert!(england("HP-CP-SECOND").is_none());
    }

    #[test]
    fn quoted_fields_keep_their_commas() {
        assert_eq!(
            split_csv(r#"A,1,2025,"x, ""y"" z""#),
            vec!["A", "1", "2025", r#"x, "y" z"#]
        );
        assert!(parse("h\nA,notanumber,2025,s\n").is_err());
    }
}
