//! `caseline population`: the ONS mid-year estimates of children aged 0 to 17 living
//! in the authority, which every rate per 10,000 divides by.

use anyhow::Context;
use caseline_domain::population::PopulationEstimate;
use caseline_store::{Actor, Db};
use clap::Subcommand;

/// Child population commands.
#[derive(Subcommand)]
pub enum PopulationCommand {
    /// Set (or correct) the estimate for a mid-year.
    Set {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// The mid-year the estimate is for: 2024 for ONS "mid-2024" (30 June 2024).
        /// A window uses the latest estimate for a mid-year on or before its last
        /// day, so the year to 31 March 2025 uses mid-2024.
        #[arg(long)]
        mid_year: i16,
        /// Children aged 0 to 17 living in the authority.
        #[arg(long)]
        children: u32,
        /// Where the figure comes from, e.g. "ONS mid-2024 population estimates".
        #[arg(long)]
        source: String,
    },
    /// List the estimates stored, oldest first.
    List {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
    },
    /// Remove the estimate for a mid-year (one entered under the wrong year).
    Remove {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// The mid-year of the estimate to remove.
        #[arg(long)]
        mid_year: i16,
    },
}

/// Runs a population command.
pub async fn run(command: PopulationCommand) -> anyhow::Result<()> {
    let admin = Actor::new("administrator (command line)");
    match command {
        PopulationCommand::Set {
            database,
            mid_year,
            children,
            source,
        } => {
            // Checked before opening the database, so a typo changes nothing.
            let estimate = PopulationEstimate::new(mid_year, children, &source)?;
            let db = Db::open(&database).await.context("opening the database")?;
            db.set_child_population(&admin, &estimate).await?;
            println!(
                "Set mid-{mid_year}: {children} children aged 0 to 17 ({}).",
                estimate.source
            );
            db.close().await;
        }
        PopulationCommand::List { database } => {
            let db = Db::open(&database).await.context("opening the database")?;
            let population = db.child_population().await?;
            if population.is_empty() {
                println!(
                    "No child population is stored: rates per 10,000 show no data. Set one with `caseline population set`."
                );
            }
            for e in population.estimates() {
                println!("mid-{} {} {}", e.mid_year, e.children, e.source);
            }
            db.close().await;
        }
        PopulationCommand::Remove { database, mid_year } => {
            let db = Db::open(&database).await.context("opening the database")?;
            let removed = db.remove_child_population(&admin, mid_year).await?;
            db.close().await;
            anyhow::ensure!(removed, "no estimate for mid-{mid_year} is stored");
            println!("Removed the estimate for mid-{mid_year}.");
        }
    }
    Ok(())
}
