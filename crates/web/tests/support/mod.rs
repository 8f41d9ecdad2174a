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

// ---------------------------------------------------------------------------------
// The authorization matrix's world: more teams, workers and children, loaded on top
// of the authority above only by the matrix and attack tests (the list tests count
// the children of `children()`, so these are kept apart).

/// Leaving Care Team: personal advisers.
pub const LEAVING_CARE: &str = "T-LC";
/// Independent Reviewing Service: IROs.
pub const IRO_SERVICE: &str = "T-IRO";
/// A team under Assessment Team North ("the teams under it" for its manager).
pub const AST_POD: &str = "T-AST-POD";
/// Youth Justice Service: outside children's social care (no parent), so its
/// children are outside even the service manager's teams.
pub const YOUTH_JUSTICE: &str = "T-YJ";

/// Front door worker, in T-FD.
pub const W_FRONT_DOOR: &str = "W-FD1";
/// Personal advisers, in T-LC.
pub const W_PA: &str = "W-PA1";
pub const W_PA_COLLEAGUE: &str = "W-PA2";
/// IROs, in T-IRO.
pub const W_IRO: &str = "W-IRO1";
pub const W_IRO_COLLEAGUE: &str = "W-IRO2";
/// A team manager with their own small caseload, in T-AST.
pub const W_TEAM_MANAGER: &str = "W-TM1";
/// A social worker in the pod under T-AST.
pub const W_POD: &str = "W-POD1";
/// A youth justice worker, in T-YJ.
pub const W_YOUTH_JUSTICE: &str = "W-YJ1";

/// Allocated to Jo Bell (W-3, T-AST): Priya Shah's team's child.
pub const M_AST_TEAM: &str = "M-AST-TEAM";
/// Allocated to the team manager's own worker record (W-TM1, T-AST).
pub const M_TM_OWN: &str = "M-TM-OWN";
/// Allocated to a worker in the pod under T-AST.
pub const M_POD: &str = "M-POD";
/// Personal adviser W-PA1 (T-LC).
pub const M_PA_OWN: &str = "M-PA-OWN";
/// Personal adviser W-PA2 (T-LC).
pub const M_PA_TEAM: &str = "M-PA-TEAM";
/// Social worker Tom Hughes (T-CIC), IRO W-IRO1.
pub const M_IRO_OWN: &str = "M-IRO-OWN";
/// Social worker Tom Hughes (T-CIC), IRO W-IRO2.
pub const M_IRO_TEAM: &str = "M-IRO-TEAM";
/// Allocated to the front door worker W-FD1.
pub const M_FD_OWN: &str = "M-FD-OWN";
/// Not allocated; a contact awaiting a decision puts them in front-door work.
pub const M_FD_WORK: &str = "M-FD-WORK";
/// Allocated in the Youth Justice Service, outside children's social care.
pub const M_OUTSIDE: &str = "M-OUTSIDE";
/// Within everyone's natural scope (Priya Shah's own child, PA W-PA1, IRO W-IRO1, a
/// contact awaiting a decision); the tests restrict the record to one named person.
pub const M_RESTRICTED: &str = "M-RESTRICTED";

/// The teams added for the matrix (T-YJ has no parent, so it comes first).
pub fn matrix_teams() -> Vec<Team> {
    let team = |id: &str, name: &str, service_area, parent: Option<&str>| Team {
        id: tid(id),
        name: name.into(),
        service_area,
        parent_id: parent.map(tid),
    };
    vec![
        team(
            YOUTH_JUSTICE,
            "Youth Justice Service",
            ServiceArea::ChildInNeedAndProtection,
            None,
        ),
        team(
            LEAVING_CARE,
            "Leaving Care Team",
            ServiceArea::CareLeavers,
            Some(SERVICE),
        ),
        team(
            IRO_SERVICE,
            "Independent Reviewing Service",
            ServiceArea::Reviewing,
            Some(SERVICE),
        ),
        team(
            AST_POD,
            "Assessment Team North (pod)",
            ServiceArea::Assessment,
            Some("T-AST"),
        ),
    ]
}

/// The workers added for the matrix.
pub fn matrix_workers() -> Vec<Worker> {
    let worker = |id: &str, forename: &str, surname: &str, team: &str, role| Worker {
        id: wid(id),
        forename: forename.into(),
        surname: surname.into(),
        role,
        team_id: tid(team),
        registration: None,
        agency: false,
        fte_hundredths: 100,
        start_date: date(2020, 1, 6),
        end_date: None,
    };
    vec![
        worker(
            W_FRONT_DOOR,
            "Femi",
            "Adeyemi",
            "T-FD",
            JobRole::SocialWorker,
        ),
        worker(W_PA, "Pat", "Lowe", LEAVING_CARE, JobRole::PersonalAdviser),
        worker(
            W_PA_COLLEAGUE,
            "Sam",
            "Reid",
            LEAVING_CARE,
            JobRole::PersonalAdviser,
        ),
        worker(
            W_IRO,
            "Irene",
            "Okoro",
            IRO_SERVICE,
            JobRole::IndependentReviewingOfficer,
        ),
        worker(
            W_IRO_COLLEAGUE,
            "Ravi",
            "Nair",
            IRO_SERVICE,
            JobRole::IndependentReviewingOfficer,
        ),
        worker(
            W_TEAM_MANAGER,
            "Tess",
            "Marsh",
            "T-AST",
            JobRole::TeamManager,
        ),
        worker(W_POD, "Owen", "Pike", AST_POD, JobRole::SocialWorker),
        worker(
            W_YOUTH_JUSTICE,
            "Yusuf",
            "Jama",
            YOUTH_JUSTICE,
            JobRole::SocialWorker,
        ),
    ]
}

fn allocated(
    id: &str,
    child: &str,
    role: AllocationRole,
    worker: Option<&str>,
    team: &str,
) -> Allocation {
    Allocation {
        role,
        ..allocation(id, child, worker, team, date(2025, 1, 6), None)
    }
}

fn awaiting_decision(id: &str, child: &str) -> Contact {
    Contact {
        id: rid(id),
        child_id: pid(child),
        received_at: at(date(2025, 3, 18), 9),
        source: ReferralSource::Police,
        outcome: None,
        decided_at: None,
        rag: None,
        summary: "Police report a domestic incident; awaiting a decision".into(),
    }
}

/// Full names of the matrix's children (and the hand-made children above), by id.
pub fn child_name(id: &str) -> &'static str {
    match id {
        AMELIA => "Amelia Thornbury",
        BEN => "Ben Thornbury",
        CHLOE => "Chloe Okafor",
        DANIEL => "Daniel Price",
        M_AST_TEAM => "Mason Arkwright",
        M_TM_OWN => "Tilly Voss",
        M_POD => "Poppy Lindqvist",
        M_PA_OWN => "Aaron Fairbairn",
        M_PA_TEAM => "Kofi Mensah",
        M_IRO_OWN => "Isla Brennan",
        M_IRO_TEAM => "Rory Callaghan",
        M_FD_OWN => "Freya Dunmore",
        M_FD_WORK => "Dylan Ashworth",
        M_OUTSIDE => "Oscar Quigley",
        M_RESTRICTED => "Rosa Kettleby",
        other => panic!("no name for child {other}"),
    }
}

/// The children added for the matrix, each with the allocations its id describes.
pub fn matrix_children() -> Vec<ChildRecord> {
    use AllocationRole::PersonalAdviser as Pa;
    use AllocationRole::{AllocatedSocialWorker as Sw, IndependentReviewingOfficer as Iro};
    let child = |id: &str, allocations: Vec<Allocation>, contacts: Vec<Contact>| {
        let (forename, surname) = child_name(id).split_once(' ').unwrap();
        let mut r = ChildRecord::new(person(
            id,
            PersonKind::Child,
            forename,
            surname,
            Some(date(2011, 9, 14)),
        ));
        r.allocations = allocations;
        r.contacts = contacts;
        r
    };
    vec![
        child(
            M_AST_TEAM,
            vec![allocated("AL-M01", M_AST_TEAM, Sw, Some("W-3"), "T-AST")],
            vec![],
        ),
        child(
            M_TM_OWN,
            vec![allocated(
                "AL-M02",
                M_TM_OWN,
                Sw,
                Some(W_TEAM_MANAGER),
                "T-AST",
            )],
            vec![],
        ),
        child(
            M_POD,
            vec![allocated("AL-M03", M_POD, Sw, Some(W_POD), AST_POD)],
            vec![],
        ),
        child(
            M_PA_OWN,
            vec![allocated("AL-M04", M_PA_OWN, Pa, Some(W_PA), LEAVING_CARE)],
            vec![],
        ),
        child(
            M_PA_TEAM,
            vec![allocated(
                "AL-M05",
                M_PA_TEAM,
                Pa,
                Some(W_PA_COLLEAGUE),
                LEAVING_CARE,
            )],
            vec![],
        ),
        child(
            M_IRO_OWN,
            vec![
                allocated("AL-M06", M_IRO_OWN, Sw, Some("W-2"), "T-CIC"),
                allocated("AL-M07", M_IRO_OWN, Iro, Some(W_IRO), IRO_SERVICE),
            ],
            vec![],
        ),
        child(
            M_IRO_TEAM,
            vec![
                allocated("AL-M08", M_IRO_TEAM, Sw, Some("W-2"), "T-CIC"),
                allocated(
                    "AL-M09",
                    M_IRO_TEAM,
                    Iro,
                    Some(W_IRO_COLLEAGUE),
                    IRO_SERVICE,
                ),
            ],
            vec![],
        ),
        child(
            M_FD_OWN,
            vec![allocated(
                "AL-M10",
                M_FD_OWN,
                Sw,
                Some(W_FRONT_DOOR),
                "T-FD",
            )],
            vec![],
        ),
        child(
            M_FD_WORK,
            vec![],
            vec![awaiting_decision("K-M01", M_FD_WORK)],
        ),
        child(
            M_OUTSIDE,
            vec![allocated(
                "AL-M11",
                M_OUTSIDE,
                Sw,
                Some(W_YOUTH_JUSTICE),
                YOUTH_JUSTICE,
            )],
            vec![],
        ),
        child(
            M_RESTRICTED,
            vec![
                allocated("AL-M12", M_RESTRICTED, Sw, Some("W-1"), "T-AST"),
                allocated("AL-M13", M_RESTRICTED, Pa, Some(W_PA), LEAVING_CARE),
                allocated("AL-M14", M_RESTRICTED, Iro, Some(W_IRO), IRO_SERVICE),
            ],
            vec![awaiting_decision("K-M02", M_RESTRICTED)],
        ),
    ]
}

/// A child known only through a contact received on `received` (09:00) and still
/// awaiting a decision: front-door work, and a decision clock running.
pub fn child_awaiting_decision(id: &str, received: Date) -> ChildRecord {
    let mut r = ChildRecord::new(person(
        id,
        PersonKind::Child,
        "Nova",
        "Ashdown",
        Some(date(2019, 6, 1)),
    ));
    r.contacts.push(Contact {
        received_at: at(received, 9),
        ..awaiting_decision(&format!("K-{id}"), id)
    });
    r
}
