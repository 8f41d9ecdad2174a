//! `caseline self-assessment`: the self-assessment pack for a date, written as a
//! printable HTML document and, printed by headless Chromium, a PDF.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use caseline_domain::indicators::Targets;
use caseline_domain::looked_after::episode_postcodes;
use caseline_domain::population::ChildPopulation;
use caseline_domain::self_assessment::{draft, evidence};
use caseline_domain::work::Workforce;
use caseline_store::{Actor, Db};
use caseline_web::self_assessment::{print_to_pdf, render_html};
use jiff::civil::Date;

/// What to draft, and where to write it.
pub struct Request<'a> {
    /// SQLite file path or postgres:// URL.
    pub database: &'a str,
    /// The date of the draft.
    pub as_of: Date,
    /// The directory to write into (made if missing).
    pub out: &'a Path,
    /// Children aged 0 to 17 living in the authority.
    /// Rates divide by this in every window if given, else by the estimates stored.
    pub population: Option<u32>,
    /// The authority's targets.
    pub targets: &'a Targets,
    /// The authority's name, for the cover.
    pub authority: &'a str,
    /// Also print the PDF.
    pub pdf: bool,
    /// The day the draft is made.
    pub today: Date,
}

/// Writes `self-assessment-<date>.html` (and `.pdf`) into the directory; the paths
/// written, HTML first.
pub async fn run(r: Request<'_>) -> anyhow::Result<Vec<PathBuf>> {
    let started = Instant::now();
    let db = Db::open(r.database).await.context("opening the database")?;
    let calendar = db.calendar().await?;
    let actor = Actor::new("self-assessment (command line)");
    // Every child's record but restricted ones, audited as one export: the records
    // the performance pages and the page's pack count, so the file says the same and
    // never names a child whose record is restricted to named people.
    let (_, records) = db.unrestricted_journeys(&actor).await?;
    let workforce = Workforce::new(db.teams().await?, db.workers().await?);
    let population = match r.population {
        Some(n) => ChildPopulation::every_window(n, "given with --population"),
        None => db.child_population().await?,
    };
    let centroids = db.centroids_for(&episode_postcodes(&records)).await?;
    let (as_of, targets) = (r.as_of, r.targets.clone());
    let pack = tokio::task::spawn_blocking(move || {
        draft(
            &evidence(
                &records,
                &calendar,
                &workforce,
                &population,
                &centroids,
                as_of,
            ),
            &targets,
        )
    })
    .await?;
    // The pack names children: each is recorded as listed, as on the page.
    db.record_children_listed(
        &actor,
        &pack.children_named(),
        &format!("self-assessment pack for {as_of} (command line)"),
    )
    .await?;
    db.close().await;
    std::fs::create_dir_all(r.out).with_context(|| format!("making {}", r.out.display()))?;
    let html = render_html(&pack, r.authority, r.today)?;
    let html_path = r.out.join(format!("self-assessment-{as_of}.html"));
    std::fs::write(&html_path, &html)
        .with_context(|| format!("writing {}", html_path.display()))?;
    let mut written = vec![html_path];
    if r.pdf {
        let bytes = print_to_pdf(&html)
            .await
            .context("printing the PDF (--no-pdf writes the HTML only)")?;
        let pdf_path = r.out.join(format!("self-assessment-{as_of}.pdf"));
        std::fs::write(&pdf_path, bytes)
            .with_context(|| format!("writing {}", pdf_path.display()))?;
        written.push(pdf_path);
    }
    for p in &written {
        println!("Wrote {}", p.display());
    }
    println!(
        "The draft names {} children; drafted in {:.1} s.",
        pack.children_named().len(),
        started.elapsed().as_secs_f64()
    );
    Ok(written)
}
