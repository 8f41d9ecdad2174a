//! The Caseline binary: run the demo, serve a database, generate a synthetic
//! authority, or measure generation.

mod audit_cmd;
mod bench;
mod clocks_cmd;
mod demo_users;
mod indicators_cmd;
mod load;
mod population_cmd;
mod postcodes_cmd;
mod self_assessment_cmd;
mod standards;
mod targets;
mod user_cmd;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context;
use caseline_store::Db;
use caseline_synth::SynthConfig;
use caseline_web::AppState;
use clap::{Parser, Subcommand};
use jiff::civil::Date;

/// Caseline: children's social care case management and oversight.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Local standards (visit frequencies, the due-soon window); defaults to the
    /// shipped config/local-standards.toml.
    #[arg(long, global = true)]
    local_standards: Option<PathBuf>,
    /// The authority's own indicator targets; defaults to the shipped
    /// config/targets.toml.
    #[arg(long, global = true)]
    targets: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the demo: an SQLite database in the working directory, loaded with a
    /// synthetic authority if empty, served on 127.0.0.1.
    Demo {
        /// Port to listen on (127.0.0.1 only).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// SQLite file to create or reuse.
        #[arg(long, default_value = "caseline-demo.db")]
        database: PathBuf,
        /// Children to generate when the database is empty (default: a mid-sized authority).
        #[arg(long)]
        children: Option<usize>,
        /// Generator seed.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Serve an existing database.
    Serve {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// Port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on. Loopback by default: put a TLS-terminating proxy in
        /// front before exposing Caseline beyond this machine.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        bind: IpAddr,
        /// Clients reach Caseline over TLS (through a proxy): mark cookies Secure. Always
        /// on when binding beyond loopback.
        #[arg(long)]
        behind_tls: bool,
    },
    /// Generate a synthetic authority into a database.
    Generate {
        /// Children with any involvement to generate.
        #[arg(long)]
        children: usize,
        /// Generator seed (same seed, same authority).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// SQLite file path or postgres:// URL.
        #[arg(long)]
        database: String,
        /// Practice quality from 0 (inadequate) to 1 (outstanding).
        #[arg(long)]
        quality: Option<f64>,
        /// The "as at" date (default today).
        #[arg(long)]
        today: Option<Date>,
    },
    /// Change the England and Wales bank holidays every working-day clock counts
    /// (a one-off day announced, a day moved).
    BankHoliday {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        #[command(subcommand)]
        change: BankHolidayChange,
    },
    /// Every statutory clock for the whole authority, one per line (CSV, or JSON lines).
    Clocks {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// The date to compute as at (default today).
        #[arg(long)]
        as_of: Option<Date>,
        /// csv or json.
        #[arg(long, default_value = "csv")]
        format: String,
    },
    /// Print every drift-and-delay finding for the authority's open cases, one per line.
    Findings {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// The date to compute as at (default today).
        #[arg(long)]
        as_of: Option<Date>,
        /// csv or json.
        #[arg(long, default_value = "csv")]
        format: String,
    },
    /// Print every performance indicator for the twelve months to a date, with its
    /// England comparator (CSV, or JSON lines).
    Indicators {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: Option<String>,
        /// The last day of the twelve months measured (default today).
        #[arg(long)]
        as_of: Option<Date>,
        /// csv or json.
        #[arg(long, default_value = "csv")]
        format: String,
        /// Children aged 0 to 17 living in the authority, for rates per 10,000, in
        /// every window; without it each window uses the ONS estimate stored for its
        /// time (`caseline population set`), and rates are empty if none is.
        #[arg(long)]
        population: Option<u32>,
        /// Also one line per team.
        #[arg(long)]
        by_team: bool,
        /// Print each indicator's definition, source and England figure as a Markdown
        /// table instead (what docs/indicators.md is made from).
        #[arg(long)]
        definitions: bool,
    },
    /// Draft the self-assessment pack for a date: every indicator against England and
    /// the targets, ranked strengths and weaknesses, and the children behind the
    /// widest gaps, as a printable HTML file and a PDF (printed by headless Chromium).
    SelfAssessment {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// The date of the draft: the last day of the twelve months measured (default
        /// today).
        #[arg(long)]
        as_of: Option<Date>,
        /// The directory to write self-assessment-<date>.html and .pdf into.
        #[arg(long)]
        out: PathBuf,
        /// Children aged 0 to 17 living in the authority, for rates per 10,000, in
        /// every window; without it each window uses the ONS estimate stored for its
        /// time (`caseline population set`).
        #[arg(long)]
        population: Option<u32>,
        /// The authority's name, for the cover.
        #[arg(long, default_value = "Synthetic Borough Council")]
        authority: String,
        /// Write the HTML only (no Chromium needed).
        #[arg(long)]
        no_pdf: bool,
    },
    /// The authority's child population (ONS mid-year estimates), for rates per
    /// 10,000.
    Population {
        #[command(subcommand)]
        command: population_cmd::PopulationCommand,
    },
    /// Postcode centroids (ONS Postcode Directory), for placement distances.
    Postcodes {
        #[command(subcommand)]
        command: postcodes_cmd::PostcodesCommand,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: user_cmd::UserCommand,
    },
    /// Check the audit trail's hash chain.
    Audit {
        #[command(subcommand)]
        command: audit_cmd::AuditCommand,
    },
    /// Measure generation and loading (time, database size, peak memory).
    Bench {
        /// Children to generate.
        #[arg(long, default_value_t = 20_000)]
        children: usize,
        /// Also measure on this PostgreSQL URL (a fresh, empty database).
        #[arg(long)]
        postgres: Option<String>,
        /// Also compute the whole work picture (every clock and finding) for this many
        /// generated children, one at a time (repeatable, e.g. --clocks 71000 --clocks 1000000).
        #[arg(long = "clocks")]
        clocks: Vec<usize>,
    },
}

#[derive(Subcommand)]
enum BankHolidayChange {
    /// Add a bank holiday (or rename one).
    Add {
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        date: Date,
        /// Its name.
        #[arg(long)]
        name: String,
    },
    /// Move a bank holiday to another day, keeping its name.
    Move {
        /// The day it was to fall on.
        #[arg(long)]
        from: Date,
        /// The day it now falls on.
        #[arg(long)]
        to: Date,
    },
    /// List the bank holidays in a year.
    List {
        /// The year.
        #[arg(long)]
        year: i16,
    },
}

fn today() -> Date {
    caseline_domain::local_date(jiff::Timestamp::now())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let settings = standards::load(cli.local_standards.as_deref())?;
    let targets = targets::load(cli.targets.as_deref())?;
    match cli.command {
        Command::Demo {
            port,
            database,
            children,
            seed,
        } => {
            let location = database
                .to_str()
                .context("database path is not valid UTF-8")?;
            let db = Db::open(location)
                .await
                .with_context(|| format!("opening {location}"))?;
            if db.count_children().await? == 0 {
                let mut config = SynthConfig::demo(today());
                config.seed = seed;
                if let Some(n) = children {
                    config.children = n;
                }
                println!(
                    "Generating a synthetic authority ({} children)...",
                    config.children
                );
                let report = load::load_synthetic(&db, config).await?;
                println!("Loaded in {:.1} s.", report.seconds);
            }
            let accounts = demo_users::ensure(&db).await?;
            let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port);
            serve(db, addr, Some(accounts), false, settings, targets).await
        }
        Command::Serve {
            database,
            port,
            bind,
            behind_tls,
        } => {
            let db = Db::open(&database).await.context("opening the database")?;
            serve(
                db,
                SocketAddr::new(bind, port),
                None,
                behind_tls || !bind.is_loopback(),
                settings,
                targets,
            )
            .await
        }
        Command::Generate {
            children,
            seed,
            database,
            quality,
            today: as_at,
        } => {
            let db = Db::open(&database).await.context("opening the database")?;
            let mut config = SynthConfig::demo(as_at.unwrap_or_else(today));
            config.children = children;
            config.seed = seed;
            if let Some(q) = quality {
                anyhow::ensure!(
                    (0.0..=1.0).contains(&q),
                    "--quality must be between 0 and 1"
                );
                config = config.with_practice_quality(q);
            }
            let report = load::load_synthetic(&db, config).await?;
            println!(
                "Generated {} children in {:.1} s (peak memory {} MiB).",
                report.children,
                report.seconds,
                bench::peak_rss_mib().map_or("?".to_owned(), |m| m.to_string())
            );
            db.close().await;
            Ok(())
        }
        Command::BankHoliday { database, change } => {
            let db = Db::open(&database).await.context("opening the database")?;
            let admin = caseline_store::Actor::new("administrator (command line)");
            match change {
                BankHolidayChange::Add { date, name } => {
                    db.add_bank_holiday(&admin, date, &name).await?
                }
                BankHolidayChange::Move { from, to } => {
                    db.move_bank_holiday(&admin, from, to).await?
                }
                BankHolidayChange::List { year } => {
                    for h in db.calendar().await?.bank_holidays_in_year(year) {
                        let note = if h.projected { " (projected)" } else { "" };
                        println!("{} {}{note}", h.date, h.name);
                    }
                }
            }
            db.close().await;
            Ok(())
        }
        Command::Audit { command } => audit_cmd::run(command).await,
        Command::Population { command } => population_cmd::run(command).await,
        Command::Postcodes { command } => postcodes_cmd::run(command).await,
        Command::User { command } => user_cmd::run(command).await,
        Command::Clocks {
            database,
            as_of,
            format,
        } => {
            clocks_cmd::run(
                &database,
                as_of.unwrap_or_else(today),
                &format,
                settings.clocks,
            )
            .await
        }
        Command::Findings {
            database,
            as_of,
            format,
        } => {
            clocks_cmd::run_findings(&database, as_of.unwrap_or_else(today), &format, settings)
                .await
        }
        Command::Indicators {
            definitions: true, ..
        } => {
            print!("{}", indicators_cmd::definitions());
            Ok(())
        }
        Command::Indicators {
            database,
            as_of,
            format,
            population,
            by_team,
            definitions: false,
        } => {
            let database = database.context("--database (or CASELINE_DATABASE) is needed")?;
            indicators_cmd::run(
                &database,
                as_of.unwrap_or_else(today),
                &format,
                population,
                by_team,
            )
            .await
        }
        Command::SelfAssessment {
            database,
            as_of,
            out,
            population,
            authority,
            no_pdf,
        } => {
            let as_of = as_of.unwrap_or_else(today);
            anyhow::ensure!(
                as_of <= today(),
                "--as-of must not be after today: the records cannot show what has not happened"
            );
            self_assessment_cmd::run(self_assessment_cmd::Request {
                database: &database,
                as_of,
                out: &out,
                population,
                targets: &targets,
                authority: &authority,
                pdf: !no_pdf,
                today: today(),
            })
            .await
            .map(|_| ())
        }
        Command::Bench {
            children,
            postgres,
            clocks,
        } => bench::run(children, postgres.as_deref(), &clocks).await,
    }
}

async fn serve(
    db: Db,
    addr: SocketAddr,
    demo: Option<Vec<demo_users::DemoAccount>>,
    secure_cookies: bool,
    standards: caseline_domain::work::LocalStandards,
    targets: caseline_domain::indicators::Targets,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let local = listener.local_addr()?;
    if db.child_population().await?.is_empty() {
        // Said at start, since rates would otherwise just read "No data".
        tracing::warn!(
            "no child population is stored: rates per 10,000 show no data until an administrator runs `caseline population set`"
        );
    }
    println!("Caseline is running at http://{local}/");
    if let Some(accounts) = demo {
        println!(
            "Demo accounts (password for all: {}):",
            demo_users::DEMO_PASSWORD
        );
        for a in accounts {
            println!("  {:<14} {}", a.username, a.role.label());
        }
        println!("All data is synthetic. Press Ctrl+C to stop.");
    }
    let state = AppState {
        db: db.clone(),
        today: None,
        authority_name: "Synthetic Borough Council".to_owned(),
        secure_cookies,
        standards,
        targets,
        work_cache: Default::default(),
        perf_cache: Default::default(),
    };
    caseline_web::serve(listener, state, shutdown_signal()).await?;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
