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

/// Computes every clock and finding (the whole work picture) for `children` generated
/// children, one at a time so memory stays flat; prints events per second, the compute
/// time alone, and peak memory.
fn bench_clocks(children: usize) {
    use caseline_domain::work::{WorkSettings, Workforce};
    let generator = Generator::new(config(children));
    let today = jiff::civil::date(2026, 11, 20);
    let now: jiff::Timestamp = "2026-11-20T17:00:00Z"
        .parse()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let calendar = caseline_domain::calendar::WorkingDayCalendar::england_and_wales();
    let w = generator.workforce();
    let workforce = Workforce::new(w.teams.clone(), w.workers.clone());
    let settings = WorkSettings {
        today,
        now,
        calendar: &calendar,
        clocks: Default::default(),
        findings: Default::default(),
    };
    let (mut clocks, mut findings, mut open, mut events) = (0usize, 0usize, 0usize, 0usize);
    let mut compute = std::time::Duration::ZERO;
    let started = Instant::now();
    for i in 0..children {
        let r = generator.child(i);
        events += dated_events(&r);
        open += usize::from(r.has_open_work(today));
        let t = Instant::now();
        // What `case_work` does, keeping the count of every clock (it keeps only the
        // running ones).
        let all = caseline_domain::clocks::clocks_for(&r, today, now, &calendar, settings.clocks);
        let found =
            caseline_domain::findings::findings_for(&r, &all, today, settings.findings, &|w| {
                workforce.is_manager(w)
            });
        compute += t.elapsed();
        clocks += all.len();
        findings += found.len();
    }
    let secs = compute.as_secs_f64();
    println!(
        "work picture: {children} children ({open} open cases, {events} dated events) -> {clocks} clocks and {findings} findings in {secs:.2} s ({:.0} events/s; {:.1} s with generation; peak memory {} MiB)",
        events as f64 / secs.max(1e-9),
        started.elapsed().as_secs_f64(),
        peak_rss_mib().map_or("?".to_owned(), |m| m.to_string())
    );
}

/// The dated events a child's record holds (what the clocks and findings read).
fn dated_events(r: &caseline_domain::ChildRecord) -> usize {
    r.contacts.len()
        + r.referrals.len()
        + r.assessments.len()
        + r.strategy_discussions.len()
        + r.section_47_enquiries.len()
        + r.cp_plans.len()
        + r.cin_plans.len()
        + r.conferences.len()
        + r.core_groups.len()
        + r.plan_actions.len()
        + r.visits.len()
        + r.allocations.len()
        + r.periods_of_care.len()
        + r.care_episodes.len()
        + r.care_plans.len()
        + r.looked_after_reviews.len()
        + r.health_checks.len()
        + r.peps.len()
        + r.missing_episodes.len()
        + r.permanence.len()
        + r.care_leaver.len()
        + r.pathway_plan_reviews.len()
        + r.private_fostering.len()
        + r.lado_allegations.len()
}

/// The work picture recomputed from a database: the open cases loaded as the work
/// views load them, then every clock and finding.
async fn bench_picture_from(db: &Db, engine: &str) -> anyhow::Result<()> {
    use caseline_domain::work::{WorkSettings, Workforce, cases_work};
    let today = jiff::civil::date(2026, 11, 20);
    let t = Instant::now();
    let (_, records) = db
        .all_open_cases(&caseline_store::Actor::new("bench"), today)
        .await?;
    let workforce = Workforce::new(db.teams().await?, db.workers().await?);
    let calendar = db.calendar().await?;
    let loaded = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let settings = WorkSettings {
        today,
        now: "2026-11-20T17:00:00Z".parse()?,
        calendar: &calendar,
        clocks: Default::default(),
        findings: Default::default(),
    };
    let cases = cases_work(&records, &workforce, &settings);
    let clocks: usize = cases.iter().map(|c| c.clocks.len()).sum();
    let findings: usize = cases.iter().map(|c| c.findings.len()).sum();
    println!(
        "{engine}: work picture from the database: {} open cases loaded in {loaded:.2} s, {clocks} running clocks and {findings} findings computed in {:.3} s",
        cases.len(),
        t.elapsed().as_secs_f64()
    );
    // The performance picture: every child's record, then every indicator for the year.
    let t = Instant::now();
    let (_, all) = db
        .unrestricted_journeys(&caseline_store::Actor::new("bench"))
        .await?;
    let population = db.child_population().await?;
    let centroids = db
        .centroids_for(&caseline_domain::looked_after::episode_postcodes(&all))
        .await?;
    let loaded = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let input = caseline_domain::indicators::Input {
        records: &all,
        window: caseline_domain::indicators::Window::year_to(today),
        calendar: &calendar,
        workforce: &workforce,
        population: &population,
        centroids: &centroids,
    };
    let mut slowest = ("", 0.0f64);
    for ind in caseline_domain::indicators::all() {
        let i = Instant::now();
        let _ = (ind.compute)(&input);
        let s = i.elapsed().as_secs_f64();
        if s > slowest.1 {
            slowest = (ind.id, s);
        }
    }
    println!(
        "{engine}: performance picture: {} children loaded in {loaded:.2} s; all {} indicators for the year in {:.2} s (slowest {} {:.3} s)",
        all.len(),
        caseline_domain::indicators::all().len(),
        t.elapsed().as_secs_f64(),
        slowest.0,
        slowest.1
    );
    Ok(())
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
    bench_picture_from(&db, "sqlite").await?;
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
        println!(
            "postgres: generate + write {} children in {:.1} s",
            report.children, report.seconds
        );
        bench_picture_from(&db, "postgres").await?;
        db.close().await;
    }
    println!(
        "peak memory (VmHWM): {} MiB",
        peak_rss_mib().map_or("?".to_owned(), |m| m.to_string())
    );
    Ok(())
}
