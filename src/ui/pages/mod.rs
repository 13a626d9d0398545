//! Every page but home, each in a chunk of its own (SPEC §11): a visitor downloads the shell and
//! the home page first, and a page's code and data (the catalog, the scoring model, the search
//! index, which the splitter puts in chunks the pages share) when the page is first opened.
//!
//! To add a page: its file here, one `lazy_page!` line below, one arm in the shell's page switch
//! (`shell::app`): `Route::X => lazy_view(head, pages::x),`. A page imports components, the
//! state, `i18n` and `router`, never another page: what two pages show is a component.
//!
//! A split function that nothing calls is still exported, which roots its code in the first load
//! (the build fails on it, see `scripts/split.mjs`): declare one only with its caller. Code that
//! reads `AppState::evaluation` outside a page (LMS mode, `ui::lms`) calls
//! `state::install_scoring()` in its own split function first.

mod assess;
mod cohort;
mod dossiers;
pub mod home;
mod import_referential;
mod quick;
mod record;
mod referential;
mod report;
mod results;
mod search;
mod shared;
mod shared_referential;

use leptos::prelude::*;

/// `lazy_page!(name(args) => view)`: a page in a chunk of its own. The view
/// expression may use the arguments (they are cloned for each build of the view). The chunk
/// installs the scoring model first, so every page can read `AppState::evaluation`.
macro_rules! lazy_page {
    ($name:ident($($arg:ident: $ty:ty),* $(,)?) => $view:expr) => {
        $crate::ui::chunks::split_fn! {
            pub fn $name($($arg: $ty),*) -> $crate::ui::chunks::Page {
                $crate::ui::state::install_scoring();
                ::std::rc::Rc::new(move || {
                    $(#[allow(clippy::redundant_clone)] let $arg = $arg.clone();)*
                    ::leptos::prelude::IntoAny::into_any($view)
                })
            }
        }
    };
}

lazy_page!(referential(id: String) => view! { <referential::ReferentialPage id=id/> });
lazy_page!(search(query: String) => view! { <search::SearchPage query=query/> });
lazy_page!(quick() => view! { <quick::QuickPage/> });
lazy_page!(assess(id: Option<String>) => view! { <assess::AssessPage id=id/> });
lazy_page!(results() => view! { <results::ResultsPage/> });
lazy_page!(report() => view! { <report::ReportPage/> });
lazy_page!(record(id: Option<String>) => view! { <record::RecordPage id=id/> });
lazy_page!(dossiers() => view! { <dossiers::DossiersPage/> });
lazy_page!(shared(payload: String) => view! { <shared::SharedPage payload=payload/> });
lazy_page!(cohort() => view! { <cohort::CohortPage/> });
lazy_page!(import_referential() => view! { <import_referential::ImportReferentialPage/> });
lazy_page!(shared_referential(payload: String) => view! { <shared_referential::SharedReferentialPage payload=payload/> });
