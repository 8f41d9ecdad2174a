//! Sign-in and who is making the request.
//!
//! Passwords are hashed with argon2id (OWASP parameters) on a blocking thread; an
//! unknown user name is checked against a dummy hash so timing does not reveal which
//! names exist. The session cookie holds a random token; the store keeps only its
//! SHA-256. Handlers get the signed-in person only from [`SignedIn`].

use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use caseline_store::Access;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::AppError;

/// The cookies the service sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CookieKind {
    /// The session.
    Session,
    /// The sign-in form's double-submit token (there is no session yet to hold one).
    SignIn,
}

impl CookieKind {
    /// The cookie's name. Behind TLS the `__Host-` prefix binds it to this host, path
    /// `/` and Secure; browsers refuse Secure cookies from plain http://127.0.0.1, so the
    /// loopback demo uses plain names.
    pub(crate) fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (CookieKind::Session, true) => "__Host-caseline-session",
            (CookieKind::Session, false) => "caseline-session",
            (CookieKind::SignIn, true) => "__Host-caseline-sign-in",
            (CookieKind::SignIn, false) => "caseline-sign-in",
        }
    }
}

fn argon2() -> Argon2<'static> {
    // OWASP password storage cheat sheet: argon2id, 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password for storage (PHC string). Slow by design: call off the async runtime.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("caseline-dummy-password").unwrap_or_default())
}

/// Checks `password` against `hash` (or, for an unknown user, against a dummy hash so
/// the answer takes as long), on a blocking thread.
pub(crate) async fn verify_password(hash: Option<String>, password: String) -> bool {
    let known = hash.is_some();
    let result = tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| dummy_hash().to_owned());
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    known && result
}

/// A fresh random token: 32 bytes, hex.
pub(crate) fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Unavailable)?;
    Ok(hex(&bytes))
}

/// What the store keeps of a session token.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A cookie's value from the request headers.
pub(crate) fn cookie(headers: &HeaderMap, state: &AppState, kind: CookieKind) -> Option<String> {
    let name = kind.name(state.secure_cookies);
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, path `/`, and Secure whenever the
/// service is behind TLS.
pub(crate) fn set_cookie(
    state: &AppState,
    kind: CookieKind,
    value: &str,
    max_age_secs: Option<i64>,
) -> String {
    let name = kind.name(state.secure_cookies);
    let age = max_age_secs.map_or(String::new(), |s| format!("; Max-Age={s}"));
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly{secure}; SameSite=Strict{age}")
}

/// The client's address, for the audit trail (the socket peer; a proxy in front
/// would need its forwarded-for header trusted here).
pub(crate) fn client_address(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

/// The client's address as an extractor (absent when served without connection info).
#[derive(Debug, Clone)]
pub(crate) struct ClientAddress(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(parts)))
    }
}

/// The signed-in person and their session.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    /// Their standing: the only key to children's records.
    pub access: Access,
    /// The session token's hash, for sign-out.
    pub token_hash: String,
}

/// The signed-in person, if any (for pages such as errors that anyone may see).
pub(crate) async fn signed_in(
    parts: &Parts,
    state: &AppState,
) -> Result<Option<SignedIn>, AppError> {
    let Some(token) = cookie(&parts.headers, state, CookieKind::Session) else {
        return Ok(None);
    };
    let hash = token_hash(&token);
    let access = state
        .db
        .session_access(&hash, client_address(parts), jiff::Timestamp::now())
        .await?;
    Ok(access.map(|access| SignedIn {
        access,
        token_hash: hash,
    }))
}

impl FromRequestParts<Arc<AppState>> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        if let Some(s) = parts.extensions.get::<SignedIn>() {
            return Ok(s.clone());
        }
        match signed_in(parts, state).await? {
            Some(s) => {
                parts.extensions.insert(s.clone());
                Ok(s)
            }
            None => Err(AppError::SignInRequired {
                next: parts
                    .uri
                    .path_and_query()
                    .map_or("/".to_owned(), |p| p.as_str().to_owned()),
            }),
        }
    }
}

/// Middleware for signed-in routes: resolves the session once (handlers then find it
/// in the request) or sends the visitor to sign in.
pub(crate) async fn require_session(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (mut parts, body) = request.into_parts();
    match SignedIn::from_request_parts(&mut parts, &state).await {
        Ok(_) => {
            next.run(axum::extract::Request::from_parts(parts, body))
                .await
        }
        Err(e) => e.into_response(),
    }
}

/// Where to go after sign-in: only a path on this site, never another host.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        // Browsers drop tabs and line breaks from addresses ("/\t/evil" becomes
        // "//evil"), so no control character or space may appear at all.
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            n.to_owned()
        }
        _ => "/children".to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        assert!(rt.block_on(verify_password(
            Some(h.clone()),
            "correct horse battery staple".into()
        )));
        assert!(!rt.block_on(verify_password(Some(h), "wrong".into())));
        // Unknown user: never verifies, even with the dummy's own password.
        assert!(!rt.block_on(verify_password(None, "caseline-dummy-password".into())));
    }

    #[test]
    fn next_only_goes_to_this_site() {
        assert_eq!(safe_next(Some("/children/C1")), "/children/C1");
        assert_eq!(safe_next(Some("//evil.example")), "/children");
        assert_eq!(safe_next(Some("https://evil.example")), "/children");
        assert_eq!(safe_next(Some("/\\evil.example")), "/children");
        assert_eq!(safe_next(None), "/children");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/children");
        assert_eq!(safe_next(Some("/children\r\nSet-Cookie: x=1")), "/children");
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
