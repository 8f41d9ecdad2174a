//! Summary cards for the child's open work: referral and assessment, child in need
//! or child protection plan (with its actions), time in care, leaving care.

use caseline_domain::ChildRecord;
use caseline_domain::RecordId;
use caseline_domain::codes::{ActionStatus, PlanKind};
use caseline_domain::plan_action::PlanAction;
use jiff::civil::Date;

use super::Tag;
use super::summary::{StaffNames, SummaryRow};
use crate::format;

/// A plan action as a table row.
pub(crate) struct ActionRow {
    pub who: String,
    pub what: String,
    pub due: String,
    pub due_iso: String,
    pub status: Tag,
}

/// A summary card.
pub(crate) struct Card {
    pub title: &'static str,
    pub rows: Vec<SummaryRow>,
    /// Actions on the plan (shown as a table when the card is for a plan).
    pub actions: Option<Vec<ActionRow>>,
}

fn action_status(a: &PlanAction, today: Date) -> Tag {
    if a.is_overdue_on(today) {
        return Tag::OVERDUE;
    }
    match a.status {
        ActionStatus::Open => Tag {
            label: "Open",
            class: "govuk-tag--blue",
        },
        ActionStatus::Done => Tag {
            label: "Done",
            class: "govuk-tag--green",
        },
        ActionStatus::NoLongerNeeded => Tag {
            label: "No longer needed",
            class: "govuk-tag--grey",
        },
    }
}

/// The actions of one plan, soonest due first.
fn plan_actions(rec: &ChildRecord, kind: PlanKind, plan: &RecordId, today: Date) -> Vec<ActionRow> {
    let mut actions: Vec<&PlanAction> = rec
        .plan_actions
        .iter()
        .filter(|a| a.plan_kind == kind && &a.plan_id == plan)
        .collect();
    actions.sort_by_key(|a| (a.due_date, a.id.clone()));
    actions
        .into_iter()
        .map(|a| ActionRow {
            who: a.who.clone(),
            what: a.what.clone(),
            due: format::date(a.due_date),
            due_iso: a.due_date.to_string(),
            status: action_status(a, today),
        })
        .collect()
}

fn referral_card(rec: &ChildRecord, names: &StaffNames, today: Date) -> Option<Card> {
    let r = rec
        .referrals
        .iter()
        .filter(|r| r.is_open_on(today))
        .max_by_key(|r| r.referral_date)?;
    let mut rows = vec![
        SummaryRow::text("Referral date", format::date(r.referral_date)),
        SummaryRow::text("Source", r.source.label()),
        SummaryRow::text("Primary need", r.primary_need.label()),
    ];
    if let Some(t) = &r.team_id {
        rows.push(SummaryRow::text("Team", names.team(t)));
    }
    if let Some(w) = &r.worker_id {
        rows.push(SummaryRow::text("Worker", names.worker(w)));
    }
    let assessment = rec
        .assessments
        .iter()
        .filter(|a| a.referral_id == r.id)
        .max_by_key(|a| a.start_date);
    let assessment = match assessment {
        None => "Not started".to_owned(),
        Some(a) => match (a.authorised_date, a.outcome) {
            (Some(done), outcome) => format!(
                "Started {}, authorised {}. Outcome: {}",
                format::date(a.start_date),
                format::date(done),
                outcome.map_or("not recorded", |o| o.label())
            ),
            (None, _) => format!("Started {}, not yet authorised", format::date(a.start_date)),
        },
    };
    rows.push(SummaryRow::text("Assessment", assessment));
    Some(Card {
        title: "Open referral and assessment",
        rows,
        actions: None,
    })
}

fn cp_plan_card(rec: &ChildRecord, today: Date) -> Option<Card> {
    let p = rec
        .cp_plans
        .iter()
        .filter(|p| p.is_open_on(today))
        .max_by_key(|p| p.start_date)?;
    let rows = vec![
        SummaryRow::text("Started", format::date(p.start_date)),
        SummaryRow::text("Category of abuse", p.latest_category.label()),
    ];
    Some(Card {
        title: "Child protection plan",
        rows,
        actions: Some(plan_actions(rec, PlanKind::ChildProtection, &p.id, today)),
    })
}

fn cin_plan_card(rec: &ChildRecord, today: Date) -> Option<Card> {
    let p = rec
        .cin_plans
        .iter()
        .filter(|p| p.is_open_on(today))
        .max_by_key(|p| p.start_date)?;
    let rows = vec![SummaryRow::text("Started", format::date(p.start_date))];
    Some(Card {
        title: "Child in need plan",
        rows,
        actions: Some(plan_actions(rec, PlanKind::ChildInNeed, &p.id, today)),
    })
}

fn looked_after_card(rec: &ChildRecord, today: Date) -> Option<Card> {
    let period = rec.periods_of_care.iter().find(|p| p.is_open_on(today))?;
    let mut rows = vec![SummaryRow::text(
        "Looked after since",
        format::date(period.start_date),
    )];
    if let Some(e) = rec.care_episode_on(today) {
        rows.push(SummaryRow::text("Legal status", e.legal_status.label()));
        rows.push(SummaryRow::text("Placement", e.placement_type.label()));
        rows.push(SummaryRow::text(
            "Placement started",
            format::date(e.start_date),
        ));
        rows.push(SummaryRow::text(
            "Placed within the authority",
            format::yes_no(e.in_area),
        ));
    }
    let intentions: Vec<&str> = rec
        .care_plans
        .iter()
        .filter(|c| c.period_id == period.id && c.is_open_on(today))
        .map(|c| c.intention.label())
        .collect();
    if !intentions.is_empty() {
        rows.push(SummaryRow::text("Care plan", intentions.join("; ")));
    }
    let last_review = rec
        .looked_after_reviews
        .iter()
        .filter(|r| r.period_id == period.id)
        .map(|r| r.date)
        .max();
    rows.push(SummaryRow::text(
        "Last looked-after review",
        format::opt_date(last_review, "None yet"),
    ));
    Some(Card {
        title: "Looked after",
        rows,
        actions: Some(plan_actions(rec, PlanKind::Care, &period.id, today)),
    })
}

fn care_leaver_card(rec: &ChildRecord, names: &StaffNames, today: Date) -> Option<Card> {
    let c = rec
        .care_leaver
        .iter()
        .filter(|c| c.is_open_on(today))
        .max_by_key(|c| c.eligible_from)?;
    let mut rows = vec![
        SummaryRow::text("Eligibility", c.eligibility.label()),
        SummaryRow::text("Entitled since", format::date(c.eligible_from)),
        SummaryRow::text(
            "Personal adviser",
            c.personal_adviser_id
                .as_ref()
                .map_or_else(|| "Not allocated".to_owned(), |w| names.worker(w)),
        ),
    ];
    let latest = rec.care_leaver_contacts.iter().max_by_key(|k| k.date);
    rows.push(SummaryRow::text(
        "Latest contact",
        latest.map_or_else(
            || "None recorded".to_owned(),
            |k| {
                let activity = k.activity.map_or("activity not recorded", |a| a.label());
                format!(
                    "{}: {}. {activity}",
                    format::date(k.date),
                    k.in_touch.label()
                )
            },
        ),
    ));
    Some(Card {
        title: "Leaving care",
        rows,
        actions: Some(plan_actions(rec, PlanKind::Pathway, &c.id, today)),
    })
}

/// Cards for the work open on `today`.
pub(crate) fn open_work(rec: &ChildRecord, names: &StaffNames, today: Date) -> Vec<Card> {
    [
        referral_card(rec, names, today),
        cp_plan_card(rec, today),
        cin_plan_card(rec, today),
        looked_after_card(rec, today),
        care_leaver_card(rec, names, today),
    ]
    .into_iter()
    .flatten()
    .collect()
}
