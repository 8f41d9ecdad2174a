//! `caseline audit`: checking the audit trail's hash chain.

use anyhow::Context;
use caseline_store::Db;
use clap::Subcommand;

/// What to do with the audit trail.
#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check that no entry has been altered, added or deleted since it was written.
    /// Prints the head hash: keep a copy outside the database, since deleting the
    /// newest entries and rewriting the head to match is detectable only against it.
    Verify {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
    },
}

/// Runs an audit command. A broken chain exits with status 1, after saying where.
pub async fn run(command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { database } => {
            let db = Db::open(&database).await.context("opening the database")?;
            let result = db.verify_audit_trail().await;
            db.close().await;
            let v = result.context("reading the audit trail")?;
            if v.unchained > 0 {
                println!(
                    "{} entries from before the audit chain began are not covered by it.",
                    v.unchained
                );
            }
            match v.problem {
                None => {
                    println!(
                        "Audit trail intact: {} entries, head {}",
                        v.entries, v.head_hash
                    );
                    Ok(())
                }
                Some(problem) => {
                    eprintln!(
                        "Audit trail NOT intact: {problem} ({} entries before it are sound).",
                        v.entries
                    );
                    std::process::exit(1)
                }
            }
        }
    }
}
