//! Share links (SPEC §7): the answers (never the evidence notes) in the URL fragment, made, shown
//! and copied on the results page (`pages::shared` opens them).

use crate::core::share::hash;
use crate::ui::i18n::use_i18n;
use crate::ui::state::{catalog, use_app_state};
use leptos::prelude::*;

/// The full URL of the share link for the active dossier.
fn share_url(fragment: &str) -> String {
    let location = window().location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    format!("{base}{fragment}")
}

/// On the results page: make the link, show it, copy it.
#[component]
pub fn SharePanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let (link, set_link) = signal(None::<String>);
    let (copied, set_copied) = signal(false);
    let make = move |_| {
        let fragment = state
            .dossier
            .with_untracked(|d| hash(&d.answers, catalog()));
        set_link.set(Some(share_url(&fragment)));
        set_copied.set(false);
    };
    let copy = move |_| {
        if let Some(url) = link.get_untracked() {
            let _ = window().navigator().clipboard().write_text(&url);
            set_copied.set(true);
        }
    };
    view! {
        <section aria-labelledby="share-title" class="no-print">
            <h2 id="share-title">{move || i18n.t("share.title")}</h2>
            <p class="muted">{move || i18n.t("share.help")}</p>
            <p><button type="button" class="secondary" data-testid="make-share-link" on:click=make>{move || i18n.t("share.make")}</button></p>
            {move || link.get().map(|url| {
                let n = url.chars().count().to_string();
                view! {
                    <div class="share-link">
                        <label for="share-url">{i18n.t_with("share.link_label", &[("n", &n)])}</label>
                        <input id="share-url" type="text" readonly data-testid="share-url" prop:value=url
                            on:focus=|ev| { use wasm_bindgen::JsCast; if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } }/>
                        <button type="button" class="secondary" on:click=copy>{move || i18n.t("share.copy")}</button>
                        <span role="status">{move || if copied.get() { i18n.t("share.copied") } else { "" }}</span>
                    </div>
                }
            })}
        </section>
    }
}
