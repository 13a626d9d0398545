//! One set of answers → an [`Evaluation`] (SPEC §4–5): pivot levels, item levels, and per profile
//! readiness, fit, completeness and blocks; gaps and defining-skill standings on demand.

use super::identity::{SkillStanding, Standing};
use super::{
    credit, quantize, ratio, HotItem, ModelBlock, PivotList, ScoringModel, EPSILON, READY_READINESS,
};
use crate::core::answers::{Answers, GENERIC_MAX};
use std::ops::Range;

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

/// An item's level; its shares of the figures are derived ([`ItemRow`]), not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemResult {
    /// 0 when unknown.
    pub level: u8,
    pub status: ItemStatus,
}

/// One line of the unfolded figures of a profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemRow<'a> {
    pub item: usize,
    pub full_id: &'a str,
    pub target: u8,
    pub weight: f64,
    pub fit_weight: f64,
    pub level: u8,
    pub status: ItemStatus,
    /// `w·c / Σw`: what the item brings to the readiness (the rows add up to it).
    pub readiness_share: f64,
    /// `v·c / Σv`: what the item brings to the fit (the rows add up to it).
    pub fit_share: f64,
    /// `v / Σv`: how much the item weighs in the fit, whatever the level.
    pub fit_weight_share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BlockResult {
    /// Index in the profile's [`ModelProfile::blocks`](super::ModelProfile::blocks).
    pub block: usize,
    /// `Σ w·c / Σ w` over the block's items.
    pub readiness: f64,
    pub completeness: f64,
    /// Readiness ≥ 0.8 and no item below t − 1 (SPEC §5).
    pub ready: bool,
    /// Items below t − 1, which keep the block from being ready whatever its readiness.
    pub blocking: Vec<usize>,
}

/// An item below its target, with the priority SPEC §5 orders gaps by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub item: usize,
    pub level: u8,
    pub target: u8,
    /// `v·(t − l)/t`.
    pub priority: f64,
    /// `priority / Σv`: the fit the profile would gain with this item at its target, which
    /// compares gaps across profiles.
    pub fit_gain: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileResult {
    /// Index in [`ScoringModel::profiles`].
    pub profile: usize,
    /// « Part des attendus atteints »: `Σ w·c / Σ w`.
    pub readiness: f64,
    /// « Correspondance »: `Σ v·c / Σ v`, what the ranking orders by.
    pub fit: f64,
    /// `Σ w·[known] / Σ w`.
    pub completeness: f64,
    /// The profile's rows in [`Evaluation::items`] (see [`Evaluation::rows`]).
    pub items: Range<usize>,
    pub blocks: Vec<BlockResult>,
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
    /// Profile indices, best fit first.
    pub ranking: Vec<usize>,
}

impl Evaluation {
    /// The profiles, best fit first.
    pub fn ranked(&self) -> impl Iterator<Item = &ProfileResult> + '_ {
        self.ranking.iter().map(|&p| &self.profiles[p])
    }

    /// The unfolded figures of a profile: one row per rated item, document order.
    pub fn rows<'a>(
        &'a self,
        model: &'a ScoringModel,
        profile: usize,
    ) -> impl Iterator<Item = ItemRow<'a>> + 'a {
        let prof = &model.profiles[profile];
        self.profiles[profile].items.clone().map(move |i| {
            let item = &model.items[i];
            let r = &self.items[i];
            let c = item.credit(r.level);
            let counted = |x: f64| if item.counts() { x } else { 0.0 };
            ItemRow {
                item: i,
                full_id: &item.full_id,
                target: item.target,
                weight: item.weight,
                fit_weight: item.fit_weight,
                level: r.level,
                status: r.status,
                readiness_share: ratio(counted(item.weight * c), prof.total_weight),
                fit_share: ratio(counted(item.fit_weight * c), prof.total_fit_weight),
                fit_weight_share: ratio(counted(item.fit_weight), prof.total_fit_weight),
            }
        })
    }

    /// Readiness and completeness of any set of items, weighted like a block: a top-level group
    /// of a referential without blocks (SPEC §12), a section of the positioning record.
    pub fn readiness_of(
        &self,
        model: &ScoringModel,
        items: impl IntoIterator<Item = usize>,
    ) -> (f64, f64) {
        let (mut earned, mut known, mut total) = (0.0, 0.0, 0.0);
        for i in items {
            let item = &model.items[i];
            if !item.counts() {
                continue;
            }
            let r = &self.items[i];
            earned += item.weight * item.credit(r.level);
            if r.status.is_known() {
                known += item.weight;
            }
            total += item.weight;
        }
        (ratio(earned, total), ratio(known, total))
    }

    /// The items of a profile below their target, highest priority `v·(t − l)/t` first (SPEC
    /// §5); equal priorities keep document order.
    pub fn gaps(&self, model: &ScoringModel, profile: usize) -> Vec<Gap> {
        let prof = &model.profiles[profile];
        let mut gaps: Vec<Gap> = prof
            .items
            .clone()
            .filter_map(|i| {
                let item = &model.items[i];
                let level = self.items[i].level;
                (item.counts() && level < item.target).then(|| {
                    let priority =
                        item.fit_weight * f64::from(item.target - level) / f64::from(item.target);
                    Gap {
                        item: i,
                        level,
                        target: item.target,
                        priority,
                        fit_gain: ratio(priority, prof.total_fit_weight),
                    }
                })
            })
            .collect();
        // Stable: equal priorities keep document order.
        sort_gaps(&mut gaps, |g| g.priority);
        gaps
    }

    /// The `n` gaps of the given profiles that would raise their fit most (largest
    /// [`Gap::fit_gain`] first; ties keep the profiles' order, then each profile's gap order).
    pub fn top_gaps(&self, model: &ScoringModel, profiles: &[usize], n: usize) -> Vec<Gap> {
        let mut all: Vec<Gap> = profiles.iter().flat_map(|&p| self.gaps(model, p)).collect();
        sort_gaps(&mut all, |g| g.fit_gain);
        all.truncate(n);
        all
    }

    /// The candidate's standing on each defining skill of a profile, highest lift first.
    pub fn standings(&self, model: &ScoringModel, profile: usize) -> Vec<SkillStanding> {
        model
            .defining_skills(profile)
            .iter()
            .map(|&skill| {
                let level = self.pivots[skill.pivot].level;
                SkillStanding {
                    skill,
                    level,
                    standing: Standing::of(level, skill.expected),
                }
            })
            .collect()
    }
}

/// Largest `key` first, stable. One function for both gap orders keeps a single copy of the
/// sort in the wasm.
fn sort_gaps(gaps: &mut [Gap], key: fn(&Gap) -> f64) {
    gaps.sort_by(|a, b| key(b).total_cmp(&key(a)));
}

/// The running sums of one profile or block.
#[derive(Default)]
struct Sums {
    earned: f64,
    fitted: f64,
    known: f64,
}

impl Sums {
    fn add(&mut self, h: &HotItem, r: &ItemResult) {
        let c = credit(r.level, h.target);
        self.earned += h.weight * c;
        self.fitted += h.fit_weight * c;
        if r.status.is_known() {
            self.known += h.weight;
        }
    }
}

impl ScoringModel {
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
            let mut s = Sums::default();
            for i in prof.items.clone() {
                let h = &self.hot[i];
                let (level, status) = if answered[i] != NONE {
                    (answered[i], ItemStatus::Answered)
                } else {
                    estimate(&h.pivots, h.max, &pivot_level, None)
                };
                let r = ItemResult { level, status };
                if h.target > 0 {
                    s.add(h, &r);
                }
                items.push(r);
            }
            let blocks = prof
                .blocks
                .iter()
                .enumerate()
                .map(|(bi, block)| self.block_result(bi, block, &items))
                .collect();
            profiles.push(ProfileResult {
                profile: pi,
                readiness: ratio(s.earned, prof.total_weight),
                fit: ratio(s.fitted, prof.total_fit_weight),
                completeness: ratio(s.known, prof.total_weight),
                items: prof.items.clone(),
                blocks,
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
        let mut s = Sums::default();
        let mut blocking = Vec::new();
        for &i in &block.items {
            let h = &self.hot[i];
            if h.target == 0 {
                continue;
            }
            let r = &items[i];
            s.add(h, r);
            if r.level + 1 < h.target {
                blocking.push(i);
            }
        }
        let readiness = ratio(s.earned, block.total_weight);
        BlockResult {
            block: index,
            readiness,
            completeness: ratio(s.known, block.total_weight),
            ready: block.total_weight > 0.0
                && readiness >= READY_READINESS - EPSILON
                && blocking.is_empty(),
            blocking,
        }
    }
}

/// An unanswered item's level from its linked pivots (`u8::MAX` = no level), optionally with
/// one pivot's level overridden.
pub(super) fn estimate(
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

/// The ranking key: fit, then completeness, each rounded so float noise is no tie-break.
pub(super) fn rank_key(p: &ProfileResult) -> (i64, i64) {
    (quantize(p.fit), quantize(p.completeness))
}

/// Fit desc, completeness desc, catalog order.
pub(super) fn rank(profiles: &[ProfileResult]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..profiles.len()).collect();
    ranking.sort_by(|&a, &b| {
        rank_key(&profiles[b])
            .cmp(&rank_key(&profiles[a]))
            .then(a.cmp(&b))
    });
    ranking
}
