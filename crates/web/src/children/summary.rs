//! The summary at the top of a child's record: who the child is, where they are in
//! the journey, who is responsible for them, and their family.

use std::collections::HashMap;

use caseline_domain::codes::AllocationRole;
use caseline_domain::workforce::{Allocation, Team, Worker};
use caseline_domain::{ChildRecord, TeamId, WorkerId};
use caseline_store::ChildStatus;
use jiff::civil::Date;

use super::{Tag, status_tag};
use crate::format;

/// Names of workers and teams by id, to show people rather than ids.
pub(crate) struct StaffNames {
    workers: HashMap<String, String>,
    teams: HashMap<String, String>,
}

impl StaffNames {
    /// From the whole workforce.
    pub(crate) fn new(workers: &[Worker], teams: &[Team]) -> Self {
        Self {
            workers: workers
                .iter()
                .map(|w| (w.id.to_string(), w.full_name()))
                .collect(),
            teams: teams
                .iter()
                .map(|t| (t.id.to_string(), t.name.clone()))
                .collect(),
        }
    }

    /// The worker's name (or their id, if somehow not on the system).
    pub(crate) fn worker(&self, id: &WorkerId) -> String {
        self.workers
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The team's name (or its id).
    pub(crate) fn team(&self, id: &TeamId) -> String {
        self.teams
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// One row of a GOV.UK summary list.
pub(crate) struct SummaryRow {
    pub key: &'static str,
    pub value: String,
    pub tag: Option<Tag>,
}

impl SummaryRow {
    pub(crate) fn text(key: &'static str, value: impl Into<String>) -> Self {
        Self {
            key,
            value: value.into(),
            tag: None,
        }
    }
}

/// A family member as shown in the family table.
pub(crate) struct FamilyRow {
    pub name: String,
    pub relationship: &'static str,
    pub parental_responsibility: &'static str,
}

/// "Alex Smith (Assessment Team North)", "Held on duty by Front Door" or "Not allocated".
fn allocation_text(a: Option<&Allocation>, names: &StaffNames) -> (String, Option<Tag>) {
    match a {
        Some(a) => match &a.worker_id {
            Some(w) => (
                format!("{} ({})", names.worker(w), names.team(&a.team_id)),
                None,
            ),
            None => (
                format!("Held on duty by {}", names.team(&a.team_id)),
                Some(Tag::HELD_ON_DUTY),
            ),
        },
        None => ("Not allocated".to_owned(), None),
    }
}

/// The summary list rows.
pub(crate) fn summary_rows(rec: &ChildRecord, names: &StaffNames, today: Date) -> Vec<SummaryRow> {
    let child = &rec.child;
    let mut rows = vec![SummaryRow::text("Child ID", child.id.to_string())];
    let born = match (child.date_of_birth, child.expected_date_of_birth) {
        (Some(dob), _) => match format::age_on(dob, today) {
            Some(age) => format!("{} (age {})", format::date(dob), format::years(age)),
            None => format::date(dob),
        },
        (None, Some(expected)) => format!("Unborn (expected {})", format::date(expected)),
        (None, None) => "Not recorded".to_owned(),
    };
    rows.push(SummaryRow::text("Date of birth", born));
    if let Some(died) = child.date_of_death {
        rows.push(SummaryRow::text("Date of death", format::date(died)));
    }
    rows.push(SummaryRow::text("Sex", child.sex.label()));
    rows.push(SummaryRow::text("Ethnicity", child.ethnicity.label()));
    let disabilities: Vec<&str> = child.disabilities.iter().map(|d| d.label()).collect();
    rows.push(SummaryRow::text(
        "Disability",
        if disabilities.is_empty() {
            "None recorded".to_owned()
        } else {
            disabilities.join(", ")
        },
    ));
    let upn = match (&child.upn, child.upn_unknown_reason) {
        (Some(upn), _) => upn.to_string(),
        (None, Some(reason)) => format!("Not known: {}", reason.label()),
        (None, None) => "Not recorded".to_owned(),
    };
    rows.push(SummaryRow::text("Unique pupil number", upn));
    rows.push(SummaryRow::text(
        "Postcode",
        child
            .postcode
            .as_ref()
            .map_or_else(|| "Not recorded".to_owned(), |p| p.to_string()),
    ));
    if child.uasc {
        rows.push(SummaryRow::text(
            "Unaccompanied asylum-seeking child",
            "Yes",
        ));
    }
    let status = rec.status_on(today);
    rows.push(SummaryRow {
        key: "Current status",
        value: String::new(),
        tag: Some(status_tag(status)),
    });
    if let Some(e) = rec.care_episode_on(today) {
        rows.push(SummaryRow::text("Legal status", e.legal_status.label()));
        rows.push(SummaryRow::text(
            "Current placement",
            format!(
                "{} (since {})",
                e.placement_type.label(),
                format::date(e.start_date)
            ),
        ));
    }
    let (social_worker, tag) = if status == ChildStatus::Closed {
        ("Not allocated (case closed)".to_owned(), None)
    } else {
        allocation_text(
            rec.allocation_on(AllocationRole::AllocatedSocialWorker, today),
            names,
        )
    };
    rows.push(SummaryRow {
        key: "Allocated social worker",
        value: social_worker,
        tag,
    });
    if let Some(pa) = rec.allocation_on(AllocationRole::PersonalAdviser, today) {
        rows.push(SummaryRow::text(
            "Personal adviser",
            allocation_text(Some(pa), names).0,
        ));
    }
    if let Some(iro) = rec.allocation_on(AllocationRole::IndependentReviewingOfficer, today) {
        rows.push(SummaryRow::text(
            "Independent reviewing officer",
            allocation_text(Some(iro), names).0,
        ));
    }
    rows.push(SummaryRow::text(
        "Changes of social worker",
        rec.social_worker_changes().to_string(),
    ));
    rows
}

/// The family table, in the order links were recorded.
pub(crate) fn family_rows(rec: &ChildRecord) -> Vec<FamilyRow> {
    rec.family_links
        .iter()
        .map(|l| FamilyRow {
            name: rec
                .relatives
                .iter()
                .find(|p| p.id == l.relative_id)
                .map_or_else(|| l.relative_id.to_string(), |p| p.full_name()),
            relationship: l.relationship.label(),
            parental_responsibility: format::yes_no(l.parental_responsibility),
        })
        .collect()
}
