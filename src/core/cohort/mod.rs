//! The trainer's cohort view (issue 4, item 4): many exported dossiers side by side. Pure: the
//! shell reads the files, imports them with `exchange::import_dossier`, evaluates each dossier
//! once and hands the figures here; this module keeps the group, names the candidates, filters,
//! sorts, averages and writes the CSV export. Nothing is stored: the group lives in memory.
//!
//! Rules chosen:
//! - **Names.** A candidate is shown under their dossier's name (the file name without `.json`
//!   when the name is empty). When that name is already in the group, the file name is added:
//!   `Camille (camille-2.json)`, then a counter if even that is taken: `Camille (c.json) 2`.
//! - **Duplicates.** A file whose dossier has the same id and the same `updated_at` as one already
//!   in the group is the same export loaded twice: it is refused ([`Cohort::add`]), not counted
//!   twice in the averages.
//! - **Figures** per profile: fit (« correspondance », what ranks the professions), readiness
//!   (« part des attendus atteints ») and completeness (SPEC §5), and per certification block its
//!   readiness and whether it is ready.
//! - **Sorting** is stable: equal values keep the loading order, in both directions. Figures are
//!   compared after rounding to 1e-9, so float noise cannot reorder equal figures. Names compare
//!   folded (accents and case ignored), then as written. A new column sorts names A→Z and
//!   figures best first; the same column again reverses it.
//! - **Filters**: the name filter keeps candidates whose folded name contains the folded query;
//!   the minimum keeps candidates whose fit with the chosen profile is ≥ the minimum.
//! - **Averages** are plain means over the shown (filtered) candidates; a pivot skill's mean
//!   counts only the candidates who have a level for it.
//! - **CSV**: see [`csv`].
//! - **Referentials this browser lacks** (SPEC §13: a trainer brought one to the candidates'
//!   browsers, not to this one): the candidates' answers to them are kept in their files but count
//!   for nothing here; the page says so once per referential, with how many candidates answered
//!   it ([`missing_referentials`]), not once per candidate.

mod csv;

pub use csv::{
    csv, csv_file_name, csv_text, official_codes, CsvHeader, ProfileHeader, BOM, CRLF, CSV_MIME,
    SEPARATOR,
};

use super::dossier::Dossier;
use super::exchange::code::REFERENTIAL_MISSING;
use super::exchange::ImportProblem;
use super::scoring::Evaluation;
use super::text::fold;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A profile's figures for one candidate, as `scoring` computes them (ratios in [0, 1]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figure {
    pub fit: f64,
    pub readiness: f64,
    pub completeness: f64,
}

/// A certification block's figures for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BlockFigure {
    pub readiness: f64,
    pub ready: bool,
}

/// One candidate of the group: what the views need from their evaluated dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Unique in the group, in loading order (set by [`Cohort::add`]).
    pub key: u64,
    /// Shown name, unique in the group (set by [`Cohort::add`]).
    pub name: String,
    /// The file it was read from.
    pub file_name: String,
    pub dossier_id: String,
    pub updated_at: String,
    /// Per profile, in `ScoringModel::profiles` order.
    pub profiles: Vec<Figure>,
    /// Per profile, its blocks in `ModelProfile::blocks` order (empty for a profile without).
    pub blocks: Vec<Vec<BlockFigure>>,
    /// Per pivot skill, in `ScoringModel::pivot_ids` order; `None` when unknown.
    pub pivots: Vec<Option<u8>>,
    /// The import warnings of the file (shown with their code's template), e.g. unknown ids
    /// that were skipped; those about referentials this browser lacks are in `missing`.
    pub warnings: Vec<ImportProblem>,
    /// Ids of the referentials the dossier answers that this browser does not have.
    pub missing: Vec<String>,
    folded: String,
}

impl Candidate {
    /// The candidate of an imported dossier and its evaluation (computed once by the caller).
    pub fn new(
        dossier: &Dossier,
        file_name: &str,
        eval: &Evaluation,
        warnings: Vec<ImportProblem>,
    ) -> Candidate {
        let (missing, warnings): (Vec<ImportProblem>, Vec<ImportProblem>) = warnings
            .into_iter()
            .partition(|w| w.code == REFERENTIAL_MISSING);
        let name = dossier.name.trim();
        let name = if name.is_empty() {
            file_stem(file_name)
        } else {
            name
        };
        Candidate {
            key: 0,
            name: name.to_string(),
            file_name: file_name.to_string(),
            dossier_id: dossier.id.clone(),
            updated_at: dossier.updated_at.clone(),
            profiles: eval
                .profiles
                .iter()
                .map(|p| Figure {
                    fit: p.fit,
                    readiness: p.readiness,
                    completeness: p.completeness,
                })
                .collect(),
            blocks: eval
                .profiles
                .iter()
                .map(|p| {
                    p.blocks
                        .iter()
                        .map(|b| BlockFigure {
                            readiness: b.readiness,
                            ready: b.ready,
                        })
                        .collect()
                })
                .collect(),
            pivots: eval.pivots.iter().map(|p| p.level).collect(),
            warnings,
            missing: missing
                .iter()
                .filter_map(|w| w.arg("id").map(str::to_owned))
                .collect(),
            folded: fold(name),
        }
    }

    /// A candidate from raw figures (tests, benchmarks).
    pub fn from_figures(
        name: &str,
        file_name: &str,
        profiles: Vec<Figure>,
        pivots: Vec<Option<u8>>,
    ) -> Candidate {
        Candidate {
            key: 0,
            name: name.to_string(),
            file_name: file_name.to_string(),
            dossier_id: String::new(),
            updated_at: String::new(),
            profiles,
            blocks: Vec::new(),
            pivots,
            warnings: Vec::new(),
            missing: Vec::new(),
            folded: fold(name),
        }
    }

    fn figure(&self, profile: usize) -> Figure {
        self.profiles.get(profile).copied().unwrap_or_default()
    }

    /// The figures of block `block` of profile `profile` (zero when the candidate has none).
    pub fn block(&self, profile: usize, block: usize) -> BlockFigure {
        self.blocks
            .get(profile)
            .and_then(|b| b.get(block))
            .copied()
            .unwrap_or_default()
    }
}

fn file_stem(file_name: &str) -> &str {
    let stem = file_name
        .strip_suffix(".json")
        .or_else(|| file_name.strip_suffix(".JSON"))
        .unwrap_or(file_name);
    if stem.trim().is_empty() {
        "?"
    } else {
        stem.trim()
    }
}

/// Why [`Cohort::add`] refused a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The same export is already in the group, under this name.
    Duplicate { name: String },
}

/// The group being looked at, in loading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cohort {
    candidates: Vec<Arc<Candidate>>,
    next_key: u64,
}

impl Cohort {
    pub fn candidates(&self) -> &[Arc<Candidate>] {
        &self.candidates
    }

    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// Adds a candidate with a fresh key and a name unique in the group (see the module rules).
    pub fn add(&mut self, mut c: Candidate) -> Result<Arc<Candidate>, Refusal> {
        if !c.dossier_id.is_empty() {
            if let Some(same) = self
                .candidates
                .iter()
                .find(|o| o.dossier_id == c.dossier_id && o.updated_at == c.updated_at)
            {
                return Err(Refusal::Duplicate {
                    name: same.name.clone(),
                });
            }
        }
        c.name = unique_name(
            |n| self.candidates.iter().any(|o| o.name == n),
            &c.name,
            &c.file_name,
        );
        c.folded = fold(&c.name);
        self.next_key += 1;
        c.key = self.next_key;
        let c = Arc::new(c);
        self.candidates.push(Arc::clone(&c));
        Ok(c)
    }

    /// Removes the candidate with this key; false when there is none.
    pub fn remove(&mut self, key: u64) -> bool {
        let before = self.candidates.len();
        self.candidates.retain(|c| c.key != key);
        self.candidates.len() != before
    }

    pub fn clear(&mut self) {
        self.candidates.clear();
    }
}

/// The referentials some candidates answered that this browser lacks: id → how many candidates.
pub fn missing_referentials<C: Borrow<Candidate>>(candidates: &[C]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for c in candidates {
        for id in &c.borrow().missing {
            *out.entry(id.clone()).or_default() += 1;
        }
    }
    out
}

/// `name`, or `name (file)`, or `name (file) 2`, 3… : the first that `taken` refuses.
pub fn unique_name(taken: impl Fn(&str) -> bool, name: &str, file_name: &str) -> String {
    if !taken(name) {
        return name.to_string();
    }
    let with_file = format!("{name} ({file_name})");
    if !taken(&with_file) {
        return with_file;
    }
    (2u64..)
        .map(|n| format!("{with_file} {n}"))
        .find(|n| !taken(n))
        .expect("an unused counter exists")
}

// ---------------------------------------------------------------------------------------------
// Sorting and filtering

/// A sortable column of the candidates table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// Loading order.
    Order,
    Name,
    Fit(usize),
    Readiness(usize),
    Completeness(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Ascending,
    Descending,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: Column,
    pub direction: Direction,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: Column::Order,
            direction: Direction::Ascending,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`: the same column reverses, another one starts with
    /// names A→Z and figures best first.
    pub fn toggled(self, column: Column) -> Sort {
        if self.column == column {
            let direction = match self.direction {
                Direction::Ascending => Direction::Descending,
                Direction::Descending => Direction::Ascending,
            };
            return Sort { column, direction };
        }
        let direction = match column {
            Column::Order | Column::Name => Direction::Ascending,
            Column::Fit(_) | Column::Readiness(_) | Column::Completeness(_) => {
                Direction::Descending
            }
        };
        Sort { column, direction }
    }

    /// The direction of `column` if the table is sorted by it.
    pub fn direction_of(&self, column: Column) -> Option<Direction> {
        (self.column == column).then_some(self.direction)
    }
}

/// A figure rounded to 1e-9, so that float noise between equal figures compares equal while the
/// order stays total.
fn quantize(x: f64) -> i64 {
    (x * 1e9).round() as i64
}

fn compare(a: &Candidate, b: &Candidate, column: Column) -> Ordering {
    match column {
        Column::Order => a.key.cmp(&b.key),
        Column::Name => a.folded.cmp(&b.folded).then_with(|| a.name.cmp(&b.name)),
        Column::Fit(p) => quantize(a.figure(p).fit).cmp(&quantize(b.figure(p).fit)),
        Column::Readiness(p) => {
            quantize(a.figure(p).readiness).cmp(&quantize(b.figure(p).readiness))
        }
        Column::Completeness(p) => {
            quantize(a.figure(p).completeness).cmp(&quantize(b.figure(p).completeness))
        }
    }
}

/// Filters of the candidates table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Part of the name, accents and case ignored; empty keeps everyone.
    pub name: String,
    /// Keep only the candidates whose fit with this profile is at least this ratio.
    pub min_fit: Option<(usize, f64)>,
}

/// The candidates that pass `filter`, ordered by `sort` (stable: ties keep loading order).
pub fn select<C: Borrow<Candidate> + Clone>(
    candidates: &[C],
    filter: &Filter,
    sort: Sort,
) -> Vec<C> {
    let query = fold(filter.name.trim());
    let mut out: Vec<C> = candidates
        .iter()
        .filter(|c| {
            let c: &Candidate = (*c).borrow();
            (query.is_empty() || c.folded.contains(&query))
                && filter
                    .min_fit
                    .is_none_or(|(p, min)| quantize(c.figure(p).fit) >= quantize(min))
        })
        .cloned()
        .collect();
    out.sort_by(|a, b| {
        let (a, b): (&Candidate, &Candidate) = (a.borrow(), b.borrow());
        let order = compare(a, b, sort.column);
        match sort.direction {
            Direction::Ascending => order,
            Direction::Descending => order.reverse(),
        }
    });
    out
}

// ---------------------------------------------------------------------------------------------
// Averages

/// Means over a set of candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Averages {
    pub count: usize,
    /// Per profile: mean fit, readiness and completeness.
    pub profiles: Vec<Figure>,
    /// Per pivot skill: mean of the known levels, `None` when nobody has one.
    pub pivots: Vec<Option<f64>>,
}

/// Means of `candidates` over `profiles` profiles and `pivots` pivot skills; `None` when empty.
pub fn averages<C: Borrow<Candidate>>(
    candidates: &[C],
    profiles: usize,
    pivots: usize,
) -> Option<Averages> {
    if candidates.is_empty() {
        return None;
    }
    let n = candidates.len() as f64;
    let mut sums = vec![Figure::default(); profiles];
    let mut levels = vec![(0u64, 0u64); pivots];
    for c in candidates {
        let c: &Candidate = c.borrow();
        for (p, sum) in sums.iter_mut().enumerate() {
            let f = c.figure(p);
            sum.fit += f.fit;
            sum.readiness += f.readiness;
            sum.completeness += f.completeness;
        }
        for (p, acc) in levels.iter_mut().enumerate() {
            if let Some(Some(l)) = c.pivots.get(p) {
                acc.0 += u64::from(*l);
                acc.1 += 1;
            }
        }
    }
    Some(Averages {
        count: candidates.len(),
        profiles: sums
            .into_iter()
            .map(|s| Figure {
                fit: s.fit / n,
                readiness: s.readiness / n,
                completeness: s.completeness / n,
            })
            .collect(),
        pivots: levels
            .into_iter()
            .map(|(sum, k)| (k > 0).then(|| sum as f64 / k as f64))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answers;
    use crate::core::scoring::ScoringModel;

    /// Readiness is set to 1 − fit, so that sorting by one or the other differs.
    fn fig(fit: f64, completeness: f64) -> Figure {
        Figure {
            fit,
            readiness: 1.0 - fit,
            completeness,
        }
    }

    fn cand(name: &str, fit: f64) -> Candidate {
        Candidate::from_figures(
            name,
            &format!("{name}.json"),
            vec![fig(fit, 0.5), fig(1.0 - fit, 1.0)],
            vec![Some(3), None],
        )
    }

    fn cohort(list: &[(&str, f64)]) -> Cohort {
        let mut c = Cohort::default();
        for (n, s) in list {
            c.add(cand(n, *s)).unwrap();
        }
        c
    }

    fn names(list: &[Arc<Candidate>]) -> Vec<&str> {
        list.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn candidate_from_an_evaluated_dossier() {
        let model = ScoringModel::bundled();
        let mut d = Dossier::new("abc", "Camille", "2026-01-01T00:00:00Z");
        d.answers = Answers::default();
        d.answers.quick.insert("referencement".into(), 3);
        let eval = model.evaluate(&d.answers);
        let c = Candidate::new(&d, "camille.json", &eval, vec![]);
        assert_eq!(c.name, "Camille");
        assert_eq!(c.profiles.len(), model.profiles().len());
        assert_eq!(c.pivots.len(), model.pivot_ids().len());
        let p = model.pivot_index("referencement").unwrap();
        assert_eq!(c.pivots[p], Some(3));
        assert_eq!(c.profiles[0].fit, eval.profiles[0].fit);
        assert_eq!(c.profiles[0].readiness, eval.profiles[0].readiness);
        // Blocks: one list per profile, each block's readiness and readiness flag.
        let an = model.profile_index("animateur-ecommerce").unwrap();
        assert_eq!(c.blocks[an].len(), 5);
        assert_eq!(c.blocks[0].len(), 0, "vendeur-web has no block");
        assert_eq!(
            c.block(an, 2).readiness,
            eval.profiles[an].blocks[2].readiness
        );
        assert_eq!(c.block(an, 9), BlockFigure::default());
        // No name: the file name stands in.
        let mut anonymous = d.clone();
        anonymous.name = "  ".into();
        assert_eq!(
            Candidate::new(&anonymous, "groupe-b.json", &eval, vec![]).name,
            "groupe-b"
        );
    }

    /// SPEC §13: a referential the candidates have and this browser lacks is said once, with how
    /// many candidates answered it, not once per candidate.
    #[test]
    fn referentials_this_browser_lacks_are_counted_per_referential() {
        let model = ScoringModel::bundled();
        let file = |id: &str, items: &str| {
            format!(
                r#"{{"format":"repere.dossier","version":1,"dossier":{{"id":"{id}","name":"{id}","created_at":"2026-01-01","updated_at":"2026-01-01","items":{{{items}}}}}}}"#
            )
        };
        let mut group = Cohort::default();
        for (id, items) in [
            (
                "a",
                r#""rncp38812/RNCP38812BC01.1":{"level":3},"autre/B.1":{"level":1},"vendeur-web/Z.9":{"level":1}"#,
            ),
            (
                "b",
                r#""rncp38812/RNCP38812BC02.1":{"level":2},"rncp38812/RNCP38812BC02.2":{"level":2}"#,
            ),
            ("c", r#""vendeur-web/A.7":{"level":2}"#),
        ] {
            let imported =
                crate::core::exchange::import_dossier(file(id, items).as_bytes()).unwrap();
            let eval = model.evaluate(&imported.dossier.answers);
            let c = Candidate::new(
                &imported.dossier,
                &format!("{id}.json"),
                &eval,
                imported.warnings,
            );
            group.add(c).unwrap();
        }
        let a = &group.candidates()[0];
        assert_eq!(a.missing, ["autre", "rncp38812"]);
        // The other warnings stay the candidate's own.
        assert_eq!(a.warnings.len(), 1);
        assert_eq!(a.warnings[0].arg("id"), Some("vendeur-web/Z.9"));
        assert_eq!(
            missing_referentials(group.candidates()),
            BTreeMap::from([("autre".into(), 1), ("rncp38812".into(), 2)])
        );
    }

    #[test]
    fn duplicate_names_get_the_file_name_then_a_counter() {
        let mut c = Cohort::default();
        let a = c.add(Candidate::from_figures("Camille", "a.json", vec![], vec![]));
        let b = c.add(Candidate::from_figures("Camille", "b.json", vec![], vec![]));
        let b2 = c.add(Candidate::from_figures("Camille", "b.json", vec![], vec![]));
        let b3 = c.add(Candidate::from_figures("Camille", "b.json", vec![], vec![]));
        assert_eq!(a.unwrap().name, "Camille");
        assert_eq!(b.unwrap().name, "Camille (b.json)");
        assert_eq!(b2.unwrap().name, "Camille (b.json) 2");
        assert_eq!(b3.unwrap().name, "Camille (b.json) 3");
        let keys: Vec<u64> = c.candidates().iter().map(|c| c.key).collect();
        assert_eq!(keys, [1, 2, 3, 4]);
    }

    #[test]
    fn the_same_export_twice_is_refused_and_removal_works() {
        let mut c = Cohort::default();
        let mut one = Candidate::from_figures("Camille", "a.json", vec![], vec![]);
        one.dossier_id = "d1".into();
        one.updated_at = "2026-01-01".into();
        let key = c.add(one.clone()).unwrap().key;
        assert_eq!(
            c.add(one.clone()),
            Err(Refusal::Duplicate {
                name: "Camille".into()
            })
        );
        // Same dossier, later export: a different snapshot, kept.
        let mut later = one.clone();
        later.updated_at = "2026-02-01".into();
        assert!(c.add(later).is_ok());
        assert_eq!(c.len(), 2);
        assert!(c.remove(key));
        assert!(!c.remove(key));
        assert_eq!(c.len(), 1);
        c.clear();
        assert!(c.is_empty());
    }

    #[test]
    fn sorting_is_stable_in_both_directions() {
        let c = cohort(&[
            ("Béa", 0.5),
            ("alice", 0.2),
            ("Chloé", 0.5),
            ("Denis", 0.9),
            ("Éric", 0.5),
        ]);
        let all = Filter::default();
        let desc = Sort::default().toggled(Column::Fit(0));
        assert_eq!(desc.direction, Direction::Descending);
        assert_eq!(
            names(&select(c.candidates(), &all, desc)),
            ["Denis", "Béa", "Chloé", "Éric", "alice"]
        );
        let asc = desc.toggled(Column::Fit(0));
        assert_eq!(asc.direction, Direction::Ascending);
        assert_eq!(
            names(&select(c.candidates(), &all, asc)),
            ["alice", "Béa", "Chloé", "Éric", "Denis"]
        );
        // Names fold accents and case.
        let by_name = Sort::default().toggled(Column::Name);
        assert_eq!(
            names(&select(c.candidates(), &all, by_name)),
            ["alice", "Béa", "Chloé", "Denis", "Éric"]
        );
        assert_eq!(
            names(&select(c.candidates(), &all, by_name.toggled(Column::Name))),
            ["Éric", "Denis", "Chloé", "Béa", "alice"]
        );
        // Completeness of profile 1 is 1.0 for everyone: loading order.
        assert_eq!(
            names(&select(
                c.candidates(),
                &all,
                Sort::default().toggled(Column::Completeness(1))
            )),
            ["Béa", "alice", "Chloé", "Denis", "Éric"]
        );
        assert_eq!(
            Sort::default().direction_of(Column::Order),
            Some(Direction::Ascending)
        );
        assert_eq!(desc.direction_of(Column::Name), None);
        // Readiness (1 − fit here) sorts the other way round, best first.
        assert_eq!(
            names(&select(
                c.candidates(),
                &all,
                Sort::default().toggled(Column::Readiness(0))
            )),
            ["alice", "Béa", "Chloé", "Éric", "Denis"]
        );
    }

    #[test]
    fn float_noise_does_not_reorder_equal_figures() {
        let mut c = Cohort::default();
        c.add(cand("a", 0.1 + 0.2)).unwrap();
        c.add(cand("b", 0.3)).unwrap();
        let s = Sort::default().toggled(Column::Fit(0));
        assert_eq!(
            names(&select(c.candidates(), &Filter::default(), s)),
            ["a", "b"]
        );
        let s = s.toggled(Column::Fit(0));
        assert_eq!(
            names(&select(c.candidates(), &Filter::default(), s)),
            ["a", "b"]
        );
    }

    #[test]
    fn filters_by_name_and_minimum_fit() {
        let c = cohort(&[("Béatrice", 0.5), ("Alice", 0.2), ("Beatrix", 0.8)]);
        let f = Filter {
            name: " bea ".into(),
            min_fit: None,
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Béatrice", "Beatrix"]
        );
        let f = Filter {
            name: String::new(),
            min_fit: Some((0, 0.5)),
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Béatrice", "Beatrix"]
        );
        let f = Filter {
            name: "TRIX".into(),
            min_fit: Some((0, 0.5)),
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Beatrix"]
        );
        let f = Filter {
            name: String::new(),
            min_fit: Some((1, 0.75)),
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Alice"]
        );
    }

    #[test]
    fn averages_are_means_over_the_shown_candidates() {
        let mut a = cand("a", 0.2);
        a.pivots = vec![Some(1), None];
        let mut b = cand("b", 0.5);
        b.pivots = vec![Some(4), None];
        let mut c = cand("c", 0.8);
        c.pivots = vec![None, None];
        let avg = averages(&[a.clone(), b.clone(), c.clone()], 2, 2).unwrap();
        assert_eq!(avg.count, 3);
        assert!((avg.profiles[0].fit - 0.5).abs() < 1e-12);
        assert!((avg.profiles[0].readiness - 0.5).abs() < 1e-12);
        assert!((avg.profiles[0].completeness - 0.5).abs() < 1e-12);
        assert!((avg.profiles[1].fit - 0.5).abs() < 1e-12);
        assert!((avg.profiles[1].completeness - 1.0).abs() < 1e-12);
        // Pivot means count only known levels.
        assert_eq!(avg.pivots, vec![Some(2.5), None]);
        assert_eq!(averages::<Candidate>(&[], 2, 2), None);
        // Over a filtered selection.
        let group = cohort(&[("a", 0.2), ("b", 0.6)]);
        let shown = select(
            group.candidates(),
            &Filter {
                name: "b".into(),
                min_fit: None,
            },
            Sort::default(),
        );
        let avg = averages(&shown, 2, 2).unwrap();
        assert_eq!(avg.count, 1);
        assert!((avg.profiles[0].fit - 0.6).abs() < 1e-12);
        assert!((avg.profiles[0].readiness - 0.4).abs() < 1e-12);
    }
}
