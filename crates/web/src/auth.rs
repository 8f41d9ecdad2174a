//! Who is making the request.
//!
//! PLACEHOLDER: real sign-in arrives with the access-control work. Until then every
//! request acts as one fixed demo user. This extractor is the one place that work
//! replaces: handlers and the error pages get the user only from here.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use caseline_store::Actor;

/// The signed-in user.
#[derive(Debug, Clone)]
pub(crate) struct CurrentUser {
    /// Who the store records in the audit trail.
    pub actor: Actor,
    /// Name shown in the header.
    pub display_name: &'static str,
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Infallible;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(CurrentUser {
            actor: Actor::new("demo.user"),
            display_name: "Demo user",
        })
    }
}
