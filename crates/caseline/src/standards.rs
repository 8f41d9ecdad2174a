//! Local standards from `config/local-standards.toml`: the shipped file is the
//! default, embedded in the binary; `--local-standards <file>` reads an edited copy.

use anyhow::Context;
use caseline_domain::clocks::ClockSettings;
use caseline_domain::findings::FindingSettings;
use caseline_domain::work::LocalStandards;
use serde::Deserialize;

/// The shipped defaults.
const SHIPPED: &str = include_str!("../../../config/local-standards.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    due_soon_days: i32,
    cp_visit_working_days: u32,
    cin_visit_working_days: u32,
    findings: Findings,
}

/// The `[findings]` table: thresholds for the local drift-and-delay findings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    seen_alone_weeks: u32,
    seen_alone_from_age: u8,
    long_cp_plan_months: u32,
    placed_with_parents_months: u32,
    personal_adviser_by_age_months: u32,
}

fn parse(text: &str, name: &str) -> anyhow::Result<LocalStandards> {
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
    let g = &f.findings;
    let checks: [(&str, u32, std::ops::RangeInclusive<u32>); 5] = [
        ("findings.seen_alone_weeks", g.seen_alone_weeks, 1..=52),
        (
            "findings.seen_alone_from_age",
            u32::from(g.seen_alone_from_age),
            0..=17,
        ),
        (
            "findings.long_cp_plan_months",
            g.long_cp_plan_months,
            1..=60,
        ),
        (
            "findings.placed_with_parents_months",
            g.placed_with_parents_months,
            1..=36,
        ),
        (
            "findings.personal_adviser_by_age_months",
            g.personal_adviser_by_age_months,
            192..=216,
        ),
    ];
    for (field, value, range) in checks {
        anyhow::ensure!(
            range.contains(&value),
            "{name}: {field} must be {} to {}",
            range.start(),
            range.end()
        );
    }
    Ok(LocalStandards {
        clocks: ClockSettings {
            due_soon_days: f.due_soon_days,
            cp_visit_working_days: f.cp_visit_working_days,
            cin_visit_working_days: f.cin_visit_working_days,
        },
        findings: FindingSettings {
            seen_alone_weeks: g.seen_alone_weeks,
            seen_alone_from_age: g.seen_alone_from_age,
            long_cp_plan_months: g.long_cp_plan_months,
            placed_with_parents_months: g.placed_with_parents_months,
            personal_adviser_by_age_months: g.personal_adviser_by_age_months,
        },
    })
}

/// The local standards in force: from `path` if given, else the shipped defaults.
pub fn load(path: Option<&std::path::Path>) -> anyhow::Result<LocalStandards> {
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
        assert_eq!(load(None).unwrap(), LocalStandards::default());
    }

    #[test]
    fn bad_files_are_refused_with_the_field_named() {
        let bad = |from: &str, to: &str| {
            assert!(SHIPPED.contains(from), "{from}");
            parse(&SHIPPED.replace(from, to), "f").unwrap_err()
        };
        let e = bad("cp_visit_working_days = 10", "cp_visit_working_days = 0");
        assert!(e.to_string().contains("cp_visit_working_days"), "{e}");
        let e = bad("cin_visit_working_days = 20\n", "");
        assert!(format!("{e:#}").contains("cin_visit_working_days"), "{e:#}");
        let e = bad("seen_alone_weeks = 12", "seen_alone_weeks = 0");
        assert!(e.to_string().contains("findings.seen_alone_weeks"), "{e}");
        let e = bad(
            "personal_adviser_by_age_months = 210",
            "personal_adviser_by_age_months = 300",
        );
        assert!(
            e.to_string().contains("personal_adviser_by_age_months"),
            "{e}"
        );
        assert!(parse(&format!("surprise = 1\n{SHIPPED}"), "f").is_err());
    }
}
