//! The shell's frame: header, the page switch on the route, footer; embed and LMS set-up.
//!
//! Home is in the first load; every other page comes from its chunk (`ui::pages`), framed by
//! `lazy_view` with the top of the page (`components::page_head`) while the chunk loads.

use super::header::site_header;
use super::lazy_view::lazy_view;
use super::pwa::UpdateBanner;
use crate::core::embed::EmbedConfig;
use crate::core::route::Route;
use crate::ui::chunks::{after_first_paint, Page};
use crate::ui::components::not_found::NotFound;
use crate::ui::components::page_head::frame_head;
use crate::ui::embed::{self, Embedded};
use crate::ui::i18n::{use_i18n, LangError};
use crate::ui::lms::{self, Launch};
use crate::ui::pages::{self, home::HomePage};
use crate::ui::router;
use crate::ui::state::{notices, StateSlot};
use leptos::prelude::*;

#[component]
pub fn App(embedded: Option<EmbedConfig>, lms: Option<Launch>) -> impl IntoView {
    let namespace = match (&lms, &embedded) {
        (Some(l), _) => l.namespace(),
        (None, Some(e)) => e.namespace.clone(),
        (None, None) => crate::core::dossier::DEFAULT_NAMESPACE.to_owned(),
    };
    // The app state is a chunk: pages load it with theirs; on the home page it comes right
    // after the first render (the current dossier and any storage notice above the page).
    let slot = StateSlot::provide(&namespace);
    leptos::task::spawn_local({
        let load = slot.load();
        async move {
            after_first_paint().await;
            // A page that needs it says so if it cannot be loaded; the home page does without.
            let _ = load.await;
        }
    });
    // LMS mode is a chunk of its own too, loaded only when a package launched the app.
    let lms_panel = RwSignal::new_local(None::<Page>);
    if let Some(l) = lms {
        // A package opens its referential's positioning on first load (a brought one's, once
        // its file is read: `ui::lms`).
        if let Some(r) = l
            .referential()
            .filter(|_| l.file().is_none())
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
                if let Ok(panel) = lms::lms(owner, l, state).await {
                    let _ = lms_panel.try_set(Some(panel));
                }
            }
        });
    }
    // A host that posts its own referential (SPEC §13 c): its positioning opens once it is here.
    let embed_referential = embedded
        .as_ref()
        .filter(|e| e.awaits_referential)
        .map(|e| embed::referential::listen(e, slot.clone()));
    if let Some(e) = &embedded {
        open_embedded(e);
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
        {site_header(route, is_embedded)}
        <main id="main" class="wrap" tabindex="-1">
            <UpdateBanner/>
            {move || lms_panel.get().map(|panel| panel())}
            {embed_referential.map(embed::referential::status_view)}
            <LangError/>
            {move || match slot.notices.get() {
                Some(notices) => notices(),
                None => notices::placeholder(),
            }}
            // Home is in the first load; every other page comes from its chunk (`ui::pages`).
            // While a page's chunk loads, the shell shows the top of the page (`page_head`).
            {move || page_view(page.get())}
        </main>
        <footer class="site-footer" hidden=is_embedded>
            <div class="wrap">
                <p>{move || i18n.t("footer.privacy")}</p>
                <p>{move || i18n.t("footer.sources")}</p>
            </div>
        </footer>
    }
}

/// Embed mode's set-up: the host's referential opened on first load, the frame's height
/// reported to the host, the compact layout, and the context pages read it from.
fn open_embedded(e: &EmbedConfig) {
    // The host points learners to one referential: open its positioning on first load.
    if let Some(r) = e
        .referential
        .as_ref()
        .filter(|_| !e.awaits_referential)
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
    provide_context(Embedded(e.clone()));
}

/// The page for `route`. Home is in the first load; every other page comes from its chunk
/// (`ui::pages`), and while it loads the shell shows the top of the page (`page_head`).
fn page_view(route: Route) -> AnyView {
    let head = frame_head(&route);
    match route {
        Route::Home => view! { <HomePage/> }.into_any(),
        Route::Referential { id, .. } => lazy_view(head, move || pages::referential(id.clone())),
        Route::Search { query } => lazy_view(head, move || pages::search(query.clone())),
        Route::Quick => lazy_view(head, pages::quick),
        Route::Assess { id, .. } => lazy_view(head, move || pages::assess(id.clone())),
        Route::Results => lazy_view(head, pages::results),
        Route::Report => lazy_view(head, pages::report),
        Route::Record { id } => lazy_view(head, move || pages::record(id.clone())),
        Route::Cohort => lazy_view(head, pages::cohort),
        Route::ImportReferential => lazy_view(head, pages::import_referential),
        Route::Shared { payload } => lazy_view(head, move || pages::shared(payload.clone())),
        Route::SharedReferential { payload } => {
            lazy_view(head, move || pages::shared_referential(payload.clone()))
        }
        Route::Dossiers => lazy_view(head, pages::dossiers),
        Route::NotFound(_) => view! { <NotFound message=None/> }.into_any(),
    }
}
