//! The pivot skills worth working on (SPEC §5): those whose progress would raise the candidate's
//! best fits most.

use super::evaluate::{estimate, Evaluation, ItemStatus};
use super::{credit, ScoringModel, BEST_FITS, EPSILON};
use crate::core::answers::ECF_MAX;

/// Gain of one profile if the candidate progressed in a pivot skill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfileGain {
    pub profile: usize,
    /// Its fit increase.
    pub gain: f64,
}

/// An item whose level would rise, and so raise its profile's fit.
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
    /// Sum of the best fits' fit increases.
    pub gain: f64,
    /// Every best fit, best first, with its fit increase (possibly 0).
    pub profiles: Vec<ProfileGain>,
    /// The items of the best fits that would rise, model order.
    pub items: Vec<ItemGain>,
}

impl ScoringModel {
    /// The `n` pivot skills whose progress would raise the best fits (the [`BEST_FITS`]
    /// top-ranked profiles) most, best first; only pivots with a positive gain.
    ///
    /// "Progressing in pivot p" is simulated as: p's level rises by one (to 1 if it had none,
    /// at most 5); every directly answered item linked to p rises by one level (capped at its
    /// scale); every other item linked to p is re-estimated with p's new level, keeping its
    /// current level if that is higher (a first, low level in p must not drag down an estimate
    /// made from stronger pivots). Nothing else moves: the other pivots keep their levels, so
    /// the figure only credits p. The gain of a profile is its fit increase; the
    /// recommendation's gain is the sum over the best fits.
    pub fn recommend(&self, eval: &Evaluation, n: usize) -> Vec<Recommendation> {
        let best: Vec<usize> = eval.ranking.iter().take(BEST_FITS).copied().collect();
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
                let delta = h.fit_weight * (credit(to, h.target) - credit(r.level, h.target));
                if delta > 0.0 {
                    gains[slot] += delta / self.profiles[profile].total_fit_weight;
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
