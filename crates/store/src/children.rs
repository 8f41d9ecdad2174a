//! Children's records: write a whole record (or many) in one transaction, load one
//! back, search the list. Every read and write of a child's record is audited in the
//! same transaction as the work it records.

use std::collections::{HashMap, HashSet};

use caseline_domain::access::Capability;
use caseline_domain::assessment::Assessment;
use caseline_domain::codes::{
    Agency, AllocationRole, AssessmentFactor, Disability, PersonKind, Role,
};
use caseline_domain::person::Person;
use caseline_domain::status::ChildStatus;
use caseline_domain::strategy_discussion::{AgencyParticipation, StrategyDiscussion};
use caseline_domain::{ChildRecord, PersonId, TeamId, ValidationError, WorkerId};

use crate::access::{Access, FRONT_DOOR_WINDOW};
use crate::audit::{Actor, AuditAction, record_audit, record_audit_many};
use crate::columns::Column;
use crate::tables::Table;
use crate::write::{insert_all, insert_values};
use crate::{Db, StoreError, Tx, Value};

/// A reference from a record's field to a worker or team: (record, id, field, target).
type StaffRef<'a, T> = (&'static str, String, &'static str, &'a T);

/// Every record's references to workers and teams.
fn staff_references(rec: &ChildRecord) -> (Vec<StaffRef<'_, WorkerId>>, Vec<StaffRef<'_, TeamId>>) {
    let mut workers = Vec::new();
    let mut teams = Vec::new();
    for a in &rec.allocations {
        if let Some(w) = &a.worker_id {
            workers.push(("allocation", a.id.to_string(), "worker_id", w));
        }
        teams.push(("allocation", a.id.to_string(), "team_id", &a.team_id));
    }
    for e in &rec.early_help {
        if let Some(w) = &e.worker_id {
            workers.push(("early help episode", e.id.to_string(), "worker_id", w));
        }
        if let Some(t) = &e.team_id {
            teams.push(("early help episode", e.id.to_string(), "team_id", t));
        }
    }
    for r in &rec.referrals {
        if let Some(w) = &r.worker_id {
            workers.push(("referral", r.id.to_string(), "worker_id", w));
        }
        if let Some(t) = &r.team_id {
            teams.push(("referral", r.id.to_string(), "team_id", t));
        }
    }
    for a in &rec.assessments {
        if let Some(w) = &a.worker_id {
            workers.push(("assessment", a.id.to_string(), "worker_id", w));
        }
        if let Some(t) = &a.team_id {
            teams.push(("assessment", a.id.to_string(), "team_id", t));
        }
    }
    for s in &rec.section_47_enquiries {
        if let Some(w) = &s.worker_id {
            workers.push(("section 47 enquiry", s.id.to_string(), "worker_id", w));
        }
    }
    for v in &rec.visits {
        if let Some(w) = &v.worker_id {
            workers.push(("visit", v.id.to_string(), "worker_id", w));
        }
    }
    for c in &rec.care_leaver {
        if let Some(w) = &c.personal_adviser_id {
            workers.push(("care leaver", c.id.to_string(), "personal_adviser_id", w));
        }
    }
    for s in &rec.case_supervisions {
        if let Some(w) = &s.supervisor_id {
            workers.push(("case supervision", s.id.to_string(), "supervisor_id", w));
        }
    }
    (workers, teams)
}

/// The ids of all workers and teams, to check references without a query per record.
pub(crate) struct StaffIds {
    workers: HashSet<String>,
    teams: HashSet<String>,
}

impl StaffIds {
    pub(crate) async fn load(tx: &mut Tx) -> Result<Self, StoreError> {
        let mut workers = HashSet::new();
        for r in tx.fetch_all("SELECT id FROM workers", &[]).await? {
            workers.insert(r.text("id")?);
        }
        let mut teams = HashSet::new();
        for r in tx.fetch_all("SELECT id FROM teams", &[]).await? {
            teams.insert(r.text("id")?);
        }
        Ok(Self { workers, teams })
    }

    fn check(&self, rec: &ChildRecord) -> Result<(), ValidationError> {
        let (workers, teams) = staff_references(rec);
        for (record, id, field, w) in workers {
            if !self.workers.contains(w.as_str()) {
                return Err(ValidationError::new(
                    record,
                    id,
                    field,
                    format!("refers to worker '{w}', who is not on the system"),
                ));
            }
        }
        for (record, id, field, t) in teams {
            if !self.teams.contains(t.as_str()) {
                return Err(ValidationError::new(
                    record,
                    id,
                    field,
                    format!("refers to team '{t}', which is not on the system"),
                ));
            }
        }
        Ok(())
    }
}

/// Validates and writes child records within `tx`. Nothing is written unless all pass.
pub(crate) async fn write_child_records(
    tx: &mut Tx,
    records: &[ChildRecord],
) -> Result<(), StoreError> {
    let ids: Vec<&PersonId> = records.iter().map(|r| &r.child.id).collect();
    crate::work::mark_children_changed(tx, &ids).await?;
    let staff = StaffIds::load(tx).await?;
    let mut seen = HashSet::new();
    for rec in records {
        rec.validate()?;
        staff.check(rec)?;
        if !seen.insert(rec.child.id.as_str()) {
            return Err(ValidationError::new(
                "person",
                &rec.child.id,
                "id",
                "appears twice in this batch",
            )
            .into());
        }
    }
    let ids: Vec<Value> = records.iter().map(|r| r.child.id.to_value()).collect();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT id FROM people WHERE id IN ({})",
            placeholders(1, chunk.len())
        );
        if let Some(row) = tx.fetch_all(&sql, chunk).await?.first() {
            let id = row.text("id")?;
            return Err(ValidationError::new(
                "person",
                id,
                "id",
                "is already on the system: load and amend the existing record instead",
            )
            .into());
        }
    }

    insert_all(tx, records.iter().map(|r| &r.child)).await?;
    // Relatives may be shared between siblings: insert each once.
    let relatives: Vec<Vec<Value>> = records
        .iter()
        .flat_map(|r| &r.relatives)
        .map(Table::values)
        .collect();
    insert_values(
        tx,
        Person::TABLE,
        Person::COLUMNS,
        relatives,
        " ON CONFLICT (id) DO NOTHING",
    )
    .await?;
    let disabilities: Vec<Vec<Value>> = records
        .iter()
        .flat_map(|r| std::iter::once(&r.child).chain(&r.relatives))
        .flat_map(|p| {
            p.disabilities
                .iter()
                .map(move |d| vec![p.id.to_value(), d.to_value()])
        })
        .collect();
    insert_values(
        tx,
        "person_disabilities",
        &["person_id", "disability"],
        disabilities,
        " ON CONFLICT DO NOTHING",
    )
    .await?;

    macro_rules! each {
        ($($field:ident),+ $(,)?) => {$(
            insert_all(tx, records.iter().flat_map(|r| &r.$field)).await?;
        )+};
    }
    // Order follows the foreign keys.
    caseline_domain::for_each_journey_list!(each);

    let factors: Vec<Vec<Value>> = records
        .iter()
        .flat_map(|r| &r.assessments)
        .flat_map(|a| {
            a.factors
                .iter()
                .map(move |f| vec![a.id.to_value(), f.to_value()])
        })
        .collect();
    insert_values(
        tx,
        "assessment_factors",
        &["assessment_id", "factor"],
        factors,
        "",
    )
    .await?;
    let agencies: Vec<Vec<Value>> = records
        .iter()
        .flat_map(|r| &r.strategy_discussions)
        .flat_map(|s| {
            s.agencies.iter().map(move |p| {
                vec![
                    s.id.to_value(),
                    p.agency.to_value(),
                    p.invited.into(),
                    p.attended.into(),
                    p.contributed.into(),
                ]
            })
        })
        .collect();
    insert_values(
        tx,
        "strategy_discussion_agencies",
        &[
            "strategy_discussion_id",
            "agency",
            "invited",
            "attended",
            "contributed",
        ],
        agencies,
        "",
    )
    .await?;
    Ok(())
}

pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn load_all<T: Table>(tx: &mut Tx, child: &PersonId) -> Result<Vec<T>, StoreError> {
    let sql = format!(
        "SELECT {} FROM {} WHERE child_id = $1 ORDER BY id",
        T::COLUMNS.join(", "),
        T::TABLE
    );
    tx.fetch_all(&sql, &[child.to_value()])
        .await?
        .iter()
        .map(T::from_row)
        .collect()
}

async fn load_people(
    tx: &mut Tx,
    where_sql: &str,
    params: &[Value],
) -> Result<Vec<Person>, StoreError> {
    let sql = format!(
        "SELECT {} FROM people p WHERE {where_sql} ORDER BY id",
        Person::COLUMNS
            .iter()
            .map(|c| format!("p.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut people: Vec<Person> = tx
        .fetch_all(&sql, params)
        .await?
        .iter()
        .map(Person::from_row)
        .collect::<Result<_, _>>()?;
    // One query for everyone's disabilities, not one per person.
    let sql = format!(
        "SELECT person_id, disability FROM person_disabilities WHERE person_id IN (SELECT p.id FROM people p WHERE {where_sql}) ORDER BY person_id, disability"
    );
    let mut disabilities: HashMap<String, Vec<Disability>> = HashMap::new();
    for r in tx.fetch_all(&sql, params).await? {
        disabilities
            .entry(r.text("person_id")?)
            .or_default()
            .push(Disability::read(&r, "person_disabilities", "disability")?);
    }
    for p in &mut people {
        if let Some(d) = disabilities.remove(p.id.as_str()) {
            p.disabilities = d;
        }
    }
    Ok(people)
}

/// Reads a child's whole record within `tx`, or `None` if there is no such child.
pub(crate) async fn read_child_record(
    tx: &mut Tx,
    id: &PersonId,
) -> Result<Option<ChildRecord>, StoreError> {
    let Some(child) = load_people(
        tx,
        "p.id = $1 AND p.kind = $2",
        &[id.to_value(), PersonKind::Child.to_value()],
    )
    .await?
    .pop() else {
        return Ok(None);
    };
    let mut rec = ChildRecord::new(child);
    rec.relatives = load_people(
        tx,
        "p.id IN (SELECT relative_id FROM family_links WHERE child_id = $1)",
        &[id.to_value()],
    )
    .await?;
    macro_rules! each {
        ($($field:ident),+ $(,)?) => {$( rec.$field = load_all(tx, id).await?; )+};
    }
    caseline_domain::for_each_journey_list!(each);
    fill_assessment_factors(tx, &mut rec.assessments).await?;
    fill_agencies(tx, &mut rec.strategy_discussions).await?;
    Ok(Some(rec))
}

async fn fill_assessment_factors(
    tx: &mut Tx,
    assessments: &mut [Assessment],
) -> Result<(), StoreError> {
    for a in assessments {
        let rows = tx
            .fetch_all(
                "SELECT factor FROM assessment_factors WHERE assessment_id = $1 ORDER BY factor",
                &[a.id.to_value()],
            )
            .await?;
        a.factors = rows
            .iter()
            .map(|r| AssessmentFactor::read(r, "assessment_factors", "factor"))
            .collect::<Result<_, _>>()?;
    }
    Ok(())
}

async fn fill_agencies(
    tx: &mut Tx,
    discussions: &mut [StrategyDiscussion],
) -> Result<(), StoreError> {
    for s in discussions {
        let rows = tx.fetch_all("SELECT agency, invited, attended, contributed FROM strategy_discussion_agencies WHERE strategy_discussion_id = $1 ORDER BY agency", &[s.id.to_value()]).await?;
        s.agencies = rows
            .iter()
            .map(|r| {
                Ok(AgencyParticipation {
                    agency: Agency::read(r, "strategy_discussion_agencies", "agency")?,
                    invited: r.bool("invited")?,
                    attended: r.bool("attended")?,
                    contributed: r.bool("contributed")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
    }
    Ok(())
}

/// One line of the children list.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildListEntry {
    /// The child's id.
    pub id: PersonId,
    /// Full name.
    pub name: String,
    /// Date of birth.
    pub date_of_birth: Option<jiff::civil::Date>,
    /// Current status (looked after, CP plan, CIN plan, open referral, care leaver, closed).
    pub status: ChildStatus,
    /// Allocated social worker (or personal adviser), if any.
    pub worker: Option<String>,
    /// Responsible team, if any.
    pub team: Option<String>,
    /// Open but with no named worker ("held on duty").
    pub held_on_duty: bool,
}

/// A page of the children list.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildList {
    /// The children on this page.
    pub children: Vec<ChildListEntry>,
    /// How many children match in all.
    pub total: u64,
}

/// Narrows a children query to the viewer's scope (the same rules as
/// `caseline_domain::access::decide`, as SQL, so lists never name a child the viewer
/// could not open), and hides restricted records from everyone not named on them.
pub(crate) fn scope_condition(access: &Access, cond: &mut String, params: &mut Vec<Value>) {
    let viewer = access.viewer();
    let next = |params: &mut Vec<Value>, v: Value| {
        params.push(v);
        format!("${}", params.len())
    };
    let user = next(params, viewer.user.as_str().into());
    cond.push_str(&format!(
        " AND (p.id NOT IN (SELECT child_id FROM restricted_records) OR p.id IN (SELECT child_id FROM restricted_record_people WHERE username = {user}))"
    ));
    if viewer.role.may(Capability::ListAllChildren) {
        return;
    }
    if !viewer.role.may(Capability::ListChildren) {
        cond.push_str(" AND 1 = 0");
        return;
    }
    let mut within = vec![format!(
        "p.id IN (SELECT child_id FROM restricted_record_people WHERE username = {user})"
    )];
    match viewer.role {
        Role::QualityAssuranceAuditor => {
            within.push(format!(
                "p.id IN (SELECT child_id FROM audit_samples WHERE username = {user})"
            ));
        }
        Role::PerformanceAnalyst | Role::SeniorLeader | Role::SystemAdministrator => {}
        role => {
            let mut holders = Vec::new();
            if let Some(w) = &viewer.worker_id {
                holders.push(format!("worker_id = {}", next(params, w.to_value())));
            }
            if !viewer.teams.is_empty() {
                let teams: Vec<String> = viewer
                    .teams
                    .iter()
                    .map(|t| next(params, t.to_value()))
                    .collect();
                let teams = teams.join(", ");
                holders.push(format!("team_id IN ({teams})"));
                // A child referred to the team and not yet allocated to anyone is the
                // team's work.
                within.push(format!(
                    "(p.id IN (SELECT child_id FROM referrals WHERE closure_date IS NULL AND team_id IN ({teams})) \
                     AND p.id NOT IN (SELECT child_id FROM allocations WHERE end_date IS NULL AND role IN ('ALLOCATED_SW', 'PA')))"
                ));
            }
            if !holders.is_empty() {
                within.push(format!(
                    "p.id IN (SELECT child_id FROM allocations WHERE end_date IS NULL AND ({}))",
                    holders.join(" OR ")
                ));
            }
            if role == Role::FrontDoor {
                let since = jiff::Timestamp::now()
                    .saturating_sub(FRONT_DOOR_WINDOW)
                    .unwrap_or(jiff::Timestamp::now());
                let since = next(params, since.into());
                within.push(format!("p.id IN (SELECT child_id FROM contacts WHERE outcome IS NULL OR received_at >= {since})"));
            }
        }
    }
    cond.push_str(&format!(" AND ({})", within.join(" OR ")));
}

/// Turns a search into SQL conditions: by id, by date of birth, or by name parts.
fn search_condition(query: &str) -> (String, Vec<Value>) {
    let q = query.trim();
    if q.is_empty() {
        return ("p.kind = $1".to_owned(), vec![PersonKind::Child.to_value()]);
    }
    if let Some(dob) = parse_search_date(q) {
        return (
            "p.kind = $1 AND p.date_of_birth = $2".to_owned(),
            vec![PersonKind::Child.to_value(), dob.into()],
        );
    }
    let mut sql = "p.kind = $1".to_owned();
    let mut params = vec![PersonKind::Child.to_value()];
    for word in q.split_whitespace().take(4) {
        let like = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
        let n = params.len() + 1;
        sql.push_str(&format!(
            " AND (LOWER(p.forename) LIKE ${n} OR LOWER(p.surname) LIKE ${n} OR LOWER(p.id) = ${})",
            n + 1
        ));
        params.push(like.into());
        params.push(word.to_lowercase().into());
    }
    (sql, params)
}

fn parse_search_date(q: &str) -> Option<jiff::civil::Date> {
    if let Ok(d) = q.parse::<jiff::civil::Date>() {
        return Some(d);
    }
    let parts: Vec<&str> = q.split('/').collect();
    if let [d, m, y] = parts.as_slice() {
        return jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok();
    }
    None
}

impl Db {
    /// Writes child records (each with its relatives and journey) in one transaction:
    /// all are stored or, on the first invalid record, none.
    pub async fn insert_child_records(
        &self,
        actor: &Actor,
        records: &[ChildRecord],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        write_child_records(&mut tx, records).await?;
        let ids: Vec<&PersonId> = records.iter().map(|r| &r.child.id).collect();
        record_audit_many(&mut tx, actor, AuditAction::CreateChildRecord, &ids, "").await?;
        tx.commit().await
    }

    /// Loads a child's whole record for a system process (statutory returns, the
    /// generator's checks, tests), auditing the read. Requests never come here: they
    /// go through [`Db::open_child_record`], which applies the viewer's scope.
    pub async fn child_record(
        &self,
        actor: &Actor,
        id: &PersonId,
    ) -> Result<Option<ChildRecord>, StoreError> {
        let mut tx = self.begin().await?;
        let rec = read_child_record(&mut tx, id).await?;
        if rec.is_some() {
            record_audit(
                &mut tx,
                actor,
                AuditAction::ReadChildRecord,
                Some(id),
                None,
                "",
            )
            .await?;
        }
        tx.commit().await?;
        Ok(rec)
    }

    /// Searches children by name, id or date of birth (YYYY-MM-DD or DD/MM/YYYY), a page
    /// at a time, auditing that a list naming children was shown.
    pub async fn search_children(
        &self,
        access: &Access,
        query: &str,
        limit: u32,
        offset: u32,
    ) -> Result<ChildList, StoreError> {
        let actor = access.actor();
        let (mut cond, mut params) = search_condition(query);
        scope_condition(access, &mut cond, &mut params);
        let mut tx = self.begin().await?;
        let total = tx
            .fetch_all(
                &format!("SELECT COUNT(*) AS n FROM people p WHERE {cond}"),
                &params,
            )
            .await?;
        let total = total.first().map(|r| r.int("n")).transpose()?.unwrap_or(0);
        let n = params.len();
        params.push(i64::from(limit).into());
        params.push(i64::from(offset).into());
        let sql = format!(
            "SELECT p.id, p.forename, p.surname, p.date_of_birth FROM people p WHERE {cond} ORDER BY p.surname, p.forename, p.id LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let rows = tx.fetch_all(&sql, &params).await?;
        let mut children = Vec::with_capacity(rows.len());
        for r in &rows {
            children.push(ChildListEntry {
                id: PersonId::read(r, "people", "id")?,
                name: format!("{} {}", r.text("forename")?, r.text("surname")?),
                date_of_birth: r.opt_date("date_of_birth")?,
                status: ChildStatus::Closed,
                worker: None,
                team: None,
                held_on_duty: false,
            });
        }
        fill_status(&mut tx, &mut children).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ListChildren,
            None,
            None,
            &format!("{} children shown", children.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(ChildList {
            children,
            total: u64::try_from(total).unwrap_or(0),
        })
    }
}

/// Works out status, worker and team for a page of children with a few set queries.
async fn fill_status(tx: &mut Tx, children: &mut [ChildListEntry]) -> Result<(), StoreError> {
    if children.is_empty() {
        return Ok(());
    }
    let ids: Vec<Value> = children.iter().map(|c| c.id.to_value()).collect();
    let ph = placeholders(1, ids.len());
    let mut status: HashMap<String, ChildStatus> = HashMap::new();
    let checks = [
        ("periods_of_care", ChildStatus::LookedAfter),
        ("cp_plans", ChildStatus::ChildProtectionPlan),
        ("cin_plans", ChildStatus::ChildInNeedPlan),
        ("referrals", ChildStatus::OpenReferral),
        ("care_leavers", ChildStatus::CareLeaver),
        ("early_help_episodes", ChildStatus::EarlyHelp),
    ];
    for (table, s) in checks {
        let end = if table == "referrals" {
            "closure_date"
        } else {
            "end_date"
        };
        let sql = format!(
            "SELECT DISTINCT child_id FROM {table} WHERE child_id IN ({ph}) AND {end} IS NULL"
        );
        for r in tx.fetch_all(&sql, &ids).await? {
            let id = r.text("child_id")?;
            let e = status.entry(id).or_insert(s);
            *e = (*e).min(s);
        }
    }
    let sql = format!(
        "SELECT a.child_id, a.role, w.forename, w.surname, t.name AS team_name FROM allocations a \
         JOIN teams t ON t.id = a.team_id LEFT JOIN workers w ON w.id = a.worker_id \
         WHERE a.child_id IN ({ph}) AND a.end_date IS NULL ORDER BY a.start_date"
    );
    // The list names who holds the case: the allocated social worker, else the
    // personal adviser. An IRO reviews the case but does not hold it.
    let mut alloc: HashMap<String, (u8, Option<String>, String)> = HashMap::new();
    for r in tx.fetch_all(&sql, &ids).await? {
        let priority = match AllocationRole::read(&r, "allocations", "role")? {
            AllocationRole::AllocatedSocialWorker => 2,
            AllocationRole::PersonalAdviser => 1,
            AllocationRole::IndependentReviewingOfficer => continue,
        };
        let worker = match (r.opt_text("forename")?, r.opt_text("surname")?) {
            (Some(f), Some(s)) => Some(format!("{f} {s}")),
            _ => None,
        };
        let child = r.text("child_id")?;
        // Rows come oldest first, so a later allocation of the same kind wins.
        if alloc.get(&child).is_none_or(|(p, _, _)| priority >= *p) {
            alloc.insert(child, (priority, worker, r.text("team_name")?));
        }
    }
    for c in children.iter_mut() {
        c.status = status
            .get(c.id.as_str())
            .copied()
            .unwrap_or(ChildStatus::Closed);
        if let Some((_, worker, team)) = alloc.remove(c.id.as_str()) {
            c.held_on_duty = worker.is_none() && c.status != ChildStatus::Closed;
            c.worker = worker;
            c.team = Some(team);
        }
    }
    Ok(())
}

/// Every row of one kind of record for the children matching `child_cond` (a condition
/// on `people p`), grouped by child.
async fn load_grouped<T: Table>(
    tx: &mut Tx,
    child_cond: &str,
    params: &[Value],
) -> Result<HashMap<String, Vec<T>>, StoreError> {
    let sql = format!(
        "SELECT {} FROM {} WHERE child_id IN (SELECT p.id FROM people p WHERE {child_cond}) ORDER BY child_id, id",
        T::COLUMNS.join(", "),
        T::TABLE
    );
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    for row in tx.fetch_all(&sql, params).await? {
        let child = row.text("child_id")?;
        out.entry(child).or_default().push(T::from_row(&row)?);
    }
    Ok(out)
}

/// The journey records (not relatives or assessment factors) of every child matching
/// `child_cond`, a condition on `people p`: one query per kind of record, not per
/// child. Strategy discussions carry their agencies (the findings read them).
pub(crate) async fn load_journeys(
    tx: &mut Tx,
    child_cond: &str,
    params: &[Value],
) -> Result<Vec<ChildRecord>, StoreError> {
    // Work out which children once, into a temporary table, rather than re-evaluating
    // the condition in every one of the forty queries below.
    let create = match tx.engine() {
        crate::Engine::Sqlite => {
            "CREATE TEMP TABLE IF NOT EXISTS journey_children (id TEXT PRIMARY KEY)"
        }
        crate::Engine::Postgres => {
            "CREATE TEMP TABLE IF NOT EXISTS journey_children (id TEXT PRIMARY KEY) ON COMMIT DELETE ROWS"
        }
    };
    tx.execute(create, &[]).await?;
    tx.execute("DELETE FROM journey_children", &[]).await?;
    tx.execute(
        &format!("INSERT INTO journey_children (id) SELECT p.id FROM people p WHERE {child_cond}"),
        params,
    )
    .await?;
    let child_cond = "p.id IN (SELECT id FROM journey_children)";
    let params: &[Value] = &[];
    let children = load_people(tx, child_cond, params).await?;
    let mut records: HashMap<String, ChildRecord> = children
        .into_iter()
        .map(|c| (c.id.as_str().to_owned(), ChildRecord::new(c)))
        .collect();
    macro_rules! each {
        ($($field:ident),+ $(,)?) => {$(
            for (child, items) in load_grouped(tx, child_cond, params).await? {
                if let Some(rec) = records.get_mut(&child) {
                    rec.$field = items;
                }
            }
        )+};
    }
    caseline_domain::for_each_journey_list!(each);
    let sql = format!(
        "SELECT a.strategy_discussion_id, a.agency, a.invited, a.attended, a.contributed \
         FROM strategy_discussion_agencies a JOIN strategy_discussions s ON s.id = a.strategy_discussion_id \
         WHERE s.child_id IN (SELECT p.id FROM people p WHERE {child_cond}) ORDER BY a.strategy_discussion_id, a.agency"
    );
    let mut agencies: HashMap<String, Vec<AgencyParticipation>> = HashMap::new();
    for r in tx.fetch_all(&sql, params).await? {
        agencies
            .entry(r.text("strategy_discussion_id")?)
            .or_default()
            .push(AgencyParticipation {
                agency: Agency::read(&r, "strategy_discussion_agencies", "agency")?,
                invited: r.bool("invited")?,
                attended: r.bool("attended")?,
                contributed: r.bool("contributed")?,
            });
    }
    let mut out: Vec<ChildRecord> = records.into_values().collect();
    for rec in &mut out {
        for s in &mut rec.strategy_discussions {
            if let Some(a) = agencies.remove(s.id.as_str()) {
                s.agencies = a;
            }
        }
    }
    out.sort_by(|a, b| a.child.id.cmp(&b.child.id));
    tx.execute("DELETE FROM journey_children", &[]).await?;
    Ok(out)
}
