//! Everything known about one child, checked as a whole: every record belongs to the
//! child, every reference points at a record that exists, and nothing happens before
//! the child could have been known to services.

use jiff::civil::Date;

use crate::assessment::Assessment;
use crate::care_leaver::{CareLeaver, CareLeaverContact, PathwayPlanReview};
use crate::child_protection::{
    ChildInNeedPlan, ChildProtectionConference, ChildProtectionPlan, CinPlanReview,
    CoreGroupMeeting,
};
use crate::codes::{ImmigrationStatusKind, PersonKind, PlanKind};
use crate::front_door::{Contact, EarlyHelpEpisode};
use crate::health::{
    Conviction, HealthCheck, ImmunisationCheck, PersonalEducationPlan, SdqScore, SubstanceMisuse,
};
use crate::looked_after::{
    CareEpisode, CarePlan, LookedAfterReview, PeriodOfCare, PlacementDetails,
};
use crate::missing::MissingEpisode;
use crate::other_services::{
    EducationConcern, LadoAllegation, PreProceedings, PrivateFosteringArrangement,
};
use crate::permanence::{AdoptionDetails, Permanence, PreviousPermanenceOrder};
use crate::person::{FamilyLink, ImmigrationStatus, Person};
use crate::plan_action::PlanAction;
use crate::referral::Referral;
use crate::section_47::Section47Enquiry;
use crate::strategy_discussion::StrategyDiscussion;
use crate::visit::Visit;
use crate::workforce::{Allocation, CaseSupervision};
use crate::{PersonId, RecordId, ValidationError, local_date};

/// How long before the expected date of birth a pre-birth referral can be made (42 weeks).
const PRE_BIRTH_WINDOW_DAYS: i32 = 294;

/// Calls `$callback!` with the name of every list of journey records in a
/// [`ChildRecord`], parents before children (the order foreign keys need for writing).
/// One list, so storage, validation and tests cannot drift apart when a record is added.
#[macro_export]
macro_rules! for_each_journey_list {
    ($callback:ident) => {
        $callback! {
           family_links,
           allocations,
           case_supervisions,
           contacts,
           early_help,
           referrals,
           assessments,
           strategy_discussions,
           section_47_enquiries,
           conferences,
           cp_plans,
           core_groups,
           cin_plans,
           cin_plan_reviews,
           plan_actions,
           visits,
           periods_of_care,
           care_episodes,
           placement_details,
           looked_after_reviews,
           care_plans,
           health_checks,
           sdq_scores,
           peps,
           missing_episodes,
           permanence,
           care_leaver,
           care_leaver_contacts,
           pathway_plan_reviews,
           private_fostering,
           lado_allegations,
           pre_proceedings,
           education_concerns,
           immigration_statuses,
           adoption_details,
           previous_permanence_orders,
           immunisation_checks,
           substance_misuse,
           convictions
        }
    };
}

/// A child and every record of their journey.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChildRecord {
    /// The child.
    pub child: Person,
    /// Parents, carers and other relatives on the system.
    pub relatives: Vec<Person>,
    /// Links from the child to those relatives.
    pub family_links: Vec<FamilyLink>,
    /// Worker and team allocations.
    pub allocations: Vec<Allocation>,
    /// Case supervisions.
    pub case_supervisions: Vec<CaseSupervision>,
    /// Contacts to the front door.
    pub contacts: Vec<Contact>,
    /// Early help episodes.
    pub early_help: Vec<EarlyHelpEpisode>,
    /// Referrals (episodes of need).
    pub referrals: Vec<Referral>,
    /// Child and family assessments.
    pub assessments: Vec<Assessment>,
    /// Strategy discussions.
    pub strategy_discussions: Vec<StrategyDiscussion>,
    /// Section 47 enquiries.
    pub section_47_enquiries: Vec<Section47Enquiry>,
    /// Initial and review child protection conferences.
    pub conferences: Vec<ChildProtectionConference>,
    /// Child protection plans.
    pub cp_plans: Vec<ChildProtectionPlan>,
    /// Core group meetings.
    pub core_groups: Vec<CoreGroupMeeting>,
    /// Child in need plans.
    pub cin_plans: Vec<ChildInNeedPlan>,
    /// Child in need plan reviews.
    pub cin_plan_reviews: Vec<CinPlanReview>,
    /// Actions on any of the child's plans.
    pub plan_actions: Vec<PlanAction>,
    /// Visits.
    pub visits: Vec<Visit>,
    /// Periods of care.
    pub periods_of_care: Vec<PeriodOfCare>,
    /// SSDA903 episodes.
    pub care_episodes: Vec<CareEpisode>,
    /// Placement plans, notifications and the regulation each placement was made under.
    pub placement_details: Vec<PlacementDetails>,
    /// Looked-after reviews.
    pub looked_after_reviews: Vec<LookedAfterReview>,
    /// Care plan intentions.
    pub care_plans: Vec<CarePlan>,
    /// Health assessments and dental checks.
    pub health_checks: Vec<HealthCheck>,
    /// SDQ scores.
    pub sdq_scores: Vec<SdqScore>,
    /// Personal education plans.
    pub peps: Vec<PersonalEducationPlan>,
    /// Missing and away episodes.
    pub missing_episodes: Vec<MissingEpisode>,
    /// Permanence decisions.
    pub permanence: Vec<Permanence>,
    /// Leaving-care entitlement.
    pub care_leaver: Vec<CareLeaver>,
    /// Contacts with the care leaver.
    pub care_leaver_contacts: Vec<CareLeaverContact>,
    /// Pathway plan reviews.
    pub pathway_plan_reviews: Vec<PathwayPlanReview>,
    /// Private fostering arrangements.
    pub private_fostering: Vec<PrivateFosteringArrangement>,
    /// Allegations managed by the designated officer.
    pub lado_allegations: Vec<LadoAllegation>,
    /// Pre-proceedings.
    pub pre_proceedings: Vec<PreProceedings>,
    /// Education concerns.
    pub education_concerns: Vec<EducationConcern>,
    /// Immigration statuses (UASC periods).
    pub immigration_statuses: Vec<ImmigrationStatus>,
    /// Who adopted the child (903 AD1).
    pub adoption_details: Vec<AdoptionDetails>,
    /// Permanence orders before care (903 PrevPerm).
    pub previous_permanence_orders: Vec<PreviousPermanenceOrder>,
    /// Immunisation checks.
    pub immunisation_checks: Vec<ImmunisationCheck>,
    /// Substance misuse identified.
    pub substance_misuse: Vec<SubstanceMisuse>,
    /// Convictions while looked after.
    pub convictions: Vec<Conviction>,
}

/// Lets the checks below treat every record alike.
trait Owned {
    const RECORD: &'static str;
    fn id(&self) -> &RecordId;
    fn child_id(&self) -> &PersonId;
    /// Dates that cannot precede the child's birth (first is the event's own date).
    fn dates(&self) -> Vec<(&'static str, Date)>;
    fn validate(&self) -> Result<(), ValidationError>;
}

macro_rules! owned {
    ($t:ty, $name:literal, |$s:ident| $dates:expr, $validate:expr) => {
        impl Owned for $t {
            const RECORD: &'static str = $name;
            fn id(&self) -> &RecordId {
                &self.id
            }
            fn child_id(&self) -> &PersonId {
                &self.child_id
            }
            fn dates(&$s) -> Vec<(&'static str, Date)> {
                $dates
            }
            fn validate(&self) -> Result<(), ValidationError> {
                let f: fn(&Self) -> Result<(), ValidationError> = $validate;
                f(self)
            }
        }
    };
}

fn ok<T>(_: &T) -> Result<(), ValidationError> {
    Ok(())
}

owned!(
    FamilyLink,
    "family link",
    |self| vec![],
    FamilyLink::validate
);
owned!(
    Allocation,
    "allocation",
    |self| vec![("start_date", self.start_date)],
    Allocation::validate
);
owned!(
    CaseSupervision,
    "case supervision",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    Contact,
    "contact",
    |self| vec![("received_at", local_date(self.received_at))],
    Contact::validate
);
owned!(
    EarlyHelpEpisode,
    "early help episode",
    |self| vec![("start_date", self.start_date)],
    EarlyHelpEpisode::validate
);
owned!(
    Referral,
    "referral",
    |self| vec![("referral_date", self.referral_date)],
    Referral::validate
);
owned!(
    Assessment,
    "assessment",
    |self| vec![("start_date", self.start_date)],
    Assessment::validate
);
owned!(
    StrategyDiscussion,
    "strategy discussion",
    |self| vec![("date", self.date)],
    StrategyDiscussion::validate
);
owned!(
    Section47Enquiry,
    "section 47 enquiry",
    |self| vec![("start_date", self.start_date)],
    Section47Enquiry::validate
);
owned!(
    ChildProtectionConference,
    "child protection conference",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    ChildProtectionPlan,
    "child protection plan",
    |self| vec![("start_date", self.start_date)],
    ChildProtectionPlan::validate
);
owned!(
    CoreGroupMeeting,
    "core group meeting",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    ChildInNeedPlan,
    "child in need plan",
    |self| vec![("start_date", self.start_date)],
    ChildInNeedPlan::validate
);
owned!(
    CinPlanReview,
    "child in need plan review",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    PlanAction,
    "plan action",
    |self| vec![("agreed_date", self.agreed_date)],
    PlanAction::validate
);
owned!(
    Visit,
    "visit",
    |self| vec![("date", self.date)],
    Visit::validate
);
owned!(
    PeriodOfCare,
    "period of care",
    |self| vec![("start_date", self.start_date)],
    PeriodOfCare::validate
);
owned!(
    CareEpisode,
    "care episode",
    |self| vec![("start_date", self.start_date)],
    CareEpisode::validate
);
owned!(
    PlacementDetails,
    "placement details",
    |self| [
        ("placement_plan_date", self.placement_plan_date),
        ("notification_date", self.notification_date)
    ]
    .into_iter()
    .filter_map(|(f, d)| d.map(|d| (f, d)))
    .collect(),
    ok
);
owned!(
    LookedAfterReview,
    "looked-after review",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    CarePlan,
    "care plan",
    |self| vec![("start_date", self.start_date)],
    CarePlan::validate
);
owned!(
    HealthCheck,
    "health check",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    SdqScore,
    "SDQ score",
    |self| vec![("date", self.date)],
    SdqScore::validate
);
owned!(
    PersonalEducationPlan,
    "personal education plan",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    MissingEpisode,
    "missing episode",
    |self| vec![("started_at", local_date(self.started_at))],
    MissingEpisode::validate
);
owned!(
    Permanence,
    "permanence",
    |self| self
        .adm_decision_date
        .map(|d| ("adm_decision_date", d))
        .into_iter()
        .collect(),
    Permanence::validate
);
owned!(
    CareLeaver,
    "care leaver",
    |self| std::iter::once(("eligible_from", self.eligible_from))
        .chain(
            self.needs_assessment_date
                .map(|d| ("needs_assessment_date", d))
        )
        .collect(),
    ok
);
owned!(
    CareLeaverContact,
    "care leaver contact",
    |self| vec![("date", self.date)],
    CareLeaverContact::validate
);
owned!(
    PathwayPlanReview,
    "pathway plan review",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    PrivateFosteringArrangement,
    "private fostering arrangement",
    |self| vec![("start_date", self.start_date)],
    PrivateFosteringArrangement::validate
);
owned!(
    LadoAllegation,
    "LADO allegation",
    |self| vec![("allegation_date", self.allegation_date)],
    LadoAllegation::validate
);
owned!(
    PreProceedings,
    "pre-proceedings",
    |self| vec![("decision_date", self.decision_date)],
    PreProceedings::validate
);
owned!(
    EducationConcern,
    "education concern",
    |self| vec![("start_date", self.start_date)],
    EducationConcern::validate
);

owned!(
    ImmigrationStatus,
    "immigration status",
    |self| vec![],
    ImmigrationStatus::validate
);
owned!(
    AdoptionDetails,
    "adoption details",
    |self| vec![],
    AdoptionDetails::validate
);
owned!(
    PreviousPermanenceOrder,
    "previous permanence order",
    |self| vec![],
    ok
);
owned!(
    ImmunisationCheck,
    "immunisation check",
    |self| vec![("date", self.date)],
    ok
);
owned!(
    SubstanceMisuse,
    "substance misuse",
    |self| vec![("date", self.date)],
    SubstanceMisuse::validate
);
owned!(
    Conviction,
    "conviction",
    |self| vec![("date", self.date)],
    ok
);

impl ChildRecord {
    /// An empty record for `child`.
    pub fn new(child: Person) -> Self {
        Self {
            child,
            relatives: Vec::new(),
            family_links: Vec::new(),
            allocations: Vec::new(),
            case_supervisions: Vec::new(),
            contacts: Vec::new(),
            early_help: Vec::new(),
            referrals: Vec::new(),
            assessments: Vec::new(),
            strategy_discussions: Vec::new(),
            section_47_enquiries: Vec::new(),
            conferences: Vec::new(),
            cp_plans: Vec::new(),
            core_groups: Vec::new(),
            cin_plans: Vec::new(),
            cin_plan_reviews: Vec::new(),
            plan_actions: Vec::new(),
            visits: Vec::new(),
            periods_of_care: Vec::new(),
            care_episodes: Vec::new(),
            placement_details: Vec::new(),
            looked_after_reviews: Vec::new(),
            care_plans: Vec::new(),
            health_checks: Vec::new(),
            sdq_scores: Vec::new(),
            peps: Vec::new(),
            missing_episodes: Vec::new(),
            permanence: Vec::new(),
            care_leaver: Vec::new(),
            care_leaver_contacts: Vec::new(),
            pathway_plan_reviews: Vec::new(),
            private_fostering: Vec::new(),
            lado_allegations: Vec::new(),
            pre_proceedings: Vec::new(),
            education_concerns: Vec::new(),
            immigration_statuses: Vec::new(),
            adoption_details: Vec::new(),
            previous_permanence_orders: Vec::new(),
            immunisation_checks: Vec::new(),
            substance_misuse: Vec::new(),
            convictions: Vec::new(),
        }
    }

    /// Checks every record, their links to each other and their dates against the
    /// child's birth. The first problem found is returned, naming record and field.
    pub fn validate(&self) -> Result<(), ValidationError> {
        self.child.validate()?;
        if self.child.kind != PersonKind::Child {
            return Err(ValidationError::new(
                "person",
                &self.child.id,
                "kind",
                "must be child",
            ));
        }
        for r in &self.relatives {
            r.validate()?;
        }
        let ctx = Ctx { record: self };
        macro_rules! check_all {
            ($($field:ident),+) => {$( ctx.all(&self.$field)?; )+};
        }
        for_each_journey_list!(check_all);
        let uasc_periods = self
            .immigration_statuses
            .iter()
            .any(|s| s.status == ImmigrationStatusKind::UnaccompaniedAsylumSeeking);
        if self.child.uasc != uasc_periods {
            let problem = if self.child.uasc {
                "is yes but no UASC immigration status period is recorded"
            } else {
                "is no but a UASC immigration status period is recorded"
            };
            return Err(ValidationError::new(
                "person",
                &self.child.id,
                "uasc",
                problem,
            ));
        }
        self.validate_references()
    }

    fn validate_references(&self) -> Result<(), ValidationError> {
        for l in &self.family_links {
            if !self.relatives.iter().any(|p| p.id == l.relative_id) {
                return Err(dangling(
                    "family link",
                    &l.id,
                    "relative_id",
                    l.relative_id.as_str(),
                ));
            }
        }
        let referral = |id: &RecordId| self.referrals.iter().any(|r| &r.id == id);
        let contact = |id: &RecordId| self.contacts.iter().any(|r| &r.id == id);
        let period = |id: &RecordId| self.periods_of_care.iter().any(|r| &r.id == id);
        let cp_plan = |id: &RecordId| self.cp_plans.iter().any(|r| &r.id == id);
        for r in &self.referrals {
            check(
                r.contact_id.as_ref(),
                contact,
                "referral",
                &r.id,
                "contact_id",
            )?;
        }
        for a in &self.assessments {
            check(
                Some(&a.referral_id),
                referral,
                "assessment",
                &a.id,
                "referral_id",
            )?;
        }
        for s in &self.strategy_discussions {
            check(
                Some(&s.referral_id),
                referral,
                "strategy discussion",
                &s.id,
                "referral_id",
            )?;
        }
        for s in &self.section_47_enquiries {
            check(
                Some(&s.referral_id),
                referral,
                "section 47 enquiry",
                &s.id,
                "referral_id",
            )?;
            let sd = |id: &RecordId| self.strategy_discussions.iter().any(|d| &d.id == id);
            check(
                s.strategy_discussion_id.as_ref(),
                sd,
                "section 47 enquiry",
                &s.id,
                "strategy_discussion_id",
            )?;
        }
        for c in &self.conferences {
            check(
                Some(&c.referral_id),
                referral,
                "child protection conference",
                &c.id,
                "referral_id",
            )?;
            let s47 = |id: &RecordId| self.section_47_enquiries.iter().any(|d| &d.id == id);
            check(
                c.section_47_id.as_ref(),
                s47,
                "child protection conference",
                &c.id,
                "section_47_id",
            )?;
            check(
                c.cp_plan_id.as_ref(),
                cp_plan,
                "child protection conference",
                &c.id,
                "cp_plan_id",
            )?;
        }
        for p in &self.cp_plans {
            check(
                Some(&p.referral_id),
                referral,
                "child protection plan",
                &p.id,
                "referral_id",
            )?;
            let conf = |id: &RecordId| self.conferences.iter().any(|d| &d.id == id);
            check(
                p.initial_conference_id.as_ref(),
                conf,
                "child protection plan",
                &p.id,
                "initial_conference_id",
            )?;
        }
        for g in &self.core_groups {
            check(
                Some(&g.cp_plan_id),
                cp_plan,
                "core group meeting",
                &g.id,
                "cp_plan_id",
            )?;
        }
        for p in &self.cin_plans {
            check(
                Some(&p.referral_id),
                referral,
                "child in need plan",
                &p.id,
                "referral_id",
            )?;
        }
        for a in &self.plan_actions {
            let found = match a.plan_kind {
                PlanKind::ChildInNeed => self.cin_plans.iter().any(|p| p.id == a.plan_id),
                PlanKind::ChildProtection => cp_plan(&a.plan_id),
                PlanKind::Care => period(&a.plan_id),
                PlanKind::Pathway => self.care_leaver.iter().any(|c| c.id == a.plan_id),
            };
            if !found {
                return Err(dangling(
                    "plan action",
                    &a.id,
                    "plan_id",
                    a.plan_id.as_str(),
                ));
            }
        }
        for p in &self.periods_of_care {
            check(
                p.referral_id.as_ref(),
                referral,
                "period of care",
                &p.id,
                "referral_id",
            )?;
        }
        for e in &self.care_episodes {
            check(
                Some(&e.period_id),
                period,
                "care episode",
                &e.id,
                "period_id",
            )?;
        }
        for r in &self.looked_after_reviews {
            check(
                Some(&r.period_id),
                period,
                "looked-after review",
                &r.id,
                "period_id",
            )?;
        }
        for c in &self.care_plans {
            check(Some(&c.period_id), period, "care plan", &c.id, "period_id")?;
        }
        self.validate_placement_details()?;
        for v in &self.cin_plan_reviews {
            const R: &str = "child in need plan review";
            let Some(plan) = self.cin_plans.iter().find(|p| p.id == v.cin_plan_id) else {
                return Err(dangling(R, &v.id, "cin_plan_id", v.cin_plan_id.as_str()));
            };
            if v.date < plan.start_date {
                return Err(ValidationError::new(
                    R,
                    &v.id,
                    "date",
                    format!(
                        "({}) is before the plan it reviews started ({})",
                        v.date, plan.start_date
                    ),
                ));
            }
        }
        for a in &self.adoption_details {
            let perm = |id: &RecordId| self.permanence.iter().any(|p| &p.id == id);
            check(
                Some(&a.permanence_id),
                perm,
                "adoption details",
                &a.id,
                "permanence_id",
            )?;
        }
        for p in &self.permanence {
            check(Some(&p.period_id), period, "permanence", &p.id, "period_id")?;
        }
        Ok(())
    }
}

impl ChildRecord {
    /// Placement details belong to a 903 episode that starts a placement, one each, and
    /// claim regulation 19 only for a placement with a parent (P1) and regulation 24
    /// only for a foster placement with a relative or friend (U1-U3).
    fn validate_placement_details(&self) -> Result<(), ValidationError> {
        use crate::codes::{PlacementType, ReasonNewEpisode};
        const R: &str = "placement details";
        for d in &self.placement_details {
            let Some(e) = self
                .care_episodes
                .iter()
                .find(|e| e.id == d.care_episode_id)
            else {
                return Err(dangling(
                    R,
                    &d.id,
                    "care_episode_id",
                    d.care_episode_id.as_str(),
                ));
            };
            let problem = if e.reason_new_episode == ReasonNewEpisode::LegalStatusChangeOnly {
                Some((
                    "care_episode_id",
                    "refers to an episode that changed legal status only (903 RNE L), not a placement",
                ))
            } else if self
                .placement_details
                .iter()
                .any(|o| o.care_episode_id == d.care_episode_id && o.id != d.id)
            {
                Some((
                    "care_episode_id",
                    "refers to a placement that already has placement details",
                ))
            } else if d.temporary_approval_reg24 && !e.placement_type.is_with_relative_or_friend() {
                Some((
                    "temporary_approval_reg24",
                    "is yes but the placement is not with a relative or friend foster carer (U1-U3)",
                ))
            } else if d.placed_before_assessment_reg19
                && e.placement_type != PlacementType::PlacedWithParents
            {
                Some((
                    "placed_before_assessment_reg19",
                    "is yes but the placement is not with a parent (P1)",
                ))
            } else {
                None
            };
            if let Some((field, problem)) = problem {
                return Err(ValidationError::new(R, &d.id, field, problem));
            }
        }
        Ok(())
    }
}

fn dangling(
    record: &'static str,
    id: &RecordId,
    field: &'static str,
    target: &str,
) -> ValidationError {
    ValidationError::new(
        record,
        id,
        field,
        format!("refers to '{target}', which is not one of this child's records"),
    )
}

fn check(
    target: Option<&RecordId>,
    exists: impl Fn(&RecordId) -> bool,
    record: &'static str,
    id: &RecordId,
    field: &'static str,
) -> Result<(), ValidationError> {
    match target {
        Some(t) if !exists(t) => Err(dangling(record, id, field, t.as_str())),
        _ => Ok(()),
    }
}

struct Ctx<'a> {
    record: &'a ChildRecord,
}

impl Ctx<'_> {
    fn all<T: Owned>(&self, items: &[T]) -> Result<(), ValidationError> {
        let child = &self.record.child;
        for item in items {
            if item.child_id() != &child.id {
                return Err(ValidationError::new(
                    T::RECORD,
                    item.id(),
                    "child_id",
                    format!(
                        "is '{}' but the record is filed under child '{}'",
                        item.child_id(),
                        child.id
                    ),
                ));
            }
            item.validate()?;
            for (field, date) in item.dates() {
                check_not_before_birth(child, T::RECORD, item.id(), field, date)?;
            }
        }
        let mut ids: Vec<&RecordId> = items.iter().map(Owned::id).collect();
        ids.sort();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(ValidationError::new(T::RECORD, w[0], "id", "is used twice"));
        }
        Ok(())
    }
}

/// Nothing can happen to a child before birth, except work on an unborn child within
/// the pregnancy before the expected date of birth (pre-birth assessment).
fn check_not_before_birth(
    child: &Person,
    record: &'static str,
    id: &RecordId,
    field: &'static str,
    date: Date,
) -> Result<(), ValidationError> {
    let Some(dob) = child.date_of_birth.or(child.expected_date_of_birth) else {
        return Ok(());
    };
    if date >= dob {
        return Ok(());
    }
    if let Some(expected) = child.expected_date_of_birth {
        let earliest = expected
            .checked_sub(jiff::Span::new().days(PRE_BIRTH_WINDOW_DAYS))
            .unwrap_or(expected);
        if date >= earliest {
            return Ok(());
        }
    }
    Err(ValidationError::new(
        record,
        id,
        field,
        format!("({date}) is before the child's date of birth ({dob})"),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::codes::{AssessmentOutcome, ReasonForClosure};

    fn child(dob: Option<Date>, expected: Option<Date>) -> Person {
        Person {
            expected_date_of_birth: expected,
            ..crate::person::example_child("C1", dob)
        }
    }

    fn referral(id: &str, on: Date) -> Referral {
        crate::referral::example_referral(&PersonId::parse("C1").unwrap(), id, on)
    }

    fn assessment(referral_id: &str, start: Date) -> Assessment {
        Assessment {
            id: RecordId::parse("A1").unwrap(),
            child_id: PersonId::parse("C1").unwrap(),
            referral_id: RecordId::parse(referral_id).unwrap(),
            start_date: start,
            child_seen_date: None,
            authorised_date: None,
            factors: vec![],
            outcome: None,
            team_id: None,
            worker_id: None,
        }
    }

    #[test]
    fn a_consistent_record_passes() {
        let mut r = ChildRecord::new(child(Some(date(2015, 3, 1)), None));
        r.referrals.push(referral("R1", date(2024, 5, 1)));
        r.assessments.push(assessment("R1", date(2024, 5, 2)));
        assert_eq!(r.validate(), Ok(()));
    }

    #[test]
    fn the_uasc_flag_must_agree_with_the_immigration_status_periods() {
        let mut c = child(Some(date(2009, 3, 1)), None);
        c.uasc = true;
        let mut r = ChildRecord::new(c);
        let e = r.validate().unwrap_err();
        assert_eq!((e.record, e.field), ("person", "uasc"));
        r.immigration_statuses.push(ImmigrationStatus {
            id: RecordId::parse("I1").unwrap(),
            child_id: PersonId::parse("C1").unwrap(),
            status: ImmigrationStatusKind::UnaccompaniedAsylumSeeking,
            start_date: date(2025, 1, 6),
            end_date: None,
        });
        assert_eq!(r.validate(), Ok(()));
        r.child.uasc = false;
        assert_eq!(r.validate().unwrap_err().field, "uasc");
    }

    #[test]
    fn a_dangling_reference_names_record_and_field() {
        let mut r = ChildRecord::new(child(Some(date(2015, 3, 1)), None));
        r.referrals.push(referral("R1", date(2024, 5, 1)));
        r.assessments.push(assessment("R9", date(2024, 5, 2)));
        let e = r.validate().unwrap_err();
        assert_eq!(
            (e.record, e.id.as_str(), e.field),
            ("assessment", "A1", "referral_id")
        );
        assert!(e.problem.contains("'R9'"));
    }

    #[test]
    fn birth_after_referral_is_rejected_but_a_pre_birth_referral_is_not() {
        let mut r = ChildRecord::new(child(Some(date(2024, 6, 1)), None));
        r.referrals.push(referral("R1", date(2024, 5, 1)));
        let e = r.validate().unwrap_err();
        assert_eq!((e.record, e.field), ("referral", "referral_date"));
        assert!(
            e.problem
                .contains("before the child's date of birth (2024-06-01)")
        );

        // Same dates, but the child was unborn when referred: a pre-birth referral.
        let mut r = ChildRecord::new(child(Some(date(2024, 6, 1)), Some(date(2024, 6, 5))));
        r.referrals.push(referral("R1", date(2024, 5, 1)));
        assert_eq!(r.validate(), Ok(()));
        // ...but not years before the pregnancy could have been known.
        r.referrals[0].referral_date = date(2023, 1, 1);
        assert!(r.validate().is_err());
    }

    #[test]
    fn end_before_start_and_wrong_child_are_rejected() {
        let mut r = ChildRecord::new(child(Some(date(2015, 3, 1)), None));
        let mut re = referral("R1", date(2024, 5, 10));
        re.closure_date = Some(date(2024, 5, 9));
        re.closure_reason = Some(ReasonForClosure::from_code("RC8").unwrap());
        r.referrals.push(re);
        let e = r.validate().unwrap_err();
        assert_eq!((e.record, e.field), ("referral", "closure_date"));

        let mut r = ChildRecord::new(child(Some(date(2015, 3, 1)), None));
        let mut re = referral("R1", date(2024, 5, 10));
        re.child_id = PersonId::parse("C2").unwrap();
        r.referrals.push(re);
        assert_eq!(r.validate().unwrap_err().field, "child_id");
    }

    #[test]
    fn an_authorised_assessment_needs_an_outcome_and_ids_are_unique() {
        let mut r = ChildRecord::new(child(Some(date(2015, 3, 1)), None));
        r.referrals.push(referral("R1", date(2024, 5, 1)));
        let mut a = assessment("R1", date(2024, 5, 2));
        a.authorised_date = Some(date(2024, 6, 1));
        r.assessments.push(a.clone());
        assert_eq!(r.validate().unwrap_err().field, "outcome");
        r.assessments[0].outcome = Some(AssessmentOutcome::from_code("NFA").unwrap());
        r.assessments.push(r.assessments[0].clone());
        let e = r.validate().unwrap_err();
        assert_eq!((e.record, e.field), ("assessment", "id"));
    }
}
