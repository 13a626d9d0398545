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

/// How the state reads the brought referentials again when another tab changed them: set by the
/// pages' chunks, which carry the referentials' decoder (`brought`), absent before.
static RELOAD_BROUGHT: OnceLock<fn()> = OnceLock::new();

/// Called from the pages' chunks: from then on the evaluation can be read, with the namespace's
/// brought referentials (SPEC §13) installed beside the five.
pub fn install_scoring() {
    EVALUATE.get_or_init(|| |answers| model().evaluate(answers));
    RELOAD_BROUGHT.get_or_init(|| super::brought::reload_brought);
    super::brought::load_brought();
}

/// Another tab saved or deleted a brought referential: read them again, if a page's chunk
/// installed them already (otherwise the first one will read them fresh).
pub(super) fn reload_brought() {
    if let Some(reload) = RELOAD_BROUGHT.get() {
        reload();
    }
}

pub(super) fn evaluate(answers: &Answers) -> Evaluation {
    let evaluate = EVALUATE
        .get()
        .expect("the evaluation is read after a page's chunk installed the scoring model");
    evaluate(answers)
}
