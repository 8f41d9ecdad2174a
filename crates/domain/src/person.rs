//! People: children and the adults in their family (SSD ssd_person, ssd_family).

use jiff::civil::Date;

use crate::codes::{
    Disability, Ethnicity, ImmigrationStatusKind, PersonKind, Relationship, Sex, UpnUnknownReason,
};
use crate::values::{Postcode, Upn};
use crate::{PersonId, RecordId, ValidationError};

/// A person known to children's services (SSD ssd_person).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Person {
    /// The local authority's id for the person (DfE API `la_child_id`).
    pub id: PersonId,
    /// Child or adult.
    pub kind: PersonKind,
    /// Forename.
    pub forename: String,
    /// Surname.
    pub surname: String,
    /// Sex as recorded for the CIN census and SSDA903 from 2024-25.
    pub sex: Sex,
    /// Ethnicity (DfE code).
    pub ethnicity: Ethnicity,
    /// Date of birth; absent for an unborn child.
    pub date_of_birth: Option<Date>,
    /// Expected date of birth of an unborn child.
    pub expected_date_of_birth: Option<Date>,
    /// Date of death, if the person has died.
    pub date_of_death: Option<Date>,
    /// Unique pupil number.
    pub upn: Option<Upn>,
    /// Why there is no UPN.
    pub upn_unknown_reason: Option<UpnUnknownReason>,
    /// NHS number (ten digits).
    pub nhs_number: Option<String>,
    /// Disabilities (empty when none recorded).
    pub disabilities: Vec<Disability>,
    /// Has been an unaccompanied asylum-seeking child (SSDA903 UASC); the periods are
    /// [`ImmigrationStatus`] records, and a child record is checked to agree with them.
    pub uasc: bool,
    /// Home postcode.
    pub postcode: Option<Postcode>,
}

impl Person {
    /// Full name for display.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.forename, self.surname)
    }

    /// Age in whole years on `on`, if the date of birth is known.
    pub fn age_on(&self, on: Date) -> Option<i16> {
        let dob = self.date_of_birth?;
        let mut age = on.year() - dob.year();
        if (on.month(), on.day()) < (dob.month(), dob.day()) {
            age -= 1;
        }
        Some(age)
    }

    /// The date the person turns `years` old (29 February birthdays fall on 28 February).
    pub fn birthday(&self, years: i16) -> Option<Date> {
        let dob = self.date_of_birth?;
        let year = dob.year() + years;
        Date::new(year, dob.month(), dob.day())
            .or_else(|_| Date::new(year, dob.month(), dob.day() - 1))
            .ok()
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "person";
        if self.forename.trim().is_empty() {
            return Err(ValidationError::new(R, &self.id, "forename", "is empty"));
        }
        if self.surname.trim().is_empty() {
            return Err(ValidationError::new(R, &self.id, "surname", "is empty"));
        }
        if self.kind == PersonKind::Child
            && self.date_of_birth.is_none()
            && self.expected_date_of_birth.is_none()
        {
            return Err(ValidationError::new(
                R,
                &self.id,
                "date_of_birth",
                "is missing: a child needs a date of birth or an expected date of birth",
            ));
        }
        if let (Some(dob), Some(dod)) = (self.date_of_birth, self.date_of_death)
            && dod < dob
        {
            return Err(ValidationError::new(
                R,
                &self.id,
                "date_of_death",
                format!("({dod}) is before the date of birth ({dob})"),
            ));
        }
        if let Some(nhs) = &self.nhs_number
            && (nhs.len() != 10 || !nhs.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(ValidationError::new(
                R,
                &self.id,
                "nhs_number",
                "must be ten digits",
            ));
        }
        Ok(())
    }
}

/// A family link between a child and another person (SSD ssd_family, ssd_mother).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FamilyLink {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The relative or carer.
    pub relative_id: PersonId,
    /// What the relative is to the child.
    pub relationship: Relationship,
    /// Whether the relative holds parental responsibility.
    pub parental_responsibility: bool,
}

impl FamilyLink {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.child_id == self.relative_id {
            return Err(ValidationError::new(
                "family link",
                &self.id,
                "relative_id",
                "is the child themself",
            ));
        }
        Ok(())
    }
}

/// An immigration status held for a period (SSD ssd_immigration_status); the UASC
/// period gives SSDA903 UASC DUC and the DfE API `uasc_end_date`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImmigrationStatus {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The status.
    pub status: ImmigrationStatusKind,
    /// From.
    pub start_date: Date,
    /// Until.
    pub end_date: Option<Date>,
}

impl ImmigrationStatus {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        crate::error::end_not_before_start(
            "immigration status",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// A made-up child for unit tests across the domain: id, date of birth, otherwise
/// plain defaults.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn example_child(id: &str, date_of_birth: Option<jiff::civil::Date>) -> Person {
    use crate::codes::{Ethnicity, Sex};
    Person {
        id: PersonId::parse(id).unwrap(),
        kind: PersonKind::Child,
        forename: "Ada".into(),
        surname: "Example".into(),
        sex: Sex::from_code("F").unwrap(),
        ethnicity: Ethnicity::from_code("WBRI").unwrap(),
        date_of_birth,
        expected_date_of_birth: None,
        date_of_death: None,
        upn: None,
        upn_unknown_reason: None,
        nhs_number: None,
        disabilities: vec![],
        uasc: false,
        postcode: None,
    }
}
