//! Writing records: batched multi-row inserts inside one transaction.

use crate::tables::Table;
use crate::{Engine, StoreError, Tx, Value};

/// Engines cap bound parameters per statement (SQLite 32,766; PostgreSQL 65,535).
const MAX_PARAMS: usize = 30_000;
/// Rows per statement even for narrow tables, to keep statements a sensible size.
const MAX_ROWS: usize = 500;

/// Builds `INSERT INTO t (cols) VALUES ($1, ...), (...)` for `rows` rows. On SQLite the
/// placeholders are plain `?` (same order): SQLite looks up each named parameter by a
/// linear scan, which makes binding thousands of `$N` parameters quadratic.
pub(crate) fn insert_sql(
    engine: Engine,
    table: &str,
    columns: &[&str],
    rows: usize,
    suffix: &str,
) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match engine {
                Engine::Sqlite => sql.push('?'),
                Engine::Postgres => {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql.push_str(suffix);
    sql
}

/// Inserts raw rows of values into `table` in as few statements as the engines allow.
pub(crate) async fn insert_values(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
    suffix: &str,
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let per_statement = (MAX_PARAMS / columns.len()).clamp(1, MAX_ROWS);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let sql = insert_sql(tx.engine(), table, columns, chunk.len(), suffix);
        let params: Vec<Value> = chunk.into_iter().flatten().collect();
        tx.execute(&sql, &params).await?;
    }
    Ok(())
}

/// Inserts records of one kind.
pub(crate) async fn insert_all<'a, T: Table + 'a>(
    tx: &mut Tx,
    items: impl IntoIterator<Item = &'a T>,
) -> Result<(), StoreError> {
    let rows: Vec<Vec<Value>> = items.into_iter().map(Table::values).collect();
    insert_values(tx, T::TABLE, T::COLUMNS, rows, "").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_row_insert_numbers_placeholders_in_order() {
        assert_eq!(
            insert_sql(Engine::Postgres, "t", &["a", "b"], 2, ""),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            insert_sql(
                Engine::Sqlite,
                "t",
                &["a", "b"],
                2,
                " ON CONFLICT DO NOTHING"
            ),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING"
        );
    }
}
