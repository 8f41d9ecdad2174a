//! Caseline's own code sets: values the DfE does not define but practice records need.
//! Stored by code, parsed strictly like the DfE sets.

code_set! {
    /// Whether a person on the system is a child (the subject of work) or an adult.
    PersonKind, "person kind" {
        Child = "CHILD", "Child";
        Adult = "ADULT", "Adult";
    }
}

code_set! {
    /// A family member's relationship to the child.
    Relationship, "relationship" {
        Mother = "MOTHER", "Mother";
        Father = "FATHER", "Father";
        StepParent = "STEP_PARENT", "Step-parent";
        Grandparent = "GRANDPARENT", "Grandparent";
        Sibling = "SIBLING", "Sibling";
        OtherRelative = "OTHER_RELATIVE", "Other relative";
        Carer = "CARER", "Carer (not a relative)";
        OwnChild = "OWN_CHILD", "The child's own son or daughter (SSDA903 MOTHER, MC_DOB)";
    }
}

code_set! {
    /// The kind of service a team provides.
    ServiceArea, "service area" {
        FrontDoor = "FRONT_DOOR", "Front door (MASH)";
        Assessment = "ASSESSMENT", "Assessment";
        ChildInNeedAndProtection = "CIN_CP", "Children in need and child protection";
        ChildrenInCare = "CIC", "Children in care";
        CareLeavers = "CARE_LEAVERS", "Leaving care";
        Adoption = "ADOPTION", "Adoption and permanence";
        Disabled = "DISABILITY", "Children with disabilities";
        Reviewing = "IRO", "Independent reviewing (IROs and CP chairs)";
        Lado = "LADO", "Designated officer (LADO)";
    }
}

code_set! {
    /// A worker's job.
    JobRole, "job role" {
        SocialWorker = "SW", "Social worker";
        SeniorPractitioner = "SP", "Senior practitioner";
        TeamManager = "TM", "Team manager";
        PersonalAdviser = "PA", "Personal adviser";
        IndependentReviewingOfficer = "IRO", "Independent reviewing officer";
        FamilySupportWorker = "FSW", "Family support worker";
        ServiceManager = "SM", "Service manager";
        DesignatedOfficer = "LADO", "Local authority designated officer";
    }
}

code_set! {
    /// What an allocation makes the worker responsible for.
    AllocationRole, "allocation role" {
        AllocatedSocialWorker = "ALLOCATED_SW", "Allocated social worker";
        PersonalAdviser = "PA", "Personal adviser";
        IndependentReviewingOfficer = "IRO", "Independent reviewing officer";
    }
}

code_set! {
    /// The front door's decision on a contact (SSD contact outcome flags).
    ContactOutcome, "contact outcome" {
        NewReferral = "NEW_REFERRAL", "New referral to children's social care";
        ExistingReferral = "EXISTING_REFERRAL", "Passed to the open case";
        StrategyDiscussion = "CP_ENQUIRY", "Strategy discussion (child protection enquiry)";
        EarlyHelp = "EARLY_HELP", "Step down to early help";
        AdviceAndInformation = "ADVICE", "Advice and information";
        PrivateFostering = "PRIVATE_FOSTERING", "Private fostering notification";
        NoFurtherAction = "NFA", "No further action";
        Other = "OTHER", "Other outcome";
    }
}

code_set! {
    /// The front door's risk rating of a contact.
    Rag, "RAG rating" {
        Red = "RED", "Red";
        Amber = "AMBER", "Amber";
        Green = "GREEN", "Green";
    }
}

code_set! {
    /// What a child and family assessment concluded (SSD assessment outcome flags).
    AssessmentOutcome, "assessment outcome" {
        NoFurtherAction = "NFA", "No further action";
        EarlyHelp = "EARLY_HELP", "Step down to early help";
        ChildInNeedPlan = "CIN_PLAN", "Child in need plan";
        StrategyDiscussion = "STRATEGY_DISCUSSION", "Strategy discussion";
        BecomeLookedAfter = "CLA_REQUEST", "Request to become looked after";
        LegalAction = "LEGAL_ACTION", "Legal action";
        ShortBreaks = "PROV_OF_SB_CARE", "Provision of short breaks";
        ReferralToOtherAgency = "OTHER_AGENCY", "Referral to another agency";
    }
}

code_set! {
    /// A partner agency invited to a strategy discussion (Working Together 2023, ch. 4).
    Agency, "agency" {
        Police = "POLICE", "Police";
        Health = "HEALTH", "Health";
        Education = "EDUCATION", "Education";
        SocialCare = "SOCIAL_CARE", "Children's social care";
        Other = "OTHER", "Other agency";
    }
}

code_set! {
    /// The outcome of a section 47 enquiry (SSD S47 outcome flags).
    Section47Outcome, "section 47 outcome" {
        InitialConference = "CP_CONFERENCE", "Initial child protection conference";
        NoFurtherAction = "NFA", "No further action";
        ContinueAssessment = "NFA_CONTINUE_SINGLE", "Concerns not substantiated; continue assessment";
        ChildInNeedPlan = "PROV_OF_SERVICES", "Provision of services (child in need)";
        LegalAction = "LEGAL_ACTION", "Legal action";
        Monitor = "MONITOR", "Monitor";
    }
}

code_set! {
    /// Initial or review child protection conference.
    ConferenceKind, "conference kind" {
        Initial = "ICPC", "Initial child protection conference";
        Review = "RCPC", "Review child protection conference";
    }
}

code_set! {
    /// Which plan an action belongs to.
    PlanKind, "plan kind" {
        ChildInNeed = "CIN", "Child in need plan";
        ChildProtection = "CP", "Child protection plan";
        Care = "CARE", "Care plan";
        Pathway = "PATHWAY", "Pathway plan";
    }
}

code_set! {
    /// Where a plan's action stands. Overdue is derived from the due date, not stored.
    ActionStatus, "action status" {
        Open = "OPEN", "Open";
        Done = "DONE", "Done";
        NoLongerNeeded = "CANCELLED", "No longer needed";
    }
}

code_set! {
    /// The statutory basis of a visit to the child.
    VisitKind, "visit kind" {
        ChildInNeed = "CIN", "Child in need visit";
        ChildProtection = "CP", "Child protection visit";
        LookedAfter = "CLA", "Looked-after child visit";
        PrivateFostering = "PF", "Private fostering visit";
        PersonalAdviser = "PA", "Personal adviser contact";
        Assessment = "ASSESSMENT", "Assessment visit";
        IndependentReviewingOfficer = "IRO", "IRO visit or contact (Annex A list 8)";
    }
}

code_set! {
    /// A health check recorded for a looked-after child (SSD ssd_cla_health).
    HealthCheckKind, "health check kind" {
        InitialHealthAssessment = "IHA", "Initial health assessment";
        ReviewHealthAssessment = "RHA", "Review health assessment";
        Dental = "DENTAL", "Dental check";
    }
}

code_set! {
    /// What happened to a health check (SSD ssd_cla_health status).
    HealthCheckStatus, "health check status" {
        Completed = "COMPLETED", "Completed";
        Planned = "PLANNED", "Planned";
        Refused = "REFUSED", "Refused";
        Cancelled = "CANCELLED", "Cancelled";
    }
}

code_set! {
    /// Care leaver eligibility (Children (Leaving Care) Act 2000; CPR2010 reg 40).
    CareLeaverEligibility, "care leaver eligibility" {
        Eligible = "ELIGIBLE", "Eligible (aged 16-17, still looked after)";
        Relevant = "RELEVANT", "Relevant (aged 16-17, no longer looked after)";
        FormerRelevant = "FORMER_RELEVANT", "Former relevant (aged 18-25)";
        Qualifying = "QUALIFYING", "Qualifying";
    }
}

impl CareLeaverEligibility {
    /// Relevant or former relevant: the young person has left care, and a personal
    /// adviser keeps in touch (Care Leavers (England) Regulations 2010 reg 8).
    pub fn has_left_care(self) -> bool {
        matches!(self, Self::Relevant | Self::FormerRelevant)
    }
}

code_set! {
    /// The order that secured permanence (SSD ssd_permanence).
    PermanenceOrder, "permanence order" {
        Adoption = "ADOPTION", "Adoption order";
        SpecialGuardianship = "SGO", "Special guardianship order";
        ChildArrangements = "CAO", "Child arrangements order";
    }
}

code_set! {
    /// The outcome of an allegation against a person who works with children
    /// (Working Together 2023, ch. 2, para 2-3 on allegation management).
    LadoOutcome, "LADO outcome" {
        Substantiated = "SUBSTANTIATED", "Substantiated";
        Unsubstantiated = "UNSUBSTANTIATED", "Unsubstantiated";
        Unfounded = "UNFOUNDED", "Unfounded";
        False = "FALSE", "False";
        Malicious = "MALICIOUS", "Malicious";
    }
}

code_set! {
    /// How pre-proceedings under the Public Law Outline ended.
    PreProceedingsOutcome, "pre-proceedings outcome" {
        SteppedDown = "STEP_DOWN", "Stepped down: concerns reduced";
        ProceedingsIssued = "ISSUED", "Care proceedings issued";
        Extended = "EXTENDED", "Pre-proceedings extended";
    }
}

code_set! {
    /// An education concern held by the local authority.
    EducationConcernKind, "education concern" {
        ElectiveHomeEducation = "EHE", "Electively home educated";
        ChildMissingEducation = "CME", "Child missing education";
    }
}

code_set! {
    /// Immigration status recorded for a child (SSD ssd_immigration_status).
    ImmigrationStatusKind, "immigration status" {
        UnaccompaniedAsylumSeeking = "UASC", "Unaccompanied asylum-seeking child";
        RefugeeStatus = "REFUGEE", "Refugee status granted";
        NoRecourseToPublicFunds = "NRPF", "No recourse to public funds";
        Other = "OTHER", "Other immigration status";
    }
}

code_set! {
    /// What a user of Caseline does, which decides what they may see and do
    /// (see [`crate::access`]).
    Role, "role" {
        SocialWorker = "SOCIAL_WORKER", "Social worker";
        PersonalAdviser = "PERSONAL_ADVISER", "Personal adviser";
        FrontDoor = "FRONT_DOOR", "Front door (MASH) worker";
        TeamManager = "TEAM_MANAGER", "Team manager";
        IndependentReviewingOfficer = "IRO", "Independent reviewing officer";
        ServiceManager = "SERVICE_MANAGER", "Service manager or head of service";
        QualityAssuranceAuditor = "QA_AUDITOR", "Quality assurance auditor";
        PerformanceAnalyst = "PERFORMANCE_ANALYST", "Performance analyst";
        SeniorLeader = "SENIOR_LEADER", "Senior leader";
        SystemAdministrator = "SYSTEM_ADMIN", "System administrator";
    }
}
