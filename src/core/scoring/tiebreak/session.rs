//! What the UI keeps while Départager runs.

use super::select::{select, Question};
use crate::core::scoring::{Evaluation, ScoringModel};

/// One Départager: the group and the questions are fixed when it starts, so the list does not
/// reshuffle under the candidate's eyes while their answers change the figures; the candidate
/// moves through it one question at a time, and the items they skip are remembered, so that a
/// later session started from this one asks none of them again.
///
/// Answers are not kept here: they are item answers of the dossier (`Answers::items`), so they
/// persist, travel and count everywhere like the detailed positioning's. The position moves only
/// when the candidate says so ([`next`](Self::next), [`skip`](Self::skip)): choosing a level with
/// the arrow keys of a radio group must not carry them to the next question.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    group: Vec<usize>,
    questions: Vec<Question>,
    skipped: Vec<usize>,
    position: usize,
}

impl Session {
    /// Départager `group` with the current answers, leaving out the items in `skipped` (skipped
    /// earlier in the visit). None when no item is left to ask.
    pub fn start(
        model: &ScoringModel,
        eval: &Evaluation,
        group: Vec<usize>,
        skipped: Vec<usize>,
    ) -> Option<Session> {
        let questions = select(model, eval, &group, &skipped);
        (!questions.is_empty()).then_some(Session {
            group,
            questions,
            skipped,
            position: 0,
        })
    }

    /// The profiles told apart, in ranking order when the session started.
    pub fn group(&self) -> &[usize] {
        &self.group
    }

    /// Every question of the session, in the order they are asked.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Items skipped in this visit: give them to the next session.
    pub fn skipped(&self) -> &[usize] {
        &self.skipped
    }

    pub fn is_skipped(&self, item: usize) -> bool {
        self.skipped.contains(&item)
    }

    /// The question shown now; None once the session is over.
    pub fn current(&self) -> Option<&Question> {
        self.questions.get(self.position)
    }

    /// Index of the current question (the number of questions left behind).
    pub fn position(&self) -> usize {
        self.position
    }

    /// On to the next question, the current one answered or left as it is.
    pub fn next(&mut self) {
        self.position = (self.position + 1).min(self.questions.len());
    }

    /// Skips the current question: no session of this visit asks it again.
    pub fn skip(&mut self) {
        if let Some(item) = self.current().map(|q| q.item) {
            if !self.skipped.contains(&item) {
                self.skipped.push(item);
            }
        }
        self.next();
    }

    /// Ends the session now; the questions not reached are not skipped (a later session may ask
    /// them).
    pub fn stop(&mut self) {
        self.position = self.questions.len();
    }

    /// Every question passed: time for the outcome.
    pub fn is_done(&self) -> bool {
        self.position >= self.questions.len()
    }
}
