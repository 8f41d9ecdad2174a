//! Who may see which child, as pure rules of the viewer and the child's facts. The store
//! gathers the facts and applies the decision in the same transaction as the read and
//! its audit entry; pages and the API ask nothing else.
//!
//! Scope follows the practice model: workers reach the children they or their team
//! hold, the front door reaches children in front-door work, managers reach their
//! teams, auditors their sample. Leaders and analysts see aggregates and lists but open
//! a named child's record only by break-glass. Administrators manage users and do not
//! read case records. A restricted record is seen only by the people named on it.

use crate::codes::Role;
use crate::{TeamId, WorkerId};

/// Something a role may do, independent of which child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Search and list the children in the viewer's scope.
    ListChildren,
    /// List every (unrestricted) child, for leaders and analysts reading lists.
    ListAllChildren,
    /// Open a child's record within scope.
    OpenChildRecord,
    /// Open an out-of-scope record after stating a reason.
    BreakGlass,
    /// See who has viewed a child's record.
    ViewAccessLog,
    /// Manage user accounts.
    ManageUsers,
    /// Verify the audit trail.
    VerifyAuditTrail,
    /// See break-glass alerts for the teams managed.
    ReviewBreakGlassAlerts,
    /// Export everything held about a person for a subject access request (UK GDPR
    /// art. 15), stating the request's reference.
    SubjectAccessExport,
}

impl Role {
    /// Whether this role has `capability` at all (scope is decided per child).
    pub fn may(self, capability: Capability) -> bool {
        use Capability::*;
        use Role::*;
        match capability {
            ListChildren => self != SystemAdministrator,
            ListAllChildren => matches!(self, SeniorLeader | PerformanceAnalyst | ServiceManager),
            OpenChildRecord | ViewAccessLog => self != SystemAdministrator,
            BreakGlass => !matches!(self, SystemAdministrator | QualityAssuranceAuditor),
            ManageUsers => self == SystemAdministrator,
            VerifyAuditTrail => matches!(self, SystemAdministrator | SeniorLeader),
            ReviewBreakGlassAlerts => matches!(self, TeamManager | ServiceManager | SeniorLeader),
            SubjectAccessExport => matches!(self, ServiceManager | SeniorLeader),
        }
    }

    /// What the role may do, in words, for the user guide and the account page.
    pub fn duties(self) -> &'static [&'static str] {
        match self {
            Role::SocialWorker | Role::PersonalAdviser | Role::IndependentReviewingOfficer => &[
                "Open and work on the records of children allocated to you or to your team.",
                "Search for children in your team's caseload.",
                "Open any other child's record only by stating why (break-glass); the child's team manager is told.",
            ],
            Role::FrontDoor => &[
                "Open and work on children with a contact in front-door work (the last 30 days or awaiting a decision).",
                "Open the records of children allocated to your team.",
                "Open any other child's record only by stating why (break-glass).",
            ],
            Role::TeamManager => &[
                "Open the records of children allocated to your team and the teams under it.",
                "See who has broken glass to open your teams' children's records.",
                "Open any other child's record only by stating why (break-glass).",
            ],
            Role::ServiceManager => &[
                "Open the records of children in the teams of your service.",
                "See lists of named children across the authority.",
                "Export everything held about a person for a subject access request, giving its reference.",
                "Open any other child's record only by stating why (break-glass).",
            ],
            Role::QualityAssuranceAuditor => {
                &["Open the records of the children in your audit sample, and no others."]
            }
            Role::PerformanceAnalyst => &[
                "See aggregate figures and lists of named children.",
                "Open a named child's record only by stating why (break-glass).",
            ],
            Role::SeniorLeader => &[
                "See aggregate figures and lists of named children.",
                "Export everything held about a person for a subject access request, giving its reference.",
                "Open a named child's record only by stating why (break-glass).",
            ],
            Role::SystemAdministrator => &[
                "Manage user accounts and roles.",
                "Verify the audit trail.",
                "Does not read case records.",
            ],
        }
    }
}

/// The person asking, as far as scope is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// The user's id (user name).
    pub user: String,
    /// Their role.
    pub role: Role,
    /// The worker record they are, if any (for "allocated to me").
    pub worker_id: Option<WorkerId>,
    /// Their own team and, for managers, every team under it.
    pub teams: Vec<TeamId>,
}

impl Viewer {
    /// Whether the viewer may see a team's work as a whole (the team view): their own
    /// team and those they manage, or any team for those who see the whole authority.
    pub fn may_view_team(&self, team: &TeamId) -> bool {
        self.role.may(Capability::ListAllChildren) || self.teams.contains(team)
    }
}

/// What the store knows about a child that decides access.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChildAccessFacts {
    /// Workers with an open allocation for the child.
    pub allocated_workers: Vec<WorkerId>,
    /// Teams holding the child: an open allocation, or, while no worker or team holds the
    /// case, the team an open referral was sent to.
    pub holding_teams: Vec<TeamId>,
    /// A contact in the last 30 days or one still awaiting a decision.
    pub in_front_door_work: bool,
    /// `Some(users)` when the record is restricted to the named users.
    pub restricted_to: Option<Vec<String>>,
    /// The child is in this auditor's audit sample.
    pub in_audit_sample: bool,
    /// The viewer has a live break-glass grant for this child.
    pub break_glass_granted: bool,
}

/// Why a viewer may open a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Allocated to the viewer.
    OwnCaseload,
    /// Allocated to the viewer's team (or, for managers, a team under it).
    TeamCaseload,
    /// In front-door work.
    FrontDoor,
    /// In the auditor's sample.
    AuditSample,
    /// Named on a restricted record.
    NamedOnRestriction,
    /// Opened by break-glass with a stated reason.
    BreakGlass,
}

impl Basis {
    /// Stored code, for the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Basis::OwnCaseload => "OWN",
            Basis::TeamCaseload => "TEAM",
            Basis::FrontDoor => "FRONT_DOOR",
            Basis::AuditSample => "AUDIT_SAMPLE",
            Basis::NamedOnRestriction => "NAMED",
            Basis::BreakGlass => "BREAK_GLASS",
        }
    }

    /// Whether the viewer works with the child (break-glass does not count).
    pub fn works_with_child(self) -> bool {
        self != Basis::BreakGlass
    }
}

/// The answer for one viewer and one child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessDecision {
    /// May open the record, on this basis.
    Allowed(Basis),
    /// Out of scope, but may break glass by stating a reason.
    BreakGlassAvailable,
    /// May not know the record exists: shown as "not found".
    Hidden,
}

/// Decides whether `viewer` may open the record of a child with `facts`.
pub fn decide(viewer: &Viewer, facts: &ChildAccessFacts) -> AccessDecision {
    if !viewer.role.may(Capability::OpenChildRecord) {
        return AccessDecision::Hidden;
    }
    if let Some(named) = &facts.restricted_to {
        // Restricted: only the named people, and no break-glass around it.
        return if named.iter().any(|u| u == &viewer.user) {
            AccessDecision::Allowed(Basis::NamedOnRestriction)
        } else {
            AccessDecision::Hidden
        };
    }
    if let Some(basis) = scope_basis(viewer, facts) {
        return AccessDecision::Allowed(basis);
    }
    if facts.break_glass_granted {
        return AccessDecision::Allowed(Basis::BreakGlass);
    }
    if viewer.role.may(Capability::BreakGlass) {
        AccessDecision::BreakGlassAvailable
    } else {
        AccessDecision::Hidden
    }
}

fn scope_basis(viewer: &Viewer, facts: &ChildAccessFacts) -> Option<Basis> {
    use Role::*;
    let own = viewer
        .worker_id
        .as_ref()
        .is_some_and(|w| facts.allocated_workers.contains(w));
    let team = facts.holding_teams.iter().any(|t| viewer.teams.contains(t));
    match viewer.role {
        QualityAssuranceAuditor => facts.in_audit_sample.then_some(Basis::AuditSample),
        PerformanceAnalyst | SeniorLeader | SystemAdministrator => None,
        FrontDoor if !own && !team && facts.in_front_door_work => Some(Basis::FrontDoor),
        _ if own => Some(Basis::OwnCaseload),
        _ if team => Some(Basis::TeamCaseload),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn viewer(role: Role) -> Viewer {
        Viewer {
            user: "u1".into(),
            role,
            worker_id: Some(WorkerId::parse("W1").unwrap()),
            teams: vec![TeamId::parse("T1").unwrap()],
        }
    }

    fn facts(worker: &str, team: &str) -> ChildAccessFacts {
        ChildAccessFacts {
            allocated_workers: vec![WorkerId::parse(worker).unwrap()],
            holding_teams: vec![TeamId::parse(team).unwrap()],
            ..ChildAccessFacts::default()
        }
    }

    #[test]
    fn workers_see_their_own_and_their_teams_children_and_may_break_glass_for_others() {
        let sw = viewer(Role::SocialWorker);
        assert_eq!(
            decide(&sw, &facts("W1", "T9")),
            AccessDecision::Allowed(Basis::OwnCaseload)
        );
        assert_eq!(
            decide(&sw, &facts("W2", "T1")),
            AccessDecision::Allowed(Basis::TeamCaseload)
        );
        assert_eq!(
            decide(&sw, &facts("W2", "T2")),
            AccessDecision::BreakGlassAvailable
        );
        let mut granted = facts("W2", "T2");
        granted.break_glass_granted = true;
        assert_eq!(
            decide(&sw, &granted),
            AccessDecision::Allowed(Basis::BreakGlass)
        );
    }

    #[test]
    fn restricted_records_are_hidden_from_everyone_not_named_even_the_allocated_worker() {
        let sw = viewer(Role::SocialWorker);
        let mut f = facts("W1", "T1");
        f.restricted_to = Some(vec!["someone-else".into()]);
        f.break_glass_granted = true;
        assert_eq!(decide(&sw, &f), AccessDecision::Hidden);
        f.restricted_to = Some(vec!["u1".into()]);
        assert_eq!(
            decide(&sw, &f),
            AccessDecision::Allowed(Basis::NamedOnRestriction)
        );
    }

    #[test]
    fn team_views_are_for_the_viewers_teams_or_the_whole_authority() {
        let t1 = TeamId::parse("T1").unwrap();
        let t2 = TeamId::parse("T2").unwrap();
        let mut v = viewer(Role::TeamManager);
        v.teams = vec![t1.clone()];
        assert!(v.may_view_team(&t1));
        assert!(!v.may_view_team(&t2));
        let mut leader = viewer(Role::SeniorLeader);
        leader.teams = vec![];
        assert!(leader.may_view_team(&t2));
    }

    #[test]
    fn leaders_analysts_auditors_and_administrators() {
        let f = facts("W1", "T1");
        // Leaders and analysts open named records only by break-glass.
        assert_eq!(
            decide(&viewer(Role::SeniorLeader), &f),
            AccessDecision::BreakGlassAvailable
        );
        assert_eq!(
            decide(&viewer(Role::PerformanceAnalyst), &f),
            AccessDecision::BreakGlassAvailable
        );
        // Administrators never read case records.
        assert_eq!(
            decide(&viewer(Role::SystemAdministrator), &f),
            AccessDecision::Hidden
        );
        // Auditors see their sample and nothing else, not even by break-glass.
        let auditor = viewer(Role::QualityAssuranceAuditor);
        assert_eq!(decide(&auditor, &f), AccessDecision::Hidden);
        let mut sampled = facts("W7", "T7");
        sampled.in_audit_sample = true;
        assert_eq!(
            decide(&auditor, &sampled),
            AccessDecision::Allowed(Basis::AuditSample)
        );
    }

    #[test]
    fn the_front_door_sees_children_in_front_door_work() {
        let fd = viewer(Role::FrontDoor);
        let mut f = facts("W5", "T5");
        assert_eq!(decide(&fd, &f), AccessDecision::BreakGlassAvailable);
        f.in_front_door_work = true;
        assert_eq!(decide(&fd, &f), AccessDecision::Allowed(Basis::FrontDoor));
        // Front-door work does not widen other roles' scope.
        assert_eq!(
            decide(&viewer(Role::SocialWorker), &f),
            AccessDecision::BreakGlassAvailable
        );
    }

    #[test]
    fn every_role_has_written_duties_and_only_administrators_manage_users() {
        for &role in Role::ALL {
            assert!(!role.duties().is_empty(), "{role:?}");
            assert_eq!(
                role.may(Capability::ManageUsers),
                role == Role::SystemAdministrator
            );
        }
    }
}
