//! Pivot skills for an item of a brought referential (SPEC §13): the bundled rated items whose
//! crosswalk is known, and the pivot skills' own descriptions, compared with the item's text by
//! tf-idf over accent-insensitive word stems (`core::text::fold`, as the search folds). The
//! nearest items vote for their pivots (the main pivot most), the descriptions add theirs; the
//! three best are suggested, each with why: the nearest bundled item that carries it, and the
//! words the item shares with its description. A savoir-être never leads (`data/FORMAT.md`,
//! crosswalk rule 5). `tests/suggester.rs` measures it on the bundled data, one referential held
//! out at a time.

use crate::core::catalog::Catalog;
use crate::core::model::{PivotSet, Referential};
use crate::core::text::fold;
use crate::core::validate::SAVOIR_ETRE;
use std::collections::HashMap;

/// The suggester's settings, chosen on the bundled data (`tests/suggester.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// How many nearest items vote.
    pub neighbours: usize,
    /// What the main, second and third pivot of a neighbour get of its similarity.
    pub link_weights: [f32; 3],
    /// How much a pivot's own description counts beside the neighbours' votes.
    pub description_weight: f32,
    /// How much the block's title counts beside the item's text.
    pub context_weight: f32,
    /// A suggestion below this share of the best one is left out (at least one is kept).
    pub keep_ratio: f32,
    /// Letters kept of a word's stem.
    pub stem: usize,
    /// A neighbour's vote is its similarity to this power (near ones count much more).
    pub sharpness: f32,
    /// How much an item's block or group title counts in its bundled neighbour's text.
    pub doc_context_weight: f32,
    /// How much a pivot's profile (the bundled items linked to it, together) counts.
    pub profile_weight: f32,
}

impl Default for Params {
    /// The best of a grid search on the bundled data (each referential held out in turn).
    fn default() -> Self {
        Params {
            neighbours: 10,
            link_weights: [1.0, 0.45, 0.3],
            description_weight: 2.0,
            context_weight: 0.35,
            keep_ratio: 0.1,
            stem: 7,
            sharpness: 2.0,
            doc_context_weight: 0.4,
            profile_weight: 0.5,
        }
    }
}

/// Why a pivot is suggested.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A bundled item near the text carries this pivot.
    Near {
        referential: String,
        item: String,
        text: String,
        similarity: f32,
    },
    /// Words the text shares with the pivot's description (as they appear in the text).
    Words(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub pivot: String,
    pub score: f32,
    pub reasons: Vec<Reason>,
}

type Vector = Vec<(u32, f32)>;

struct Doc {
    referential: String,
    item: String,
    text: String,
    pivots: Vec<String>,
    vector: Vector,
}

struct PivotDoc {
    id: String,
    /// Its label and description.
    vector: Vector,
    /// The bundled items linked to it, summed (main links count double).
    profile: Vector,
}

pub struct Suggester {
    params: Params,
    terms: HashMap<String, u32>,
    idf: Vec<f32>,
    docs: Vec<Doc>,
    pivots: Vec<PivotDoc>,
}

/// French words that say nothing of a skill.
const STOP: &[&str] = &[
    "les",
    "des",
    "une",
    "pour",
    "par",
    "sur",
    "dans",
    "avec",
    "aux",
    "son",
    "ses",
    "leur",
    "leurs",
    "est",
    "sont",
    "qui",
    "que",
    "quoi",
    "dont",
    "ainsi",
    "afin",
    "selon",
    "entre",
    "tout",
    "tous",
    "toute",
    "toutes",
    "cette",
    "ces",
    "cet",
    "etre",
    "avoir",
    "faire",
    "mettre",
    "oeuvre",
    "plus",
    "moins",
    "non",
    "pas",
    "elle",
    "ils",
    "nous",
    "vous",
    "lui",
    "autre",
    "autres",
    "chaque",
    "etc",
    "notamment",
    "exemple",
    "permettant",
    "permet",
    "partir",
    "cadre",
    "lien",
    "niveau",
    "ensemble",
    "place",
    "sein",
    "aupres",
    "lors",
    "via",
    "vers",
    "chez",
];

/// Word stems of a text: folded, cut at anything but letters and digits, short and empty words
/// dropped, plural `s`/`x` removed, then the first seven letters (a crude stem that is enough
/// to bring « prospecter », « prospection » and « prospects » together).
pub fn stems(text: &str) -> Vec<String> {
    stems_of(text, Params::default().stem)
}

fn stems_of(text: &str, len: usize) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !STOP.contains(w))
        .map(|w| {
            let w = w
                .strip_suffix(['s', 'x'])
                .filter(|r| r.len() >= 3)
                .unwrap_or(w);
            w.chars().take(len).collect()
        })
        .collect()
}

impl Suggester {
    /// From the bundled catalog.
    pub fn from_catalog(catalog: &Catalog) -> Suggester {
        let refs: Vec<&Referential> = catalog.referentials.iter().collect();
        Suggester::new(&refs, &catalog.pivots)
    }

    /// From some referentials (the evaluation leaves one out) and the pivot skills.
    pub fn new(referentials: &[&Referential], pivots: &PivotSet) -> Suggester {
        Suggester::with_params(referentials, pivots, Params::default())
    }

    pub fn with_params(
        referentials: &[&Referential],
        pivots: &PivotSet,
        params: Params,
    ) -> Suggester {
        let stems = |t: &str| stems_of(t, params.stem);
        let raw = bundled_items(referentials, &stems);
        let pivot_raw: Vec<(String, Vec<String>)> = pivots
            .skills()
            .map(|s| {
                let text = format!("{} {}", s.label.fr, s.description.fr);
                (s.id.clone(), stems(&text))
            })
            .collect();
        let all = raw
            .iter()
            .map(|(_, s, _)| s)
            .chain(pivot_raw.iter().map(|(_, s)| s));
        let (terms, idf) = vocabulary(all);
        let mut s = Suggester {
            params,
            terms,
            idf,
            docs: Vec::new(),
            pivots: Vec::new(),
        };
        s.docs = raw
            .into_iter()
            .map(|(mut d, words, context)| {
                d.vector = s.vector(&words);
                if params.doc_context_weight > 0.0 {
                    d.vector = add(&d.vector, &s.vector(&context), params.doc_context_weight);
                }
                d
            })
            .collect();
        s.pivots = pivot_raw
            .into_iter()
            .map(|(id, words)| PivotDoc {
                vector: s.vector(&words),
                profile: profile(&id, &s.docs),
                id,
            })
            .collect();
        s
    }

    /// The tf-idf vector of some stems, unit length, sorted by term; unknown stems count for
    /// nothing (no bundled text has them).
    fn vector(&self, words: &[String]) -> Vector {
        let mut counts: HashMap<u32, f32> = HashMap::new();
        for w in words {
            if let Some(id) = self.terms.get(w) {
                *counts.entry(*id).or_default() += 1.0;
            }
        }
        let mut v: Vector = counts
            .into_iter()
            .map(|(id, tf)| (id, (1.0 + tf.ln()) * self.idf[id as usize]))
            .collect();
        normalise(&mut v);
        v.sort_by_key(|(id, _)| *id);
        v
    }

    /// 1–3 pivots for an item's `text`, with `context` (its block's title) counting a little;
    /// none when no word of it is known.
    pub fn suggest(&self, text: &str, context: &str) -> Vec<Suggestion> {
        self.suggest_for(text, context, false)
    }

    /// [`suggest`](Self::suggest) for an item that is a quality rather than an activity (001's
    /// transversal resources), which a savoir-être may lead.
    pub fn suggest_for(&self, text: &str, context: &str, quality: bool) -> Vec<Suggestion> {
        let params = self.params;
        let stems = |t: &str| stems_of(t, params.stem);
        let mut query = self.vector(&stems(text));
        if !context.trim().is_empty() {
            let ctx = self.vector(&stems(context));
            query = add(&query, &ctx, params.context_weight);
        }
        if query.is_empty() {
            return Vec::new();
        }
        let mut near: Vec<(usize, f32)> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (i, dot(&query, &d.vector)))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        near.sort_by(|a, b| b.1.total_cmp(&a.1));
        near.truncate(params.neighbours);
        let mut scores: HashMap<&str, (f32, Vec<Reason>)> = HashMap::new();
        for (i, sim) in &near {
            let d = &self.docs[*i];
            for (rank, p) in d.pivots.iter().enumerate().take(3) {
                let entry = scores.entry(p.as_str()).or_default();
                entry.0 += sim.powf(params.sharpness) * params.link_weights[rank];
                if !entry.1.iter().any(|r| matches!(r, Reason::Near { .. })) {
                    entry.1.push(Reason::Near {
                        referential: d.referential.clone(),
                        item: d.item.clone(),
                        text: d.text.clone(),
                        similarity: *sim,
                    });
                }
            }
        }
        for p in &self.pivots {
            let profile = dot(&query, &p.profile);
            if profile > 0.0 {
                scores.entry(p.id.as_str()).or_default().0 += params.profile_weight * profile;
            }
            let sim = dot(&query, &p.vector);
            if sim > 0.0 {
                let entry = scores.entry(p.id.as_str()).or_default();
                entry.0 += params.description_weight * sim;
                entry
                    .1
                    .push(Reason::Words(self.shared_words(text, &p.vector)));
            }
        }
        let mut ranked: Vec<Suggestion> = scores
            .into_iter()
            .map(|(p, (score, reasons))| Suggestion {
                pivot: p.to_string(),
                score,
                reasons,
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.pivot.cmp(&b.pivot)));
        // Crosswalk rule 5: a competence leads with a trade skill, and a savoir-être is only a
        // secondary link: at most one, last.
        let (trade, soft): (Vec<Suggestion>, Vec<Suggestion>) = ranked
            .into_iter()
            .partition(|s| quality || !SAVOIR_ETRE.contains(&s.pivot.as_str()));
        let mut ranked: Vec<Suggestion> = trade.into_iter().take(3).collect();
        let room = 3 - ranked.len();
        ranked.extend(soft.into_iter().take(room.min(1)));
        let best = ranked.first().map_or(0.0, |s| s.score);
        ranked.truncate(3);
        ranked.retain(|s| s.score >= best * params.keep_ratio);
        ranked
    }

    /// The words of `text` whose stem is in `vector`, as written, once each.
    fn shared_words(&self, text: &str, vector: &Vector) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let stems = |t: &str| stems_of(t, self.params.stem);
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
            let Some(stem) = stems(word).into_iter().next() else {
                continue;
            };
            let known = self
                .terms
                .get(&stem)
                .is_some_and(|id| vector.binary_search_by_key(id, |(t, _)| *t).is_ok());
            if known && !out.iter().any(|w| stems(w) == stems(word)) {
                out.push(word.to_string());
            }
        }
        out
    }
}

/// Every rated item of `referentials`, with the stems of its text and of its context (its
/// block's or top-level group's title).
fn bundled_items(
    referentials: &[&Referential],
    stems: &dyn Fn(&str) -> Vec<String>,
) -> Vec<(Doc, Vec<String>, Vec<String>)> {
    let mut raw = Vec::new();
    for r in referentials {
        for i in r.rated_items() {
            let context = match i.block.and_then(|b| r.block(b)) {
                Some(b) => b.title.clone(),
                None if i.group.title.is_empty() => i.group.label.clone(),
                None => i.group.title.clone(),
            };
            let it = i.item;
            let text = match &it.title {
                Some(t) => format!("{t}. {}", it.text),
                None => it.text.clone(),
            };
            let doc = Doc {
                referential: r.id.clone(),
                item: it.id.clone(),
                text: it.text.clone(),
                pivots: it.pivots.clone(),
                vector: Vec::new(),
            };
            raw.push((doc, stems(&text), stems(&context)));
        }
    }
    raw
}

/// Term ids and their inverse document frequencies over some documents' stems.
fn vocabulary<'a>(
    docs: impl Iterator<Item = &'a Vec<String>> + Clone,
) -> (HashMap<String, u32>, Vec<f32>) {
    let mut terms = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    for words in docs.clone() {
        let mut seen = std::collections::HashSet::new();
        for w in words {
            let n = terms.len() as u32;
            let id = *terms.entry(w.clone()).or_insert(n);
            if id as usize == df.len() {
                df.push(0);
            }
            if seen.insert(id) {
                df[id as usize] += 1;
            }
        }
    }
    let n = docs.count() as f32;
    let idf = df.iter().map(|d| (1.0 + n / *d as f32).ln()).collect();
    (terms, idf)
}

/// A pivot's profile: the vectors of the items linked to it, summed (main links count double),
/// unit length.
fn profile(pivot: &str, docs: &[Doc]) -> Vector {
    let mut sum: HashMap<u32, f32> = HashMap::new();
    for d in docs {
        let w = match d.pivots.iter().position(|x| x == pivot) {
            Some(0) => 1.0,
            Some(_) => 0.5,
            None => continue,
        };
        for (t, x) in &d.vector {
            *sum.entry(*t).or_default() += w * x;
        }
    }
    let mut v: Vector = sum.into_iter().collect();
    normalise(&mut v);
    v.sort_by_key(|(t, _)| *t);
    v
}

fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, x) in v.iter_mut() {
            *x /= norm;
        }
    }
}

/// Dot product of two vectors sorted by term.
fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// `a + w·b`, unit length again.
fn add(a: &Vector, b: &Vector, w: f32) -> Vector {
    let mut m: HashMap<u32, f32> = a.iter().copied().collect();
    for (id, x) in b {
        *m.entry(*id).or_default() += w * x;
    }
    let mut v: Vector = m.into_iter().collect();
    normalise(&mut v);
    v.sort_by_key(|(id, _)| *id);
    v
}
