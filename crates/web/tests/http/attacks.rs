//! Attacks over real HTTP, each asserting the safe outcome: forged and cross-site
//! forms, session fixation, stale sessions, SQL and script injection in search and in
//! every free-text field (stored, then rendered), path traversal in asset downloads,
//! brute-force sign-in, open redirects after sign-in, and secrets in the logs.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use caseline_domain::codes::Role;
use reqwest::{Method, StatusCode, Url};

use super::support::{AMELIA, BEN, CHLOE};
use super::{PASSWORD, Page, TestApp, html_escaped, set_cookie_value, urlencode};

/// A social worker in Assessment Team North (Priya Shah, W-1): Amelia is theirs;
/// Chloe (Children in Care Team) and Ben (held on duty by the front door) are not.
const WORKER: &str = "atk.worker";
/// Manager of the Children in Care Team: told when someone breaks glass on Chloe.
const CIC_MANAGER: &str = "atk.cic.manager";

const REASON: &str = "Police called out of hours about this child";
const FORGED: &str = "did not come from this page";
const SESSION: &str = "__Host-caseline-session";

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// An app with the manager signed in (as `TestApp::start`) and the worker's account.
async fn app_with_worker() -> TestApp {
    let app = TestApp::start().await;
    app.add_user(WORKER, Role::SocialWorker, Some("W-1"), Some("T-AST"))
        .await;
    app
}

/// The value of a `name=value` cookie.
fn cookie_value(cookie: &str) -> &str {
    cookie.split_once('=').map_or("", |(_, v)| v)
}

/// Counts that any accepted state-changing request would move.
async fn state_of(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) AS n FROM audit_events",
        "SELECT COUNT(*) AS n FROM break_glass_grants",
        "SELECT COUNT(*) AS n FROM api_tokens",
        "SELECT COUNT(*) AS n FROM api_tokens WHERE revoked = 0",
        "SELECT COUNT(*) AS n FROM sessions",
        "SELECT COUNT(*) AS n FROM sessions WHERE revoked = 0",
    ] {
        counts.push(app.count(sql, &[]).await);
    }
    counts
}

async fn grants(app: &TestApp, username: &str, child: &str) -> i64 {
    app.count(
        "SELECT COUNT(*) AS n FROM break_glass_grants WHERE username = $1 AND child_id = $2",
        &[username, child],
    )
    .await
}

/// A forged form: what is wrong with it, its fields, extra headers.
type Forgery<'a> = (&'a str, Vec<(String, String)>, Vec<(&'a str, String)>);

/// A forged sign-in: what is wrong, the sign-in cookie, the form's token, extra headers.
type SignInForgery<'a> = (
    &'a str,
    Option<&'a String>,
    Option<&'a str>,
    Vec<(&'a str, &'a str)>,
);

fn assert_forged(page: &Page, what: &str) {
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{what}: {}", page.body);
    assert!(page.contains(FORGED), "{what}: {}", page.body);
}

// ---------------------------------------------------------------------------------
// Cross-site request forgery

#[tokio::test]
async fn forged_or_cross_site_posts_are_refused_and_change_nothing() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let token = app.csrf_token_of(&worker).await;
    let managers_token = app.csrf_token_of(&app.session).await;
    assert_ne!(token, managers_token);
    let (api_token, token_id) = app.issue_api_token(&worker, "Integration").await;
    let evil = "https://evil.example".to_owned();
    let other_port = "http://127.0.0.1:1".to_owned();
    let own_origin = app.base.clone();

    // Every state-changing route but sign-in (which has no session yet; below).
    let posts: Vec<String> = caseline_web::route_table()
        .into_iter()
        .filter(|r| r.method != "GET" && r.path != "/sign-in")
        .map(|r| {
            r.path.replace(
                "{id}",
                if r.path.contains("api-tokens") {
                    &token_id
                } else {
                    CHLOE
                },
            )
        })
        .collect();
    assert!(posts.len() >= 4, "{posts:?}");

    let before = state_of(&app).await;
    for path in &posts {
        let form = |t: &str| {
            vec![
                ("csrf_token".to_owned(), t.to_owned()),
                ("reason".to_owned(), REASON.to_owned()),
                ("name".to_owned(), "Forged".to_owned()),
            ]
        };
        let attempts: Vec<Forgery> = vec![
            ("no token", form("")[1..].to_vec(), vec![]),
            ("an empty token", form(""), vec![]),
            ("a wrong token", form(&"0".repeat(64)), vec![]),
            ("another user's token", form(&managers_token), vec![]),
            (
                "the session cookie as the token",
                form(cookie_value(&worker)),
                vec![],
            ),
            (
                "a cross-site Origin",
                form(&token),
                vec![("origin", evil.clone())],
            ),
            (
                "another port's Origin",
                form(&token),
                vec![("origin", other_port.clone())],
            ),
            (
                "Sec-Fetch-Site: cross-site",
                form(&token),
                vec![("sec-fetch-site", "cross-site".into())],
            ),
            (
                "Sec-Fetch-Site: same-site",
                form(&token),
                vec![("sec-fetch-site", "same-site".into())],
            ),
            (
                "Origin: null",
                form(&token),
                vec![("origin", "null".into())],
            ),
        ];
        for (what, fields, headers) in attempts {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let page = app
                .request(
                    Method::POST,
                    path,
                    Some(&worker),
                    &headers,
                    Some(fields.as_slice()),
                )
                .await;
            assert_forged(&page, &format!("POST {path} with {what}"));
        }
        // The token in the address rather than the form is not the form's token.
        let page = app
            .post_as(
                Some(&worker),
                &format!("{path}?csrf_token={token}"),
                &[("reason", REASON)],
            )
            .await;
        assert_forged(&page, &format!("POST {path} with the token in the query"));
    }
    assert_eq!(
        state_of(&app).await,
        before,
        "a refused form changed something"
    );

    // Nothing was granted, signed out or revoked.
    let chloe = app
        .get_as(Some(&worker), &format!("/children/{CHLOE}"))
        .await;
    assert_eq!(
        chloe.status,
        StatusCode::FORBIDDEN,
        "break-glass still offered"
    );
    assert!(chloe.contains(&format!("action=\"/children/{CHLOE}/break-glass\"")));
    assert_eq!(grants(&app, WORKER, CHLOE).await, 0);
    app.get_as(Some(&worker), "/account").await.assert_ok();
    assert_eq!(
        app.get_api(Some(&api_token), "/api/children").await.status,
        StatusCode::OK
    );

    // The same request from this site, with the session's token, is accepted: the
    // refusals above were for the forgery, not the request's shape.
    let page = app
        .request(
            Method::POST,
            &format!("/children/{CHLOE}/break-glass"),
            Some(&worker),
            &[
                ("origin", own_origin.as_str()),
                ("sec-fetch-site", "same-origin"),
            ],
            Some(&[("csrf_token", token.as_str()), ("reason", REASON)]),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(grants(&app, WORKER, CHLOE).await, 1);
}

#[tokio::test]
async fn sign_in_without_its_cookie_or_with_a_mismatched_token_is_refused() {
    let app = app_with_worker().await;
    let (cookie, token) = app.sign_in_form().await;
    let (_, other_token) = app.sign_in_form().await;
    assert_ne!(token, other_token);
    let empty_cookie = "__Host-caseline-sign-in=".to_owned();
    let evil = "https://evil.example".to_owned();
    let before = state_of(&app).await;
    let credentials = [("username", WORKER), ("password", PASSWORD)];
    let attempts: Vec<SignInForgery> = vec![
        ("no sign-in cookie", None, Some(&token), vec![]),
        ("no token", Some(&cookie), None, vec![]),
        (
            "another form's token",
            Some(&cookie),
            Some(&other_token),
            vec![],
        ),
        (
            "an empty cookie and token",
            Some(&empty_cookie),
            Some(""),
            vec![],
        ),
        (
            "a session token as the token",
            Some(&cookie),
            Some(cookie_value(&app.session)),
            vec![],
        ),
        (
            "a cross-site Origin",
            Some(&cookie),
            Some(&token),
            vec![("origin", &evil)],
        ),
        (
            "Sec-Fetch-Site: cross-site",
            Some(&cookie),
            Some(&token),
            vec![("sec-fetch-site", "cross-site")],
        ),
    ];
    for (what, cookie, token, headers) in attempts {
        let mut form: Vec<(&str, &str)> = credentials.to_vec();
        if let Some(t) = token {
            form.push(("csrf_token", t));
        }
        let page = app
            .request(
                Method::POST,
                "/sign-in",
                cookie.map(String::as_str),
                &headers,
                Some(form.as_slice()),
            )
            .await;
        assert_forged(&page, &format!("sign-in with {what}"));
        assert_eq!(
            set_cookie_value(&page.headers, SESSION),
            None,
            "sign-in with {what} set a session"
        );
    }
    assert_eq!(
        state_of(&app).await,
        before,
        "a refused sign-in changed something"
    );
    // The real form still works.
    assert!(app.sign_in(WORKER, PASSWORD).await.is_some());
}

// ---------------------------------------------------------------------------------
// Sessions

#[tokio::test]
async fn a_session_id_planted_before_sign_in_is_not_the_session_after_it() {
    let app = app_with_worker().await;
    // An attacker sets the victim's session cookie before they sign in: a value of
    // their choosing, or their own live session.
    let chosen = format!("{SESSION}={}", "a".repeat(64));
    for planted in [chosen, app.session.clone()] {
        let (sign_in_cookie, token) = app.sign_in_form().await;
        let page = app
            .post_as(
                Some(&format!("{sign_in_cookie}; {planted}")),
                "/sign-in",
                &[
                    ("csrf_token", token.as_str()),
                    ("username", WORKER),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let new = set_cookie_value(&page.headers, SESSION).expect("a new session cookie");
        assert_ne!(new, planted, "the planted session id was kept");
        assert_eq!(cookie_value(&new).len(), 64);
        let victim = app.get_as(Some(&new), "/account").await;
        victim.assert_ok();
        assert!(victim.contains(WORKER));
        // The planted value is not the victim's session.
        let attacker = app.get_as(Some(&planted), "/account").await;
        assert!(
            !attacker.contains(WORKER),
            "the planted cookie became the victim's session"
        );
    }
    // The attacker-chosen value never authenticates at all.
    let page = app
        .get_as(Some(&format!("{SESSION}={}", "a".repeat(64))), "/children")
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/sign-in?next="));
}

#[tokio::test]
async fn a_session_is_dead_after_sign_out() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let token = app.csrf_token_of(&worker).await;
    let page = app
        .post_as(
            Some(&worker),
            "/sign-out",
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/sign-in");
    let cleared = page
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{SESSION}=;")))
        .expect("the session cookie is cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");

    for path in ["/children", &format!("/children/{AMELIA}"), "/account"] {
        let page = app.get_as(Some(&worker), path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert!(page.location().starts_with("/sign-in?next="), "{path}");
        assert!(!page.contains("Amelia"), "{path}");
    }
    // Its old form token does nothing either.
    let page = app
        .post_as(
            Some(&worker),
            &format!("/children/{CHLOE}/break-glass"),
            &[("csrf_token", token.as_str()), ("reason", REASON)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/sign-in"));
    assert_eq!(grants(&app, WORKER, CHLOE).await, 0);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM sessions WHERE username = $1 AND revoked = 0",
            &[WORKER]
        )
        .await,
        0
    );
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_that_person_only() {
    let app = app_with_worker().await;
    let laptop = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let phone = app.sign_in(WORKER, PASSWORD).await.unwrap();
    assert_ne!(laptop, phone);
    app.get_as(Some(&phone), "/account").await.assert_ok();
    let token = app.csrf_token_of(&laptop).await;
    let page = app
        .post_as(
            Some(&laptop),
            "/sign-out-everywhere",
            &[("csrf_token", token.as_str())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/sign-in");
    for session in [&laptop, &phone] {
        let page = app.get_as(Some(session), "/children").await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert!(page.location().starts_with("/sign-in?next="));
    }
    // Someone else's session is untouched.
    app.get("/children").await.assert_ok();
}

#[tokio::test]
async fn session_cookies_and_api_tokens_do_not_stand_in_for_each_other() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let (api_token, _) = app.issue_api_token(&worker, "Integration").await;
    // A signed-in browser cannot reach the API with its cookie (so no page can make it
    // call the API on the user's behalf).
    let page = app.get_as(Some(&worker), "/api/children").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    let page = app
        .get_api(Some(cookie_value(&worker)), "/api/children")
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    // An API token is not a session.
    let page = app
        .get_as(Some(&format!("{SESSION}={api_token}")), "/children")
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/sign-in?next="));
    // Nor is anything but a bearer token.
    for auth in [
        api_token.clone(),
        format!("Basic {api_token}"),
        format!("bearer{api_token}"),
    ] {
        let page = app
            .request(
                Method::GET,
                "/api/children",
                None,
                &[("authorization", &auth)],
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{auth}");
    }
    assert_eq!(
        app.get_api(Some(&api_token), "/api/children").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_session_cookie_is_host_only_secure_http_only_and_same_site_strict() {
    let app = app_with_worker().await;
    let page = app.submit_sign_in(WORKER, PASSWORD, None).await;
    let set = page
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(SESSION))
        .expect("a session cookie")
        .to_owned();
    for part in ["Path=/", "HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(set.split("; ").any(|p| p == part), "{part} missing: {set}");
    }
    assert!(!set.to_lowercase().contains("domain="), "{set}");
}

// ---------------------------------------------------------------------------------
// Injection

/// SQL meant to widen the search, read other tables or change the database.
const SQL: [&str; 9] = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "%' UNION SELECT username, password_hash FROM users --",
    "\"; DROP TABLE people; --",
    "x'); DELETE FROM restricted_records; --",
    "C-0003' OR p.id LIKE '%",
    "1 OR 1=1",
    "') OR ('a'='a",
    "Okafor' --",
];

/// LIKE wildcards: may match every name, but never more than the person's scope.
const WILDCARDS: [&str; 4] = ["%", "_", "%%", "%_%"];

/// The ids of the children a page lists.
fn listed_ids(page: &Page) -> Vec<String> {
    super::attrs_after(&page.body, "class=\"govuk-link\" href=\"/children/", "href")
        .into_iter()
        .map(|h| h.trim_start_matches("/children/").to_owned())
        .collect()
}

#[tokio::test]
async fn sql_injection_in_search_lists_nothing_unexpected_and_the_database_is_intact() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let (api_token, _) = app.issue_api_token(&worker, "Integration").await;
    let children = app.db.count_children().await.unwrap();
    let users = app.db.count_users().await.unwrap();
    for q in SQL.iter().chain(&WILDCARDS) {
        let path = format!("/children?q={}", urlencode(q));
        // The worker's scope is Amelia (allocated to them) and nobody else.
        for (who, cookie) in [("worker", &worker), ("manager", &app.session)] {
            let page = app.get_as(Some(cookie), &path).await;
            assert_eq!(page.status, StatusCode::OK, "{who} {q}: {}", page.body);
            assert!(!page.contains("$argon2"), "{who} {q}");
            let ids = listed_ids(&page);
            if WILDCARDS.contains(q) {
                if who == "worker" {
                    assert!(ids.iter().all(|id| id == AMELIA), "{who} {q}: {ids:?}");
                }
            } else {
                // No child's name contains a quote or semicolon, so nothing matches.
                assert!(ids.is_empty(), "{who} {q}: {ids:?}");
                assert!(page.contains("No children match"), "{who} {q}");
            }
        }
        let page = app
            .get_api(
                Some(&api_token),
                &format!("/api/children?q={}", urlencode(q)),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "api {q}: {}", page.body);
        let json = page.json();
        for child in json["children"].as_array().unwrap() {
            assert_eq!(child["id"], AMELIA, "api {q}: {json}");
        }
        assert!(!page.contains("$argon2"), "api {q}");
    }
    assert_eq!(app.db.count_children().await.unwrap(), children);
    assert_eq!(app.db.count_users().await.unwrap(), users);
    assert!(app.db.verify_audit_trail().await.unwrap().is_intact());
    // Still searchable, and still signing people in.
    let page = app.get_as(Some(&worker), "/children?q=thornbury").await;
    assert_eq!(listed_ids(&page), vec![AMELIA.to_owned()]);
    assert!(app.sign_in(WORKER, PASSWORD).await.is_some());
}

fn assert_escaped(page: &Page, payload: &str, what: &str) {
    assert!(
        !page.contains(payload),
        "{what}: the raw text came back: {}",
        page.body
    );
    for tag in ["<script>alert", "<img src=x", "<svg onload"] {
        assert!(!page.contains(tag), "{what}: {tag} in the page");
    }
    assert!(
        page.contains(&html_escaped(payload)),
        "{what}: the escaped text is missing: {}",
        page.body
    );
}

#[tokio::test]
async fn script_injection_in_search_comes_back_escaped() {
    let app = app_with_worker().await;
    for payload in [SCRIPT, IMG, "'><svg onload=alert(1)>"] {
        let page = app
            .get(&format!("/children?q={}", urlencode(payload)))
            .await;
        page.assert_ok();
        assert_escaped(&page, payload, payload);
    }
}

#[tokio::test]
async fn script_injection_in_a_break_glass_reason_is_stored_as_given_and_shown_escaped() {
    let app = app_with_worker().await;
    app.add_user(CIC_MANAGER, Role::TeamManager, None, Some("T-CIC"))
        .await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let token = app.csrf_token_of(&worker).await;
    let chloe_reason = format!("{SCRIPT} police called out of hours");
    let ben_reason = format!("{IMG} police called out of hours");
    for (child, reason) in [(CHLOE, &chloe_reason), (BEN, &ben_reason)] {
        let page = app
            .post_as(
                Some(&worker),
                &format!("/children/{child}/break-glass"),
                &[("csrf_token", token.as_str()), ("reason", reason.as_str())],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        // Stored as given: escaping is for output.
        assert_eq!(
            app.count(
                "SELECT COUNT(*) AS n FROM break_glass_grants WHERE child_id = $1 AND reason = $2",
                &[child, reason]
            )
            .await,
            1
        );
    }
    // Chloe's team manager is told, escaped; Ben is not their team's child.
    let manager = app.sign_in(CIC_MANAGER, PASSWORD).await.unwrap();
    let alerts = app.get_as(Some(&manager), "/alerts").await;
    alerts.assert_ok();
    assert_escaped(&alerts, &chloe_reason, "alerts (children in care manager)");
    assert!(!alerts.contains("img src"), "{}", alerts.body);
    assert!(
        !alerts.contains(&format!(">{BEN}<")),
        "another team's alert"
    );
    // The service manager sees both.
    let alerts = app.get("/alerts").await;
    alerts.assert_ok();
    assert_escaped(&alerts, &chloe_reason, "alerts (service manager)");
    assert_escaped(&alerts, &ben_reason, "alerts (service manager)");
    // And each child's access log shows the reason, escaped, to the manager and to the
    // worker who broke glass.
    for (child, reason) in [(CHLOE, &chloe_reason), (BEN, &ben_reason)] {
        for cookie in [&app.session, &worker] {
            let log = app
                .get_as(Some(cookie), &format!("/children/{child}/access-log"))
                .await;
            log.assert_ok();
            assert_escaped(&log, reason, &format!("{child} access log"));
        }
    }
}

#[tokio::test]
async fn script_injection_in_the_sign_in_form_comes_back_escaped() {
    let app = app_with_worker().await;
    // The user name is shown again after a failed sign-in.
    for payload in [SCRIPT, IMG] {
        let page = app.submit_sign_in(payload, "wrong password", None).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert_escaped(&page, payload, "user name");
    }
    // `next` is carried in the form. A value with spaces is not a place on this site
    // (it is replaced by the list), so the payloads cannot come back at all; one
    // without spaces comes back escaped.
    let spaced = format!("/{IMG}{SCRIPT}");
    let tight = "/\"><script>alert(1)</script>".to_owned();
    for (next, carried) in [(&spaced, false), (&tight, true)] {
        let page = app
            .get_as(None, &format!("/sign-in?next={}", urlencode(next)))
            .await;
        page.assert_ok();
        let failed = app
            .submit_sign_in(WORKER, "wrong password", Some(next))
            .await;
        assert_eq!(failed.status, StatusCode::UNAUTHORIZED);
        for (what, p) in [("next", &page), ("next after a failed sign-in", &failed)] {
            if carried {
                assert_escaped(p, next, what);
            } else {
                assert!(!p.contains(next.as_str()), "{what}: the raw text came back");
                for tag in ["<script>alert", "<img src=x"] {
                    assert!(!p.contains(tag), "{what}: {tag} in the page");
                }
            }
        }
    }
}

#[tokio::test]
async fn script_injection_in_an_api_token_name_comes_back_escaped() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    for payload in [SCRIPT, IMG] {
        app.issue_api_token(&worker, payload).await;
        let page = app.get_as(Some(&worker), "/account").await;
        page.assert_ok();
        assert_escaped(&page, payload, "token name");
    }
}

#[tokio::test]
async fn injection_in_a_subject_access_request_is_refused_or_comes_back_escaped() {
    // The service manager may export; the reference is free text, stored in the audit
    // trail and shown on the pack and on the child's access log.
    let app = app_with_worker().await;
    for payload in [SCRIPT, IMG] {
        let reference = format!("SAR {payload}");
        let page = app
            .get(&format!(
                "/subject-access/pack?person={AMELIA}&reference={}",
                urlencode(&reference)
            ))
            .await;
        page.assert_ok();
        assert_escaped(&page, &reference, "the pack");
        let log = app.get(&format!("/children/{AMELIA}/access-log")).await;
        log.assert_ok();
        assert_escaped(&log, &reference, "the access log");
    }
    // The person's ID is never taken as SQL.
    for q in SQL {
        let page = app
            .get(&format!(
                "/subject-access/pack?person={}&reference=SAR-1",
                urlencode(q)
            ))
            .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(page.contains("‘person’"), "{q}");
        assert!(!page.contains("Thornbury"), "{q}");
    }
}

#[tokio::test]
async fn path_traversal_in_asset_downloads_finds_nothing() {
    let app = app_with_worker().await;
    let (status, _) = app.raw_get("/assets/caseline.css").await;
    assert_eq!(status, 200, "the raw client works");
    for target in [
        "/assets/../../Cargo.toml",
        "/assets/../Cargo.toml",
        "/assets/../src/lib.rs",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/%2E%2E%2F%2E%2E%2FCargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/..%5c..%5cCargo.toml",
        "/assets/%252e%252e/%252e%252e/etc/passwd",
        "/assets/images/../../../../etc/passwd",
        "/assets/images/../../Cargo.toml",
        "/assets//etc/passwd",
        "/assets/%2Fetc%2Fpasswd",
        "/assets/caseline.css%00.txt",
        "/assets/./caseline.css/../../Cargo.toml",
    ] {
        let (status, response) = app.raw_get(target).await;
        assert_eq!(status, 404, "{target}: {response}");
        assert!(response.contains("Page not found"), "{target}: {response}");
        for leak in [
            "[package]",
            "[workspace]",
            "root:x:",
            "pub(crate)",
            "caseline-web",
        ] {
            assert!(!response.contains(leak), "{target} gave away {leak}");
        }
    }
}

// ---------------------------------------------------------------------------------
// Brute force and redirects

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_even_against_the_right_one() {
    let app = app_with_worker().await;
    let limit = caseline_store::FAILURES_BEFORE_LOCKOUT;
    for attempt in 1..=limit {
        let page = app
            .submit_sign_in(WORKER, &format!("guess-{attempt}"), None)
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        assert_eq!(set_cookie_value(&page.headers, SESSION), None);
        let locked_now = page.contains("now locked");
        assert_eq!(
            locked_now,
            attempt == limit,
            "attempt {attempt}: {}",
            page.body
        );
    }
    // Now the right password is refused too, however the name is typed.
    for name in [WORKER, "  ATK.Worker "] {
        let page = app.submit_sign_in(name, PASSWORD, None).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{name}");
        assert!(page.contains("locked"), "{name}: {}", page.body);
        assert_eq!(set_cookie_value(&page.headers, SESSION), None, "{name}");
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = $1 AND actor = $2",
            &["SIGN_IN_FAILED", WORKER]
        )
        .await,
        i64::from(limit)
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = $1 AND actor = $2",
            &["SIGN_IN", WORKER]
        )
        .await,
        0
    );
    let locked = app.db.credentials(WORKER).await.unwrap().unwrap();
    assert!(locked.locked_until.unwrap() > jiff::Timestamp::now());
    // Other accounts are not locked.
    assert!(app.sign_in(super::MANAGER, PASSWORD).await.is_some());
}

/// Signs in with `next` and resolves the redirect as a browser would (WHATWG URL
/// parsing: tabs and newlines removed, backslashes as slashes).
async fn lands_on(app: &TestApp, next: &str) -> (StatusCode, Option<Url>) {
    let page = app.submit_sign_in(WORKER, PASSWORD, Some(next)).await;
    let base = Url::parse(&app.base).unwrap();
    let target = (!page.location().is_empty()).then(|| base.join(page.location()).unwrap());
    (page.status, target)
}

fn assert_on_site(app: &TestApp, next: &str, (status, target): (StatusCode, Option<Url>)) {
    let base = Url::parse(&app.base).unwrap();
    assert_eq!(status, StatusCode::SEE_OTHER, "{next:?}");
    let target = target.unwrap_or_else(|| panic!("{next:?}: no Location"));
    assert_eq!(target.scheme(), "http", "{next:?} went to {target}");
    assert_eq!(
        target.host_str(),
        base.host_str(),
        "{next:?} went to {target}"
    );
    assert_eq!(target.port(), base.port(), "{next:?} went to {target}");
}

#[tokio::test]
async fn sign_in_redirects_only_within_the_site() {
    let app = app_with_worker().await;
    for next in [
        "//evil.example",
        "https://evil.example",
        "http://evil.example/children",
        "/\\evil.example",
        "\\\\evil.example",
        "///evil.example",
        "//evil.example/%2F..",
        "/%2F/evil.example",
        "/.//evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
    ] {
        let landed = lands_on(&app, next).await;
        assert_on_site(&app, next, landed);
    }
    let (_, target) = lands_on(&app, "/children/C-0001").await;
    assert_eq!(target.unwrap().path(), "/children/C-0001");
    // The form does not even carry a foreign address.
    let page = app.get_as(None, "/sign-in?next=%2F%2Fevil.example").await;
    assert!(!page.contains("evil.example"));
}

/// Browsers drop tabs and newlines from a URL, so `/<tab>/evil.example` in `Location`
/// takes them to `//evil.example`: another site.
#[tokio::test]
async fn sign_in_next_with_a_tab_does_not_leave_the_site() {
    let app = app_with_worker().await;
    for next in ["/\t/evil.example", "/\t\t/evil.example/sign-in"] {
        let landed = lands_on(&app, next).await;
        assert_on_site(&app, next, landed);
    }
}

/// A control character in `next` must still land the person on the site, not on a
/// bare 500 after their session has started.
#[tokio::test]
async fn sign_in_next_with_a_line_break_still_lands_on_the_site() {
    let app = app_with_worker().await;
    for next in ["/\n/evil.example", "/children\r\nSet-Cookie: planted=1"] {
        let page = app.submit_sign_in(WORKER, PASSWORD, Some(next)).await;
        assert!(
            set_cookie_value(&page.headers, "planted").is_none(),
            "header injection"
        );
        let base = Url::parse(&app.base).unwrap();
        let target = (!page.location().is_empty()).then(|| base.join(page.location()).unwrap());
        assert_on_site(&app, next, (page.status, target));
    }
}

// ---------------------------------------------------------------------------------
// Logs

/// Everything logged by the test binary from the moment the first log test starts.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Installs, once for the test binary, a subscriber capturing every event and span
/// at TRACE level (the server runs on spawned tasks, so it must be the global one).
fn captured_logs() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        use tracing_subscriber::util::SubscriberInitExt;
        let logs = Captured::default();
        tracing_subscriber::fmt()
            .with_writer(logs.clone())
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
            .with_ansi(false)
            .finish()
            .try_init()
            .expect("no other global subscriber");
        logs
    })
}

#[tokio::test]
async fn passwords_and_tokens_never_appear_in_the_logs() {
    let logs = captured_logs();
    let app = app_with_worker().await;
    let password = "Quasar-Zebra-7731-unlikely";
    let wrong = "Nebula-Okapi-4410-unlikely";
    app.db
        .create_user(
            &caseline_store::Actor::new("test.loader"),
            &caseline_store::NewUser {
                username: "atk.logs".into(),
                display_name: "Log Test".into(),
                role: Role::SocialWorker,
                worker_id: Some(caseline_domain::WorkerId::parse("W-1").unwrap()),
                team_id: Some(caseline_domain::TeamId::parse("T-AST").unwrap()),
                password_hash: caseline_web::hash_password(password).unwrap(),
            },
        )
        .await
        .unwrap();
    let mut secrets: Vec<(String, String)> = vec![
        ("password".into(), password.into()),
        ("wrong password".into(), wrong.into()),
    ];

    // A wrong password, and the password typed into the user name box.
    let (sign_in_cookie, sign_in_token) = app.sign_in_form().await;
    secrets.push((
        "sign-in cookie".into(),
        cookie_value(&sign_in_cookie).into(),
    ));
    secrets.push(("sign-in form token".into(), sign_in_token.clone()));
    let page = app
        .post_as(
            Some(&sign_in_cookie),
            "/sign-in",
            &[
                ("csrf_token", sign_in_token.as_str()),
                ("username", "atk.logs"),
                ("password", wrong),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    let page = app
        .submit_sign_in(&password.to_lowercase(), password, None)
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);

    // Signed in: browse, break glass, make and use an API token, sign out.
    let session = app.sign_in("atk.logs", password).await.unwrap();
    secrets.push(("session token".into(), cookie_value(&session).into()));
    let csrf = app.csrf_token_of(&session).await;
    secrets.push(("anti-forgery token".into(), csrf.clone()));
    for path in [
        "/children".to_owned(),
        "/children?q=thornbury".to_owned(),
        format!("/children/{AMELIA}"),
        format!("/children/{AMELIA}/access-log"),
        format!("/children/{CHLOE}"),
        "/account".to_owned(),
        "/alerts".to_owned(),
    ] {
        app.get_as(Some(&session), &path).await;
    }
    let page = app
        .post_as(
            Some(&session),
            &format!("/children/{CHLOE}/break-glass"),
            &[("csrf_token", csrf.as_str()), ("reason", REASON)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // A forged form, too.
    app.post_as(
        Some(&session),
        "/sign-out",
        &[("csrf_token", "not-the-token")],
    )
    .await;
    let secret = turn_on_two_step(&app, &session).await;
    secrets.push(("two-step secret".into(), secret));
    let (api_token, _) = app.issue_api_token(&session, "Log test").await;
    secrets.push(("API token".into(), api_token.clone()));
    assert_eq!(
        app.get_api(Some(&api_token), "/api/children").await.status,
        StatusCode::OK
    );
    app.get_api(Some(&api_token), &format!("/api/children/{AMELIA}"))
        .await;
    let page = app
        .post_as(
            Some(&session),
            "/sign-out",
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    let text = logs.text();
    assert!(
        text.contains("finished processing request"),
        "the capture works: {} bytes logged",
        text.len()
    );
    for (what, secret) in &secrets {
        assert!(!secret.is_empty(), "{what}");
        assert!(!text.contains(secret.as_str()), "the {what} is in the logs");
    }
    // Nor in the audit trail: an unknown name may be a mistyped password.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_events WHERE LOWER(actor) LIKE $1 OR LOWER(detail) LIKE $1 OR LOWER(COALESCE(reason, '')) LIKE $1",
            &["%quasar%"]
        )
        .await,
        0,
        "the password typed as a user name is in the audit trail"
    );
}

#[test]
fn the_tests_own_one_time_codes_match_rfc_6238() {
    // Appendix B, SHA-1: key "12345678901234567890"; the last six of the 8-digit values.
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    assert_eq!(super::totp_code(secret, 59 / 30), "287082");
    assert_eq!(super::totp_code(secret, 1_111_111_109 / 30), "081804");
    assert_eq!(super::totp_code(secret, 1_234_567_890 / 30), "005924");
    assert_eq!(super::totp_code(secret, 2_000_000_000 / 30), "279037");
}

// ---------------------------------------------------------------------------------
// Two-step sign-in

/// The current time step (30 seconds).
fn step_now() -> i64 {
    jiff::Timestamp::now().as_second() / 30
}

/// Turns two-step sign-in on through the account page; the secret.
async fn turn_on_two_step(app: &TestApp, cookie: &str) -> String {
    let csrf = app.csrf_token_of(cookie).await;
    let page = app
        .post_as(
            Some(cookie),
            "/account/two-step/start",
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    page.assert_ok();
    let secret = page.shown_once().expect("the secret is shown");
    let code = super::totp_code(&secret, step_now());
    let page = app
        .post_as(
            Some(cookie),
            "/account/two-step/confirm",
            &[("csrf_token", csrf.as_str()), ("code", code.as_str())],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    secret
}

/// The next code the server has not yet accepted for `username`.
async fn next_code(app: &TestApp, username: &str, secret: &str) -> String {
    let last = app
        .db
        .credentials(username)
        .await
        .unwrap()
        .unwrap()
        .totp_last_step;
    super::totp_code(secret, last.map_or(step_now(), |l| (l + 1).max(step_now())))
}

/// The password step: the session cookie of the sign-in waiting for its code.
async fn password_step(app: &TestApp, username: &str) -> String {
    let page = app
        .submit_sign_in(username, PASSWORD, Some("/account"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(
        page.location().starts_with("/sign-in/code"),
        "{}",
        page.location()
    );
    set_cookie_value(&page.headers, SESSION).expect("a pending session cookie")
}

/// Sends a code for the pending sign-in, with its form's token.
async fn send_code(app: &TestApp, pending: &str, code: &str) -> Page {
    let form = app.get_as(Some(pending), "/sign-in/code").await;
    if form.status != StatusCode::OK {
        return form;
    }
    let csrf = form.csrf_token();
    app.post_as(
        Some(pending),
        "/sign-in/code",
        &[
            ("csrf_token", csrf.as_str()),
            ("code", code),
            ("next", "/account"),
        ],
    )
    .await
}

#[tokio::test]
async fn two_step_sign_in_needs_a_fresh_code_and_the_password_alone_reaches_nothing() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let secret = turn_on_two_step(&app, &worker).await;

    // The password alone: a session waiting for its code, which opens nothing.
    let pending = password_step(&app, WORKER).await;
    for path in ["/children", &format!("/children/{AMELIA}"), "/account"] {
        let page = app.get_as(Some(&pending), path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert!(page.location().starts_with("/sign-in?next="), "{path}");
    }
    let form = app.get_as(Some(&pending), "/sign-in/code").await;
    form.assert_ok();
    let csrf = form.csrf_token();
    let page = app
        .post_as(
            Some(&pending),
            &format!("/children/{CHLOE}/break-glass"),
            &[("csrf_token", csrf.as_str()), ("reason", REASON)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        page.location().starts_with("/sign-in"),
        "{}",
        page.location()
    );
    assert_eq!(grants(&app, WORKER, CHLOE).await, 0);
    let page = app
        .get_api(Some(cookie_value(&pending)), "/api/children")
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);

    // A wrong code is refused; the right one starts a new session (not the pending one).
    let page = send_code(&app, &pending, "000000").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    let code = next_code(&app, WORKER, &secret).await;
    let page = send_code(&app, &pending, &code).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), "/account");
    let session = set_cookie_value(&page.headers, SESSION).expect("a session");
    assert_ne!(session, pending);
    app.get_as(Some(&session), "/account").await.assert_ok();
    // The pending session is spent.
    let page = app.get_as(Some(&pending), "/sign-in/code").await;
    assert_eq!(page.location(), "/sign-in");

    // The same code cannot be used again.
    let again = password_step(&app, WORKER).await;
    let page = send_code(&app, &again, &code).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED, "a code worked twice");
    assert_eq!(set_cookie_value(&page.headers, SESSION), None);
}

/// Wrong codes count as failed sign-ins, and lock the account; once locked, even the
/// right code must not finish signing in, or the lockout does not stop anyone guessing
/// the six digits.
#[tokio::test]
async fn two_step_codes_are_refused_once_the_account_is_locked() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let secret = turn_on_two_step(&app, &worker).await;
    let pending = password_step(&app, WORKER).await;
    let limit = caseline_store::FAILURES_BEFORE_LOCKOUT;
    for attempt in 1..=limit {
        let page = send_code(&app, &pending, &format!("{:06}", attempt * 7)).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        assert_eq!(
            page.contains("now locked"),
            attempt == limit,
            "attempt {attempt}"
        );
    }
    let locked = app.db.credentials(WORKER).await.unwrap().unwrap();
    assert!(
        locked
            .locked_until
            .is_some_and(|u| u > jiff::Timestamp::now())
    );
    // The password step is closed now...
    let page = app.submit_sign_in(WORKER, PASSWORD, None).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    // ...and so must be the code step of the sign-in already waiting.
    let code = next_code(&app, WORKER, &secret).await;
    let page = send_code(&app, &pending, &code).await;
    assert_eq!(
        set_cookie_value(&page.headers, SESSION),
        None,
        "a locked account finished signing in with a code ({} to {:?})",
        page.status,
        page.location()
    );
    // The waiting sign-in was ended when the account locked: back to the start.
    assert!(
        page.status.is_client_error() || page.location() == "/sign-in",
        "{} to {:?}",
        page.status,
        page.location()
    );
    let page = app.get_as(Some(&pending), "/sign-in/code").await;
    assert_eq!(page.location(), "/sign-in", "the waiting sign-in is over");
}

/// Turning two-step sign-in off takes a current code "to show it is really you"; so
/// must replacing its secret, or whoever holds a stolen session can put their own
/// authenticator in place of the owner's.
#[tokio::test]
async fn replacing_the_two_step_secret_needs_a_current_code() {
    let app = app_with_worker().await;
    let worker = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let owners = turn_on_two_step(&app, &worker).await;
    // With only the session: start again and confirm with a code from a new secret.
    let csrf = app.csrf_token_of(&worker).await;
    let page = app
        .post_as(
            Some(&worker),
            "/account/two-step/start",
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    if let Some(thiefs) = page.shown_once().filter(|_| page.status == StatusCode::OK) {
        let code = super::totp_code(&thiefs, step_now());
        app.post_as(
            Some(&worker),
            "/account/two-step/confirm",
            &[("csrf_token", csrf.as_str()), ("code", code.as_str())],
        )
        .await;
    }
    let secret = app
        .db
        .credentials(WORKER)
        .await
        .unwrap()
        .unwrap()
        .totp_secret;
    assert_eq!(
        secret.as_deref(),
        Some(owners.as_str()),
        "the two-step secret was replaced without a code from the current one"
    );
}

/// Free text an administrator types — a new account's name, a restriction's reason —
/// comes back escaped on the accounts page and in the new user's own header.
#[tokio::test]
async fn script_injection_in_the_administration_forms_comes_back_escaped() {
    let app = app_with_worker().await;
    app.add_user("admin.one", Role::SystemAdministrator, None, None)
        .await;
    let admin = app.sign_in("admin.one", PASSWORD).await.unwrap();
    let csrf = app.csrf_token_of(&admin).await;
    let page = app
        .post_as(
            Some(&admin),
            "/admin/users",
            &[
                ("csrf_token", csrf.as_str()),
                ("username", "new.person"),
                ("display_name", SCRIPT),
                ("role", "SOCIAL_WORKER"),
                ("password", PASSWORD),
            ],
        )
        .await;
    page.assert_ok();
    assert_escaped(&page, SCRIPT, "display name on the accounts page");
    let newcomer = app.sign_in("new.person", PASSWORD).await.unwrap();
    let page = app.get_as(Some(&newcomer), "/account").await;
    assert_escaped(&page, SCRIPT, "display name in the header");

    // A restriction's reason is stored, never echoed; the form stays safe either way.
    let page = app
        .post_as(
            Some(&admin),
            "/admin/restrictions",
            &[
                ("csrf_token", csrf.as_str()),
                ("child", IMG),
                ("reason", SCRIPT),
                ("named", "new.person"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    for tag in ["<script>alert", "<img src=x"] {
        assert!(!page.contains(tag), "{tag} in the restriction page");
    }
}

/// Changing a password needs the current one, ends every other session (a thief's
/// included), and the old password stops working.
#[tokio::test]
async fn a_password_change_ends_other_sessions() {
    let app = app_with_worker().await;
    let mine = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let thief = app.sign_in(WORKER, PASSWORD).await.unwrap();
    let csrf = app.csrf_token_of(&mine).await;
    let wrong = app
        .post_as(
            Some(&mine),
            "/account/password",
            &[
                ("csrf_token", csrf.as_str()),
                ("current", "guess"),
                ("new", "another-long-password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    app.get_as(Some(&thief), "/account").await.assert_ok();
    let short = app
        .post_as(
            Some(&mine),
            "/account/password",
            &[
                ("csrf_token", csrf.as_str()),
                ("current", PASSWORD),
                ("new", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    let changed = app
        .post_as(
            Some(&mine),
            "/account/password",
            &[
                ("csrf_token", csrf.as_str()),
                ("current", PASSWORD),
                ("new", "another-long-password"),
            ],
        )
        .await;
    changed.assert_ok();
    assert!(changed.contains("Your password has been changed"));
    app.get_as(Some(&mine), "/account").await.assert_ok();
    let page = app.get_as(Some(&thief), "/account").await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "the other session has ended"
    );
    assert!(
        app.sign_in(WORKER, PASSWORD).await.is_none(),
        "the old password no longer works"
    );
    assert!(app.sign_in(WORKER, "another-long-password").await.is_some());
}
