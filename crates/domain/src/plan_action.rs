//! Actions on a child's plan: who does what by when. A plan that does not say this
//! cannot be followed or reviewed (Working Together 2023, ch. 4, CP and CIN plans).

use jiff::civil::Date;

use crate::codes::{ActionStatus, PlanKind};
use crate::{PersonId, RecordId, ValidationError};

/// One action on a plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanAction {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Which kind of plan.
    pub plan_kind: PlanKind,
    /// The plan's record id (CIN plan, CP plan, period of care or care leaver record).
    pub plan_id: RecordId,
    /// Who will do it (person or agency).
    pub who: String,
    /// What will be done.
    pub what: String,
    /// By when.
    pub due_date: Date,
    /// Where it stands.
    pub status: ActionStatus,
    /// When it was done.
    pub completed_date: Option<Date>,
    /// When it was agreed.
    pub agreed_date: Date,
}

impl PlanAction {
    /// Open and past its due date on `on`.
    pub fn is_overdue_on(&self, on: Date) -> bool {
        self.status == ActionStatus::Open && self.due_date < on
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "plan action";
        if self.who.trim().is_empty() {
            return Err(ValidationError::new(
                R,
                &self.id,
                "who",
                "is empty: say who will do this",
            ));
        }
        if self.what.trim().is_empty() {
            return Err(ValidationError::new(
                R,
                &self.id,
                "what",
                "is empty: say what will be done",
            ));
        }
        if self.due_date < self.agreed_date {
            return Err(ValidationError::new(
                R,
                &self.id,
                "due_date",
                format!(
                    "({}) is before the action was agreed ({})",
                    self.due_date, self.agreed_date
                ),
            ));
        }
        match (self.status, self.completed_date) {
            (ActionStatus::Done, None) => Err(ValidationError::new(
                R,
                &self.id,
                "completed_date",
                "is missing for an action marked done",
            )),
            (ActionStatus::Open, Some(_)) => Err(ValidationError::new(
                R,
                &self.id,
                "status",
                "is open but a completion date is recorded",
            )),
            (_, Some(done)) if done < self.agreed_date => Err(ValidationError::new(
                R,
                &self.id,
                "completed_date",
                "is before the action was agreed",
            )),
            _ => Ok(()),
        }
    }
}
