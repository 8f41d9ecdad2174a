//! Teams, workers and who is allocated to each child (SSD ssd_department,
//! ssd_professionals, ssd_involvements; SSDA903 SWEpisodes).

use jiff::civil::Date;

use crate::codes::{AllocationRole, JobRole, ServiceArea, WorkerChangeReason};
use crate::error::end_not_before_start;
use crate::values::SweRegistration;
use crate::{PersonId, RecordId, TeamId, ValidationError, WorkerId};

/// A team (SSD ssd_department).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Team {
    /// Team id.
    pub id: TeamId,
    /// Team name.
    pub name: String,
    /// The service the team provides.
    pub service_area: ServiceArea,
    /// Parent unit, if any.
    pub parent_id: Option<TeamId>,
}

/// A member of staff (SSD ssd_professionals).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Worker {
    /// Worker id.
    pub id: WorkerId,
    /// Forename.
    pub forename: String,
    /// Surname.
    pub surname: String,
    /// Job.
    pub role: JobRole,
    /// Team the worker belongs to.
    pub team_id: TeamId,
    /// Social Work England registration, for registered social workers.
    pub registration: Option<SweRegistration>,
    /// Agency (locum) rather than permanent.
    pub agency: bool,
    /// Full-time equivalence in hundredths (100 = full time), stored exactly.
    pub fte_hundredths: u16,
    /// First day in post.
    pub start_date: Date,
    /// Last day in post.
    pub end_date: Option<Date>,
}

impl Worker {
    /// Full name for display.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.forename, self.surname)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.fte_hundredths == 0 || self.fte_hundredths > 100 {
            return Err(ValidationError::new(
                "worker",
                &self.id,
                "fte",
                "must be more than 0 and at most 1.00",
            ));
        }
        end_not_before_start(
            "worker",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// A period in which a worker (or, while "held on duty", only a team) is responsible
/// for a child (SSD ssd_involvements; SSDA903 SWEpisodes).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Allocation {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The allocated worker; `None` means held on duty by the team with no named worker.
    pub worker_id: Option<WorkerId>,
    /// The responsible team.
    pub team_id: TeamId,
    /// What the allocation is for.
    pub role: AllocationRole,
    /// First day of the allocation.
    pub start_date: Date,
    /// Last day of the allocation.
    pub end_date: Option<Date>,
    /// Why the allocation ended and the worker changed (SSDA903 SW_REASON).
    pub change_reason: Option<WorkerChangeReason>,
}

impl Allocation {
    /// A child held on duty has a team but no named worker.
    pub fn is_held_on_duty(&self) -> bool {
        self.worker_id.is_none()
    }

    /// Whether the allocation is in force on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.start_date, self.end_date, on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "allocation",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )?;
        if self.end_date.is_none() && self.change_reason.is_some() {
            return Err(ValidationError::new(
                "allocation",
                &self.id,
                "change_reason",
                "is given but the allocation has not ended",
            ));
        }
        Ok(())
    }
}

/// A discussion of the child's case in supervision between the allocated worker and a
/// manager (a local standard sets how often).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaseSupervision {
    /// Record id.
    pub id: RecordId,
    /// The child whose case was discussed.
    pub child_id: PersonId,
    /// Date of the supervision.
    pub date: Date,
    /// The supervising manager, if recorded.
    pub supervisor_id: Option<WorkerId>,
}
