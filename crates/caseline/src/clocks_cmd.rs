//! `caseline clocks`: every statutory clock for the whole authority as CSV or JSON, one
//! line per clock, for other tools. The `local` column (true or false) marks clocks
//! set by a local standard rather than a national rule.

use std::io::Write;

use anyhow::Context;
use caseline_domain::clocks::{ClockSettings, clocks_for};
use caseline_store::{Actor, Db};
use jiff::civil::Date;

/// Prints every clock as at `as_of` in `format` ("csv" or "json").
pub async fn run(
    database: &str,
    as_of: Date,
    format: &str,
    settings: ClockSettings,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        matches!(format, "csv" | "json"),
        "--format must be csv or json"
    );
    let db = Db::open(database).await.context("opening the database")?;
    let calendar = db.calendar().await?;
    let records = db
        .all_child_records(&Actor::new("clocks (command line)"))
        .await?;
    db.close().await;
    // "Now" for the hour-based rules is the end of the as-at day.
    let now: jiff::Timestamp = format!("{as_of}T23:59:59Z").parse().context("as-at date")?;
    match write_all(&records, as_of, now, &calendar, format, settings) {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Into::into),
    }
}

fn write_all(
    records: &[caseline_domain::ChildRecord],
    as_of: Date,
    now: jiff::Timestamp,
    calendar: &caseline_domain::calendar::WorkingDayCalendar,
    format: &str,
    settings: ClockSettings,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == "csv" {
        writeln!(
            out,
            "child_id,rule,local,occurrence,record_id,started,due,met,state,days"
        )?;
    }
    for record in records {
        for c in clocks_for(record, as_of, now, calendar, settings) {
            let met = c.met.map(|d| d.to_string()).unwrap_or_default();
            if format == "csv" {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{}",
                    c.child_id,
                    c.rule.id,
                    c.rule.local,
                    c.occurrence,
                    c.record_id,
                    c.started,
                    c.due.date(),
                    met,
                    c.state.label(),
                    c.state.days()
                )?;
            } else {
                writeln!(
                    out,
                    "{{\"child_id\":\"{}\",\"rule\":\"{}\",\"local\":{},\"occurrence\":{},\"record_id\":\"{}\",\"started\":\"{}\",\"due\":\"{}\",\"met\":{},\"state\":\"{}\",\"days\":{}}}",
                    c.child_id,
                    c.rule.id,
                    c.rule.local,
                    c.occurrence,
                    c.record_id,
                    c.started,
                    c.due.date(),
                    c.met.map_or("null".to_owned(), |d| format!("\"{d}\"")),
                    c.state.label(),
                    c.state.days()
                )?;
            }
        }
    }
    out.flush()
}
