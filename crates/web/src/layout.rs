//! What the base template needs on every page: authority, user, current section.

use crate::AppState;
use crate::auth::CurrentUser;

/// A section of the service navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// The children list and records.
    Children,
}

/// Data for `base.html`.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The local authority running the service.
    pub authority_name: String,
    /// Who is signed in.
    pub user_name: &'static str,
    /// Which navigation item is current, if any.
    pub section: Option<Section>,
}

impl Layout {
    /// Layout for a page in `section`.
    pub(crate) fn new(state: &AppState, user: &CurrentUser, section: Option<Section>) -> Self {
        Self {
            authority_name: state.authority_name.clone(),
            user_name: user.display_name,
            section,
        }
    }

    /// Whether the children section is current (for the navigation).
    pub(crate) fn in_children(&self) -> bool {
        self.section == Some(Section::Children)
    }
}
