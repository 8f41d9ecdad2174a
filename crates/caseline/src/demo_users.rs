//! The demo's accounts: one per role, each tied to a worker and team from the
//! synthetic authority so scope can be seen working. The password is printed: the
//! data is synthetic and the server listens only on loopback.

use caseline_domain::codes::{JobRole, Role, ServiceArea};
use caseline_domain::workforce::{Team, Worker};
use caseline_domain::{TeamId, WorkerId};
use caseline_store::{Actor, Db, NewUser};

/// The worker a demo account is, and its team.
type Placement = (Option<WorkerId>, Option<TeamId>);

/// The demo accounts' shared password.
pub const DEMO_PASSWORD: &str = "caseline-demo";

/// One demo account, for printing.
pub struct DemoAccount {
    /// Sign-in name.
    pub username: String,
    /// Role.
    pub role: Role,
}

fn in_post<'a>(workers: &'a [Worker], role: JobRole, team: Option<&TeamId>) -> Option<&'a Worker> {
    workers
        .iter()
        .filter(|w| w.end_date.is_none() && w.role == role)
        .find(|w| team.is_none_or(|t| &w.team_id == t))
}

fn team_of(teams: &[Team], area: ServiceArea) -> Option<&Team> {
    teams.iter().find(|t| t.service_area == area)
}

/// Creates the demo accounts if there are none yet; returns them either way.
pub async fn ensure(db: &Db) -> anyhow::Result<Vec<DemoAccount>> {
    let teams = db.teams().await?;
    let workers = db.workers().await?;
    let caseloads = db.open_caseloads().await?;
    // The busiest social worker in post, so "my children" is not empty.
    let social_worker = caseloads
        .iter()
        .filter_map(|(id, _)| workers.iter().find(|w| &w.id == id && w.end_date.is_none()))
        .find(|w| matches!(w.role, JobRole::SocialWorker | JobRole::SeniorPractitioner));
    let sw_team = social_worker.map(|w| w.team_id.clone());
    let pa = caseloads
        .iter()
        .filter_map(|(id, _)| workers.iter().find(|w| &w.id == id && w.end_date.is_none()))
        .find(|w| w.role == JobRole::PersonalAdviser);
    let front_door = team_of(&teams, ServiceArea::FrontDoor);
    let iro_team = team_of(&teams, ServiceArea::Reviewing);
    let manager = sw_team
        .as_ref()
        .and_then(|t| in_post(&workers, JobRole::TeamManager, Some(t)));
    let person = |w: Option<&Worker>| (w.map(|w| w.id.clone()), w.map(|w| w.team_id.clone()));

    let plan: Vec<(&str, &str, Role, Placement)> = vec![
        (
            "sw.demo",
            "Sam Worker (demo)",
            Role::SocialWorker,
            person(social_worker),
        ),
        (
            "pa.demo",
            "Pat Adviser (demo)",
            Role::PersonalAdviser,
            person(pa),
        ),
        (
            "mash.demo",
            "Morgan Door (demo)",
            Role::FrontDoor,
            (None, front_door.map(|t| t.id.clone())),
        ),
        (
            "tm.demo",
            "Taylor Manager (demo)",
            Role::TeamManager,
            (manager.map(|w| w.id.clone()), sw_team.clone()),
        ),
        (
            "iro.demo",
            "Indira Reviewer (demo)",
            Role::IndependentReviewingOfficer,
            person(iro_team.and_then(|t| {
                in_post(&workers, JobRole::IndependentReviewingOfficer, Some(&t.id))
            })),
        ),
        (
            "sm.demo",
            "Sasha Service (demo)",
            Role::ServiceManager,
            (None, sw_team.clone()),
        ),
        (
            "qa.demo",
            "Quinn Auditor (demo)",
            Role::QualityAssuranceAuditor,
            (None, None),
        ),
        (
            "analyst.demo",
            "Alex Analyst (demo)",
            Role::PerformanceAnalyst,
            (None, None),
        ),
        (
            "leader.demo",
            "Lee Leader (demo)",
            Role::SeniorLeader,
            (None, None),
        ),
        (
            "admin.demo",
            "Ari Admin (demo)",
            Role::SystemAdministrator,
            (None, None),
        ),
    ];
    if db.count_users().await? == 0 {
        let actor = Actor::new("demo setup");
        let hash = {
            let pw = DEMO_PASSWORD.to_owned();
            tokio::task::spawn_blocking(move || caseline_web::hash_password(&pw))
                .await?
                .map_err(anyhow::Error::msg)?
        };
        for (username, name, role, (worker_id, team_id)) in &plan {
            db.create_user(
                &actor,
                &NewUser {
                    username: (*username).to_owned(),
                    display_name: (*name).to_owned(),
                    role: *role,
                    worker_id: worker_id.clone(),
                    team_id: team_id.clone(),
                    password_hash: hash.clone(),
                },
            )
            .await?;
        }
        // The auditor's sample: the first twenty children on the list.
        let sample = db.child_ids(25).await?;
        for child in sample.iter().take(20) {
            db.add_to_audit_sample(&actor, "qa.demo", child).await?;
        }
        // One restricted record, to show that only the people named can see it.
        if let Some(child) = sample.get(22) {
            db.restrict_record(
                &actor,
                child,
                "Demo: child of a member of staff",
                &["tm.demo", "leader.demo"],
            )
            .await?;
        }
    }
    Ok(plan
        .into_iter()
        .map(|(username, _, role, _)| DemoAccount {
            username: username.to_owned(),
            role,
        })
        .collect())
}
