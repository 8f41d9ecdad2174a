//! Local standards from `config/local-standards.toml`: the shipped file is the
//! default, embedded in the binary; `--local-standards <file>` reads an edited copy.

use anyhow::Context;
use caseline_domain::clocks::ClockSettings;
use serde::Deserialize;

/// The shipped defaults.
const SHIPPED: &str = include_str!("../../../config/local-standards.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    due_soon_days: i32,
    cp_visit_working_days: u32,
    cin_visit_working_days: u32,
}

fn parse(text: &str, name: &str) -> anyhow::Result<ClockSettings> {
    let f: File =
        toml::from_str(text).with_context(|| format!("reading local standards from {name}"))?;
    anyhow::ensure!(
        (0..=60).contains(&f.due_soon_days),
        "{name}: due_soon_days must be 0 to 60"
    );
    anyhow::ensure!(
        (1..=100).contains(&f.cp_visit_working_days),
        "{name}: cp_visit_working_days must be 1 to 100"
    );
    anyhow::ensure!(
        (1..=100).contains(&f.cin_visit_working_days),
        "{name}: cin_visit_working_days must be 1 to 100"
    );
    Ok(ClockSettings {
        due_soon_days: f.due_soon_days,
        cp_visit_working_days: f.cp_visit_working_days,
        cin_visit_working_days: f.cin_visit_working_days,
    })
}

/// The local standards in force: from `path` if given, else the shipped defaults.
pub fn load(path: Option<&std::path::Path>) -> anyhow::Result<ClockSettings> {
    match path {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("opening {}", p.display()))?;
            parse(&text, &p.display().to_string())
        }
        None => parse(SHIPPED, "the shipped local-standards.toml"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_default() {
        assert_eq!(load(None).unwrap(), ClockSettings::default());
    }

    #[test]
    fn bad_files_are_refused_with_the_field_named() {
        let e = parse(
            "due_soon_days = 5\ncp_visit_working_days = 0\ncin_visit_working_days = 20\n",
            "f",
        )
        .unwrap_err();
        assert!(e.to_string().contains("cp_visit_working_days"), "{e}");
        let e = parse("due_soon_days = 5\ncp_visit_working_days = 10\n", "f").unwrap_err();
        assert!(format!("{e:#}").contains("cin_visit_working_days"), "{e:#}");
        assert!(parse("due_soon_days = 5\ncp_visit_working_days = 10\ncin_visit_working_days = 20\nsurprise = 1\n", "f").is_err());
    }
}
