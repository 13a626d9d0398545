//! How the app state scores answers, without carrying the scoring model in the first load.

use super::library::model;
use crate::core::answers::Answers;
use crate::core::scoring::Evaluation;
use std::sync::OnceLock;

/// How `AppState::evaluation` scores answers. The scoring model and the catalog travel with the
/// pages, not in the first load (SPEC §11), so the shell only holds this pointer, which every
/// page's chunk sets before it renders (`pages::lazy_page!`). Shell code that reads the
/// evaluation outside a page must first await a split function that calls `install_scoring`
/// (as `ui::lms::lms` does).
static EVALUATE: OnceLock<fn(&Answers) -> Evaluation> = OnceLock::new();

/// Called from the pages' chunks: from then on the evaluation can be read. The namespace's
/// brought referentials (SPEC §13) are installed beside the five by the shell before a page
/// renders (`brought::ensure_brought`), from a chunk of their own.
pub fn install_scoring() {
    EVALUATE.get_or_init(|| |answers| model().evaluate(answers));
}

pub(super) fn evaluate(answers: &Answers) -> Evaluation {
    let evaluate = EVALUATE
        .get()
        .expect("the evaluation is read after a page's chunk installed the scoring model");
    evaluate(answers)
}
