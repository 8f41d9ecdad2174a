//! `caseline clocks` and `caseline findings`: every statutory clock for the whole
//! authority, and every drift-and-delay finding on its open cases, as CSV or JSON, one
//! line each, for other tools. The `local` column (true or false) marks clocks and
//! findings set by a local standard rather than a national rule.

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

/// Prints every finding on the open cases as at `as_of` in `format` ("csv" or "json").
pub async fn run_findings(
    database: &str,
    as_of: Date,
    format: &str,
    standards: caseline_domain::work::LocalStandards,
) -> anyhow::Result<()> {
    use caseline_domain::work::{WorkSettings, Workforce, cases_work};
    anyhow::ensure!(
        matches!(format, "csv" | "json"),
        "--format must be csv or json"
    );
    let db = Db::open(database).await.context("opening the database")?;
    let calendar = db.calendar().await?;
    let (_, records) = db
        .all_open_cases(&Actor::new("findings (command line)"), as_of)
        .await?;
    let workforce = Workforce::new(db.teams().await?, db.workers().await?);
    db.close().await;
    let settings = WorkSettings {
        today: as_of,
        now: format!("{as_of}T23:59:59Z").parse().context("as-at date")?,
        calendar: &calendar,
        clocks: standards.clocks,
        findings: standards.findings,
    };
    let cases = cases_work(&records, &workforce, &settings);
    let write = || -> std::io::Result<()> {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        if format == "csv" {
            writeln!(
                out,
                "child_id,finding,local,record_id,team_id,worker_id,since,days,detail"
            )?;
        }
        for c in &cases {
            for f in &c.findings {
                let record = f.record_id.as_ref().map(ToString::to_string);
                let team = c.team_id.as_ref().map(ToString::to_string);
                let worker = c.worker_id.as_ref().map(ToString::to_string);
                if format == "csv" {
                    writeln!(
                        out,
                        "{},{},{},{},{},{},{},{},{}",
                        f.child_id,
                        f.kind.id,
                        f.kind.local,
                        record.unwrap_or_default(),
                        team.unwrap_or_default(),
                        worker.unwrap_or_default(),
                        f.since,
                        f.days,
                        csv_field(&f.detail)
                    )?;
                } else {
                    let line = serde_json::json!({
                        "child_id": f.child_id.to_string(),
                        "finding": f.kind.id,
                        "local": f.kind.local,
                        "record_id": record,
                        "team_id": team,
                        "worker_id": worker,
                        "since": f.since.to_string(),
                        "days": f.days,
                        "detail": f.detail,
                    });
                    writeln!(out, "{line}")?;
                }
            }
        }
        out.flush()
    };
    match write() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Into::into),
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(super::csv_field("plain"), "plain");
        assert_eq!(super::csv_field("a, b"), "\"a, b\"");
        assert_eq!(super::csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
