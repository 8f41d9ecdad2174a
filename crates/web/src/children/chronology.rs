//! The chronology as shown on the child's page: every event in date order, with a
//! filter by stage of the journey.

use caseline_domain::ChildRecord;
use caseline_domain::chronology::{ChronologyEntry, Stage, chronology};

use crate::error::AppError;
use crate::format;

/// Every stage, in journey order (for the filter links).
const STAGES: [Stage; 7] = [
    Stage::FrontDoor,
    Stage::Assessment,
    Stage::ChildProtection,
    Stage::InCare,
    Stage::CareLeaver,
    Stage::Closure,
    Stage::Other,
];

/// The stage's name for people (the colour of the item repeats it, never replaces it).
pub(crate) fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::FrontDoor => "Front door",
        Stage::Assessment => "Assessment and child in need",
        Stage::ChildProtection => "Child protection",
        Stage::InCare => "In care",
        Stage::CareLeaver => "Leaving care",
        Stage::Closure => "Closure",
        Stage::Other => "Other",
    }
}

/// Reads the `stage` filter: absent or empty means every stage.
pub(crate) fn parse_stage(stage: Option<&str>) -> Result<Option<Stage>, AppError> {
    let stage = stage.map(str::trim).unwrap_or("");
    if stage.is_empty() {
        return Ok(None);
    }
    STAGES
        .into_iter()
        .find(|s| s.slug() == stage)
        .map(Some)
        .ok_or_else(|| {
            let slugs: Vec<&str> = STAGES.iter().map(|s| s.slug()).collect();
            AppError::bad_request("stage", format!("choose one of {}", slugs.join(", ")))
        })
}

/// One event, ready to show.
pub(crate) struct ChronologyItem {
    pub date: String,
    pub date_iso: String,
    pub slug: &'static str,
    pub stage: &'static str,
    pub title: String,
    pub detail: String,
}

impl From<ChronologyEntry> for ChronologyItem {
    fn from(e: ChronologyEntry) -> Self {
        Self {
            date: format::date(e.date),
            date_iso: e.date.to_string(),
            slug: e.stage.slug(),
            stage: stage_label(e.stage),
            title: e.title,
            detail: e.detail,
        }
    }
}

/// A filter link: "In care (4)".
pub(crate) struct StageFilter {
    pub label: &'static str,
    pub href: String,
    pub count: usize,
    pub current: bool,
}

/// The chronology section.
pub(crate) struct ChronologyView {
    pub items: Vec<ChronologyItem>,
    pub filters: Vec<StageFilter>,
    /// The stage shown, when filtered.
    pub filtered_to: Option<&'static str>,
}

impl ChronologyView {
    /// The chronology of `record`, limited to `only` if given; filter links go to `base_href`.
    pub(crate) fn new(record: &ChildRecord, only: Option<Stage>, base_href: &str) -> Self {
        let all = chronology(record);
        let mut filters = vec![StageFilter {
            label: "All events",
            href: format!("{base_href}#chronology"),
            count: all.len(),
            current: only.is_none(),
        }];
        for stage in STAGES {
            let count = all.iter().filter(|e| e.stage == stage).count();
            if count > 0 {
                filters.push(StageFilter {
                    label: stage_label(stage),
                    href: format!("{base_href}?stage={}#chronology", stage.slug()),
                    count,
                    current: only == Some(stage),
                });
            }
        }
        let items = all
            .into_iter()
            .filter(|e| only.is_none_or(|s| e.stage == s))
            .map(ChronologyItem::from)
            .collect();
        Self {
            items,
            filters,
            filtered_to: only.map(stage_label),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn stage_filter_reads_slugs_and_names_the_field_when_wrong() {
        assert_eq!(parse_stage(None).unwrap(), None);
        assert_eq!(parse_stage(Some("")).unwrap(), None);
        assert_eq!(parse_stage(Some("in-care")).unwrap(), Some(Stage::InCare));
        assert_eq!(
            parse_stage(Some("front-door")).unwrap(),
            Some(Stage::FrontDoor)
        );
        assert!(matches!(
            parse_stage(Some("nowhere")),
            Err(AppError::BadRequest { field: "stage", .. })
        ));
    }

    #[test]
    fn every_stage_has_a_distinct_label() {
        let mut labels: Vec<&str> = STAGES.iter().map(|s| stage_label(*s)).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), STAGES.len());
    }
}
