//! What the UI keeps while Départager runs.

use super::select::{select, Question};
use crate::core::answers::Answers;
use crate::core::scoring::{Evaluation, ScoringModel};
use std::collections::BTreeSet;

/// One Départager: the group and the questions are fixed when it starts, so the list does not
/// reshuffle under the candidate's eyes while their answers change the figures; the items they
/// skip are remembered, and a later session started from this one asks none of them again.
///
/// Answers are not kept here: they are item answers of the dossier (`Answers::items`), so they
/// persist, travel and count everywhere like the detailed positioning's. A question is pending
/// while its item has no answer and was not skipped; the session is over when none is.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    group: Vec<usize>,
    questions: Vec<Question>,
    skipped: BTreeSet<usize>,
}

impl Session {
    /// Départager `group` with the current answers, leaving out the items in `skipped` (skipped
    /// earlier in the visit). None when no item is left to ask.
    pub fn start(
        model: &ScoringModel,
        eval: &Evaluation,
        group: Vec<usize>,
        skipped: BTreeSet<usize>,
    ) -> Option<Session> {
        let questions = select(model, eval, &group, &skipped);
        (!questions.is_empty()).then_some(Session {
            group,
            questions,
            skipped,
        })
    }

    /// The profiles told apart, ranking order when the session started.
    pub fn group(&self) -> &[usize] {
        &self.group
    }

    /// Every question of the session, in the order they are asked.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Items skipped in this visit: give them to the next session.
    pub fn skipped(&self) -> &BTreeSet<usize> {
        &self.skipped
    }

    pub fn skip(&mut self, item: usize) {
        self.skipped.insert(item);
    }

    pub fn is_skipped(&self, item: usize) -> bool {
        self.skipped.contains(&item)
    }

    /// The questions neither answered nor skipped, in order.
    pub fn pending<'a>(
        &'a self,
        model: &'a ScoringModel,
        answers: &'a Answers,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| {
            !self.skipped.contains(&q.item)
                && !answers.items.contains_key(&model.item(q.item).full_id)
        })
    }

    /// The question to show now.
    pub fn current(&self, model: &ScoringModel, answers: &Answers) -> Option<Question> {
        self.pending(model, answers).next().copied()
    }

    /// Every question answered or skipped: time for the outcome.
    pub fn is_done(&self, model: &ScoringModel, answers: &Answers) -> bool {
        self.current(model, answers).is_none()
    }

    /// (questions answered or skipped, questions) for « question 3 sur 8 ».
    pub fn progress(&self, model: &ScoringModel, answers: &Answers) -> (usize, usize) {
        let total = self.questions.len();
        (total - self.pending(model, answers).count(), total)
    }
}
