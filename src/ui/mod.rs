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
mod lazy;
mod lms;
mod lms_api;
mod not_found;
mod notices;
mod page_head;
mod pages;
mod pwa;
mod quick_page;
mod record_page;
mod referential_page;
mod report_page;
mod results_detail;
mod results_page;
mod reveal;
mod router;
mod scale;
mod search_page;
mod share_page;
mod state;
pub mod storage;
mod transfer;

use crate::core::embed::EmbedConfig;
use crate::core::i18n::Lang;
use crate::core::route::Route;
use i18n::{provide_i18n, use_i18n};
use lazy::lazy_view;
use leptos::prelude::*;

pub fn start() {
    // Lets the benchmark split a first visit into download + compile and the app's own startup.
    if let Some(performance) = window().performance() {
        let _ = performance.mark("repere-wasm-start");
    }
    console_error_panic_hook::set_once();
    let embedded = embed::config();
    let lms = lms::Launch::read();
    // An embedding page's or a package's language wins over the stored preference.
    let lang = embedded
        .as_ref()
        .and_then(|e| e.lang)
        .or_else(|| lms.as_ref().and_then(|l| l.lang()))
        .or_else(i18n::stored_lang)
        .unwrap_or_default();
    if lang == Lang::En {
        // English texts are a chunk of their own: fetched before the first render, so that an
        // English visitor never sees French first.
        // Leptos's executor starts with the mount: this runs before it.
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = pages::english().await.is_ok();
            mount(
                embedded,
                lms,
                if loaded { Lang::En } else { Lang::Fr },
                !loaded,
            );
        });
    } else {
        mount(embedded, lms, lang, false);
    }
}

fn mount(
    embedded: Option<EmbedConfig>,
    lms: Option<lms::Launch>,
    lang: Lang,
    english_failed: bool,
) {
    // The static "loading" message of index.html is replaced by the app.
    if let Some(el) = document().get_element_by_id("loading") {
        el.remove();
    }
    leptos::mount::mount_to_body(move || {
        provide_i18n(lang, english_failed);
        view! { <App embedded=embedded.clone() lms=lms.clone()/> }
    });
}

#[component]
fn App(embedded: Option<EmbedConfig>, lms: Option<lms::Launch>) -> impl IntoView {
    let namespace = match (&lms, &embedded) {
        (Some(l), _) => l.namespace(),
        (None, Some(e)) => e.namespace.clone(),
        (None, None) => crate::core::dossier::DEFAULT_NAMESPACE.to_owned(),
    };
    // The app state is a chunk: pages load it with theirs; on the home page it comes right
    // after the first render (the current dossier and any storage notice above the page).
    let slot = state::StateSlot::provide(&namespace);
    leptos::task::spawn_local({
        let load = slot.load();
        async move {
            lazy::after_first_paint().await;
            // A page that needs it says so if it cannot be loaded; the home page does without.
            let _ = load.await;
        }
    });
    // LMS mode is a chunk of its own too, loaded only when a package launched the app.
    let lms_panel = RwSignal::new_local(None::<lazy::Page>);
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
        let owner = Owner::current().expect("the shell's owner");
        let load = slot.load();
        leptos::task::spawn_local(async move {
            // Without the state's chunk the page in view says so; LMS mode cannot start either.
            if let Ok(state) = load.await {
                if let Ok(panel) = pages::lms(owner, l, state).await {
                    let _ = lms_panel.try_set(Some(panel));
                }
            }
        });
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
            {move || lms_panel.get().map(|panel| panel())}
            <i18n::LangError/>
            {move || match slot.notices.get() {
                Some(notices) => notices(),
                None => notices::placeholder(),
            }}
            // Home is in the first load; every other page comes from its chunk (`ui::pages`).
            // While a page's chunk loads, the shell shows the top of the page (`page_head`).
            {move || {
                let route = page.get();
                let head = page_head::frame_head(&route);
                match route {
                    Route::Home => view! { <home::HomePage/> }.into_any(),
                    Route::Referential { id, .. } => lazy_view(head, move || pages::referential(id.clone())),
                    Route::Search { query } => lazy_view(head, move || pages::search(query.clone())),
                    Route::Quick => lazy_view(head, pages::quick),
                    Route::Assess { id, .. } => lazy_view(head, move || pages::assess(id.clone())),
                    Route::Results => lazy_view(head, pages::results),
                    Route::Report => lazy_view(head, pages::report),
                    Route::Record { id } => lazy_view(head, move || pages::record(id.clone())),
                    Route::Cohort => lazy_view(head, pages::cohort),
                    Route::Shared { payload } => lazy_view(head, move || pages::shared(payload.clone())),
                    Route::Dossiers => lazy_view(head, pages::dossiers),
                    Route::NotFound(_) => view! { <not_found::NotFound message=None/> }.into_any(),
                }
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
