//! What sets each profession apart (SPEC §5), computed from the data alone when the model is
//! built, never from answers (so the fit stays monotone in every answer):
//! - `share(p, P)`: the part of P's non-resource item weight whose main pivot (first link) is p;
//!   transversal resources are qualities, not activities, and stay out of the shares;
//! - `lift(p, P) = share(p, P) / mean over the bundled profiles of share(p, ·)`, 0 where none of
//!   them has p as a main pivot: above 1, p weighs more in P than in the average profession. A
//!   referential a trainer brings (SPEC §13) gets its lifts against that same mean, so that adding
//!   it changes no other profile's figures;
//! - each item's fit weight `v = w·(½ + lift(main pivot, P))²`;
//! - P's **defining skills**: the pivots with the highest lift, at most [`DEFINING_SKILLS`] and
//!   only those above 1, each with the level P expects of it.
//!
//! A candidate's level in a defining skill is classified ([`Standing`]) against that expected
//! level, which is the highest target among P's items led by the skill (3, « Je le fais en
//! autonomie », for competences and know-how; the stated depth for knowledge; the lowest described
//! e-CF level for e-CF competences; pivot levels and e-CF levels share one ladder):
//! - **held**: level ≥ expected;
//! - **close**: exactly one level below;
//! - **missing**: two or more levels below, or no level at all (neither answered nor estimated).

use super::{ModelItem, ModelProfile, ScoringModel};

/// How many defining skills a profile shows at most (SPEC §5: "about five").
pub const DEFINING_SKILLS: usize = 5;

/// A pivot skill that sets a profession apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DefiningSkill {
    /// Index into [`ScoringModel::pivot_ids`].
    pub pivot: usize,
    pub lift: f64,
    /// Its share of the profile's non-resource item weight as a main pivot.
    pub share: f64,
    /// The level the profession expects: the highest target among its items led by this pivot.
    pub expected: u8,
}

/// Where a candidate stands on one defining skill (thresholds in the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Held,
    Close,
    Missing,
}

impl Standing {
    /// `level` (None: no level) against what the profession expects.
    pub fn of(level: Option<u8>, expected: u8) -> Standing {
        match level {
            Some(l) if l >= expected => Standing::Held,
            Some(l) if l + 1 == expected => Standing::Close,
            _ => Standing::Missing,
        }
    }

    /// A stable lowercase name (`held`, `close`, `missing`) for test hooks and locale keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Held => "held",
            Standing::Close => "close",
            Standing::Missing => "missing",
        }
    }
}

/// A defining skill with the candidate's level in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkillStanding {
    pub skill: DefiningSkill,
    /// The candidate's pivot level (quick answer, or estimated from answered items); None: none.
    pub level: Option<u8>,
    pub standing: Standing,
}

/// The data-only figures of one profile.
pub(super) struct ProfileIdentity {
    pub shares: Vec<f64>,
    pub lifts: Vec<f64>,
    pub defining: Vec<DefiningSkill>,
}

/// Shares, lifts and defining skills of every profile, in profile order; the lifts' mean runs over
/// the first `base` profiles (the bundled ones).
pub(super) fn derive(
    pivots: usize,
    profiles: &[ModelProfile],
    items: &[ModelItem],
    base: usize,
) -> Vec<ProfileIdentity> {
    let shares: Vec<Vec<f64>> = profiles
        .iter()
        .map(|prof| {
            let mut by_pivot = vec![0.0; pivots];
            let mut total = 0.0;
            for item in &items[prof.items.clone()] {
                if item.resource || !item.counts() {
                    continue;
                }
                total += item.weight;
                if let Some(p) = item.pivots.main() {
                    by_pivot[p] += item.weight;
                }
            }
            if total > 0.0 {
                by_pivot.iter_mut().for_each(|s| *s /= total);
            }
            by_pivot
        })
        .collect();
    let base = base.min(shares.len());
    let n = base.max(1) as f64;
    let mean: Vec<f64> = (0..pivots)
        .map(|p| shares[..base].iter().map(|s| s[p]).sum::<f64>() / n)
        .collect();
    profiles
        .iter()
        .zip(shares)
        .map(|(prof, shares)| {
            let lifts: Vec<f64> = (0..pivots)
                .map(|p| {
                    if mean[p] > 0.0 {
                        shares[p] / mean[p]
                    } else {
                        0.0
                    }
                })
                .collect();
            let defining = defining_skills(prof, items, &shares, &lifts);
            ProfileIdentity {
                shares,
                lifts,
                defining,
            }
        })
        .collect()
}

/// The fit weight of an item of kind weight `w` whose main pivot is `main`.
pub(super) fn fit_weight(weight: f64, main: Option<usize>, lifts: &[f64]) -> f64 {
    let lift = main.map_or(0.0, |p| lifts[p]);
    weight * (0.5 + lift) * (0.5 + lift)
}

/// Highest lift first; equal lifts by larger share, then pivots.json order.
fn defining_skills(
    prof: &ModelProfile,
    items: &[ModelItem],
    shares: &[f64],
    lifts: &[f64],
) -> Vec<DefiningSkill> {
    // The few best of 28 by selection: no sort to carry in the wasm for it.
    let better = |a: usize, b: usize| {
        lifts[a]
            .total_cmp(&lifts[b])
            .then(shares[a].total_cmp(&shares[b]))
            .then(b.cmp(&a))
            .is_gt()
    };
    let mut left: Vec<usize> = (0..lifts.len()).filter(|&p| lifts[p] > 1.0).collect();
    let mut chosen = Vec::with_capacity(DEFINING_SKILLS);
    while chosen.len() < DEFINING_SKILLS && !left.is_empty() {
        let mut best = 0;
        for k in 1..left.len() {
            if better(left[k], left[best]) {
                best = k;
            }
        }
        chosen.push(left.remove(best));
    }
    chosen
        .into_iter()
        .map(|p| DefiningSkill {
            pivot: p,
            lift: lifts[p],
            share: shares[p],
            expected: items[prof.items.clone()]
                .iter()
                .filter(|i| i.counts() && i.pivots.main() == Some(p))
                .map(|i| i.target)
                .max()
                .unwrap_or(0),
        })
        .collect()
}

impl ScoringModel {
    /// `lift(pivot, profile)` (SPEC §5).
    pub fn lift(&self, profile: usize, pivot: usize) -> f64 {
        self.profiles[profile].lifts[pivot]
    }

    /// The defining skills of a profile, highest lift first.
    pub fn defining_skills(&self, profile: usize) -> &[DefiningSkill] {
        &self.profiles[profile].defining
    }
}
