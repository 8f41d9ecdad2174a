//! Cross-site request forgery protection on every state-changing request, in one place
//! so no new form can forget it: the request must come from this site (Origin and
//! Sec-Fetch-Site), and its form must carry the session's token — or, for sign-in,
//! the token in the sign-in cookie (double submit), as there is no session yet.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::auth::{CookieKind, cookie, signed_in};
use crate::error::AppError;

/// Largest form accepted.
const MAX_FORM_BYTES: usize = 64 * 1024;

const FORGED: &str = "This form could not be accepted because it did not come from this page. Go back, refresh the page and try again.";

/// Middleware: refuses any non-GET request without a valid anti-forgery token.
pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    if !same_site(&parts.headers) {
        return AppError::Forbidden(FORGED).into_response();
    }
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return AppError::Forbidden("The form was too large.").into_response();
    };
    let sent = form_field(&bytes, "csrf_token");
    let expected = if parts.uri.path() == "/sign-in" {
        cookie(&parts.headers, &state, CookieKind::SignIn)
    } else if parts.uri.path() == "/sign-in/code" {
        match crate::sign_in::pending_csrf(&state, &parts.headers).await {
            Ok(token) => token,
            Err(e) => return e.into_response(),
        }
    } else {
        match signed_in(&parts, &state).await {
            Ok(Some(s)) => Some(s.access.csrf_token().to_owned()),
            Ok(None) => {
                return AppError::SignInRequired {
                    next: "/children".to_owned(),
                }
                .into_response();
            }
            Err(e) => return e.into_response(),
        }
    };
    let ok = matches!((&sent, &expected), (Some(a), Some(b)) if !b.is_empty() && bool::from(a.as_bytes().ct_eq(b.as_bytes())));
    if !ok {
        return AppError::Forbidden(FORGED).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Browsers say where a request came from; anything cross-site is refused.
fn same_site(headers: &axum::http::HeaderMap) -> bool {
    let fetch_site_ok = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v == "same-origin" || v == "none");
    let origin_ok = match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let host = host.to_str().unwrap_or("");
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        }
        (Some(_), None) => false,
        _ => true,
    };
    fetch_site_ok && origin_ok
}

/// One field of an `application/x-www-form-urlencoded` body.
pub(crate) fn form_field(body: &[u8], name: &str) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    text.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| decode(v))
    })
}

fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_decoded() {
        assert_eq!(
            form_field(b"a=1&csrf_token=ab%2Fc+d", "csrf_token").as_deref(),
            Some("ab/c d")
        );
        assert_eq!(form_field(b"a=1", "csrf_token"), None);
        assert_eq!(
            form_field(b"csrf_token=%", "csrf_token").as_deref(),
            Some("%")
        );
    }

    #[test]
    fn cross_site_requests_are_refused() {
        let mut h = axum::http::HeaderMap::new();
        h.insert(
            header::HOST,
            "127.0.0.1:8080"
                .parse()
                .unwrap_or(header::HeaderValue::from_static("x")),
        );
        assert!(same_site(&h));
        h.insert(
            header::ORIGIN,
            header::HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_site(&h));
        h.insert(
            header::ORIGIN,
            header::HeaderValue::from_static("http://evil.example"),
        );
        assert!(!same_site(&h));
        h.remove(header::ORIGIN);
        h.insert(
            "sec-fetch-site",
            header::HeaderValue::from_static("cross-site"),
        );
        assert!(!same_site(&h));
    }
}
