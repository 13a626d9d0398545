//! « Départager » (SPEC §5.1): telling close matches apart by asking a few items.
//!
//! The quick diagnostic estimates every item from 28 broad skills; where professions share those
//! skills their fits come out a few hundredths apart and the order says nothing. No formula can
//! recover what the answers do not hold, so the app asks the few items whose answers can move the
//! group's fits most, as an adaptive test does. Everything here is a pure function of the data
//! and the current answers (and, for a session, of what the candidate skipped in it):
//! - [`group`]: the **close group** (the first profile and every profile within
//!   [`CLOSE_MARGIN`] of it, at most [`MAX_GROUP`], when one of them has an estimated item), and
//!   the same around any profile for its detail page;
//! - [`select`]: the ordered list of at most [`MAX_QUESTIONS`] items to ask (the rule and its
//!   reasons are documented there);
//! - [`outcome`]: what the page says after the last answer or skip, read on the whole ranking;
//! - [`session`]: what the UI keeps between questions ([`Session`]): the group and the frozen
//!   list, and the items skipped. Answers are ordinary item answers (`Answers::items`).

mod group;
mod outcome;
mod select;
mod session;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_properties;

pub use group::{close_group, group_around, leaders};
pub use outcome::Outcome;
pub use select::{select, Question, Why};
pub use session::Session;

/// Two fits closer than this are « about equal » (SPEC §5.1: within 0.05).
pub const CLOSE_MARGIN: f64 = 0.05;
/// Most profiles a close group holds.
pub const MAX_GROUP: usize = 3;
/// Most items one Départager asks.
pub const MAX_QUESTIONS: usize = 8;

/// Whether `lead` (first fit − another fit, ≥ 0) keeps them within [`CLOSE_MARGIN`]. Compared on
/// the ranking's 1e-9 grid, so a lead of exactly 0.05 reached through float noise is a lead.
fn within_margin(lead: f64) -> bool {
    super::quantize(lead) < super::quantize(CLOSE_MARGIN)
}
