//! Code sets: the DfE's (CIN census, SSDA903, Annex A) and Caseline's own.
//!
//! Every code set is a Rust enum carrying its official code and label. Parsing an
//! unknown code is a typed [`UnknownCode`] error, never a silent default.

/// Declares a code set: an enum whose variants carry a stored/official code and a label.
///
/// ```text
/// code_set! {
///     /// Category of abuse on a child protection plan (CIN census; VCIN rule 8905).
///     CategoryOfAbuse, "category of abuse" {
///         Neglect = "NEG", "Neglect";
///     }
/// }
/// ```
macro_rules! code_set {
    (
        $(#[$meta:meta])*
        $name:ident, $set:literal {
            $( $variant:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( #[doc = $label] $variant, )+
        }

        impl $name {
            /// Every value in the set, in official order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// The name of the code set, used in error messages.
            pub const SET: &'static str = $set;

            /// The official (or stored) code.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)+ }
            }

            /// The human-readable label.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)+ }
            }

            /// Parses an official code; surrounding whitespace is ignored, case is not.
            pub fn from_code(code: &str) -> Result<Self, $crate::codes::UnknownCode> {
                match code.trim() {
                    $($code => Ok(Self::$variant),)+
                    other => Err($crate::codes::UnknownCode {
                        code_set: $set,
                        code: other.to_owned(),
                    }),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s)
            }
        }

        /// Serialised as the official code, with no loss.
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub(crate) use code_set;

/// Calls `$callback!` with every code set's type name, DfE and local, so code that must
/// handle each one (storage mapping, round-trip tests) cannot miss a new set.
#[macro_export]
macro_rules! for_each_code_set {
    ($callback:ident) => {
        $callback! {
           Sex,
           Ethnicity,
           Disability,
           UpnUnknownReason,
           ReferralSource,
           PrimaryNeed,
           ReasonForClosure,
           CategoryOfAbuse,
           AssessmentFactor,
           ParticipationCode,
           ReasonNewEpisode,
           LegalStatus,
           PlacementType,
           PlacementProvider,
           ReasonEpisodeCeased,
           ReasonPlaceChange,
           CareLeaverInTouch,
           CareLeaverActivity,
           CareLeaverAccommodation,
           SdqReason,
           WorkerChangeReason,
           DecisionReversedReason,
           PreviousPermanence,
           MissingType,
           CarePlanIntention,
           AdopterSex,
           AdopterLegalStatus,
           PersonKind,
           Relationship,
           ServiceArea,
           JobRole,
           AllocationRole,
           ContactOutcome,
           Rag,
           AssessmentOutcome,
           Agency,
           Section47Outcome,
           ConferenceKind,
           PlanKind,
           ActionStatus,
           VisitKind,
           HealthCheckKind,
           HealthCheckStatus,
           CareLeaverEligibility,
           PermanenceOrder,
           LadoOutcome,
           PreProceedingsOutcome,
           EducationConcernKind,
           ImmigrationStatusKind,
           Role
        }
    };
}

/// A code that is not in its code set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{code}' is not a valid {code_set} code")]
pub struct UnknownCode {
    /// Which code set was being read.
    pub code_set: &'static str,
    /// The code as given.
    pub code: String,
}

mod dfe;
mod local;

pub use dfe::*;
pub use local::*;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_code_set_round_trips_and_has_unique_codes() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(T) -> &'static str,
            parse: fn(&str) -> Result<T, UnknownCode>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for &v in all {
                assert!(seen.insert(code(v)), "duplicate code {}", code(v));
                assert_eq!(parse(code(v)), Ok(v));
            }
        }
        macro_rules! check_all {
            ($($t:ty),+ $(,)?) => { $( check(<$t>::ALL, <$t>::code, <$t>::from_code); )+ };
        }
        crate::for_each_code_set!(check_all);
    }

    #[test]
    fn unknown_code_is_a_typed_error_naming_the_set() {
        let err = LegalStatus::from_code("C9").unwrap_err();
        assert_eq!(err.code_set, "legal status");
        assert_eq!(err.to_string(), "'C9' is not a valid legal status code");
    }
}
