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

/// Computes every clock for `children` generated children, one at a time so memory
/// stays flat; prints clocks per second, the clock time alone, and peak memory.
fn bench_clocks(children: usize) {
    let generator = Generator::new(config(children));
    let today = jiff::civil::date(2026, 11, 20);
    let now: jiff::Timestamp = "2026-11-20T17:00:00Z"
        .parse()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let calendar = caseline_domain::calendar::WorkingDayCalendar::england_and_wales();
    let settings = caseline_domain::clocks::ClockSettings::default();
    let (mut clocks, mut open, mut events) = (0usize, 0usize, 0usize);
    let mut clock_time = std::time::Duration::ZERO;
    let started = Instant::now();
    for i in 0..children {
        let r = generator.child(i);
        events += r.contacts.len()
            + r.assessments.len()
            + r.section_47_enquiries.len()
            + r.cp_plans.len()
            + r.conferences.len()
            + r.core_groups.len()
            + r.periods_of_care.len()
            + r.looked_after_reviews.len()
            + r.missing_episodes.len();
        open += usize::from(r.status_on(today) != caseline_domain::status::ChildStatus::Closed);
        let t = Instant::now();
        clocks += caseline_domain::clocks::clocks_for(&r, today, now, &calendar, settings).len();
        clock_time += t.elapsed();
    }
    let secs = clock_time.as_secs_f64();
    println!(
        "clocks: {children} children ({open} open cases, {events} dated events) -> {clocks} clocks in {secs:.2} s ({:.0} events/s; {:.1} s with generation)",
        events as f64 / secs.max(1e-9),
        started.elapsed().as_secs_f64()
    );
}

/// Runs the benchmark and prints the figures.
pub async fn run(
    children: usize,
    postgres: Option<&str>,
    clock_children: &[usize],
) -> anyhow::Result<()> {
    for &n in clock_children {
        bench_clocks(n);
    }
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
    let t = Instant::now();
    let records = db
        .all_child_records(&caseline_store::Actor::new("bench"))
        .await?;
    let loaded = t.elapsed().as_secs_f64();
    let calendar = db.calendar().await?;
    let t = Instant::now();
    let today = jiff::civil::date(2026, 11, 20);
    let now: jiff::Timestamp = "2026-11-20T17:00:00Z".parse()?;
    let clocks: usize = records
        .iter()
        .map(|r| {
            caseline_domain::clocks::clocks_for(r, today, now, &calendar, Default::default()).len()
        })
        .sum();
    println!(
        "sqlite: clocks recomputed from the database: load {loaded:.2} s + compute {:.2} s for {clocks} clocks",
        t.elapsed().as_secs_f64()
    );
    drop(records);
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
