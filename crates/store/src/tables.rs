//! Which table and columns each domain record lives in. Column names are the field
//! names, so a reader can go from the SQL to the Rust and back without a lookup.

use caseline_domain::assessment::Assessment;
use caseline_domain::care_leaver::{CareLeaver, CareLeaverContact, PathwayPlanReview};
use caseline_domain::child_protection::{
    ChildInNeedPlan, ChildProtectionConference, ChildProtectionPlan, CinPlanReview,
    CoreGroupMeeting,
};
use caseline_domain::front_door::{Contact, EarlyHelpEpisode};
use caseline_domain::health::{
    Conviction, HealthCheck, ImmunisationCheck, PersonalEducationPlan, SdqScore, SubstanceMisuse,
};
use caseline_domain::looked_after::{
    CareEpisode, CarePlan, LookedAfterReview, PeriodOfCare, PlacementDetails,
};
use caseline_domain::missing::MissingEpisode;
use caseline_domain::other_services::{
    EducationConcern, LadoAllegation, PreProceedings, PrivateFosteringArrangement,
};
use caseline_domain::permanence::{AdoptionDetails, Permanence, PreviousPermanenceOrder};
use caseline_domain::person::{FamilyLink, ImmigrationStatus, Person};
use caseline_domain::plan_action::PlanAction;
use caseline_domain::referral::Referral;
use caseline_domain::section_47::Section47Enquiry;
use caseline_domain::strategy_discussion::StrategyDiscussion;
use caseline_domain::visit::Visit;
use caseline_domain::workforce::{Allocation, CaseSupervision, Team, Worker};

use crate::columns::Column;
use crate::{Row, StoreError, Value};

/// A record stored as one row of one table.
pub trait Table: Sized {
    /// The table.
    const TABLE: &'static str;
    /// Its columns, in the order of [`Table::values`].
    const COLUMNS: &'static [&'static str];
    /// The values to insert.
    fn values(&self) -> Vec<Value>;
    /// Reads a row back.
    fn from_row(row: &Row) -> Result<Self, StoreError>;
}

macro_rules! table {
    ($t:ty, $table:literal, [$($f:ident),+ $(,)?] $(, extra { $($e:ident : $ev:expr),* $(,)? })?) => {
        impl Table for $t {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($f)),+];
            fn values(&self) -> Vec<Value> {
                vec![$(Column::to_value(&self.$f)),+]
            }
            fn from_row(row: &Row) -> Result<Self, StoreError> {
                Ok(Self {
                    $($f: Column::read(row, $table, stringify!($f))?,)+
                    $($($e: $ev,)*)?
                })
            }
        }
    };
}

table!(Team, "teams", [id, name, service_area, parent_id]);
table!(
    Worker,
    "workers",
    [
        id,
        forename,
        surname,
        role,
        team_id,
        registration,
        agency,
        fte_hundredths,
        start_date,
        end_date
    ]
);
table!(
    Person,
    "people",
    [
        id,
        kind,
        forename,
        surname,
        sex,
        ethnicity,
        date_of_birth,
        expected_date_of_birth,
        date_of_death,
        upn,
        upn_unknown_reason,
        nhs_number,
        uasc,
        postcode
    ],
    extra {
        disabilities: Vec::new()
    }
);
table!(
    FamilyLink,
    "family_links",
    [
        id,
        child_id,
        relative_id,
        relationship,
        parental_responsibility
    ]
);
table!(
    Allocation,
    "allocations",
    [
        id,
        child_id,
        worker_id,
        team_id,
        role,
        start_date,
        end_date,
        change_reason
    ]
);
table!(
    Contact,
    "contacts",
    [
        id,
        child_id,
        received_at,
        source,
        outcome,
        decided_at,
        rag,
        summary
    ]
);
table!(
    EarlyHelpEpisode,
    "early_help_episodes",
    [
        id,
        child_id,
        start_date,
        end_date,
        reason,
        end_reason,
        organisation,
        worker_id,
        team_id
    ]
);
table!(
    Referral,
    "referrals",
    [
        id,
        child_id,
        contact_id,
        referral_date,
        source,
        primary_need,
        no_further_action,
        closure_date,
        closure_reason,
        team_id,
        worker_id
    ]
);
table!(
    Assessment,
    "assessments",
    [
        id,
        child_id,
        referral_id,
        start_date,
        child_seen_date,
        authorised_date,
        outcome,
        team_id,
        worker_id
    ],
    extra {
        factors: Vec::new()
    }
);
table!(
    StrategyDiscussion,
    "strategy_discussions",
    [id, child_id, referral_id, date, section_47_agreed],
    extra {
        agencies: Vec::new()
    }
);
table!(
    Section47Enquiry,
    "section_47_enquiries",
    [
        id,
        child_id,
        referral_id,
        strategy_discussion_id,
        start_date,
        end_date,
        outcome,
        worker_id
    ]
);
table!(
    ChildProtectionConference,
    "cp_conferences",
    [
        id,
        child_id,
        referral_id,
        kind,
        section_47_id,
        cp_plan_id,
        date,
        child_protection_plan,
        transfer_in,
        participation
    ]
);
table!(
    ChildProtectionPlan,
    "cp_plans",
    [
        id,
        child_id,
        referral_id,
        initial_conference_id,
        start_date,
        end_date,
        initial_category,
        latest_category
    ]
);
table!(
    CoreGroupMeeting,
    "core_group_meetings",
    [id, child_id, cp_plan_id, date]
);
table!(
    ChildInNeedPlan,
    "cin_plans",
    [id, child_id, referral_id, start_date, end_date]
);
table!(
    PlanAction,
    "plan_actions",
    [
        id,
        child_id,
        plan_kind,
        plan_id,
        who,
        what,
        due_date,
        status,
        completed_date,
        agreed_date
    ]
);
table!(
    Visit,
    "visits",
    [
        id,
        child_id,
        kind,
        date,
        seen,
        seen_alone,
        bedroom_seen,
        childs_words,
        worker_id
    ]
);
table!(
    PeriodOfCare,
    "periods_of_care",
    [id, child_id, referral_id, start_date, end_date]
);
table!(
    CareEpisode,
    "care_episodes",
    [
        id,
        child_id,
        period_id,
        start_date,
        reason_new_episode,
        legal_status,
        category_of_need,
        placement_type,
        provider,
        placement_postcode,
        home_postcode,
        ofsted_urn,
        in_area,
        end_date,
        reason_ceased,
        reason_place_change
    ]
);
table!(
    PlacementDetails,
    "placement_details",
    [
        id,
        child_id,
        care_episode_id,
        placement_plan_date,
        notification_date,
        temporary_approval_reg24,
        placed_before_assessment_reg19
    ]
);
table!(
    LookedAfterReview,
    "looked_after_reviews",
    [id, child_id, period_id, date, participation]
);
table!(
    CarePlan,
    "care_plans",
    [id, child_id, period_id, start_date, end_date, intention]
);
table!(
    HealthCheck,
    "health_checks",
    [id, child_id, kind, date, status]
);
table!(
    SdqScore,
    "sdq_scores",
    [id, child_id, date, score, reason_not_done]
);
table!(
    PersonalEducationPlan,
    "personal_education_plans",
    [id, child_id, date]
);
table!(
    MissingEpisode,
    "missing_episodes",
    [
        id,
        child_id,
        kind,
        started_at,
        returned_at,
        rhi_offered,
        rhi_accepted,
        rhi_at
    ]
);
table!(
    Permanence,
    "permanence",
    [
        id,
        child_id,
        period_id,
        adm_decision_date,
        placement_order_date,
        matched_date,
        placed_date,
        order_kind,
        order_date,
        decision_reversed_date,
        decision_reversed_reason
    ]
);
table!(
    CareLeaver,
    "care_leavers",
    [
        id,
        child_id,
        eligibility,
        eligible_from,
        personal_adviser_id,
        end_date,
        needs_assessment_date
    ]
);
table!(
    CareLeaverContact,
    "care_leaver_contacts",
    [
        id,
        child_id,
        date,
        in_touch,
        activity,
        accommodation,
        accommodation_suitable
    ]
);
table!(
    PathwayPlanReview,
    "pathway_plan_reviews",
    [id, child_id, date]
);
table!(
    PrivateFosteringArrangement,
    "private_fostering_arrangements",
    [
        id,
        child_id,
        notified_date,
        start_date,
        end_date,
        carer_name
    ]
);
table!(
    LadoAllegation,
    "lado_allegations",
    [
        id,
        child_id,
        allegation_date,
        referred_date,
        subject_role,
        employer_sector,
        outcome,
        closed_date
    ]
);
table!(
    PreProceedings,
    "pre_proceedings",
    [
        id,
        child_id,
        decision_date,
        letter_date,
        meeting_date,
        end_date,
        outcome
    ]
);
table!(
    EducationConcern,
    "education_concerns",
    [id, child_id, kind, start_date, end_date]
);

table!(
    ImmigrationStatus,
    "immigration_statuses",
    [id, child_id, status, start_date, end_date]
);
table!(
    AdoptionDetails,
    "adoption_details",
    [
        id,
        child_id,
        permanence_id,
        adopted_by_foster_carer,
        number_of_adopters,
        adopter_sex,
        adopter_legal_status
    ]
);
table!(
    PreviousPermanenceOrder,
    "previous_permanence_orders",
    [id, child_id, kind, order_date, local_authority]
);
table!(
    ImmunisationCheck,
    "immunisation_checks",
    [id, child_id, date, up_to_date]
);
table!(
    SubstanceMisuse,
    "substance_misuse",
    [
        id,
        child_id,
        date,
        intervention_offered,
        intervention_received
    ]
);
table!(Conviction, "convictions", [id, child_id, date]);
table!(
    CinPlanReview,
    "cin_plan_reviews",
    [id, child_id, cin_plan_id, date]
);
table!(
    CaseSupervision,
    "case_supervisions",
    [id, child_id, date, supervisor_id]
);

/// Every table a [`Table`] impl writes, with its columns: checked against both
/// migration folders by a test.
pub const ALL_TABLES: &[(&str, &[&str])] = &[
    (Team::TABLE, Team::COLUMNS),
    (Worker::TABLE, Worker::COLUMNS),
    (Person::TABLE, Person::COLUMNS),
    (FamilyLink::TABLE, FamilyLink::COLUMNS),
    (Allocation::TABLE, Allocation::COLUMNS),
    (Contact::TABLE, Contact::COLUMNS),
    (EarlyHelpEpisode::TABLE, EarlyHelpEpisode::COLUMNS),
    (Referral::TABLE, Referral::COLUMNS),
    (Assessment::TABLE, Assessment::COLUMNS),
    (StrategyDiscussion::TABLE, StrategyDiscussion::COLUMNS),
    (Section47Enquiry::TABLE, Section47Enquiry::COLUMNS),
    (
        ChildProtectionConference::TABLE,
        ChildProtectionConference::COLUMNS,
    ),
    (ChildProtectionPlan::TABLE, ChildProtectionPlan::COLUMNS),
    (CoreGroupMeeting::TABLE, CoreGroupMeeting::COLUMNS),
    (ChildInNeedPlan::TABLE, ChildInNeedPlan::COLUMNS),
    (PlanAction::TABLE, PlanAction::COLUMNS),
    (Visit::TABLE, Visit::COLUMNS),
    (PeriodOfCare::TABLE, PeriodOfCare::COLUMNS),
    (CareEpisode::TABLE, CareEpisode::COLUMNS),
    (PlacementDetails::TABLE, PlacementDetails::COLUMNS),
    (LookedAfterReview::TABLE, LookedAfterReview::COLUMNS),
    (CarePlan::TABLE, CarePlan::COLUMNS),
    (HealthCheck::TABLE, HealthCheck::COLUMNS),
    (SdqScore::TABLE, SdqScore::COLUMNS),
    (PersonalEducationPlan::TABLE, PersonalEducationPlan::COLUMNS),
    (MissingEpisode::TABLE, MissingEpisode::COLUMNS),
    (Permanence::TABLE, Permanence::COLUMNS),
    (CareLeaver::TABLE, CareLeaver::COLUMNS),
    (CareLeaverContact::TABLE, CareLeaverContact::COLUMNS),
    (PathwayPlanReview::TABLE, PathwayPlanReview::COLUMNS),
    (
        PrivateFosteringArrangement::TABLE,
        PrivateFosteringArrangement::COLUMNS,
    ),
    (LadoAllegation::TABLE, LadoAllegation::COLUMNS),
    (PreProceedings::TABLE, PreProceedings::COLUMNS),
    (EducationConcern::TABLE, EducationConcern::COLUMNS),
    (ImmigrationStatus::TABLE, ImmigrationStatus::COLUMNS),
    (AdoptionDetails::TABLE, AdoptionDetails::COLUMNS),
    (
        PreviousPermanenceOrder::TABLE,
        PreviousPermanenceOrder::COLUMNS,
    ),
    (ImmunisationCheck::TABLE, ImmunisationCheck::COLUMNS),
    (SubstanceMisuse::TABLE, SubstanceMisuse::COLUMNS),
    (Conviction::TABLE, Conviction::COLUMNS),
    (CinPlanReview::TABLE, CinPlanReview::COLUMNS),
    (CaseSupervision::TABLE, CaseSupervision::COLUMNS),
];
