//! Loading a synthetic authority into a database, in batches so memory stays flat.

use std::time::Instant;

use caseline_store::{Actor, Db};
use caseline_synth::{Generator, SynthConfig};

/// Children written per transaction.
const BATCH: usize = 1_000;

/// What a load did.
pub struct LoadReport {
    /// Children written.
    pub children: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Generates and stores a synthetic authority: its child population and postcode
/// centroids, as an administrator would set them for a real one, the workforce, then
/// children in batches, each batch one transaction.
pub async fn load_synthetic(db: &Db, config: SynthConfig) -> anyhow::Result<LoadReport> {
    let started = Instant::now();
    let actor = Actor::new("synthetic-data-generator");
    let n = config.children;
    let generator = Generator::new(config);
    for estimate in generator.child_population() {
        db.set_child_population(&actor, &estimate).await?;
    }
    db.import_centroids(
        &actor,
        &generator.centroids(),
        "the synthetic authority's districts",
    )
    .await?;
    let workforce = generator.workforce();
    db.insert_workforce(&actor, &workforce.teams, &workforce.workers)
        .await?;
    let mut start = 0;
    while start < n {
        let end = (start + BATCH).min(n);
        let batch: Vec<_> = (start..end).map(|i| generator.child(i)).collect();
        db.insert_child_records(&actor, &batch).await?;
        start = end;
    }
    Ok(LoadReport {
        children: n,
        seconds: started.elapsed().as_secs_f64(),
    })
}
