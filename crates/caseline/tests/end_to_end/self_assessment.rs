//! `caseline self-assessment` end to end: a small synthetic authority generated into a
//! temporary SQLite database, the pack drafted as HTML and PDF by the real binary, and
//! the PDF rendered to PNG pages with `pdftoppm`, each checked to show something. The
//! pages are kept under `target/screenshots/self-assessment/`. Skipped when Chromium
//! or pdftoppm is missing, except under `CI=true`, where that fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{screenshot_dir, which};

/// Children generated: enough for every judgement area to have figures, few enough
/// for a debug build.
const CHILDREN: &str = "1500";

fn run(program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The files in `dir` ending `.ext`, by name.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

/// A PNG's width and height, from its header (signature, then the IHDR chunk).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR"),
        "not a PNG"
    );
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// A binary greyscale PGM (P5) page: width, height and its pixels.
fn pgm(bytes: &[u8]) -> (u32, u32, &[u8]) {
    // Header: "P5", width, height, maximum value, each after whitespace, then one
    // whitespace byte and the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap().to_owned());
    }
    assert_eq!(fields[0], "P5");
    assert_eq!(fields[3], "255");
    let (w, h): (u32, u32) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &bytes[at + 1..];
    assert_eq!(pixels.len(), (w * h) as usize);
    (w, h, pixels)
}

#[tokio::test]
async fn the_self_assessment_pdf_renders_to_pages_that_each_show_something() {
    let chromium = caseline_web::self_assessment::find_chromium();
    let pdftoppm = which("pdftoppm").ok();
    let (Some(_), Some(pdftoppm)) = (chromium, pdftoppm) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium or pdftoppm missing under CI (scripts/test.sh installs them)"
        );
        eprintln!("skipping the self-assessment PDF test: Chromium or pdftoppm not installed");
        return;
    };
    let bin = env!("CARGO_BIN_EXE_caseline");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("authority.db");
    let db = db.to_str().unwrap();
    let out = dir.path().join("pack");
    run(
        bin,
        &[
            "generate",
            "--children",
            CHILDREN,
            "--seed",
            "11",
            "--database",
            db,
        ],
    );
    let said = run(
        bin,
        &[
            "self-assessment",
            "--database",
            db,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let html = files(&out, "html");
    let pdf = files(&out, "pdf");
    assert_eq!((html.len(), pdf.len()), (1, 1), "{said}");
    let name = pdf[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(
        name.starts_with("self-assessment-") && said.contains(&name),
        "{said}"
    );

    // It read every record as one audited export, and recorded each child it names.
    let store = caseline_store::Db::open(db).await.unwrap();
    let audited = store
        .fetch_all(
            "SELECT action, child_id FROM audit_events WHERE actor = $1",
            &["self-assessment (command line)".into()],
        )
        .await
        .unwrap();
    store.close().await;
    let actions: Vec<String> = audited.iter().map(|r| r.text("action").unwrap()).collect();
    assert_eq!(actions.first().map(String::as_str), Some("EXPORT_ALL"));
    let named = audited
        .iter()
        .filter(|r| r.opt_text("child_id").unwrap().is_some())
        .count();
    assert!(
        said.contains(&format!("The draft names {named} children")),
        "{said}"
    );
    assert!(actions[1..].iter().all(|a| a == "LIST_CHILDREN"));

    // The cover says whose draft it is, for when, and that it is a draft from the records.
    let text = std::fs::read_to_string(&html[0]).unwrap();
    for cover in [
        "Synthetic Borough Council",
        "Self-assessment: draft for ",
        "Draft generated from the records",
        "The twelve months ",
        "The 24 months ",
    ] {
        assert!(text.contains(cover), "the cover lacks {cover:?}");
    }

    // Every page rendered twice at 50 dpi: PNG to keep, greyscale PGM to read pixels.
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let pdf_path = pdf[0].to_str().unwrap();
    run(
        &pdftoppm,
        &[
            "-r",
            "50",
            "-png",
            pdf_path,
            pages.join("page").to_str().unwrap(),
        ],
    );
    run(
        &pdftoppm,
        &[
            "-r",
            "50",
            "-gray",
            pdf_path,
            pages.join("grey").to_str().unwrap(),
        ],
    );
    let pngs = files(&pages, "png");
    let greys = files(&pages, "pgm");
    // A cover and a page or more for each of the four judgement areas.
    assert!(pngs.len() >= 5, "only {} pages", pngs.len());
    assert_eq!(pngs.len(), greys.len());

    let keep = screenshot_dir().join("self-assessment");
    let _ = std::fs::remove_dir_all(&keep);
    std::fs::create_dir_all(&keep).unwrap();
    for (png, grey) in pngs.iter().zip(&greys) {
        let png_bytes = std::fs::read(png).unwrap();
        let grey_bytes = std::fs::read(grey).unwrap();
        let (w, h, pixels) = pgm(&grey_bytes);
        // A4 at 50 dpi: 413 × 585 pixels (210 × 297 mm).
        assert!(
            (410..=416).contains(&w) && (582..=588).contains(&h),
            "{w}×{h}"
        );
        assert_eq!(png_size(&png_bytes), (w, h), "{}", png.display());
        // Something printed: not all one colour, and some ink on the page.
        let first = pixels[0];
        assert!(
            pixels.iter().any(|p| *p != first),
            "{} is one colour",
            png.display()
        );
        let inked = pixels.iter().filter(|p| **p < 128).count();
        assert!(
            inked > 50,
            "{} is nearly blank ({inked} dark pixels)",
            png.display()
        );
        std::fs::copy(png, keep.join(png.file_name().unwrap())).unwrap();
    }
}

/// On a synthetic authority, for every share: each item in the figure is matched to
/// exactly one item of its total, so those "not in the figure" are exactly the total
/// less the figure, and each of them is a child or worker of the total. This checks
/// the matching against what every real indicator puts in its figure and total (a
/// different record, a value on one side only), not only hand-made items.
#[test]
fn the_children_missed_from_every_share_are_the_total_less_the_figure() {
    use caseline_domain::indicators::{self, Input, ValueKind, Window};
    use caseline_domain::self_assessment::behind::not_in_figure;
    let today = jiff::civil::date(2026, 3, 31);
    let mut config = caseline_synth::SynthConfig::demo(today);
    config.children = 1_500;
    config.seed = 11;
    let generator = caseline_synth::Generator::new(config);
    let records: Vec<_> = (0..1_500).map(|i| generator.child(i)).collect();
    let generated = generator.workforce();
    let workforce =
        caseline_domain::work::Workforce::new(generated.teams.clone(), generated.workers.clone());
    let calendar = caseline_domain::calendar::WorkingDayCalendar::england_and_wales();
    let population = caseline_domain::population::ChildPopulation::every_window(60_000, "test");
    let centroids = caseline_domain::geography::Centroids::default();
    let mut checked = 0;
    for ind in indicators::all() {
        let m = (ind.compute)(&Input {
            records: &records,
            window: Window::year_to(today),
            calendar: &calendar,
            workforce: &workforce,
            population: &population,
            centroids: &centroids,
        });
        if m.kind != ValueKind::Percent || m.denominator.is_empty() {
            continue;
        }
        let missed = not_in_figure(&m.numerator, &m.denominator);
        assert_eq!(
            missed.len(),
            m.denominator.len() - m.numerator.len(),
            "{}: {} in the figure, {} in the total, {} left",
            ind.id,
            m.numerator.len(),
            m.denominator.len(),
            missed.len()
        );
        // Nobody in the figure is listed as missed from it, unless they are counted in
        // the total more than once (a child with two assessments, one late).
        for i in &missed {
            let in_figure = m
                .numerator
                .iter()
                .filter(|n| n.child_id == i.child_id && n.worker_id == i.worker_id)
                .count();
            let in_total = m
                .denominator
                .iter()
                .filter(|d| d.child_id == i.child_id && d.worker_id == i.worker_id)
                .count();
            assert!(
                in_figure < in_total,
                "{}: {:?} listed but in the figure",
                ind.id,
                i.child_id
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} shares had a total");
}
