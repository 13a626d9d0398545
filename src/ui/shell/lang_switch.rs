//! The language button: French ⇄ English, the English texts fetched from their chunk the first
//! time; the choice is remembered on this device.

use crate::core::i18n::Lang;
use crate::ui::chunks::english;
use crate::ui::i18n::use_i18n;
use crate::ui::state::storage;
use leptos::prelude::*;

const LANG_KEY: &str = "repere.lang";

/// The language chosen on this device, if any (read before the first render).
pub fn stored_lang() -> Option<Lang> {
    Lang::from_code(&storage::read(LANG_KEY).ok().flatten()?)
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let switch_to = move |next: Lang| {
        i18n.english_failed.set(false);
        i18n.lang.set(next);
        // Losing the language preference is harmless; nothing to report.
        let _ = storage::write(LANG_KEY, next.code());
    };
    let toggle = move |_| match i18n.lang.get_untracked() {
        Lang::En => switch_to(Lang::Fr),
        // The English texts come from their own chunk, the first time only.
        Lang::Fr => leptos::task::spawn_local(async move {
            match english().await {
                Ok(()) => switch_to(Lang::En),
                Err(_) => i18n.english_failed.set(true),
            }
        }),
    };
    view! {
        <button type="button" class="lang-switch" on:click=toggle
            aria-label=move || i18n.t("lang.switch_label")
            lang=move || match i18n.lang.get() { Lang::Fr => "en", Lang::En => "fr" }>
            {move || i18n.t("lang.switch")}
        </button>
    }
}
