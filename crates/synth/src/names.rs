//! Synthetic names, postcodes and identifiers. Every name list is a mix of common
//! forenames and surnames in England; no record is about a real person. Postcodes use
//! outward codes that are not in use (the "CL" area for the authority itself and "Q"
//! districts, which no UK postcode starts with, for placements out of the area).
//! NHS numbers are drawn from the 999 range the NHS reserves for testing.

use caseline_domain::codes::{Ethnicity, Sex};

use crate::geography;
use crate::rng::Rng;

/// Broad naming tradition, chosen from the person's ethnicity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameGroup {
    British,
    SouthAsian,
    African,
    Other,
}

impl NameGroup {
    pub(crate) fn for_ethnicity(e: Ethnicity, rng: &mut Rng) -> Self {
        use Ethnicity::*;
        match e {
            AsianIndian | AsianPakistani | AsianBangladeshi | AsianOther => Self::SouthAsian,
            BlackAfrican | BlackOther => Self::African,
            BlackCaribbean | MixedWhiteBlackCaribbean | MixedWhiteBlackAfrican => {
                if rng.chance(0.3) {
                    Self::African
                } else {
                    Self::British
                }
            }
            WhiteOther | Chinese | OtherEthnicGroup => Self::Other,
            MixedWhiteAsian => {
                if rng.chance(0.4) {
                    Self::SouthAsian
                } else {
                    Self::British
                }
            }
            _ => Self::British,
        }
    }
}

const BRITISH_F: &[&str] = &[
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Freya",
    "Evie",
    "Poppy",
    "Ella",
    "Willow",
    "Sophie",
    "Daisy",
    "Chloe",
    "Ruby",
    "Emily",
    "Jessica",
    "Megan",
    "Holly",
    "Lucy",
    "Leah",
    "Erin",
    "Millie",
    "Hannah",
    "Amber",
    "Paige",
    "Courtney",
    "Jade",
    "Kayleigh",
    "Charlotte",
    "Emma",
    "Sarah",
    "Laura",
    "Rebecca",
    "Gemma",
    "Nicola",
    "Kelly",
    "Stacey",
    "Danielle",
    "Hayley",
    "Natalie",
    "Zoe",
    "Katie",
    "Lauren",
    "Abigail",
    "Maisie",
    "Harper",
    "Lacey",
    "Summer",
    "Scarlett",
    "Phoebe",
    "Bethany",
    "Alice",
    "Eleanor",
    "Tilly",
];
const BRITISH_M: &[&str] = &[
    "Oliver",
    "George",
    "Noah",
    "Arthur",
    "Harry",
    "Leo",
    "Jack",
    "Charlie",
    "Oscar",
    "Jacob",
    "Henry",
    "Thomas",
    "Freddie",
    "Alfie",
    "Theo",
    "William",
    "Archie",
    "Joshua",
    "Alexander",
    "James",
    "Isaac",
    "Edward",
    "Lucas",
    "Tommy",
    "Finley",
    "Max",
    "Logan",
    "Ethan",
    "Mason",
    "Harrison",
    "Dylan",
    "Riley",
    "Jayden",
    "Kai",
    "Callum",
    "Liam",
    "Connor",
    "Tyler",
    "Kieran",
    "Ryan",
    "Jordan",
    "Bradley",
    "Lewis",
    "Daniel",
    "Luke",
    "Samuel",
    "Ben",
    "Jamie",
    "Reece",
    "Aaron",
    "Corey",
    "Nathan",
    "Adam",
    "Craig",
    "Darren",
    "Lee",
    "Mark",
    "Paul",
    "Steven",
    "Wayne",
    "Dean",
    "Gary",
];
const BRITISH_S: &[&str] = &[
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Harris",
    "Lewis",
    "Martin",
    "Cooper",
    "King",
    "Baker",
    "Hill",
    "Morris",
    "Ward",
    "Moore",
    "Clark",
    "Turner",
    "Harrison",
    "Edwards",
    "Hughes",
    "Scott",
    "Lee",
    "Allen",
    "Young",
    "Mitchell",
    "Carter",
    "Phillips",
    "Parker",
    "Bennett",
    "Bailey",
    "Cook",
    "Kelly",
    "Price",
    "Shaw",
    "Richardson",
    "Marshall",
    "Hunt",
    "Murphy",
    "Foster",
    "Webb",
    "Gray",
    "Stevens",
    "Mason",
    "Simpson",
    "Holmes",
    "Chapman",
    "Palmer",
    "Lloyd",
    "Griffiths",
    "Matthews",
    "Fletcher",
    "Barnes",
    "Knight",
    "Dixon",
    "Mills",
    "Saunders",
    "Pearson",
    "Rose",
    "Atkinson",
];
const ASIAN_F: &[&str] = &[
    "Aisha", "Fatima", "Zara", "Maryam", "Amira", "Hafsa", "Inaya", "Anaya", "Priya", "Simran",
    "Nadia", "Ayesha", "Sana", "Hana", "Alisha", "Riya", "Zainab", "Khadija", "Mariam", "Noor",
];
const ASIAN_M: &[&str] = &[
    "Muhammad", "Mohammed", "Ibrahim", "Yusuf", "Ali", "Zayn", "Hamza", "Ayaan", "Omar", "Arjun",
    "Rayan", "Bilal", "Imran", "Hassan", "Adam", "Aryan", "Harjit", "Rohan", "Kabir", "Usman",
];
const ASIAN_S: &[&str] = &[
    "Khan",
    "Ahmed",
    "Hussain",
    "Ali",
    "Patel",
    "Begum",
    "Shah",
    "Iqbal",
    "Akhtar",
    "Mahmood",
    "Rahman",
    "Islam",
    "Kaur",
    "Singh",
    "Sharma",
    "Chowdhury",
    "Uddin",
    "Malik",
    "Bibi",
    "Mistry",
];
const AFRICAN_F: &[&str] = &[
    "Amara", "Chioma", "Adaeze", "Ife", "Nia", "Zuri", "Abena", "Precious", "Blessing", "Faith",
    "Esther", "Shanice", "Tiana", "Kemi", "Amina", "Hodan", "Ayan", "Sagal", "Mercy", "Favour",
];
const AFRICAN_M: &[&str] = &[
    "Daniel", "David", "Samuel", "Emmanuel", "Kwame", "Kofi", "Tobi", "Chidi", "Tunde", "Jermaine",
    "Tyrone", "Andre", "Marcus", "Jamal", "Abdi", "Mohamed", "Yonas", "Dawit", "Tesfaye", "Jerome",
];
const AFRICAN_S: &[&str] = &[
    "Okafor", "Mensah", "Adeyemi", "Okoro", "Boateng", "Asante", "Osei", "Campbell", "Francis",
    "Grant", "Williams", "Thomas", "Johnson", "Mohamed", "Abdi", "Ali", "Tesfay", "Haile", "Gebre",
    "Bekele",
];
const OTHER_F: &[&str] = &[
    "Zofia",
    "Maja",
    "Julia",
    "Alicja",
    "Oliwia",
    "Ioana",
    "Elena",
    "Daria",
    "Mei",
    "Ling",
    "Yasmin",
    "Layla",
    "Sara",
    "Mariam",
    "Eva",
    "Anastasia",
    "Viktoria",
    "Lena",
    "Ana",
    "Bianca",
];
const OTHER_M: &[&str] = &[
    "Jakub",
    "Szymon",
    "Filip",
    "Mateusz",
    "Andrei",
    "Luca",
    "Ionut",
    "Marius",
    "Wei",
    "Jun",
    "Yousef",
    "Karim",
    "Ahmad",
    "Reza",
    "Mustafa",
    "Aleksander",
    "Tomasz",
    "Pavel",
    "Nikolai",
    "Adrian",
];
const OTHER_S: &[&str] = &[
    "Nowak",
    "Kowalski",
    "Wisniewski",
    "Popescu",
    "Ionescu",
    "Horvath",
    "Novak",
    "Petrov",
    "Ivanova",
    "Wang",
    "Li",
    "Zhang",
    "Chen",
    "Nguyen",
    "Tran",
    "Hosseini",
    "Karimi",
    "Rahimi",
    "Haddad",
    "Yilmaz",
];

/// A forename for someone of `sex` in `group` (unknown sex draws from both lists).
pub(crate) fn forename(rng: &mut Rng, sex: Sex, group: NameGroup) -> &'static str {
    let (f, m) = match group {
        NameGroup::British => (BRITISH_F, BRITISH_M),
        NameGroup::SouthAsian => (ASIAN_F, ASIAN_M),
        NameGroup::African => (AFRICAN_F, AFRICAN_M),
        NameGroup::Other => (OTHER_F, OTHER_M),
    };
    let list = match sex {
        Sex::Female => f,
        Sex::Male => m,
        Sex::Unknown => {
            if rng.chance(0.5) {
                f
            } else {
                m
            }
        }
    };
    rng.pick(list)
}

/// A surname in `group`.
pub(crate) fn surname(rng: &mut Rng, group: NameGroup) -> &'static str {
    match group {
        NameGroup::British => rng.pick(BRITISH_S),
        NameGroup::SouthAsian => rng.pick(ASIAN_S),
        NameGroup::African => rng.pick(AFRICAN_S),
        NameGroup::Other => rng.pick(OTHER_S),
    }
}

/// Any surname, for carers and staff.
pub(crate) fn any_surname(rng: &mut Rng) -> &'static str {
    let group = rng.weighted(&[
        (NameGroup::British, 75),
        (NameGroup::SouthAsian, 10),
        (NameGroup::African, 8),
        (NameGroup::Other, 7),
    ]);
    surname(rng, group)
}

/// Any forename, for staff.
pub(crate) fn any_forename(rng: &mut Rng, sex: Sex) -> &'static str {
    let group = rng.weighted(&[
        (NameGroup::British, 75),
        (NameGroup::SouthAsian, 10),
        (NameGroup::African, 8),
        (NameGroup::Other, 7),
    ]);
    forename(rng, sex, group)
}

/// Letters used in the inward part of real postcodes (never C, I, K, M, O or V).
const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

fn inward(rng: &mut Rng) -> String {
    let digit = rng.range(0, 9);
    let a = char::from(rng.pick(INWARD_LETTERS));
    let b = char::from(rng.pick(INWARD_LETTERS));
    format!("{digit}{a}{b}")
}

/// A postcode in the authority's own (fictional) "CL" area.
pub(crate) fn postcode_in_area(rng: &mut Rng) -> String {
    let district = rng.range(1, 12);
    format!("CL{district} {}", inward(rng))
}

/// A postcode outside the authority ("Q" starts no UK postcode): in a distant
/// district with chance `far`, else in a neighbouring one (see `geography`). One draw
/// chooses both, as one choice among all the districts did before distances were
/// measured, so every other draw of a child's stream is unchanged.
pub(crate) fn postcode_out_of_area(rng: &mut Rng, far: f64) -> String {
    let u = rng.f64();
    let (list, x) = if u < far {
        (geography::FAR, u / far)
    } else {
        (geography::NEAR, (u - far) / (1.0 - far))
    };
    let i = ((x * list.len() as f64) as usize).min(list.len() - 1);
    format!("{} {}", list[i].0, inward(rng))
}

/// Whether a postcode made here is in the authority's area.
pub(crate) fn is_in_area(postcode: &str) -> bool {
    postcode.starts_with("CL")
}

/// A unique pupil number: check letter, LA code 999 (not a real authority), a school
/// number, the two-digit year of allocation and a serial; the check letter follows the
/// DfE algorithm (weights 2..13 over characters 2-13, modulo 23).
pub(crate) fn upn(rng: &mut Rng, allocated_year: i32) -> String {
    let school = rng.range(2000, 2999);
    let serial = rng.range(0, 999);
    let body = format!(
        "999{school:04}{:02}{serial:03}",
        allocated_year.rem_euclid(100)
    );
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * (i as u32 + 2))
        .sum();
    const CHECK: &[u8] = b"ABCDEFGHJKLMNPQRTUVWXYZ";
    let letter = char::from(CHECK[(sum % 23) as usize]);
    format!("{letter}{body}")
}

/// An NHS number in the 999 test range with a valid modulus-11 check digit.
pub(crate) fn nhs_number(rng: &mut Rng) -> Option<String> {
    for _ in 0..20 {
        let digits: Vec<u32> = [9, 9, 9]
            .into_iter()
            .chain((0..6).map(|_| rng.range(0, 9) as u32))
            .collect();
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(i, d)| d * (10 - i as u32))
            .sum();
        let check = 11 - (sum % 11);
        let check = match check {
            11 => 0,
            10 => continue,
            c => c,
        };
        let mut s: String = digits.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        s.push(char::from(b'0' + check as u8));
        return Some(s);
    }
    None
}

/// What the referrer was worried about, by primary need.
pub(crate) const CONTACT_SUMMARIES: &[&str] = &[
    "Police notification of domestic abuse incident at the family home",
    "School concerned about unexplained bruising",
    "Health visitor concerned about home conditions and weight loss",
    "Parent asking for support with child's behaviour",
    "Child disclosed to teacher that they do not feel safe at home",
    "Neighbour reports children left alone overnight",
    "Hospital concerned about injury inconsistent with explanation",
    "Mother's mental health has deteriorated; concern for care of children",
    "Young person missing overnight; concerns about exploitation",
    "Parental substance misuse reported by GP",
    "Request for assessment of needs arising from child's disability",
    "Family facing eviction and in acute financial stress",
];

/// Early help: why, who leads, and how it ended.
pub(crate) const EARLY_HELP_REASONS: &[&str] = &[
    "Parenting support",
    "School attendance",
    "Child's emotional wellbeing",
    "Domestic abuse support",
    "Housing and financial difficulties",
    "Behaviour at home",
];
pub(crate) const EARLY_HELP_ORGANISATIONS: &[&str] = &[
    "Family Hub",
    "School",
    "Health visiting service",
    "Youth service",
    "Voluntary sector family support",
];
pub(crate) const EARLY_HELP_END_REASONS: &[&str] = &[
    "Outcomes achieved",
    "Family did not engage",
    "Stepped up to children's social care",
    "Moved out of the area",
];

/// Roles and sectors of people an allegation can be about (never their names).
pub(crate) const LADO_ROLES: &[(&str, &str)] = &[
    ("Teacher", "Education"),
    ("Teaching assistant", "Education"),
    ("Nursery practitioner", "Early years"),
    ("Foster carer", "Social care"),
    ("Residential care worker", "Social care"),
    ("Youth worker", "Voluntary"),
    ("Sports coach", "Sport"),
    ("Nurse", "Health"),
    ("Faith leader", "Faith"),
    ("Police officer", "Police"),
];

/// Who does what on a plan, by kind of plan.
pub(crate) const CIN_CP_ACTIONS: &[(&str, &str)] = &[
    ("Mother", "Attend the parenting programme every week"),
    ("Father", "Engage with the drug and alcohol service"),
    (
        "Social worker",
        "Complete direct work on the child's wishes and feelings",
    ),
    ("School", "Share weekly attendance and wellbeing updates"),
    ("Health visitor", "Complete the developmental review"),
    (
        "Police",
        "Share any domestic abuse notifications within 24 hours",
    ),
    (
        "Family support worker",
        "Support morning routines at home twice a week",
    ),
    ("Mother", "Attend the domestic abuse recovery programme"),
    ("GP", "Review mother's medication and mental health"),
    ("Social worker", "Complete a family network meeting"),
    (
        "Parents",
        "Keep the home safe and clean; agree a tidy-up plan",
    ),
    ("School nurse", "Offer sessions on healthy relationships"),
];
pub(crate) const CARE_ACTIONS: &[(&str, &str)] = &[
    ("Foster carer", "Arrange the dental check"),
    ("Virtual school", "Review the PEP targets with school"),
    ("Social worker", "Arrange family time with siblings"),
    (
        "Independent reviewing officer",
        "Meet the child before the next review",
    ),
    ("Social worker", "Complete life story work"),
    ("CAMHS", "Offer an assessment appointment"),
    ("Carer", "Support the child to join a club of their choice"),
    ("Social worker", "Update the placement plan"),
];
pub(crate) const PATHWAY_ACTIONS: &[(&str, &str)] = &[
    ("Personal adviser", "Support the college application"),
    ("Young person", "Attend the housing options appointment"),
    ("Personal adviser", "Set up the setting-up-home allowance"),
    ("Young person", "Register with a GP and dentist"),
    ("Personal adviser", "Help open a bank account"),
    ("Leaving care team", "Confirm the staying put arrangement"),
];

/// Things children said on visits.
pub(crate) const CHILDS_WORDS: &[&str] = &[
    "I like living here.",
    "I want to see my mum more.",
    "School is okay. I have a new friend.",
    "I don't like it when they shout.",
    "Can I stay here?",
    "I miss my brother.",
    "I'm fine.",
    "I want to go home.",
    "I liked the trip to the park.",
    "Nobody listens to me.",
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use caseline_domain::values::{Postcode, Upn};

    #[test]
    fn postcodes_and_upns_parse() {
        let mut rng = Rng::new(3, 3);
        for _ in 0..500 {
            let p = postcode_in_area(&mut rng);
            assert!(Postcode::parse(&p, "t", "x", "postcode").is_ok(), "{p}");
            assert!(is_in_area(&p));
            let q = postcode_out_of_area(&mut rng, 0.5);
            assert!(Postcode::parse(&q, "t", "x", "postcode").is_ok(), "{q}");
            assert!(!is_in_area(&q));
            let u = upn(&mut rng, 2019);
            assert!(Upn::parse(&u, "t", "x", "upn").is_ok(), "{u}");
        }
    }

    #[test]
    fn out_of_area_postcodes_are_distant_with_the_chance_given() {
        let district = |p: &str| p.split(' ').next().unwrap().to_owned();
        let is_far = |p: &str| geography::FAR.iter().any(|(d, _)| *d == district(p));
        let mut rng = Rng::new(4, 4);
        let far = (0..4_000)
            .filter(|_| is_far(&postcode_out_of_area(&mut rng, 0.3)))
            .count();
        // 30% of 4,000 = 1,200; the binomial spread is about 29.
        assert!((1_100..=1_300).contains(&far), "{far}");
        assert!((0..200).all(|_| !is_far(&postcode_out_of_area(&mut rng, 0.0))));
        assert!((0..200).all(|_| is_far(&postcode_out_of_area(&mut rng, 1.0))));
        // Every district of each kind is used.
        let used: std::collections::BTreeSet<String> = (0..2_000)
            .map(|_| district(&postcode_out_of_area(&mut rng, 0.5)))
            .collect();
        assert_eq!(used.len(), geography::NEAR.len() + geography::FAR.len());
    }

    #[test]
    fn nhs_numbers_have_a_valid_check_digit() {
        let mut rng = Rng::new(4, 4);
        for _ in 0..200 {
            let n = nhs_number(&mut rng).unwrap();
            assert_eq!(n.len(), 10);
            assert!(n.starts_with("999"));
            let d: Vec<u32> = n.bytes().map(|b| u32::from(b - b'0')).collect();
            let sum: u32 = (0..9).map(|i| d[i] * (10 - i as u32)).sum();
            assert_eq!((11 - sum % 11) % 11, d[9]);
        }
    }
}
