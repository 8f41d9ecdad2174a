//! Versioned migrations, embedded in the binary. Each engine has its own DDL folder
//! with the same numbered files; a test checks both define the same tables and columns.

use crate::{Db, StoreError, Value};

/// A migration: version, file name, SQLite DDL, PostgreSQL DDL.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $name)),
            postgres: include_str!(concat!("../migrations/postgres/", $name)),
        }
    };
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_journey.sql"),
    migration!(2, "0002_ssda903_completeness.sql"),
    migration!(3, "0003_bank_holiday_changes.sql"),
    migration!(4, "0004_audit_chain.sql"),
    migration!(5, "0005_access.sql"),
    migration!(6, "0006_api_tokens.sql"),
    migration!(7, "0007_two_step.sql"),
    migration!(8, "0008_remaining_clocks.sql"),
    migration!(9, "0009_journey_version.sql"),
    migration!(10, "0010_population_and_postcodes.sql"),
];

/// Applies every migration not yet applied, each in its own transaction.
pub(crate) async fn run(db: &Db) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    tx.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)",
        &[],
    )
    .await?;
    tx.commit().await?;
    for m in MIGRATIONS {
        let mut tx = db.begin().await?;
        let done = tx
            .fetch_all(
                "SELECT version FROM schema_migrations WHERE version = $1",
                &[Value::Int(m.version)],
            )
            .await?;
        if !done.is_empty() {
            continue;
        }
        let ddl = match db {
            Db::Sqlite(_) => m.sqlite,
            Db::Postgres(_) => m.postgres,
        };
        for statement in split_statements(ddl) {
            tx.execute(&statement, &[])
                .await
                .map_err(|e| StoreError::Migration {
                    version: m.version,
                    name: m.name,
                    message: e.to_string(),
                })?;
        }
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[Value::Int(m.version), Value::from(m.name)],
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Splits DDL on semicolons at line ends, dropping `--` comments.
pub(crate) fn split_statements(ddl: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in ddl.lines() {
        let line = line.split("--").next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if line.ends_with(';') {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}
