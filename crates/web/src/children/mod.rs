//! The children section: the searchable list and each child's record.

pub(crate) mod access_log;
pub(crate) mod break_glass;
mod cards;
mod chronology;
pub(crate) mod list;
pub(crate) mod record;
mod summary;
mod timescales;

use caseline_store::ChildStatus;

/// A GOV.UK tag: text and the modifier class that colours it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// Text (the meaning is always in the text, never the colour alone).
    pub label: &'static str,
    /// Extra classes after `govuk-tag`.
    pub class: &'static str,
}

impl Tag {
    /// Red "Overdue".
    pub(crate) const OVERDUE: Tag = Tag {
        label: "Overdue",
        class: "govuk-tag--red",
    };
    /// "Held on duty": open to the team with no named worker.
    pub(crate) const HELD_ON_DUTY: Tag = Tag {
        label: "Held on duty",
        class: "app-tag--held-on-duty",
    };
}

/// The tag for where a child is in the journey.
pub(crate) fn status_tag(status: ChildStatus) -> Tag {
    let class = match status {
        ChildStatus::LookedAfter => "govuk-tag--purple",
        ChildStatus::ChildProtectionPlan => "govuk-tag--red",
        ChildStatus::ChildInNeedPlan => "govuk-tag--blue",
        ChildStatus::OpenReferral => "govuk-tag--light-blue",
        ChildStatus::CareLeaver => "govuk-tag--green",
        ChildStatus::EarlyHelp => "govuk-tag--turquoise",
        ChildStatus::Closed => "govuk-tag--grey",
    };
    Tag {
        label: status.label(),
        class,
    }
}

/// Link to a child's record.
pub(crate) fn record_href(id: &caseline_domain::PersonId) -> String {
    // Ids are letters, digits, '-' and '_' only, so need no escaping in a path.
    format!("/children/{id}")
}
