//! The practice-quality knob moves every performance indicator the right way: an
//! authority generated as inadequate shows worse figures than one generated as good,
//! for every indicator that has a better direction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use caseline_domain::calendar::WorkingDayCalendar;
use caseline_domain::indicators::{self, Better, Input, Window};
use caseline_domain::population::ChildPopulation;
use caseline_domain::work::Workforce;
use caseline_synth::{Generator, SynthConfig};
use jiff::civil::{Date, date};

const TODAY: Date = date(2026, 3, 31);

fn figures(quality: f64) -> Vec<(&'static str, Better, Option<f64>)> {
    let config = SynthConfig::demo(TODAY)
        .with_children(6_000)
        .with_seed(11)
        .with_practice_quality(quality);
    let g = Generator::new(config);
    let population = ChildPopulation::new(g.child_population());
    let centroids = g.centroids();
    let records: Vec<_> = g.children().collect();
    let w = g.workforce();
    let workforce = Workforce::new(w.teams.clone(), w.workers.clone());
    let calendar = WorkingDayCalendar::england_and_wales();
    let input = Input {
        records: &records,
        window: Window::year_to(TODAY),
        calendar: &calendar,
        workforce: &workforce,
        population: &population,
        centroids: &centroids,
    };
    indicators::all()
        .into_iter()
        .map(|i| (i.id, i.better, (i.compute)(&input).value()))
        .collect()
}

#[test]
fn poor_practice_shows_worse_figures_than_good_on_every_indicator() {
    let good = figures(1.0);
    let poor = figures(0.0);
    let mut wrong = Vec::new();
    for ((id, better, g), (_, _, p)) in good.iter().zip(&poor) {
        println!("{id:<28} good {g:>10.2?}  poor {p:>10.2?}");
        let (Some(g), Some(p)) = (g, p) else {
            if *better != Better::Neither {
                wrong.push(format!("{id}: no value (good {g:?}, poor {p:?})"));
            }
            continue;
        };
        let right = match better {
            Better::Higher => p < g,
            Better::Lower => p > g,
            Better::Neither => true,
        };
        if !right {
            wrong.push(format!("{id}: good {g:.2}, poor {p:.2}, better {better:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "moved the wrong way or not at all:\n{}",
        wrong.join("\n")
    );
}
