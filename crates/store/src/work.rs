//! The open cases behind the work views: every child in a worker's, a team's or the
//! whole authority's open work, narrowed to what the viewer may see, loaded with the
//! journey records the clocks and findings read. Read afresh on every request, so a
//! write shows on the next page load.

use caseline_domain::codes::PersonKind;
use caseline_domain::{ChildRecord, PersonId, TeamId, WorkerId};
use jiff::civil::Date;

use crate::access::Access;
use crate::audit::{Actor, AuditAction, record_audit};
use crate::children::{load_journeys, scope_condition};
use crate::columns::Column;
use crate::{Db, StoreError, Tx, Value};

/// Whose open work to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkScope {
    /// Children with an open allocation to this worker.
    Worker(WorkerId),
    /// Children held by this team, or referred to it and awaiting allocation.
    Team(TeamId),
    /// Every open case in the authority.
    Authority,
}

/// The SQL condition (on `people p`) for children with open work on `$2` (`$1` is the
/// child person kind).
fn open_condition() -> String {
    let open = |table: &str, end: &str| {
        format!("p.id IN (SELECT child_id FROM {table} WHERE {end} IS NULL OR {end} >= $2)")
    };
    format!(
        "p.kind = $1 AND ({})",
        [
            open("referrals", "closure_date"),
            open("cp_plans", "end_date"),
            open("cin_plans", "end_date"),
            open("periods_of_care", "end_date"),
            open("care_leavers", "end_date"),
            open("private_fostering_arrangements", "end_date"),
            open("lado_allegations", "closed_date"),
            "p.id IN (SELECT child_id FROM contacts WHERE decided_at IS NULL)".to_owned(),
        ]
        .join(" OR ")
    )
}

/// Where the journey data stands, for knowing when a cached work picture is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JourneyState {
    /// Moves on every write that can change a clock or finding.
    pub version: i64,
    /// The last version at which something touching every child changed (the
    /// workforce, the bank holiday calendar): a picture older than this is recomputed
    /// whole.
    pub everything_version: i64,
}

async fn next_version(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.execute(
        "UPDATE journey_version SET version = version + 1 WHERE id = 1",
        &[],
    )
    .await?;
    Ok(journey_state(tx).await?.version)
}

/// Children (`$1` is the child person kind) whose records are not restricted.
const UNRESTRICTED: &str = "p.kind = $1 AND p.id NOT IN (SELECT child_id FROM restricted_records)";

/// Marks, within `tx`, a change that touches every child's clocks (workforce, calendar).
pub(crate) async fn mark_everything_changed(tx: &mut Tx) -> Result<(), StoreError> {
    let v = next_version(tx).await?;
    tx.execute(
        "UPDATE journey_version SET everything_version = $1 WHERE id = 1",
        &[Value::Int(v)],
    )
    .await?;
    Ok(())
}

/// Marks, within `tx`, that these children's records changed.
pub(crate) async fn mark_children_changed(
    tx: &mut Tx,
    children: &[&PersonId],
) -> Result<(), StoreError> {
    let v = next_version(tx).await?;
    for chunk in children.chunks(400) {
        let mut params: Vec<Value> = vec![Value::Int(v)];
        let rows: Vec<String> = chunk
            .iter()
            .map(|id| {
                params.push(id.to_value());
                format!("(${}, $1)", params.len())
            })
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO child_changes (child_id, version) VALUES {} \
                 ON CONFLICT (child_id) DO UPDATE SET version = excluded.version",
                rows.join(", ")
            ),
            &params,
        )
        .await?;
    }
    Ok(())
}

async fn journey_state(tx: &mut Tx) -> Result<JourneyState, StoreError> {
    let rows = tx
        .fetch_all(
            "SELECT version, everything_version FROM journey_version WHERE id = 1",
            &[],
        )
        .await?;
    match rows.first() {
        Some(r) => Ok(JourneyState {
            version: r.int("version")?,
            everything_version: r.int("everything_version")?,
        }),
        None => Ok(JourneyState {
            version: 0,
            everything_version: 0,
        }),
    }
}

impl Db {
    /// Where the journey data stands: a work picture computed at one state is current
    /// while it holds.
    pub async fn journey_state(&self) -> Result<JourneyState, StoreError> {
        let mut tx = self.begin().await?;
        let v = journey_state(&mut tx).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// The journey records of the children matching `cond` (on `people p`, with
    /// `params`), only those changed after version `since` when given, with the state
    /// read first and the changed children; audited as one export described by `what`.
    async fn journeys(
        &self,
        actor: &Actor,
        cond: &str,
        mut params: Vec<Value>,
        since: Option<i64>,
        what: &str,
    ) -> Result<(JourneyState, Vec<PersonId>, Vec<ChildRecord>), StoreError> {
        // A long read, so it holds no write lock: other people's sign-ins and audited
        // reads carry on while the whole authority loads.
        let mut tx = self.begin_snapshot().await?;
        // Read the state first: a write landing during the load makes the picture
        // newer than its state says, never older, so it is reloaded next time.
        let state = journey_state(&mut tx).await?;
        let mut cond = cond.to_owned();
        let mut changed = Vec::new();
        if let Some(since) = since {
            changed = tx
                .fetch_all(
                    "SELECT child_id FROM child_changes WHERE version > $1 ORDER BY child_id",
                    &[Value::Int(since)],
                )
                .await?
                .iter()
                .map(|r| PersonId::read(r, "child_changes", "child_id"))
                .collect::<Result<Vec<_>, _>>()?;
            params.push(Value::Int(since));
            cond.push_str(&format!(
                " AND p.id IN (SELECT child_id FROM child_changes WHERE version > ${})",
                params.len()
            ));
        }
        let records = load_journeys(&mut tx, &cond, &params).await?;
        tx.commit().await?;
        // Audited before anything is returned: if the audit cannot be written the
        // records are dropped unused.
        let detail = match since {
            Some(_) => format!(
                "{what}: {} changed children, {} loaded",
                changed.len(),
                records.len()
            ),
            None => format!("{what}: {} children", records.len()),
        };
        let mut audit = self.begin().await?;
        record_audit(
            &mut audit,
            actor,
            AuditAction::ExportAll,
            None,
            None,
            &detail,
        )
        .await?;
        audit.commit().await?;
        Ok((state, changed, records))
    }

    /// Every child with their journey records, for system processes that compute over
    /// the whole authority (`caseline clocks`, `caseline indicators`): one query per
    /// kind of record rather than per child. Relatives and assessment factors are not
    /// filled in. Audited as one export.
    pub async fn all_child_records(&self, actor: &Actor) -> Result<Vec<ChildRecord>, StoreError> {
        let params = vec![PersonKind::Child.to_value()];
        let (_, _, records) = self
            .journeys(actor, "p.kind = $1", params, None, "all children")
            .await?;
        Ok(records)
    }

    /// Every child with open work on `today` (open referral, plan, period of care,
    /// leaving-care support, private fostering arrangement, LADO allegation or undecided
    /// contact), with the journey records clocks and findings read, and the state they
    /// were read at. For the system's own work picture, which pages filter to each
    /// viewer with [`Db::open_case_ids`]; audited as one export.
    pub async fn all_open_cases(
        &self,
        actor: &Actor,
        today: Date,
    ) -> Result<(JourneyState, Vec<ChildRecord>), StoreError> {
        let params = vec![PersonKind::Child.to_value(), today.into()];
        let (state, _, records) = self
            .journeys(actor, &open_condition(), params, None, "work picture")
            .await?;
        Ok((state, records))
    }

    /// The children whose records changed after version `since`, with the records of
    /// those that have open work on `today`: what a cached work picture must reload.
    pub async fn open_cases_changed_since(
        &self,
        actor: &Actor,
        today: Date,
        since: i64,
    ) -> Result<(JourneyState, Vec<PersonId>, Vec<ChildRecord>), StoreError> {
        let params = vec![PersonKind::Child.to_value(), today.into()];
        self.journeys(
            actor,
            &open_condition(),
            params,
            Some(since),
            "work picture",
        )
        .await
    }

    /// Every child's journey records except restricted ones, with the state they were
    /// read at: what the performance picture is computed from, so that every count
    /// can be listed to any viewer who sees the whole authority.
    pub async fn unrestricted_journeys(
        &self,
        actor: &Actor,
    ) -> Result<(JourneyState, Vec<ChildRecord>), StoreError> {
        let params = vec![PersonKind::Child.to_value()];
        let (state, _, records) = self
            .journeys(actor, UNRESTRICTED, params, None, "performance picture")
            .await?;
        Ok((state, records))
    }

    /// The children changed after version `since`, with the current records of those
    /// not restricted: what a cached performance picture must reload.
    pub async fn unrestricted_journeys_changed_since(
        &self,
        actor: &Actor,
        since: i64,
    ) -> Result<(JourneyState, Vec<PersonId>, Vec<ChildRecord>), StoreError> {
        let params = vec![PersonKind::Child.to_value()];
        self.journeys(
            actor,
            UNRESTRICTED,
            params,
            Some(since),
            "performance picture",
        )
        .await
    }

    /// The children with open work on `today` in `scope` that the viewer may see.
    /// Audited as one list naming children, since the view that asks shows them.
    pub async fn open_case_ids(
        &self,
        access: &Access,
        scope: &WorkScope,
        today: Date,
    ) -> Result<Vec<PersonId>, StoreError> {
        let mut params: Vec<Value> = vec![PersonKind::Child.to_value(), today.into()];
        let mut cond = open_condition();
        match scope {
            WorkScope::Worker(w) => {
                params.push(w.to_value());
                cond.push_str(&format!(
                    " AND p.id IN (SELECT child_id FROM allocations WHERE worker_id = ${} AND (end_date IS NULL OR end_date >= $2))",
                    params.len()
                ));
            }
            WorkScope::Team(t) => {
                params.push(t.to_value());
                let n = params.len();
                cond.push_str(&format!(
                    " AND (p.id IN (SELECT child_id FROM allocations WHERE team_id = ${n} AND (end_date IS NULL OR end_date >= $2)) \
                     OR p.id IN (SELECT child_id FROM referrals WHERE team_id = ${n} AND (closure_date IS NULL OR closure_date >= $2)))"
                ));
            }
            WorkScope::Authority => {}
        }
        scope_condition(access, &mut cond, &mut params);
        let mut tx = self.begin().await?;
        let ids = tx
            .fetch_all(&format!("SELECT p.id FROM people p WHERE {cond}"), &params)
            .await?
            .iter()
            .map(|r| PersonId::read(r, "people", "id"))
            .collect::<Result<Vec<_>, _>>()?;
        let what = match scope {
            WorkScope::Worker(w) => format!("worker {}", w.as_str()),
            WorkScope::Team(t) => format!("team {}", t.as_str()),
            WorkScope::Authority => "the authority".to_owned(),
        };
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::ListChildren,
            None,
            None,
            &format!("work view: {} open cases of {what}", ids.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(ids)
    }
}
