//! Identifiers. Every id is a short string of letters, digits, `_` or `-` (at most 36
//! characters), matching the DfE children's social care API pre-flight rule, so that
//! records can be exported without re-keying.

use crate::ValidationError;

/// The longest id the DfE API accepts (API pre-flight checks).
pub const MAX_ID_LEN: usize = 36;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $record:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses an id, rejecting empty, over-long or oddly-charactered values.
            pub fn parse(value: &str) -> Result<Self, ValidationError> {
                check_id($record, value).map(|()| Self(value.to_owned()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                check_id($record, &value).map(|()| Self(value))
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

fn check_id(record: &'static str, value: &str) -> Result<(), ValidationError> {
    let problem = if value.is_empty() {
        "is empty"
    } else if value.len() > MAX_ID_LEN {
        "is longer than 36 characters"
    } else if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        "may contain only letters, digits, '_' and '-'"
    } else {
        return Ok(());
    };
    Err(ValidationError::new(record, value, "id", problem))
}

id_type!(/// A person: child, parent, carer or other family member.
    PersonId, "person");
id_type!(/// A team or service unit.
    TeamId, "team");
id_type!(/// A member of staff (social worker, personal adviser, IRO, manager).
    WorkerId, "worker");
id_type!(/// Any other record in a child's journey (contact, referral, visit...).
    RecordId, "record");

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_dfe_api_rule() {
        assert!(PersonId::parse("C-000123_a").is_ok());
        assert!(PersonId::parse(&"x".repeat(36)).is_ok());
        let long = PersonId::parse(&"x".repeat(37)).unwrap_err();
        assert_eq!(long.field, "id");
        assert_eq!(long.record, "person");
        assert!(PersonId::parse("").is_err());
        assert!(RecordId::parse("a b").is_err());
        assert!(RecordId::parse("a/b").is_err());
    }
}
