//! Permanence: the adoption journey and orders that end care (SSD ssd_permanence;
//! 903 AD1, PlacedAdoption; adoption scorecard A1/A2/A10).

use jiff::civil::Date;

use crate::codes::{
    AdopterLegalStatus, AdopterSex, DecisionReversedReason, PermanenceOrder, PreviousPermanence,
};
use crate::{PersonId, RecordId, ValidationError};

/// A child's permanence decisions and dates.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Permanence {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The period of care.
    pub period_id: RecordId,
    /// Agency decision maker's decision that the child should be placed for adoption (903 DATE_INT).
    pub adm_decision_date: Option<Date>,
    /// Placement order made.
    pub placement_order_date: Option<Date>,
    /// Matched with adopters (903 DATE_MATCH).
    pub matched_date: Option<Date>,
    /// Placed for adoption (903 DATE_PLACED).
    pub placed_date: Option<Date>,
    /// Order that secured permanence.
    pub order_kind: Option<PermanenceOrder>,
    /// Date of that order.
    pub order_date: Option<Date>,
    /// Decision no longer to place for adoption (903 DATE_PLACED_CEASED).
    pub decision_reversed_date: Option<Date>,
    /// Why (903 REASON_PLACED_CEASED).
    pub decision_reversed_reason: Option<DecisionReversedReason>,
}

impl Permanence {
    /// Checks the record on its own: the adoption steps run in order.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "permanence";
        let steps = [
            ("adm_decision_date", self.adm_decision_date),
            ("matched_date", self.matched_date),
            ("placed_date", self.placed_date),
        ];
        let mut last: Option<(&str, Date)> = None;
        for (field, date) in steps {
            if let Some(d) = date {
                if let Some((prev_field, prev)) = last
                    && d < prev
                {
                    return Err(ValidationError::new(
                        R,
                        &self.id,
                        field,
                        format!("({d}) is before the {prev_field} ({prev})"),
                    ));
                }
                last = Some((field, d));
            }
        }
        if self.order_kind.is_some() != self.order_date.is_some() {
            return Err(ValidationError::new(
                R,
                &self.id,
                "order_date",
                "and the order type must be given together",
            ));
        }
        if self.decision_reversed_date.is_some() != self.decision_reversed_reason.is_some() {
            return Err(ValidationError::new(
                R,
                &self.id,
                "decision_reversed_reason",
                "and the date the decision was reversed must be given together",
            ));
        }
        Ok(())
    }
}

/// Details of an adoption for SSDA903 AD1: who adopted the child.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AdoptionDetails {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The permanence record (with the adoption order date).
    pub permanence_id: RecordId,
    /// Adopted by the child's foster carer (903 FOSTER_CARE).
    pub adopted_by_foster_carer: bool,
    /// Number of adopters (903 NB_ADOPTR): 1 or 2.
    pub number_of_adopters: u8,
    /// Adopters' sex (903 SEX_ADOPTR).
    pub adopter_sex: AdopterSex,
    /// Adopters' legal status (903 LS_ADOPTR).
    pub adopter_legal_status: AdopterLegalStatus,
}

impl AdoptionDetails {
    /// Checks the record on its own: the number of adopters matches their description.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let single = matches!(
            self.adopter_sex,
            AdopterSex::SingleMale | AdopterSex::SingleFemale
        );
        let expected = if single { 1 } else { 2 };
        if self.number_of_adopters != expected {
            return Err(ValidationError::new(
                "adoption details",
                &self.id,
                "number_of_adopters",
                format!(
                    "is {} but the adopters are recorded as '{}'",
                    self.number_of_adopters,
                    self.adopter_sex.label()
                ),
            ));
        }
        Ok(())
    }
}

/// A permanence order the child had before this period of care (SSDA903 PrevPerm).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PreviousPermanenceOrder {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The kind of order (903 PREV_PERM).
    pub kind: PreviousPermanence,
    /// Date of the order, if known (903 DATE_PERM).
    pub order_date: Option<Date>,
    /// Local authority that made it, if known (903 LA_PERM).
    pub local_authority: Option<String>,
}
