//! The UI language as a reactive context; texts come from `core::i18n` (locale files).

use crate::core::dossier::StorageNotice;
use crate::core::i18n::{tr, tr_with, Lang};
use leptos::prelude::*;

const LANG_KEY: &str = "repere.lang";

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self, key: &str) -> &'static str {
        tr(self.lang.get(), key)
    }

    pub fn tw(&self, key: &str, args: &[(&str, &str)]) -> String {
        tr_with(self.lang.get(), key, args)
    }

    /// `move || self.t(key)` as one closure type for every key: a view written with it reuses a
    /// single instance of Leptos's render code instead of one per literal closure (wasm size).
    pub fn text(
        self,
        key: &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// A notice of the storage core in the current language.
    pub fn storage(&self, notice: &StorageNotice) -> String {
        notice.render(self.lang.get())
    }
}

fn stored_lang() -> Option<Lang> {
    Lang::from_code(&super::storage::read(LANG_KEY).ok().flatten()?)
}

/// `forced`: the language an embedding page asks for, which wins over the stored preference.
pub fn provide_i18n(forced: Option<Lang>) {
    let lang = RwSignal::new(forced.or_else(stored_lang).unwrap_or_default());
    // Keep <html lang> right for assistive technology.
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.get().code());
        }
    });
    provide_context(I18n { lang });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let toggle = move |_| {
        let next = match i18n.lang.get_untracked() {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        };
        i18n.lang.set(next);
        // Losing the language preference is harmless; nothing to report.
        let _ = super::storage::write(LANG_KEY, next.code());
    };
    view! {
        <button type="button" class="lang-switch" on:click=toggle
            aria-label=move || i18n.t("lang.switch_label")
            lang=move || match i18n.lang.get() { Lang::Fr => "en", Lang::En => "fr" }>
            {move || i18n.t("lang.switch")}
        </button>
    }
}
