//! The imperative shell: Leptos components around the pure `core`. wasm32 only.

mod assess_page;
mod cohort_page;
mod dossiers_page;
mod embed;
mod fields;
mod files;
mod home;
mod i18n;
mod lazy;
mod not_found;
mod notices;
mod pages;
mod pwa;
mod quick_page;
mod referential_page;
mod report_page;
mod results_page;
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
    // An embedding page's language wins over the stored preference.
    let lang = embedded
        .as_ref()
        .and_then(|e| e.lang)
        .or_else(i18n::stored_lang)
        .unwrap_or_default();
    if lang == Lang::En {
        // English texts are a chunk of their own: fetched before the first render, so that an
        // English visitor never sees French first.
        // Leptos's executor starts with the mount: this runs before it.
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = pages::english().await.is_ok();
            mount(embedded, if loaded { Lang::En } else { Lang::Fr }, !loaded);
        });
    } else {
        mount(embedded, lang, false);
    }
}

fn mount(embedded: Option<EmbedConfig>, lang: Lang, english_failed: bool) {
    // The static "loading" message of index.html is replaced by the app.
    if let Some(el) = document().get_element_by_id("loading") {
        el.remove();
    }
    leptos::mount::mount_to_body(move || {
        provide_i18n(lang, english_failed);
        view! { <App embedded=embedded.clone()/> }
    });
}

#[component]
fn App(embedded: Option<EmbedConfig>) -> impl IntoView {
    let namespace = embedded
        .as_ref()
        .map_or(crate::core::dossier::DEFAULT_NAMESPACE, |e| {
            e.namespace.as_str()
        });
    // The app state is a chunk: pages load it with theirs; on the home page it comes right
    // after the first render (the current dossier and any storage notice above the page).
    let slot = state::StateSlot::provide(namespace);
    leptos::task::spawn_local({
        let load = slot.load();
        async move {
            // A page that needs it says so if it cannot be loaded; the home page does without.
            let _ = load.await;
        }
    });
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
        <header class=if is_embedded { "site-header compact" } else { "site-header" }>
            <div class="wrap header-row">
                <a class="brand" href=Route::Home.to_hash()>
                    <span class="brand-mark" aria-hidden="true">"◎"</span>
                    <span class="brand-name">{move || i18n.t("app.name")}</span>
                </a>
                <nav aria-label=move || i18n.t("nav.main")>
                    <ul class="nav-list">
                        <li class="full-only"><a href=Route::Home.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Home))>{move || i18n.t("nav.home")}</a></li>
                        <li><a href=Route::Quick.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Quick))>{move || i18n.t("nav.quick")}</a></li>
                        <li><a href=Route::Assess { id: None, anchor: None }.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Assess { .. }))>{move || i18n.t("nav.assess")}</a></li>
                        <li><a href=Route::Results.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Results))>{move || i18n.t("nav.results")}</a></li>
                        <li class="full-only"><a href=Route::Search { query: String::new() }.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Search { .. }))>{move || i18n.t("nav.search")}</a></li>
                        <li class="full-only"><a href=Route::Dossiers.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Dossiers))>{move || i18n.t("nav.dossiers")}</a></li>
                        <li class="full-only"><a href=Route::Cohort.to_hash() aria-current=move || router::current_if(route.get(), |r| matches!(r, Route::Cohort))>{move || i18n.t("nav.cohort")}</a></li>
                        <li><i18n::LangSwitch/></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            <pwa::UpdateBanner/>
            <i18n::LangError/>
            {move || match slot.notices.get() {
                Some(notices) => notices(),
                None => notices::placeholder(),
            }}
            // Home is in the first load; every other page comes from its chunk (`ui::pages`).
            {move || match page.get() {
                Route::Home => view! { <home::HomePage/> }.into_any(),
                Route::Referential { id, .. } => lazy_view(move || pages::referential(id.clone())),
                Route::Search { query } => lazy_view(move || pages::search(query.clone())),
                Route::Quick => lazy_view(pages::quick),
                Route::Assess { id, .. } => lazy_view(move || pages::assess(id.clone())),
                Route::Results => lazy_view(pages::results),
                Route::Report => lazy_view(pages::report),
                Route::Cohort => lazy_view(pages::cohort),
                Route::Shared { payload } => lazy_view(move || pages::shared(payload.clone())),
                Route::Dossiers => lazy_view(pages::dossiers),
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
