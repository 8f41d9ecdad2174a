//! `caseline indicators`: every performance indicator for the twelve months to a date,
//! with its England comparator, as CSV or JSON lines, for analysts and other tools.

use std::io::Write;

use anyhow::Context;
use caseline_domain::indicators::{self, Input, ValueKind, Window, england};
use caseline_domain::looked_after::episode_postcodes;
use caseline_domain::population::ChildPopulation;
use caseline_domain::work::Workforce;
use caseline_store::{Actor, Db};
use jiff::civil::Date;

/// Prints every indicator for the year to `as_of` (and each team's, with `by_team`);
/// rates divide by `population` if given, else by the estimates stored.
pub async fn run(
    database: &str,
    as_of: Date,
    format: &str,
    population: Option<u32>,
    by_team: bool,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        matches!(format, "csv" | "json"),
        "--format must be csv or json"
    );
    let db = Db::open(database).await.context("opening the database")?;
    let calendar = db.calendar().await?;
    let records = db
        .all_child_records(&Actor::new("indicators (command line)"))
        .await?;
    let workforce = Workforce::new(db.teams().await?, db.workers().await?);
    let population = match population {
        Some(n) => ChildPopulation::every_window(n, "given with --population"),
        None => db.child_population().await?,
    };
    let centroids = db.centroids_for(&episode_postcodes(&records)).await?;
    db.close().await;
    let input = Input {
        records: &records,
        window: Window::year_to(as_of),
        calendar: &calendar,
        workforce: &workforce,
        population: &population,
        centroids: &centroids,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == "csv" {
        writeln!(
            out,
            "indicator,area,team,from,to,value,numerator,denominator,england,england_year"
        )?;
    }
    let mut said_why = false;
    for ind in indicators::all() {
        let m = (ind.compute)(&input);
        // CSV has no column for it: say once, on standard error, why rates are empty.
        if format == "csv"
            && m.kind == ValueKind::PerTenThousand
            && m.value().is_none()
            && !said_why
            && let Some(note) = &m.note
        {
            eprintln!("{}: {note}", ind.id);
            said_why = true;
        }
        let mut rows = vec![(String::new(), m.clone())];
        if by_team {
            for t in workforce.teams() {
                rows.push((t.id.to_string(), m.for_team(&t.id)));
            }
        }
        let eng = england(ind.id);
        for (team, m) in rows {
            let value = m.value().map(|v| format!("{v:.2}"));
            if format == "csv" {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{}",
                    ind.id,
                    ind.area.code(),
                    team,
                    input.window.from,
                    input.window.to,
                    value.unwrap_or_default(),
                    m.numerator.len(),
                    m.denominator.len(),
                    eng.map(|e| e.value.to_string()).unwrap_or_default(),
                    eng.map(|e| e.year.clone()).unwrap_or_default(),
                )?;
            } else {
                let line = serde_json::json!({
                    "indicator": ind.id,
                    "area": ind.area.code(),
                    "title": ind.title,
                    "team": (!team.is_empty()).then_some(team),
                    "from": input.window.from.to_string(),
                    "to": input.window.to.to_string(),
                    "value": m.value(),
                    "numerator": m.numerator.len(),
                    "denominator": m.denominator.len(),
                    "england": eng.map(|e| e.value),
                    "england_year": eng.map(|e| e.year.clone()),
                    "note": m.note,
                });
                writeln!(out, "{line}")?;
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Into::into),
    }
}

/// Every indicator's definition as a Markdown table, area by area.
pub fn definitions() -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# Performance indicators\n\nMade by `caseline indicators --definitions`; a test checks every indicator is here. \
         Each is computed for any window from the records, narrows to a team, and links to the named children it counts.\n",
    );
    for area in indicators::Area::ALL {
        let _ = write!(
            out,
            "\n## {}\n\n| Id | Indicator | Definition | Better | England | Source |\n|---|---|---|---|---|---|\n",
            area.label()
        );
        for i in indicators::all().into_iter().filter(|i| i.area == area) {
            let better = match i.better {
                indicators::Better::Higher => "higher",
                indicators::Better::Lower => "lower",
                indicators::Better::Neither => "context",
            };
            let eng = england(i.id).map_or_else(
                || "none shipped".to_owned(),
                |e| format!("{} ({})", e.value, e.year),
            );
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                i.id,
                i.title,
                i.definition.replace('|', "/"),
                better,
                eng,
                i.source.replace('|', "/")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_indicator_docs_list_every_indicator_as_the_code_defines_it() {
        let docs = include_str!("../../../docs/indicators.md");
        assert_eq!(
            docs,
            super::definitions(),
            "docs/indicators.md is out of date: run `caseline indicators --definitions > docs/indicators.md`"
        );
    }
}
