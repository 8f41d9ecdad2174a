//! The performance picture's records and figures, kept current.
//!
//! Every child's record (but restricted ones) is loaded once; after that a write
//! reloads only the children it touched, and the figures already worked out are
//! brought up to date by swapping those children's items (see
//! `caseline_domain::indicators::Tally`), so a page after a write costs what a page
//! before it did. A workforce or calendar change reloads everything.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use caseline_domain::calendar::WorkingDayCalendar;
use caseline_domain::geography::Centroids;
use caseline_domain::indicators::{self, Indicator, Input, Measure, Tally, Window};
use caseline_domain::looked_after::episode_postcodes;
use caseline_domain::population::ChildPopulation;
use caseline_domain::work::Workforce;
use caseline_domain::{ChildRecord, PersonId};

use crate::AppState;
use crate::error::AppError;

/// Measures kept for windows other than the current year (months opened from a trend,
/// chosen dates); past this many, the oldest such are dropped.
const MAX_OTHER_MEASURES: usize = 400;

/// Every child's record (but restricted ones), kept current, and the figures worked
/// out from them so far.
#[derive(Debug, Clone, Default)]
pub struct PerformanceCache(Arc<tokio::sync::Mutex<Option<Picture>>>);

#[derive(Debug)]
struct Picture {
    state: caseline_store::JourneyState,
    /// Sorted by child id.
    records: Arc<Vec<ChildRecord>>,
    workforce: Arc<Workforce>,
    calendar: Arc<WorkingDayCalendar>,
    /// The ONS estimates stored, for rates per 10,000.
    population: Arc<ChildPopulation>,
    /// Only those that place the postcodes on the records held.
    centroids: Arc<Centroids>,
    /// Whole measures (with their lists), by indicator and window.
    measures: HashMap<(&'static str, Window), Arc<Measure>>,
    /// When each measure for a window other than the year was last used.
    used: HashMap<(&'static str, Window), u64>,
    uses: u64,
    /// Trend months' figures without their lists.
    tallies: HashMap<(&'static str, Window), Tally>,
}

/// The records and what figures are computed with, at one moment.
pub(crate) struct Snapshot {
    pub records: Arc<Vec<ChildRecord>>,
    pub workforce: Arc<Workforce>,
    pub calendar: Arc<WorkingDayCalendar>,
    pub population: Arc<ChildPopulation>,
    pub centroids: Arc<Centroids>,
}

fn actor() -> caseline_store::Actor {
    caseline_store::Actor::new("performance picture (system)")
}

impl Picture {
    fn compute(&self, ind: &Indicator, records: &[ChildRecord], window: Window) -> Measure {
        self.compute_with(ind, records, window, &self.workforce)
    }

    fn compute_with(
        &self,
        ind: &Indicator,
        records: &[ChildRecord],
        window: Window,
        workforce: &Workforce,
    ) -> Measure {
        (ind.compute)(&Input {
            records,
            window,
            calendar: &self.calendar,
            workforce,
            population: &self.population,
            centroids: &self.centroids,
        })
    }

    /// Brings the records and every kept figure up to date with the written children:
    /// `changed` are the children written, `fresh` the current records of those still
    /// in the picture.
    fn apply_changes(&mut self, changed: &[PersonId], mut fresh: Vec<ChildRecord>) {
        let started = std::time::Instant::now();
        let changed_set: HashSet<PersonId> = changed.iter().cloned().collect();
        fresh.sort_by(|a, b| a.child.id.cmp(&b.child.id));
        let mut fresh_by_id: HashMap<&PersonId, &ChildRecord> =
            fresh.iter().map(|r| (&r.child.id, r)).collect();
        let records = Arc::make_mut(&mut self.records);
        let mut old = Vec::new();
        for id in &changed_set {
            match (
                records.binary_search_by(|r| r.child.id.cmp(id)),
                fresh_by_id.remove(id),
            ) {
                (Ok(at), Some(new)) => old.push(std::mem::replace(&mut records[at], new.clone())),
                (Ok(at), None) => old.push(records.remove(at)),
                (Err(at), Some(new)) => records.insert(at, new.clone()),
                (Err(_), None) => {}
            }
        }
        old.sort_by(|a, b| a.child.id.cmp(&b.child.id));
        // Only the workers the written children's records name: their items come out
        // the same, and the workforce's own items (which a child's write cannot change)
        // are not rebuilt for every kept figure.
        let both: Vec<ChildRecord> = old.iter().chain(&fresh).cloned().collect();
        let named = self.workforce.only_for(&both);
        let keys: Vec<(&'static str, Window)> = self.measures.keys().copied().collect();
        for key in keys {
            let Some(ind) = indicators::by_id(key.0) else {
                continue;
            };
            let swap = self
                .compute_with(ind, &fresh, key.1, &named)
                .in_child_order();
            if let Some(m) = self.measures.get_mut(&key) {
                Arc::make_mut(m).replace_children(&changed_set, &swap);
            }
        }
        let keys: Vec<(&'static str, Window)> = self.tallies.keys().copied().collect();
        for key in keys {
            let Some(ind) = indicators::by_id(key.0) else {
                continue;
            };
            let before = self.compute_with(ind, &old, key.1, &named);
            let after = self.compute_with(ind, &fresh, key.1, &named);
            if let Some(t) = self.tallies.get_mut(&key) {
                t.remove(&before);
                t.add(&after);
            }
        }
        tracing::debug!(
            children = changed.len(),
            measures = self.measures.len(),
            tallies = self.tallies.len(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "performance picture brought up to date"
        );
    }

    /// Drops figures for windows that no page shows any more once the day has moved
    /// on, and the least recently used lists beyond the limit.
    fn prune(&mut self, today: jiff::civil::Date) {
        let year = Window::year_to(today);
        let months: HashSet<Window> = indicators::trend_windows(today, super::TREND_MONTHS)
            .into_iter()
            .collect();
        self.tallies.retain(|(_, w), _| months.contains(w));
        if self.used.len() > MAX_OTHER_MEASURES {
            let mut by_age: Vec<((&'static str, Window), u64)> =
                self.used.iter().map(|(k, v)| (*k, *v)).collect();
            by_age.sort_by_key(|(_, at)| *at);
            for (key, _) in by_age.iter().take(by_age.len() - MAX_OTHER_MEASURES / 2) {
                self.measures.remove(key);
                self.used.remove(key);
            }
        }
        // Year windows of earlier days are never shown again.
        self.measures.retain(|(_, w), _| {
            *w == year || months.contains(w) || w.to.since(w.from).is_ok_and(|s| s.get_days() < 300)
        });
        self.used.retain(|k, _| self.measures.contains_key(k));
    }
}

impl PerformanceCache {
    /// Runs `f` on the picture brought up to date with the database: loaded in full the
    /// first time and after a workforce or calendar change, else only the children
    /// written since.
    async fn current<T>(
        &self,
        state: &AppState,
        f: impl FnOnce(&mut Picture) -> T,
    ) -> Result<T, AppError> {
        let mut slot = self.0.lock().await;
        let now = state.db.journey_state().await?;
        let reuse = slot
            .as_ref()
            .is_some_and(|p| p.state.everything_version == now.everything_version);
        let p = match slot.as_mut() {
            Some(p) if reuse => p,
            _ => {
                let (js, mut records) = state.db.unrestricted_journeys(&actor()).await?;
                records.sort_by(|a, b| a.child.id.cmp(&b.child.id));
                let centroids = state.db.centroids_for(&episode_postcodes(&records)).await?;
                slot.insert(Picture {
                    state: js,
                    records: Arc::new(records),
                    workforce: Arc::new(Workforce::new(
                        state.db.teams().await?,
                        state.db.workers().await?,
                    )),
                    calendar: Arc::new(state.db.calendar().await?),
                    population: Arc::new(state.db.child_population().await?),
                    centroids: Arc::new(centroids),
                    measures: HashMap::new(),
                    used: HashMap::new(),
                    uses: 0,
                    tallies: HashMap::new(),
                })
            }
        };
        if p.state.version != now.version {
            let (js, changed, records) = state
                .db
                .unrestricted_journeys_changed_since(&actor(), p.state.version)
                .await?;
            // A changed record may name a postcode not placed before.
            let more = state.db.centroids_for(&episode_postcodes(&records)).await?;
            Arc::make_mut(&mut p.centroids).extend(more);
            p.apply_changes(&changed, records);
            p.state = js;
        }
        Ok(f(p))
    }

    /// The measure of `indicator` over `window`, with its lists.
    pub(crate) async fn measure(
        &self,
        state: &AppState,
        indicator: &'static Indicator,
        window: Window,
    ) -> Result<Arc<Measure>, AppError> {
        let year = Window::year_to(state.today());
        self.current(state, |p| {
            let key = (indicator.id, window);
            if window != year {
                p.uses += 1;
                p.used.insert(key, p.uses);
            }
            if let Some(m) = p.measures.get(&key) {
                return m.clone();
            }
            let m = Arc::new(p.compute(indicator, &p.records, window).in_child_order());
            p.measures.insert(key, m.clone());
            if p.used.len() > MAX_OTHER_MEASURES {
                p.prune(state.today());
            }
            m
        })
        .await
    }

    /// The figures of `indicator` for each window (trend months), without their lists.
    pub(crate) async fn tallies(
        &self,
        state: &AppState,
        indicator: &'static Indicator,
        windows: &[Window],
    ) -> Result<Vec<Tally>, AppError> {
        self.current(state, |p| {
            windows
                .iter()
                .map(|w| {
                    let key = (indicator.id, *w);
                    if let Some(t) = p.tallies.get(&key) {
                        return t.clone();
                    }
                    let t = match p.measures.get(&key) {
                        Some(m) => Tally::of(m),
                        None => Tally::of(&p.compute(indicator, &p.records, *w)),
                    };
                    p.tallies.insert(key, t.clone());
                    t
                })
                .collect()
        })
        .await
    }

    /// The workforce the picture counts with.
    pub(crate) async fn workforce(&self) -> Option<Arc<Workforce>> {
        self.0.lock().await.as_ref().map(|p| p.workforce.clone())
    }

    /// The names of these children, where the picture holds them.
    pub(crate) async fn names(&self, ids: &[&PersonId]) -> HashMap<PersonId, String> {
        self.0.lock().await.as_ref().map_or_else(HashMap::new, |p| {
            ids.iter()
                .filter_map(|id| {
                    let at = p.records.binary_search_by(|r| r.child.id.cmp(id)).ok()?;
                    Some(((*id).clone(), p.records[at].child.full_name()))
                })
                .collect()
        })
    }

    /// The records and what figures are computed with, as they stand now, for work
    /// that computes its own (the self-assessment pack for a chosen date).
    pub(crate) async fn snapshot(&self, state: &AppState) -> Result<Snapshot, AppError> {
        self.current(state, |p| Snapshot {
            records: p.records.clone(),
            workforce: p.workforce.clone(),
            calendar: p.calendar.clone(),
            population: p.population.clone(),
            centroids: p.centroids.clone(),
        })
        .await
    }

    /// Drops what the day's move has made stale.
    pub(crate) async fn prune(&self, today: jiff::civil::Date) {
        if let Some(p) = self.0.lock().await.as_mut() {
            p.prune(today);
        }
    }
}
