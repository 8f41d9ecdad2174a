//! One database handle over SQLite (embedded default) and PostgreSQL (production).
//! Query bodies are written once with `$N` placeholders and run on either engine;
//! only the DDL differs (see `migrations/`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};

use crate::value::{Row, Value, bind_pg, bind_sqlite};

/// All SQL text is assembled by this crate from constants and column lists; every
/// user-supplied value is a bound parameter, never spliced into the text.
fn safe(sql: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql.to_owned())
}
use crate::{StoreError, migrate};

/// Which engine a [`Db`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// The database: a connection pool on one of the two engines.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite pool.
    Sqlite(SqlitePool),
    /// PostgreSQL pool.
    Postgres(PgPool),
}

impl Db {
    /// Opens `location` — a `postgres://` URL or an SQLite file path (created if
    /// missing) — and brings its schema up to date.
    pub async fn open(location: &str) -> Result<Self, StoreError> {
        let db = if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(location).map_err(StoreError::connect)?;
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await
                .map_err(StoreError::connect)?;
            Db::Postgres(pool)
        } else {
            let path = location.strip_prefix("sqlite://").unwrap_or(location);
            let opts = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(opts)
                .await
                .map_err(StoreError::connect)?;
            Db::Sqlite(pool)
        };
        migrate::run(&db).await?;
        Ok(db)
    }

    /// The engine in use.
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Starts a transaction. Every write goes through one: it commits whole or not at all.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            // IMMEDIATE takes the write lock up front: a transaction that reads and then
            // audits cannot find its snapshot overtaken by another writer (SQLITE_BUSY_SNAPSHOT).
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Starts a transaction for a long read that must see one consistent state (the
    /// whole authority's records) without holding the write lock meanwhile: SQLite
    /// reads a WAL snapshot from the first query; PostgreSQL uses REPEATABLE READ. Only
    /// temporary tables may be written in it.
    pub async fn begin_snapshot(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN DEFERRED").await?),
            Db::Postgres(p) => Tx::Postgres(
                p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ")
                    .await?,
            ),
        })
    }

    /// Runs a read query outside any transaction.
    pub async fn fetch_all(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        Ok(match self {
            Db::Sqlite(p) => bind_sqlite(sqlx::query(safe(sql)), params)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Db::Postgres(p) => bind_pg(sqlx::query(safe(sql)), params)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    /// Runs a read query expected to return at most one row.
    pub async fn fetch_optional(
        &self,
        sql: &str,
        params: &[Value],
    ) -> Result<Option<Row>, StoreError> {
        Ok(self.fetch_all(sql, params).await?.into_iter().next())
    }

    /// Closes the pool, waiting for connections to finish.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// An open transaction on either engine. Dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    /// SQLite transaction.
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    /// PostgreSQL transaction.
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// Executes a statement, returning rows affected.
    pub async fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
        Ok(match self {
            Tx::Sqlite(t) => bind_sqlite(sqlx::query(safe(sql)), params)
                .execute(&mut **t)
                .await?
                .rows_affected(),
            Tx::Postgres(t) => bind_pg(sqlx::query(safe(sql)), params)
                .execute(&mut **t)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a query inside the transaction.
    pub async fn fetch_all(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        Ok(match self {
            Tx::Sqlite(t) => bind_sqlite(sqlx::query(safe(sql)), params)
                .fetch_all(&mut **t)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Tx::Postgres(t) => bind_pg(sqlx::query(safe(sql)), params)
                .fetch_all(&mut **t)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    /// Commits.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// The engine in use.
    pub fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(_) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }
}
