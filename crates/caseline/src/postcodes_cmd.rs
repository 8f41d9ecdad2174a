//! `caseline postcodes`: loading postcode centroids from an ONS Postcode Directory
//! (ONSPD) style CSV, for the distance from home to placement, and checking where a
//! postcode is placed.

use std::path::{Path, PathBuf};

use anyhow::Context;
use caseline_domain::geography::{Centroids, DirectoryRow, directory_row};
use caseline_domain::values::Postcode;
use caseline_store::{Actor, Db};
use clap::Subcommand;

/// Postcode commands.
#[derive(Subcommand)]
pub enum PostcodesCommand {
    /// Import centroids from an ONS Postcode Directory style CSV: a header row naming
    /// `pcds` (or `pcd`), `oseast1m` and `osnrth1m` (and optionally `osgrdind`), as
    /// the ONSPD's whole-country or per-area files do. Rows without a grid reference
    /// are skipped; sector and district centroids are worked out from the postcodes.
    /// All or nothing: one transaction.
    Import {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// The CSV file.
        file: PathBuf,
    },
    /// Say where postcodes are placed, and by which centroid.
    Locate {
        /// SQLite file path or postgres:// URL.
        #[arg(long, env = "CASELINE_DATABASE")]
        database: String,
        /// Postcodes to place; with two or more, also the distance from the first.
        #[arg(required = true)]
        postcodes: Vec<String>,
    },
}

/// Runs a postcodes command.
pub async fn run(command: PostcodesCommand) -> anyhow::Result<()> {
    match command {
        PostcodesCommand::Import { database, file } => import(&database, &file).await,
        PostcodesCommand::Locate {
            database,
            postcodes,
        } => locate(&database, &postcodes).await,
    }
}

/// What was read from a directory file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReadCounts {
    /// Data rows.
    pub rows: u64,
    /// Postcodes with a British National Grid reference.
    pub located: u64,
    /// Postcodes without one.
    pub no_grid_reference: u64,
    /// Northern Ireland postcodes (Irish Grid).
    pub irish_grid: u64,
    /// Rows whose postcode could not be read, and the first such line.
    pub not_postcodes: u64,
    /// The line of the first row whose postcode could not be read.
    pub first_bad_line: Option<u64>,
}

/// Reads every row of a directory-style CSV into centroids.
pub fn read_directory(reader: impl std::io::Read) -> anyhow::Result<(Centroids, ReadCounts)> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers().context("reading the header row")?.clone();
    let column = |names: &[&str]| {
        names.iter().find_map(|n| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(n))
        })
    };
    let found = || headers.iter().collect::<Vec<_>>().join(", ");
    let postcode = column(&["pcds", "pcd", "pcd2"]).with_context(|| {
        format!(
            "no postcode column: expected pcds or pcd in the header row (found: {})",
            found()
        )
    })?;
    let (easting, northing) = column(&["oseast1m"]).zip(column(&["osnrth1m"])).with_context(|| {
        format!(
            "no grid reference columns: expected oseast1m and osnrth1m in the header row (found: {})",
            found()
        )
    })?;
    let quality = column(&["osgrdind"]);
    let mut centroids = Centroids::default();
    let mut counts = ReadCounts::default();
    for (i, record) in csv.records().enumerate() {
        // Line 1 is the header.
        let line = i as u64 + 2;
        let record = record.with_context(|| format!("reading line {line}"))?;
        counts.rows += 1;
        let field = |c: usize| record.get(c).unwrap_or("");
        match directory_row(
            field(postcode),
            field(easting),
            field(northing),
            quality.map(field),
        ) {
            DirectoryRow::Located(p, at) => {
                centroids.insert(&caseline_domain::geography::Area::postcode(&p), at);
                counts.located += 1;
            }
            DirectoryRow::NoGridReference => counts.no_grid_reference += 1,
            DirectoryRow::IrishGrid => counts.irish_grid += 1,
            DirectoryRow::NotAPostcode => {
                counts.not_postcodes += 1;
                counts.first_bad_line.get_or_insert(line);
            }
        }
    }
    Ok((centroids, counts))
}

async fn import(database: &str, file: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let reader =
        std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let (mut centroids, counts) = read_directory(std::io::BufReader::new(reader))
        .with_context(|| format!("reading {}", file.display()))?;
    anyhow::ensure!(
        counts.located > 0,
        "{} has no postcode with a grid reference: nothing imported",
        file.display()
    );
    let (sectors, districts) = centroids.derive_areas();
    println!(
        "Read {} rows from {}: {} postcodes with a grid reference; skipped {} without one, {} in Northern Ireland (Irish Grid, not comparable) and {} that are not postcodes{}.",
        counts.rows,
        file.display(),
        counts.located,
        counts.no_grid_reference,
        counts.irish_grid,
        counts.not_postcodes,
        counts
            .first_bad_line
            .map_or_else(String::new, |l| format!(" (the first on line {l})")),
    );
    println!("Worked out {sectors} sector and {districts} district centroids from them.");
    let db = Db::open(database).await.context("opening the database")?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    db.import_centroids(
        &Actor::new("administrator (command line)"),
        &centroids,
        &name,
    )
    .await?;
    let held = db.centroid_counts().await?;
    db.close().await;
    println!(
        "Imported in {:.1} s. Now held: {} postcodes, {} sectors, {} districts.",
        started.elapsed().as_secs_f64(),
        held.postcodes,
        held.sectors,
        held.districts
    );
    Ok(())
}

async fn locate(database: &str, postcodes: &[String]) -> anyhow::Result<()> {
    let parsed: Vec<Postcode> = postcodes
        .iter()
        .map(|p| Postcode::parse(p, "postcode", p, "postcode"))
        .collect::<Result<_, _>>()?;
    let db = Db::open(database).await.context("opening the database")?;
    let refs: Vec<&Postcode> = parsed.iter().collect();
    let centroids = db.centroids_for(&refs).await?;
    db.close().await;
    for p in &parsed {
        match centroids.locate(p) {
            Some(l) => println!(
                "{p}: easting {} northing {} (by {})",
                l.at.easting(),
                l.at.northing(),
                l.precision.code()
            ),
            None => println!("{p}: no centroid held for it, its sector or its district"),
        }
    }
    if let [first, rest @ ..] = parsed.as_slice() {
        for p in rest {
            if let Ok(d) = centroids.distance(first, p) {
                println!("{first} to {p}: {:.1} miles", d.miles);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_file_is_read_by_its_header_names_and_skips_rows_without_a_grid_reference() {
        // Columns in the ONSPD's order (a few of its many), quoted as it quotes them.
        let file = "\"pcd\",\"pcd2\",\"pcds\",\"dointr\",\"doterm\",\"oseast1m\",\"osnrth1m\",\"osgrdind\"\n\
            \"CL3 4AB\",\"CL3  4AB\",\"CL3 4AB\",\"198001\",\"\",\"440100\",\"300200\",\"1\"\n\
            \"CL3 4AD\",\"CL3  4AD\",\"CL3 4AD\",\"198001\",\"200012\",\"440300\",\"300400\",\"1\"\n\
            \"GY1 1AA\",\"GY1  1AA\",\"GY1 1AA\",\"198001\",\"\",\"\",\"\",\"9\"\n\
            \"BT1 1AA\",\"BT1  1AA\",\"BT1 1AA\",\"198001\",\"\",\"333000\",\"374000\",\"1\"\n\
            \"ZZ99 3VZ\",\"ZZ99 3VZ\",\"ZZ993VZ\",\"198001\",\"\",\"440000\",\"300000\",\"9\"\n\
            \"NOT\",\"NOT\",\"NOT\",\"198001\",\"\",\"1\",\"1\",\"1\"\n";
        let (centroids, counts) = read_directory(file.as_bytes()).unwrap();
        assert_eq!(
            counts,
            ReadCounts {
                rows: 6,
                located: 2,
                no_grid_reference: 2,
                irish_grid: 1,
                not_postcodes: 1,
                first_bad_line: Some(7),
            }
        );
        // Terminated postcodes are kept: past placements were recorded with them.
        assert_eq!(centroids.counts(), (2, 0, 0));
    }

    #[test]
    fn a_file_without_the_columns_is_refused_naming_what_it_has() {
        let err = read_directory("pcds,lat,long\nCL3 4AB,52.1,-1.2\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected oseast1m and osnrth1m"), "{err}");
        assert!(err.contains("found: pcds, lat, long"), "{err}");
        let err = read_directory("postcode,oseast1m,osnrth1m\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected pcds or pcd"), "{err}");
    }
}
