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
//! - **Sorting** is stable: equal values keep the loading order, in both directions. Figures are
//!   compared after rounding to 1e-9, so float noise cannot reorder equal scores. Names compare
//!   folded (accents and case ignored), then as written. A new column sorts names A→Z and
//!   figures best first; the same column again reverses it.
//! - **Filters**: the name filter keeps candidates whose folded name contains the folded query;
//!   the minimum score keeps candidates whose score on the chosen profile is ≥ the minimum.
//! - **Averages** are plain means over the shown (filtered) candidates; a pivot skill's mean
//!   counts only the candidates who have a level for it.
//! - **CSV** (for French spreadsheet software): UTF-8 with a byte order mark, `;` between fields,
//!   CRLF after every record (the header included), fields quoted only when they hold `"`, `;`,
//!   CR or LF (quotes doubled). Scores and completeness are **percentages with one decimal and no
//!   `%` sign**, so that spreadsheets read them as numbers: 0.456 → `45,6` with the French decimal
//!   comma, `45.6` in English. Pivot levels are integers, empty when unknown. Text cells that a
//!   spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a
//!   leading `'` (CSV injection): names come from files the trainer did not write. The rows are
//!   those shown, in the order shown; the averages row is not exported.

use super::dossier::Dossier;
use super::exchange::ImportProblem;
use super::i18n::Lang;
use super::scoring::Evaluation;
use super::text::fold;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::sync::Arc;

/// The byte order mark that starts the CSV file (spreadsheets then read it as UTF-8).
pub const BOM: char = '\u{feff}';
/// Field separator of the CSV file.
pub const SEPARATOR: char = ';';
/// Record terminator of the CSV file.
pub const CRLF: &str = "\r\n";
/// Media type of the CSV file.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// A profile's figures for one candidate, as `scoring` computes them (ratios in [0, 1]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub score: f64,
    pub completeness: f64,
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
    /// Per pivot skill, in `ScoringModel::pivot_ids` order; `None` when unknown.
    pub pivots: Vec<Option<u8>>,
    /// The import warnings of the file (shown with their code's template), e.g. unknown ids
    /// that were skipped.
    pub warnings: Vec<ImportProblem>,
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
                    score: p.score,
                    completeness: p.completeness,
                })
                .collect(),
            pivots: eval.pivots.iter().map(|p| p.level).collect(),
            warnings,
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
            pivots,
            warnings: Vec::new(),
            folded: fold(name),
        }
    }

    fn figure(&self, profile: usize) -> Figure {
        self.profiles.get(profile).copied().unwrap_or(Figure {
            score: 0.0,
            completeness: 0.0,
        })
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
    Score(usize),
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
            Column::Score(_) | Column::Completeness(_) => Direction::Descending,
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
        Column::Score(p) => quantize(a.figure(p).score).cmp(&quantize(b.figure(p).score)),
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
    /// Keep only the candidates whose score on this profile is at least this ratio.
    pub min_score: Option<(usize, f64)>,
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
                    .min_score
                    .is_none_or(|(p, min)| quantize(c.figure(p).score) >= quantize(min))
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
    /// Per profile: mean score and mean completeness.
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
    let mut sums = vec![(0.0, 0.0); profiles];
    let mut levels = vec![(0u64, 0u64); pivots];
    for c in candidates {
        let c: &Candidate = c.borrow();
        for (p, sum) in sums.iter_mut().enumerate() {
            let f = c.figure(p);
            sum.0 += f.score;
            sum.1 += f.completeness;
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
            .map(|(s, c)| Figure {
                score: s / n,
                completeness: c / n,
            })
            .collect(),
        pivots: levels
            .into_iter()
            .map(|(sum, k)| (k > 0).then(|| sum as f64 / k as f64))
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// CSV

/// The decimal mark of a language: `,` in French, `.` in English.
pub fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    }
}

/// A ratio as a percentage with one decimal, no `%` sign: `0.456` → `45,6` (French).
pub fn percent_number(ratio: f64, decimal: char) -> String {
    tenths((ratio * 1000.0).round() as i64, decimal)
}

/// A number with one decimal: `2.25` → `2,3` (French). Used for mean levels.
pub fn one_decimal(x: f64, decimal: char) -> String {
    tenths((x * 10.0).round() as i64, decimal)
}

fn tenths(n: i64, decimal: char) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let t = n.unsigned_abs();
    format!("{sign}{}{decimal}{}", t / 10, t % 10)
}

/// One text field: neutralised if a spreadsheet would read it as a formula, quoted if needed.
pub fn csv_text(field: &str) -> String {
    let guarded;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{field}");
        guarded.as_str()
    } else {
        field
    };
    if field.contains(['"', SEPARATOR, '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn push_record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(&f);
    }
    out.push_str(CRLF);
}

/// Headers of the CSV export, in the UI language (the shell fills them from the locale files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvHeader {
    pub candidate: String,
    pub file: String,
    /// Per profile: the score column's and the completeness column's header.
    pub profiles: Vec<(String, String)>,
    /// Per pivot skill: the level column's header.
    pub pivots: Vec<String>,
}

/// The CSV file (see the module rules): header, then one record per candidate in the given
/// order: name, file, score and completeness per profile, level per pivot skill.
pub fn csv<C: Borrow<Candidate>>(header: &CsvHeader, candidates: &[C], lang: Lang) -> String {
    let decimal = decimal_mark(lang);
    let mut out = String::with_capacity(64 + candidates.len() * 256);
    out.push(BOM);
    let mut head = vec![csv_text(&header.candidate), csv_text(&header.file)];
    for (s, c) in &header.profiles {
        head.push(csv_text(s));
        head.push(csv_text(c));
    }
    head.extend(header.pivots.iter().map(|p| csv_text(p)));
    push_record(&mut out, head);
    for c in candidates {
        let c: &Candidate = c.borrow();
        let mut fields = vec![csv_text(&c.name), csv_text(&c.file_name)];
        for p in 0..header.profiles.len() {
            let f = c.figure(p);
            fields.push(percent_number(f.score, decimal));
            fields.push(percent_number(f.completeness, decimal));
        }
        for p in 0..header.pivots.len() {
            fields.push(
                c.pivots
                    .get(p)
                    .copied()
                    .flatten()
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
            );
        }
        push_record(&mut out, fields);
    }
    out
}

/// `repere-groupe-YYYY-MM-DD.csv`.
pub fn csv_file_name(year: i32, month: u32, day: u32) -> String {
    format!("repere-groupe-{year:04}-{month:02}-{day:02}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::Answers;
    use crate::core::scoring::ScoringModel;

    fn fig(score: f64, completeness: f64) -> Figure {
        Figure {
            score,
            completeness,
        }
    }

    fn cand(name: &str, score: f64) -> Candidate {
        Candidate::from_figures(
            name,
            &format!("{name}.json"),
            vec![fig(score, 0.5), fig(1.0 - score, 1.0)],
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
        assert_eq!(c.profiles[0].score, eval.profiles[0].score);
        // No name: the file name stands in.
        let mut anonymous = d.clone();
        anonymous.name = "  ".into();
        assert_eq!(
            Candidate::new(&anonymous, "groupe-b.json", &eval, vec![]).name,
            "groupe-b"
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
        let desc = Sort::default().toggled(Column::Score(0));
        assert_eq!(desc.direction, Direction::Descending);
        assert_eq!(
            names(&select(c.candidates(), &all, desc)),
            ["Denis", "Béa", "Chloé", "Éric", "alice"]
        );
        let asc = desc.toggled(Column::Score(0));
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
    }

    #[test]
    fn float_noise_does_not_reorder_equal_scores() {
        let mut c = Cohort::default();
        c.add(cand("a", 0.1 + 0.2)).unwrap();
        c.add(cand("b", 0.3)).unwrap();
        let s = Sort::default().toggled(Column::Score(0));
        assert_eq!(
            names(&select(c.candidates(), &Filter::default(), s)),
            ["a", "b"]
        );
        let s = s.toggled(Column::Score(0));
        assert_eq!(
            names(&select(c.candidates(), &Filter::default(), s)),
            ["a", "b"]
        );
    }

    #[test]
    fn filters_by_name_and_minimum_score() {
        let c = cohort(&[("Béatrice", 0.5), ("Alice", 0.2), ("Beatrix", 0.8)]);
        let f = Filter {
            name: " bea ".into(),
            min_score: None,
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Béatrice", "Beatrix"]
        );
        let f = Filter {
            name: String::new(),
            min_score: Some((0, 0.5)),
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Béatrice", "Beatrix"]
        );
        let f = Filter {
            name: "TRIX".into(),
            min_score: Some((0, 0.5)),
        };
        assert_eq!(
            names(&select(c.candidates(), &f, Sort::default())),
            ["Beatrix"]
        );
        let f = Filter {
            name: String::new(),
            min_score: Some((1, 0.75)),
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
        assert!((avg.profiles[0].score - 0.5).abs() < 1e-12);
        assert!((avg.profiles[0].completeness - 0.5).abs() < 1e-12);
        assert!((avg.profiles[1].score - 0.5).abs() < 1e-12);
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
                min_score: None,
            },
            Sort::default(),
        );
        let avg = averages(&shown, 2, 2).unwrap();
        assert_eq!(avg.count, 1);
        assert!((avg.profiles[0].score - 0.6).abs() < 1e-12);
    }

    #[test]
    fn numbers_use_the_language_decimal_mark() {
        assert_eq!(percent_number(0.456, ','), "45,6");
        assert_eq!(percent_number(0.456, '.'), "45.6");
        assert_eq!(percent_number(1.0, ','), "100,0");
        assert_eq!(percent_number(0.0, ','), "0,0");
        assert_eq!(percent_number(0.0004, ','), "0,0");
        assert_eq!(percent_number(0.00051, ','), "0,1");
        assert_eq!(percent_number(2.0 / 3.0, ','), "66,7");
        assert_eq!(one_decimal(2.25, ','), "2,3");
        assert_eq!(one_decimal(3.0, '.'), "3.0");
        assert_eq!(decimal_mark(Lang::Fr), ',');
        assert_eq!(decimal_mark(Lang::En), '.');
    }

    #[test]
    fn csv_fields_are_quoted_and_neutralised() {
        assert_eq!(csv_text("Camille"), "Camille");
        assert_eq!(csv_text("Dupont; Camille"), "\"Dupont; Camille\"");
        assert_eq!(csv_text("Le \"boss\""), "\"Le \"\"boss\"\"\"");
        assert_eq!(csv_text("a\nb"), "\"a\nb\"");
        assert_eq!(csv_text("a\r\nb"), "\"a\r\nb\"");
        assert_eq!(csv_text("a,b"), "a,b");
        assert_eq!(csv_text("=1+1"), "'=1+1");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-2;3"), "\"'-2;3\"");
        assert_eq!(csv_text(""), "");
    }

    #[test]
    fn csv_has_bom_separator_crlf_and_one_record_per_candidate() {
        let mut group = Cohort::default();
        group
            .add(Candidate::from_figures(
                "Dupont; \"Cam\"",
                "a.json",
                vec![fig(0.456, 1.0), fig(0.0, 0.25)],
                vec![Some(3), None],
            ))
            .unwrap();
        group
            .add(Candidate::from_figures(
                "Zoé",
                "z.json",
                vec![fig(1.0, 0.5), fig(0.125, 0.0)],
                vec![None, Some(0)],
            ))
            .unwrap();
        let header = CsvHeader {
            candidate: "Candidat".into(),
            file: "Fichier".into(),
            profiles: vec![
                (
                    "Vendeur web — score (%)".into(),
                    "Vendeur web — complétude (%)".into(),
                ),
                ("B; score".into(), "B complétude".into()),
            ],
            pivots: vec!["Veille".into(), "Analyse de marché".into()],
        };
        let text = csv(&header, group.candidates(), Lang::Fr);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(text.ends_with("\r\n"));
        let body = text.trim_start_matches(BOM);
        let lines: Vec<&str> = body.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0],
            "Candidat;Fichier;Vendeur web — score (%);Vendeur web — complétude (%);\"B; score\";B complétude;Veille;Analyse de marché"
        );
        assert_eq!(
            lines[1],
            "\"Dupont; \"\"Cam\"\"\";a.json;45,6;100,0;0,0;25,0;3;"
        );
        assert_eq!(lines[2], "Zoé;z.json;100,0;50,0;12,5;0,0;;0");
        // No bare LF anywhere: every record ends with CRLF.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        let en = csv(&header, group.candidates(), Lang::En);
        assert!(en.contains("Zoé;z.json;100.0;50.0;12.5;0.0;;0\r\n"));
        // An empty group still gets its header.
        assert_eq!(
            csv::<Candidate>(&header, &[], Lang::Fr)
                .matches("\r\n")
                .count(),
            1
        );
    }

    #[test]
    fn csv_file_name_has_the_date() {
        assert_eq!(csv_file_name(2026, 3, 7), "repere-groupe-2026-03-07.csv");
    }
}
