//! Facts about the authority rather than any child, on both engines: the child
//! population estimates and postcode centroids an administrator sets or imports.
use super::*;
use caseline_domain::geography::{Area, Centroids, GridRef, Precision};
use caseline_domain::population::PopulationEstimate;
use caseline_domain::values::Postcode;

fn estimate(year: i16, children: u32) -> PopulationEstimate {
    PopulationEstimate::new(year, children, &format!("ONS mid-{year}")).unwrap()
}

async fn audited(db: &Db, action: &str) -> Vec<String> {
    db.fetch_all(
        "SELECT detail FROM audit_events WHERE action = $1 ORDER BY id",
        &[action.into()],
    )
    .await
    .unwrap()
    .iter()
    .map(|r| r.text("detail").unwrap())
    .collect()
}

async fn child_population_is_kept_one_estimate_per_mid_year_and_audited(db: Db) {
    let admin = Actor::new("admin");
    assert!(db.child_population().await.unwrap().is_empty());
    let before = db.journey_state().await.unwrap().everything_version;

    db.set_child_population(&admin, &estimate(2024, 61_234))
        .await
        .unwrap();
    db.set_child_population(&admin, &estimate(2023, 60_900))
        .await
        .unwrap();
    // A revised figure for mid-2024 replaces the first.
    db.set_child_population(&admin, &estimate(2024, 61_300))
        .await
        .unwrap();
    let p = db.child_population().await.unwrap();
    let held: Vec<(i16, u32, &str)> = p
        .estimates()
        .iter()
        .map(|e| (e.mid_year, e.children, e.source.as_str()))
        .collect();
    assert_eq!(
        held,
        [
            (2023, 60_900, "ONS mid-2023"),
            (2024, 61_300, "ONS mid-2024")
        ]
    );
    // The year to 31 March 2025 divides by mid-2024.
    assert_eq!(p.on(date(2025, 3, 31)).unwrap().children, 61_300);
    // Every cached picture is recomputed.
    assert!(db.journey_state().await.unwrap().everything_version > before);

    assert!(db.remove_child_population(&admin, 2023).await.unwrap());
    assert!(!db.remove_child_population(&admin, 2023).await.unwrap());
    assert_eq!(db.child_population().await.unwrap().estimates().len(), 1);

    // An estimate built by hand past the checks is refused, naming the field, and
    // nothing is stored.
    let bad = PopulationEstimate {
        mid_year: 2025,
        children: 0,
        source: "ONS mid-2025".into(),
    };
    let StoreError::Invalid(v) = db.set_child_population(&admin, &bad).await.unwrap_err() else {
        panic!("not a validation error")
    };
    assert_eq!(v.field, "children");
    assert_eq!(db.child_population().await.unwrap().estimates().len(), 1);

    assert_eq!(
        audited(&db, "CHANGE_CHILD_POPULATION").await,
        [
            "set mid-2024: 61234 children aged 0 to 17 (ONS mid-2024)",
            "set mid-2023: 60900 children aged 0 to 17 (ONS mid-2023)",
            "set mid-2024: 61300 children aged 0 to 17 (ONS mid-2024)",
            "removed mid-2023",
        ]
    );
}
both_engines!(child_population_is_kept_one_estimate_per_mid_year_and_audited);

fn pc(s: &str) -> Postcode {
    Postcode::parse(s, "t", "x", "postcode").unwrap()
}

fn grid(e: u32, n: u32) -> GridRef {
    GridRef::new(e, n).unwrap()
}

async fn postcode_centroids_are_imported_and_place_postcodes_by_the_finest_held(db: Db) {
    let admin = Actor::new("admin");
    let mut c = Centroids::default();
    c.insert(&Area::parse("CL3 4AB").unwrap(), grid(400_000, 300_000));
    c.insert(&Area::parse("CL3 4AD").unwrap(), grid(400_100, 300_300));
    c.insert(&Area::parse("QA1").unwrap(), grid(450_000, 320_000));
    assert_eq!(c.derive_areas(), (1, 1));
    db.import_centroids(&admin, &c, "test.csv").await.unwrap();

    let wanted = [
        pc("CL3 4AB"),
        pc("CL3 4ZZ"),
        pc("CL3 9ZZ"),
        pc("QA1 1AA"),
        pc("QB1 1AA"),
    ];
    let refs: Vec<&Postcode> = wanted.iter().collect();
    let back = db.centroids_for(&refs).await.unwrap();
    let found: Vec<Option<(u32, Precision)>> = wanted
        .iter()
        .map(|p| back.locate(p).map(|l| (l.at.easting(), l.precision)))
        .collect();
    assert_eq!(
        found,
        [
            Some((400_000, Precision::Postcode)),
            // The sector's mean of CL3 4AB and CL3 4AD.
            Some((400_050, Precision::Sector)),
            Some((400_050, Precision::District)),
            Some((450_000, Precision::District)),
            None,
        ]
    );
    // Only what can place the postcodes asked for is loaded.
    let only = db.centroids_for(&[&pc("QA1 1AA")]).await.unwrap();
    assert_eq!(only.counts(), (0, 0, 1));

    // A later import replaces the centroid of an area held before and keeps the rest.
    let mut moved = Centroids::default();
    moved.insert(&Area::parse("CL3 4AB").unwrap(), grid(400_500, 300_000));
    db.import_centroids(&admin, &moved, "update.csv")
        .await
        .unwrap();
    let back = db.centroids_for(&[&pc("CL3 4AB")]).await.unwrap();
    assert_eq!(back.locate(&pc("CL3 4AB")).unwrap().at.easting(), 400_500);
    let counts = db.centroid_counts().await.unwrap();
    assert_eq!(
        (counts.postcodes, counts.sectors, counts.districts),
        (2, 1, 2)
    );
    assert_eq!(
        audited(&db, "IMPORT_POSTCODE_CENTROIDS").await,
        [
            "2 postcodes, 1 sectors, 2 districts from test.csv",
            "1 postcodes, 0 sectors, 0 districts from update.csv"
        ]
    );
}
both_engines!(postcode_centroids_are_imported_and_place_postcodes_by_the_finest_held);

async fn many_postcodes_are_imported_and_read_back_in_batches(db: Db) {
    // 10,400 postcodes: more than one slice of the import, one insert statement and
    // one lookup query hold.
    let mut c = Centroids::default();
    let mut wanted = Vec::new();
    const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    for i in 0..10_400u32 {
        // 200 postcodes per district: sector digit i % 10, first letter (i / 10) % 20.
        let letter = char::from(LETTERS[usize::try_from(i / 10 % 20).unwrap()]);
        let p = pc(&format!("CL{} {}{letter}B", 1 + i / 200, i % 10));
        c.insert(&Area::postcode(&p), grid(400_000 + i, 300_000));
        wanted.push(p);
    }
    assert_eq!(c.counts().0, 10_400);
    db.import_centroids(&Actor::new("admin"), &c, "big.csv")
        .await
        .unwrap();
    let refs: Vec<&Postcode> = wanted.iter().collect();
    let back = db.centroids_for(&refs).await.unwrap();
    assert_eq!(back, c);
}
both_engines!(many_postcodes_are_imported_and_read_back_in_batches);
