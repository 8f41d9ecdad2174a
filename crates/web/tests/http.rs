//! The web layer end to end: the real server on 127.0.0.1:0 over a temp-file SQLite
//! database holding a small hand-made authority, spoken to over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

#[path = "http/attacks.rs"]
mod attacks;
#[path = "http/matrix.rs"]
mod matrix;
#[path = "http/self_assessment.rs"]
mod self_assessment;

use caseline_domain::TeamId;
use caseline_domain::codes::Role;
use caseline_store::{Actor, Db, NewUser};
use caseline_web::AppState;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderMap};
use support::{AMELIA, BEN, CHLOE, TODAY};
use tempfile::TempDir;
use tokio::sync::oneshot;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

struct TestApp {
    base: String,
    db: Db,
    client: reqwest::Client,
    /// The session cookie of the signed-in test user, sent with every request.
    session: String,
    _stop: oneshot::Sender<()>,
    _dir: TempDir,
}

/// The password every test account has.
const PASSWORD: &str = "test-password-1";

/// The default test user: service manager over every team, so the page tests can
/// open any child with a team; scope itself is tested in the authorization matrix.
const MANAGER: &str = "test.manager";

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl TestApp {
    async fn start() -> Self {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("caseline.db");
        let db = Db::open(path.to_str().unwrap()).await.unwrap();
        let loader = Actor::new("test.loader");
        db.insert_workforce(&loader, &support::teams(), &support::workers())
            .await
            .unwrap();
        db.insert_child_records(&loader, &support::children())
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let state = AppState {
            db: db.clone(),
            today: Some(TODAY),
            authority_name: "Exampleshire County Council".into(),
            // As behind TLS: the tests check the Secure, __Host- cookies.
            secure_cookies: true,
            standards: Default::default(),
            targets: Default::default(),
            work_cache: Default::default(),
            perf_cache: Default::default(),
        };
        tokio::spawn(caseline_web::serve(listener, state, async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let hash = caseline_web::hash_password(PASSWORD).unwrap();
        db.create_user(
            &loader,
            &NewUser {
                username: MANAGER.into(),
                display_name: "Test Manager".into(),
                role: Role::ServiceManager,
                worker_id: None,
                team_id: Some(TeamId::parse(support::SERVICE).unwrap()),
                password_hash: hash,
            },
        )
        .await
        .unwrap();
        let mut app = Self {
            base,
            db,
            client,
            session: String::new(),
            _stop: stop,
            _dir: dir,
        };
        app.session = app
            .sign_in(MANAGER, PASSWORD)
            .await
            .expect("test manager signs in");
        // The server works out its pictures in the background as it starts, writing
        // audit entries; these pages wait for that, so tests that compare the database
        // before and after a request see only what the request did.
        for settled in ["/work/service", "/performance"] {
            assert_eq!(app.get(settled).await.status, StatusCode::OK, "{settled}");
        }
        app
    }

    /// Writes a child (Nova Ashdown) whose contact came in two days before today and
    /// still awaits a decision: a write every picture must show at the next load.
    async fn add_child_awaiting_decision(&self, id: &str) {
        self.db
            .insert_child_records(
                &Actor::new("test.loader"),
                &[support::child_awaiting_decision(
                    id,
                    support::TODAY - jiff::Span::new().days(2),
                )],
            )
            .await
            .unwrap();
    }

    /// Signs in through the real form; the session cookie (`name=value`) on success.
    async fn sign_in(&self, username: &str, password: &str) -> Option<String> {
        let form = self
            .client
            .get(format!("{}/sign-in", self.base))
            .send()
            .await
            .unwrap();
        let cookie = set_cookie_value(form.headers(), "__Host-caseline-sign-in").unwrap();
        let html = form.text().await.unwrap();
        let token = attrs_after(&html, "name=\"csrf_token\"", "value").remove(0);
        let response = self
            .client
            .post(format!("{}/sign-in", self.base))
            .header("cookie", cookie)
            .form(&[
                ("csrf_token", token.as_str()),
                ("username", username),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        set_cookie_value(response.headers(), "__Host-caseline-session")
            .filter(|c| !c.ends_with('='))
    }

    async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.session)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap();
        Page {
            status,
            headers,
            body,
        }
    }

    /// Any request: `cookie` is a whole `Cookie` header, `headers` are added as given,
    /// and `form` (if any) is sent as an `application/x-www-form-urlencoded` body.
    async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        cookie: Option<&str>,
        headers: &[(&str, &str)],
        form: Option<&[(&str, &str)]>,
    ) -> Page {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(form) = form {
            request = request.form(form);
        }
        Page::read(request.send().await.unwrap()).await
    }

    /// `GET path` with `cookie` (a session cookie `name=value`), or as nobody.
    async fn get_as(&self, cookie: Option<&str>, path: &str) -> Page {
        self.request(reqwest::Method::GET, path, cookie, &[], None)
            .await
    }

    /// `POST path` with `cookie` and a form.
    async fn post_as(&self, cookie: Option<&str>, path: &str, form: &[(&str, &str)]) -> Page {
        self.request(reqwest::Method::POST, path, cookie, &[], Some(form))
            .await
    }

    /// `GET path` on the API with `Authorization: Bearer token`, or with no token.
    async fn get_api(&self, token: Option<&str>, path: &str) -> Page {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = bearer
            .as_deref()
            .map(|b| vec![("authorization", b)])
            .unwrap_or_default();
        self.request(reqwest::Method::GET, path, None, &headers, None)
            .await
    }

    /// The session's anti-forgery token, as a page the user can see carries it.
    async fn csrf_token_of(&self, cookie: &str) -> String {
        let page = self.get_as(Some(cookie), "/account").await;
        page.assert_ok();
        page.csrf_token()
    }

    /// A fresh sign-in form: its double-submit cookie (`name=value`) and token.
    async fn sign_in_form(&self) -> (String, String) {
        let page = self.get_as(None, "/sign-in").await;
        page.assert_ok();
        let cookie = set_cookie_value(&page.headers, "__Host-caseline-sign-in").unwrap();
        (cookie, page.csrf_token())
    }

    /// Posts the sign-in form as a browser would (fresh form, its cookie and token),
    /// with `next` if given; the response, unfollowed.
    async fn submit_sign_in(&self, username: &str, password: &str, next: Option<&str>) -> Page {
        let (cookie, token) = self.sign_in_form().await;
        let mut form = vec![
            ("csrf_token", token.as_str()),
            ("username", username),
            ("password", password),
        ];
        if let Some(next) = next {
            form.push(("next", next));
        }
        self.post_as(Some(&cookie), "/sign-in", &form).await
    }

    /// Creates an account with [`PASSWORD`] (hashed once for the whole test binary).
    async fn add_user(&self, username: &str, role: Role, worker: Option<&str>, team: Option<&str>) {
        self.db
            .create_user(
                &Actor::new("test.loader"),
                &NewUser {
                    username: username.into(),
                    display_name: format!("Display {username}"),
                    role,
                    worker_id: worker.map(|w| caseline_domain::WorkerId::parse(w).unwrap()),
                    team_id: team.map(|t| TeamId::parse(t).unwrap()),
                    password_hash: shared_password_hash().to_owned(),
                },
            )
            .await
            .unwrap();
    }

    /// Loads the authorization matrix's teams, workers and children on top of the
    /// hand-made authority.
    async fn load_matrix_world(&self) {
        let loader = Actor::new("test.loader");
        self.db
            .insert_workforce(
                &loader,
                &support::matrix_teams(),
                &support::matrix_workers(),
            )
            .await
            .unwrap();
        self.db
            .insert_child_records(&loader, &support::matrix_children())
            .await
            .unwrap();
    }

    /// `SELECT COUNT(*) AS n …` with text parameters.
    async fn count(&self, sql: &str, params: &[&str]) -> i64 {
        let params: Vec<caseline_store::Value> = params.iter().map(|p| (*p).into()).collect();
        let rows = self.db.fetch_all(sql, &params).await.unwrap();
        rows[0].int("n").unwrap()
    }

    /// Sends `target` exactly as written (no client-side normalising of `..` or
    /// `%2e`), over a raw connection; the status and the whole raw response.
    async fn raw_get(&self, target: &str) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let host = self.base.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
        let request = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, response)
    }

    /// Issues an API token through the account page as the holder of `cookie`: the
    /// token (shown once) and its id (from its revoke form).
    async fn issue_api_token(&self, cookie: &str, name: &str) -> (String, String) {
        let csrf = self.csrf_token_of(cookie).await;
        let page = self
            .post_as(
                Some(cookie),
                "/account/api-tokens",
                &[("csrf_token", csrf.as_str()), ("name", name)],
            )
            .await;
        page.assert_ok();
        let token = page.shown_once().expect("the new token is shown");
        let id = attrs_after(&page.body, "/revoke\"", "action")
            .iter()
            .filter_map(|a| a.strip_prefix("/account/api-tokens/"))
            .filter_map(|a| a.strip_suffix("/revoke"))
            .next()
            .expect("a revoke form")
            .to_owned();
        (token, id)
    }
}

/// The `name=value` of a cookie the response sets.
fn set_cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

impl Page {
    fn header(&self, name: impl reqwest::header::AsHeaderName) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        self
    }

    fn contains(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    /// Reads a whole response.
    async fn read(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap();
        Page {
            status,
            headers,
            body,
        }
    }

    /// The first hidden `csrf_token` on the page.
    fn csrf_token(&self) -> String {
        attrs_after(&self.body, "name=\"csrf_token\"", "value")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no csrf_token on the page: {}", self.body))
    }

    /// The `Location` of a redirect, or "" if there is none.
    fn location(&self) -> &str {
        self.header("location")
    }

    /// The body as JSON.
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The first `<code class="app-token">` on the page: a new API token or a new
    /// two-step secret, shown this once.
    fn shown_once(&self) -> Option<String> {
        let marker = "<code class=\"app-token\">";
        let start = self.body.find(marker)? + marker.len();
        let len = self.body[start..].find('<')?;
        Some(self.body[start..start + len].to_owned())
    }
}

/// [`PASSWORD`]'s hash, worked out once for the whole test binary (argon2 is slow
/// by design).
fn shared_password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| caseline_web::hash_password(PASSWORD).unwrap())
}

/// The 6-digit RFC 6238 code (HMAC-SHA1, 30-second steps) of a base32 `secret` for
/// time step `step`, worked out here independently of the product's implementation.
fn totp_code(secret: &str, step: i64) -> String {
    use hmac::{Hmac, Mac};
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut key, mut buffer, mut bits) = (Vec::new(), 0u64, 0u32);
    for c in secret.bytes().filter(|c| c.is_ascii_alphanumeric()) {
        let v = ALPHABET
            .iter()
            .position(|a| *a == c.to_ascii_uppercase())
            .unwrap();
        buffer = (buffer << 5) | v as u64;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            key.push((buffer >> bits) as u8);
        }
    }
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).unwrap();
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[19] & 0x0f);
    let word = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    format!("{:06}", word % 1_000_000)
}

/// `s` as askama escapes it in HTML.
fn html_escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// `s` percent-encoded for a query string.
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The values of `attr="…"` on every tag whose text contains `marker`, in page order.
fn attrs_after(html: &str, marker: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let start = tag.find(&needle)? + needle.len();
            let len = tag[start..].find('"')?;
            Some(tag[start..start + len].to_owned())
        })
        .collect()
}

/// The chronology's titles, in page order.
fn chronology_titles(html: &str) -> Vec<String> {
    html.split("<h3 class=\"app-chronology__title\">")
        .skip(1)
        .map(|s| s.split("</h3>").next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn health_check_answers_ok() {
    let app = TestApp::start().await;
    let page = app.get("/health").await;
    page.assert_ok();
    assert_eq!(page.body, "ok");
    assert!(page.header(CONTENT_TYPE).starts_with("text/plain"));
}

#[tokio::test]
async fn home_redirects_to_the_children_list() {
    let app = TestApp::start().await;
    let page = app.get("/").await;
    assert!(page.status.is_redirection(), "{}", page.status);
    assert_eq!(page.header("location"), "/children");
}

#[tokio::test]
async fn children_list_shows_the_first_page_of_all_children() {
    let app = TestApp::start().await;
    let page = app.get("/children").await;
    page.assert_ok();
    // 4 named children + 60 padding, sorted by surname: Okafor, Price, Thornbury ×2, Whitfield…
    assert!(
        page.contains("Showing 1 to 50 of 64 children"),
        "{}",
        page.body
    );
    assert!(page.contains(r#"<a class="govuk-link" href="/children/C-0001">Amelia Thornbury</a>"#));
    assert!(page.contains("Chloe Okafor"));
    assert_eq!(
        page.body
            .matches(r#"<tr class="govuk-table__row">"#)
            .count(),
        51,
        "header row + 50 children"
    );
    // Ben is open with no named worker.
    assert!(
        page.contains(r#"<strong class="govuk-tag app-tag--held-on-duty">Held on duty</strong>"#)
    );
    assert!(page.contains(r#"<strong class="govuk-tag govuk-tag--purple">Looked after</strong>"#));
    assert!(page.contains("Priya Shah"));
    assert!(page.contains("Front Door"));
    // Age on 20 March 2025 of a child born 3 March 2015.
    assert!(page.contains(r#"<time datetime="2015-03-03">3 March 2015</time>"#));
    // Pagination to page 2, no previous link on page 1.
    assert!(page.contains(r#"href="/children?page=2" rel="next""#));
    assert!(!page.contains(r#"rel="prev""#));
}

#[tokio::test]
async fn second_page_shows_the_rest_and_past_the_end_is_a_clear_400() {
    let app = TestApp::start().await;
    let page = app.get("/children?page=2").await;
    page.assert_ok();
    assert!(page.contains("Showing 51 to 64 of 64 children"));
    assert!(page.contains(r#"href="/children?page=1" rel="prev""#));
    assert!(!page.contains("Amelia Thornbury"));

    let past = app.get("/children?page=3").await;
    assert_eq!(past.status, StatusCode::BAD_REQUEST);
    assert!(past.contains("‘page’"), "{}", past.body);
}

#[tokio::test]
async fn search_by_surname_narrows_the_list() {
    let app = TestApp::start().await;
    let page = app.get("/children?q=thornbury").await;
    page.assert_ok();
    assert!(
        page.contains("Showing 1 to 2 of 2 children"),
        "{}",
        page.body
    );
    assert!(page.contains("Amelia Thornbury"));
    assert!(page.contains("Ben Thornbury"));
    assert!(!page.contains("Chloe Okafor"));
    assert!(!page.contains("govuk-pagination"));
    // The search box keeps the query.
    assert!(page.contains(r#"value="thornbury""#));
}

#[tokio::test]
async fn search_by_id_or_date_of_birth_finds_the_child() {
    let app = TestApp::start().await;
    let by_id = app.get(&format!("/children?q={CHLOE}")).await;
    by_id.assert_ok();
    assert!(
        by_id.contains("Showing 1 to 1 of 1 child"),
        "{}",
        by_id.body
    );
    assert!(by_id.contains("Chloe Okafor"));

    for dob in ["03%2F03%2F2015", "2015-03-03"] {
        let by_dob = app.get(&format!("/children?q={dob}")).await;
        by_dob.assert_ok();
        assert!(
            by_dob.contains("Showing 1 to 1 of 1 child"),
            "{dob}: {}",
            by_dob.body
        );
        assert!(by_dob.contains("Amelia Thornbury"));
    }
}

#[tokio::test]
async fn search_with_no_match_says_how_to_improve_it() {
    let app = TestApp::start().await;
    let page = app.get("/children?q=%3Cb%3Enobody").await;
    page.assert_ok();
    assert!(
        page.contains("No children match ‘&#60;b&#62;nobody’"),
        "{}",
        page.body
    );
    assert!(!page.contains("<b>nobody"));
    assert!(page.contains("checking the spelling"));
}

#[tokio::test]
async fn bad_page_parameter_is_a_400_naming_the_field() {
    let app = TestApp::start().await;
    for bad in ["abc", "0", "-2", "1.5"] {
        let page = app.get(&format!("/children?page={bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page={bad}");
        assert!(page.contains("There is a problem with the web address"));
        assert!(page.contains("‘page’"));
        assert!(page.contains("whole number"));
        assert!(page.header(CONTENT_TYPE).starts_with("text/html"));
    }
}

#[tokio::test]
async fn child_record_shows_summary_open_work_and_chronology_in_date_order() {
    let app = TestApp::start().await;
    let page = app.get(&format!("/children/{AMELIA}")).await;
    page.assert_ok();
    assert!(page.contains(r#"<h1 class="govuk-heading-l">Amelia Thornbury</h1>"#));
    assert!(page.contains("3 March 2015 (age 10 years)"));
    assert!(page.contains("Priya Shah (Assessment Team North)"));
    assert!(page.contains("Sarah Thornbury"));
    assert!(page.contains("Mother"));
    assert!(page.contains("Open referral and assessment"));
    assert!(page.contains("Child in need plan"));
    // The action due 31 January 2025 is open and past due on 20 March 2025; the one due
    // 30 April is not yet due, and the done one is done.
    assert_eq!(
        page.body
            .matches(r#"<strong class="govuk-tag govuk-tag--red">Overdue</strong>"#)
            .count(),
        1
    );
    assert!(page.contains(r#"<time datetime="2025-01-31">31 January 2025</time>"#));

    let dates = attrs_after(&page.body, "app-chronology__date", "datetime");
    // 2 contacts, referral, assessment started / child seen / authorised, CIN plan started.
    assert_eq!(dates.len(), 7, "{dates:?}");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "chronology out of date order");
    // The earlier contact was stored second: it still comes first.
    assert_eq!(dates[0], "2023-06-01");
    assert!(page.contains(
        r#"<time class="app-chronology__date" datetime="2023-06-01">1 June 2023</time>"#
    ));
    let titles = chronology_titles(&page.body);
    assert!(titles.iter().any(|t| t == "Contact received"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Referral"), "{titles:?}");
    assert!(page.contains("app-chronology__item app-chronology__item--front-door"));
}

#[tokio::test]
async fn looked_after_child_record_shows_becoming_looked_after() {
    let app = TestApp::start().await;
    let page = app.get(&format!("/children/{CHLOE}")).await;
    page.assert_ok();
    assert!(page.contains("Became looked after"));
    assert!(page.contains("app-chronology__item--in-care"));
    assert!(page.contains("Interim care order"));
    assert!(page.contains("Tom Hughes (Children in Care Team)"));
    // Jo Bell then Tom Hughes: one change.
    assert!(page.contains("<dt class=\"govuk-summary-list__key\">Changes of social worker</dt>\n    <dd class=\"govuk-summary-list__value\">1</dd>"), "{}", page.body);

    let in_care = app.get(&format!("/children/{CHLOE}?stage=in-care")).await;
    in_care.assert_ok();
    let classes = attrs_after(&in_care.body, "app-chronology__item ", "class");
    assert!(!classes.is_empty());
    assert!(
        classes.iter().all(|c| c.ends_with("--in-care")),
        "{classes:?}"
    );
    assert!(!in_care.contains(">Contact received<"));

    let bad = app.get(&format!("/children/{CHLOE}?stage=nowhere")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.contains("‘stage’"));
}

#[tokio::test]
async fn child_held_on_duty_shows_the_team_holding_them() {
    let app = TestApp::start().await;
    let page = app.get(&format!("/children/{BEN}")).await;
    page.assert_ok();
    assert!(page.contains("Held on duty by Front Door"));
}

#[tokio::test]
async fn unknown_or_invalid_child_id_is_a_404() {
    let app = TestApp::start().await;
    for path in [
        "/children/C-9999",
        "/children/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/children/a.b",
        "/children/%FF%FE",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.contains("No child with that ID"), "{path}");
        assert!(!page.contains("<script>alert"));
    }
    let nowhere = app.get("/no/such/page").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert!(nowhere.contains("Page not found"));
}

#[tokio::test]
async fn every_response_has_security_headers_and_pages_are_not_stored() {
    let app = TestApp::start().await;
    for path in [
        "/children",
        &format!("/children/{AMELIA}"),
        "/children/C-9999",
        "/children?page=x",
        "/health",
        "/assets/caseline.css",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.header("content-security-policy"), CSP, "{path}");
        assert_eq!(page.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(page.header("referrer-policy"), "same-origin", "{path}");
        assert_eq!(page.header("x-frame-options"), "DENY", "{path}");
        if page.header(CONTENT_TYPE).starts_with("text/html") {
            assert_eq!(page.header(CACHE_CONTROL), "no-store", "{path}");
        }
    }
}

#[tokio::test]
async fn pages_use_the_layout_and_no_inline_script() {
    let app = TestApp::start().await;
    let page = app.get("/children").await;
    page.assert_ok();
    assert!(page.body.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<html lang="en-GB""#));
    assert!(page.contains(r#"<main class="govuk-main-wrapper" id="main-content">"#));
    assert!(page.contains(r##"href="#main-content" class="govuk-skip-link""##));
    assert!(page.contains("Exampleshire County Council"));
    assert!(page.contains("Synthetic data — demonstration"));
    assert!(page.contains("Signed in as <strong>Test Manager</strong>"));
    assert!(page.contains(r#"<script type="module" src="/assets/init.js"></script>"#));
    let scripts = page.body.matches("<script").count();
    let with_src = page
        .body
        .matches("<script type=\"module\" src=\"/assets/")
        .count();
    assert_eq!(scripts, with_src, "every script is an external module");
    assert!(!page.contains("govuk-header__logotype"), "no crown");
}

#[tokio::test]
async fn assets_are_served_with_content_types_and_caching() {
    let app = TestApp::start().await;
    let cases = [
        ("/assets/caseline.css", "text/css"),
        ("/assets/govuk-frontend.min.js", "text/javascript"),
        ("/assets/moj-frontend.min.js", "text/javascript"),
        ("/assets/init.js", "text/javascript"),
        ("/assets/images/icon-document.svg", "image/svg+xml"),
    ];
    for (path, content_type) in cases {
        let page = app.get(path).await;
        page.assert_ok();
        assert!(
            page.header(CONTENT_TYPE).starts_with(content_type),
            "{path}: {}",
            page.header(CONTENT_TYPE)
        );
        assert_eq!(
            page.header(CACHE_CONTROL),
            "public, max-age=86400",
            "{path}"
        );
        assert!(!page.body.is_empty());
    }
    let init = app.get("/assets/init.js").await;
    assert!(init.contains("initAll"));
    assert!(init.contains("govuk-frontend-supported"));
    assert_eq!(
        app.get("/assets/README.md").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/assets/%2E%2E%2FCargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn store_failure_is_a_500_page_without_internal_detail() {
    let app = TestApp::start().await;
    app.db.close().await;
    for path in ["/children", &format!("/children/{AMELIA}")] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(page.contains("Sorry, there is a problem with the service"));
        assert!(page.header(CONTENT_TYPE).starts_with("text/html"));
        assert_eq!(page.header(CACHE_CONTROL), "no-store");
        let lower = page.body.to_lowercase();
        for leak in ["database", "pool", "sqlx", "closed"] {
            assert!(!lower.contains(leak), "{path} mentions {leak}");
        }
    }
}

/// The child's timescales sit beside the chronology. Amelia was referred on Tuesday
/// 5 November 2024; 45 working days on, skipping 25 and 26 December and 1 January,
/// is Friday 10 January 2025. Her assessment was authorised on 10 December: on time.
#[tokio::test]
async fn a_childs_record_shows_their_timescales() {
    let app = TestApp::start().await;
    let page = app.get(&format!("/children/{AMELIA}")).await;
    page.assert_ok();
    assert!(page.contains("Timescales"));
    let row = page
        .body
        .split("<tr class=\"govuk-table__row\">")
        .find(|r| r.contains("Assessment authorised within 45 working days"))
        .expect("the assessment timescale");
    assert!(row.contains("10 January 2025"), "{row}");
    assert!(row.contains("Met on time"), "{row}");
    // A contact from 2023 is more than a year before 'today' (20 March 2025): not listed.
    assert_eq!(
        page.body
            .matches("Decision on a contact within 1 working day")
            .count(),
        1
    );
}

/// The API checks `page` and `q` as the list page does, and says which is wrong.
#[tokio::test]
async fn the_api_names_a_bad_query_parameter() {
    let app = TestApp::start().await;
    let (token, _) = app.issue_api_token(&app.session, "Query checks").await;
    for (path, field) in [
        ("/api/children?page=0", "page"),
        ("/api/children?page=two", "page"),
        (&*format!("/api/children?q={}", "x".repeat(101)), "q"),
    ] {
        let page = app.get_api(Some(&token), path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        let json = page.json();
        assert_eq!(json["error"], "invalid", "{path}");
        assert!(
            json["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("'{field}'")),
            "{json}"
        );
    }
    assert_eq!(
        app.get_api(Some(&token), "/api/children?page=1&q=thornbury")
            .await
            .status,
        StatusCode::OK
    );
}

/// The number in the count box labelled `label` on a work view.
fn count_box(page: &Page, label: &str) -> u64 {
    let marker = format!("</span> <span class=\"app-counts__label\">{label}</span>");
    let before = page.body.split(&marker).next().unwrap();
    before
        .rsplit('>')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no '{label}' count"))
}

#[tokio::test]
async fn a_write_shows_on_the_work_views_at_the_next_page_load() {
    let app = TestApp::start().await;
    let service = app.get("/work/service").await;
    assert_eq!(service.status, StatusCode::OK);
    let before = count_box(&service, "timescales overdue");
    // Received on Tuesday 18 March 2025, due Wednesday 19th, overdue on the 20th (today).
    app.add_child_awaiting_decision("C-0100").await;
    let after = count_box(&app.get("/work/service").await, "timescales overdue");
    assert_eq!(after, before + 1);
    let list = app
        .get("/work/list?view=service&measure=clocks&rule=CONTACT-DECISION-1WD&urgency=overdue")
        .await;
    assert!(
        list.contains("Nova Ashdown") && list.contains("C-0100"),
        "{}",
        list.body
    );
    assert!(list.contains("data-total=\"1\""), "{}", list.body);
}

#[tokio::test]
async fn work_lists_refuse_what_they_do_not_recognise_naming_the_parameter() {
    let app = TestApp::start().await;
    for (path, field) in [
        ("/work/list?measure=cases", "view"),
        ("/work/list?view=service&measure=sideways", "measure"),
        (
            "/work/list?view=service&measure=clocks&rule=NOPE&urgency=overdue",
            "rule",
        ),
        (
            "/work/list?view=service&measure=clocks&urgency=later",
            "urgency",
        ),
        (
            "/work/list?view=service&measure=findings&finding=NOPE",
            "finding",
        ),
        ("/work/list?view=service&measure=cases&page=0", "page"),
        ("/work/service?team=%3Cscript%3E", "team"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(page.contains(field), "{path}: {}", page.body);
    }
}

#[tokio::test]
async fn performance_lists_refuse_what_they_do_not_recognise_naming_the_parameter() {
    let app = TestApp::start().await;
    let ok = app
        .get("/performance/list?indicator=HP-RE-REFERRALS&from=2025-01-01&to=2025-01-31")
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    for (path, field) in [
        ("/performance/list", "indicator"),
        ("/performance/list?indicator=NOPE", "indicator"),
        (
            "/performance/list?indicator=HP-RE-REFERRALS&team=%3Cb%3E",
            "team",
        ),
        (
            "/performance/list?indicator=HP-RE-REFERRALS&band=99",
            "band",
        ),
        (
            "/performance/list?indicator=HP-RE-REFERRALS&from=soon&to=2025-01-31",
            "from",
        ),
        (
            "/performance/list?indicator=HP-RE-REFERRALS&from=2025-02-01&to=2025-01-31",
            "from",
        ),
        (
            "/performance/list?indicator=HP-RE-REFERRALS&from=2025-01-01",
            "to",
        ),
        ("/performance/list?indicator=HP-RE-REFERRALS&page=0", "page"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(page.contains(field), "{path}: {}", page.body);
    }
    assert_eq!(
        app.get("/performance/indicator/NOPE").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/performance/sideways").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The row headed `title` in a CSV, as its fields.
fn csv_row(csv: &str, title: &str) -> Vec<String> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .find(|r| r[0] == title)
        .unwrap_or_else(|| panic!("no row {title} in {csv}"))
}

#[tokio::test]
async fn a_write_shows_on_the_performance_pages_and_their_downloads_at_the_next_load() {
    let app = TestApp::start().await;
    let table = "/performance?download=help-and-protection&format=csv";
    let before = app.get(table).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(before.header("content-type"), "text/csv; charset=utf-8");
    assert!(
        before
            .header("content-disposition")
            .starts_with("attachment; filename=\"caseline-help-and-protection-"),
        "{}",
        before.header("content-disposition")
    );
    assert!(before.body.starts_with(
        "Indicator,Value,Counted,Out of,England,Compared with England,Target,Against target\n"
    ));
    let counted = |csv: &str| -> u64 {
        csv_row(csv, "Contacts per 10,000 children")
            .get(2)
            .and_then(|n| n.parse().ok())
            .unwrap()
    };
    let trend = "/performance/help-and-protection?download=trend-HP-CONTACTS-RATE&format=csv";
    let month_count = |csv: &str| -> u64 {
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        rows.last().unwrap()[2].parse().unwrap()
    };
    let trend_before = app.get(trend).await;
    assert_eq!(trend_before.status, StatusCode::OK, "{}", trend_before.body);
    assert_eq!(
        trend_before.body.lines().count(),
        25,
        "a heading and 24 months"
    );

    app.add_child_awaiting_decision("C-0100").await;
    let after = app.get(table).await;
    assert_eq!(counted(&after.body), counted(&before.body) + 1);
    let trend_after = app.get(trend).await;
    assert_eq!(
        month_count(&trend_after.body),
        month_count(&trend_before.body) + 1
    );
    // The list names the child, and showing it is audited against the viewer.
    let list = app
        .get("/performance/list?indicator=HP-CONTACTS-RATE")
        .await;
    assert!(list.contains("Nova Ashdown") && list.contains("C-0100"));
    let shown = app
        .count(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'LIST_CHILDREN' AND actor = $1 AND detail LIKE $2",
            &[MANAGER, "%performance list HP-CONTACTS-RATE%C-0100%"],
        )
        .await;
    assert_eq!(shown, 1);
    // Downloading the list records it against each child named.
    let file = app
        .get("/performance/list/download?indicator=HP-CONTACTS-RATE&format=csv")
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.body
            .starts_with("Child or worker,ID,Date,Team,Detail\n")
    );
    assert!(file.body.contains("Nova Ashdown,C-0100,"), "{}", file.body);
    let recorded = app
        .count(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'LIST_CHILDREN' AND actor = $1 AND child_id = $2",
            &[MANAGER, "C-0100"],
        )
        .await;
    assert_eq!(recorded, 1);
}

#[tokio::test]
async fn every_performance_table_downloads_as_csv_and_xlsx() {
    let app = TestApp::start().await;
    let mut downloads = Vec::new();
    for page in [
        "/performance".to_owned(),
        "/performance/children-in-care".to_owned(),
        "/performance/indicator/HP-ASSESSMENTS-45WD".to_owned(),
        "/performance/list?indicator=HP-REFERRALS-RATE".to_owned(),
    ] {
        let html = app.get(&page).await;
        assert_eq!(html.status, StatusCode::OK, "{page}");
        let tables = html.body.matches("<table").count();
        let mut links: Vec<String> = html
            .body
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(|h| h.replace("&#38;", "&").replace("&amp;", "&"))
            .filter(|h| h.contains("format=csv") || h.contains("format=xlsx"))
            .collect();
        links.sort();
        links.dedup();
        // Every table on a dashboard has both downloads; a list has one pair for all of it.
        let expected = if page.contains("/list") {
            2
        } else {
            tables * 2
        };
        assert_eq!(links.len(), expected, "{page}: {links:?}");
        downloads.extend(links);
    }
    for href in downloads {
        let file = app.get(&href).await;
        assert_eq!(file.status, StatusCode::OK, "{href}");
        if href.ends_with("xlsx") {
            assert_eq!(
                file.header("content-type"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            );
            assert!(file.body.starts_with("PK"), "{href}: a zip container");
        } else {
            assert_eq!(file.header("content-type"), "text/csv; charset=utf-8");
            assert!(file.body.lines().count() >= 1, "{href}");
        }
    }
    for (path, field) in [
        (
            "/performance?download=help-and-protection&format=pdf",
            "format",
        ),
        ("/performance?download=nope&format=csv", "download"),
        (
            "/performance/list/download?indicator=NOPE&format=csv",
            "indicator",
        ),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(page.contains(field), "{path}: {}", page.body);
    }
}

#[tokio::test]
async fn rates_divide_by_the_child_population_stored_and_have_no_data_without_one() {
    let app = TestApp::start().await;
    let looked_after = support::children()
        .iter()
        .filter(|r| r.periods_of_care.iter().any(|p| p.is_open_on(TODAY)))
        .count();
    assert!(looked_after > 0);
    let before = app.get("/performance/indicator/CIC-RATE").await;
    assert_eq!(before.status, StatusCode::OK);
    // The headline's value opens its row (a note on what it rests on may follow).
    let value = |v: &str| format!("<dd class=\"govuk-summary-list__value\">{v}<");
    assert!(before.contains(&value("No data")), "{}", before.body);

    // Read from the database at the next page load: the write moves the picture on.
    let estimate =
        caseline_domain::population::PopulationEstimate::new(2024, 20_000, "ONS mid-2024").unwrap();
    app.db
        .set_child_population(&Actor::new("test.admin"), &estimate)
        .await
        .unwrap();
    let after = app.get("/performance/indicator/CIC-RATE").await;
    // n children among 20,000 is n / 2 per 10,000.
    let want = value(&format!("{:.1} per 10,000", looked_after as f64 / 2.0));
    assert!(after.contains(&want), "want {want}: {}", after.body);
}

#[tokio::test]
async fn the_distance_from_home_lists_children_it_cannot_measure() {
    let app = TestApp::start().await;
    // No postcode centroids are held, so nobody's distance can be measured.
    let page = app.get("/performance/indicator/CIC-OVER-20-MILES").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains("Distance unknown"), "{}", page.body);
    assert!(page.contains("More than 20 miles"));
}
