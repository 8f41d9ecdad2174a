//! Printing a standalone HTML document to PDF with the headless Chromium installed on
//! the machine: the same engine that lays out the page on screen, so the PDF is what
//! the printable document shows. The document is written to a private temporary
//! directory, Chromium runs with a fresh profile there, network features off, and a
//! time limit, and everything is removed afterwards.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// How long Chromium may take to print before it is stopped.
pub const PRINT_TIME_LIMIT: Duration = Duration::from_secs(120);

/// The names Chromium goes by on Debian, Ubuntu and elsewhere, tried in order.
const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Why no PDF was made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// No Chromium on the machine.
    #[error(
        "Chromium was not found on this machine: install it (on Debian: apt-get install chromium) or set CASELINE_CHROMIUM to its path"
    )]
    ChromiumMissing,
    /// The temporary files could not be written or read.
    #[error("the PDF's temporary files could not be used: {0}")]
    Files(#[from] std::io::Error),
    /// Chromium did not finish in time.
    #[error("Chromium did not finish printing the PDF within {} seconds", PRINT_TIME_LIMIT.as_secs())]
    TimedOut,
    /// Chromium ended without a PDF.
    #[error("Chromium did not print the PDF ({0})")]
    NotPrinted(String),
}

/// The Chromium to run: `CASELINE_CHROMIUM` if set, else the first of the usual names
/// on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CASELINE_CHROMIUM") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    CHROMIUM_NAMES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    })
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Prints `html` (a self-contained document: no outside styles, scripts or images) to
/// an A4 PDF, as the document's own print styles lay it out.
pub async fn print_to_pdf(html: &str) -> Result<Vec<u8>, PdfError> {
    let chromium = find_chromium().ok_or(PdfError::ChromiumMissing)?;
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("document.html");
    let pdf = dir.path().join("document.pdf");
    let profile = dir.path().join("profile");
    tokio::fs::write(&page, html).await?;
    let mut command = tokio::process::Command::new(chromium);
    command
        .arg("--headless")
        .args([
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Stopped if the time limit passes or the request goes away.
        .kill_on_drop(true);
    let child = command.spawn()?;
    let out = tokio::time::timeout(PRINT_TIME_LIMIT, child.wait_with_output())
        .await
        .map_err(|_| PdfError::TimedOut)??;
    let bytes = tokio::fs::read(&pdf).await.unwrap_or_default();
    if !out.status.success() || !bytes.starts_with(b"%PDF-") {
        // Chromium's own complaints (the document holds personal data, its messages
        // do not), less the noise about a missing desktop bus.
        let said = String::from_utf8_lossy(&out.stderr);
        let last = said
            .lines()
            .rev()
            .find(|l| !l.contains("dbus") && !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(PdfError::NotPrinted(format!("{}; {last}", out.status)));
    }
    Ok(bytes)
}
