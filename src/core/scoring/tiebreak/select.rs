//! Which items Départager asks, in which order (SPEC §5.1).
//!
//! The rule, applied by [`select`]:
//! 1. **Candidates**: the rated items of the group's profiles whose level is only estimated —
//!    never an item answered directly (the candidate already said it), nor one skipped in this
//!    session (they declined it). Unknown items have no estimate to check: the detailed
//!    positioning is where they get a level.
//! 2. **Priority** of an item: its share of its profile's fit weight, `v / Σv`, times how far its
//!    credit could move either way, its **swing**: the mean of the credit's moves to the next
//!    answer below the estimate and to the next answer above it, on the item's own scale (0–4;
//!    e-CF: « aucun » or a level the item describes), no move where the scale ends. The product
//!    is what one answer can be expected to move that profile's fit, so the items whose answers
//!    can reorder the group come first. Why one step: the estimate is the candidate's own answer
//!    on the item's broad skills, and an item answer mostly lands on it or next to it (in the
//!    validation people's tables, four estimated items in five are within a level of the honest
//!    answer). Why not the whole range, `max(c, 1 − c)`, used before: it gave an estimate at or
//!    above the target a swing of 1 though only an answer below the target moves it (a generic 4
//!    on a target-3 item must fall two levels), and an estimate just below the target only ⅔
//!    though an answer either way moves it; an e-CF estimate between two described levels (a 2 on
//!    an item describing only 3) moves whatever the answer.
//! 3. **First**, whatever their priority: items whose main pivot is a defining skill of a profile
//!    of the group (they are what tells those professions apart, and the quick answer in such a
//!    skill is the broadest guess: « relation client 4 » says neither where nor how) and e-CF
//!    items estimated from generic answers (a generic 4 read as e-CF level 4 is rarely true; the
//!    e-CF levels describe specific responsibilities the candidate can confirm or not).
//! 4. **In turn** from each profile of the group, in ranking order, each profile's items by the
//!    order above: every profile's estimate gets checked, not only the one with the heaviest
//!    items (a profession with 10 items would otherwise take every question from one with 139).
//! 5. At most [`MAX_QUESTIONS`]. Equal priorities: the item whose credit could move further in
//!    all, `v / Σv · max(c, 1 − c)` (down to 0 or up to 1: its **reach**), then model (catalog,
//!    then document) order, so the same data and answers always give the same list.
//!
//! The list is made once, when Départager starts (see [`Session`](super::Session)). Choosing each
//! question after the previous answer instead (turns in the current ranking's order, a profile
//! fallen more than 0.05 behind no longer asked) met SPEC §5.1's criterion for the same validation
//! people (`tests/validation/items.json`), so the simpler fixed list stays; stopping as soon as the
//! group parts met it for two fewer: one answer raising the first alone ended it too early. An
//! answer seldom changes another item's priority (a pivot skill with a quick answer keeps its
//! level, so the other estimates stay), so adapting mostly changes whose turn it is.

use super::MAX_QUESTIONS;
use crate::core::answers::GENERIC_MAX;
use crate::core::scoring::{Evaluation, ItemStatus, ModelItem, PivotSource, ScoringModel};
use std::cmp::Ordering;

/// Why an item is asked: the figures its place in the list comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Why {
    /// `v / Σv` of its profile: what the item weighs in that profile's fit.
    pub weight_share: f64,
    /// How far its credit could move either way: the mean of its moves to the next answer below
    /// and the next answer above the estimate, on the item's own scale.
    pub swing: f64,
    /// `max(c, 1 − c)`: how far its credit could move at most, down to 0 or up to 1.
    pub reach: f64,
    /// Its main pivot is a defining skill of a profile of the group.
    pub defining: bool,
    /// An e-CF item whose estimate comes, at least partly, from generic answers.
    pub ecf_from_generic: bool,
}

impl Why {
    /// What an answer to the item can be expected to move its profile's fit.
    pub fn priority(&self) -> f64 {
        self.weight_share * self.swing
    }

    /// The most an answer to the item can move its profile's fit: between equal priorities.
    pub fn tie_break(&self) -> f64 {
        self.weight_share * self.reach
    }

    /// Asked before the other items of its profile.
    pub fn first(&self) -> bool {
        self.defining || self.ecf_from_generic
    }
}

/// One item to ask.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Question {
    /// Index into [`ScoringModel::items`].
    pub item: usize,
    /// Its profile (one of the group).
    pub profile: usize,
    /// Its estimated level when the list was made.
    pub estimate: u8,
    pub why: Why,
}

/// The ordered items to ask to tell `group` apart (rule in the module documentation); `skipped`
/// holds item indices the candidate skipped in this session.
pub fn select(
    model: &ScoringModel,
    eval: &Evaluation,
    group: &[usize],
    skipped: &[usize],
) -> Vec<Question> {
    let defining: Vec<usize> = group
        .iter()
        .flat_map(|&p| model.defining_skills(p).iter().map(|s| s.pivot))
        .collect();
    let queues: Vec<Vec<Question>> = group
        .iter()
        .map(|&p| candidates(model, eval, p, &defining, skipped))
        .collect();
    let mut out = Vec::with_capacity(MAX_QUESTIONS);
    // Round k takes each profile's k-th item.
    for round in 0.. {
        if out.len() == MAX_QUESTIONS || queues.iter().all(|q| q.len() <= round) {
            break;
        }
        for queue in &queues {
            if out.len() < MAX_QUESTIONS {
                out.extend(queue.get(round).copied());
            }
        }
    }
    out
}

/// One profile's candidates, best first.
fn candidates(
    model: &ScoringModel,
    eval: &Evaluation,
    profile: usize,
    defining: &[usize],
    skipped: &[usize],
) -> Vec<Question> {
    let total = model.profiles()[profile].total_fit_weight;
    let mut out: Vec<Question> = eval.profiles[profile]
        .items
        .clone()
        .filter_map(|i| {
            let item = model.item(i);
            let result = &eval.items[i];
            let ItemStatus::Estimated { from } = result.status else {
                return None;
            };
            if !item.counts() || total <= 0.0 || skipped.contains(&i) {
                return None;
            }
            let c = item.credit(result.level);
            let ecf = item.max > GENERIC_MAX;
            Some(Question {
                item: i,
                profile,
                estimate: result.level,
                why: Why {
                    weight_share: item.fit_weight / total,
                    swing: swing(item, result.level),
                    reach: c.max(1.0 - c),
                    defining: item.pivots.main().is_some_and(|p| defining.contains(&p)),
                    ecf_from_generic: ecf && from.iter().any(|p| from_generic(model, eval, p)),
                },
            })
        })
        .collect();
    insertion_sort(&mut out, |a, b| {
        b.why
            .first()
            .cmp(&a.why.first())
            .then(b.why.priority().total_cmp(&a.why.priority()))
            .then(b.why.tie_break().total_cmp(&a.why.tie_break()))
    });
    out
}

/// How far the credit of `item`, estimated at `level`, could move either way: the mean of its
/// moves to the next answer below and the next answer above on the item's scale (rule 2).
fn swing(item: &ModelItem, level: u8) -> f64 {
    let c = item.credit(level);
    let moved = |to: Option<u8>| to.map_or(0.0, |l| (item.credit(l) - c).abs());
    (moved(item.choice_below(level)) + moved(item.choice_above(level))) / 2.0
}

/// Stable (equal keys keep model order). A profile has at most a few hundred items, and this
/// keeps the standard library's sort, a large generic, out of the wasm for one use.
fn insertion_sort<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Whether a pivot's level comes from a generic answer: the quick diagnostic, or an answered
/// item on the generic 0–4 scale.
fn from_generic(model: &ScoringModel, eval: &Evaluation, pivot: usize) -> bool {
    match &eval.pivots[pivot].source {
        PivotSource::Quick => true,
        PivotSource::Items(items) => items.iter().any(|&i| model.item(i).max <= GENERIC_MAX),
        PivotSource::None => false,
    }
}
