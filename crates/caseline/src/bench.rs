//! `caseline bench`: how long generating and loading a synthetic authority takes, how
//! big the database gets and how much memory the process needed. Figures, not
//! assertions: targets are judged by people reading the output, never by timed tests.

use std::time::Instant;

use caseline_store::Db;
use caseline_synth::{Generator, SynthConfig};

use crate::load::load_synthetic;

/// Peak resident memory of this process so far, in MiB (Linux).
pub fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn config(children: usize) -> SynthConfig {
    let mut c = SynthConfig::demo(jiff::civil::date(2026, 11, 20));
    c.children = children;
    c.seed = 2026;
    c
}

/// Runs the benchmark and prints the figures.
pub async fn run(children: usize, postgres: Option<&str>) -> anyhow::Result<()> {
    let started = Instant::now();
    let generator = Generator::new(config(children));
    let mut events = 0usize;
    for i in 0..children {
        let r = generator.child(i);
        events += r.contacts.len()
            + r.referrals.len()
            + r.assessments.len()
            + r.visits.len()
            + r.care_episodes.len();
    }
    let gen_secs = started.elapsed().as_secs_f64();
    println!(
        "generate only: {children} children ({events} contacts/referrals/assessments/visits/episodes) in {gen_secs:.2} s"
    );

    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let path_str = path.to_str().unwrap_or("bench.db");
    let db = Db::open(path_str).await?;
    let report = load_synthetic(&db, config(children)).await?;
    db.close().await;
    let size: u64 = ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{path_str}{s}")).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "sqlite: generate + write {} children in {:.1} s; database {:.1} MiB",
        report.children,
        report.seconds,
        size as f64 / (1024.0 * 1024.0)
    );
    if let Some(url) = postgres {
        let db = Db::open(url).await?;
        anyhow::ensure!(
            db.count_children().await? == 0,
            "bench --postgres needs a fresh, empty database: this one already holds children"
        );
        let report = load_synthetic(&db, config(children)).await?;
        db.close().await;
        println!(
            "postgres: generate + write {} children in {:.1} s",
            report.children, report.seconds
        );
    }
    println!(
        "peak memory (VmHWM): {} MiB",
        peak_rss_mib().map_or("?".to_owned(), |m| m.to_string())
    );
    Ok(())
}
