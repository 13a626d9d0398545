//! The imperative shell: Leptos components around the pure `core`. wasm32 only.

mod assess_page;
mod cohort_page;
mod dossiers_page;
mod embed;
mod fields;
mod files;
mod header;
mod home;
mod i18n;
mod lms;
mod lms_api;
mod not_found;
mod notices;
mod pwa;
mod quick_page;
mod record_page;
mod referential_page;
mod report_page;
mod results_detail;
mod results_page;
mod router;
mod scale;
mod search_page;
mod share_page;
mod state;
pub mod storage;
mod transfer;

use crate::core::route::Route;
use i18n::{provide_i18n, use_i18n};
use leptos::prelude::*;

pub fn start() {
    // Lets the benchmark split a first visit into download + compile and the app's own startup.
    if let Some(performance) = window().performance() {
        let _ = performance.mark("repere-wasm-start");
    }
    console_error_panic_hook::set_once();
    // The static "loading" message of index.html is replaced by the app.
    if let Some(el) = document().get_element_by_id("loading") {
        el.remove();
    }
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let embedded = embed::config();
    let lms = lms::Launch::read();
    provide_i18n(
        embedded
            .as_ref()
            .and_then(|e| e.lang)
            .or_else(|| lms.as_ref().and_then(|l| l.lang())),
    );
    let namespace = match (&lms, &embedded) {
        (Some(l), _) => l.namespace(),
        (None, Some(e)) => e.namespace.clone(),
        (None, None) => crate::core::dossier::DEFAULT_NAMESPACE.to_owned(),
    };
    let app_state = state::provide_app_state(&namespace);
    if let Some(l) = lms {
        // A package opens its referential's positioning on first load.
        if let Some(r) = l
            .referential()
            .filter(|_| window().location().hash().unwrap_or_default().len() <= 2)
        {
            router::replace_route(&Route::Assess {
                id: Some(r),
                anchor: None,
            });
        }
        lms::start(l, app_state);
    }
    if let Some(e) = &embedded {
        // The host points learners to one referential: open its positioning on first load.
        if let Some(r) = e
            .referential
            .as_ref()
            .filter(|_| window().location().hash().unwrap_or_default().len() <= 2)
        {
            router::replace_route(&Route::Assess {
                id: Some(r.clone()),
                anchor: None,
            });
        }
        if let Some(parent) = e.parent.clone() {
            embed::report_height(parent);
        }
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1("embed");
        }
        provide_context(embed::Embedded(e.clone()));
    }
    let is_embedded = embedded.is_some();
    let route = router::provide_router();
    let i18n = use_i18n();
    // A page is rebuilt only when it changes, not when its anchor does (the page scrolls instead).
    let page = Memo::new(move |_| match route.get() {
        Route::Referential { id, .. } => Route::Referential { id, anchor: None },
        Route::Assess { id, .. } => Route::Assess { id, anchor: None },
        other => other,
    });
    view! {
        <a class="skip-link" href="#main" on:click=router::skip_to_main>{move || i18n.t("nav.skip")}</a>
        {header::site_header(route, is_embedded)}
        <main id="main" class="wrap" tabindex="-1">
            <pwa::UpdateBanner/>
            <lms::LmsPanel/>
            <notices::Notices/>
            {move || match page.get() {
                Route::Home => view! { <home::HomePage/> }.into_any(),
                Route::Referential { id, .. } => view! { <referential_page::ReferentialPage id=id/> }.into_any(),
                Route::Search { query } => view! { <search_page::SearchPage query=query/> }.into_any(),
                Route::Quick => view! { <quick_page::QuickPage/> }.into_any(),
                Route::Assess { id, .. } => view! { <assess_page::AssessPage id=id/> }.into_any(),
                Route::Results => view! { <results_page::ResultsPage/> }.into_any(),
                Route::Report => view! { <report_page::ReportPage/> }.into_any(),
                Route::Record { id } => view! { <record_page::RecordPage id=id/> }.into_any(),
                Route::Cohort => view! { <cohort_page::CohortPage/> }.into_any(),
                Route::Shared { payload } => view! { <share_page::SharedPage payload=payload/> }.into_any(),
                Route::Dossiers => view! { <dossiers_page::DossiersPage/> }.into_any(),
                Route::NotFound(_) => view! { <not_found::NotFound message=None/> }.into_any(),
            }}
        </main>
        <footer class="site-footer" hidden=is_embedded>
            <div class="wrap">
                <p>{move || i18n.t("footer.privacy")}</p>
                <p>{move || i18n.t("footer.sources")}</p>
            </div>
        </footer>
    }
}
