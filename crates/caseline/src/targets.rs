//! The authority's own targets from `config/targets.toml`: the shipped file is the
//! default, embedded in the binary; `--targets <file>` reads an edited copy.

use std::collections::BTreeMap;

use anyhow::Context;
use caseline_domain::indicators::{Target, Targets};
use serde::Deserialize;

/// The shipped targets.
const SHIPPED: &str = include_str!("../../../config/targets.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    targets: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    value: f64,
    amber_within: f64,
    #[serde(default)]
    basis: String,
}

/// Reads and checks targets from `text`; errors name the file and the indicator.
pub fn parse(text: &str, name: &str) -> anyhow::Result<Targets> {
    let f: File = toml::from_str(text).with_context(|| format!("reading targets from {name}"))?;
    Targets::new(f.targets.into_iter().map(|(id, e)| {
        (
            id,
            Target {
                value: e.value,
                amber_within: e.amber_within,
                basis: e.basis,
            },
        )
    }))
    .with_context(|| format!("reading targets from {name}"))
}

/// The targets in force: from `path` if given, else the shipped file.
pub fn load(path: Option<&std::path::Path>) -> anyhow::Result<Targets> {
    match path {
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("opening {}", p.display()))?;
            parse(&text, &p.display().to_string())
        }
        None => parse(SHIPPED, "the shipped targets.toml"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_targets_load() {
        let t = load(None).unwrap();
        assert_eq!(t.get("HP-ASSESSMENTS-45WD").unwrap().value, 90.0);
        assert!(t.iter().count() >= 20);
    }

    #[test]
    fn bad_targets_are_refused_naming_the_file_and_indicator() {
        let e = parse(
            "[targets.CIC-RATE]\nvalue = 60\namber_within = 5\n",
            "t.toml",
        )
        .unwrap_err();
        let text = format!("{e:#}");
        assert!(
            text.contains("t.toml") && text.contains("CIC-RATE"),
            "{text}"
        );
        let e = parse("[targets.HP-RE-REFERRALS]\nvalue = 20\n", "t.toml").unwrap_err();
        assert!(format!("{e:#}").contains("amber_within"), "{e:#}");
        let e = parse("[targets.NOT-ONE]\nvalue = 1\namber_within = 0\n", "t.toml").unwrap_err();
        assert!(format!("{e:#}").contains("NOT-ONE"), "{e:#}");
        assert!(parse("surprise = 1\n", "t.toml").is_err());
        assert_eq!(parse("", "t.toml").unwrap(), Targets::default());
    }
}
