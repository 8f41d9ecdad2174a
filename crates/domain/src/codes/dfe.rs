//! The DfE's statutory code sets: CIN census, SSDA903 (children looked after) and the
//! Standard Safeguarding Dataset (SSD) codes that feed Ofsted's Annex A.
//!
//! Codes and their order follow the published schemas (CIN census XSD, SSDA903 schema
//! and the V903/VCIN validators). Labels are the DfE descriptions, shortened where the
//! official wording is a paragraph. Where a label could not be confirmed against a
//! published source the code set says so in a comment.

// The macro is invoked by path (`super::code_set!`): it is also in textual scope, since
// `codes/mod.rs` defines it before `mod dfe;`, so a `use super::code_set;` here would be
// reported as an unused import.

// ---------------------------------------------------------------------------
// Child characteristics (CIN census and SSDA903 header)
// ---------------------------------------------------------------------------

super::code_set! {
    /// Sex of the child (CIN census item N00783 and SSDA903 SEX, from 2024-25).
    Sex, "sex" {
        Female = "F", "Female";
        Male = "M", "Male";
        Unknown = "U", "Unknown";
    }
}

super::code_set! {
    /// Ethnicity of the child (CIN census XSD ethnicitytype; SSDA903 ETHNIC).
    Ethnicity, "ethnicity" {
        WhiteBritish = "WBRI", "White British";
        WhiteIrish = "WIRI", "White Irish";
        TravellerOfIrishHeritage = "WIRT", "Traveller of Irish heritage";
        WhiteOther = "WOTH", "Any other White background";
        GypsyRoma = "WROM", "Gypsy/Roma";
        MixedWhiteBlackCaribbean = "MWBC", "White and Black Caribbean";
        MixedWhiteBlackAfrican = "MWBA", "White and Black African";
        MixedWhiteAsian = "MWAS", "White and Asian";
        MixedOther = "MOTH", "Any other Mixed background";
        AsianIndian = "AIND", "Indian";
        AsianPakistani = "APKN", "Pakistani";
        AsianBangladeshi = "ABAN", "Bangladeshi";
        AsianOther = "AOTH", "Any other Asian background";
        BlackCaribbean = "BCRB", "Caribbean";
        BlackAfrican = "BAFR", "African";
        BlackOther = "BOTH", "Any other Black background";
        Chinese = "CHNE", "Chinese";
        OtherEthnicGroup = "OOTH", "Any other ethnic group";
        Refused = "REFU", "Refused";
        NotYetObtained = "NOBT", "Information not yet obtained";
    }
}

super::code_set! {
    /// Disability of the child (CIN census XSD disabilitytype; SSD ssd_disability).
    Disability, "disability" {
        NoDisability = "NONE", "No disability";
        Mobility = "MOB", "Mobility";
        HandFunction = "HAND", "Hand function";
        PersonalCare = "PC", "Personal care";
        Incontinence = "INC", "Incontinence";
        Communication = "COMM", "Communication";
        Learning = "LD", "Learning";
        Hearing = "HEAR", "Hearing";
        Vision = "VIS", "Vision";
        Behaviour = "BEH", "Behaviour";
        Consciousness = "CON", "Consciousness";
        Autism = "AUT", "Autism";
        Other = "DDA", "Other disability (DDA)";
    }
}

// Only UN1–UN7 exist: the CIN census XSD (2017–2024) enumerates exactly these, VCIN
// rule 8770Q treats "UN8" as invalid, and SSDA903 accepts UN1–UN5 (V903 rule 168).
// UN1 ("not of school age", VCIN 8770Q) and UN7 ("referral with no further action",
// VCIN 8772) are confirmed from the validators; UN2–UN5 are the long-standing DfE
// wording as we know it but were not checked against the current census guide; the
// official UN6 wording was not found, so its label says so.
super::code_set! {
    /// Reason a child's UPN is not known (CIN census UPNunknown N00135; LIIA-CIN XSD).
    UpnUnknownReason, "UPN unknown reason" {
        NotOfSchoolAge = "UN1", "Child is under school age and not yet attending school";
        NeverAttendedSchoolInEngland = "UN2", "Child has never attended a school in England where a UPN would have been allocated";
        EducatedAtHome = "UN3", "Child is educated at home";
        RecentlyArrivedFromAbroad = "UN4", "Child recently arrived from abroad and not yet allocated to a school";
        IncompleteInformation = "UN5", "Sources collating UPNs reflect incomplete information";
        ReasonUn6 = "UN6", "UPN not known: reason UN6 (official wording not confirmed)";
        ReferralNoFurtherAction = "UN7", "Referral with no further action";
    }
}

// ---------------------------------------------------------------------------
// CIN census
// ---------------------------------------------------------------------------

super::code_set! {
    /// Source of a referral to children's social care (CIN census; LIIA-CIN XSD; VCIN 8866).
    ReferralSource, "referral source" {
        FamilyMemberRelativeOrCarer = "1A", "Individual: family member, relative or carer";
        Acquaintance = "1B", "Individual: acquaintance (including neighbours and child minders)";
        SelfReferral = "1C", "Individual: self";
        OtherIndividual = "1D", "Individual: other (including strangers)";
        Schools = "2A", "Schools";
        EducationServices = "2B", "Education services";
        GeneralPractitioner = "3A", "Health services: general practitioner (GP)";
        HealthVisitor = "3B", "Health services: health visitor";
        SchoolNurse = "3C", "Health services: school nurse";
        OtherPrimaryHealthServices = "3D", "Health services: other primary health services";
        AccidentAndEmergency = "3E", "Health services: A&E (accident and emergency department)";
        OtherHealthServices = "3F", "Health services: other (for example hospice)";
        Housing = "4", "Housing: local authority housing or housing association";
        LaSocialCare = "5A", "LA services: social care (for example adult social care)";
        LaOtherInternal = "5B", "LA services: other internal department (for example youth offending, excluding housing)";
        LaExternal = "5C", "LA services: external (for example another local authority's adult social care)";
        LaEarlyHelp = "5D", "LA services: early help";
        Police = "6", "Police";
        OtherLegalAgency = "7", "Other legal agency (courts, probation, immigration, Cafcass or prison)";
        Other = "8", "Other (including children's centres, independent agency providers or voluntary organisations)";
        Anonymous = "9", "Anonymous";
        Unknown = "10", "Unknown";
    }
}

super::code_set! {
    /// Primary need at referral, highest applicable first (CIN census; SSDA903 CIN; LIIA-CIN XSD).
    PrimaryNeed, "primary need" {
        AbuseOrNeglect = "N1", "Abuse or neglect";
        ChildsDisability = "N2", "Child's disability";
        ParentalDisabilityOrIllness = "N3", "Parental disability or illness";
        FamilyInAcuteStress = "N4", "Family in acute stress";
        FamilyDysfunction = "N5", "Family dysfunction";
        SociallyUnacceptableBehaviour = "N6", "Socially unacceptable behaviour";
        LowIncome = "N7", "Low income";
        AbsentParenting = "N8", "Absent parenting";
        CasesOtherThanChildrenInNeed = "N9", "Cases other than children in need";
        NotStated = "N0", "Not stated";
    }
}

super::code_set! {
    /// Reason a CIN episode closed (CIN census; LIIA-CIN XSD; VCIN rule 8640).
    ReasonForClosure, "reason for closure" {
        Adopted = "RC1", "Adopted";
        Died = "RC2", "Died";
        ChildArrangementsOrder = "RC3", "Child arrangements order";
        SpecialGuardianshipOrder = "RC4", "Special guardianship order";
        TransferredToAnotherLa = "RC5", "Transferred to services of another local authority";
        TransferredToAdultSocialCare = "RC6", "Transferred to adult social care services";
        ServicesCeasedOtherReason = "RC7", "Services ceased for any other reason, including child no longer in need";
        ClosedAfterAssessmentNoFurtherAction = "RC8", "Case closed after assessment, no further action";
        ClosedAfterAssessmentReferredToEarlyHelp = "RC9", "Case closed after assessment, referred to early help";
    }
}

super::code_set! {
    /// Category of abuse on a child protection plan (CIN census; VCIN rule 8905).
    CategoryOfAbuse, "category of abuse" {
        Neglect = "NEG", "Neglect";
        Physical = "PHY", "Physical abuse";
        Sexual = "SAB", "Sexual abuse";
        Emotional = "EMO", "Emotional abuse";
        Multiple = "MUL", "Multiple/not recommended";
    }
}

super::code_set! {
    /// Factor identified at the end of an assessment (CIN census; LIIA-CIN XSD assessmentfactorstype).
    AssessmentFactor, "assessment factor" {
        AlcoholMisuseChild = "1A", "Alcohol misuse: the child";
        AlcoholMisuseParentCarer = "1B", "Alcohol misuse: parent(s)/carer(s)";
        AlcoholMisuseOtherPerson = "1C", "Alcohol misuse: another person living in the household";
        DrugMisuseChild = "2A", "Drug misuse: the child";
        DrugMisuseParentCarer = "2B", "Drug misuse: parent(s)/carer(s)";
        DrugMisuseOtherPerson = "2C", "Drug misuse: another person living in the household";
        DomesticViolenceChild = "3A", "Domestic violence: the child is the subject";
        DomesticViolenceParentCarer = "3B", "Domestic violence: parent(s)/carer(s) are the subject";
        DomesticViolenceOtherPerson = "3C", "Domestic violence: another person living in the household is the subject";
        MentalHealthChild = "4A", "Mental health: the child";
        MentalHealthParentCarer = "4B", "Mental health: parent(s)/carer(s)";
        MentalHealthOtherPerson = "4C", "Mental health: another person in the family/household";
        LearningDisabilityChild = "5A", "Learning disability: the child";
        LearningDisabilityParentCarer = "5B", "Learning disability: parent(s)/carer(s)";
        LearningDisabilityOtherPerson = "5C", "Learning disability: another person in the family/household";
        PhysicalDisabilityOrIllnessChild = "6A", "Physical disability or illness: the child";
        PhysicalDisabilityOrIllnessParentCarer = "6B", "Physical disability or illness: parent(s)/carer(s)";
        PhysicalDisabilityOrIllnessOtherPerson = "6C", "Physical disability or illness: another person in the family/household";
        YoungCarer = "7A", "Young carer";
        PrivatelyFosteredOverseasReturning = "8B", "Privately fostered: overseas child who intends to return";
        PrivatelyFosteredOverseasStaying = "8C", "Privately fostered: overseas child who intends to stay";
        PrivatelyFosteredUkEducational = "8D", "Privately fostered: UK child in an educational placement";
        PrivatelyFosteredUkFamilyArrangement = "8E", "Privately fostered: UK child in alternative family arrangements";
        PrivatelyFosteredOther = "8F", "Privately fostered: other";
        UnaccompaniedAsylumSeekingChild = "9A", "Unaccompanied asylum-seeking child (UASC)";
        Missing = "10A", "Going/being missing";
        ChildSexualExploitation = "11A", "Child sexual exploitation";
        Trafficking = "12A", "Trafficking";
        Gangs = "13A", "Gangs";
        SociallyUnacceptableBehaviour = "14A", "Socially unacceptable behaviour";
        SelfHarm = "15A", "Self-harm";
        Neglect = "16A", "Abuse or neglect: neglect";
        EmotionalAbuse = "17A", "Abuse or neglect: emotional abuse";
        PhysicalAbuseChildOnChild = "18B", "Abuse or neglect: physical abuse (child on child)";
        PhysicalAbuseAdultOnChild = "18C", "Abuse or neglect: physical abuse (adult on child)";
        SexualAbuseChildOnChild = "19B", "Abuse or neglect: sexual abuse (child on child)";
        SexualAbuseAdultOnChild = "19C", "Abuse or neglect: sexual abuse (adult on child)";
        Other = "20", "Other";
        NoFactorsIdentified = "21", "No factors identified (no further action only)";
        FemaleGenitalMutilation = "22A", "Female genital mutilation (FGM)";
        AbuseLinkedToFaithOrBelief = "23A", "Abuse linked to faith or belief";
        ChildCriminalExploitation = "24A", "Child criminal exploitation";
    }
}

super::code_set! {
    /// Child's participation in a review (SSDA903 REVIEW_CODE; SSD cp/cla reviews).
    ParticipationCode, "participation" {
        UnderFour = "PN0", "Child aged under 4 at the time of the review";
        AttendsAndSpeaks = "PN1", "Child physically attends and speaks for themselves";
        AttendsAdvocateSpeaks = "PN2", "Child physically attends and an advocate speaks on their behalf";
        AttendsConveysSymbolically = "PN3", "Child attends and conveys their views symbolically (non-verbally)";
        AttendsDoesNotContribute = "PN4", "Child physically attends but does not speak, convey views symbolically or ask an advocate to speak for them";
        AbsentBriefsAdvocate = "PN5", "Child does not attend but briefs an advocate to speak for them";
        AbsentFacilitativeMedium = "PN6", "Child does not attend but conveys their feelings by a facilitative medium";
        AbsentViewsNotConveyed = "PN7", "Child does not attend and their views are not conveyed to the review";
    }
}

// ---------------------------------------------------------------------------
// SSDA903: episodes
// ---------------------------------------------------------------------------

super::code_set! {
    /// Reason for a new episode of care (SSDA903 RNE; LIIA-903 2024 schema).
    ReasonNewEpisode, "reason for new episode" {
        StartedToBeLookedAfter = "S", "Started to be looked after";
        LegalStatusChangeOnly = "L", "Change of legal status only";
        PlacementAndCarerChange = "P", "Change of placement and carer(s) only";
        PlacementChangeSameCarer = "T", "Change of placement but same carer(s)";
        LegalStatusPlacementAndCarerChange = "B", "Change of legal status and placement and carer(s) at the same time";
        LegalStatusAndPlacementChangeSameCarer = "U", "Change of legal status and placement but same carer(s) at the same time";
    }
}

super::code_set! {
    /// Legal status of a looked-after child (SSDA903 LS; LIIA-903 2024 schema).
    LegalStatus, "legal status" {
        InterimCareOrder = "C1", "Interim care order";
        FullCareOrder = "C2", "Full care order";
        FreeingOrder = "D1", "Freeing order granted";
        PlacementOrder = "E1", "Placement order granted";
        SinglePeriodSection20 = "V2", "Single period of accommodation under section 20 (Children Act 1989)";
        ShortBreaksEpisodesRecorded = "V3", "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded";
        ShortBreaksAgreementsRecorded = "V4", "Accommodated under an agreed series of short-term breaks, when agreements are recorded";
        PoliceProtection = "L1", "Under police protection and in local authority accommodation";
        EmergencyProtectionOrder = "L2", "Emergency protection order (EPO)";
        ChildAssessmentOrder = "L3", "Under a child assessment order and in local authority accommodation";
        RemandedToLaOrYouthDetention = "J1", "Remanded to local authority accommodation or to youth detention accommodation";
        PaceAccommodation = "J2", "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984";
        YouthRehabilitationOrder = "J3", "Sentenced to a youth rehabilitation order with a residence or intensive fostering requirement";
    }
}

// K3 is new in 2024-25; its full official label was not found (domain.md §7).
// Z11–Z14 replace Z1 from 2025-26 (V903 rules 146, 217t); their meanings were not
// found. V903 rule 709 (2026-27) expects a child under a deprivation of liberty order
// to be in K2, Z12 or Z13, which suggests Z12/Z13 are unregistered provision, but that
// is inference only, so the labels stay neutral.
super::code_set! {
    /// Placement type (SSDA903 PLACE; LIIA-903 2024 schema; V903 2024-25 and 2025-26 rules).
    PlacementType, "placement type" {
        AdoptionWithConsentCurrentFosterCarer = "A3", "Placed for adoption with parental/guardian consent with current foster carer(s)";
        AdoptionWithConsentNotCurrentFosterCarer = "A4", "Placed for adoption with parental/guardian consent not with current foster carer(s)";
        AdoptionPlacementOrderCurrentFosterCarer = "A5", "Placed for adoption with a placement order with current foster carer(s)";
        AdoptionPlacementOrderNotCurrentFosterCarer = "A6", "Placed for adoption with a placement order not with current foster carer(s)";
        SemiIndependentLiving = "H5", "Semi-independent living accommodation not subject to children's homes regulations";
        SecureChildrensHome = "K1", "Secure children's home";
        ChildrensHome = "K2", "Children's home subject to Children's Homes Regulations";
        SupportedAccommodation = "K3", "Supported accommodation (Ofsted-registered, aged 16 or over)";
        PlacedWithParents = "P1", "Placed with own parent(s) or other person(s) with parental responsibility";
        IndependentLiving = "P2", "Independent living (for example flat, lodgings, bedsit, B&B or with friends)";
        ResidentialEmployment = "P3", "Residential employment";
        ResidentialCareHome = "R1", "Residential care home";
        NhsOrHealthTrust = "R2", "NHS/health trust or other establishment providing medical or nursing care";
        FamilyCentreOrMotherAndBabyUnit = "R3", "Family centre or mother and baby unit";
        YoungOffenderInstitution = "R5", "Young offender institution (YOI)";
        ResidentialSchool = "S1", "Residential school (except where dual-registered as a children's home)";
        TemporaryMove = "T0", "All types of temporary move";
        TemporaryHospital = "T1", "Temporary period in hospital";
        TemporaryHoliday = "T2", "Temporary absence of the child on holiday";
        TemporaryCarerHoliday = "T3", "Temporary accommodation while normal foster carer is on holiday";
        TemporarySevenDaysOrLess = "T4", "Temporary accommodation of seven days or less not covered by T1 to T3";
        FosterRelativeFriendLongTerm = "U1", "Foster placement with relative(s) or friend(s): long-term fostering";
        FosterRelativeFriendFosteringForAdoption = "U2", "Foster placement with relative(s) or friend(s) who are approved adopters: fostering for adoption/concurrent planning";
        FosterRelativeFriendNotLongTermOrFfa = "U3", "Foster placement with relative(s) or friend(s): not long-term or fostering for adoption";
        FosterOtherLongTerm = "U4", "Foster placement with other foster carer(s): long-term fostering";
        FosterOtherFosteringForAdoption = "U5", "Foster placement with other foster carer(s) who are approved adopters: fostering for adoption/concurrent planning";
        FosterOtherNotLongTermOrFfa = "U6", "Foster placement with other foster carer(s): not long-term or fostering for adoption";
        OtherPlacement = "Z1", "Other placement";
        OtherPlacementZ11 = "Z11", "Other placement (Z11)";
        OtherPlacementZ12 = "Z12", "Other placement (Z12)";
        OtherPlacementZ13 = "Z13", "Other placement (Z13)";
        OtherPlacementZ14 = "Z14", "Other placement (Z14)";
    }
}

impl PlacementType {
    /// A temporary placement (T0–T4), which needs no provider or change reason.
    pub fn is_temporary(self) -> bool {
        matches!(
            self,
            Self::TemporaryMove
                | Self::TemporaryHospital
                | Self::TemporaryHoliday
                | Self::TemporaryCarerHoliday
                | Self::TemporarySevenDaysOrLess
        )
    }

    /// A foster placement (U1–U6), with relatives/friends or other foster carers.
    pub fn is_foster_care(self) -> bool {
        matches!(
            self,
            Self::FosterRelativeFriendLongTerm
                | Self::FosterRelativeFriendFosteringForAdoption
                | Self::FosterRelativeFriendNotLongTermOrFfa
                | Self::FosterOtherLongTerm
                | Self::FosterOtherFosteringForAdoption
                | Self::FosterOtherNotLongTermOrFfa
        )
    }

    /// A foster placement with relatives or friends (U1–U3): a connected person, who may
    /// be approved temporarily (CPR 2010 reg 24).
    pub fn is_with_relative_or_friend(self) -> bool {
        matches!(
            self,
            Self::FosterRelativeFriendLongTerm
                | Self::FosterRelativeFriendFosteringForAdoption
                | Self::FosterRelativeFriendNotLongTermOrFfa
        )
    }

    /// Placed for adoption (A3–A6).
    pub fn is_adoption(self) -> bool {
        matches!(
            self,
            Self::AdoptionWithConsentCurrentFosterCarer
                | Self::AdoptionWithConsentNotCurrentFosterCarer
                | Self::AdoptionPlacementOrderCurrentFosterCarer
                | Self::AdoptionPlacementOrderNotCurrentFosterCarer
        )
    }

    /// Whether an Ofsted URN is expected for a placement in England (V903 rules 218,
    /// 221, 230): every type except P1, P3, R1, R2, R5, T0–T4, Z1 and Z11–Z14.
    /// Out-of-England placements are exempt too; that is for the caller to decide.
    pub fn needs_ofsted_urn(self) -> bool {
        !(self.is_temporary()
            || matches!(
                self,
                Self::PlacedWithParents
                    | Self::ResidentialEmployment
                    | Self::ResidentialCareHome
                    | Self::NhsOrHealthTrust
                    | Self::YoungOffenderInstitution
                    | Self::OtherPlacement
                    | Self::OtherPlacementZ11
                    | Self::OtherPlacementZ12
                    | Self::OtherPlacementZ13
                    | Self::OtherPlacementZ14
            ))
    }
}

super::code_set! {
    /// Provider of a placement (SSDA903 PLACE_PROVIDER; SSD ssd_cla_placement).
    PlacementProvider, "placement provider" {
        Parents = "PR0", "Parent(s) or other person(s) with parental responsibility";
        OwnLa = "PR1", "Own provision by the local authority (including a regional adoption agency it hosts)";
        OtherLa = "PR2", "Other local authority provision (including a regional adoption agency another LA hosts)";
        OtherPublic = "PR3", "Other public provision (for example a health trust or school)";
        Private = "PR4", "Private provision";
        Voluntary = "PR5", "Voluntary/third sector provision";
    }
}

super::code_set! {
    /// Reason an episode of care ceased (SSDA903 REC; LIIA-903 2024 schema).
    ReasonEpisodeCeased, "reason episode ceased" {
        NewEpisodeSameDay = "X1", "Episode ceases and a new episode begins on the same day, for any reason";
        AdoptedUnopposed = "E11", "Adopted: application for an adoption order unopposed";
        AdoptedConsentDispensed = "E12", "Adopted: consent dispensed with by the court";
        Died = "E2", "Died";
        CareTakenOverByAnotherLa = "E3", "Care taken over by another local authority in the UK";
        ReturnedHomePlanned = "E4A", "Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility as part of the care planning process";
        ReturnedHomeUnplanned = "E4B", "Returned home to live with parent(s), relative(s) or other person(s) with parental responsibility, not part of the care planning process";
        LivingWithPersonWithoutParentalResponsibility = "E13", "Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility";
        ChildArrangementsOrder = "E41", "Residence order or child arrangements order granted";
        SgoFormerFosterCarerRelativeFriend = "E45", "Special guardianship order made to former foster carer(s) who are relative(s) or friend(s)";
        SgoFormerFosterCarerOther = "E46", "Special guardianship order made to former foster carer(s) other than relative(s) or friend(s)";
        SgoOtherCarerRelativeFriend = "E47", "Special guardianship order made to carer(s), not former foster carer(s), who are relative(s) or friend(s)";
        SgoOtherCarerOther = "E48", "Special guardianship order made to carer(s), not former foster carer(s), other than relative(s) or friend(s)";
        IndependentLivingWithSupport = "E5", "Moved into independent living with supportive accommodation";
        IndependentLivingWithoutSupport = "E6", "Moved into independent living without formalised support";
        AdultResidentialCare = "E7", "Transferred to residential care funded by adult social care services";
        SentencedToCustody = "E9", "Sentenced to custody";
        RemandEnded = "E14", "Accommodation on remand ended";
        AgeAssessedAdult = "E15", "Age assessment determined child is aged 18 or over";
        MovedAbroad = "E16", "Child moved abroad";
        StayedWithCarersAt18 = "E17", "Aged 18 or over and remained with current carers (including staying put)";
        OtherReason = "E8", "Period of being looked after ceased for any other reason";
    }
}

impl ReasonEpisodeCeased {
    /// The child was adopted (E11, E12).
    pub fn is_adoption(self) -> bool {
        matches!(self, Self::AdoptedUnopposed | Self::AdoptedConsentDispensed)
    }

    /// A special guardianship order was made (E45–E48).
    pub fn is_special_guardianship(self) -> bool {
        matches!(
            self,
            Self::SgoFormerFosterCarerRelativeFriend
                | Self::SgoFormerFosterCarerOther
                | Self::SgoOtherCarerRelativeFriend
                | Self::SgoOtherCarerOther
        )
    }

    /// A residence or child arrangements order was granted (E41).
    pub fn is_child_arrangements(self) -> bool {
        matches!(self, Self::ChildArrangementsOrder)
    }
}

super::code_set! {
    /// Reason for a change of placement, on the ending episode (SSDA903 REASON_PLACE_CHANGE).
    ReasonPlaceChange, "reason for placement change" {
        CarePlan = "CARPL", "Change to or implementation of care plan";
        ProviderClosure = "CLOSE", "Resignation or closure of provision";
        Allegation = "ALLEG", "Allegation (section 47)";
        StandardsOfCare = "STAND", "Standards of care concern";
        ApprovalRemoved = "APPRR", "Approval removed";
        CarerRequestBehaviour = "CREQB", "Carer(s) requested placement end due to child's behaviour";
        CarerRequestOther = "CREQO", "Carer(s) requested placement end other than due to child's behaviour";
        ChildRequest = "CHILD", "Child requested placement end";
        LaRequest = "LAREQ", "Responsible or area authority requested placement end";
        StatusChangeOnly = "PLACE", "Change in the status of placement only";
        Custody = "CUSTOD", "Custody arrangement";
        Other = "OTHER", "Other";
    }
}

// ---------------------------------------------------------------------------
// SSDA903: care leavers (OC3), health (OC2), adoption, missing, social workers
// ---------------------------------------------------------------------------

super::code_set! {
    /// Whether the local authority is in touch with a care leaver (SSDA903 OC3 IN_TOUCH).
    CareLeaverInTouch, "care leaver in touch" {
        Yes = "YES", "Yes";
        No = "NO", "No";
        Died = "DIED", "Young person has died";
        Refused = "REFU", "Young person refuses contact";
        NoLongerRequiresServices = "NREQ", "Young person no longer requires services";
        ReturnedHome = "RHOM", "Young person has returned home to parents or others with parental responsibility for at least 6 months";
    }
}

super::code_set! {
    /// Main activity of a care leaver (SSDA903 OC3 ACTIV; LIIA-903 2024 schema).
    CareLeaverActivity, "care leaver activity" {
        HigherEducationFullTime = "F1", "Full time in higher education";
        HigherEducationPartTime = "P1", "Part time in higher education";
        OtherEducationFullTime = "F2", "Full time in education other than higher education";
        OtherEducationPartTime = "P2", "Part time in education other than higher education";
        ApprenticeshipFullTime = "F4", "Full time in an apprenticeship";
        ApprenticeshipPartTime = "P4", "Part time in an apprenticeship";
        TrainingOrEmploymentFullTime = "F5", "Full time in training or employment (not apprenticeship)";
        TrainingOrEmploymentPartTime = "P5", "Part time in training or employment (not apprenticeship)";
        NeetIllnessOrDisability = "G4", "Not in education, employment or training: illness or disability";
        NeetOther = "G5", "Not in education, employment or training: other reasons";
        NeetPregnancyOrParenting = "G6", "Not in education, employment or training: pregnancy or parenting";
    }
}

impl CareLeaverActivity {
    /// In education, employment or training (any F or P code), as opposed to NEET.
    pub fn is_in_education_employment_or_training(self) -> bool {
        !matches!(
            self,
            Self::NeetIllnessOrDisability | Self::NeetOther | Self::NeetPregnancyOrParenting
        )
    }
}

super::code_set! {
    /// Type of a care leaver's accommodation: the ACCOM letter; suitability is recorded separately (SSDA903 OC3 ACCOM).
    CareLeaverAccommodation, "care leaver accommodation" {
        WithParentsOrRelatives = "B", "With parents or relatives";
        CommunityHomeOrResidentialCare = "C", "Community home or other residential care (for example an NHS establishment)";
        SemiIndependent = "D", "Semi-independent, transitional or self-contained accommodation";
        SupportedLodgings = "E", "Supported lodgings or host family";
        GoneAbroad = "G", "Gone abroad";
        Deported = "H", "Deported";
        OrdinaryLodgings = "K", "Ordinary lodgings, without formal support";
        NotKnown = "R", "Residence not known";
        NoFixedAbode = "S", "No fixed abode or homeless";
        Foyer = "T", "Foyer or similar supported accommodation";
        IndependentLiving = "U", "Independent living (for example own flat or tenancy)";
        EmergencyAccommodation = "V", "Emergency accommodation (for example night shelter or emergency hostel)";
        BedAndBreakfast = "W", "Bed and breakfast";
        InCustody = "X", "In custody";
        Other = "Y", "Other accommodation";
        WithFormerFosterCarers = "Z", "With former foster carer(s)";
    }
}

super::code_set! {
    /// Reason no strengths and difficulties questionnaire score was returned (SSDA903 OC2 SDQ_REASON).
    SdqReason, "SDQ reason" {
        OutsideAgeRange = "SDQ1", "No form returned as child was aged under 4 or over 16";
        CarerRefused = "SDQ2", "Carer(s) refused to complete and return the questionnaire";
        SeverityOfDisability = "SDQ3", "Not possible to complete due to the severity of the child's disability";
        Other = "SDQ4", "Other";
        YoungPersonRefused = "SDQ5", "Child or young person refused to allow an SDQ to be completed";
    }
}

super::code_set! {
    /// Reason a child's social worker changed (SSDA903 SW_REASON; SSD ssd_involvements).
    WorkerChangeReason, "social worker change reason" {
        CaseloadManagement = "MANAGE", "Case or caseload management";
        FirstContactOrReReferral = "FCONTA", "First contact or re-referral";
        WorkerLeftRole = "LEFTRL", "Social worker left role";
        OrganisationalRestructure = "ORGRST", "Organisational restructure";
        StandardTransfer = "TSPROC", "Standard transfer process between teams";
        WorkerAbsence = "ABSENC", "Social worker absence";
        ChildRequested = "CHCHAN", "Child requested a change of social worker";
        ParentCarerRequested = "PCCHAN", "Parent or carer requested a change of social worker";
        WorkerDied = "SWDIED", "Social worker died";
        Other = "OTHERS", "Other";
    }
}

super::code_set! {
    /// Reason a decision to place for adoption was reversed (SSDA903 REASON_PLACED_CEASED).
    DecisionReversedReason, "decision reversed reason" {
        NeedsChanged = "RD1", "Child's needs changed subsequent to the decision";
        NoPlacementOrder = "RD2", "The court did not make a placement order";
        AdoptersNotFound = "RD3", "Prospective adopters could not be found";
        OtherReason = "RD4", "Any other reason";
    }
}

// P1–P3 and Z1 follow the SSDA903 guide. P4 is valid (V903 rule 631) but its official
// meaning was not found, so its label says so.
super::code_set! {
    /// Permanence order a child had before this period of care (SSDA903 PREV_PERM).
    PreviousPermanence, "previous permanence" {
        Adoption = "P1", "Adoption";
        SpecialGuardianshipOrder = "P2", "Special guardianship order";
        ChildArrangementsOrder = "P3", "Residence order or child arrangements order";
        ReasonP4 = "P4", "Previous permanence option P4 (official wording not confirmed)";
        NotKnown = "Z1", "Not known";
    }
}

super::code_set! {
    /// Type of a missing episode (SSDA903 Missing MISSING; SSD ssd_missing).
    MissingType, "missing type" {
        Missing = "M", "Missing";
        Away = "A", "Away from placement without authorisation";
    }
}

super::code_set! {
    /// Intended outcome of a looked-after child's care plan (SSD ssd_cla_care_plan; several may apply).
    CarePlanIntention, "care plan intention" {
        RemainWithFamilyWithSupport = "REMAINSUP", "Remain with family with support";
        ReturnWithinOneMonth = "RETURN1M", "Return to family within 1 month";
        ReturnWithinSixMonths = "RETURN6M", "Return to family within 6 months";
        EventualReturn = "RETURNEV", "Eventual return to family";
        LongTermRelativeOrFriend = "LTRELFR", "Long-term placement with relative or friend";
        LongTermFosteringTo18 = "LTFOST18", "Long-term fostering to 18";
        ResidentialPlacement = "RESPLMT", "Residential placement";
        SupportedLiving = "SUPPLIV", "Supported living";
        Adoption = "ADOPTION", "Adoption";
        OtherPlan = "OTHERPLN", "Other plan";
    }
}

super::code_set! {
    /// Sex of the adopter(s) (SSDA903 AD1 SEX_ADOPTR; V903 rules 176, 517–524).
    AdopterSex, "adopter sex" {
        SingleMale = "M1", "Single male adopter";
        SingleFemale = "F1", "Single female adopter";
        MaleCouple = "MM", "Couple, both male";
        FemaleCouple = "FF", "Couple, both female";
        MaleAndFemaleCouple = "MF", "Couple, male and female";
    }
}

super::code_set! {
    /// Legal status of the adopter(s) (SSDA903 AD1 LS_ADOPTR; V903 rules 177, 517–524).
    AdopterLegalStatus, "adopter legal status" {
        Single = "L0", "Single adopter";
        MarriedDifferentGender = "L11", "Married couple, different gender";
        MarriedSameGender = "L12", "Married couple, same gender";
        CivilPartnership = "L2", "Civil partnership couple";
        UnmarriedDifferentGender = "L3", "Couple not married or in a civil partnership, different gender";
        UnmarriedSameGender = "L4", "Couple not married or in a civil partnership, same gender";
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn legal_status_codes_parse_to_the_right_orders() {
        assert_eq!(LegalStatus::from_code("C2"), Ok(LegalStatus::FullCareOrder));
        assert_eq!(
            LegalStatus::from_code("C1"),
            Ok(LegalStatus::InterimCareOrder)
        );
        assert_eq!(
            LegalStatus::from_code(" V2 "),
            Ok(LegalStatus::SinglePeriodSection20)
        );
        assert_eq!(LegalStatus::FullCareOrder.label(), "Full care order");
        assert_eq!(LegalStatus::ALL.len(), 13);
    }

    #[test]
    fn parsing_is_case_sensitive_and_unknown_codes_fail() {
        assert!(LegalStatus::from_code("c2").is_err());
        let err = PlacementType::from_code("Z2").unwrap_err();
        assert_eq!(err.code_set, "placement type");
        assert_eq!(err.code, "Z2");
        assert!("Q9".parse::<PlacementType>().is_err());
    }

    #[test]
    fn placement_type_groups() {
        assert!(PlacementType::from_code("T4").unwrap().is_temporary());
        assert!(PlacementType::from_code("T0").unwrap().is_temporary());
        assert!(!PlacementType::from_code("U1").unwrap().is_temporary());
        assert!(PlacementType::from_code("U6").unwrap().is_foster_care());
        assert!(!PlacementType::from_code("K2").unwrap().is_foster_care());
        assert!(PlacementType::from_code("A5").unwrap().is_adoption());
        assert!(!PlacementType::from_code("U5").unwrap().is_adoption());
        let temporary = PlacementType::ALL
            .iter()
            .filter(|p| p.is_temporary())
            .count();
        let foster = PlacementType::ALL
            .iter()
            .filter(|p| p.is_foster_care())
            .count();
        let adoption = PlacementType::ALL
            .iter()
            .filter(|p| p.is_adoption())
            .count();
        assert_eq!((temporary, foster, adoption), (5, 6, 4));
        assert_eq!(PlacementType::ALL.len(), 32);
    }

    #[test]
    fn ofsted_urn_required_only_for_regulated_placement_types() {
        for code in ["K1", "K2", "K3", "R3", "S1", "U1", "U4", "A3", "H5"] {
            assert!(
                PlacementType::from_code(code).unwrap().needs_ofsted_urn(),
                "{code}"
            );
        }
        for code in [
            "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13",
            "Z14",
        ] {
            assert!(
                !PlacementType::from_code(code).unwrap().needs_ofsted_urn(),
                "{code}"
            );
        }
    }

    #[test]
    fn reason_episode_ceased_groups() {
        let adopted: Vec<_> = ReasonEpisodeCeased::ALL
            .iter()
            .filter(|r| r.is_adoption())
            .map(|r| r.code())
            .collect();
        assert_eq!(adopted, ["E11", "E12"]);
        let sgo: Vec<_> = ReasonEpisodeCeased::ALL
            .iter()
            .filter(|r| r.is_special_guardianship())
            .map(|r| r.code())
            .collect();
        assert_eq!(sgo, ["E45", "E46", "E47", "E48"]);
        assert!(
            ReasonEpisodeCeased::from_code("E41")
                .unwrap()
                .is_child_arrangements()
        );
        assert!(
            !ReasonEpisodeCeased::from_code("E4A")
                .unwrap()
                .is_child_arrangements()
        );
        assert_eq!(ReasonEpisodeCeased::ALL.len(), 22);
    }

    #[test]
    fn care_leaver_activity_eet() {
        for code in ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"] {
            assert!(
                CareLeaverActivity::from_code(code)
                    .unwrap()
                    .is_in_education_employment_or_training()
            );
        }
        for code in ["G4", "G5", "G6"] {
            assert!(
                !CareLeaverActivity::from_code(code)
                    .unwrap()
                    .is_in_education_employment_or_training()
            );
        }
    }

    #[test]
    fn code_set_sizes_match_the_published_lists() {
        assert_eq!(Sex::ALL.len(), 3);
        assert_eq!(Ethnicity::ALL.len(), 20);
        assert_eq!(Disability::ALL.len(), 13);
        assert_eq!(ReferralSource::ALL.len(), 22);
        assert_eq!(PrimaryNeed::ALL.len(), 10);
        assert_eq!(ReasonForClosure::ALL.len(), 9);
        assert_eq!(CategoryOfAbuse::ALL.len(), 5);
        assert_eq!(AssessmentFactor::ALL.len(), 42);
        assert_eq!(UpnUnknownReason::ALL.len(), 7);
        assert_eq!(ParticipationCode::ALL.len(), 8);
        assert_eq!(ReasonNewEpisode::ALL.len(), 6);
        assert_eq!(PlacementProvider::ALL.len(), 6);
        assert_eq!(ReasonPlaceChange::ALL.len(), 12);
        assert_eq!(CareLeaverInTouch::ALL.len(), 6);
        assert_eq!(CareLeaverActivity::ALL.len(), 11);
        assert_eq!(CareLeaverAccommodation::ALL.len(), 16);
        assert_eq!(SdqReason::ALL.len(), 5);
        assert_eq!(WorkerChangeReason::ALL.len(), 10);
        assert_eq!(DecisionReversedReason::ALL.len(), 4);
        assert_eq!(PreviousPermanence::ALL.len(), 5);
        assert_eq!(MissingType::ALL.len(), 2);
        assert_eq!(CarePlanIntention::ALL.len(), 10);
        assert_eq!(AdopterSex::ALL.len(), 5);
        assert_eq!(AdopterLegalStatus::ALL.len(), 6);
    }

    #[test]
    fn spot_checks_of_codes_and_labels() {
        assert_eq!(
            Ethnicity::from_code("MWBC"),
            Ok(Ethnicity::MixedWhiteBlackCaribbean)
        );
        assert_eq!(Ethnicity::WhiteBritish.code(), "WBRI");
        assert_eq!(ReferralSource::from_code("10"), Ok(ReferralSource::Unknown));
        assert_eq!(
            ReferralSource::from_code("5D"),
            Ok(ReferralSource::LaEarlyHelp)
        );
        assert_eq!(PrimaryNeed::ALL[0], PrimaryNeed::AbuseOrNeglect);
        assert_eq!(PrimaryNeed::from_code("N0"), Ok(PrimaryNeed::NotStated));
        assert_eq!(
            AssessmentFactor::from_code("24A"),
            Ok(AssessmentFactor::ChildCriminalExploitation)
        );
        assert_eq!(
            CategoryOfAbuse::from_code("SAB").unwrap().to_string(),
            "Sexual abuse"
        );
        assert_eq!(
            CareLeaverAccommodation::from_code("Z"),
            Ok(CareLeaverAccommodation::WithFormerFosterCarers)
        );
        assert!(CareLeaverAccommodation::from_code("Z1").is_err());
        assert_eq!(
            WorkerChangeReason::from_code("PCCHAN"),
            Ok(WorkerChangeReason::ParentCarerRequested)
        );
        assert_eq!(
            ParticipationCode::from_code("PN0"),
            Ok(ParticipationCode::UnderFour)
        );
        assert!(UpnUnknownReason::from_code("UN8").is_err());
    }
}
