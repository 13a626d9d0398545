//! LMS mode (SPEC §12): the app launched by a SCORM 1.2 package (`?lms=scorm12&ref=<id>`, see
//! `core::scorm::launch`). It finds the LMS's API, opens the session, greets the learner, opens
//! their dossier in the package's namespace, restores their answers from `cmi.suspend_data`, and
//! reports score, status, objectives and answers after each change — one commit per burst of
//! answers, and always when the page is hidden or left (`pagehide`, then `LMSFinish`). A call the
//! LMS refuses is shown with its code and sent again at the next commit. With no API, the app
//! runs as usual (still in the package's namespace, still without a service worker). A package
//! for a referential a trainer brought reads the file it carries first (`packaged`).

mod api;
mod launch;
mod packaged;
mod panel;
mod session;

pub use launch::{launched, Launch};

use crate::ui::chunks::{split_fn, Page};
use crate::ui::i18n::use_i18n;
use crate::ui::state::{install_scoring, AppState};
use leptos::prelude::*;

split_fn! {
    /// LMS mode (SPEC §12), only for an app launched by a package: opens the session under the
    /// shell's owner (its context, effects and listeners live as long as the app) and returns
    /// the panel shown above every page. Reads the evaluation outside any page, so it installs
    /// the scoring model first. A package for a brought referential reads its file first.
    pub fn lms(owner: Owner, launch: Launch, state: AppState) -> Page {
        install_scoring();
        match launch.file() {
            None => owner.with(|| session::start(launch, state)),
            Some(file) => {
                let lang = owner.with(|| use_i18n().lang.get_untracked());
                owner.with(|| packaged::start(owner.clone(), launch, state, file, lang));
            }
        }
        ::std::rc::Rc::new(|| view! { <panel::LmsPanel/> }.into_any())
    }
}
