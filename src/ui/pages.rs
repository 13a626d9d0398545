//! Every page but home, each in a chunk of its own (SPEC §11): a visitor downloads the shell and
//! the home page first, and a page's code and data (the catalog, the scoring model, the search
//! index, which the splitter puts in chunks the pages share) when the page is first opened.
//!
//! To add a page: one `lazy_page!` line here, one arm in `App`'s page switch (`ui/mod.rs`):
//! `Route::X => lazy_view(pages::x),`.
//!
//! A split function that nothing calls is still exported, which roots its code in the first load
//! (the build fails on it, see `scripts/split.mjs`): declare one only with its caller. Shell code
//! that must read `AppState::evaluation` outside a page (the LMS mode) declares one here whose
//! body calls `super::state::install_scoring()`, and awaits it first.

use super::lazy::{lazy_page, split_fn};
use leptos::prelude::*;

lazy_page!(referential(id: String) => view! { <super::referential_page::ReferentialPage id=id/> });
lazy_page!(search(query: String) => view! { <super::search_page::SearchPage query=query/> });
lazy_page!(quick() => view! { <super::quick_page::QuickPage/> });
lazy_page!(assess(id: Option<String>) => view! { <super::assess_page::AssessPage id=id/> });
lazy_page!(results() => view! { <super::results_page::ResultsPage/> });
lazy_page!(report() => view! { <super::report_page::ReportPage/> });
lazy_page!(record(id: Option<String>) => view! { <super::record_page::RecordPage id=id/> });
lazy_page!(dossiers() => view! { <super::dossiers_page::DossiersPage/> });
lazy_page!(shared(payload: String) => view! { <super::share_page::SharedPage payload=payload/> });
lazy_page!(cohort() => view! { <super::cohort_page::CohortPage/> });

split_fn! {
    /// The app state (stored dossiers and their codec) and the notices above every page: not
    /// needed to show the home page (`state::StateSlot`).
    pub fn state(owner: Owner, namespace: String) -> (super::state::AppState, super::lazy::Page) {
        let state = super::state::state_under(&owner, &namespace);
        let notices: super::lazy::Page = ::std::rc::Rc::new(|| view! { <super::notices::Notices/> }.into_any());
        (state, notices)
    }
}

split_fn! {
    /// LMS mode (SPEC §12), only for an app launched by a package: opens the session under the
    /// shell's owner (its context, effects and listeners live as long as the app) and returns
    /// the panel shown above every page.
    pub fn lms(owner: Owner, launch: super::lms::Launch, state: super::state::AppState) -> super::lazy::Page {
        super::state::install_scoring();
        owner.with(|| super::lms::start(launch, state));
        ::std::rc::Rc::new(|| view! { <super::lms::LmsPanel/> }.into_any())
    }
}

split_fn! {
    /// Makes the English texts available (`core::i18n::load_english`): a French visit never
    /// downloads them.
    pub fn english() {
        crate::core::i18n::load_english()
    }
}
