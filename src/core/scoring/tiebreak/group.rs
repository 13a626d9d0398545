//! Which professions are too close to call (SPEC §5.1).

use super::{within_margin, MAX_GROUP};
use crate::core::scoring::{Evaluation, ItemStatus, ScoringModel};

/// The first profile and the profiles within [`CLOSE_MARGIN`](super::CLOSE_MARGIN) of it, ranking
/// order, at most [`MAX_GROUP`]: what the ranking shows as close, answered or not. One profile:
/// the first stands clear; empty only without profiles.
pub fn leaders(eval: &Evaluation) -> Vec<usize> {
    eval.ranking
        .first()
        .map_or_else(Vec::new, |&first| around(eval, first))
}

/// The close group: [`leaders`] when they are at least two and one of them has an item whose
/// level is only estimated (asking is then worth something); ranking order.
pub fn close_group(model: &ScoringModel, eval: &Evaluation) -> Option<Vec<usize>> {
    let first = *eval.ranking.first()?;
    group_around(model, eval, first)
}

/// A profile and its neighbours within the margin (nearest first, at most [`MAX_GROUP`] in all),
/// ranking order, under the same condition as [`close_group`]: what a profile's detail offers
/// to tell apart. For the first profile it is the close group.
pub fn group_around(model: &ScoringModel, eval: &Evaluation, anchor: usize) -> Option<Vec<usize>> {
    let group = around(eval, anchor);
    (group.len() >= 2 && group.iter().any(|&p| has_estimated(model, eval, p))).then_some(group)
}

fn around(eval: &Evaluation, anchor: usize) -> Vec<usize> {
    let fit = eval.profiles[anchor].fit;
    let distance = |p: usize| (eval.profiles[p].fit - fit).abs();
    // (rank, profile) of the others within the margin.
    let mut near: Vec<(usize, usize)> = eval
        .ranking
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, p)| p != anchor && within_margin(distance(p)))
        .collect();
    near.sort_by(|a, b| distance(a.1).total_cmp(&distance(b.1)).then(a.0.cmp(&b.0)));
    near.truncate(MAX_GROUP - 1);
    let rank_of_anchor = eval.ranking.iter().position(|&p| p == anchor);
    near.extend(rank_of_anchor.map(|r| (r, anchor)));
    near.sort_unstable();
    near.into_iter().map(|(_, p)| p).collect()
}

fn has_estimated(model: &ScoringModel, eval: &Evaluation, profile: usize) -> bool {
    eval.profiles[profile].items.clone().any(|i| {
        model.item(i).counts() && matches!(eval.items[i].status, ItemStatus::Estimated { .. })
    })
}
