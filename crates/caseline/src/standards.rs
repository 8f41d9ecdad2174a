//! Local standards from `config/local-standards.toml`: the shipped file is the
//! default, embedded in the binary; `--local-standards <file>` reads an edited copy.
//! Standards added after the first release (the four newer clock standards and the
//! `[findings]` table) take their defaults when an older edited file leaves them out.

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
    allocation_working_days: Option<u32>,
    urgent_contact_decision_hours: Option<u32>,
    cin_plan_review_months: Option<u32>,
    case_supervision_working_days: Option<u32>,
    findings: Option<Findings>,
}

/// The `[findings]` table: thresholds for the local drift-and-delay findings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    seen_alone_weeks: Option<u32>,
    seen_alone_from_age: Option<u8>,
    long_cp_plan_months: Option<u32>,
    placed_with_parents_months: Option<u32>,
    personal_adviser_by_age_months: Option<u32>,
}

/// Checks `value` of `field` is within `range`, naming the field if not.
fn within(
    name: &str,
    field: &str,
    value: u32,
    range: std::ops::RangeInclusive<u32>,
) -> anyhow::Result<u32> {
    anyhow::ensure!(
        range.contains(&value),
        "{name}: {field} must be {} to {}",
        range.start(),
        range.end()
    );
    Ok(value)
}

fn parse(text: &str, name: &str) -> anyhow::Result<LocalStandards> {
    let f: File =
        toml::from_str(text).with_context(|| format!("reading local standards from {name}"))?;
    anyhow::ensure!(
        (0..=60).contains(&f.due_soon_days),
        "{name}: due_soon_days must be 0 to 60"
    );
    let d = ClockSettings::default();
    let clocks = ClockSettings {
        due_soon_days: f.due_soon_days,
        cp_visit_working_days: within(
            name,
            "cp_visit_working_days",
            f.cp_visit_working_days,
            1..=100,
        )?,
        cin_visit_working_days: within(
            name,
            "cin_visit_working_days",
            f.cin_visit_working_days,
            1..=100,
        )?,
        allocation_working_days: within(
            name,
            "allocation_working_days",
            f.allocation_working_days
                .unwrap_or(d.allocation_working_days),
            1..=45,
        )?,
        urgent_contact_decision_hours: within(
            name,
            "urgent_contact_decision_hours",
            f.urgent_contact_decision_hours
                .unwrap_or(d.urgent_contact_decision_hours),
            1..=24,
        )?,
        cin_plan_review_months: within(
            name,
            "cin_plan_review_months",
            f.cin_plan_review_months.unwrap_or(d.cin_plan_review_months),
            1..=12,
        )?,
        case_supervision_working_days: within(
            name,
            "case_supervision_working_days",
            f.case_supervision_working_days
                .unwrap_or(d.case_supervision_working_days),
            1..=130,
        )?,
    };
    let d = FindingSettings::default();
    let findings = match f.findings {
        None => d,
        Some(g) => FindingSettings {
            seen_alone_weeks: within(
                name,
                "findings.seen_alone_weeks",
                g.seen_alone_weeks.unwrap_or(d.seen_alone_weeks),
                1..=52,
            )?,
            seen_alone_from_age: u8::try_from(within(
                name,
                "findings.seen_alone_from_age",
                u32::from(g.seen_alone_from_age.unwrap_or(d.seen_alone_from_age)),
                0..=17,
            )?)?,
            long_cp_plan_months: within(
                name,
                "findings.long_cp_plan_months",
                g.long_cp_plan_months.unwrap_or(d.long_cp_plan_months),
                1..=60,
            )?,
            placed_with_parents_months: within(
                name,
                "findings.placed_with_parents_months",
                g.placed_with_parents_months
                    .unwrap_or(d.placed_with_parents_months),
                1..=36,
            )?,
            personal_adviser_by_age_months: within(
                name,
                "findings.personal_adviser_by_age_months",
                g.personal_adviser_by_age_months
                    .unwrap_or(d.personal_adviser_by_age_months),
                192..=216,
            )?,
        },
    };
    Ok(LocalStandards { clocks, findings })
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

    const FIRST: &str =
        "due_soon_days = 5\ncp_visit_working_days = 10\ncin_visit_working_days = 20\n";

    #[test]
    fn the_shipped_file_is_the_default() {
        assert_eq!(load(None).unwrap(), LocalStandards::default());
        // Every standard is written out in the shipped file, not left to the default.
        for field in [
            "allocation_working_days",
            "urgent_contact_decision_hours",
            "cin_plan_review_months",
            "case_supervision_working_days",
            "seen_alone_weeks",
            "seen_alone_from_age",
            "long_cp_plan_months",
            "placed_with_parents_months",
            "personal_adviser_by_age_months",
        ] {
            assert!(SHIPPED.contains(&format!("\n{field} = ")), "{field}");
        }
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
        assert!(parse(&format!("surprise = 1\n{FIRST}"), "f").is_err());
        for (line, field) in [
            ("allocation_working_days = 0", "allocation_working_days"),
            (
                "urgent_contact_decision_hours = 25",
                "urgent_contact_decision_hours",
            ),
            ("cin_plan_review_months = 0", "cin_plan_review_months"),
            (
                "case_supervision_working_days = 0",
                "case_supervision_working_days",
            ),
            (
                "[findings]\nseen_alone_weeks = 0",
                "findings.seen_alone_weeks",
            ),
            (
                "[findings]\npersonal_adviser_by_age_months = 300",
                "findings.personal_adviser_by_age_months",
            ),
        ] {
            let e = parse(&format!("{FIRST}{line}\n"), "f").unwrap_err();
            assert!(e.to_string().contains(field), "{e}");
        }
        let e = parse(&format!("{FIRST}cin_plan_review_months = \"three\"\n"), "f").unwrap_err();
        assert!(format!("{e:#}").contains("cin_plan_review_months"), "{e:#}");
        assert!(parse(&format!("{FIRST}[findings]\nsurprise = 1\n"), "f").is_err());
    }

    #[test]
    fn a_file_from_before_the_newer_standards_takes_their_defaults() {
        let s = parse(FIRST, "f").unwrap();
        assert_eq!(s, LocalStandards::default());
        let s = parse(&format!("{FIRST}case_supervision_working_days = 15\n"), "f").unwrap();
        assert_eq!(s.clocks.case_supervision_working_days, 15);
        assert_eq!(s.clocks.allocation_working_days, 3);
        let s = parse(
            &format!("{FIRST}[findings]\nlong_cp_plan_months = 24\n"),
            "f",
        )
        .unwrap();
        assert_eq!(s.findings.long_cp_plan_months, 24);
        assert_eq!(s.findings.seen_alone_weeks, 12);
    }
}
