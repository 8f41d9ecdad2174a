//! Scope, restriction, break-glass, sessions and lockout, on both engines. Expected
//! answers are worked out from the generated allocations, not from the code under test.
use super::*;
use caseline_domain::access::Basis;
use caseline_store::{
    ChildOpening, FAILURES_BEFORE_LOCKOUT, FIRST_LOCKOUT, SESSION_ABSOLUTE_TIMEOUT,
    SESSION_IDLE_TIMEOUT,
};
use jiff::{SignedDuration, Timestamp};

/// A social worker in post with at least two open allocations, and their children.
fn busy_worker(recs: &[ChildRecord]) -> (WorkerId, TeamId, Vec<PersonId>) {
    let mut by_worker: BTreeMap<(WorkerId, TeamId), Vec<PersonId>> = BTreeMap::new();
    for r in recs {
        for a in r
            .allocations
            .iter()
            .filter(|a| a.end_date.is_none() && a.role == AllocationRole::AllocatedSocialWorker)
        {
            if let Some(w) = &a.worker_id {
                by_worker
                    .entry((w.clone(), a.team_id.clone()))
                    .or_default()
                    .push(r.child.id.clone());
            }
        }
    }
    let ((w, t), kids) = by_worker.into_iter().max_by_key(|(_, v)| v.len()).unwrap();
    (w, t, kids)
}

/// The busy worker, signed in as "sw.one" in their team.
async fn busy_worker_signed_in(db: &Db, worker: &WorkerId, team: &TeamId) -> Access {
    signed_in(db, "sw.one", Role::SocialWorker, Some(worker), Some(team)).await
}

/// Children with no open allocation to `team` at all.
fn outside_team(recs: &[ChildRecord], team: &TeamId) -> Vec<PersonId> {
    recs.iter()
        .filter(|r| {
            !r.allocations
                .iter()
                .any(|a| a.end_date.is_none() && &a.team_id == team)
        })
        .filter(|r| !r.contacts.iter().any(|c| c.outcome.is_none()))
        .map(|r| r.child.id.clone())
        .collect()
}

async fn workers_reach_their_caseload_and_break_glass_for_others(db: Db) {
    let g = generator(400);
    let recs = load_authority(&db, &g, 400).await;
    let (worker, team, mine) = busy_worker(&recs);
    let sw = busy_worker_signed_in(&db, &worker, &team).await;

    let opened = db.open_child_record(&sw, &mine[0]).await.unwrap();
    assert!(
        matches!(opened, ChildOpening::Record(_, Basis::OwnCaseload)),
        "{opened:?}"
    );

    // Every child the list shows is one the worker or their team holds, or one referred
    // to the team that nobody holds yet.
    let team_children: BTreeSet<PersonId> = recs
        .iter()
        .filter(|r| {
            let holds = r.allocations.iter().any(|a| {
                a.end_date.is_none() && (a.team_id == team || a.worker_id.as_ref() == Some(&worker))
            });
            let unheld = !r.allocations.iter().any(|a| {
                a.end_date.is_none() && a.role != AllocationRole::IndependentReviewingOfficer
            });
            let referred = r
                .referrals
                .iter()
                .any(|x| x.closure_date.is_none() && x.team_id.as_ref() == Some(&team));
            holds || (unheld && referred)
        })
        .map(|r| r.child.id.clone())
        .collect();
    let list = db.search_children(&sw, "", 500, 0).await.unwrap();
    let listed: BTreeSet<PersonId> = list.children.iter().map(|c| c.id.clone()).collect();
    assert_eq!(listed, team_children);

    let other = outside_team(&recs, &team).remove(0);
    assert!(matches!(
        db.open_child_record(&sw, &other).await.unwrap(),
        ChildOpening::BreakGlassRequired
    ));
    let short = db.break_glass(&sw, &other, "need it").await.unwrap_err();
    let StoreError::Invalid(v) = short else {
        panic!("{short}")
    };
    assert_eq!((v.record, v.field), ("break-glass request", "reason"));
    assert!(
        db.break_glass(&sw, &other, "Police called out of hours about this child")
            .await
            .unwrap()
    );
    assert!(matches!(
        db.open_child_record(&sw, &other).await.unwrap(),
        ChildOpening::Record(_, Basis::BreakGlass)
    ));

    // The reason is in the audit trail, against the child.
    let rows = db
        .fetch_all("SELECT action, reason FROM audit_events WHERE child_id = $1 AND actor = $2 ORDER BY id", &[other.as_str().into(), "sw.one".into()])
        .await
        .unwrap();
    let got: Vec<(String, Option<String>)> = rows
        .iter()
        .map(|r| (r.text("action").unwrap(), r.opt_text("reason").unwrap()))
        .collect();
    assert_eq!(got[0].0, "ACCESS_REFUSED");
    assert!(
        got.contains(&(
            "BREAK_GLASS".into(),
            Some("Police called out of hours about this child".into())
        )),
        "{got:?}"
    );
    assert_eq!(got.last().unwrap().0, "READ_CHILD");
}
both_engines!(workers_reach_their_caseload_and_break_glass_for_others);

async fn break_glass_is_raised_to_the_childs_team_manager(db: Db) {
    let g = generator(400);
    let recs = load_authority(&db, &g, 400).await;
    let (_, team, mine) = busy_worker(&recs);
    let manager = signed_in(&db, "tm.one", Role::TeamManager, None, Some(&team)).await;
    let outsider_team = recs
        .iter()
        .flat_map(|r| &r.allocations)
        .map(|a| a.team_id.clone())
        .find(|t| t != &team)
        .unwrap();
    let outsider = signed_in(
        &db,
        "sw.other",
        Role::SocialWorker,
        None,
        Some(&outsider_team),
    )
    .await;
    // A child the manager's team holds, out of the other worker's scope.
    let child = mine
        .iter()
        .find(|c| {
            let r = recs.iter().find(|r| &r.child.id == *c).unwrap();
            !r.allocations
                .iter()
                .any(|a| a.end_date.is_none() && a.team_id == outsider_team)
                && !r.contacts.iter().any(|k| k.outcome.is_none())
        })
        .unwrap();
    assert!(
        db.break_glass(&outsider, child, "Duty cover for the team tonight")
            .await
            .unwrap()
    );
    let alerts = db.break_glass_alerts(&manager).await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(
        (alerts[0].username.as_str(), &alerts[0].child_id),
        ("sw.other", child)
    );
    // The other team's manager hears nothing.
    let other_manager = signed_in(
        &db,
        "tm.other",
        Role::TeamManager,
        None,
        Some(&outsider_team),
    )
    .await;
    assert!(
        db.break_glass_alerts(&other_manager)
            .await
            .unwrap()
            .is_empty()
    );
}
both_engines!(break_glass_is_raised_to_the_childs_team_manager);

async fn restricted_records_are_seen_only_by_named_people(db: Db) {
    let g = generator(300);
    let recs = load_authority(&db, &g, 300).await;
    let (worker, team, mine) = busy_worker(&recs);
    let sw = busy_worker_signed_in(&db, &worker, &team).await;
    let leader = signed_in(&db, "leader", Role::SeniorLeader, None, None).await;
    let named = signed_in(&db, "named.one", Role::SeniorLeader, None, None).await;
    let child = &mine[0];
    db.restrict_record(
        &actor(),
        child,
        "Child of a member of staff",
        &["named.one"],
    )
    .await
    .unwrap();

    // The allocated worker, not named, cannot see it, list it or break glass into it.
    assert!(matches!(
        db.open_child_record(&sw, child).await.unwrap(),
        ChildOpening::NotFound
    ));
    assert!(
        !db.search_children(&sw, "", 500, 0)
            .await
            .unwrap()
            .children
            .iter()
            .any(|c| &c.id == child)
    );
    assert!(
        !db.break_glass(&sw, child, "I am the allocated worker")
            .await
            .unwrap()
    );
    assert!(
        !db.search_children(&leader, child.as_str(), 50, 0)
            .await
            .unwrap()
            .children
            .iter()
            .any(|c| &c.id == child)
    );
    // The named person can.
    assert!(matches!(
        db.open_child_record(&named, child).await.unwrap(),
        ChildOpening::Record(_, Basis::NamedOnRestriction)
    ));
    assert!(
        db.search_children(&named, child.as_str(), 50, 0)
            .await
            .unwrap()
            .children
            .iter()
            .any(|c| &c.id == child)
    );
}
both_engines!(restricted_records_are_seen_only_by_named_people);

async fn auditors_see_their_sample_and_administrators_see_no_children(db: Db) {
    let g = generator(100);
    let recs = load_authority(&db, &g, 100).await;
    let auditor = signed_in(&db, "qa.one", Role::QualityAssuranceAuditor, None, None).await;
    let admin = signed_in(&db, "admin.one", Role::SystemAdministrator, None, None).await;
    let sample = [&recs[3].child.id, &recs[7].child.id];
    for c in sample {
        db.add_to_audit_sample(&actor(), "qa.one", c).await.unwrap();
    }
    let listed: BTreeSet<&str> = db
        .search_children(&auditor, "", 500, 0)
        .await
        .unwrap()
        .children
        .iter()
        .map(|c| c.id.as_str().to_owned())
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(listed, sample.iter().map(|c| c.as_str()).collect());
    assert!(matches!(
        db.open_child_record(&auditor, sample[0]).await.unwrap(),
        ChildOpening::Record(_, Basis::AuditSample)
    ));
    assert!(matches!(
        db.open_child_record(&auditor, &recs[4].child.id)
            .await
            .unwrap(),
        ChildOpening::NotFound
    ));
    assert_eq!(
        db.search_children(&admin, "", 500, 0).await.unwrap().total,
        0
    );
    assert!(matches!(
        db.open_child_record(&admin, sample[0]).await.unwrap(),
        ChildOpening::NotFound
    ));
}
both_engines!(auditors_see_their_sample_and_administrators_see_no_children);

async fn sessions_end_when_idle_expired_or_signed_out(db: Db) {
    let _ = load_authority(&db, &generator(5), 0).await;
    let user = signed_in(&db, "sw.one", Role::SocialWorker, None, None).await;
    let start = Timestamp::now();
    let token = "token-hash-sw.one";
    let at = |d: SignedDuration| start.checked_add(d).unwrap();
    // Active within the idle limit keeps it alive.
    assert!(
        db.session_access(
            token,
            None,
            at(SESSION_IDLE_TIMEOUT - SignedDuration::from_mins(1))
        )
        .await
        .unwrap()
        .is_some()
    );
    // Idle past the limit since last seen ends it.
    let last = at(SESSION_IDLE_TIMEOUT - SignedDuration::from_mins(1));
    assert!(
        db.session_access(token, None, last.checked_add(SESSION_IDLE_TIMEOUT).unwrap())
            .await
            .unwrap()
            .is_none()
    );

    // Absolute limit, however active.
    db.start_session("sw.one", "second", "c2", None, start)
        .await
        .unwrap();
    let mut t = start;
    while t < at(SESSION_ABSOLUTE_TIMEOUT - SignedDuration::from_mins(20)) {
        t = t.checked_add(SignedDuration::from_mins(20)).unwrap();
        assert!(
            db.session_access("second", None, t)
                .await
                .unwrap()
                .is_some()
        );
    }
    assert!(
        db.session_access("second", None, at(SESSION_ABSOLUTE_TIMEOUT))
            .await
            .unwrap()
            .is_none()
    );

    // Sign-out ends one session; sign-out everywhere ends the rest.
    db.start_session("sw.one", "third", "c3", None, start)
        .await
        .unwrap();
    db.start_session("sw.one", "fourth", "c4", None, start)
        .await
        .unwrap();
    db.end_session(&user, "third").await.unwrap();
    assert!(
        db.session_access("third", None, start)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.session_access("fourth", None, start)
            .await
            .unwrap()
            .is_some()
    );
    db.end_all_sessions(&user).await.unwrap();
    assert!(
        db.session_access("fourth", None, start)
            .await
            .unwrap()
            .is_none()
    );
}
both_engines!(sessions_end_when_idle_expired_or_signed_out);

async fn repeated_failed_sign_ins_lock_the_account_with_back_off(db: Db) {
    let _ = load_authority(&db, &generator(5), 0).await;
    let _ = signed_in(&db, "sw.one", Role::SocialWorker, None, None).await;
    // Timestamps are stored to the microsecond.
    let now = Timestamp::from_microsecond(Timestamp::now().as_microsecond()).unwrap();
    for n in 1..FAILURES_BEFORE_LOCKOUT {
        assert_eq!(
            db.record_failed_sign_in("sw.one", None, now).await.unwrap(),
            None,
            "failure {n}"
        );
    }
    let first = db
        .record_failed_sign_in("sw.one", None, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first, now.checked_add(FIRST_LOCKOUT).unwrap());
    let second = db
        .record_failed_sign_in("sw.one", None, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second, now.checked_add(FIRST_LOCKOUT * 2).unwrap());
    assert_eq!(
        db.credentials("sw.one")
            .await
            .unwrap()
            .unwrap()
            .locked_until,
        Some(second)
    );
    // Each failure is in the audit trail; an unknown name is recorded without the name.
    db.record_failed_sign_in("my-password-typed-here", None, now)
        .await
        .unwrap();
    let rows = db
        .fetch_all(
            "SELECT actor FROM audit_events WHERE action = $1",
            &["SIGN_IN_FAILED".into()],
        )
        .await
        .unwrap();
    let actors: Vec<String> = rows.iter().map(|r| r.text("actor").unwrap()).collect();
    assert_eq!(
        actors.iter().filter(|a| *a == "sw.one").count(),
        usize::try_from(FAILURES_BEFORE_LOCKOUT + 1).unwrap()
    );
    assert!(!actors.iter().any(|a| a.contains("password")));
    // A successful sign-in clears the count.
    db.start_session("sw.one", "t", "c", None, now)
        .await
        .unwrap();
    assert_eq!(
        db.credentials("sw.one")
            .await
            .unwrap()
            .unwrap()
            .locked_until,
        None
    );
}
both_engines!(repeated_failed_sign_ins_lock_the_account_with_back_off);

async fn api_tokens_act_as_their_user_until_revoked_or_expired(db: Db) {
    let g = generator(300);
    let recs = load_authority(&db, &g, 300).await;
    let (worker, team, mine) = busy_worker(&recs);
    let sw = busy_worker_signed_in(&db, &worker, &team).await;
    let now = Timestamp::now();
    let in_90_days = now
        .checked_add(SignedDuration::from_hours(24 * 90))
        .unwrap();
    let blank = db
        .create_api_token(&sw, "  ", "hash-blank", in_90_days)
        .await
        .unwrap_err();
    let StoreError::Invalid(v) = blank else {
        panic!("{blank}")
    };
    assert_eq!((v.record, v.field), ("API token", "name"));

    let id = db
        .create_api_token(&sw, "Case recording app", "hash-one", in_90_days)
        .await
        .unwrap();
    let api = db
        .api_token_access("hash-one", Some("127.0.0.1".into()), now)
        .await
        .unwrap()
        .expect("live token");
    // Same person, same scope as their pages.
    assert_eq!(api.viewer(), sw.viewer());
    assert!(matches!(
        db.open_child_record(&api, &mine[0]).await.unwrap(),
        ChildOpening::Record(_, Basis::OwnCaseload)
    ));
    let listed = db.search_children(&api, "", 500, 0).await.unwrap().total;
    assert_eq!(
        listed,
        db.search_children(&sw, "", 500, 0).await.unwrap().total
    );
    // Unknown, expired and revoked tokens do nothing.
    assert!(
        db.api_token_access("hash-unknown", None, now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.api_token_access("hash-one", None, in_90_days)
            .await
            .unwrap()
            .is_none()
    );
    assert!(db.revoke_api_token(&sw, &id).await.unwrap());
    assert!(
        db.api_token_access("hash-one", None, now)
            .await
            .unwrap()
            .is_none()
    );
    // Nobody else can revoke (or even see) your tokens.
    let other = signed_in(&db, "sw.two", Role::SocialWorker, None, Some(&team)).await;
    let id2 = db
        .create_api_token(&sw, "Second", "hash-two", in_90_days)
        .await
        .unwrap();
    assert!(!db.revoke_api_token(&other, &id2).await.unwrap());
    assert!(db.api_tokens(&other).await.unwrap().is_empty());
    assert_eq!(db.api_tokens(&sw).await.unwrap().len(), 2);
}
both_engines!(api_tokens_act_as_their_user_until_revoked_or_expired);

async fn a_two_step_session_opens_nothing_until_its_code_is_accepted_once(db: Db) {
    let _ = load_authority(&db, &generator(5), 0).await;
    let _ = signed_in(&db, "sw.one", Role::SocialWorker, None, None).await;
    let now = Timestamp::now();
    db.start_pending_session("sw.one", "pending-1", "csrf-p", None, now)
        .await
        .unwrap();
    assert!(
        db.session_access("pending-1", None, now)
            .await
            .unwrap()
            .is_none(),
        "pending session is not a session"
    );
    assert_eq!(
        db.pending_session("pending-1", now).await.unwrap(),
        Some(("sw.one".into(), "csrf-p".into()))
    );
    // Too late for the code.
    let late = now.checked_add(caseline_store::SECOND_STEP_WINDOW).unwrap();
    assert_eq!(db.pending_session("pending-1", late).await.unwrap(), None);

    assert!(
        db.complete_second_step("pending-1", "full-1", "csrf-f", 1000, None, now)
            .await
            .unwrap()
    );
    assert!(
        db.session_access("full-1", None, now)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        db.pending_session("pending-1", now)
            .await
            .unwrap()
            .is_none(),
        "the pending session is gone"
    );
    // The same time step cannot be used again, nor an earlier one.
    db.start_pending_session("sw.one", "pending-2", "csrf-p2", None, now)
        .await
        .unwrap();
    assert!(
        !db.complete_second_step("pending-2", "full-2", "c", 1000, None, now)
            .await
            .unwrap()
    );
    assert!(
        !db.complete_second_step("pending-2", "full-2", "c", 999, None, now)
            .await
            .unwrap()
    );
    assert!(
        db.session_access("full-2", None, now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        db.complete_second_step("pending-2", "full-2", "c", 1001, None, now)
            .await
            .unwrap()
    );
}
both_engines!(a_two_step_session_opens_nothing_until_its_code_is_accepted_once);

async fn a_subject_access_pack_holds_everything_and_flags_third_parties(db: Db) {
    let g = generator(50);
    let w = g.workforce();
    db.insert_workforce(&actor(), &w.teams, &w.workers)
        .await
        .unwrap();
    let mut records: Vec<ChildRecord> = (0..50).map(|i| g.child(i)).collect();
    // A child with a relative and a contact; another child's contact names that relative.
    let (a, b) = {
        let a = records
            .iter()
            .position(|r| !r.relatives.is_empty() && !r.contacts.is_empty())
            .unwrap();
        let b = records
            .iter()
            .position(|r| !r.contacts.is_empty() && r.child.id != records[a].child.id)
            .unwrap();
        (a, b)
    };
    let relative = records[a].relatives[0].clone();
    records[b].contacts[0].summary = format!(
        "Neighbour {} called with concerns",
        relative.full_name().to_uppercase()
    );
    db.insert_child_records(&actor(), &records).await.unwrap();
    let leader = signed_in(&db, "leader", Role::SeniorLeader, None, None).await;
    let sw = signed_in(&db, "sw.one", Role::SocialWorker, None, None).await;

    let child = &records[a].child.id;
    let pack = db
        .subject_access(&leader, child, "SAR-2026-014")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        normalise(pack.child_record.clone().unwrap()),
        normalise(records[a].clone())
    );
    for p in &records[a].relatives {
        assert!(
            pack.for_review
                .iter()
                .any(|r| r.section == "family" && r.record_id == p.id.as_str()),
            "relative {} flagged",
            p.id
        );
    }
    let exported = pack.access_history.iter().any(|e| {
        e.action == "EXPORT_SUBJECT_ACCESS" && e.reason.as_deref() == Some("SAR-2026-014")
    });
    assert!(exported, "the export itself is in the access history");

    // The relative's own pack: the child they are linked to, and the mention elsewhere.
    let adult = db
        .subject_access(&leader, &relative.id, "SAR-2026-015")
        .await
        .unwrap()
        .unwrap();
    assert!(adult.child_record.is_none());
    assert!(adult.linked_children.iter().any(|l| &l.child_id == child));
    assert_eq!(adult.mentions.len(), 1);
    assert_eq!(adult.mentions[0].child_id, records[b].child.id);
    assert!(adult.for_review.iter().any(|r| r.section == "mentions"));

    // Only the roles that may, and only with a reference.
    let e = db.subject_access(&sw, child, "SAR-1").await.unwrap_err();
    let StoreError::Invalid(v) = e else {
        panic!("{e}")
    };
    assert_eq!(v.field, "role");
    let e = db.subject_access(&leader, child, " ").await.unwrap_err();
    let StoreError::Invalid(v) = e else {
        panic!("{e}")
    };
    assert_eq!(v.field, "reference");
    assert!(
        db.subject_access(&leader, &PersonId::parse("NOBODY").unwrap(), "SAR-1")
            .await
            .unwrap()
            .is_none()
    );
}
both_engines!(a_subject_access_pack_holds_everything_and_flags_third_parties);

/// Whether the child has open work on `today`, worked out from the record.
fn has_open_work(r: &ChildRecord, today: jiff::civil::Date) -> bool {
    let open = |end: Option<jiff::civil::Date>| end.is_none_or(|e| e >= today);
    r.referrals.iter().any(|x| open(x.closure_date))
        || r.cp_plans.iter().any(|x| open(x.end_date))
        || r.cin_plans.iter().any(|x| open(x.end_date))
        || r.periods_of_care.iter().any(|x| open(x.end_date))
        || r.care_leaver.iter().any(|x| open(x.end_date))
        || r.private_fostering.iter().any(|x| open(x.end_date))
        || r.lado_allegations.iter().any(|x| open(x.closed_date))
        || r.contacts.iter().any(|c| c.decided_at.is_none())
}

async fn open_cases_follow_scope_and_the_version_moves_with_writes(db: Db) {
    use caseline_store::WorkScope;
    let g = generator(400);
    let recs = load_authority(&db, &g, 400).await;
    let today = date(2026, 11, 20);
    let open: BTreeSet<PersonId> = recs
        .iter()
        .filter(|r| has_open_work(r, today))
        .map(|r| r.child.id.clone())
        .collect();
    assert!(open.len() > 50, "{}", open.len());

    // The system's picture: exactly the children with open work, with their records.
    let (version, all) = db.all_open_cases(&actor(), today).await.unwrap();
    let got: BTreeSet<PersonId> = all.iter().map(|r| r.child.id.clone()).collect();
    assert_eq!(got, open);
    let sample = all.iter().find(|r| !r.visits.is_empty()).unwrap();
    let original = recs.iter().find(|r| r.child.id == sample.child.id).unwrap();
    // Stored order is by id; compare as sets of records.
    let by_id = |v: &[caseline_domain::visit::Visit]| {
        let mut v = v.to_vec();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    assert_eq!(by_id(&sample.visits), by_id(&original.visits));
    let mut discussions = original.strategy_discussions.clone();
    discussions.sort_by(|a, b| a.id.cmp(&b.id));
    for d in &mut discussions {
        d.agencies.sort_by_key(|a| a.agency.code());
    }
    assert_eq!(sample.strategy_discussions, discussions);

    // A worker's own open cases: those allocated to them and open.
    let (worker, team, _) = busy_worker(&recs);
    let sw = busy_worker_signed_in(&db, &worker, &team).await;
    let mine: BTreeSet<PersonId> = db
        .open_case_ids(&sw, &WorkScope::Worker(worker.clone()), today)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let expected: BTreeSet<PersonId> = recs
        .iter()
        .filter(|r| has_open_work(r, today))
        .filter(|r| {
            r.allocations.iter().any(|a| {
                a.worker_id.as_ref() == Some(&worker) && a.end_date.is_none_or(|e| e >= today)
            })
        })
        .map(|r| r.child.id.clone())
        .collect();
    assert_eq!(mine, expected);
    // Asking for the whole authority gives a social worker no more than their scope.
    let authority: BTreeSet<PersonId> = db
        .open_case_ids(&sw, &WorkScope::Authority, today)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let listed: BTreeSet<PersonId> = db
        .search_children(&sw, "", 500, 0)
        .await
        .unwrap()
        .children
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(authority.is_subset(&listed) && authority.is_subset(&open));
    assert!(mine.is_subset(&authority));

    // Any write to a record moves the version; reading does not.
    assert_eq!(db.journey_state().await.unwrap(), version);
    let newcomer = g.child(400);
    db.insert_child_records(&actor(), std::slice::from_ref(&newcomer))
        .await
        .unwrap();
    let after = db.journey_state().await.unwrap();
    assert!(after.version > version.version);
    assert_eq!(after.everything_version, version.everything_version);
    // Only the written child is reported as changed since.
    let (state, changed, reloaded) = db
        .open_cases_changed_since(&actor(), today, version.version)
        .await
        .unwrap();
    assert_eq!(state, after);
    assert_eq!(changed, vec![newcomer.child.id.clone()]);
    assert_eq!(reloaded.len(), usize::from(has_open_work(&newcomer, today)));
    // A calendar change touches everyone.
    db.add_bank_holiday(&actor(), date(2026, 12, 29), "Extra day")
        .await
        .unwrap();
    let touched = db.journey_state().await.unwrap();
    assert_eq!(touched.everything_version, touched.version);
    assert!(touched.version > after.version);
}
both_engines!(open_cases_follow_scope_and_the_version_moves_with_writes);
