//! Prints one synthetic child's record as a chronology, with their allocations.
//!
//! `cargo run -p caseline-synth --example show -- <index> [seed]`

use caseline_domain::chronology::chronology;
use caseline_synth::{Generator, SynthConfig};

fn main() {
    let mut args = std::env::args().skip(1);
    let index: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let seed: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_250_331);
    let config = SynthConfig::demo(jiff::civil::date(2025, 3, 31)).with_seed(seed);
    let generator = Generator::new(config);
    let record = generator.child(index);
    let c = &record.child;
    println!(
        "{} {} {} born {:?} (expected {:?}) {:?} {:?} UPN {:?} disabilities {:?} UASC {} {:?}",
        c.id,
        c.forename,
        c.surname,
        c.date_of_birth,
        c.expected_date_of_birth,
        c.sex,
        c.ethnicity,
        c.upn.as_ref().map(|u| u.as_str()),
        c.disabilities,
        c.uasc,
        c.postcode.as_ref().map(|p| p.as_str()),
    );
    for r in &record.relatives {
        println!(
            "  relative {} {} {:?}",
            r.forename, r.surname, r.date_of_birth
        );
    }
    for a in &record.allocations {
        println!(
            "  allocation {:?} {} {:?} {} .. {:?} {:?}",
            a.role,
            a.team_id,
            a.worker_id.as_ref().map(|w| w.as_str()),
            a.start_date,
            a.end_date,
            a.change_reason
        );
    }
    for e in &record.care_episodes {
        println!(
            "  903 {} {:?} {:?} {:?} {:?} {} .. {:?} {:?} {:?} {:?}",
            e.id,
            e.reason_new_episode.code(),
            e.legal_status.code(),
            e.placement_type.code(),
            e.provider.map(|p| p.code()),
            e.start_date,
            e.end_date,
            e.reason_ceased.map(|r| r.code()),
            e.reason_place_change.map(|r| r.code()),
            e.ofsted_urn.as_ref().map(|u| u.as_str()),
        );
    }
    for entry in chronology(&record) {
        println!("{} {:<40} {}", entry.date, entry.title, entry.detail);
    }
    if let Err(e) = record.validate() {
        println!("INVALID: {e}");
    }
}
