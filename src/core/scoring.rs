//! Scoring (SPEC §4–5): pivot and item levels (answered, estimated or unknown), profile score and
//! completeness, ranking, certification blocks, gaps and pivot-skill recommendations.
//!
//! The catalog is compiled once into a [`ScoringModel`] with dense indices, so that
//! [`ScoringModel::evaluate`] is one merge of the (sorted) answers with the model's sorted ids —
//! the only string work, no hashing — followed by linear passes over pivots, items and blocks. Every figure of an [`Evaluation`] keeps the item
//! indices it is made of, so the UI can unfold it down to the items.
//!
//! Rules chosen where the SPEC leaves room (each one keeps "raising an answer never lowers a
//! score" true):
//! - Levels above an item's scale are clamped to it (4 generic, 5 e-CF); quick answers to 4.
//! - Pivot levels live on the shared 0–5 ladder (generic and e-CF levels map 1:1), so an e-CF item
//!   answered 5 lifts its pivots to 5; estimates are then capped at each item's own scale.
//! - A quick answer wins over the items: a pivot answered in the quick diagnostic ignores the
//!   detailed answers for its own level.
//! - Ties in the ranking compare score, then completeness, rounded to 1e-9 (so that float noise
//!   between equal figures reached by different sums cannot reorder them), then catalog order.
//! - A block with no rated item is never ready; "≥ 0.8" tolerates 1e-9 of float noise.
//! - Recommendations: see [`ScoringModel::recommend`].

use super::answers::{full_id, Answers, ECF_MAX, GENERIC_MAX};
use super::catalog::Catalog;
use super::model::Scale;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Most pivot skills one item can be linked to; the data rules allow 1–3, this leaves headroom
/// while keeping [`PivotList`] inline (no allocation per estimated item).
pub const MAX_LINKS: usize = 4;
/// A block is ready from this score on (SPEC §5).
pub const READY_SCORE: f64 = 0.8;
/// How many top-ranked profiles count as the candidate's "best matches".
pub const BEST_MATCHES: usize = 3;
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

    /// Pivot indices (into [`ScoringModel::pivot_ids`]), in the item's link order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids[..self.len()].iter().map(|&p| usize::from(p))
    }
}

/// A rated item as the scoring sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelItem {
    /// `<referential>/<item>`, the key of [`Answers::items`].
    pub full_id: String,
    /// Index of its profile in [`ScoringModel::profiles`].
    pub profile: usize,
    pub target: u8,
    pub weight: f64,
    /// Top of the item's scale: [`GENERIC_MAX`] or [`ECF_MAX`].
    pub max: u8,
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
}

/// What evaluation reads for every item, kept apart from ids and blocks so that the per-item
/// pass streams through a dense array.
#[derive(Debug, Clone, Copy)]
struct HotItem {
    weight: f64,
    pivots: PivotList,
    target: u8,
    max: u8,
}

impl HotItem {
    fn new(item: &ModelItem) -> HotItem {
        HotItem {
            weight: item.weight,
            pivots: item.pivots,
            target: item.target,
            max: item.max,
        }
    }

    /// `w·min(l/t, 1)`: what the item earns at `level`, before dividing by the profile weight.
    fn earned(&self, level: u8) -> f64 {
        if self.target == 0 {
            return 0.0;
        }
        self.weight * f64::from(level.min(self.target)) / f64::from(self.target)
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
    /// Declared blocks first, in declaration order, then any block only named by an item.
    pub blocks: Vec<ModelBlock>,
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

/// Where a pivot skill's level comes from (SPEC §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PivotSource {
    /// Neither answered in the quick diagnostic nor through any linked item.
    None,
    Quick,
    /// Floor of the mean of these directly answered items (indices into
    /// [`ScoringModel::items`], document order; `item(i).full_id` names them).
    Items(Vec<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PivotLevel {
    pub level: Option<u8>,
    pub source: PivotSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Answered,
    /// Floor of the mean of these linked pivots' levels, capped at the item's scale.
    Estimated {
        from: PivotList,
    },
    /// No answer and no linked pivot with a level: counts as level 0 and as not known.
    Unknown,
}

impl ItemStatus {
    /// Answered or estimated: what completeness counts.
    pub fn is_known(&self) -> bool {
        !matches!(self, ItemStatus::Unknown)
    }
}

/// An item's level; its share of the score is [`Evaluation::contribution`] (derived, not stored,
/// which halves the per-item size of an evaluation: 14 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemResult {
    /// 0 when unknown.
    pub level: u8,
    pub status: ItemStatus,
}

/// One line of the unfolded score of a profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemRow<'a> {
    pub item: usize,
    pub full_id: &'a str,
    pub target: u8,
    pub weight: f64,
    pub level: u8,
    pub status: ItemStatus,
    pub contribution: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlockResult {
    /// Index in the profile's [`ModelProfile::blocks`].
    pub block: usize,
    pub score: f64,
    pub completeness: f64,
    pub ready: bool,
    /// Items below t − 1, which keep the block from being ready whatever its score.
    pub blocking: Vec<usize>,
}

/// An item below its target, with the priority SPEC §5 orders gaps by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub item: usize,
    pub level: u8,
    pub target: u8,
    /// `w·(t − l)/t`.
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileResult {
    /// Index in [`ScoringModel::profiles`].
    pub profile: usize,
    pub score: f64,
    pub completeness: f64,
    /// The profile's rows in [`Evaluation::items`] (see [`Evaluation::rows`]).
    pub items: Range<usize>,
    pub blocks: Vec<BlockResult>,
    /// Highest priority first; equal priorities keep document order.
    pub gaps: Vec<Gap>,
}

/// Everything SPEC §4–5 derives from one set of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Per pivot, in [`ScoringModel::pivot_ids`] order.
    pub pivots: Vec<PivotLevel>,
    /// Per item, in [`ScoringModel::items`] order.
    pub items: Vec<ItemResult>,
    /// Per profile, in catalog order.
    pub profiles: Vec<ProfileResult>,
    /// Profile indices, best match first.
    pub ranking: Vec<usize>,
}

impl Evaluation {
    /// The profiles, best match first.
    pub fn ranked(&self) -> impl Iterator<Item = &ProfileResult> + '_ {
        self.ranking.iter().map(|&p| &self.profiles[p])
    }

    /// `w·min(l/t, 1) / Σw` of the item's profile: its share of the profile score (the
    /// contributions of a profile's items add up to its score).
    pub fn contribution(&self, model: &ScoringModel, item: usize) -> f64 {
        let profile = &model.profiles[model.items[item].profile];
        ratio(
            model.hot[item].earned(self.items[item].level),
            profile.total_weight,
        )
    }

    /// The unfolded score of a profile: one row per rated item, document order.
    pub fn rows<'a>(
        &'a self,
        model: &'a ScoringModel,
        profile: usize,
    ) -> impl Iterator<Item = ItemRow<'a>> + 'a {
        self.profiles[profile].items.clone().map(move |i| {
            let item = &model.items[i];
            let r = &self.items[i];
            ItemRow {
                item: i,
                full_id: &item.full_id,
                target: item.target,
                weight: item.weight,
                level: r.level,
                status: r.status,
                contribution: self.contribution(model, i),
            }
        })
    }
}

/// Gain of one profile if the candidate progressed in a pivot skill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfileGain {
    pub profile: usize,
    pub gain: f64,
}

/// An item whose level would rise, and so raise its profile's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemGain {
    pub item: usize,
    pub from: u8,
    pub to: u8,
}

/// A pivot skill worth working on, with what it would bring.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub pivot: usize,
    pub from_level: Option<u8>,
    pub to_level: u8,
    /// Sum of the best matches' score increases.
    pub gain: f64,
    /// Every best match, best first, with its score increase (possibly 0).
    pub profiles: Vec<ProfileGain>,
    /// The items of the best matches that would score more, model order.
    pub items: Vec<ItemGain>,
}

/// Assembles profiles and items, then derives the indices every evaluation relies on.
struct Builder {
    pivots: Vec<String>,
    pivot_index: HashMap<String, usize>,
    items: Vec<ModelItem>,
    profiles: Vec<ModelProfile>,
}

impl Builder {
    fn new(pivots: Vec<String>) -> Builder {
        let pivot_index = pivots
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Builder {
            pivots,
            pivot_index,
            items: Vec::new(),
            profiles: Vec::new(),
        }
    }

    fn start_profile(&mut self, id: &str, blocks: impl IntoIterator<Item = String>) {
        let start = self.items.len();
        self.profiles.push(ModelProfile {
            id: id.to_owned(),
            items: start..start,
            total_weight: 0.0,
            blocks: blocks
                .into_iter()
                .map(|id| ModelBlock {
                    id,
                    items: Vec::new(),
                    total_weight: 0.0,
                })
                .collect(),
        });
    }

    fn block_index(&mut self, id: &str) -> usize {
        let profile = self.profiles.last_mut().expect("profile started");
        if let Some(b) = profile.blocks.iter().position(|b| b.id == id) {
            return b;
        }
        profile.blocks.push(ModelBlock {
            id: id.to_owned(),
            items: Vec::new(),
            total_weight: 0.0,
        });
        profile.blocks.len() - 1
    }

    /// Unknown pivot ids are skipped: the data rules reject them, and the scoring must not crash.
    fn push_item<'a>(
        &mut self,
        item_id: &str,
        target: u8,
        weight: f64,
        max: u8,
        pivots: impl IntoIterator<Item = &'a str>,
        block: Option<&str>,
    ) {
        let profile = self.profiles.len() - 1;
        let mut links = PivotList::default();
        for p in pivots {
            if let Some(&p) = self.pivot_index.get(p) {
                let stored = links.push(p);
                debug_assert!(stored, "{item_id}: more than {MAX_LINKS} pivot links");
            }
        }
        let block = block.map(|b| self.block_index(b));
        let index = self.items.len();
        let prof = &mut self.profiles[profile];
        let full = full_id(&prof.id, item_id);
        let counts = target > 0;
        if counts {
            prof.total_weight += weight;
        }
        if let Some(b) = block {
            prof.blocks[b].items.push(index);
            if counts {
                prof.blocks[b].total_weight += weight;
            }
        }
        prof.items.end = index + 1;
        self.items.push(ModelItem {
            local: prof.id.len() + 1,
            full_id: full,
            profile,
            target: target.min(max),
            weight,
            max,
            pivots: links,
            block,
        });
    }

    fn finish(self) -> ScoringModel {
        let mut pivot_items = vec![Vec::new(); self.pivots.len()];
        for (i, item) in self.items.iter().enumerate() {
            for p in item.pivots.iter() {
                pivot_items[p].push(i);
            }
        }
        let item_index = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.full_id.clone(), i))
            .collect();
        let mut by_id: Vec<u32> = (0..self.items.len())
            .map(|i| u32::try_from(i).expect("fewer than 2^32 items"))
            .collect();
        by_id.sort_unstable_by(|&a, &b| {
            self.items[a as usize]
                .full_id
                .cmp(&self.items[b as usize].full_id)
        });
        ScoringModel {
            pivots: self.pivots,
            pivot_index: self.pivot_index,
            hot: self.items.iter().map(HotItem::new).collect(),
            items: self.items,
            item_index,
            by_id,
            profiles: self.profiles,
            pivot_items,
        }
    }
}

/// splitmix64: deterministic, dependency-free numbers for synthetic models.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..n` for test data (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

impl ScoringModel {
    /// The model of the bundled [`catalog()`](super::catalog::catalog), built on first use.
    pub fn bundled() -> &'static ScoringModel {
        static MODEL: OnceLock<ScoringModel> = OnceLock::new();
        MODEL.get_or_init(|| ScoringModel::from_catalog(super::catalog::catalog()))
    }

    /// Every rated item of every referential, in catalog and document order.
    pub fn from_catalog(catalog: &Catalog) -> ScoringModel {
        let pivots = catalog.pivots.skills().map(|s| s.id.clone()).collect();
        let mut b = Builder::new(pivots);
        for r in &catalog.referentials {
            let max = match r.scale {
                Scale::Generic => GENERIC_MAX,
                Scale::Ecf => ECF_MAX,
            };
            b.start_profile(&r.id, r.blocks.iter().map(|bl| bl.id.clone()));
            for ir in r.rated_items() {
                let item = ir.item;
                b.push_item(
                    &item.id,
                    item.target(),
                    item.weight(),
                    max,
                    item.pivots.iter().map(String::as_str),
                    ir.block,
                );
            }
        }
        b.finish()
    }

    /// A deterministic pseudo-random model for benchmarks: `profiles` × `items_per_profile` items
    /// linked to 1–3 of `pivots` pivot skills (ids `pivot-000`…, profiles `synthetic-0000`…,
    /// items `I0000`…). Every third profile is on the e-CF scale (targets 2–3), every other one
    /// has 4 blocks; a fifth of the generic items are knowledge items (weight 0.5, target 1–2).
    pub fn synthetic(
        profiles: usize,
        items_per_profile: usize,
        pivots: usize,
        seed: u64,
    ) -> ScoringModel {
        assert!(
            (1..=usize::from(u16::MAX)).contains(&pivots),
            "pivot count out of range"
        );
        let mut rng = SplitMix(seed);
        let mut b = Builder::new((0..pivots).map(|p| format!("pivot-{p:03}")).collect());
        for k in 0..profiles {
            let ecf = k % 3 == 0;
            let blocks = if k % 2 == 1 { 4 } else { 0 };
            b.start_profile(
                &format!("synthetic-{k:04}"),
                (1..=blocks).map(|n| format!("BC{n:02}")),
            );
            for j in 0..items_per_profile {
                let links = 1 + rng.below(3.min(pivots));
                let mut ids = Vec::with_capacity(links);
                while ids.len() < links {
                    let p = rng.below(pivots);
                    if !ids.contains(&p) {
                        ids.push(p);
                    }
                }
                let (target, weight) = if ecf {
                    (2 + rng.below(2) as u8, 1.0)
                } else if rng.below(5) == 0 {
                    (1 + rng.below(2) as u8, 0.5)
                } else {
                    (3, 1.0)
                };
                let block =
                    (blocks > 0).then(|| format!("BC{:02}", 1 + j * blocks / items_per_profile));
                let names: Vec<String> = ids.iter().map(|&p| b.pivots[p].clone()).collect();
                b.push_item(
                    &format!("I{j:04}"),
                    target,
                    weight,
                    if ecf { ECF_MAX } else { GENERIC_MAX },
                    names.iter().map(String::as_str),
                    block.as_deref(),
                );
            }
        }
        b.finish()
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

    /// SPEC §4–5 for one set of answers. Ids the model does not know are ignored (import
    /// validation reports them); levels above a scale are clamped to it.
    pub fn evaluate(&self, answers: &Answers) -> Evaluation {
        const NONE: u8 = u8::MAX;
        let np = self.pivots.len();

        // Pivots answered in the quick diagnostic are settled first, so that item answers only
        // feed the others.
        let mut pivot_level = vec![NONE; np];
        for (id, &level) in &answers.quick {
            if let Some(&p) = self.pivot_index.get(id.as_str()) {
                pivot_level[p] = level.min(GENERIC_MAX);
            }
        }
        let quick: Vec<bool> = pivot_level.iter().map(|&l| l != NONE).collect();

        let mut answered = vec![NONE; self.items.len()];
        let mut sums = vec![(0u32, 0u32); np];
        let mut sources: Vec<Vec<usize>> = vec![Vec::new(); np];
        let mut cursor = 0;
        for (id, answer) in &answers.items {
            let Some(i) = self.seek(&mut cursor, id) else {
                continue;
            };
            let item = &self.items[i];
            let level = answer.level.min(item.max);
            answered[i] = level;
            for p in item.pivots.iter() {
                if !quick[p] {
                    sums[p].0 += u32::from(level);
                    sums[p].1 += 1;
                    sources[p].push(i);
                }
            }
        }

        let mut pivots = Vec::with_capacity(np);
        for (p, mut items) in sources.into_iter().enumerate() {
            let (sum, count) = sums[p];
            let pl = if quick[p] {
                PivotLevel {
                    level: Some(pivot_level[p]),
                    source: PivotSource::Quick,
                }
            } else if let Some(mean) = sum.checked_div(count) {
                // Floor of the mean of levels ≤ 5 stays within u8.
                pivot_level[p] = mean as u8;
                // Answers come in id order; the UI lists them in document order.
                items.sort_unstable();
                PivotLevel {
                    level: Some(pivot_level[p]),
                    source: PivotSource::Items(items),
                }
            } else {
                PivotLevel {
                    level: None,
                    source: PivotSource::None,
                }
            };
            pivots.push(pl);
        }

        // Profiles hold contiguous item ranges in model order, so one pass both settles each
        // item's level and sums its profile.
        let mut items = Vec::with_capacity(self.hot.len());
        let mut profiles = Vec::with_capacity(self.profiles.len());
        for (pi, prof) in self.profiles.iter().enumerate() {
            debug_assert_eq!(prof.items.start, items.len());
            let mut earned = 0.0;
            let mut known = 0.0;
            let mut gaps = Vec::new();
            for i in prof.items.clone() {
                let h = &self.hot[i];
                let (level, status) = if answered[i] != NONE {
                    (answered[i], ItemStatus::Answered)
                } else {
                    estimate(&h.pivots, h.max, &pivot_level, None)
                };
                if h.target > 0 {
                    earned += h.earned(level);
                    if status.is_known() {
                        known += h.weight;
                    }
                    if level < h.target {
                        gaps.push(Gap {
                            item: i,
                            level,
                            target: h.target,
                            priority: h.weight * f64::from(h.target - level) / f64::from(h.target),
                        });
                    }
                }
                items.push(ItemResult { level, status });
            }
            // Stable: equal priorities keep document order.
            gaps.sort_by(|a, b| b.priority.total_cmp(&a.priority));
            let blocks = prof
                .blocks
                .iter()
                .enumerate()
                .map(|(bi, block)| self.block_result(bi, block, &items))
                .collect();
            profiles.push(ProfileResult {
                profile: pi,
                score: ratio(earned, prof.total_weight),
                completeness: ratio(known, prof.total_weight),
                items: prof.items.clone(),
                blocks,
                gaps,
            });
        }

        let ranking = rank(&profiles);
        Evaluation {
            pivots,
            items,
            profiles,
            ranking,
        }
    }

    /// Finds `id` in `by_id` from `cursor` on, and moves the cursor past it. Ids must be asked
    /// in increasing order (as a `BTreeMap` yields them); galloping keeps a sparse set of
    /// answers from walking every item.
    fn seek(&self, cursor: &mut usize, id: &str) -> Option<usize> {
        let rest = &self.by_id[*cursor..];
        let key = |k: usize| self.items[rest[k] as usize].full_id.as_str();
        let mut hi = 1;
        while hi <= rest.len() && key(hi - 1) < id {
            hi *= 2;
        }
        // Everything before hi / 2 is below id; the first id ≥ id is before hi (or at the end).
        let lo = hi / 2;
        let end = hi.min(rest.len());
        let pos =
            lo + rest[lo..end].partition_point(|&i| self.items[i as usize].full_id.as_str() < id);
        *cursor += pos;
        if pos < rest.len() && key(pos) == id {
            *cursor += 1;
            Some(rest[pos] as usize)
        } else {
            None
        }
    }

    fn block_result(&self, index: usize, block: &ModelBlock, items: &[ItemResult]) -> BlockResult {
        let mut earned = 0.0;
        let mut known = 0.0;
        let mut blocking = Vec::new();
        for &i in &block.items {
            let h = &self.hot[i];
            if h.target == 0 {
                continue;
            }
            let r = &items[i];
            earned += h.earned(r.level);
            if r.status.is_known() {
                known += h.weight;
            }
            if r.level + 1 < h.target {
                blocking.push(i);
            }
        }
        let score = ratio(earned, block.total_weight);
        BlockResult {
            block: index,
            score,
            completeness: ratio(known, block.total_weight),
            ready: block.total_weight > 0.0
                && score >= READY_SCORE - EPSILON
                && blocking.is_empty(),
            blocking,
        }
    }

    /// The `n` pivot skills whose progress would raise the best matches (the [`BEST_MATCHES`]
    /// top-ranked profiles) most, best first; only pivots with a positive gain.
    ///
    /// "Progressing in pivot p" is simulated as: p's level rises by one (to 1 if it had none,
    /// at most 5); every directly answered item linked to p rises by one level (capped at its
    /// scale); every other item linked to p is re-estimated with p's new level, keeping its
    /// current level if that is higher (a first, low level in p must not drag down an estimate
    /// made from stronger pivots). Nothing else moves: the other pivots keep their levels, so
    /// the figure only credits p. The gain of a profile is its score increase; the
    /// recommendation's gain is the sum over the best matches.
    pub fn recommend(&self, eval: &Evaluation, n: usize) -> Vec<Recommendation> {
        let best: Vec<usize> = eval.ranking.iter().take(BEST_MATCHES).copied().collect();
        let levels: Vec<u8> = eval
            .pivots
            .iter()
            .map(|p| p.level.unwrap_or(u8::MAX))
            .collect();
        let mut out = Vec::new();
        for p in 0..self.pivots.len() {
            let from_level = eval.pivots[p].level;
            let to_level = from_level.map_or(1, |l| (l + 1).min(ECF_MAX));
            if from_level == Some(to_level) {
                continue;
            }
            let mut gains = vec![0.0; best.len()];
            let mut items = Vec::new();
            for &i in &self.pivot_items[p] {
                let profile = self.items[i].profile;
                let Some(slot) = best.iter().position(|&b| b == profile) else {
                    continue;
                };
                let h = &self.hot[i];
                let r = &eval.items[i];
                let to = match r.status {
                    ItemStatus::Answered => (r.level + 1).min(h.max),
                    _ => estimate(&h.pivots, h.max, &levels, Some((p, to_level)))
                        .0
                        .max(r.level),
                };
                let delta = h.earned(to) - h.earned(r.level);
                if delta > 0.0 {
                    gains[slot] += delta / self.profiles[profile].total_weight;
                    items.push(ItemGain {
                        item: i,
                        from: r.level,
                        to,
                    });
                }
            }
            let gain: f64 = gains.iter().sum();
            if gain > EPSILON {
                out.push(Recommendation {
                    pivot: p,
                    from_level,
                    to_level,
                    gain,
                    profiles: best
                        .iter()
                        .zip(gains)
                        .map(|(&profile, gain)| ProfileGain { profile, gain })
                        .collect(),
                    items,
                });
            }
        }
        // Stable: equal gains keep pivots.json order.
        out.sort_by(|a, b| b.gain.total_cmp(&a.gain));
        out.truncate(n);
        out
    }
}

/// An unanswered item's level from its linked pivots (`u8::MAX` = no level), optionally with
/// one pivot's level overridden.
fn estimate(
    pivots: &PivotList,
    max: u8,
    pivot_level: &[u8],
    with: Option<(usize, u8)>,
) -> (u8, ItemStatus) {
    let mut sum = 0u32;
    let mut from = PivotList::default();
    for p in pivots.iter() {
        let level = match with {
            Some((q, l)) if q == p => l,
            _ => pivot_level[p],
        };
        if level != u8::MAX {
            sum += u32::from(level);
            from.push(p);
        }
    }
    if from.is_empty() {
        (0, ItemStatus::Unknown)
    } else {
        let mean = (sum / from.len() as u32) as u8;
        (mean.min(max), ItemStatus::Estimated { from })
    }
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// Score desc, completeness desc, catalog order; figures rounded so float noise is no tie-break.
fn rank(profiles: &[ProfileResult]) -> Vec<usize> {
    let key = |p: &ProfileResult| {
        (
            (p.score / EPSILON).round() as i64,
            (p.completeness / EPSILON).round() as i64,
        )
    };
    let mut ranking: Vec<usize> = (0..profiles.len()).collect();
    ranking.sort_by(|&a, &b| key(&profiles[b]).cmp(&key(&profiles[a])).then(a.cmp(&b)));
    ranking
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::ItemAnswer;
    use crate::core::catalog::catalog;
    use proptest::prelude::*;

    fn model() -> &'static ScoringModel {
        ScoringModel::bundled()
    }

    fn answers(quick: &[(&str, u8)], items: &[(&str, u8)]) -> Answers {
        let mut a = Answers::default();
        for &(p, l) in quick {
            assert!(model().pivot_index(p).is_some(), "no pivot {p}");
            a.quick.insert(p.to_owned(), l);
        }
        for &(i, l) in items {
            assert!(model().item_index(i).is_some(), "no item {i}");
            a.items.insert(
                i.to_owned(),
                ItemAnswer {
                    level: l,
                    evidence: String::new(),
                },
            );
        }
        a
    }

    fn profile<'a>(e: &'a Evaluation, id: &str) -> &'a ProfileResult {
        &e.profiles[model().profile_index(id).expect("profile")]
    }

    fn item<'a>(e: &'a Evaluation, full_id: &str) -> &'a ItemResult {
        &e.items[model().item_index(full_id).expect("item")]
    }

    fn pivot<'a>(e: &'a Evaluation, id: &str) -> &'a PivotLevel {
        &e.pivots[model().pivot_index(id).expect("pivot")]
    }

    fn block<'a>(e: &'a Evaluation, referential: &str, id: &str) -> &'a BlockResult {
        let p = model().profile_index(referential).expect("profile");
        let b = model().profiles()[p]
            .blocks
            .iter()
            .position(|b| b.id == id)
            .expect("block");
        &e.profiles[p].blocks[b]
    }

    fn ids(items: &[usize]) -> Vec<&'static str> {
        items
            .iter()
            .map(|&i| model().item(i).full_id.as_str())
            .collect()
    }

    fn pivots_of(status: ItemStatus) -> Vec<&'static str> {
        match status {
            ItemStatus::Estimated { from } => from
                .iter()
                .map(|p| model().pivot_ids()[p].as_str())
                .collect(),
            other => panic!("not estimated: {other:?}"),
        }
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-12,
            "{actual} is not {expected}"
        );
    }

    /// The hand computations below rely on these data facts; a data edit fails here first.
    fn assert_weights(referential: &str, full: usize, half: usize) {
        let p = &model().profiles()[model().profile_index(referential).unwrap()];
        let items = &model().items()[p.items.clone()];
        let count = |w: f64| items.iter().filter(|i| i.weight == w).count();
        assert_eq!(
            (count(1.0), count(0.5), items.len()),
            (full, half, full + half),
            "{referential}: data changed, redo the hand computations"
        );
        assert_close(p.total_weight, full as f64 + half as f64 / 2.0);
    }

    #[test]
    fn charge_ecommerce_by_hand() {
        // 20 sub-competences + RT01–RT16 (RT17 not rated) at weight 1, 9 DC.* at 0.5: Σw = 40.5.
        assert_weights("charge-ecommerce", 36, 9);
        let e = model().evaluate(&answers(
            &[],
            &[("charge-ecommerce/AC2.2", 3), ("charge-ecommerce/AC5.1", 2)],
        ));
        // Pivots: referencement = 3 (AC2.2), relation-client = 2 (AC5.1).
        // AC2.2 answered 3/3 → 1; AC5.1 answered 2/3; relation-client estimates AC4.2, AC5.2,
        // AC5.3, RT08 at 2 → 2/3 each; referencement estimates DC.34093 (t 2, w 0.5) at 3 → 0.5.
        // score = (1 + 5·2/3 + 0.5) / 40.5 = (29/6) / 40.5 = 29/243
        // completeness = (6 + 0.5) / 40.5 = 13/81
        let p = profile(&e, "charge-ecommerce");
        assert_close(p.score, 29.0 / 243.0);
        assert_close(p.completeness, 13.0 / 81.0);
        let known: Vec<_> = e
            .rows(model(), p.profile)
            .filter(|r| r.status.is_known())
            .map(|r| (r.full_id, r.level))
            .collect();
        assert_eq!(
            known,
            [
                ("charge-ecommerce/AC2.2", 3),
                ("charge-ecommerce/AC4.2", 2),
                ("charge-ecommerce/AC5.1", 2),
                ("charge-ecommerce/AC5.2", 2),
                ("charge-ecommerce/AC5.3", 2),
                ("charge-ecommerce/RT08", 2),
                ("charge-ecommerce/DC.34093", 3),
            ]
        );
        let sum: f64 = e.rows(model(), p.profile).map(|r| r.contribution).sum();
        assert_close(sum, p.score);
        assert_close(
            e.contribution(
                model(),
                model().item_index("charge-ecommerce/AC5.1").unwrap(),
            ),
            2.0 / 3.0 / 40.5,
        );
    }

    #[test]
    fn vendeur_web_ecf_by_hand() {
        let vw = catalog().referential("vendeur-web").unwrap();
        for r in vw.rated_items() {
            let lowest = r.item.levels.iter().map(|l| l.level).min();
            assert_eq!(Some(r.item.target()), lowest, "{}", r.item.id);
        }
        assert_weights("vendeur-web", 10, 0);
        let e = model().evaluate(&answers(
            &[],
            &[("vendeur-web/E.3", 2), ("vendeur-web/D.5", 5)],
        ));
        // Pivots: amelioration-risques = 2 (E.3); vente-negociation = cahier-des-charges = 5 (D.5,
        // e-CF levels feed pivots 1:1).
        // E.3 answered 2, target 2 → 1; D.5 answered 5, target 3 → 1;
        // D.7 (vente-negociation) estimated 5 → 1; E.5 (amelioration-risques) estimated 2/3 → 2/3.
        // score = (3 + 2/3) / 10 = 11/30; completeness = 4/10.
        let p = profile(&e, "vendeur-web");
        assert_close(p.score, 11.0 / 30.0);
        assert_close(p.completeness, 0.4);
        let d7 = item(&e, "vendeur-web/D.7");
        assert_eq!(d7.level, 5, "e-CF estimates go up to 5");
        assert_eq!(pivots_of(d7.status), ["vente-negociation"]);
        // The same pivot level is capped at 4 on the generic scale.
        assert_eq!(item(&e, "charge-ecommerce/AC4.2").level, 4);
        assert_eq!(
            pivots_of(item(&e, "charge-ecommerce/AC4.2").status),
            ["vente-negociation"]
        );
        // Gaps: level 0 at weight 1 (priority 1) in document order, then E.5 (1·(3−2)/3).
        let gaps: Vec<_> = p.gaps.iter().map(|g| g.item).collect();
        assert_eq!(
            ids(&gaps),
            [
                "vendeur-web/A.7",
                "vendeur-web/D.6",
                "vendeur-web/D.8",
                "vendeur-web/E.1",
                "vendeur-web/E.2",
                "vendeur-web/E.4",
                "vendeur-web/E.5"
            ]
        );
        assert_close(p.gaps[6].priority, 1.0 / 3.0);
    }

    #[test]
    fn chef_projet_knowledge_item_weighs_half() {
        // 45 savoirs (…S…, weight 0.5) and 94 savoir-faire (weight 1): Σw = 116.5.
        assert_weights("chef-projet-ecommerce", 94, 45);
        let s1 = "chef-projet-ecommerce/D5.S1";
        assert_eq!(model().item(model().item_index(s1).unwrap()).target, 2);
        let e = model().evaluate(&answers(&[], &[(s1, 1)]));
        // contrats-droit = 1 (D5.S1 is its only link). D5.S1 answered 1/2 at w 0.5 → 0.25;
        // D5.S2 (knowledge) estimated 1 → 0.25; D5.SF7, D5.SF8, D5.SF10, D5.SF21 (know-how)
        // estimated 1 → 1/3 each.
        // score = (0.25 + 0.25 + 4/3) / 116.5 = (11/6) / 116.5; completeness = (0.5·2 + 4) / 116.5.
        let p = profile(&e, "chef-projet-ecommerce");
        assert_close(p.score, 11.0 / 6.0 / 116.5);
        assert_close(p.completeness, 5.0 / 116.5);
        assert_close(
            e.contribution(model(), model().item_index(s1).unwrap()),
            0.25 / 116.5,
        );
        assert_close(
            e.contribution(
                model(),
                model().item_index("chef-projet-ecommerce/D5.SF7").unwrap(),
            ),
            1.0 / 3.0 / 116.5,
        );
        let known: Vec<_> = e
            .rows(model(), p.profile)
            .filter(|r| r.status.is_known())
            .map(|r| r.full_id)
            .collect();
        assert_eq!(
            known,
            [
                "chef-projet-ecommerce/D5.S1",
                "chef-projet-ecommerce/D5.S2",
                "chef-projet-ecommerce/D5.SF7",
                "chef-projet-ecommerce/D5.SF8",
                "chef-projet-ecommerce/D5.SF10",
                "chef-projet-ecommerce/D5.SF21",
            ]
        );
    }

    const BC01: [&str; 7] = [
        "charge-developpement-commercial/C1.1.1",
        "charge-developpement-commercial/C1.1.2",
        "charge-developpement-commercial/C1.1.3",
        "charge-developpement-commercial/C1.2.1",
        "charge-developpement-commercial/C1.2.2",
        "charge-developpement-commercial/C1.2.3",
        "charge-developpement-commercial/C1.2.4",
    ];

    fn bc01_with_last_at(level: u8) -> Evaluation {
        let mut items: Vec<_> = BC01.iter().map(|&i| (i, 3)).collect();
        items[6].1 = level;
        model().evaluate(&answers(&[], &items))
    }

    #[test]
    fn charge_developpement_commercial_block_readiness() {
        let cdc = "charge-developpement-commercial";
        let m = model();
        let blocks = &m.profiles()[m.profile_index(cdc).unwrap()].blocks;
        assert_eq!(ids(&blocks[0].items), BC01, "BC01 is its 7 competences");
        assert_weights(cdc, 27, 0);

        // All seven at target: score 1, ready.
        let e = bc01_with_last_at(3);
        let b = block(&e, cdc, "BC01");
        assert_close(b.score, 1.0);
        assert_close(b.completeness, 1.0);
        assert!(b.ready);
        // Profile: the other 20 competences are estimated through the pivots; BC01 alone
        // brings 7/27 of the score.
        assert!(profile(&e, cdc).score >= 7.0 / 27.0);

        // One at t − 1 = 2: (6 + 2/3)/7 = 20/21 ≥ 0.8 → ready.
        let e = bc01_with_last_at(2);
        let b = block(&e, cdc, "BC01");
        assert_close(b.score, 20.0 / 21.0);
        assert!(b.ready);

        // One at 1 < t − 1: (6 + 1/3)/7 = 19/21 ≥ 0.8 but not ready.
        let e = bc01_with_last_at(1);
        let b = block(&e, cdc, "BC01");
        assert_close(b.score, 19.0 / 21.0);
        assert!(b.score >= READY_SCORE);
        assert!(!b.ready);
        assert_eq!(ids(&b.blocking), [BC01[6]]);
    }

    #[test]
    fn animateur_ecommerce_blocks_by_hand() {
        let an = "animateur-ecommerce";
        assert_weights(an, 14, 0);
        let bc01 = |com5: u8| {
            model().evaluate(&answers(
                &[],
                &[
                    ("animateur-ecommerce/COM2", 4),
                    ("animateur-ecommerce/COM3", 4),
                    ("animateur-ecommerce/COM4", 4),
                    ("animateur-ecommerce/COM5", com5),
                    ("animateur-ecommerce/RED1", 2),
                    ("animateur-ecommerce/REF2", 2),
                ],
            ))
        };
        // BC01 = COM2–COM5. COM5 at 1: (3 + 1/3)/4 = 5/6 ≥ 0.8, but 1 < t − 1 → not ready.
        let e = bc01(1);
        let b = block(&e, an, "BC01");
        assert_close(b.score, 5.0 / 6.0);
        assert!(!b.ready);
        assert_eq!(ids(&b.blocking), ["animateur-ecommerce/COM5"]);
        // COM5 at 2: (3 + 2/3)/4 = 11/12 → ready.
        let e = bc01(2);
        let b = block(&e, an, "BC01");
        assert_close(b.score, 11.0 / 12.0);
        assert!(b.ready);
        // BC04 = RED1, REF2 at 2: 2/3 < 0.8 → not ready, though no item is below t − 1.
        let b = block(&e, an, "BC04");
        assert_close(b.score, 2.0 / 3.0);
        assert!(!b.ready && b.blocking.is_empty());

        // BC05 = GP1, GP2, ready on estimates alone: every pivot they link to is at 3.
        let e = model().evaluate(&answers(
            &[
                ("cahier-des-charges", 3),
                ("gestion-projet", 3),
                ("budget-previsions", 3),
                ("ergonomie-parcours", 3),
                ("indicateurs-performance", 3),
            ],
            &[],
        ));
        let b = block(&e, an, "BC05");
        assert_close(b.score, 1.0);
        assert_close(b.completeness, 1.0);
        assert!(b.ready);
        // Profile: GP1, GP2 and COM3 (indicateurs-performance, outils-donnees) are estimated
        // at 3, nothing else is linked to those pivots: score = completeness = 3/14.
        let p = profile(&e, an);
        assert_close(p.score, 3.0 / 14.0);
        assert_close(p.completeness, 3.0 / 14.0);
        assert!(!block(&e, an, "BC01").ready);
    }

    #[test]
    fn pivot_level_from_items_is_the_floor_of_the_mean_in_any_referential() {
        let e = model().evaluate(&answers(
            &[],
            &[
                ("charge-ecommerce/AC1.1", 3),       // veille, site-marchand
                ("charge-ecommerce/AC1.3", 2),       // veille, analyse-marche
                ("chef-projet-ecommerce/COM.S3", 4), // analyse-marche, veille
            ],
        ));
        let veille = pivot(&e, "veille");
        assert_eq!(veille.level, Some(3), "floor((3 + 2 + 4) / 3)");
        let PivotSource::Items(from) = &veille.source else {
            panic!("{veille:?}")
        };
        assert_eq!(
            ids(from),
            [
                "charge-ecommerce/AC1.1",
                "charge-ecommerce/AC1.3",
                "chef-projet-ecommerce/COM.S3"
            ]
        );
        assert_eq!(pivot(&e, "analyse-marche").level, Some(3), "floor(6/2)");
        assert_eq!(pivot(&e, "site-marchand").level, Some(3));
        assert_eq!(
            pivot(&e, "referencement"),
            &PivotLevel {
                level: None,
                source: PivotSource::None
            }
        );
    }

    #[test]
    fn quick_answer_wins_over_items() {
        let e = model().evaluate(&answers(
            &[("veille", 1)],
            &[("charge-ecommerce/AC1.1", 3), ("charge-ecommerce/AC1.3", 2)],
        ));
        assert_eq!(
            pivot(&e, "veille"),
            &PivotLevel {
                level: Some(1),
                source: PivotSource::Quick
            }
        );
        // AC1.3's other pivot still comes from it.
        assert_eq!(pivot(&e, "analyse-marche").level, Some(2));
    }

    #[test]
    fn item_estimate_is_the_floor_of_its_pivots_mean() {
        let e = model().evaluate(&answers(
            &[("paiement-logistique", 2)],
            &[("charge-ecommerce/AC1.1", 3)],
        ));
        // DC.34507: site-marchand 3 (from AC1.1), paiement-logistique 2 (quick) → floor(2.5).
        let dc = item(&e, "charge-ecommerce/DC.34507");
        assert_eq!(dc.level, 2);
        assert_eq!(
            pivots_of(dc.status),
            ["site-marchand", "paiement-logistique"]
        );
        // AC1.2: only veille (3) has a level among analyse-marche, veille, analyse-synthese.
        let ac12 = item(&e, "charge-ecommerce/AC1.2");
        assert_eq!(ac12.level, 3);
        assert_eq!(pivots_of(ac12.status), ["veille"]);
        assert_eq!(
            item(&e, "charge-ecommerce/AC1.1").status,
            ItemStatus::Answered
        );
    }

    #[test]
    fn unknown_stays_unknown() {
        let e = model().evaluate(&answers(&[("veille", 4)], &[]));
        // RT09 is linked to relationnel-equipe only.
        let rt09 = item(&e, "charge-ecommerce/RT09");
        assert_eq!((rt09.level, rt09.status), (0, ItemStatus::Unknown));
        assert_eq!(
            e.contribution(
                model(),
                model().item_index("charge-ecommerce/RT09").unwrap()
            ),
            0.0
        );
        let p = profile(&e, "charge-ecommerce");
        assert!(p
            .gaps
            .iter()
            .any(|g| ids(&[g.item]) == ["charge-ecommerce/RT09"]));
    }

    #[test]
    fn answered_zero_counts_as_answered() {
        let e = model().evaluate(&answers(&[], &[("charge-ecommerce/RT03", 0)]));
        let rt03 = item(&e, "charge-ecommerce/RT03");
        assert_eq!((rt03.level, rt03.status), (0, ItemStatus::Answered));
        // autonomie-rigueur = 0 from RT03, so its other items are estimated at 0: AC2.3, AC5.4,
        // RT12, RT13, RT15 plus RT03 itself are known → completeness 6/40.5, score 0.
        assert_eq!(pivot(&e, "autonomie-rigueur").level, Some(0));
        let rt12 = item(&e, "charge-ecommerce/RT12");
        assert_eq!(rt12.level, 0);
        assert_eq!(pivots_of(rt12.status), ["autonomie-rigueur"]);
        let p = profile(&e, "charge-ecommerce");
        assert_eq!(p.score, 0.0);
        assert_close(p.completeness, 6.0 / 40.5);
    }

    #[test]
    fn out_of_range_levels_and_unknown_ids_are_harmless() {
        let mut a = answers(&[("veille", 9)], &[("charge-ecommerce/AC2.2", 9)]);
        a.quick.insert("no-such-pivot".into(), 3);
        a.items.insert(
            "charge-ecommerce/ZZ9".into(),
            ItemAnswer {
                level: 3,
                evidence: String::new(),
            },
        );
        let e = model().evaluate(&a);
        assert_eq!(pivot(&e, "veille").level, Some(GENERIC_MAX));
        assert_eq!(item(&e, "charge-ecommerce/AC2.2").level, GENERIC_MAX);
    }

    #[test]
    fn empty_answers_score_zero_in_catalog_order() {
        let e = model().evaluate(&Answers::default());
        for p in &e.profiles {
            assert_eq!((p.score, p.completeness), (0.0, 0.0));
            assert!(p.blocks.iter().all(|b| !b.ready && b.score == 0.0));
            assert_eq!(p.gaps.len(), p.items.len());
        }
        assert_eq!(e.ranking, [0, 1, 2, 3, 4]);
        // Gaps of charge-ecommerce: every weight-1 item (priority 1) in document order, then
        // the knowledge domains (priority 0.5).
        let p = profile(&e, "charge-ecommerce");
        let first: Vec<_> = p.gaps.iter().map(|g| g.item).collect();
        assert_eq!(first, p.items.clone().collect::<Vec<_>>());
        assert_eq!(p.gaps[35].priority, 1.0);
        assert_eq!(p.gaps[36].priority, 0.5);
    }

    #[test]
    fn ranking_breaks_ties_by_completeness_then_catalog_order() {
        let e = model().evaluate(&answers(&[], &[("charge-ecommerce/AC2.2", 3)]));
        // referencement = 3. animateur: RED1, REF1, REF3 at target → 3/14.
        // charge-ecommerce: AC2.2 (1) + DC.34093 (0.5) → 1.5/40.5 = 1/27, completeness 1/27.
        // charge-developpement-commercial: C2.1.4.2 → 1/27, completeness 1/27: a full tie.
        // vendeur-web and chef-projet-ecommerce have nothing linked: 0.
        let order: Vec<_> = e
            .ranked()
            .map(|p| model().profiles()[p.profile].id.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "animateur-ecommerce",
                "charge-ecommerce",
                "charge-developpement-commercial",
                "vendeur-web",
                "chef-projet-ecommerce"
            ]
        );
        assert_close(profile(&e, "animateur-ecommerce").score, 3.0 / 14.0);
        assert_close(profile(&e, "charge-ecommerce").score, 1.0 / 27.0);
        assert_close(
            profile(&e, "charge-developpement-commercial").score,
            1.0 / 27.0,
        );
        // Completeness breaks a score tie.
        let mut ps = e.profiles.clone();
        ps[3].completeness = 0.5;
        assert_eq!(rank(&ps), [4, 3, 1, 0, 2]);
    }

    #[test]
    fn recommendations_by_hand() {
        let e = model().evaluate(&answers(&[], &[("charge-ecommerce/AC2.2", 2)]));
        // referencement = 2. Best matches: animateur (RED1, REF1, REF3 at 2 → 1/7),
        // charge-ecommerce ((2/3 + 0.5)/40.5), charge-developpement-commercial ((2/3)/27).
        let best: Vec<_> = e.ranking[..3].to_vec();
        let ix = |id| model().profile_index(id).unwrap();
        assert_eq!(
            best,
            [
                ix("animateur-ecommerce"),
                ix("charge-ecommerce"),
                ix("charge-developpement-commercial")
            ]
        );
        let recs = model().recommend(&e, usize::MAX);
        let r = recs
            .iter()
            .find(|r| model().pivot_ids()[r.pivot] == "referencement")
            .expect("referencement recommended");
        // Progress to 3: animateur's three items 2 → 3 (+1/3 each of 14); AC2.2 answered 2 → 3
        // (+1/3 of 40.5), DC.34093 already at its target 2; C2.1.4.2 2 → 3 (+1/3 of 27).
        assert_eq!((r.from_level, r.to_level), (Some(2), 3));
        let per: Vec<_> = r.profiles.iter().map(|g| (g.profile, g.gain)).collect();
        assert_eq!(per.len(), 3);
        assert_close(per[0].1, 1.0 / 14.0);
        assert_close(per[1].1, 1.0 / 3.0 / 40.5);
        assert_close(per[2].1, 1.0 / 3.0 / 27.0);
        assert_close(r.gain, 1.0 / 14.0 + 1.0 / 3.0 / 40.5 + 1.0 / 3.0 / 27.0);
        let moved: Vec<_> = r.items.iter().map(|g| (g.item, g.from, g.to)).collect();
        assert_eq!(moved.len(), 5);
        assert!(moved.contains(&(model().item_index("charge-ecommerce/AC2.2").unwrap(), 2, 3)));
        // Best first, and n is honoured.
        assert!(recs.windows(2).all(|w| w[0].gain >= w[1].gain));
        assert_eq!(model().recommend(&e, DEFAULT_RECOMMENDATIONS).len(), 3);

        // At the target already, progress brings nothing: referencement is not proposed.
        let e = model().evaluate(&answers(&[], &[("charge-ecommerce/AC2.2", 3)]));
        assert!(model()
            .recommend(&e, usize::MAX)
            .iter()
            .all(|r| model().pivot_ids()[r.pivot] != "referencement"));
    }

    #[test]
    fn recommendations_from_nothing_match_a_first_quick_level() {
        let empty = model().evaluate(&Answers::default());
        let recs = model().recommend(&empty, usize::MAX);
        for (p, id) in model().pivot_ids().iter().enumerate() {
            let e = model().evaluate(&answers(&[(id, 1)], &[]));
            let gain: f64 = empty.ranking[..BEST_MATCHES]
                .iter()
                .map(|&q| e.profiles[q].score)
                .sum();
            match recs.iter().find(|r| r.pivot == p) {
                Some(r) => assert_close(r.gain, gain),
                None => assert!(gain <= EPSILON, "{id} left out"),
            }
        }
    }

    #[test]
    fn synthetic_model_is_deterministic() {
        let a = ScoringModel::synthetic(20, 30, 28, 7);
        let b = ScoringModel::synthetic(20, 30, 28, 7);
        assert_eq!(a.items(), b.items());
        assert_eq!(a.items().len(), 600);
        assert_eq!(a.profiles().len(), 20);
        assert_eq!(a.pivot_ids().len(), 28);
        assert!(a.items().iter().all(|i| (1..=3).contains(&i.pivots.len())));
        assert_eq!(a.profiles()[1].blocks.len(), 4);
        assert_eq!(a.item_index("synthetic-0003/I0007"), Some(3 * 30 + 7));
        let e = a.evaluate(&Answers::default());
        assert!(e.profiles.iter().all(|p| p.score == 0.0));
    }

    // ---- properties over random answers on the real catalog ----

    fn arb_answers() -> impl Strategy<Value = Answers> {
        let np = model().pivot_ids().len();
        let ni = model().items().len();
        (
            prop::collection::vec(prop::option::weighted(0.3, 0u8..=GENERIC_MAX), np),
            prop::collection::vec(prop::option::weighted(0.3, 0u8..=ECF_MAX), ni),
        )
            .prop_map(|(quick, items)| {
                let m = model();
                let mut a = Answers::default();
                for (p, l) in quick.into_iter().enumerate() {
                    if let Some(l) = l {
                        a.quick.insert(m.pivot_ids()[p].clone(), l);
                    }
                }
                for (i, l) in items.into_iter().enumerate() {
                    if let Some(l) = l {
                        let item = m.item(i);
                        a.items.insert(
                            item.full_id.clone(),
                            ItemAnswer {
                                level: l.min(item.max),
                                evidence: String::new(),
                            },
                        );
                    }
                }
                a
            })
    }

    fn in_unit(x: f64) -> bool {
        (0.0..=1.0).contains(&x)
    }

    fn rank_key(p: &ProfileResult) -> (i64, i64) {
        (
            (p.score / EPSILON).round() as i64,
            (p.completeness / EPSILON).round() as i64,
        )
    }

    proptest! {
        #[test]
        fn figures_stay_in_bounds_and_ranking_is_sorted(a in arb_answers()) {
            let e = model().evaluate(&a);
            for p in &e.profiles {
                prop_assert!(in_unit(p.score) && in_unit(p.completeness));
                prop_assert!(p.score <= p.completeness + 1e-12);
                for b in &p.blocks {
                    prop_assert!(in_unit(b.score) && in_unit(b.completeness));
                }
                prop_assert!(p.gaps.windows(2).all(|w| w[0].priority >= w[1].priority));
            }
            let mut seen = e.ranking.clone();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..e.profiles.len()).collect::<Vec<_>>());
            for w in e.ranking.windows(2) {
                let (x, y) = (&e.profiles[w[0]], &e.profiles[w[1]]);
                prop_assert!(rank_key(x) > rank_key(y) || (rank_key(x) == rank_key(y) && w[0] < w[1]));
            }
        }

        #[test]
        fn raising_an_answer_never_lowers_a_score(
            a in arb_answers(),
            pick in any::<prop::sample::Index>(),
            up in 1u8..=5,
        ) {
            let total = a.quick.len() + a.items.len();
            prop_assume!(total > 0);
            let k = pick.index(total);
            let mut raised = a.clone();
            if k < a.quick.len() {
                let l = raised.quick.values_mut().nth(k).unwrap();
                *l = (*l + up).min(GENERIC_MAX);
            } else {
                let (id, ans) = raised.items.iter_mut().nth(k - a.quick.len()).unwrap();
                let max = model().item(model().item_index(id).unwrap()).max;
                ans.level = (ans.level + up).min(max);
            }
            let before = model().evaluate(&a);
            let after = model().evaluate(&raised);
            for (b, r) in before.profiles.iter().zip(&after.profiles) {
                prop_assert!(r.score >= b.score, "{} → {}", b.score, r.score);
                prop_assert_eq!(r.completeness, b.completeness);
                for (bb, rb) in b.blocks.iter().zip(&r.blocks) {
                    prop_assert!(rb.score >= bb.score);
                    prop_assert!(rb.ready || !bb.ready);
                }
            }
            for (b, r) in before.items.iter().zip(&after.items) {
                prop_assert!(r.level >= b.level);
            }
        }

        #[test]
        fn answering_everything_at_target_scores_one(
            quick in prop::collection::vec(prop::option::of(0u8..=GENERIC_MAX), 28),
            extra in prop::collection::vec(0u8..=2, model().items().len()),
        ) {
            let m = model();
            let mut a = Answers::default();
            for (p, l) in quick.into_iter().enumerate() {
                if let (Some(l), Some(id)) = (l, m.pivot_ids().get(p)) {
                    a.quick.insert(id.clone(), l);
                }
            }
            for (item, x) in m.items().iter().zip(extra) {
                a.items.insert(item.full_id.clone(), ItemAnswer {
                    level: (item.target + x).min(item.max),
                    evidence: String::new(),
                });
            }
            let e = m.evaluate(&a);
            for p in &e.profiles {
                prop_assert_eq!(p.score, 1.0);
                prop_assert_eq!(p.completeness, 1.0);
                prop_assert!(p.gaps.is_empty());
                prop_assert!(p.blocks.iter().all(|b| b.ready && b.score == 1.0));
            }
            prop_assert!(m.recommend(&e, usize::MAX).is_empty());
        }

        /// The merge join of answers with the model must find every known id whatever unknown
        /// ids sort between them.
        #[test]
        fn unknown_ids_do_not_hide_known_ones(
            a in arb_answers(),
            junk in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4), 0..40),
        ) {
            let m = model();
            let mut noisy = a.clone();
            for (pick, how) in junk {
                let id = &m.item(pick.index(m.items().len())).full_id;
                let fake = match how {
                    0 => format!("{id}0"),
                    1 => id[..id.len() - 1].to_owned(),
                    2 => format!("{id}/"),
                    _ => format!("0{id}"),
                };
                if m.item_index(&fake).is_none() {
                    noisy.items.insert(fake, ItemAnswer { level: 4, evidence: String::new() });
                }
            }
            noisy.items.insert("~".into(), ItemAnswer::default());
            noisy.items.insert(String::new(), ItemAnswer::default());
            prop_assert_eq!(m.evaluate(&noisy), m.evaluate(&a));
        }

        /// With quick answers only, progressing in a pivot that has a level is exactly raising
        /// its quick answer by one, so the recommendation must agree with a re-evaluation.
        #[test]
        fn recommendations_agree_with_reevaluation(
            quick in prop::collection::vec(prop::option::weighted(0.5, 0u8..GENERIC_MAX), 28),
        ) {
            let m = model();
            let mut a = Answers::default();
            for (p, l) in quick.iter().enumerate() {
                if let (Some(l), Some(id)) = (l, m.pivot_ids().get(p)) {
                    a.quick.insert(id.clone(), *l);
                }
            }
            let e = m.evaluate(&a);
            let recs = m.recommend(&e, usize::MAX);
            prop_assert!(recs.windows(2).all(|w| w[0].gain >= w[1].gain));
            for (p, id) in m.pivot_ids().iter().enumerate() {
                let Some(&level) = a.quick.get(id) else { continue };
                let mut raised = a.clone();
                raised.quick.insert(id.clone(), level + 1);
                let after = m.evaluate(&raised);
                let gain: f64 = e.ranking[..BEST_MATCHES]
                    .iter()
                    .map(|&q| after.profiles[q].score - e.profiles[q].score)
                    .sum();
                match recs.iter().find(|r| r.pivot == p) {
                    Some(r) => prop_assert!((r.gain - gain).abs() < 1e-9, "{}: {} vs {}", id, r.gain, gain),
                    None => prop_assert!(gain <= EPSILON, "{} left out ({})", id, gain),
                }
            }
        }
    }
}
