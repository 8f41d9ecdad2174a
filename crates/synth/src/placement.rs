//! Choosing a placement: its type by age and route, the provider, where it is and
//! its Ofsted URN; and the SSDA903 reason codes for changing or leaving it.

use caseline_domain::codes::{
    LegalStatus, PlacementProvider, PlacementType, ReasonEpisodeCeased, ReasonPlaceChange,
};
use caseline_domain::values::{OfstedUrn, Postcode};

use crate::care::{Move, Placement};
use crate::child::{Builder, R};
use crate::days::{Day, YEAR, from_ymd};
use crate::names;
use crate::spec::{CareSpec, EntryStatus, Exit};

fn yd(years: f64) -> i32 {
    (years * YEAR) as i32
}

/// K3 (supported accommodation) is valid from 1 April 2024; H5 before (V903 2024-25).
fn supported_accommodation(on: Day) -> PlacementType {
    if on >= from_ymd(2024, 4, 1) {
        PlacementType::SupportedAccommodation
    } else {
        PlacementType::SemiIndependentLiving
    }
}

impl Builder<'_> {
    pub(crate) fn placement(
        &mut self,
        at: Day,
        prev: Option<&Placement>,
        mv: Option<Move>,
        care: &CareSpec,
        legal: LegalStatus,
    ) -> R<Placement> {
        use PlacementType::*;
        let age = self.age_days(at);
        // Placement with parents needs a care order (CPR2010 reg 15-19), and is not
        // part of a plan for adoption or special guardianship.
        let with_parents = if matches!(
            legal,
            LegalStatus::InterimCareOrder | LegalStatus::FullCareOrder
        ) && !matches!(care.exit, Exit::Adoption | Exit::Sgo)
        {
            5
        } else {
            0
        };
        let kind = match mv {
            Some(Move::Adoption { same_carer }) => {
                if same_carer {
                    AdoptionPlacementOrderCurrentFosterCarer
                } else {
                    AdoptionPlacementOrderNotCurrentFosterCarer
                }
            }
            Some(Move::SameCarer) => match prev.map(|p| p.kind) {
                Some(FosterRelativeFriendNotLongTermOrFfa) => FosterRelativeFriendLongTerm,
                Some(FosterOtherNotLongTermOrFfa) => FosterOtherLongTerm,
                Some(k) => k,
                None => FosterOtherLongTerm,
            },
            _ if care.entry_status == EntryStatus::Remand => self.rng.weighted(&[
                (SecureChildrensHome, 30),
                (YoungOffenderInstitution, 40),
                (FosterOtherNotLongTermOrFfa, 30),
            ]),
            _ if care.uasc => {
                if age >= yd(16.0) && self.rng.chance(0.6) {
                    supported_accommodation(at)
                } else if self.rng.chance(0.8) {
                    FosterOtherNotLongTermOrFfa
                } else {
                    ChildrensHome
                }
            }
            _ => {
                let long_term = prev.is_some() && self.rng.chance(0.3);
                if age < 365 {
                    self.rng.weighted(&[
                        (
                            FamilyCentreOrMotherAndBabyUnit,
                            if prev.is_none() { 10 } else { 0 },
                        ),
                        (FosterOtherNotLongTermOrFfa, 60),
                        (FosterRelativeFriendNotLongTermOrFfa, 20),
                        (PlacedWithParents, with_parents),
                        (FosterOtherFosteringForAdoption, 5),
                    ])
                } else if age < yd(11.0) {
                    self.rng.weighted(&[
                        (FosterOtherNotLongTermOrFfa, 55),
                        (FosterRelativeFriendNotLongTermOrFfa, 20),
                        (FosterOtherLongTerm, if long_term { 10 } else { 0 }),
                        (FosterRelativeFriendLongTerm, if long_term { 5 } else { 0 }),
                        (ChildrensHome, 5),
                        (PlacedWithParents, with_parents),
                    ])
                } else if age < yd(16.0) {
                    self.rng.weighted(&[
                        (FosterOtherNotLongTermOrFfa, 45),
                        (ChildrensHome, 25),
                        (FosterRelativeFriendNotLongTermOrFfa, 12),
                        (FosterOtherLongTerm, if long_term { 8 } else { 0 }),
                        (ResidentialSchool, 3),
                        (SecureChildrensHome, 2),
                        (PlacedWithParents, with_parents),
                    ])
                } else {
                    let supported = supported_accommodation(at);
                    self.rng.weighted(&[
                        (FosterOtherNotLongTermOrFfa, 30),
                        (supported, 35),
                        (ChildrensHome, 20),
                        (FosterRelativeFriendNotLongTermOrFfa, 10),
                        (PlacedWithParents, with_parents),
                    ])
                }
            }
        };
        let same = mv.is_some_and(Move::same_carer);
        let provider = if same {
            prev.and_then(|p| p.provider)
        } else {
            self.provider(kind)
        };
        let (postcode_text, in_area) = match (same, prev, kind) {
            (true, Some(p), _) => (p.postcode.as_str().to_owned(), p.in_area),
            (_, _, PlacedWithParents) => (
                self.home_postcode.as_ref().map_or_else(
                    || names::postcode_in_area(&mut self.rng),
                    |p| p.as_str().to_owned(),
                ),
                true,
            ),
            _ => {
                let local = match provider {
                    Some(PlacementProvider::OwnLa | PlacementProvider::Parents) => 0.9,
                    _ if matches!(kind, SecureChildrensHome | YoungOffenderInstitution) => 0.0,
                    _ => 0.45,
                };
                if self.rng.chance(local) {
                    (names::postcode_in_area(&mut self.rng), true)
                } else {
                    let far = self.g.practice.far_placement;
                    (names::postcode_out_of_area(&mut self.rng, far), false)
                }
            }
        };
        let postcode = Postcode::parse(
            &postcode_text,
            "care episode",
            &self.cid,
            "placement_postcode",
        )?;
        let in_area = in_area && names::is_in_area(postcode.as_str());
        let urn = if !kind.needs_ofsted_urn() {
            None
        } else if same {
            prev.and_then(|p| p.urn.clone())
        } else {
            let text = self.urn(kind, provider);
            Some(OfstedUrn::parse(
                &text,
                "care episode",
                &self.cid,
                "ofsted_urn",
            )?)
        };
        Ok(Placement {
            kind,
            provider,
            postcode,
            urn,
            in_area,
        })
    }

    pub(crate) fn provider(&mut self, kind: PlacementType) -> Option<PlacementProvider> {
        use PlacementProvider::*;
        use PlacementType::*;
        if kind.is_temporary() {
            return None;
        }
        Some(match kind {
            PlacedWithParents => Parents,
            FosterRelativeFriendLongTerm
            | FosterRelativeFriendFosteringForAdoption
            | FosterRelativeFriendNotLongTermOrFfa => OwnLa,
            FosterOtherLongTerm | FosterOtherFosteringForAdoption | FosterOtherNotLongTermOrFfa => {
                self.rng.weighted(&[(OwnLa, 60), (Private, 40)])
            }
            ChildrensHome => self
                .rng
                .weighted(&[(Private, 80), (OwnLa, 15), (Voluntary, 5)]),
            SecureChildrensHome => self.rng.weighted(&[(OtherLa, 60), (OwnLa, 40)]),
            SupportedAccommodation | SemiIndependentLiving => {
                self.rng.weighted(&[(Private, 70), (Voluntary, 30)])
            }
            ResidentialSchool => {
                self.rng
                    .weighted(&[(OtherPublic, 30), (Private, 50), (Voluntary, 20)])
            }
            FamilyCentreOrMotherAndBabyUnit => self.rng.weighted(&[(Private, 60), (Voluntary, 40)]),
            YoungOffenderInstitution | NhsOrHealthTrust => OtherPublic,
            k if k.is_adoption() => {
                self.rng
                    .weighted(&[(OwnLa, 60), (OtherLa, 30), (Voluntary, 10)])
            }
            _ => Private,
        })
    }

    /// A synthetic Ofsted URN: "SC9..." numbers for the fostering or adoption agency,
    /// or the home, so that URNs repeat across children placed with the same provider.
    pub(crate) fn urn(
        &mut self,
        kind: PlacementType,
        provider: Option<PlacementProvider>,
    ) -> String {
        use PlacementProvider::*;
        if kind.is_foster_care() {
            return match provider {
                Some(OwnLa) => "SC900100".to_owned(),
                _ => format!("SC9002{:02}", self.rng.range(0, 19)),
            };
        }
        if kind.is_adoption() {
            return match provider {
                Some(OwnLa) => "SC900101".to_owned(),
                Some(OtherLa) => format!("SC9004{:02}", self.rng.range(0, 9)),
                _ => format!("SC9005{:02}", self.rng.range(0, 9)),
            };
        }
        format!("SC91{:04}", self.rng.range(0, 399))
    }

    pub(crate) fn place_change_reason(&mut self, m: Move, care: &CareSpec) -> ReasonPlaceChange {
        use ReasonPlaceChange::*;
        match m {
            Move::SameCarer => StatusChangeOnly,
            Move::Adoption { .. } => CarePlan,
            Move::Carer if care.entry_status == EntryStatus::Remand => Custody,
            Move::Carer => self.rng.weighted(&[
                (CarePlan, 30),
                (CarerRequestBehaviour, 18),
                (CarerRequestOther, 10),
                (ChildRequest, 8),
                (LaRequest, 10),
                (StandardsOfCare, 3),
                (Allegation, 2),
                (ProviderClosure, 4),
                (ApprovalRemoved, 1),
                (Other, 9),
            ]),
        }
    }

    pub(crate) fn exit_code(
        &mut self,
        exit: Exit,
        last_place: PlacementType,
    ) -> ReasonEpisodeCeased {
        use ReasonEpisodeCeased::*;
        match exit {
            Exit::ReturnHome => {
                if self.rng.chance(0.85) {
                    ReturnedHomePlanned
                } else {
                    ReturnedHomeUnplanned
                }
            }
            Exit::Sgo => self.rng.weighted(&[
                (SgoFormerFosterCarerRelativeFriend, 40),
                (SgoOtherCarerRelativeFriend, 45),
                (SgoFormerFosterCarerOther, 8),
                (SgoOtherCarerOther, 7),
            ]),
            Exit::Cao => ChildArrangementsOrder,
            Exit::Adoption => {
                if self.rng.chance(0.7) {
                    AdoptedUnopposed
                } else {
                    AdoptedConsentDispensed
                }
            }
            Exit::TransferLa => CareTakenOverByAnotherLa,
            Exit::Other => {
                if self.rec.child.uasc {
                    AgeAssessedAdult
                } else {
                    self.rng.weighted(&[
                        (OtherReason, 50),
                        (LivingWithPersonWithoutParentalResponsibility, 30),
                        (MovedAbroad, 20),
                    ])
                }
            }
            Exit::Remand => {
                if self.rng.chance(0.7) {
                    RemandEnded
                } else {
                    SentencedToCustody
                }
            }
            Exit::ToEighteen if last_place.is_foster_care() => self.rng.weighted(&[
                (StayedWithCarersAt18, 55),
                (IndependentLivingWithSupport, 35),
                (IndependentLivingWithoutSupport, 5),
                (OtherReason, 5),
            ]),
            Exit::ToEighteen => self.rng.weighted(&[
                (IndependentLivingWithSupport, 75),
                (IndependentLivingWithoutSupport, 15),
                (OtherReason, 10),
            ]),
            Exit::Relevant => self.rng.weighted(&[
                (IndependentLivingWithSupport, 50),
                (IndependentLivingWithoutSupport, 20),
                (LivingWithPersonWithoutParentalResponsibility, 30),
            ]),
        }
    }
}
