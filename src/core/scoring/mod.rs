//! Scoring (SPEC §4–5): pivot and item levels (answered, estimated or unknown), and per profile
//! its **readiness** (share of what the profession expects), its **fit** (how well the candidate
//! matches what sets the profession apart, which ranks the professions), its completeness, its
//! certification blocks, its gaps, its defining skills and the pivot skills worth working on.
//!
//! The catalog is compiled once into a [`ScoringModel`] with dense indices ([`build`]); what
//! depends on the data only — kind weights, each profile's lift per pivot skill, the fit weight
//! of every item, the defining skills — is computed there ([`identity`]), never from answers, so
//! that [`ScoringModel::evaluate`] ([`evaluate`]) is one merge of the sorted answers with the
//! model's sorted ids followed by linear passes over pivots, items and blocks. Every figure of an
//! [`Evaluation`] keeps the item indices it is made of, so the UI can unfold it down to the items.
//!
//! Rules chosen where the SPEC leaves room (each keeps "raising an answer never lowers a figure"):
//! - Levels above an item's scale are clamped to it (4 generic, 5 e-CF); quick answers to 4.
//! - Pivot levels live on the shared 0–5 ladder (generic and e-CF levels map 1:1), so an e-CF item
//!   answered 5 lifts its pivots to 5; estimates are then capped at each item's own scale.
//! - A quick answer wins over the items: a pivot answered in the quick diagnostic ignores the
//!   detailed answers for its own level.
//! - Ties in the ranking compare fit, then completeness, rounded to 1e-9 (so that float noise
//!   between equal figures reached by different sums cannot reorder them), then catalog order.
//! - A block with no rated item is never ready; "≥ 0.8" tolerates 1e-9 of float noise.
//! - Gaps: [`Evaluation::gaps`]; defining skills: [`identity`]; recommendations: [`recommend`];
//!   telling close matches apart (SPEC §5.1, « Départager »): [`tiebreak`].

mod build;
mod evaluate;
pub mod identity;
mod recommend;
#[cfg(test)]
mod tests_by_hand;
#[cfg(test)]
mod tests_properties;
#[cfg(test)]
mod tests_tiny;
pub mod tiebreak;

pub use evaluate::{
    BlockResult, Evaluation, Gap, ItemResult, ItemRow, ItemStatus, PivotLevel, PivotSource,
    ProfileResult,
};
pub use identity::{DefiningSkill, SkillStanding, Standing};
pub use recommend::{ItemGain, ProfileGain, Recommendation};

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Most pivot skills one item can be linked to; the data rules allow 1–3, this leaves headroom
/// while keeping [`PivotList`] inline (no allocation per estimated item).
pub const MAX_LINKS: usize = 4;
/// A block is ready from this readiness on (SPEC §5).
pub const READY_READINESS: f64 = 0.8;
/// How many top-ranked profiles count as the candidate's "best fits".
pub const BEST_FITS: usize = 3;
/// How many pivot skills the app proposes by default.
pub const DEFAULT_RECOMMENDATIONS: usize = 3;

/// Float noise tolerated where a figure is compared with a threshold or another figure.
const EPSILON: f64 = 1e-9;

/// A short inline list of pivot indices: an item's links, or the pivots an estimate came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PivotList {
    len: u8,
    ids: [u16; MAX_LINKS],
}

impl PivotList {
    /// Appends `pivot` unless it is already there; false when it cannot be stored.
    fn push(&mut self, pivot: usize) -> bool {
        let Ok(p) = u16::try_from(pivot) else {
            return false;
        };
        if self.contains(pivot) {
            return true;
        }
        if usize::from(self.len) == MAX_LINKS {
            return false;
        }
        self.ids[usize::from(self.len)] = p;
        self.len += 1;
        true
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn contains(&self, pivot: usize) -> bool {
        self.iter().any(|p| p == pivot)
    }

    /// The item's main pivot (its first link, SPEC §5), if it has any link.
    pub fn main(&self) -> Option<usize> {
        self.iter().next()
    }

    /// Pivot indices (into [`ScoringModel::pivot_ids`]), in the item's link order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids[..self.len()].iter().map(|&p| usize::from(p))
    }
}

/// A rated item as the scoring sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelItem {
    /// `<referential>/<item>`, the key of `Answers::items`.
    pub full_id: String,
    /// Index of its profile in [`ScoringModel::profiles`].
    pub profile: usize,
    pub target: u8,
    /// Kind weight w (SPEC §5): what the item counts for in readiness and completeness.
    pub weight: f64,
    /// Fit weight v = w·(½ + lift(main pivot, profile))², what it counts for in the fit.
    pub fit_weight: f64,
    /// A transversal resource (001's RT): a quality, left out of the lift's shares.
    pub resource: bool,
    /// Top of the item's scale: `GENERIC_MAX` or `ECF_MAX`.
    pub max: u8,
    /// The levels an answer can take, bit l for level l: 0–4 on the generic scale; on the e-CF
    /// scale « aucun » (0) and each level the item describes (SPEC §4), 0–5 if it describes none.
    pub choices: u8,
    pub pivots: PivotList,
    /// Index of its block in the profile's [`ModelProfile::blocks`].
    pub block: Option<usize>,
    /// Where the item's own id starts in `full_id`.
    local: usize,
}

impl ModelItem {
    /// The item id inside its referential, e.g. `C2.1.3`.
    pub fn item_id(&self) -> &str {
        &self.full_id[self.local..]
    }

    /// Whether the item enters its profile's sums (SPEC §5: rated items with t > 0).
    pub fn counts(&self) -> bool {
        self.target > 0
    }

    /// The credit c = min(l/t, 1) of the item at `level` (0 for an item that does not count).
    pub fn credit(&self, level: u8) -> f64 {
        credit(level, self.target)
    }

    /// The highest level an answer can take below `level`.
    pub fn choice_below(&self, level: u8) -> Option<u8> {
        (0..level).rev().find(|&l| self.offers(l))
    }

    /// The lowest level an answer can take above `level`.
    pub fn choice_above(&self, level: u8) -> Option<u8> {
        (level.saturating_add(1)..=self.max).find(|&l| self.offers(l))
    }

    fn offers(&self, level: u8) -> bool {
        level < 8 && self.choices & (1 << level) != 0
    }
}

/// Every level from 0 to `max` (at most 7) as a [`ModelItem::choices`] mask.
pub(crate) fn every_level(max: u8) -> u8 {
    (0..=max.min(7)).fold(0, |mask, l| mask | (1 << l))
}

fn credit(level: u8, target: u8) -> f64 {
    if target == 0 {
        return 0.0;
    }
    f64::from(level.min(target)) / f64::from(target)
}

/// What evaluation reads for every item, kept apart from ids and blocks so that the per-item
/// pass streams through a dense array.
#[derive(Debug, Clone, Copy)]
struct HotItem {
    weight: f64,
    fit_weight: f64,
    pivots: PivotList,
    target: u8,
    max: u8,
}

impl HotItem {
    fn new(item: &ModelItem) -> HotItem {
        HotItem {
            weight: item.weight,
            fit_weight: item.fit_weight,
            pivots: item.pivots,
            target: item.target,
            max: item.max,
        }
    }
}

/// A certification block and the items that count for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelBlock {
    /// Block id inside its referential, e.g. `BC02`.
    pub id: String,
    /// Item indices, in document order.
    pub items: Vec<usize>,
    /// Σ w over the block's items with t > 0.
    pub total_weight: f64,
}

/// A profile: one referential, i.e. one job or certification to match against.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelProfile {
    /// Referential id.
    pub id: String,
    /// Its items are contiguous in [`ScoringModel::items`], in document order.
    pub items: Range<usize>,
    /// Σ w over its items with t > 0.
    pub total_weight: f64,
    /// Σ v over its items with t > 0.
    pub total_fit_weight: f64,
    /// Declared blocks first, in declaration order, then any block only named by an item.
    pub blocks: Vec<ModelBlock>,
    /// Per pivot skill (dense, [`ScoringModel::pivot_ids`] order): its share of the profile's
    /// non-resource item weight as a main pivot, and its lift (see [`identity`]).
    pub shares: Vec<f64>,
    pub lifts: Vec<f64>,
    /// The pivot skills that set this profession apart, highest lift first.
    pub defining: Vec<DefiningSkill>,
}

/// The catalog compiled for scoring: built once, then [`evaluate`](Self::evaluate) per change.
#[derive(Debug, Clone)]
pub struct ScoringModel {
    pivots: Vec<String>,
    pivot_index: HashMap<String, usize>,
    items: Vec<ModelItem>,
    hot: Vec<HotItem>,
    item_index: HashMap<String, usize>,
    /// Item indices sorted by full id: answers come sorted too, so evaluation joins them in one
    /// merge instead of hashing every id.
    by_id: Vec<u32>,
    profiles: Vec<ModelProfile>,
    /// Rated items linked to each pivot, across profiles, in model order.
    pivot_items: Vec<Vec<usize>>,
}

impl ScoringModel {
    /// The model of the bundled [`catalog()`](super::catalog::catalog), built on first use.
    pub fn bundled() -> &'static ScoringModel {
        static MODEL: OnceLock<ScoringModel> = OnceLock::new();
        MODEL.get_or_init(|| ScoringModel::from_catalog(super::catalog::catalog()))
    }

    /// Pivot skill ids, in `pivots.json` order; pivot indices point into this.
    pub fn pivot_ids(&self) -> &[String] {
        &self.pivots
    }

    pub fn pivot_index(&self, id: &str) -> Option<usize> {
        self.pivot_index.get(id).copied()
    }

    pub fn items(&self) -> &[ModelItem] {
        &self.items
    }

    pub fn item(&self, index: usize) -> &ModelItem {
        &self.items[index]
    }

    /// Index of the item with this full id (`<referential>/<item>`).
    pub fn item_index(&self, full_id: &str) -> Option<usize> {
        self.item_index.get(full_id).copied()
    }

    pub fn profiles(&self) -> &[ModelProfile] {
        &self.profiles
    }

    pub fn profile_index(&self, id: &str) -> Option<usize> {
        self.profiles.iter().position(|p| p.id == id)
    }

    /// Rated items linked to a pivot skill, across profiles.
    pub fn pivot_items(&self, pivot: usize) -> &[usize] {
        &self.pivot_items[pivot]
    }
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// A figure rounded to 1e-9, so that float noise between equal figures compares equal while the
/// order stays total.
fn quantize(x: f64) -> i64 {
    (x / EPSILON).round() as i64
}
