//! A small synthetic authority built by hand, with facts the tests can check
//! independently of the code under test (names, ids, dates).
//!
//! TODO: switch to `caseline_synth` once its generator API lands; keep these hand-made
//! children too, since the tests rely on their exact details.

use caseline_domain::assessment::Assessment;
use caseline_domain::child_protection::ChildInNeedPlan;
use caseline_domain::codes::*;
use caseline_domain::front_door::Contact;
use caseline_domain::looked_after::{CareEpisode, PeriodOfCare};
use caseline_domain::person::{FamilyLink, Person};
use caseline_domain::plan_action::PlanAction;
use caseline_domain::referral::Referral;
use caseline_domain::values::Postcode;
use caseline_domain::workforce::{Allocation, Team, Worker};
use caseline_domain::{ChildRecord, PersonId, RecordId, TeamId, WorkerId};
use jiff::civil::{Date, date};

/// The date the server treats as today.
pub const TODAY: Date = date(2025, 3, 20);

/// Amelia Thornbury: open referral, authorised assessment, CIN plan with actions
/// (one overdue); two contacts, the earlier one stored second.
pub const AMELIA: &str = "C-0001";
/// Ben Thornbury, Amelia's brother: open referral held on duty (no named worker).
pub const BEN: &str = "C-0002";
/// Chloe Okafor: looked after since 1 June 2024; one change of social worker.
pub const CHLOE: &str = "C-0003";
/// Daniel Price: referral closed.
pub const DANIEL: &str = "C-0004";
/// How many unremarkable extra children pad the list past one page.
pub const PADDING: usize = 60;

fn pid(s: &str) -> PersonId {
    PersonId::parse(s).unwrap()
}
fn rid(s: &str) -> RecordId {
    RecordId::parse(s).unwrap()
}
fn tid(s: &str) -> TeamId {
    TeamId::parse(s).unwrap()
}
fn wid(s: &str) -> WorkerId {
    WorkerId::parse(s).unwrap()
}
fn at(d: Date, hour: i8) -> jiff::Timestamp {
    d.at(hour, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
}

/// The service every team sits under, so a service manager of it sees them all.
pub const SERVICE: &str = "T-CSC";

pub fn teams() -> Vec<Team> {
    let team = |id: &str, name: &str, service_area| Team {
        id: tid(id),
        name: name.into(),
        service_area,
        parent_id: Some(tid(SERVICE)),
    };
    vec![
        Team {
            id: tid(SERVICE),
            name: "Children's Social Care".into(),
            service_area: ServiceArea::ChildInNeedAndProtection,
            parent_id: None,
        },
        team("T-FD", "Front Door", ServiceArea::FrontDoor),
        team("T-AST", "Assessment Team North", ServiceArea::Assessment),
        team(
            "T-CIC",
            "Children in Care Team",
            ServiceArea::ChildrenInCare,
        ),
    ]
}

pub fn workers() -> Vec<Worker> {
    let worker = |id: &str, forename: &str, surname: &str, team: &str| Worker {
        id: wid(id),
        forename: forename.into(),
        surname: surname.into(),
        role: JobRole::SocialWorker,
        team_id: tid(team),
        registration: None,
        agency: false,
        fte_hundredths: 100,
        start_date: date(2020, 1, 6),
        end_date: None,
    };
    vec![
        worker("W-1", "Priya", "Shah", "T-AST"),
        worker("W-2", "Tom", "Hughes", "T-CIC"),
        worker("W-3", "Jo", "Bell", "T-AST"),
    ]
}

fn person(id: &str, kind: PersonKind, forename: &str, surname: &str, dob: Option<Date>) -> Person {
    Person {
        id: pid(id),
        kind,
        forename: forename.into(),
        surname: surname.into(),
        sex: Sex::Female,
        ethnicity: Ethnicity::WhiteBritish,
        date_of_birth: dob,
        expected_date_of_birth: None,
        date_of_death: None,
        upn: None,
        upn_unknown_reason: None,
        nhs_number: None,
        disabilities: Vec::new(),
        uasc: false,
        postcode: Some(Postcode::parse("LS1 4AP", "person", id, "postcode").unwrap()),
    }
}

fn allocation(
    id: &str,
    child: &str,
    worker: Option<&str>,
    team: &str,
    start: Date,
    end: Option<Date>,
) -> Allocation {
    Allocation {
        id: rid(id),
        child_id: pid(child),
        worker_id: worker.map(wid),
        team_id: tid(team),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: start,
        end_date: end,
        change_reason: end.map(|_| WorkerChangeReason::StandardTransfer),
    }
}

fn contact(id: &str, child: &str, on: Date, outcome: ContactOutcome) -> Contact {
    Contact {
        id: rid(id),
        child_id: pid(child),
        received_at: at(on, 10),
        source: ReferralSource::Schools,
        outcome: Some(outcome),
        decided_at: Some(at(on, 15)),
        rag: Some(Rag::Amber),
        summary: "Concerns raised by school".into(),
    }
}

fn referral(id: &str, child: &str, on: Date, team: &str, worker: Option<&str>) -> Referral {
    Referral {
        id: rid(id),
        child_id: pid(child),
        contact_id: None,
        referral_date: on,
        source: ReferralSource::Schools,
        primary_need: PrimaryNeed::AbuseOrNeglect,
        no_further_action: false,
        closure_date: None,
        closure_reason: None,
        team_id: Some(tid(team)),
        worker_id: worker.map(wid),
    }
}

fn action(
    id: &str,
    child: &str,
    plan: &str,
    what: &str,
    due: Date,
    status: ActionStatus,
) -> PlanAction {
    PlanAction {
        id: rid(id),
        child_id: pid(child),
        plan_kind: PlanKind::ChildInNeed,
        plan_id: rid(plan),
        who: "Priya Shah (social worker)".into(),
        what: what.into(),
        due_date: due,
        status,
        completed_date: (status == ActionStatus::Done).then_some(date(2025, 1, 10)),
        agreed_date: date(2024, 12, 16),
    }
}

fn amelia() -> ChildRecord {
    let mut r = ChildRecord::new(person(
        AMELIA,
        PersonKind::Child,
        "Amelia",
        "Thornbury",
        Some(date(2015, 3, 3)),
    ));
    r.relatives.push(person(
        "A-0001",
        PersonKind::Adult,
        "Sarah",
        "Thornbury",
        Some(date(1988, 8, 14)),
    ));
    r.family_links.push(FamilyLink {
        id: rid("FL-0001"),
        child_id: pid(AMELIA),
        relative_id: pid("A-0001"),
        relationship: Relationship::Mother,
        parental_responsibility: true,
    });
    // Stored (and so loaded) later-first: the chronology must sort them.
    r.contacts.push(contact(
        "K-0001",
        AMELIA,
        date(2024, 11, 4),
        ContactOutcome::NewReferral,
    ));
    r.contacts.push(contact(
        "K-0002",
        AMELIA,
        date(2023, 6, 1),
        ContactOutcome::NoFurtherAction,
    ));
    let mut referral = referral("R-0001", AMELIA, date(2024, 11, 5), "T-AST", Some("W-1"));
    referral.contact_id = Some(rid("K-0001"));
    r.referrals.push(referral);
    r.assessments.push(Assessment {
        id: rid("AS-0001"),
        child_id: pid(AMELIA),
        referral_id: rid("R-0001"),
        start_date: date(2024, 11, 6),
        child_seen_date: Some(date(2024, 11, 8)),
        authorised_date: Some(date(2024, 12, 10)),
        factors: vec![AssessmentFactor::ALL[0]],
        outcome: Some(AssessmentOutcome::ChildInNeedPlan),
        team_id: Some(tid("T-AST")),
        worker_id: Some(wid("W-1")),
    });
    r.cin_plans.push(ChildInNeedPlan {
        id: rid("CIN-0001"),
        child_id: pid(AMELIA),
        referral_id: rid("R-0001"),
        start_date: date(2024, 12, 16),
        end_date: None,
    });
    r.plan_actions.push(action(
        "PA-0001",
        AMELIA,
        "CIN-0001",
        "Refer Amelia to the school nurse",
        date(2025, 1, 31),
        ActionStatus::Open,
    ));
    r.plan_actions.push(action(
        "PA-0002",
        AMELIA,
        "CIN-0001",
        "Arrange a family group conference",
        date(2025, 4, 30),
        ActionStatus::Open,
    ));
    r.plan_actions.push(action(
        "PA-0003",
        AMELIA,
        "CIN-0001",
        "Share the plan with the family",
        date(2025, 1, 10),
        ActionStatus::Done,
    ));
    r.allocations.push(allocation(
        "AL-0001",
        AMELIA,
        Some("W-1"),
        "T-AST",
        date(2024, 11, 5),
        None,
    ));
    r
}

fn ben() -> ChildRecord {
    let mut r = ChildRecord::new(person(
        BEN,
        PersonKind::Child,
        "Ben",
        "Thornbury",
        Some(date(2018, 7, 21)),
    ));
    r.referrals
        .push(referral("R-0002", BEN, date(2025, 3, 10), "T-FD", None));
    r.allocations.push(allocation(
        "AL-0002",
        BEN,
        None,
        "T-FD",
        date(2025, 3, 10),
        None,
    ));
    r
}

fn chloe() -> ChildRecord {
    let mut r = ChildRecord::new(person(
        CHLOE,
        PersonKind::Child,
        "Chloe",
        "Okafor",
        Some(date(2010, 5, 12)),
    ));
    r.contacts.push(contact(
        "K-0003",
        CHLOE,
        date(2024, 4, 2),
        ContactOutcome::NewReferral,
    ));
    r.referrals.push(referral(
        "R-0003",
        CHLOE,
        date(2024, 4, 3),
        "T-AST",
        Some("W-3"),
    ));
    r.periods_of_care.push(PeriodOfCare {
        id: rid("POC-0001"),
        child_id: pid(CHLOE),
        referral_id: Some(rid("R-0003")),
        start_date: date(2024, 6, 1),
        end_date: None,
    });
    r.care_episodes.push(CareEpisode {
        id: rid("EP-0001"),
        child_id: pid(CHLOE),
        period_id: rid("POC-0001"),
        start_date: date(2024, 6, 1),
        reason_new_episode: ReasonNewEpisode::StartedToBeLookedAfter,
        legal_status: LegalStatus::InterimCareOrder,
        category_of_need: PrimaryNeed::AbuseOrNeglect,
        placement_type: PlacementType::FosterOtherNotLongTermOrFfa,
        provider: None,
        placement_postcode: None,
        home_postcode: None,
        ofsted_urn: None,
        in_area: true,
        end_date: None,
        reason_ceased: None,
        reason_place_change: None,
    });
    r.allocations.push(allocation(
        "AL-0003",
        CHLOE,
        Some("W-3"),
        "T-AST",
        date(2024, 4, 3),
        Some(date(2024, 6, 30)),
    ));
    r.allocations.push(allocation(
        "AL-0004",
        CHLOE,
        Some("W-2"),
        "T-CIC",
        date(2024, 7, 1),
        None,
    ));
    r
}

fn daniel() -> ChildRecord {
    let mut r = ChildRecord::new(person(
        DANIEL,
        PersonKind::Child,
        "Daniel",
        "Price",
        Some(date(2012, 1, 9)),
    ));
    let mut referral = referral("R-0004", DANIEL, date(2023, 9, 1), "T-AST", Some("W-1"));
    referral.closure_date = Some(date(2023, 10, 20));
    referral.closure_reason = Some(ReasonForClosure::ClosedAfterAssessmentNoFurtherAction);
    r.referrals.push(referral);
    r
}

fn padding(n: usize) -> ChildRecord {
    let id = format!("P-{n:04}");
    ChildRecord::new(person(
        &id,
        PersonKind::Child,
        &format!("Pad{n}"),
        "Whitfield",
        Some(date(2016, 1, 1)),
    ))
}

/// Every child of the test authority.
pub fn children() -> Vec<ChildRecord> {
    let mut all = vec![amelia(), ben(), chloe(), daniel()];
    all.extend((1..=PADDING).map(padding));
    all
}
