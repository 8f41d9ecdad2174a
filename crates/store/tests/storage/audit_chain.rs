//! The audit trail's hash chain on both engines.
use super::*;

use caseline_domain::codes::Role;
use caseline_store::{AuditProblem, AuditVerification, Engine, GENESIS_HASH, Value};
use sha2::{Digest, Sha256};

/// Loads three children and opens two of them: one entry for the workforce, one per
/// child created, one per read.
const SMALL_TRAIL: u64 = 1 + 3 + 2;

async fn small_trail(db: &Db) -> Vec<ChildRecord> {
    let recs = load_authority(db, &generator(5), 3).await;
    for r in [&recs[0], &recs[2]] {
        assert!(
            db.child_record(&actor(), &r.child.id)
                .await
                .unwrap()
                .is_some()
        );
    }
    recs
}

/// Changes the trail behind the writer's back, as someone with database access might.
async fn tamper(db: &Db, sql: &str, params: &[Value]) {
    let mut tx = db.begin().await.unwrap();
    assert_eq!(tx.execute(sql, params).await.unwrap(), 1, "{sql}");
    tx.commit().await.unwrap();
}

async fn problem(db: &Db) -> AuditProblem {
    db.verify_audit_trail()
        .await
        .unwrap()
        .problem
        .expect("a problem")
}

/// The entry's hash by the documented scheme, written out again here.
fn spec_hash(prev: &str, fields: &[Option<&str>]) -> String {
    let mut text = format!("{prev}\ncaseline-audit-v1\n");
    for f in fields {
        match f {
            Some(v) => text.push_str(&format!("{}:{v}\n", v.len())),
            None => text.push_str("-\n"),
        }
    }
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn an_untouched_trail_verifies(db: Db) {
    assert_eq!(
        db.verify_audit_trail().await.unwrap(),
        AuditVerification {
            entries: 0,
            unchained: 0,
            head_hash: GENESIS_HASH.to_owned(),
            problem: None,
        }
    );
    small_trail(&db).await;
    let v = db.verify_audit_trail().await.unwrap();
    assert!(v.is_intact(), "{:?}", v.problem);
    assert_eq!((v.entries, v.unchained), (SMALL_TRAIL, 0));

    // The stored chain, read directly: ids 1..=6, each linked to the one before,
    // the first to the genesis hash, the head to the last.
    let rows = db
        .fetch_all(
            "SELECT id, at, actor, role, address, action, child_id, reason, detail, prev_hash, hash FROM audit_events ORDER BY id",
            &[],
        )
        .await
        .unwrap();
    let ids: Vec<i64> = rows.iter().map(|r| r.int("id").unwrap()).collect();
    assert_eq!(ids, (1..=6).collect::<Vec<i64>>());
    let mut prev = GENESIS_HASH.to_owned();
    for r in &rows {
        assert_eq!(r.text("prev_hash").unwrap(), prev);
        prev = r.text("hash").unwrap();
    }
    assert_eq!(v.head_hash, prev);

    // The first entry (the workforce write) hashes as documented, with the time as
    // read back from this engine.
    let first = &rows[0];
    let g = generator(5);
    let w = g.workforce();
    let detail = format!("{} teams, {} workers", w.teams.len(), w.workers.len());
    let at = first
        .timestamp("at")
        .unwrap()
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    assert_eq!(
        first.text("hash").unwrap(),
        spec_hash(
            GENESIS_HASH,
            &[
                Some("1"),
                Some(&at),
                Some("test.user"),
                None,
                None,
                Some("WRITE_WORKFORCE"),
                None,
                None,
                Some(&detail),
            ]
        )
    );
}
both_engines!(an_untouched_trail_verifies);

async fn altering_an_entry_is_caught_naming_it(db: Db) {
    small_trail(&db).await;
    tamper(
        &db,
        "UPDATE audit_events SET detail = $1 WHERE id = 3",
        &["x".into()],
    )
    .await;
    let v = db.verify_audit_trail().await.unwrap();
    assert_eq!(v.problem, Some(AuditProblem::Altered { id: 3 }));
    assert_eq!(v.entries, 2, "entries before the altered one are sound");
    assert_eq!(v.problem.unwrap().to_string(), "entry 3 was altered");
}
both_engines!(altering_an_entry_is_caught_naming_it);

async fn altering_who_acted_is_caught(db: Db) {
    small_trail(&db).await;
    tamper(
        &db,
        "UPDATE audit_events SET actor = $1 WHERE id = 5",
        &["someone.else".into()],
    )
    .await;
    assert_eq!(problem(&db).await, AuditProblem::Altered { id: 5 });
    // Putting it back restores the chain; then giving a system process a role breaks it.
    tamper(
        &db,
        "UPDATE audit_events SET actor = $1 WHERE id = 5",
        &["test.user".into()],
    )
    .await;
    assert!(db.verify_audit_trail().await.unwrap().is_intact());
    tamper(
        &db,
        "UPDATE audit_events SET role = $1 WHERE id = 2",
        &["SOCIAL_WORKER".into()],
    )
    .await;
    assert_eq!(problem(&db).await, AuditProblem::Altered { id: 2 });
    // A time edited into something unreadable (possible in SQLite's text column) is
    // reported the same way, not as a read error.
    if db.engine() == Engine::Sqlite {
        tamper(
            &db,
            "UPDATE audit_events SET at = $1 WHERE id = 1",
            &["last Tuesday".into()],
        )
        .await;
        assert_eq!(problem(&db).await, AuditProblem::Altered { id: 1 });
    }
}
both_engines!(altering_who_acted_is_caught);

async fn deleting_an_entry_is_caught_naming_the_gap(db: Db) {
    small_trail(&db).await;
    tamper(&db, "DELETE FROM audit_events WHERE id = 4", &[]).await;
    let p = problem(&db).await;
    assert_eq!(
        p,
        AuditProblem::Missing {
            after_id: 3,
            expected_id: 4
        }
    );
    assert!(p.to_string().starts_with("entry 4 is missing"), "{p}");
    tamper(&db, "DELETE FROM audit_events WHERE id = 1", &[]).await;
    assert_eq!(
        problem(&db).await,
        AuditProblem::Missing {
            after_id: 0,
            expected_id: 1
        }
    );
}
both_engines!(deleting_an_entry_is_caught_naming_the_gap);

async fn deleting_the_newest_entry_is_caught(db: Db) {
    small_trail(&db).await;
    tamper(&db, "DELETE FROM audit_events WHERE id = 6", &[]).await;
    let v = db.verify_audit_trail().await.unwrap();
    assert_eq!(v.entries, 5);
    let p = v.problem.unwrap();
    assert_eq!(
        p,
        AuditProblem::HeadMismatch {
            head_id: 6,
            last_id: 5
        }
    );
    assert!(p.to_string().starts_with("entry 6 is missing"), "{p}");
}
both_engines!(deleting_the_newest_entry_is_caught);

async fn an_entry_added_behind_the_writers_back_is_caught(db: Db) {
    small_trail(&db).await;
    tamper(
        &db,
        "INSERT INTO audit_events (id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)",
        &[
            Value::Int(7),
            jiff::Timestamp::now().into(),
            "intruder".into(),
            "READ_CHILD".into(),
            "".into(),
        ],
    )
    .await;
    let p = problem(&db).await;
    assert_eq!(
        p,
        AuditProblem::HeadMismatch {
            head_id: 6,
            last_id: 7
        }
    );
    assert!(p.to_string().starts_with("entry 7 was added"), "{p}");
}
both_engines!(an_entry_added_behind_the_writers_back_is_caught);

async fn concurrent_audited_reads_leave_a_gapless_chain(db: Db) {
    let recs = load_authority(&db, &generator(5), 3).await;
    let mut readers = tokio::task::JoinSet::new();
    for i in 0..8 {
        let db = db.clone();
        let id = recs[i % 3].child.id.clone();
        readers.spawn(async move {
            db.child_record(&Actor::new(format!("reader.{i}")), &id)
                .await
                .map(|r| r.is_some())
        });
    }
    // Checking the trail meanwhile sees a consistent snapshot and holds no one up.
    let mut checks = tokio::task::JoinSet::new();
    for _ in 0..2 {
        let db = db.clone();
        checks.spawn(async move { db.verify_audit_trail().await });
    }
    while let Some(read) = readers.join_next().await {
        assert!(read.unwrap().unwrap(), "every concurrent read succeeds");
    }
    while let Some(check) = checks.join_next().await {
        let v = check.unwrap().unwrap();
        assert!(v.is_intact(), "{:?}", v.problem);
        assert!((4..=12).contains(&v.entries), "{}", v.entries);
    }
    let v = db.verify_audit_trail().await.unwrap();
    assert!(v.is_intact(), "{:?}", v.problem);
    // Workforce, three children created, eight reads; verify checks ids are gapless.
    assert_eq!(v.entries, 1 + 3 + 8);
    let readers: BTreeSet<String> = db
        .fetch_all(
            "SELECT actor FROM audit_events WHERE action = $1",
            &["READ_CHILD".into()],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.text("actor").unwrap())
        .collect();
    assert_eq!(readers.len(), 8);
}
both_engines!(concurrent_audited_reads_leave_a_gapless_chain);

async fn the_reads_of_a_child_are_listed_newest_first(db: Db) {
    let recs = load_authority(&db, &generator(5), 3).await;
    let (a, b) = (&recs[0].child.id, &recs[1].child.id);
    let smith = Actor::person("sw.smith", Role::SocialWorker, Some("10.0.0.7".into()));
    let patel = Actor::person("tm.patel", Role::TeamManager, None);
    db.child_record(&smith, a).await.unwrap();
    db.child_record(&smith, b).await.unwrap();
    db.child_record(&patel, a).await.unwrap();

    let events = db.audit_events_for_child(a, 10).await.unwrap();
    let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = events
        .iter()
        .map(|e| {
            (
                e.user.as_str(),
                e.action.as_str(),
                e.role.as_deref(),
                e.address.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("tm.patel", "READ_CHILD", Some("TEAM_MANAGER"), None),
            (
                "sw.smith",
                "READ_CHILD",
                Some("SOCIAL_WORKER"),
                Some("10.0.0.7")
            ),
            ("test.user", "CREATE_CHILD", None, None),
        ]
    );
    // Workforce is entry 1, children 2-4 (a is 2), then the reads 5, 6 (b), 7.
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![7, 5, 2]);
    assert!(events[0].at >= events[1].at && events[1].at >= events[2].at);
    assert!(
        events
            .iter()
            .all(|e| e.reason.is_none() && e.detail.is_empty())
    );

    let newest = db.audit_events_for_child(a, 1).await.unwrap();
    assert_eq!(newest, events[..1]);
    assert!(db.verify_audit_trail().await.unwrap().is_intact());
}
both_engines!(the_reads_of_a_child_are_listed_newest_first);
