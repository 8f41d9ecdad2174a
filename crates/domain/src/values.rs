//! Small value types that cannot hold an invalid value (parse, don't validate).

use crate::ValidationError;

macro_rules! text_value {
    ($(#[$meta:meta])* $name:ident, $what:literal, $check:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Parses the value; `record`, `id` and `field` name where it came from in errors.
            pub fn parse(
                value: &str,
                record: &'static str,
                id: &str,
                field: &'static str,
            ) -> Result<Self, ValidationError> {
                let normalised: String = $check(value.trim()).ok_or_else(|| {
                    ValidationError::new(record, id, field, format!("'{value}' is not a valid {}", $what))
                })?;
                Ok(Self(normalised))
            }

            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_value!(
    /// A UK postcode, upper-cased with one space before the inward code.
    Postcode, "UK postcode", normalise_postcode
);
text_value!(
    /// A unique pupil number: 13 characters, a check letter then 11 digits then a digit or letter.
    Upn, "unique pupil number", normalise_upn
);
text_value!(
    /// An Ofsted unique reference number for a registered provider (e.g. SC123456 or 1234567).
    OfstedUrn, "Ofsted URN", normalise_urn
);
text_value!(
    /// A Social Work England registration number (SW followed by digits; SSDA903 SW_ID).
    SweRegistration, "Social Work England registration number", normalise_swe
);

fn normalise_postcode(v: &str) -> Option<String> {
    let compact: String = v
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let n = compact.len();
    if !(5..=7).contains(&n) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(n - 3);
    let ib = inward.as_bytes();
    let inward_ok =
        ib[0].is_ascii_digit() && ib[1].is_ascii_alphabetic() && ib[2].is_ascii_alphabetic();
    let ob = outward.as_bytes();
    let outward_ok = ob[0].is_ascii_alphabetic()
        && ob.iter().all(|b| b.is_ascii_alphanumeric())
        && ob.iter().any(|b| b.is_ascii_digit());
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

fn normalise_upn(v: &str) -> Option<String> {
    let v = v.to_ascii_uppercase();
    let b = v.as_bytes();
    let ok = b.len() == 13
        && b[0].is_ascii_uppercase()
        && b[1..12].iter().all(u8::is_ascii_digit)
        && b[12].is_ascii_alphanumeric();
    ok.then_some(v)
}

fn normalise_urn(v: &str) -> Option<String> {
    let v = v.to_ascii_uppercase();
    let digits = v.strip_prefix("SC").unwrap_or(&v);
    let ok = (6..=7).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(v)
}

fn normalise_swe(v: &str) -> Option<String> {
    let v = v.to_ascii_uppercase();
    let digits = v.strip_prefix("SW")?;
    let ok = !digits.is_empty() && v.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(v)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_normalised_or_rejected_naming_the_field() {
        let p = Postcode::parse(" sw1a1aa ", "person", "C1", "postcode").unwrap();
        assert_eq!(p.as_str(), "SW1A 1AA");
        assert_eq!(
            Postcode::parse("M1 1AE", "person", "C1", "postcode")
                .unwrap()
                .as_str(),
            "M1 1AE"
        );
        let err = Postcode::parse("NOT A POSTCODE", "placement", "E9", "postcode").unwrap_err();
        assert_eq!((err.record, err.field), ("placement", "postcode"));
        assert!(Postcode::parse("1AA 1AA", "p", "x", "postcode").is_err());
    }

    #[test]
    fn upn_urn_and_swe_formats() {
        assert!(Upn::parse("A123456789012", "p", "x", "upn").is_ok());
        assert!(Upn::parse("A12345678901A", "p", "x", "upn").is_ok());
        assert!(Upn::parse("1234567890123", "p", "x", "upn").is_err());
        assert!(OfstedUrn::parse("SC123456", "p", "x", "urn").is_ok());
        assert!(OfstedUrn::parse("1234567", "p", "x", "urn").is_ok());
        assert!(OfstedUrn::parse("SC12", "p", "x", "urn").is_err());
        assert!(SweRegistration::parse("SW12345", "w", "x", "swe").is_ok());
        assert!(SweRegistration::parse("12345", "w", "x", "swe").is_err());
        assert!(SweRegistration::parse("SW12345678901", "w", "x", "swe").is_err());
    }
}
