//! What the base template needs on every page: authority, user, current section.

use caseline_domain::access::Capability;

use crate::AppState;
use crate::auth::SignedIn;

/// A section of the service navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// The children list and records.
    Children,
    /// The work views (my work, team, service).
    Work,
    /// The performance picture.
    Performance,
    /// The signed-in person's account.
    Account,
    /// Break-glass alerts for managers.
    Alerts,
}

/// Data for `base.html`.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The local authority running the service.
    pub authority_name: String,
    /// Who is signed in, if anyone.
    pub user_name: Option<String>,
    /// Their role, for the header.
    pub role: Option<&'static str>,
    /// The session's anti-forgery token, for the sign-out form in the header.
    pub csrf_token: String,
    /// Whether to offer the break-glass alerts page (managers and leaders).
    pub show_alerts: bool,
    /// Whether to offer subject access exports.
    pub show_subject_access: bool,
    /// Whether to offer account administration.
    pub show_admin: bool,
    /// Whether to offer the performance picture (leaders and analysts).
    pub show_performance: bool,
    /// Which navigation item is current, if any.
    pub section: Option<Section>,
}

impl Layout {
    /// Layout for a page in `section`.
    pub(crate) fn new(state: &AppState, user: Option<&SignedIn>, section: Option<Section>) -> Self {
        Self {
            authority_name: state.authority_name.clone(),
            user_name: user.map(|u| u.access.display_name().to_owned()),
            role: user.map(|u| u.access.role().label()),
            csrf_token: user.map_or(String::new(), |u| u.access.csrf_token().to_owned()),
            show_alerts: user
                .is_some_and(|u| u.access.role().may(Capability::ReviewBreakGlassAlerts)),
            show_admin: user.is_some_and(|u| u.access.role().may(Capability::ManageUsers)),
            show_performance: user
                .is_some_and(|u| u.access.role().may(Capability::ListAllChildren)),
            show_subject_access: user
                .is_some_and(|u| u.access.role().may(Capability::SubjectAccessExport)),
            section,
        }
    }

    /// Whether the children section is current (for the navigation).
    pub(crate) fn in_children(&self) -> bool {
        self.section == Some(Section::Children)
    }

    /// Whether the performance section is current.
    pub(crate) fn in_performance(&self) -> bool {
        self.section == Some(Section::Performance)
    }

    /// Whether the work section is current.
    pub(crate) fn in_work(&self) -> bool {
        self.section == Some(Section::Work)
    }

    /// Whether the account section is current.
    pub(crate) fn in_account(&self) -> bool {
        self.section == Some(Section::Account)
    }

    /// Whether the alerts section is current.
    pub(crate) fn in_alerts(&self) -> bool {
        self.section == Some(Section::Alerts)
    }
}
