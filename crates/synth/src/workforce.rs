//! The authority's teams and staff, with workers joining and leaving over the years so
//! that children's allocations change when their worker leaves.
//!
//! Each team has a number of caseholding posts. Each post is held by a succession of
//! workers: permanent staff stay for years, agency staff for months, and posts can stand
//! vacant between them. Lower practice quality means shorter tenures, more agency staff
//! and longer vacancies.

use caseline_domain::codes::{JobRole, ServiceArea, Sex};
use caseline_domain::values::SweRegistration;
use caseline_domain::workforce::{Team, Worker};
use caseline_domain::{TeamId, ValidationError, WorkerId};

use crate::config::{Practice, SynthConfig};
use crate::days::{Day, YEAR, date};
use crate::names;
use crate::rng::Rng;

/// The authority's teams and everyone who has worked in them during the history window.
#[derive(Debug, Clone, PartialEq)]
pub struct Workforce {
    /// Teams, front door first.
    pub teams: Vec<Team>,
    /// Workers, past and present.
    pub workers: Vec<Worker>,
}

/// The kind of team a child's case sits with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TeamKind {
    FrontDoor = 0,
    Assessment = 1,
    CinCp = 2,
    ChildrenInCare = 3,
    LeavingCare = 4,
    Adoption = 5,
    Disabled = 6,
    Reviewing = 7,
    Lado = 8,
}

pub(crate) const TEAM_KINDS: usize = 9;

/// A stretch of time one worker holds one post (end inclusive; `Day::MAX` while in post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tenure {
    pub worker: usize,
    pub start: Day,
    pub end: Day,
}

#[derive(Debug, Clone)]
struct TeamStaff {
    posts: Vec<Vec<Tenure>>,
}

/// Who holds which caseholding post when, for allocating children.
#[derive(Debug, Clone)]
pub(crate) struct Staffing {
    teams: Vec<TeamStaff>,
    by_kind: [Vec<usize>; TEAM_KINDS],
}

impl Staffing {
    /// How many teams there are of `kind`.
    #[cfg(test)]
    pub(crate) fn teams_of_kind(&self, kind: TeamKind) -> usize {
        self.by_kind[kind as usize].len()
    }

    /// The `n`th team of `kind` (wrapping), as an index into [`Workforce::teams`].
    pub(crate) fn team(&self, kind: TeamKind, n: usize) -> usize {
        let list = &self.by_kind[kind as usize];
        if list.is_empty() {
            return 0;
        }
        list[n % list.len()]
    }

    /// A worker in post in `team` on `d`, chosen at random among the filled posts.
    pub(crate) fn pick(&self, team: usize, d: Day, rng: &mut Rng) -> Option<Tenure> {
        let posts = &self.teams.get(team)?.posts;
        if posts.is_empty() {
            return None;
        }
        let first = rng.below(posts.len());
        for i in 0..posts.len().min(8) {
            let post = &posts[(first + i * 7) % posts.len()];
            if let Some(t) = post.iter().find(|t| t.start <= d && d <= t.end) {
                return Some(*t);
            }
        }
        None
    }
}

struct TeamDef {
    kind: TeamKind,
    id: String,
    name: String,
    area: ServiceArea,
    posts: usize,
    role: JobRole,
}

fn team_defs(config: &SynthConfig) -> Vec<TeamDef> {
    let scale = (config.children as f64 / 16_000.0).max(0.05);
    let posts = |base: f64| ((base * scale).round() as usize).max(2);
    let big = scale >= 0.5;
    let mut defs = vec![TeamDef {
        kind: TeamKind::FrontDoor,
        id: "MASH".into(),
        name: "Multi-Agency Safeguarding Hub (front door)".into(),
        area: ServiceArea::FrontDoor,
        posts: posts(12.0),
        role: JobRole::SocialWorker,
    }];
    // Numbered teams: (kind, id prefix, name prefix, area, caseholders across the teams, teams).
    let numbered = [
        (
            TeamKind::Assessment,
            "ASSESS",
            "Assessment Team",
            ServiceArea::Assessment,
            54.0,
            if big { 3 } else { 2 },
        ),
        (
            TeamKind::CinCp,
            "CINCP",
            "Children in Need and Protection Team",
            ServiceArea::ChildInNeedAndProtection,
            80.0,
            if big { 4 } else { 3 },
        ),
        (
            TeamKind::ChildrenInCare,
            "CIC",
            "Children in Care Team",
            ServiceArea::ChildrenInCare,
            24.0,
            2,
        ),
    ];
    for (kind, id, name, area, total, teams) in numbered {
        for i in 1..=teams {
            defs.push(TeamDef {
                kind,
                id: format!("{id}-{i}"),
                name: format!("{name} {i}"),
                area,
                posts: posts(total / f64::from(teams)),
                role: JobRole::SocialWorker,
            });
        }
    }
    let singles = [
        (
            TeamKind::LeavingCare,
            "LEAVING-CARE",
            "Leaving Care Team",
            ServiceArea::CareLeavers,
            16.0,
            JobRole::PersonalAdviser,
        ),
        (
            TeamKind::Adoption,
            "ADOPTION",
            "Adoption and Permanence Team",
            ServiceArea::Adoption,
            6.0,
            JobRole::SocialWorker,
        ),
        (
            TeamKind::Disabled,
            "DISABLED-CHILDREN",
            "Disabled Children's Team",
            ServiceArea::Disabled,
            10.0,
            JobRole::SocialWorker,
        ),
        (
            TeamKind::Reviewing,
            "IRO",
            "Independent Reviewing and Child Protection Chairs",
            ServiceArea::Reviewing,
            9.0,
            JobRole::IndependentReviewingOfficer,
        ),
        (
            TeamKind::Lado,
            "LADO",
            "Designated Officer (LADO)",
            ServiceArea::Lado,
            2.0,
            JobRole::DesignatedOfficer,
        ),
    ];
    for (kind, id, name, area, base, role) in singles {
        defs.push(TeamDef {
            kind,
            id: id.into(),
            name: name.into(),
            area,
            posts: posts(base),
            role,
        });
    }
    defs
}

/// Builds the teams, workers and post histories.
pub(crate) fn build(
    config: &SynthConfig,
    practice: &Practice,
    history_start: Day,
    today: Day,
) -> Result<(Workforce, Staffing), ValidationError> {
    let mut rng = Rng::new(config.seed, 0x5EED_57AF_F000_0001);
    let mut teams = Vec::new();
    let mut workers: Vec<Worker> = Vec::new();
    let mut staff = Vec::new();
    let mut by_kind: [Vec<usize>; TEAM_KINDS] = Default::default();

    // Occupancy share for agency workers that gives the wanted share in post at any time.
    let (tp, ta, s) = (
        practice.permanent_tenure_years,
        practice.agency_tenure_years,
        practice.agency_stock_share,
    );
    let agency_per_appointment = s * tp / (s * tp + (1.0 - s) * ta);

    for def in team_defs(config) {
        let team_index = teams.len();
        let team_id = TeamId::parse(&def.id)?;
        teams.push(Team {
            id: team_id.clone(),
            name: def.name.clone(),
            service_area: def.area,
            parent_id: None,
        });
        by_kind[def.kind as usize].push(team_index);

        let mut sim = PostSim {
            rng: &mut rng,
            workers: &mut workers,
            team_id: &team_id,
            practice,
            history_start,
            today,
        };
        // The team manager and, in CIN/CP teams, a family support worker hold no cases.
        let mut extra = vec![JobRole::TeamManager];
        if def.kind == TeamKind::CinCp {
            extra.push(JobRole::FamilySupportWorker);
        }
        for role in extra {
            sim.simulate(role, 0.0, 2.0)?;
        }
        let mut posts = Vec::with_capacity(def.posts);
        for i in 0..def.posts {
            let role = if def.role == JobRole::SocialWorker && i % 6 == 1 {
                JobRole::SeniorPractitioner
            } else {
                def.role
            };
            let agency = if matches!(role, JobRole::SocialWorker | JobRole::SeniorPractitioner) {
                agency_per_appointment
            } else {
                agency_per_appointment * 0.3
            };
            posts.push(sim.simulate(role, agency, 1.0)?);
        }
        staff.push(TeamStaff { posts });
    }
    Ok((
        Workforce { teams, workers },
        Staffing {
            teams: staff,
            by_kind,
        },
    ))
}

struct PostSim<'a> {
    rng: &'a mut Rng,
    workers: &'a mut Vec<Worker>,
    team_id: &'a TeamId,
    practice: &'a Practice,
    history_start: Day,
    today: Day,
}

impl PostSim<'_> {
    /// Fills one post from before the history window to `today`.
    fn simulate(
        &mut self,
        role: JobRole,
        agency_share: f64,
        tenure_factor: f64,
    ) -> Result<Vec<Tenure>, ValidationError> {
        let mut tenures = Vec::new();
        let p = self.practice;
        // The first holder is already in post when the window opens; tenures are
        // exponential (memoryless), so the time left is drawn like a fresh tenure.
        let mut agency = self
            .rng
            .chance(p.agency_stock_share.min(agency_share * 2.0));
        let mut start = self.history_start - self.rng.range(30, 6 * 365);
        let mut remaining_from = self.history_start;
        loop {
            let mean_years = if agency {
                p.agency_tenure_years
            } else {
                p.permanent_tenure_years * tenure_factor
            };
            let tenure = (self.rng.exp(mean_years * YEAR) as i32).max(45);
            let end = remaining_from.max(start) + tenure;
            let end = if end >= self.today { Day::MAX } else { end };
            let worker = self.add_worker(role, agency, start, end)?;
            tenures.push(Tenure { worker, start, end });
            if end == Day::MAX {
                break;
            }
            let vacancy = if self.rng.chance(0.5) {
                0
            } else {
                self.rng.range(1, p.max_vacancy_days)
            };
            start = end + 1 + vacancy;
            remaining_from = start;
            if start > self.today {
                break;
            }
            agency = self.rng.chance(agency_share);
        }
        Ok(tenures)
    }

    fn add_worker(
        &mut self,
        role: JobRole,
        agency: bool,
        start: Day,
        end: Day,
    ) -> Result<usize, ValidationError> {
        let index = self.workers.len();
        let id = WorkerId::parse(&format!("W{:05}", index + 1))?;
        let rng = &mut *self.rng;
        let sex = if rng.chance(0.82) {
            Sex::Female
        } else {
            Sex::Male
        };
        let registered = match role {
            JobRole::FamilySupportWorker => false,
            JobRole::PersonalAdviser => rng.chance(0.2),
            _ => true,
        };
        let registration = if registered {
            let number = 100_000 + index * 7 + rng.below(7);
            Some(SweRegistration::parse(
                &format!("SW{number}"),
                "worker",
                id.as_str(),
                "registration",
            )?)
        } else {
            None
        };
        let fte_hundredths = if agency || rng.chance(0.85) {
            100
        } else {
            rng.pick(&[60, 70, 80, 90])
        };
        let forename = names::any_forename(rng, sex).to_owned();
        let surname = names::any_surname(rng).to_owned();
        self.workers.push(Worker {
            id,
            forename,
            surname,
            role,
            team_id: self.team_id.clone(),
            registration,
            agency,
            fte_hundredths,
            start_date: date(start),
            end_date: (end != Day::MAX).then(|| date(end)),
        });
        Ok(index)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::days::day;
    use jiff::civil::Date;

    fn build_for(q: f64) -> (Workforce, Staffing, Day) {
        let config = SynthConfig::demo(Date::constant(2025, 3, 31)).with_practice_quality(q);
        let today = day(config.today);
        let (w, s) = build(&config, &Practice::new(q), today - 5 * 365, today).unwrap();
        (w, s, today)
    }

    fn agency_share_in_post(w: &Workforce, today: Day) -> f64 {
        let on = date(today);
        let sw: Vec<&Worker> = w
            .workers
            .iter()
            .filter(|x| matches!(x.role, JobRole::SocialWorker | JobRole::SeniorPractitioner))
            .filter(|x| x.start_date <= on && x.end_date.is_none_or(|e| e >= on))
            .collect();
        sw.iter().filter(|x| x.agency).count() as f64 / sw.len() as f64
    }

    #[test]
    fn teams_and_workers_are_valid_and_realistic() {
        let (w, staffing, today) = build_for(0.6);
        let kinds: Vec<ServiceArea> = w.teams.iter().map(|t| t.service_area).collect();
        for area in ServiceArea::ALL {
            assert!(kinds.contains(area), "{area:?}");
        }
        assert_eq!(staffing.teams_of_kind(TeamKind::Assessment), 3);
        assert_eq!(staffing.teams_of_kind(TeamKind::CinCp), 4);
        for worker in &w.workers {
            worker.validate().unwrap();
            if matches!(worker.role, JobRole::SocialWorker | JobRole::TeamManager) {
                assert!(
                    worker
                        .registration
                        .as_ref()
                        .unwrap()
                        .as_str()
                        .starts_with("SW")
                );
            }
        }
        let mut regs: Vec<&str> = w
            .workers
            .iter()
            .filter_map(|x| x.registration.as_ref().map(SweRegistration::as_str))
            .collect();
        let n = regs.len();
        regs.sort_unstable();
        regs.dedup();
        assert_eq!(regs.len(), n, "registration numbers are unique");
        let share = agency_share_in_post(&w, today);
        assert!((0.12..=0.28).contains(&share), "agency share {share}");
        assert!(w.workers.iter().any(|x| x.end_date.is_some()), "some leave");
        assert!(w.workers.iter().any(|x| x.fte_hundredths < 100));
    }

    #[test]
    fn poor_practice_means_more_turnover_and_agency_staff() {
        let (good, _, today) = build_for(1.0);
        let (poor, _, _) = build_for(0.0);
        assert!(poor.workers.len() > good.workers.len());
        assert!(agency_share_in_post(&poor, today) > agency_share_in_post(&good, today));
    }
}
