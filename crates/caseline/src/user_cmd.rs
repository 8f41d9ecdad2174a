//! `caseline user add`: creating accounts from the command line until the
//! administrators' pages exist. The password is read from standard input, never from
//! the command line (where it would sit in shell history and the process list).

use std::io::BufRead;

use anyhow::Context;
use caseline_domain::codes::Role;
use caseline_domain::{TeamId, WorkerId};
use caseline_store::{Actor, Db, NewUser};
use clap::Subcommand;

/// Account commands.
#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; reads the password from the first line of standard input.
    Add {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// Sign-in name (a-z, 0-9, '.', '-', '_').
        #[arg(long)]
        username: String,
        /// Name shown on screen.
        #[arg(long)]
        name: String,
        /// Role code: SOCIAL_WORKER, PERSONAL_ADVISER, FRONT_DOOR, TEAM_MANAGER, IRO,
        /// SERVICE_MANAGER, QA_AUDITOR, PERFORMANCE_ANALYST, SENIOR_LEADER, SYSTEM_ADMIN.
        #[arg(long)]
        role: String,
        /// The worker record this user is.
        #[arg(long)]
        worker: Option<String>,
        /// The user's team.
        #[arg(long)]
        team: Option<String>,
    },
}

/// Runs a user command.
pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add {
        database,
        username,
        name,
        role,
        worker,
        team,
    } = command;
    let role = Role::from_code(&role).map_err(|e| anyhow::anyhow!("--role: {e}"))?;
    let worker_id = worker
        .map(|w| WorkerId::parse(&w))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--worker: {e}"))?;
    let team_id = team
        .map(|t| TeamId::parse(&t))
        .transpose()
        .map_err(|e| anyhow::anyhow!("--team: {e}"))?;
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(
        password.chars().count() >= 12,
        "the password must be at least 12 characters"
    );
    let hash = tokio::task::spawn_blocking(move || caseline_web::hash_password(&password))
        .await?
        .map_err(anyhow::Error::msg)?;
    let db = Db::open(&database).await.context("opening the database")?;
    let user = NewUser {
        username: username.clone(),
        display_name: name,
        role,
        worker_id,
        team_id,
        password_hash: hash,
    };
    db.create_user(&Actor::new("administrator (command line)"), &user)
        .await?;
    db.close().await;
    println!("Created {username} ({}).", role.label());
    Ok(())
}
