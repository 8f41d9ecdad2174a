//! Leadership: whether children have a named worker, how heavy caseloads are, how
//! stable the workforce is (ILACS: the impact of leaders on social work practice).

use super::{Area, Better, Indicator, Input, Item, Measure, banded, item};
use crate::codes::JobRole;
use crate::findings::{self, FindingSettings, findings_for};
use crate::work::WAITING;
use crate::workforce::Worker;

/// Children waiting for a named worker at the end of the window.
pub const WAITING_FOR_A_WORKER: Indicator = Indicator {
    id: "LD-WAITING",
    area: Area::Leadership,
    title: "Children waiting for a named worker",
    definition: "Children with open work on the last day of the window who are unallocated, held on duty by a team with no named worker, or held by a manager; banded by days waiting",
    source: "Ofsted ILACS (children unallocated or held on duty); the drift findings UNALLOCATED, HELD-ON-DUTY and HELD-BY-MANAGER",
    better: Better::Lower,
    compute: waiting,
};

/// How long those children have waited.
pub const DAYS_WAITING: Indicator = Indicator {
    id: "LD-WAITING-DAYS",
    area: Area::Leadership,
    title: "Median days waiting for a named worker",
    definition: "Median calendar days that the children counted by LD-WAITING have waited, on the last day of the window",
    source: "As LD-WAITING",
    better: Better::Lower,
    compute: days_waiting,
};

/// Open cases per full-time case-holding worker.
pub const CASELOAD_PER_FTE: Indicator = Indicator {
    id: "LD-CASELOAD-PER-FTE",
    area: Area::Leadership,
    title: "Open cases per full-time worker",
    definition: "Children with open work on the last day of the window (allocated, held on duty or awaiting allocation), divided by the full-time equivalents of the social workers, senior practitioners and personal advisers in post that day",
    source: "SSD ChAT-plus caseload aggregation (open allocated case worker involvements); DfE children's social work workforce (FTE)",
    better: Better::Lower,
    compute: caseload_per_fte,
};

/// Agency social workers among those in post.
pub const AGENCY_SHARE: Indicator = Indicator {
    id: "LD-AGENCY-SHARE",
    area: Area::Leadership,
    title: "Agency social workers",
    definition: "Social workers and senior practitioners in post on the last day of the window who are agency workers, as a share of all in post (headcount)",
    source: "DfE Children's social work workforce census (agency worker rate)",
    better: Better::Lower,
    compute: agency_share,
};

/// Children with three or more social workers in a year.
pub const THREE_WORKERS: Indicator = Indicator {
    id: "LD-WORKERS-3-IN-12",
    area: Area::Leadership,
    title: "Children with 3+ social workers in 12 months",
    definition: "Children with open work on the last day of the window who had three or more different named social workers in the 12 months to that day, among all children with open work then",
    source: "SSDA903 SWEpisodes; Ofsted ILACS (frequent changes of social worker)",
    better: Better::Lower,
    compute: three_workers,
};

/// This area's indicators.
pub static INDICATORS: &[Indicator] = &[
    WAITING_FOR_A_WORKER,
    DAYS_WAITING,
    CASELOAD_PER_FTE,
    AGENCY_SHARE,
    THREE_WORKERS,
];

/// The findings of `kinds` on open cases at the end of the window, as items valued by
/// days standing, with the open cases they were looked for among.
fn found(input: &Input<'_>, kinds: &[&findings::FindingKind]) -> (Vec<Item>, Vec<Item>) {
    let on = input.window.to;
    let mut hits = Vec::new();
    let mut open = Vec::new();
    for r in input.records.iter().filter(|r| r.has_open_work(on)) {
        open.push(item(r, None, on, "open case"));
        // Clocks are not needed by these findings ("not seen" is the only one that
        // reads them).
        for f in findings_for(r, &[], on, FindingSettings::default(), &|w| {
            input.workforce.is_manager(w)
        }) {
            if kinds.iter().any(|k| k.id == f.kind.id) {
                hits.push(
                    item(r, f.record_id.as_ref(), on, f.detail).with_value(f64::from(f.days)),
                );
            }
        }
    }
    (hits, open)
}

fn waiting(input: &Input<'_>) -> Measure {
    let (hits, _) = found(input, WAITING);
    let bands = banded(
        &hits,
        &[
            ("0–5 days", None, Some(5.0)),
            ("6–20 days", Some(6.0), Some(20.0)),
            ("21–60 days", Some(21.0), Some(60.0)),
            ("61 days or more", Some(61.0), None),
        ],
    );
    Measure::count(hits).with_bands(bands)
}

fn days_waiting(input: &Input<'_>) -> Measure {
    Measure::median(found(input, WAITING).0)
}

fn worker_item(w: &Worker, on: jiff::civil::Date, value: f64) -> Item {
    Item {
        child_id: None,
        worker_id: Some(w.id.clone()),
        record_id: None,
        date: on,
        team_id: Some(w.team_id.clone()),
        value: Some(value),
        detail: format!("{} ({})", w.full_name(), w.role.label()),
    }
}

fn caseload_per_fte(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    // Every open case counts, held by a named worker or not: a case held on duty or
    // awaiting allocation is still the team's work, and leaving it out would make a
    // service with many unallocated children look lightly loaded.
    let cases: Vec<Item> = input
        .records
        .iter()
        .filter(|r| r.has_open_work(on))
        .map(|r| item(r, None, on, "open case").with_value(1.0))
        .collect();
    let fte: Vec<Item> = input
        .workforce
        .case_holders_on(input.window.to)
        .iter()
        .map(|w| worker_item(w, on, f64::from(w.fte_hundredths) / 100.0))
        .collect();
    Measure::ratio(cases, fte)
}

fn agency_share(input: &Input<'_>) -> Measure {
    let on = input.window.to;
    let social_workers: Vec<&Worker> = input
        .workforce
        .case_holders_on(input.window.to)
        .into_iter()
        .filter(|w| w.role != JobRole::PersonalAdviser)
        .collect();
    let all: Vec<Item> = social_workers
        .iter()
        .map(|w| worker_item(w, on, 1.0))
        .collect();
    let agency: Vec<Item> = social_workers
        .iter()
        .filter(|w| w.agency)
        .map(|w| worker_item(w, on, 1.0))
        .collect();
    Measure::percent(agency, all)
}

fn three_workers(input: &Input<'_>) -> Measure {
    let (hits, open) = found(input, &[&findings::WORKER_CHANGES]);
    Measure::percent(hits, open)
}
