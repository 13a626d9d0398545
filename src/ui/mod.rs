//! The imperative shell: Leptos components around the pure `core`. wasm32 only.
//!
//! Layers, each importing only those below it (ARCHITECTURE.md, *Dependency rules*):
//! `shell` (the frame, the page switch) → `pages` (one file a page, never another page) and
//! `lms` → `components` and `embed` → `state` (the app state, storage, files) → `chunks`,
//! `i18n`, `router`.

mod chunks;
mod components;
mod embed;
mod i18n;
mod lms;
mod pages;
mod router;
mod shell;
pub mod state;

use crate::core::embed::EmbedConfig;
use crate::core::i18n::Lang;
use i18n::provide_i18n;
use leptos::prelude::*;
use shell::app::App;

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
        .or_else(shell::lang_switch::stored_lang)
        .unwrap_or_default();
    if lang == Lang::En {
        // English texts are a chunk of their own: fetched before the first render, so that an
        // English visitor never sees French first.
        // Leptos's executor starts with the mount: this runs before it.
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = chunks::english().await.is_ok();
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
