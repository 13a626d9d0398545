//! What the page says once Départager is over (SPEC §5.1).

use super::group::leaders;
use crate::core::scoring::Evaluation;

/// Read on the whole ranking, not only on the group that was asked: the answers can lower the
/// first, and a profession outside the group (never asked) can then come level with it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The first leads every other profession by [`CLOSE_MARGIN`](super::CLOSE_MARGIN) or more.
    Ahead {
        first: usize,
        runner_up: usize,
        /// Fit of the first − fit of the runner-up.
        margin: f64,
    },
    /// These profiles fit about equally: ranking order, the first included, 2 to
    /// [`MAX_GROUP`](super::MAX_GROUP) of them.
    Equal { profiles: Vec<usize> },
}

impl Outcome {
    /// None with fewer than two profiles (nothing to tell apart).
    pub fn read(eval: &Evaluation) -> Option<Outcome> {
        let &[first, runner_up, ..] = eval.ranking.as_slice() else {
            return None;
        };
        let close = leaders(eval);
        Some(if close.len() >= 2 {
            Outcome::Equal { profiles: close }
        } else {
            Outcome::Ahead {
                first,
                runner_up,
                margin: eval.profiles[first].fit - eval.profiles[runner_up].fit,
            }
        })
    }

    /// The profile ranked first.
    pub fn first(&self) -> usize {
        match self {
            Outcome::Ahead { first, .. } => *first,
            Outcome::Equal { profiles } => profiles[0],
        }
    }

    /// The professions the outcome names (whose defining skills the page sets side by side):
    /// the first and the runner-up, or the ones about equal.
    pub fn profiles(&self) -> Vec<usize> {
        match self {
            Outcome::Ahead {
                first, runner_up, ..
            } => vec![*first, *runner_up],
            Outcome::Equal { profiles } => profiles.clone(),
        }
    }

    /// `ahead` or `equal`: the `data-outcome` hook and the locale key's suffix.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Ahead { .. } => "ahead",
            Outcome::Equal { .. } => "equal",
        }
    }
}
