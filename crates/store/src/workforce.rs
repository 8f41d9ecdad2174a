//! Teams and workers.

use caseline_domain::ValidationError;
use caseline_domain::workforce::{Team, Worker};

use crate::audit::{Actor, AuditAction, record_audit};
use crate::tables::Table;
use crate::write::insert_all;
use crate::{Db, StoreError};

impl Db {
    /// Writes teams and workers in one transaction (teams first, parents before children).
    pub async fn insert_workforce(
        &self,
        actor: &Actor,
        teams: &[Team],
        workers: &[Worker],
    ) -> Result<(), StoreError> {
        for w in workers {
            w.validate()?;
            if !teams.iter().any(|t| t.id == w.team_id) {
                let known = self
                    .fetch_optional(
                        "SELECT id FROM teams WHERE id = $1",
                        &[w.team_id.as_str().into()],
                    )
                    .await?;
                if known.is_none() {
                    return Err(ValidationError::new(
                        "worker",
                        &w.id,
                        "team_id",
                        format!("refers to team '{}', which is not on the system", w.team_id),
                    )
                    .into());
                }
            }
        }
        let mut tx = self.begin().await?;
        // Parents first so the self-reference holds.
        let (roots, children): (Vec<&Team>, Vec<&Team>) =
            teams.iter().partition(|t| t.parent_id.is_none());
        insert_all(&mut tx, roots).await?;
        insert_all(&mut tx, children).await?;
        insert_all(&mut tx, workers).await?;
        crate::work::mark_everything_changed(&mut tx).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::WriteWorkforce,
            None,
            None,
            &format!("{} teams, {} workers", teams.len(), workers.len()),
        )
        .await?;
        tx.commit().await
    }

    /// All teams, by name.
    pub async fn teams(&self) -> Result<Vec<Team>, StoreError> {
        let sql = format!(
            "SELECT {} FROM teams ORDER BY name",
            Team::COLUMNS.join(", ")
        );
        self.fetch_all(&sql, &[])
            .await?
            .iter()
            .map(Team::from_row)
            .collect()
    }

    /// All workers, by surname.
    pub async fn workers(&self) -> Result<Vec<Worker>, StoreError> {
        let sql = format!(
            "SELECT {} FROM workers ORDER BY surname, forename, id",
            Worker::COLUMNS.join(", ")
        );
        self.fetch_all(&sql, &[])
            .await?
            .iter()
            .map(Worker::from_row)
            .collect()
    }

    /// Number of children on the system (for deciding whether to load demo data).
    pub async fn count_children(&self) -> Result<u64, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT COUNT(*) AS n FROM people WHERE kind = $1",
                &["CHILD".into()],
            )
            .await?;
        Ok(row
            .map(|r| r.int("n"))
            .transpose()?
            .map_or(0, |n| u64::try_from(n).unwrap_or(0)))
    }
}

impl Db {
    /// Open allocations per worker, largest caseload first.
    pub async fn open_caseloads(
        &self,
    ) -> Result<Vec<(caseline_domain::WorkerId, u64)>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT worker_id, COUNT(*) AS n FROM allocations WHERE end_date IS NULL AND worker_id IS NOT NULL GROUP BY worker_id ORDER BY n DESC, worker_id",
                &[],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    crate::columns::Column::read(r, "allocations", "worker_id")?,
                    u64::try_from(r.int("n")?).unwrap_or(0),
                ))
            })
            .collect()
    }

    /// Number of user accounts.
    pub async fn count_users(&self) -> Result<u64, StoreError> {
        let row = self
            .fetch_optional("SELECT COUNT(*) AS n FROM users", &[])
            .await?;
        Ok(row
            .map(|r| r.int("n"))
            .transpose()?
            .map_or(0, |n| u64::try_from(n).unwrap_or(0)))
    }
}

impl Db {
    /// The first `n` children by id (for setting up samples; names nobody).
    pub async fn child_ids(&self, n: u32) -> Result<Vec<caseline_domain::PersonId>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT id FROM people WHERE kind = $1 ORDER BY id LIMIT $2",
                &["CHILD".into(), i64::from(n).into()],
            )
            .await?;
        rows.iter()
            .map(|r| crate::columns::Column::read(r, "people", "id"))
            .collect()
    }
}
