//! Postcode centroids: where full postcodes, sectors and districts are on the British
//! National Grid, imported from the ONS Postcode Directory (or made by the synthetic
//! generator for its fictional districts), for the 903 distance from home to placement.

use std::collections::BTreeSet;

use caseline_domain::geography::{Area, Centroids, GridRef};
use caseline_domain::values::Postcode;

use crate::audit::{Actor, AuditAction, record_audit};
use crate::write::insert_values;
use crate::{Db, StoreError, Value};

/// Areas asked for per query: well under either engine's limit on bound parameters.
const KEYS_PER_QUERY: usize = 500;

/// Centroids turned into bound values at a time when importing.
const ROWS_PER_SLICE: usize = 10_000;

/// What an import left held, at each precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CentroidCounts {
    /// Full postcodes.
    pub postcodes: u64,
    /// Postcode sectors.
    pub sectors: u64,
    /// Postcode districts.
    pub districts: u64,
}

impl Db {
    /// The centroids that can place `postcodes`: each one's own, its sector's and its
    /// district's, where held. Loading only these keeps a picture's memory small when
    /// the whole directory (2.7 million postcodes) is stored.
    pub async fn centroids_for(&self, postcodes: &[&Postcode]) -> Result<Centroids, StoreError> {
        let keys: BTreeSet<String> = postcodes
            .iter()
            .flat_map(|p| {
                [
                    Area::postcode(p).as_str().to_owned(),
                    Area::sector_of(p).as_str().to_owned(),
                    Area::district_of(p).as_str().to_owned(),
                ]
            })
            .collect();
        let keys: Vec<String> = keys.into_iter().collect();
        let mut out = Centroids::default();
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT area, kind, easting, northing FROM postcode_centroids WHERE area IN ({})",
                placeholders.join(", ")
            );
            let params: Vec<Value> = chunk.iter().map(|k| k.as_str().into()).collect();
            for row in self.fetch_all(&sql, &params).await? {
                let (area, at) = centroid(&row)?;
                out.insert(&area, at);
            }
        }
        Ok(out)
    }

    /// How many centroids are held, at each precision.
    pub async fn centroid_counts(&self) -> Result<CentroidCounts, StoreError> {
        let mut counts = CentroidCounts::default();
        for row in self
            .fetch_all(
                "SELECT kind, COUNT(*) AS n FROM postcode_centroids GROUP BY kind",
                &[],
            )
            .await?
        {
            let n = u64::try_from(row.int("n")?).unwrap_or(0);
            match row.text("kind")?.as_str() {
                "postcode" => counts.postcodes = n,
                "sector" => counts.sectors = n,
                _ => counts.districts = n,
            }
        }
        Ok(counts)
    }

    /// Stores every centroid in `centroids`, replacing any held for the same area,
    /// in one transaction with its audit entry (`from` names the file or source), and
    /// every cached picture recomputed.
    pub async fn import_centroids(
        &self,
        actor: &Actor,
        centroids: &Centroids,
        from: &str,
    ) -> Result<(), StoreError> {
        let (postcodes, sectors, districts) = centroids.counts();
        let mut tx = self.begin().await?;
        crate::work::mark_everything_changed(&mut tx).await?;
        // Written a slice at a time: a whole directory as bound values at once would
        // take several times the memory of the centroids themselves.
        let mut all = centroids.iter().peekable();
        while all.peek().is_some() {
            let rows: Vec<Vec<Value>> = all
                .by_ref()
                .take(ROWS_PER_SLICE)
                .map(|(area, precision, at)| {
                    vec![
                        area.into(),
                        precision.code().into(),
                        Value::Int(at.easting().into()),
                        Value::Int(at.northing().into()),
                    ]
                })
                .collect();
            insert_values(
                &mut tx,
                "postcode_centroids",
                &["area", "kind", "easting", "northing"],
                rows,
                " ON CONFLICT (area) DO UPDATE SET kind = excluded.kind, easting = excluded.easting, northing = excluded.northing",
            )
            .await?;
        }
        record_audit(
            &mut tx,
            actor,
            AuditAction::ImportPostcodeCentroids,
            None,
            None,
            &format!("{postcodes} postcodes, {sectors} sectors, {districts} districts from {from}"),
        )
        .await?;
        tx.commit().await
    }
}

fn centroid(row: &crate::Row) -> Result<(Area, GridRef), StoreError> {
    let text = row.text("area")?;
    let kind = row.text("kind")?;
    let area = Area::parse(&text)
        .filter(|a| a.precision().code() == kind)
        .ok_or_else(|| StoreError::decode("area", format!("'{text}' is not a {kind}")))?;
    let coordinate = |col: &str| -> Result<u32, StoreError> {
        u32::try_from(row.int(col)?).map_err(|e| StoreError::decode(col, e))
    };
    let at = GridRef::new(coordinate("easting")?, coordinate("northing")?)
        .ok_or_else(|| StoreError::decode("easting", "is off the British National Grid"))?;
    Ok((area, at))
}
