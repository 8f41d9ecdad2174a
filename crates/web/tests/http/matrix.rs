//! The authorization matrix: every route in [`caseline_web::route_table`], pages and
//! API, against anonymous and every role, and for each route about a child, every scope
//! case (own child, team's child, other team's child, restricted child, a child in
//! front-door work, no such child). What each cell should be is written out in
//! [`expectation`] from the written policy (`Role::duties` and
//! `caseline_domain::access`), not recorded from the server; a route with no entry
//! fails [`every_route_has_an_entry_for_every_role_and_case`] and the matrix itself.

use std::fmt;

use caseline_domain::codes::Role;
use caseline_web::{Reach, RouteInfo};
use reqwest::StatusCode;

use super::support::{
    AMELIA, BEN, CHLOE, IRO_SERVICE, LEAVING_CARE, M_AST_TEAM, M_FD_OWN, M_FD_WORK, M_IRO_OWN,
    M_IRO_TEAM, M_OUTSIDE, M_PA_OWN, M_PA_TEAM, M_POD, M_RESTRICTED, M_TM_OWN, SERVICE,
    W_FRONT_DOOR, W_IRO, W_PA, W_TEAM_MANAGER, child_name,
};
use super::{PASSWORD, Page, TestApp, html_escaped, set_cookie_value};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Nobody signed in (and, for the API, no token).
    Anonymous,
    /// The matrix's user with this role: signed in for pages, their API token for the API.
    Member(Role),
}

impl Who {
    fn role(self) -> Option<Role> {
        match self {
            Who::Anonymous => None,
            Who::Member(role) => Some(role),
        }
    }
}

/// Which child a route about a child is asked about, relative to the person asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Allocated to the person's own worker record (for an auditor: in their audit
    /// sample; for roles with no caseload: a child of the service, Amelia).
    Own,
    /// Allocated to another worker in the person's team.
    Team,
    /// Allocated to another team (for the service manager: outside the service).
    OtherTeam,
    /// Restricted to one named person, who is not in the matrix; otherwise in
    /// everyone's natural scope (allocated, sampled, in front-door work).
    Restricted,
    /// Not allocated; a contact awaiting a decision puts them in front-door work.
    FrontDoorWork,
    /// No child has this id.
    NoSuchChild,
}

const CASES: [Case; 6] = [
    Case::Own,
    Case::Team,
    Case::OtherTeam,
    Case::Restricted,
    Case::FrontDoorWork,
    Case::NoSuchChild,
];

/// An outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// 200 for anyone (sign-in form, assets, health).
    Public,
    /// 200: the signed-in person's page (account, alerts).
    Page,
    /// A redirect to exactly this address.
    RedirectTo(&'static str),
    /// A redirect to sign-in, coming back afterwards.
    SignInRedirect,
    /// API without a valid token: 401.
    Unauthorised,
    /// The child is in the list (searching by their id finds them).
    Listed,
    /// Searching by the child's id finds nobody.
    NotListed,
    /// The record (or its access log) opens.
    Opens,
    /// 403 offering break-glass (API: 403 `out_of_scope`), without the child's name.
    BreakGlassOffered,
    /// 404, exactly as for a child that does not exist (API: 404 `not_found`).
    NotFound,
    /// 403: the role may not do this at all.
    Forbidden,
    /// Break-glass is granted: back to the record, which now opens.
    Granted,
    /// Break-glass not needed: the record is in scope anyway, so straight back to it,
    /// with nothing granted (and nothing raised to a manager).
    AlreadyOpen,
    /// The sign-in form is accepted (not refused as forged): a member gets a new
    /// session; anonymous (an unknown name) gets the form again with a problem.
    SignInAccepted,
    /// That session ends; the person's other sessions live on.
    SignedOut,
    /// Every session of the person ends.
    SignedOutEverywhere,
    /// A new API token is shown once and works.
    TokenIssued,
    /// The person's own token is revoked and stops working.
    TokenRevoked,
    /// No sign-in is waiting for a one-time code: the code form sends the person back
    /// to sign in, and a code sent without one is refused as forged.
    NoSignInWaiting,
    /// Two-step set-up begins: a new secret is shown for an authenticator app.
    TwoStepStarted,
    /// A right code from the new secret turns two-step sign-in on.
    TwoStepOn,
    /// A current code turns two-step sign-in off.
    TwoStepOff,
    /// The administrator's form is handled: the account is created.
    AccountCreated,
    /// The administrator's change names an account that is not there: 404.
    NoSuchAccount,
    /// The administrator restricts the record to the named person.
    RestrictionSet,
    /// The administrator's form is refused with a problem (400): no such child.
    FormProblem,
    /// This server lacks a program the route needs (Chromium for PDFs): 503.
    NotAvailableHere,
}

/// The matrix's user for each role: user name, worker record, team.
fn member(role: Role) -> (&'static str, Option<&'static str>, Option<&'static str>) {
    match role {
        Role::SocialWorker => ("mx.social.worker", Some("W-1"), Some("T-AST")),
        Role::PersonalAdviser => ("mx.personal.adviser", Some(W_PA), Some(LEAVING_CARE)),
        Role::FrontDoor => ("mx.front.door", Some(W_FRONT_DOOR), Some("T-FD")),
        Role::TeamManager => ("mx.team.manager", Some(W_TEAM_MANAGER), Some("T-AST")),
        Role::IndependentReviewingOfficer => ("mx.iro", Some(W_IRO), Some(IRO_SERVICE)),
        Role::ServiceManager => ("mx.service.manager", None, Some(SERVICE)),
        Role::QualityAssuranceAuditor => ("mx.qa.auditor", None, None),
        Role::PerformanceAnalyst => ("mx.analyst", None, None),
        // A team gives a leader no scope: they open records only by break-glass.
        Role::SeniorLeader => ("mx.senior.leader", None, Some(SERVICE)),
        Role::SystemAdministrator => ("mx.admin", None, None),
    }
}

/// The one person named on the restricted record (a social worker in another team).
const NAMED: &str = "mx.named";

/// The child each case means for `role`.
fn case_child(role: Option<Role>, case: Case) -> &'static str {
    use Role::*;
    match case {
        Case::Restricted => M_RESTRICTED,
        Case::FrontDoorWork => M_FD_WORK,
        Case::NoSuchChild => "C-9999",
        Case::Own => match role {
            Some(PersonalAdviser) => M_PA_OWN,
            Some(IndependentReviewingOfficer) => M_IRO_OWN,
            Some(FrontDoor) => M_FD_OWN,
            Some(TeamManager) => M_TM_OWN,
            // Social worker Priya Shah's own; in the auditor's sample; for the rest, a
            // child of the service.
            _ => AMELIA,
        },
        Case::Team => match role {
            Some(PersonalAdviser) => M_PA_TEAM,
            Some(IndependentReviewingOfficer) => M_IRO_TEAM,
            // Held on duty by the front door team, with no named worker.
            Some(FrontDoor) => BEN,
            _ => M_AST_TEAM,
        },
        Case::OtherTeam => match role {
            Some(ServiceManager) => M_OUTSIDE,
            _ => CHLOE,
        },
    }
}

/// Whether a person may open a child's record, from the written policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Open,
    BreakGlass,
    Hidden,
}

/// "Open and work on the records of children allocated to you or to your team …
/// any other child's record only by stating why", per role (`Role::duties`).
fn record_scope(role: Role, case: Case) -> Scope {
    use Case::*;
    use Role::*;
    match (role, case) {
        // Nobody in the matrix is named on the restricted record: hidden, with no
        // break-glass around it, even from its allocated worker.
        (_, Restricted | NoSuchChild) => Scope::Hidden,
        // "Does not read case records."
        (SystemAdministrator, _) => Scope::Hidden,
        // "The children in your audit sample, and no others" (not even by break-glass).
        (QualityAssuranceAuditor, Own) => Scope::Open,
        (QualityAssuranceAuditor, _) => Scope::Hidden,
        // "Open a named child's record only by stating why (break-glass)."
        (PerformanceAnalyst | SeniorLeader, _) => Scope::BreakGlass,
        // Own and team (for managers, the teams under theirs; for the service manager,
        // the teams of the service).
        (_, Own | Team) => Scope::Open,
        // "Children with a contact in front-door work."
        (FrontDoor, FrontDoorWork) => Scope::Open,
        (_, OtherTeam | FrontDoorWork) => Scope::BreakGlass,
    }
}

/// Whether searching the list finds the child; `None` if the role may not list.
fn listed(role: Role, case: Case) -> Option<bool> {
    use Case::*;
    use Role::*;
    match (role, case) {
        (SystemAdministrator, _) => None,
        (_, Restricted | NoSuchChild) => Some(false),
        // "See lists of named children (across the authority)."
        (ServiceManager | SeniorLeader | PerformanceAnalyst, _) => Some(true),
        (QualityAssuranceAuditor, _) => Some(case == Own),
        (FrontDoor, _) => Some(matches!(case, Own | Team | FrontDoorWork)),
        // "Search for children in your team's caseload."
        (_, _) => Some(matches!(case, Own | Team)),
    }
}

fn list_outcome(role: Role, case: Case) -> Expect {
    match listed(role, case) {
        None => Expect::Forbidden,
        Some(true) => Expect::Listed,
        Some(false) => Expect::NotListed,
    }
}

fn record_outcome(role: Role, case: Case) -> Expect {
    match record_scope(role, case) {
        Scope::Open => Expect::Opens,
        Scope::BreakGlass => Expect::BreakGlassOffered,
        Scope::Hidden => Expect::NotFound,
    }
}

/// The expected outcome of `route` asked by `who` about `case` (which only matters
/// for routes about a child or a token).
fn expectation(route: &RouteInfo, who: Who, case: Case) -> Expect {
    use Expect::*;
    // A signed-in page: anonymous is sent to sign in.
    let signed_in = |f: &dyn Fn(Role) -> Expect| who.role().map_or(SignInRedirect, f);
    // An API route: without a token, 401.
    let api = |f: &dyn Fn(Role) -> Expect| who.role().map_or(Unauthorised, f);
    match (route.method, route.path) {
        ("GET", "/") => signed_in(&|_| RedirectTo("/children")),
        ("GET", "/sign-in") => Public,
        ("POST", "/sign-in") => SignInAccepted,
        ("POST", "/sign-out") => signed_in(&|_| SignedOut),
        ("POST", "/sign-out-everywhere") => signed_in(&|_| SignedOutEverywhere),
        ("GET", "/account") => signed_in(&|_| Page),
        // "See who has broken glass to open your teams' children's records."
        ("GET", "/alerts") => signed_in(&|role| match role {
            Role::TeamManager | Role::ServiceManager | Role::SeniorLeader => Page,
            _ => Forbidden,
        }),
        // The work views show open work in the viewer's scope: "My work" and the list
        // behind a number to anyone who lists children; the team view to anyone with a
        // team (and to those who see the whole authority); the service view to those
        // who see the whole authority.
        ("GET", "/work" | "/work/list") => signed_in(&|role| match role {
            Role::SystemAdministrator => Forbidden,
            _ => Page,
        }),
        ("GET", "/work/team") => signed_in(&|role| match member(role) {
            (_, _, Some(_)) if role != Role::SystemAdministrator => Page,
            _ if sees_authority(role) => Page,
            _ => Forbidden,
        }),
        // The performance picture counts the whole authority and lists the children
        // behind every number: for those who see the whole authority.
        (
            "GET",
            "/performance"
            | "/performance/{area}"
            | "/performance/indicator/{indicator}"
            | "/performance/list"
            | "/performance/list/download"
            | "/performance/self-assessment"
            | "/performance/self-assessment.html",
        ) => signed_in(&|role| match sees_authority(role) {
            true => Page,
            false => Forbidden,
        }),
        // The same pack printed by Chromium; a server without it says so (503).
        ("GET", "/performance/self-assessment.pdf") => {
            signed_in(&|role| match (sees_authority(role), prints_pdfs()) {
                (false, _) => Forbidden,
                (true, true) => Page,
                (true, false) => NotAvailableHere,
            })
        }
        ("GET", "/work/service") => signed_in(&|role| match sees_authority(role) {
            true => Page,
            false => Forbidden,
        }),
        ("GET", "/children") => signed_in(&|role| list_outcome(role, case)),
        ("GET", "/children/{id}") => signed_in(&|role| record_outcome(role, case)),
        ("POST", "/children/{id}/break-glass") => {
            signed_in(&|role| match record_scope(role, case) {
                Scope::Open => AlreadyOpen,
                Scope::BreakGlass => Granted,
                Scope::Hidden => NotFound,
            })
        }
        // Who has viewed a record is for those who may open it.
        ("GET", "/children/{id}/access-log") => signed_in(&|role| match record_scope(role, case) {
            Scope::Open => Opens,
            Scope::BreakGlass | Scope::Hidden => NotFound,
        }),
        // Anyone signed in may have tokens; a token sees only what its user may see.
        ("POST", "/account/api-tokens") => signed_in(&|_| TokenIssued),
        // Only one's own token; anyone else's is not there.
        ("POST", "/account/api-tokens/{id}/revoke") => signed_in(&|_| match case {
            Case::Own => TokenRevoked,
            _ => NotFound,
        }),
        ("GET", "/api/children") => api(&|role| list_outcome(role, case)),
        ("GET", "/api/children/{id}") => api(&|role| record_outcome(role, case)),
        // The second step of sign-in: the person has no session yet, only one waiting
        // for its code, and nobody in the matrix has one.
        ("GET" | "POST", "/sign-in/code") => NoSignInWaiting,
        // Anyone signed in may change their own password; the matrix sends a wrong
        // current password, so the form comes back with the problem and nothing changes.
        ("POST", "/account/password") => signed_in(&|_| FormProblem),
        // Anyone signed in may turn two-step sign-in on and off for themselves.
        ("POST", "/account/two-step/start") => signed_in(&|_| TwoStepStarted),
        ("POST", "/account/two-step/confirm") => signed_in(&|_| TwoStepOn),
        ("POST", "/account/two-step/off") => signed_in(&|_| TwoStepOff),
        // "Export everything held about a person for a subject access request": service
        // managers and senior leaders, for any person; but a restricted record is seen
        // only by the people named on it, so not even an export shows it.
        ("GET", "/subject-access") => signed_in(&|role| match may_export(role) {
            true => Page,
            false => Forbidden,
        }),
        ("GET", "/subject-access/pack") => signed_in(&|role| match (may_export(role), case) {
            (false, _) => Forbidden,
            (true, Case::Restricted | Case::NoSuchChild) => NotFound,
            (true, _) => Opens,
        }),
        // "Manage user accounts and roles": system administrators, and nobody else.
        ("GET", "/admin/users" | "/admin/restrictions") => signed_in(&|role| match role {
            Role::SystemAdministrator => Page,
            _ => Forbidden,
        }),
        ("POST", "/admin/users") => signed_in(&|role| match role {
            Role::SystemAdministrator => AccountCreated,
            _ => Forbidden,
        }),
        // The matrix names an account that does not exist: the administrator is told
        // so; anyone else is refused before anything is looked up.
        (
            "POST",
            "/admin/users/{username}/disable"
            | "/admin/users/{username}/enable"
            | "/admin/users/{username}/unlock",
        ) => signed_in(&|role| match role {
            Role::SystemAdministrator => NoSuchAccount,
            _ => Forbidden,
        }),
        ("POST", "/admin/restrictions") => signed_in(&|role| match (role, case) {
            (Role::SystemAdministrator, Case::NoSuchChild) => FormProblem,
            (Role::SystemAdministrator, _) => RestrictionSet,
            _ => Forbidden,
        }),
        ("GET", "/assets/{*path}") => Public,
        ("GET", "/health") => Public,
        (method, other) => {
            panic!("route {method} {other} has no entry in the authorization matrix")
        }
    }
}

/// "See lists of named children across the authority" / "aggregate figures and lists".
fn sees_authority(role: Role) -> bool {
    matches!(
        role,
        Role::ServiceManager | Role::SeniorLeader | Role::PerformanceAnalyst
    )
}

/// Whether this machine can print PDFs: Chromium is installed (as `scripts/test.sh`
/// makes sure). Under CI it must be, so a missing Chromium fails there.
fn prints_pdfs() -> bool {
    caseline_web::self_assessment::find_chromium().is_some()
        || std::env::var("CI").as_deref() == Ok("true")
}

/// "Export everything held about a person for a subject access request."
fn may_export(role: Role) -> bool {
    matches!(role, Role::ServiceManager | Role::SeniorLeader)
}

/// Whether the route is about a child (or a token) and so asked about every case.
fn takes_case(route: &RouteInfo) -> bool {
    route.path.contains("{id}")
        || matches!(
            route.path,
            "/children" | "/api/children" | "/subject-access/pack"
        )
}

/// GETs first, then the POSTs that change standing (break-glass grants, tokens), then
/// two-step sign-in on and off in turn (while it is on, signing in takes a code), then
/// signing out everywhere, which ends the person's session.
fn phase(route: &RouteInfo) -> u8 {
    match (route.method, route.path) {
        ("GET", _) => 0,
        (_, "/account/two-step/start") => 2,
        (_, "/account/two-step/confirm") => 3,
        (_, "/account/two-step/off") => 4,
        (_, "/sign-out-everywhere") => 9,
        _ => 1,
    }
}

fn everyone() -> Vec<Who> {
    std::iter::once(Who::Anonymous)
        .chain(Role::ALL.iter().map(|&r| Who::Member(r)))
        .collect()
}

/// What anonymous must get on a route of each reach.
fn anonymous_outcomes(reach: Reach) -> &'static [Expect] {
    match reach {
        Reach::Public => &[
            Expect::Public,
            Expect::SignInAccepted,
            Expect::NoSignInWaiting,
        ],
        Reach::SignedIn => &[Expect::SignInRedirect],
        Reach::ApiToken => &[Expect::Unauthorised],
    }
}

#[test]
fn every_route_has_an_entry_for_every_role_and_case() {
    let routes = caseline_web::route_table();
    let mut seen = std::collections::BTreeSet::new();
    for route in &routes {
        assert!(
            seen.insert((route.method, route.path)),
            "{} {} is in the route table twice",
            route.method,
            route.path
        );
        for who in everyone() {
            for case in CASES {
                let expect = expectation(route, who, case);
                if who == Who::Anonymous {
                    assert!(
                        anonymous_outcomes(route.reach).contains(&expect),
                        "{} {} is {:?} in the table, but the matrix expects {expect:?} for anonymous",
                        route.method,
                        route.path,
                        route.reach
                    );
                }
            }
        }
    }
}

/// One person's standing for the run.
struct Subject {
    who: Who,
    username: &'static str,
    /// Session cookie `name=value` (members only).
    cookie: Option<String>,
    /// Their API token (members only).
    api_token: Option<String>,
    /// Their API token's id.
    token_id: Option<String>,
}

/// The matrix's world on a running app.
struct World {
    app: TestApp,
    /// A token of someone else (the named person), for revoking what is not yours.
    others_token: String,
    others_token_id: String,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::start().await;
        app.load_matrix_world().await;
        for &role in Role::ALL {
            let (username, worker, team) = member(role);
            app.add_user(username, role, worker, team).await;
        }
        // Named on the restricted record: a social worker in the children in care team.
        app.add_user(NAMED, Role::SocialWorker, Some("W-2"), Some("T-CIC"))
            .await;
        let loader = caseline_store::Actor::new("test.loader");
        let restricted = caseline_domain::PersonId::parse(M_RESTRICTED).unwrap();
        app.db
            .restrict_record(
                &loader,
                &restricted,
                "A relative works in the service",
                &[NAMED],
            )
            .await
            .unwrap();
        let (auditor, _, _) = member(Role::QualityAssuranceAuditor);
        for child in [AMELIA, M_RESTRICTED] {
            app.db
                .add_to_audit_sample(
                    &loader,
                    auditor,
                    &caseline_domain::PersonId::parse(child).unwrap(),
                )
                .await
                .unwrap();
        }
        let named_cookie = app.sign_in(NAMED, PASSWORD).await.unwrap();
        let (others_token, others_token_id) = app.issue_api_token(&named_cookie, "Matrix").await;
        World {
            app,
            others_token,
            others_token_id,
        }
    }

    async fn subject(&self, who: Who) -> Subject {
        match who {
            Who::Anonymous => Subject {
                who,
                username: "",
                cookie: None,
                api_token: None,
                token_id: None,
            },
            Who::Member(role) => {
                let (username, _, _) = member(role);
                let cookie = self
                    .app
                    .sign_in(username, PASSWORD)
                    .await
                    .unwrap_or_else(|| panic!("{username} signs in"));
                let (token, id) = self.app.issue_api_token(&cookie, "Matrix").await;
                Subject {
                    who,
                    username,
                    cookie: Some(cookie),
                    api_token: Some(token),
                    token_id: Some(id),
                }
            }
        }
    }

    /// Every route, every case, for one person; the cells that disagree.
    async fn run(&self, who: Who) -> Vec<String> {
        let subject = self.subject(who).await;
        let mut routes = caseline_web::route_table();
        routes.sort_by_key(phase);
        let mut failures = Vec::new();
        for route in &routes {
            let cases: &[Case] = if takes_case(route) {
                &CASES
            } else {
                &[Case::Own]
            };
            for &case in cases {
                let expect = expectation(route, who, case);
                if let Err(why) = self.check(&subject, route, case, expect).await {
                    failures.push(format!(
                        "{who:?} {} {} [{case:?}]: expected {expect:?}: {why}",
                        route.method, route.path
                    ));
                }
            }
        }
        failures
    }

    /// The path to ask for: `{id}` is the case's child (or, for tokens, the token),
    /// `{*path}` a real asset, and the lists search for the case's child by id.
    fn path(&self, subject: &Subject, route: &RouteInfo, case: Case) -> String {
        let child = case_child(subject.who.role(), case);
        match route.path {
            "/children" | "/api/children" => format!("{}?q={child}", route.path),
            "/work/list" => "/work/list?view=mine&measure=cases".to_owned(),
            "/performance/list" => "/performance/list?indicator=HP-RE-REFERRALS".to_owned(),
            "/performance/list/download" => {
                "/performance/list/download?indicator=HP-RE-REFERRALS&format=csv".to_owned()
            }
            "/subject-access/pack" => {
                format!("/subject-access/pack?person={child}&reference=SAR-2025-0042")
            }
            "/account/api-tokens/{id}/revoke" => {
                let id = match case {
                    Case::Own => subject.token_id.clone().unwrap_or_else(|| "TOK-1".into()),
                    Case::NoSuchChild => "TOK-0".into(),
                    _ => self.others_token_id.clone(),
                };
                route.path.replace("{id}", &id)
            }
            p => p
                .replace("{id}", child)
                .replace("{*path}", "caseline.css")
                .replace("{username}", "mx.nobody")
                .replace("{area}", "help-and-protection")
                .replace("{indicator}", "HP-RE-REFERRALS"),
        }
    }

    async fn grants(&self, username: &str, child: &str) -> i64 {
        self.app
            .count(
                "SELECT COUNT(*) AS n FROM break_glass_grants WHERE username = $1 AND child_id = $2",
                &[username, child],
            )
            .await
    }

    async fn check(
        &self,
        subject: &Subject,
        route: &RouteInfo,
        case: Case,
        expect: Expect,
    ) -> Result<(), String> {
        let app = &self.app;
        let path = self.path(subject, route, case);
        let child = case_child(subject.who.role(), case);
        let cookie = subject.cookie.as_deref();
        let is_api = route.path.starts_with("/api/");
        // Ask.
        let page = match (route.method, route.path) {
            (_, "/sign-out" | "/sign-out-everywhere") if cookie.is_some() => {
                return self.check_sign_out(subject, &path, expect).await;
            }
            ("POST", "/sign-in") => return self.check_sign_in(subject, expect).await,
            ("GET", _) if is_api => app.get_api(subject.api_token.as_deref(), &path).await,
            ("GET", _) => app.get_as(cookie, &path).await,
            ("POST", _) => {
                let csrf = match cookie {
                    Some(c) => app.csrf_token_of(c).await,
                    None => String::new(),
                };
                let code = self.two_step_code(subject, route.path).await;
                let new_account = format!("mx.made.{}", format!("{case:?}").to_lowercase());
                let form: Vec<(&str, &str)> = match route.path {
                    "/account/two-step/confirm" | "/account/two-step/off" => {
                        vec![("csrf_token", csrf.as_str()), ("code", code.as_str())]
                    }
                    "/children/{id}/break-glass" => vec![
                        ("csrf_token", csrf.as_str()),
                        ("reason", "Police called out of hours about this child"),
                    ],
                    "/account/api-tokens" => {
                        vec![("csrf_token", csrf.as_str()), ("name", "Matrix check")]
                    }
                    "/account/password" => vec![
                        ("csrf_token", csrf.as_str()),
                        ("current", "not-the-password"),
                        ("new", "a-new-long-password"),
                    ],
                    "/admin/users" => vec![
                        ("csrf_token", csrf.as_str()),
                        ("username", new_account.as_str()),
                        ("display_name", "Made By Matrix"),
                        ("role", "SOCIAL_WORKER"),
                        ("password", "a-long-enough-password"),
                    ],
                    "/admin/restrictions" => vec![
                        ("csrf_token", csrf.as_str()),
                        ("child", child),
                        ("reason", "Child of a member of staff"),
                        ("named", NAMED),
                    ],
                    _ => vec![("csrf_token", csrf.as_str())],
                };
                app.post_as(cookie, &path, &form).await
            }
            (method, _) => return Err(format!("the matrix cannot send {method}")),
        };
        let status = page.status;
        let fail = |what: &str| -> Result<(), String> {
            Err(format!(
                "{what}; got {status} (location {:?}): {}",
                page.location(),
                excerpt(&page.body)
            ))
        };
        let want = |ok: bool, what: &str| if ok { Ok(()) } else { fail(what) };
        match expect {
            Expect::Public => {
                want(status == StatusCode::OK, "200")?;
                match route.path {
                    "/sign-in" => want(page.contains("name=\"csrf_token\""), "the sign-in form"),
                    "/health" => want(page.body == "ok", "ok"),
                    _ => want(!page.body.is_empty(), "the asset"),
                }
            }
            Expect::Page => {
                want(status == StatusCode::OK, "200")?;
                match route.path {
                    "/account" => {
                        let role = subject.who.role().unwrap();
                        want(
                            page.contains(&html_escaped(role.label())),
                            "the role's name",
                        )?;
                        for duty in role.duties() {
                            want(page.contains(&html_escaped(duty)), "the role's duties")?;
                        }
                        Ok(())
                    }
                    "/alerts" => want(page.contains("Break-glass alerts</h1>"), "the alerts"),
                    "/subject-access" => want(
                        page.contains("action=\"/subject-access/pack\""),
                        "the subject access form",
                    ),
                    "/admin/users" => want(page.contains("Create an account"), "the accounts page"),
                    "/admin/restrictions" => want(
                        page.contains("action=\"/admin/restrictions\""),
                        "the restriction form",
                    ),
                    "/work" => want(page.contains(">My work</h1>"), "my work"),
                    "/work/team" => want(
                        page.contains("Caseload per worker")
                            && page.contains("Waiting for a named worker"),
                        "the team view",
                    ),
                    "/work/service" => want(page.contains("By team</caption>"), "the service view"),
                    "/work/list" | "/performance/list" => want(
                        page.contains("id=\"list-total\""),
                        "the list behind a number",
                    ),
                    "/performance/list/download" => want(
                        page.contains("Child or worker,ID,Date,Team,Detail"),
                        "the list as CSV",
                    ),
                    "/performance" => want(page.contains(">Performance</h1>"), "the overview"),
                    "/performance/{area}" => {
                        want(page.contains(">Help and protection</h1>"), "an area")
                    }
                    "/performance/indicator/{indicator}" => want(
                        page.contains(">Re-referrals within 12 months</h1>"),
                        "an indicator",
                    ),
                    "/performance/self-assessment" => want(
                        page.contains(">Self-assessment draft for "),
                        "the self-assessment pack",
                    ),
                    "/performance/self-assessment.html" => want(
                        page.header("content-disposition").starts_with("attachment")
                            && page.contains("Summary by judgement area"),
                        "the printable pack, to save",
                    ),
                    "/performance/self-assessment.pdf" => want(
                        page.header("content-type") == "application/pdf"
                            && page.body.starts_with("%PDF-"),
                        "the PDF",
                    ),
                    other => fail(&format!("no page check for {other}")),
                }
            }
            Expect::RedirectTo(to) => want(
                status == StatusCode::SEE_OTHER && page.location() == to,
                &format!("303 to {to}"),
            ),
            Expect::SignInRedirect => {
                want(
                    status == StatusCode::SEE_OTHER
                        && page.location().starts_with("/sign-in?next="),
                    "303 to sign in",
                )?;
                if route.path == "/children/{id}/break-glass" {
                    want(self.grants(subject.username, child).await == 0, "no grant")?;
                }
                Ok(())
            }
            Expect::Unauthorised => want(
                status == StatusCode::UNAUTHORIZED && page.json()["error"] == "unauthorised",
                "401 unauthorised",
            ),
            Expect::Listed | Expect::NotListed => {
                want(status == StatusCode::OK, "200")?;
                let found = if is_api {
                    let json = page.json();
                    let ids: Vec<&str> = json["children"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter_map(|c| c["id"].as_str())
                        .collect();
                    match ids.as_slice() {
                        [] => false,
                        [id] if *id == child => true,
                        _ => return fail(&format!("only {child}, not {ids:?}")),
                    }
                } else {
                    let href = format!("href=\"/children/{child}\"");
                    if page.contains(&href) {
                        want(page.contains("Showing 1 to 1 of 1 child"), "just the child")?;
                        true
                    } else {
                        want(page.contains("No children match"), "no match")?;
                        false
                    }
                };
                want(
                    found == (expect == Expect::Listed),
                    if found { "not listed" } else { "listed" },
                )
            }
            Expect::Opens => {
                want(status == StatusCode::OK, "200")?;
                match route.path {
                    "/children/{id}" => want(
                        page.contains(&format!(
                            "<h1 class=\"govuk-heading-l\">{}</h1>",
                            child_name(child)
                        )),
                        "the record",
                    ),
                    "/children/{id}/access-log" => want(
                        page.contains("Who has viewed this record")
                            && page.contains(&format!("Child {child}")),
                        "the access log",
                    ),
                    "/subject-access/pack" => want(
                        page.contains(&format!(
                            "<h1 class=\"govuk-heading-l\">{} ({child})</h1>",
                            child_name(child)
                        )),
                        "the subject access pack",
                    ),
                    _ => want(page.json()["id"] == child, "the child as JSON"),
                }
            }
            Expect::BreakGlassOffered => {
                want(status == StatusCode::FORBIDDEN, "403")?;
                want(
                    !page.contains(child_name(child)),
                    "no name before break-glass",
                )?;
                if is_api {
                    want(page.json()["error"] == "out_of_scope", "out_of_scope")
                } else {
                    want(
                        page.contains(&format!("action=\"/children/{child}/break-glass\"")),
                        "the break-glass form",
                    )
                }
            }
            Expect::NotFound if route.path == "/subject-access/pack" => {
                // Exactly as for a person who does not exist.
                let none = app
                    .get_as(
                        cookie,
                        "/subject-access/pack?person=C-9999&reference=SAR-2025-0042",
                    )
                    .await;
                want(
                    none.status == StatusCode::BAD_REQUEST && none.contains("nobody with that ID"),
                    "(the test's own check) no such person is a 400",
                )?;
                if child != "C-9999" {
                    want(!page.contains(child_name(child)), "no name")?;
                }
                want(
                    status == none.status && page.body == none.body,
                    "the same page as for nobody with that ID",
                )
            }
            Expect::NotFound => {
                want(status == StatusCode::NOT_FOUND, "404")?;
                if route.path.starts_with("/account/api-tokens/") {
                    // Someone else's token: still theirs, still working.
                    let other = app.get_api(Some(&self.others_token), "/api/children").await;
                    return want(
                        other.status != StatusCode::UNAUTHORIZED,
                        "their token still works",
                    );
                }
                if child != "C-9999" {
                    want(!page.contains(child_name(child)), "no name")?;
                }
                if is_api {
                    return want(page.json()["error"] == "not_found", "not_found");
                }
                // Exactly the page for a child who does not exist.
                let none = app.get_as(cookie, "/children/C-9999").await;
                want(page.body == none.body, "the same page as for no such child")?;
                if route.path == "/children/{id}/break-glass" {
                    want(self.grants(subject.username, child).await == 0, "no grant")?;
                }
                Ok(())
            }
            Expect::Forbidden => {
                if is_api {
                    return want(
                        status == StatusCode::FORBIDDEN && page.json()["error"] == "forbidden",
                        "403 forbidden",
                    );
                }
                want(
                    status == StatusCode::FORBIDDEN
                        && page.contains("You cannot do that")
                        && !page.contains("break-glass\""),
                    "403 you cannot do that",
                )
            }
            Expect::Granted => {
                want(
                    status == StatusCode::SEE_OTHER
                        && page.location() == format!("/children/{child}"),
                    "303 back to the record",
                )?;
                want(self.grants(subject.username, child).await == 1, "one grant")?;
                let record = app.get_as(cookie, &format!("/children/{child}")).await;
                want(
                    record.status == StatusCode::OK && record.contains(child_name(child)),
                    "the record opens after break-glass",
                )
            }
            Expect::AlreadyOpen => {
                want(
                    status == StatusCode::SEE_OTHER
                        && page.location() == format!("/children/{child}"),
                    "303 back to the record",
                )?;
                want(self.grants(subject.username, child).await == 0, "no grant")
            }
            Expect::TokenIssued => {
                want(status == StatusCode::OK, "200")?;
                let token = page
                    .shown_once()
                    .ok_or_else(|| "no token shown".to_owned())?;
                let used = app.get_api(Some(&token), "/api/children").await;
                want(
                    used.status != StatusCode::UNAUTHORIZED,
                    "the new token works",
                )
            }
            Expect::TokenRevoked => {
                want(
                    status == StatusCode::SEE_OTHER && page.location() == "/account",
                    "303 to the account",
                )?;
                let used = app
                    .get_api(subject.api_token.as_deref(), "/api/children")
                    .await;
                want(
                    used.status == StatusCode::UNAUTHORIZED,
                    "the token no longer works",
                )
            }
            Expect::NoSignInWaiting => {
                want(
                    set_cookie_value(&page.headers, "__Host-caseline-session").is_none(),
                    "no session",
                )?;
                if route.method == "GET" {
                    want(
                        status == StatusCode::SEE_OTHER && page.location() == "/sign-in",
                        "303 to /sign-in",
                    )
                } else {
                    want(
                        status == StatusCode::FORBIDDEN
                            && page.contains("did not come from this page"),
                        "403 as forged",
                    )
                }
            }
            Expect::TwoStepStarted => {
                want(status == StatusCode::OK, "200")?;
                want(page.contains("otpauth://totp/"), "a secret for the app")?;
                want(
                    self.credentials(subject)
                        .await
                        .totp_pending_secret
                        .is_some(),
                    "a secret awaiting a code",
                )
            }
            Expect::AccountCreated => {
                want(
                    status == StatusCode::OK && page.contains("created."),
                    "200 created",
                )?;
                let made = format!("mx.made.{}", format!("{case:?}").to_lowercase());
                want(
                    app.db.credentials(&made).await.unwrap().is_some(),
                    "the account exists",
                )
            }
            Expect::NoSuchAccount => want(status == StatusCode::NOT_FOUND, "404"),
            Expect::RestrictionSet => {
                want(
                    status == StatusCode::OK && page.contains("is now restricted"),
                    "200 restricted",
                )?;
                let n = app
                    .count(
                        "SELECT COUNT(*) AS n FROM restricted_record_people WHERE child_id = $1 AND username = $2",
                        &[child, NAMED],
                    )
                    .await;
                want(n == 1, "the named person is on the restriction")
            }
            Expect::FormProblem => want(
                status == StatusCode::BAD_REQUEST
                    && (page.contains("There is a problem") || page.contains("is not right")),
                "400 with the problem",
            ),
            Expect::NotAvailableHere => want(
                status == StatusCode::SERVICE_UNAVAILABLE && page.contains("Chromium"),
                "503 saying what is missing",
            ),
            Expect::TwoStepOn | Expect::TwoStepOff => {
                want(
                    status == StatusCode::SEE_OTHER && page.location() == "/account",
                    "303 to the account",
                )?;
                let on = self.credentials(subject).await.totp_secret.is_some();
                want(
                    on == (expect == Expect::TwoStepOn),
                    if on {
                        "two-step sign-in on"
                    } else {
                        "two-step sign-in off"
                    },
                )
            }
            Expect::SignInAccepted | Expect::SignedOut | Expect::SignedOutEverywhere => {
                fail("checked elsewhere")
            }
        }
    }

    async fn credentials(&self, subject: &Subject) -> caseline_store::Credentials {
        self.app
            .db
            .credentials(subject.username)
            .await
            .unwrap()
            .unwrap()
    }

    /// The code to send to turn two-step sign-in on (from the secret being set up) or
    /// off (the next time step after the last one used).
    async fn two_step_code(&self, subject: &Subject, path: &str) -> String {
        if subject.username.is_empty() {
            return "123456".into();
        }
        let c = self.credentials(subject).await;
        let now = jiff::Timestamp::now().as_second() / 30;
        match path {
            "/account/two-step/confirm" => c
                .totp_pending_secret
                .map_or_else(|| "123456".into(), |s| super::totp_code(&s, now)),
            "/account/two-step/off" => c.totp_secret.map_or_else(
                || "123456".into(),
                |s| super::totp_code(&s, c.totp_last_step.map_or(now, |last| last + 1)),
            ),
            _ => String::new(),
        }
    }

    /// `POST /sign-in` through the real form.
    async fn check_sign_in(&self, subject: &Subject, expect: Expect) -> Result<(), String> {
        if expect != Expect::SignInAccepted {
            return Err(format!("no sign-in check for {expect:?}"));
        }
        let app = &self.app;
        match subject.who {
            Who::Anonymous => {
                let page = app.submit_sign_in("mx.nobody", PASSWORD, None).await;
                if page.status == StatusCode::UNAUTHORIZED && page.contains("is not right") {
                    Ok(())
                } else {
                    Err(format!("401 for an unknown name; got {}", page.status))
                }
            }
            Who::Member(_) => {
                let page = app.submit_sign_in(subject.username, PASSWORD, None).await;
                let new = set_cookie_value(&page.headers, "__Host-caseline-session")
                    .filter(|c| !c.ends_with('='));
                match new {
                    Some(new)
                        if page.status == StatusCode::SEE_OTHER
                            && page.location() == "/children"
                            && Some(&new) != subject.cookie.as_ref() =>
                    {
                        let account = app.get_as(Some(&new), "/account").await;
                        if account.status == StatusCode::OK && account.contains(subject.username) {
                            Ok(())
                        } else {
                            Err("the new session does not work".into())
                        }
                    }
                    _ => Err(format!(
                        "303 to /children with a new session; got {} to {:?}",
                        page.status,
                        page.location()
                    )),
                }
            }
        }
    }

    /// Signing out, on a throwaway session of the member.
    async fn check_sign_out(
        &self,
        subject: &Subject,
        path: &str,
        expect: Expect,
    ) -> Result<(), String> {
        let app = &self.app;
        let throwaway = app
            .sign_in(subject.username, PASSWORD)
            .await
            .ok_or("the throwaway session")?;
        let csrf = app.csrf_token_of(&throwaway).await;
        let page = app
            .post_as(Some(&throwaway), path, &[("csrf_token", csrf.as_str())])
            .await;
        let cleared = set_cookie_value(&page.headers, "__Host-caseline-session")
            .is_some_and(|c| c.ends_with('='));
        if page.status != StatusCode::SEE_OTHER || page.location() != "/sign-in" || !cleared {
            return Err(format!(
                "303 to /sign-in clearing the cookie; got {} to {:?}",
                page.status,
                page.location()
            ));
        }
        let alive = |p: Page| p.status == StatusCode::OK;
        if alive(app.get_as(Some(&throwaway), "/account").await) {
            return Err("the signed-out session still works".into());
        }
        let main_alive = alive(app.get_as(subject.cookie.as_deref(), "/account").await);
        match (expect, main_alive) {
            (Expect::SignedOut, true) | (Expect::SignedOutEverywhere, false) => Ok(()),
            (Expect::SignedOut, false) => Err("signing out one session ended another".into()),
            (Expect::SignedOutEverywhere, true) => Err("another session survived".into()),
            _ => Err(format!("no sign-out check for {expect:?}")),
        }
    }
}

fn excerpt(body: &str) -> String {
    let text = body
        .find("<main")
        .map_or(body, |i| &body[i..])
        .chars()
        .take(300)
        .collect::<String>();
    text.replace('\n', " ")
}

struct Failures(Vec<String>);

impl fmt::Display for Failures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} cells of the authorization matrix disagree:",
            self.0.len()
        )?;
        for failure in &self.0 {
            writeln!(f, "  {failure}")?;
        }
        Ok(())
    }
}

async fn run_row(who: Who) {
    let world = World::new().await;
    let failures = world.run(who).await;
    assert!(failures.is_empty(), "{}", Failures(failures));
}

/// One test per row of the matrix, so a wrong cell names its row.
macro_rules! rows {
    ($($name:ident => $who:expr,)+) => {
        $(
            #[tokio::test]
            async fn $name() {
                run_row($who).await;
            }
        )+

        /// The rows above are every role, and anonymous.
        const ROWS: &[Who] = &[$($who),+];
    };
}

rows! {
    matrix_anonymous => Who::Anonymous,
    matrix_social_worker => Who::Member(Role::SocialWorker),
    matrix_personal_adviser => Who::Member(Role::PersonalAdviser),
    matrix_front_door => Who::Member(Role::FrontDoor),
    matrix_team_manager => Who::Member(Role::TeamManager),
    matrix_iro => Who::Member(Role::IndependentReviewingOfficer),
    matrix_service_manager => Who::Member(Role::ServiceManager),
    matrix_qa_auditor => Who::Member(Role::QualityAssuranceAuditor),
    matrix_performance_analyst => Who::Member(Role::PerformanceAnalyst),
    matrix_senior_leader => Who::Member(Role::SeniorLeader),
    matrix_system_administrator => Who::Member(Role::SystemAdministrator),
}

#[test]
fn the_matrix_has_a_row_for_every_role() {
    let mut rows = ROWS.to_vec();
    rows.dedup();
    assert_eq!(rows.len(), ROWS.len(), "a row is there twice");
    for who in everyone() {
        assert!(ROWS.contains(&who), "no matrix row for {who:?}");
    }
}

#[tokio::test]
async fn restricted_record_opens_only_for_the_person_named_on_it() {
    let world = World::new().await;
    let app = &world.app;
    let named = app.sign_in(NAMED, PASSWORD).await.unwrap();
    let page = app
        .get_as(Some(&named), &format!("/children/{M_RESTRICTED}"))
        .await;
    page.assert_ok();
    assert!(page.contains(child_name(M_RESTRICTED)));
    let list = app
        .get_as(Some(&named), &format!("/children?q={M_RESTRICTED}"))
        .await;
    assert!(list.contains(&format!("href=\"/children/{M_RESTRICTED}\"")));
    // Their own caseload is not widened by being named.
    let other = app
        .get_as(Some(&named), &format!("/children/{AMELIA}"))
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_team_manager_reaches_the_teams_under_theirs_and_their_workers_do_not() {
    let world = World::new().await;
    let app = &world.app;
    let (manager, _, _) = member(Role::TeamManager);
    let (worker, _, _) = member(Role::SocialWorker);
    let manager = app.sign_in(manager, PASSWORD).await.unwrap();
    let worker = app.sign_in(worker, PASSWORD).await.unwrap();
    let path = format!("/children/{M_POD}");
    let page = app.get_as(Some(&manager), &path).await;
    page.assert_ok();
    assert!(page.contains(child_name(M_POD)));
    let page = app.get_as(Some(&worker), &path).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.contains(&format!("action=\"/children/{M_POD}/break-glass\"")));
}
