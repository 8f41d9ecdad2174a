//! Building one child's record: the child, their family, each planned episode, the
//! front door's other contacts, and who was allocated when.

use caseline_domain::codes::{
    AllocationRole, Disability, Ethnicity, PersonKind, Relationship, Sex, UpnUnknownReason,
};
use caseline_domain::person::{FamilyLink, ImmigrationStatus, Person};
use caseline_domain::values::{Postcode, Upn};
use caseline_domain::{ChildRecord, PersonId, RecordId, ValidationError};

use crate::Generator;
use crate::allocation::Seg;
use crate::days::{Day, YEAR, add_years, age_years, date, ymd};
use crate::names::{self, NameGroup};
use crate::plan::{Class, OpenKind, Plan, Planner};
use crate::rng::Rng;
use crate::workforce::{TEAM_KINDS, TeamKind};

pub(crate) type R<T> = Result<T, ValidationError>;

/// Kinds of record, each with its own id prefix and counter.
#[derive(Debug, Clone, Copy)]
pub(crate) enum K {
    Referral,
    Contact,
    Assessment,
    Strategy,
    Section47,
    Conference,
    CpPlan,
    CoreGroup,
    CinPlan,
    Action,
    Visit,
    Period,
    Episode,
    Review,
    CarePlan,
    Health,
    Sdq,
    Pep,
    Missing,
    Permanence,
    CareLeaver,
    LeaverContact,
    PathwayReview,
    PrivateFostering,
    Lado,
    PreProceedings,
    Education,
    EarlyHelp,
    Allocation,
    FamilyLink,
    Immigration,
    AdoptionDetails,
    PreviousPermanence,
    Immunisation,
    SubstanceMisuse,
    Conviction,
    PlacementDetails,
    CinPlanReview,
    CaseSupervision,
}

const KINDS: usize = 39;

const PREFIX: [&str; KINDS] = [
    "REF", "CON", "ASS", "SD", "S47-", "CPC", "CPP", "CG", "CIN", "ACT", "VIS", "POC", "EP", "LAR",
    "CPL", "HC", "SDQ", "PEP", "MIS", "PERM", "CL", "CLC", "PPR", "PF", "LADO", "PLO", "EDU", "EH",
    "AL", "FL", "IMM", "AD", "PP", "IMS", "SUB", "CONV", "PLD", "CINR", "SUP",
];

/// An episode's span, for deciding whether a later contact went to an open case.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub from: Day,
    pub to: Option<Day>,
}

pub(crate) struct Builder<'g> {
    pub g: &'g Generator,
    pub rng: Rng,
    pub rec: ChildRecord,
    pub cid: String,
    counters: [u32; KINDS],
    pub class: Class,
    pub dob: Option<Day>,
    pub edob: Option<Day>,
    pub today: Day,
    pub teams: [usize; TEAM_KINDS],
    pub segments: Vec<Seg>,
    pub spans: Vec<Span>,
    pub home_postcode: Option<Postcode>,
    pub disabled: bool,
    /// The section 47 enquiry awaiting its initial conference.
    pub pending_s47: Option<RecordId>,
}

impl<'g> Builder<'g> {
    /// Builds child number `index` (0-based).
    pub(crate) fn build(g: &'g Generator, index: usize) -> R<ChildRecord> {
        let mut rng = Rng::new(g.config.seed, index as u64 + 1);
        let disabled = rng.chance(0.10);
        let (class, plan) = {
            let mut planner = Planner {
                g,
                rng: &mut rng,
                disabled,
            };
            let class = planner.class();
            let plan = (class != Class::ContactOnly).then(|| planner.plan(class));
            (class, plan)
        };
        let cid = format!("C{:07}", index + 1);
        let pid = PersonId::parse(&cid)?;
        let placeholder = Person {
            id: pid,
            kind: PersonKind::Child,
            forename: String::new(),
            surname: String::new(),
            sex: Sex::Unknown,
            ethnicity: Ethnicity::NotYetObtained,
            date_of_birth: None,
            expected_date_of_birth: None,
            date_of_death: None,
            upn: None,
            upn_unknown_reason: None,
            nhs_number: None,
            disabilities: Vec::new(),
            uasc: false,
            postcode: None,
        };
        let mut teams = [0; TEAM_KINDS];
        for (kind, slot) in teams.iter_mut().enumerate() {
            *slot = rng.below(4 + kind);
        }
        let mut b = Builder {
            g,
            rng,
            rec: ChildRecord::new(placeholder),
            cid,
            counters: [0; KINDS],
            class,
            dob: None,
            edob: None,
            today: g.today,
            teams,
            segments: Vec::new(),
            spans: Vec::new(),
            home_postcode: None,
            disabled,
            pending_s47: None,
        };
        match plan {
            Some(plan) => b.referred(plan)?,
            None => b.contact_only()?,
        }
        b.extras()?;
        b.allocate_all()?;
        b.held_on_duty()?;
        b.paperwork(index)?;
        b.fill_workers()?;
        b.rec.allocations.sort_by_key(|a| (a.start_date, a.role));
        Ok(b.rec)
    }

    /// The next id of kind `k` for this child.
    pub(crate) fn id(&mut self, k: K) -> R<RecordId> {
        let n = &mut self.counters[k as usize];
        *n += 1;
        RecordId::try_from(format!("{}-{}{}", self.cid, PREFIX[k as usize], n))
    }

    pub(crate) fn pid(&self) -> PersonId {
        self.rec.child.id.clone()
    }

    /// The earliest day anything can be recorded about the child.
    pub(crate) fn born_floor(&self) -> Day {
        match (self.dob, self.edob) {
            (Some(d), Some(e)) => d.min(e - 280),
            (None, Some(e)) => e - 280,
            (Some(d), None) => d,
            (None, None) => self.today,
        }
    }

    /// The last day the child is a child (the day before their 18th birthday).
    pub(crate) fn last_child_day(&self) -> Day {
        self.dob.map_or(self.today, |d| add_years(d, 18) - 1)
    }

    /// Age in whole years on `on`, if born by then.
    pub(crate) fn age_on(&self, on: Day) -> Option<i32> {
        let dob = self.dob?;
        (on >= dob).then(|| age_years(dob, on))
    }

    /// Age in days on `on` (negative before birth; unborn children are 0).
    pub(crate) fn age_days(&self, on: Day) -> i32 {
        self.dob.map_or(0, |d| on - d)
    }

    /// Working day `n` after `d` in England and Wales.
    pub(crate) fn wd(&self, d: Day, n: u32) -> Day {
        crate::days::day(self.g.calendar.add_working_days(date(d), n))
    }

    /// `d` if it is a working day, otherwise the next working day.
    pub(crate) fn workday(&self, d: Day) -> Day {
        crate::days::day(self.g.calendar.next_working_day_on_or_after(date(d)))
    }

    /// Mostly `workday(d)`; now and then (out of hours, weekend work) `d` itself.
    pub(crate) fn mostly_workday(&mut self, d: Day) -> Day {
        if self.rng.chance(0.9) {
            self.workday(d)
        } else {
            d
        }
    }

    /// Working day `lo..=hi` (drawn at random) after `d`.
    pub(crate) fn wd_between(&mut self, d: Day, lo: i32, hi: i32) -> Day {
        let n = self.rng.range(lo, hi).max(0) as u32;
        self.wd(d, n)
    }

    pub(crate) fn postcode(&self, text: &str, id: &str) -> R<Postcode> {
        Postcode::parse(text, "person", id, "postcode")
    }

    fn referred(&mut self, plan: Plan) -> R<()> {
        self.dob = plan.dob;
        self.edob = plan.edob;
        self.person(plan.uasc)?;
        if !plan.uasc {
            self.relatives()?;
        }
        let n = plan.specs.len();
        let open_final = matches!(self.class, Class::Open(k) if k != OpenKind::CareLeaver);
        let assessing = self.class == Class::Open(OpenKind::Assessing);
        for (i, (spec, f)) in plan.specs.iter().zip(plan.refs.iter()).enumerate() {
            let last = i + 1 == n;
            // Most referrals arrive on a working day; out-of-hours ones keep their day.
            let shifted = self.workday(*f);
            let f = if shifted <= self.today && self.rng.chance(0.85) {
                shifted
            } else {
                *f
            };
            self.episode(spec, f, last && open_final, last && assessing)?;
        }
        if plan.uasc {
            self.immigration(plan.refs[0])?;
        }
        let lambda = self.g.mix.extra_contacts_per_referral * n as f64;
        let extra = self.rng.poisson(lambda);
        let mut lo = self
            .born_floor()
            .max(self.g.history_start)
            .max(self.dob.unwrap_or(Day::MIN));
        if plan.uasc {
            // Nothing is known of an unaccompanied child before they arrive.
            lo = lo.max(plan.refs[0]);
        }
        let mut hi = self.today.min(self.last_child_day());
        if let Some(adopted) = self.adopted_on() {
            // An adopted child's record closes with the adoption order.
            hi = hi.min(adopted);
        }
        self.other_contacts(extra, lo, hi)
    }

    /// The day an adoption order ended a period of care, if one did.
    fn adopted_on(&self) -> Option<Day> {
        self.rec
            .care_episodes
            .iter()
            .find(|e| e.reason_ceased.is_some_and(|r| r.is_adoption()))
            .and_then(|e| e.end_date)
            .map(crate::days::day)
    }

    /// Unaccompanied asylum-seeking status from arrival to 18, and refugee status for
    /// those granted it.
    fn immigration(&mut self, arrived: Day) -> R<()> {
        use caseline_domain::codes::ImmigrationStatusKind;
        let eighteen = self.dob.map_or(self.today, |d| add_years(d, 18));
        let id = self.id(K::Immigration)?;
        self.rec.immigration_statuses.push(ImmigrationStatus {
            id,
            child_id: self.pid(),
            status: ImmigrationStatusKind::UnaccompaniedAsylumSeeking,
            start_date: date(arrived),
            end_date: (eighteen - 1 <= self.today).then(|| date(eighteen - 1)),
        });
        if self.rng.chance(0.5) {
            let granted = arrived + self.rng.range(180, 900);
            if granted <= self.today {
                let id = self.id(K::Immigration)?;
                self.rec.immigration_statuses.push(ImmigrationStatus {
                    id,
                    child_id: self.pid(),
                    status: ImmigrationStatusKind::RefugeeStatus,
                    start_date: date(granted),
                    end_date: None,
                });
            }
        }
        Ok(())
    }

    fn contact_only(&mut self) -> R<()> {
        let n = 1 + self.rng.poisson(self.g.mix.contacts_per_contact_only - 1.0);
        let start = self.g.history_start;
        let mut days: Vec<Day> = (0..n).map(|_| self.rng.range(start, self.today)).collect();
        days.sort_unstable();
        let (first, last) = (days[0], days[days.len() - 1]);
        let dob = {
            let mut planner = Planner {
                g: self.g,
                rng: &mut self.rng,
                disabled: self.disabled,
            };
            planner.contact_only_dob(first, last)
        };
        self.dob = Some(dob);
        self.person(false)?;
        self.relatives()?;
        for d in days {
            self.other_contact_on(d)?;
        }
        Ok(())
    }

    fn person(&mut self, uasc: bool) -> R<()> {
        let rng = &mut self.rng;
        let sex = if uasc {
            if rng.chance(0.92) {
                Sex::Male
            } else {
                Sex::Female
            }
        } else {
            rng.weighted(&[(Sex::Female, 497), (Sex::Male, 501), (Sex::Unknown, 2)])
        };
        let ethnicity = if uasc {
            rng.weighted(&[
                (Ethnicity::BlackAfrican, 45),
                (Ethnicity::AsianOther, 30),
                (Ethnicity::OtherEthnicGroup, 20),
                (Ethnicity::BlackOther, 5),
            ])
        } else {
            ethnicity(rng)
        };
        let group = NameGroup::for_ethnicity(ethnicity, rng);
        let forename = names::forename(rng, sex, group).to_owned();
        let surname = names::surname(rng, group).to_owned();
        let disabilities = if self.disabled {
            let first = disability(rng);
            let mut d = vec![first];
            if rng.chance(0.3) {
                let second = disability(rng);
                if second != first {
                    d.push(second);
                }
            }
            d
        } else {
            Vec::new()
        };
        let postcode_text = names::postcode_in_area(rng);
        let postcode = Postcode::parse(&postcode_text, "person", &self.cid, "postcode")?;
        let (upn, upn_unknown_reason) = self.upn(uasc)?;
        let nhs_number = if self.dob.is_some_and(|d| d <= self.today) {
            names::nhs_number(&mut self.rng)
        } else {
            None
        };
        let child = &mut self.rec.child;
        child.forename = forename;
        child.surname = surname;
        child.sex = sex;
        child.ethnicity = ethnicity;
        child.date_of_birth = self.dob.filter(|d| *d <= self.today).map(date);
        child.expected_date_of_birth = self.edob.map(date);
        child.upn = upn;
        child.upn_unknown_reason = upn_unknown_reason;
        child.nhs_number = nhs_number;
        child.disabilities = disabilities;
        child.uasc = uasc;
        child.postcode = Some(postcode.clone());
        self.home_postcode = Some(postcode);
        Ok(())
    }

    /// UPNs are allocated on starting school; under-5s and new arrivals have a reason.
    fn upn(&mut self, uasc: bool) -> R<(Option<Upn>, Option<UpnUnknownReason>)> {
        let Some(dob) = self.dob.filter(|d| *d <= self.today) else {
            return Ok((None, Some(UpnUnknownReason::NotOfSchoolAge)));
        };
        if self.today - dob < (5.0 * YEAR) as i32 {
            return Ok((None, Some(UpnUnknownReason::NotOfSchoolAge)));
        }
        if uasc && self.rng.chance(0.35) {
            return Ok((None, Some(UpnUnknownReason::RecentlyArrivedFromAbroad)));
        }
        let year = if uasc {
            ymd(self.today).0 - 1
        } else {
            ymd(dob).0 + 5
        };
        let text = names::upn(&mut self.rng, year);
        Ok((Some(Upn::parse(&text, "person", &self.cid, "upn")?), None))
    }

    fn relatives(&mut self) -> R<()> {
        let birth = self.dob.or(self.edob).unwrap_or(self.today);
        let child_surname = self.rec.child.surname.clone();
        let ethnicity = self.rec.child.ethnicity;
        let home = self.home_postcode.clone();
        let mother_age = self.rng.range(17, 42);
        let mut relatives = vec![(Relationship::Mother, Sex::Female, mother_age, true)];
        if self.rng.chance(0.55) {
            let pr = self.rng.chance(0.85);
            relatives.push((
                Relationship::Father,
                Sex::Male,
                mother_age + self.rng.range(-2, 8),
                pr,
            ));
        } else if self.rng.chance(0.25) {
            relatives.push((
                Relationship::Grandparent,
                Sex::Female,
                mother_age + self.rng.range(18, 28),
                false,
            ));
        }
        for (n, (relationship, sex, age_at_birth, pr)) in relatives.into_iter().enumerate() {
            let id = PersonId::try_from(format!("{}-P{}", self.cid, n + 1))?;
            let group = NameGroup::for_ethnicity(ethnicity, &mut self.rng);
            let surname = if relationship == Relationship::Mother || self.rng.chance(0.6) {
                child_surname.clone()
            } else {
                names::surname(&mut self.rng, group).to_owned()
            };
            let postcode = if relationship == Relationship::Mother || self.rng.chance(0.5) {
                home.clone()
            } else {
                let text = names::postcode_in_area(&mut self.rng);
                Some(self.postcode(&text, id.as_str())?)
            };
            let dob = add_years(birth, -age_at_birth) - self.rng.range(0, 364);
            self.rec.relatives.push(Person {
                id: id.clone(),
                kind: PersonKind::Adult,
                forename: names::forename(&mut self.rng, sex, group).to_owned(),
                surname,
                sex,
                ethnicity,
                date_of_birth: Some(date(dob)),
                expected_date_of_birth: None,
                date_of_death: None,
                upn: None,
                upn_unknown_reason: None,
                nhs_number: names::nhs_number(&mut self.rng),
                disabilities: Vec::new(),
                uasc: false,
                postcode,
            });
            let link = self.id(K::FamilyLink)?;
            self.rec.family_links.push(FamilyLink {
                id: link,
                child_id: self.pid(),
                relative_id: id,
                relationship,
                parental_responsibility: pr,
            });
        }
        Ok(())
    }

    /// Records a social work (or other) allocation stage for the child.
    pub(crate) fn segment(
        &mut self,
        start: Day,
        end: Option<Day>,
        kind: TeamKind,
        role: AllocationRole,
        end_reason: Option<caseline_domain::codes::WorkerChangeReason>,
    ) {
        self.segments.push(Seg {
            start,
            end,
            kind,
            role,
            end_reason,
        });
    }
}

/// England's children in need by ethnicity, roughly (CIN census shape).
fn ethnicity(rng: &mut Rng) -> Ethnicity {
    use Ethnicity::*;
    rng.weighted(&[
        (WhiteBritish, 620),
        (WhiteIrish, 3),
        (TravellerOfIrishHeritage, 3),
        (WhiteOther, 70),
        (GypsyRoma, 7),
        (MixedWhiteBlackCaribbean, 30),
        (MixedWhiteBlackAfrican, 12),
        (MixedWhiteAsian, 15),
        (MixedOther, 30),
        (AsianIndian, 12),
        (AsianPakistani, 30),
        (AsianBangladeshi, 12),
        (AsianOther, 20),
        (BlackCaribbean, 10),
        (BlackAfrican, 40),
        (BlackOther, 15),
        (Chinese, 3),
        (OtherEthnicGroup, 35),
        (Refused, 3),
        (NotYetObtained, 30),
    ])
}

fn disability(rng: &mut Rng) -> Disability {
    use Disability::*;
    rng.weighted(&[
        (Autism, 35),
        (Learning, 25),
        (Communication, 15),
        (Behaviour, 10),
        (Mobility, 6),
        (HandFunction, 1),
        (PersonalCare, 2),
        (Hearing, 3),
        (Vision, 2),
        (Other, 1),
    ])
}
