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
    // Ranking positions of the anchor and of its nearest neighbours within the margin (nearer
    // first, then higher ranked): a few picks among five, no sort to carry in the wasm.
    let mut chosen: Vec<usize> = eval
        .ranking
        .iter()
        .position(|&p| p == anchor)
        .into_iter()
        .collect();
    while chosen.len() < MAX_GROUP {
        let next = (0..eval.ranking.len())
            .filter(|r| !chosen.contains(r) && within_margin(distance(eval.ranking[*r])))
            .min_by(|&a, &b| {
                distance(eval.ranking[a])
                    .total_cmp(&distance(eval.ranking[b]))
                    .then(a.cmp(&b))
            });
        match next {
            Some(r) => chosen.push(r),
            None => break,
        }
    }
    (0..eval.ranking.len())
        .filter(|r| chosen.contains(r))
        .map(|r| eval.ranking[r])
        .collect()
}

fn has_estimated(model: &ScoringModel, eval: &Evaluation, profile: usize) -> bool {
    eval.profiles[profile].items.clone().any(|i| {
        model.item(i).counts() && matches!(eval.items[i].status, ItemStatus::Estimated { .. })
    })
}
