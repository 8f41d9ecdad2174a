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
/// Signs in through the form as `user`; the session cookie.
async fn sign_in(client: &reqwest::Client, base: &str, user: &str) -> anyhow::Result<String> {
    let cookie_of = |h: &reqwest::header::HeaderMap, name: &str| -> anyhow::Result<String> {
        h.get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
            .find(|v| v.starts_with(&format!("{name}=")))
            .ok_or_else(|| anyhow::anyhow!("no {name} cookie"))
    };
    let form = client.get(format!("{base}/sign-in")).send().await?;
    let cookie = cookie_of(form.headers(), "caseline-sign-in")?;
    let html = form.text().await?;
    let token = html
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or_else(|| anyhow::anyhow!("no sign-in token"))?
        .to_owned();
    let response = client
        .post(format!("{base}/sign-in"))
        .header("cookie", cookie)
        .form(&[
            ("csrf_token", token.as_str()),
            ("username", user),
            ("password", crate::demo_users::DEMO_PASSWORD),
        ])
        .send()
        .await?;
    cookie_of(response.headers(), "caseline-session")
}

/// Times each dashboard page through the real server: the first load (which waits
/// for the whole authority to be loaded and worked out), then warm loads, then the
/// first load after a write to one child, which brings every kept figure up to date.
async fn bench_dashboards(db: &Db, engine: &str, children: usize) -> anyhow::Result<()> {
    let today = jiff::civil::date(2026, 11, 20);
    crate::demo_users::ensure(db).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let state = caseline_web::AppState {
        db: db.clone(),
        today: Some(today),
        authority_name: "Bench".to_owned(),
        secure_cookies: false,
        standards: Default::default(),
        targets: crate::targets::load(None)?,
        work_cache: Default::default(),
        perf_cache: Default::default(),
    };
    let started = Instant::now();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(caseline_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let session = sign_in(&client, &base, "leader.demo").await?;
    let get = |path: String| {
        let client = client.clone();
        let session = session.clone();
        let base = base.clone();
        async move {
            let t = Instant::now();
            let r = client
                .get(format!("{base}{path}"))
                .header("cookie", &session)
                .send()
                .await?;
            let status = r.status();
            let _ = r.bytes().await?;
            anyhow::ensure!(status.is_success(), "{path}: {status}");
            Ok::<f64, anyhow::Error>(t.elapsed().as_secs_f64() * 1000.0)
        }
    };
    let mut pages = vec!["/performance".to_owned()];
    for area in caseline_domain::indicators::Area::ALL {
        pages.push(format!("/performance/{}", area.code()));
    }
    for ind in caseline_domain::indicators::all() {
        pages.push(format!("/performance/indicator/{}", ind.id));
    }
    pages.push("/performance/list?indicator=CIC-VISITS-ON-TIME".to_owned());
    // The first overview waits for the load and the year's figures; the area pages
    // after it wait for the trends.
    get(pages[0].clone()).await?;
    let loaded = started.elapsed().as_secs_f64();
    for p in &pages[1..5] {
        get(p.clone()).await?;
    }
    println!(
        "{engine}: dashboards: first overview {loaded:.1} s after start (load and the year's figures), then the four area pages' 24-month trends {:.1} s",
        started.elapsed().as_secs_f64() - loaded
    );
    let time_all = |label: &'static str| {
        let pages = pages.clone();
        let get = &get;
        async move {
            let mut worst = (String::new(), 0.0f64);
            let mut sum = 0.0;
            let mut by_kind: Vec<(&str, f64)> = Vec::new();
            for p in &pages {
                let ms = get(p.clone()).await?;
                sum += ms;
                if ms > worst.1 {
                    worst = (p.clone(), ms);
                }
                let kind = if p == "/performance" {
                    "overview"
                } else if p.starts_with("/performance/indicator/") {
                    "indicator"
                } else if p.starts_with("/performance/list") {
                    "list"
                } else {
                    "area"
                };
                match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, m)) => *m = m.max(ms),
                    None => by_kind.push((kind, ms)),
                }
            }
            println!(
                "{engine}: dashboards {label}: {} pages, mean {:.1} ms, slowest {} {:.1} ms; slowest by kind: {}",
                pages.len(),
                sum / pages.len() as f64,
                worst.0,
                worst.1,
                by_kind
                    .iter()
                    .map(|(k, m)| format!("{k} {m:.1} ms"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok::<f64, anyhow::Error>(worst.1)
        }
    };
    time_all("warm").await?;
    time_all("warm again").await?;
    // Writes to one child at a time: the next page brings every kept figure up to date.
    let generator = Generator::new(config(children));
    let mut after = Vec::new();
    for n in 0..5 {
        let extra = generator.child(children + n);
        db.insert_child_records(&caseline_store::Actor::new("bench"), &[extra])
            .await?;
        after.push(format!("{:.1}", get(pages[0].clone()).await?));
    }
    println!(
        "{engine}: dashboards: the overview after each of 5 writes to one child (every kept figure and trend month brought up to date): {} ms",
        after.join(", ")
    );
    time_all("after the write").await?;
    let _ = stop.send(());
    let _ = server.await;
    Ok(())
}

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
    bench_dashboards(&db, "sqlite", children).await?;
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
        bench_dashboards(&db, "postgres", children).await?;
        db.close().await;
    }
    println!(
        "peak memory (VmHWM): {} MiB",
        peak_rss_mib().map_or("?".to_owned(), |m| m.to_string())
    );
    Ok(())
}
