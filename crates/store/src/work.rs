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

/// Marks, within `tx`, that something a clock or finding reads has changed.
pub(crate) async fn bump_journey_version(tx: &mut Tx) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE journey_version SET version = version + 1 WHERE id = 1",
        &[],
    )
    .await?;
    Ok(())
}

async fn journey_version(tx: &mut Tx) -> Result<i64, StoreError> {
    let rows = tx
        .fetch_all("SELECT version FROM journey_version WHERE id = 1", &[])
        .await?;
    rows.first().map_or(Ok(0), |r| r.int("version"))
}

impl Db {
    /// A number that changes whenever a child's record, the workforce or the calendar
    /// is written: a work picture computed at one version is current while it holds.
    pub async fn journey_version(&self) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        let v = journey_version(&mut tx).await?;
        tx.commit().await?;
        Ok(v)
    }

    /// Every child with open work on `today` (open referral, plan, period of care,
    /// leaving-care support, private fostering arrangement, LADO allegation or undecided
    /// contact), with the journey records clocks and findings read, and the version they
    /// were read at. For the system's own work picture, which pages filter to each
    /// viewer with [`Db::open_case_ids`]; audited as one export.
    pub async fn all_open_cases(
        &self,
        actor: &Actor,
        today: Date,
    ) -> Result<(i64, Vec<ChildRecord>), StoreError> {
        let mut tx = self.begin().await?;
        // Read the version first: a write landing during the load makes the picture
        // newer than its version says, never older, so it is recomputed next time.
        let version = journey_version(&mut tx).await?;
        let params = [PersonKind::Child.to_value(), today.into()];
        let records = load_journeys(&mut tx, &open_condition(), &params).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ExportAll,
            None,
            None,
            &format!("work picture: {} open cases", records.len()),
        )
        .await?;
        tx.commit().await?;
        Ok((version, records))
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
