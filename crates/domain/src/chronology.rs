//! The child's chronology: every event of the journey in date order, built from the
//! stored records (never kept as a separate, drifting list).

use jiff::civil::Date;

use crate::ChildRecord;
use crate::codes::{ConferenceKind, PermanenceOrder};
use crate::local_date;

/// Broad stage of the journey an event belongs to, for grouping and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Contacts, early help, referrals.
    FrontDoor,
    /// Assessments, visits and child in need work.
    Assessment,
    /// Strategy discussions, section 47, conferences and plans.
    ChildProtection,
    /// Care episodes, reviews, health, missing, permanence.
    InCare,
    /// Leaving care.
    CareLeaver,
    /// Closures and endings.
    Closure,
    /// Anything else.
    Other,
}

impl serde::Serialize for Stage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

impl Stage {
    /// Stable name used in CSS classes and filters.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::FrontDoor => "front-door",
            Stage::Assessment => "assessment",
            Stage::ChildProtection => "child-protection",
            Stage::InCare => "in-care",
            Stage::CareLeaver => "care-leaver",
            Stage::Closure => "closure",
            Stage::Other => "other",
        }
    }
}

/// One line of the chronology.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChronologyEntry {
    /// When it happened.
    pub date: Date,
    /// Stage of the journey.
    pub stage: Stage,
    /// What happened, in a few words.
    pub title: String,
    /// Detail a reader needs (codes and outcomes spelled out).
    pub detail: String,
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Builds the chronology of `record`, oldest first. Events on the same day keep the
/// order of the journey (contact before referral before assessment...).
pub fn chronology(record: &ChildRecord) -> Vec<ChronologyEntry> {
    let mut out: Vec<ChronologyEntry> = Vec::new();
    let mut push = |date: Date, stage: Stage, title: &str, detail: String| {
        out.push(ChronologyEntry {
            date,
            stage,
            title: title.to_owned(),
            detail,
        });
    };
    for c in &record.contacts {
        let outcome = c.outcome.map_or("awaiting decision", |o| o.label());
        push(
            local_date(c.received_at),
            Stage::FrontDoor,
            "Contact received",
            format!("From: {}. Decision: {outcome}.", c.source.label()),
        );
    }
    for e in &record.early_help {
        push(
            e.start_date,
            Stage::FrontDoor,
            "Early help started",
            format!("{} ({})", e.reason, e.organisation),
        );
        if let Some(end) = e.end_date {
            push(
                end,
                Stage::Closure,
                "Early help ended",
                e.end_reason.clone().unwrap_or_default(),
            );
        }
    }
    for r in &record.referrals {
        push(
            r.referral_date,
            Stage::FrontDoor,
            "Referral",
            format!(
                "Source: {}. Primary need: {}.{}",
                r.source.label(),
                r.primary_need.label(),
                if r.no_further_action {
                    " No further action."
                } else {
                    ""
                }
            ),
        );
        if let (Some(d), Some(reason)) = (r.closure_date, r.closure_reason) {
            push(d, Stage::Closure, "Case closed", reason.label().to_owned());
        }
    }
    for a in &record.assessments {
        push(
            a.start_date,
            Stage::Assessment,
            "Assessment started",
            String::new(),
        );
        if let Some(d) = a.child_seen_date {
            push(
                d,
                Stage::Assessment,
                "Child seen during assessment",
                String::new(),
            );
        }
        if let Some(d) = a.authorised_date {
            let factors: Vec<&str> = a.factors.iter().map(|f| f.label()).collect();
            push(
                d,
                Stage::Assessment,
                "Assessment authorised",
                format!(
                    "Outcome: {}. Factors: {}.",
                    a.outcome.map_or("not recorded", |o| o.label()),
                    if factors.is_empty() {
                        "none".to_owned()
                    } else {
                        factors.join("; ")
                    }
                ),
            );
        }
    }
    for s in &record.strategy_discussions {
        let attended: Vec<&str> = s
            .agencies
            .iter()
            .filter(|p| p.attended)
            .map(|p| p.agency.label())
            .collect();
        let missing: Vec<&str> = s
            .missing_required_agencies()
            .iter()
            .map(|a| a.label())
            .collect();
        let mut detail = format!(
            "Attended: {}. Section 47 agreed: {}.",
            attended.join(", "),
            yes_no(s.section_47_agreed)
        );
        if !missing.is_empty() {
            detail.push_str(&format!(" Did not attend: {}.", missing.join(", ")));
        }
        push(
            s.date,
            Stage::ChildProtection,
            "Strategy discussion",
            detail,
        );
    }
    for s in &record.section_47_enquiries {
        push(
            s.start_date,
            Stage::ChildProtection,
            "Section 47 enquiry started",
            String::new(),
        );
        if let Some(d) = s.end_date {
            push(
                d,
                Stage::ChildProtection,
                "Section 47 enquiry concluded",
                s.outcome.map_or("", |o| o.label()).to_owned(),
            );
        }
    }
    for c in &record.conferences {
        let title = match c.kind {
            ConferenceKind::Initial => "Initial child protection conference",
            ConferenceKind::Review => "Review child protection conference",
        };
        push(
            c.date,
            Stage::ChildProtection,
            title,
            format!(
                "Child protection plan: {}.",
                yes_no(c.child_protection_plan)
            ),
        );
    }
    for p in &record.cp_plans {
        push(
            p.start_date,
            Stage::ChildProtection,
            "Child protection plan started",
            format!("Category: {}.", p.initial_category.label()),
        );
        if let Some(d) = p.end_date {
            push(
                d,
                Stage::ChildProtection,
                "Child protection plan ended",
                String::new(),
            );
        }
    }
    for g in &record.core_groups {
        push(
            g.date,
            Stage::ChildProtection,
            "Core group meeting",
            String::new(),
        );
    }
    for p in &record.cin_plans {
        push(
            p.start_date,
            Stage::Assessment,
            "Child in need plan started",
            String::new(),
        );
        if let Some(d) = p.end_date {
            push(
                d,
                Stage::Assessment,
                "Child in need plan ended",
                String::new(),
            );
        }
    }
    for r in &record.cin_plan_reviews {
        push(
            r.date,
            Stage::Assessment,
            "Child in need plan review",
            String::new(),
        );
    }
    for v in &record.visits {
        let detail = match (&v.childs_words, v.seen) {
            (Some(words), _) => format!(
                "Seen alone: {}. The child said: \u{201c}{words}\u{201d}",
                yes_no(v.seen_alone)
            ),
            (None, true) => format!("Seen alone: {}.", yes_no(v.seen_alone)),
            (None, false) => "Child not seen.".to_owned(),
        };
        push(v.date, Stage::Assessment, v.kind.label(), detail);
    }
    for p in &record.periods_of_care {
        push(
            p.start_date,
            Stage::InCare,
            "Became looked after",
            String::new(),
        );
        if let Some(d) = p.end_date {
            push(d, Stage::InCare, "Ceased to be looked after", String::new());
        }
    }
    for e in &record.care_episodes {
        push(
            e.start_date,
            Stage::InCare,
            "Placement / legal status",
            format!(
                "{}: {}. Legal status: {}.",
                e.reason_new_episode.label(),
                e.placement_type.label(),
                e.legal_status.label()
            ),
        );
    }
    for d in &record.placement_details {
        let regulation = match (d.temporary_approval_reg24, d.placed_before_assessment_reg19) {
            (true, _) => " Carer approved temporarily (regulation 24).",
            (_, true) => " Placed with a parent before assessment (regulation 19).",
            _ => "",
        };
        if let Some(date) = d.placement_plan_date {
            push(
                date,
                Stage::InCare,
                "Placement plan agreed",
                regulation.trim_start().to_owned(),
            );
        }
        if let Some(date) = d.notification_date {
            push(date, Stage::InCare, "Placement notified", String::new());
        }
    }
    for r in &record.looked_after_reviews {
        push(
            r.date,
            Stage::InCare,
            "Looked-after review",
            r.participation.label().to_owned(),
        );
    }
    for h in &record.health_checks {
        push(
            h.date,
            Stage::InCare,
            h.kind.label(),
            h.status.label().to_owned(),
        );
    }
    for p in &record.peps {
        push(
            p.date,
            Stage::InCare,
            "Personal education plan",
            String::new(),
        );
    }
    for m in &record.missing_episodes {
        let rhi = match m.rhi_offered {
            Some(true) => format!(
                "Return home interview offered; accepted: {}.",
                m.rhi_accepted.map_or("not recorded", yes_no)
            ),
            Some(false) => "Return home interview not offered.".to_owned(),
            None => "Return home interview not recorded.".to_owned(),
        };
        push(local_date(m.started_at), Stage::InCare, m.kind.label(), rhi);
    }
    for p in &record.permanence {
        let steps = [
            (
                p.adm_decision_date,
                "Should be placed for adoption (ADM decision)",
            ),
            (p.placement_order_date, "Placement order made"),
            (p.matched_date, "Matched with adopters"),
            (p.placed_date, "Placed for adoption"),
            (
                p.decision_reversed_date,
                "Decision to place for adoption reversed",
            ),
        ];
        for (date, title) in steps {
            if let Some(d) = date {
                push(d, Stage::InCare, title, String::new());
            }
        }
        if let (Some(order), Some(d)) = (p.order_kind, p.order_date) {
            let title = match order {
                PermanenceOrder::Adoption => "Adoption order",
                PermanenceOrder::SpecialGuardianship => "Special guardianship order",
                PermanenceOrder::ChildArrangements => "Child arrangements order",
            };
            push(d, Stage::InCare, title, String::new());
        }
    }
    for c in &record.care_leaver {
        push(
            c.eligible_from,
            Stage::CareLeaver,
            "Entitled to leaving-care services",
            c.eligibility.label().to_owned(),
        );
        if let Some(d) = c.needs_assessment_date {
            push(
                d,
                Stage::CareLeaver,
                "Needs assessment completed",
                String::new(),
            );
        }
    }
    for c in &record.care_leaver_contacts {
        let activity = c.activity.map_or("not recorded", |a| a.label());
        push(
            c.date,
            Stage::CareLeaver,
            "Contact with care leaver",
            format!("{}. Activity: {activity}.", c.in_touch.label()),
        );
    }
    for p in &record.pathway_plan_reviews {
        push(
            p.date,
            Stage::CareLeaver,
            "Pathway plan review",
            String::new(),
        );
    }
    for p in &record.private_fostering {
        push(
            p.notified_date,
            Stage::FrontDoor,
            "Private fostering notified",
            format!("Carer: {}.", p.carer_name),
        );
    }
    for l in &record.lado_allegations {
        push(
            l.referred_date,
            Stage::Other,
            "Allegation referred to the LADO",
            format!("About a {} ({}).", l.subject_role, l.employer_sector),
        );
    }
    for p in &record.pre_proceedings {
        push(
            p.decision_date,
            Stage::ChildProtection,
            "Pre-proceedings (PLO) started",
            String::new(),
        );
        if let (Some(d), Some(o)) = (p.end_date, p.outcome) {
            push(
                d,
                Stage::ChildProtection,
                "Pre-proceedings ended",
                o.label().to_owned(),
            );
        }
    }
    for e in &record.education_concerns {
        push(e.start_date, Stage::Other, e.kind.label(), String::new());
    }
    for i in &record.immigration_statuses {
        push(i.start_date, Stage::Other, i.status.label(), String::new());
    }
    for p in &record.previous_permanence_orders {
        if let Some(d) = p.order_date {
            push(
                d,
                Stage::Other,
                "Previous permanence order",
                p.kind.label().to_owned(),
            );
        }
    }
    for s in &record.substance_misuse {
        push(
            s.date,
            Stage::InCare,
            "Substance misuse identified",
            format!("Intervention offered: {}.", yes_no(s.intervention_offered)),
        );
    }
    for c in &record.convictions {
        push(
            c.date,
            Stage::InCare,
            "Conviction, warning or reprimand",
            String::new(),
        );
    }
    for s in &record.case_supervisions {
        push(s.date, Stage::Other, "Case supervision", String::new());
    }
    // Stable sort keeps the journey order for events on the same day.
    out.sort_by_key(|e| e.date);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::codes::*;
    use crate::front_door::Contact;
    use crate::looked_after::PeriodOfCare;
    use crate::referral::Referral;
    use crate::{PersonId, RecordId};

    /// A child born 1 January 2015 with an empty record.
    fn ada(child: &PersonId) -> ChildRecord {
        ChildRecord::new(crate::person::example_child(
            child.as_str(),
            Some(date(2015, 1, 1)),
        ))
    }

    #[test]
    fn events_come_out_in_date_order_with_same_day_journey_order() {
        let child = PersonId::parse("C1").unwrap();
        let mut r = ada(&child);
        r.periods_of_care.push(PeriodOfCare {
            id: RecordId::parse("P1").unwrap(),
            child_id: child.clone(),
            referral_id: None,
            start_date: date(2024, 7, 1),
            end_date: None,
        });
        r.referrals.push(Referral {
            source: ReferralSource::from_code("2A").unwrap(),
            ..crate::referral::example_referral(&child, "R1", date(2024, 3, 4))
        });
        // 10:00 UTC on 4 March 2024 is the same day in London.
        r.contacts.push(Contact {
            id: RecordId::parse("K1").unwrap(),
            child_id: child,
            received_at: "2024-03-04T10:00:00Z".parse().unwrap(),
            source: ReferralSource::from_code("2A").unwrap(),
            outcome: Some(ContactOutcome::NewReferral),
            decided_at: Some("2024-03-04T15:00:00Z".parse().unwrap()),
            rag: None,
            summary: String::new(),
        });
        let c = chronology(&r);
        let titles: Vec<&str> = c.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Contact received", "Referral", "Became looked after"]
        );
        assert_eq!(c[0].date, date(2024, 3, 4));
        assert_eq!(c[2].stage, Stage::InCare);
        assert!(
            c[1].detail.contains("Schools") || c[1].detail.contains("School"),
            "{}",
            c[1].detail
        );
    }

    #[test]
    fn plans_notifications_reviews_and_supervision_are_in_the_chronology() {
        use crate::looked_after::PlacementDetails;
        use crate::workforce::CaseSupervision;
        let child = PersonId::parse("C1").unwrap();
        let mut r = ada(&child);
        r.placement_details.push(PlacementDetails {
            id: RecordId::parse("PD1").unwrap(),
            child_id: child.clone(),
            care_episode_id: RecordId::parse("E1").unwrap(),
            placement_plan_date: Some(date(2025, 9, 2)),
            notification_date: Some(date(2025, 9, 3)),
            temporary_approval_reg24: true,
            placed_before_assessment_reg19: false,
        });
        r.case_supervisions.push(CaseSupervision {
            id: RecordId::parse("S1").unwrap(),
            child_id: child,
            date: date(2025, 9, 1),
            supervisor_id: None,
        });
        let c = chronology(&r);
        let titles: Vec<&str> = c.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Case supervision",
                "Placement plan agreed",
                "Placement notified"
            ]
        );
        assert!(c[1].detail.contains("regulation 24"), "{}", c[1].detail);
    }

    #[test]
    fn a_late_evening_contact_in_summer_belongs_to_that_day_in_england() {
        // 23:30 BST on 1 July is 22:30 UTC.
        let at: jiff::Timestamp = "2024-07-01T22:30:00Z".parse().unwrap();
        assert_eq!(crate::local_date(at), date(2024, 7, 1));
        // 23:30 GMT on 1 December is 23:30 UTC.
        let at: jiff::Timestamp = "2024-12-01T23:30:00Z".parse().unwrap();
        assert_eq!(crate::local_date(at), date(2024, 12, 1));
        let at: jiff::Timestamp = "2024-07-01T23:30:00Z".parse().unwrap();
        assert_eq!(crate::local_date(at), date(2024, 7, 2));
    }
}
