//! The authority's child population: the ONS mid-year estimates an administrator
//! sets, one per mid-year, that rates per 10,000 divide by.

use caseline_domain::population::{ChildPopulation, PopulationEstimate};

use crate::audit::{Actor, AuditAction, record_audit};
use crate::{Db, StoreError, Value};

impl Db {
    /// Every estimate stored, oldest first.
    pub async fn child_population(&self) -> Result<ChildPopulation, StoreError> {
        let mut estimates = Vec::new();
        for row in self
            .fetch_all(
                "SELECT mid_year, children, source FROM child_population_estimates ORDER BY mid_year",
                &[],
            )
            .await?
        {
            let decode = |col: &str, e: std::num::TryFromIntError| StoreError::decode(col, e);
            let mid_year = i16::try_from(row.int("mid_year")?).map_err(|e| decode("mid_year", e))?;
            let children = u32::try_from(row.int("children")?).map_err(|e| decode("children", e))?;
            estimates.push(
                PopulationEstimate::new(mid_year, children, &row.text("source")?)
                    .map_err(StoreError::from)?,
            );
        }
        Ok(ChildPopulation::new(estimates))
    }

    /// Sets the estimate for its mid-year, replacing any stored for that year: one
    /// transaction with its audit entry, and every cached picture recomputed.
    pub async fn set_child_population(
        &self,
        actor: &Actor,
        estimate: &PopulationEstimate,
    ) -> Result<(), StoreError> {
        // Checked again here: a caller may have built the estimate by hand.
        let e = PopulationEstimate::new(estimate.mid_year, estimate.children, &estimate.source)?;
        let mut tx = self.begin().await?;
        crate::work::mark_everything_changed(&mut tx).await?;
        tx.execute(
            "DELETE FROM child_population_estimates WHERE mid_year = $1",
            &[Value::Int(e.mid_year.into())],
        )
        .await?;
        tx.execute(
            "INSERT INTO child_population_estimates (mid_year, children, source, changed_by) VALUES ($1, $2, $3, $4)",
            &[
                Value::Int(e.mid_year.into()),
                Value::Int(e.children.into()),
                e.source.as_str().into(),
                actor.user.as_str().into(),
            ],
        )
        .await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ChangeChildPopulation,
            None,
            None,
            &format!(
                "set mid-{}: {} children aged 0 to 17 ({})",
                e.mid_year, e.children, e.source
            ),
        )
        .await?;
        tx.commit().await
    }

    /// Removes the estimate for `mid_year` (one entered under the wrong year);
    /// `false` if there was none.
    pub async fn remove_child_population(
        &self,
        actor: &Actor,
        mid_year: i16,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let removed = tx
            .execute(
                "DELETE FROM child_population_estimates WHERE mid_year = $1",
                &[Value::Int(mid_year.into())],
            )
            .await?;
        if removed == 0 {
            return Ok(false);
        }
        crate::work::mark_everything_changed(&mut tx).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ChangeChildPopulation,
            None,
            None,
            &format!("removed mid-{mid_year}"),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
