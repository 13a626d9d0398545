//! The UI language as a reactive context; texts come from `core::i18n` (locale files).

use crate::core::i18n::{tr, tr_with, Lang, Message};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    /// Set when the English texts' chunk could not be loaded (the UI stays in French).
    pub english_failed: RwSignal<bool>,
}

impl I18n {
    pub fn t(&self, key: &str) -> &'static str {
        tr(self.lang.get(), key)
    }

    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
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

    /// An untranslated message (a notice, an import problem, an LMS report) in the current
    /// language (reactive: re-renders on a language switch).
    pub fn message(&self, message: &Message) -> String {
        message.render(self.lang.get())
    }
}

/// `lang` is ready to use: English only once its texts are loaded (`ui::start`).
pub fn provide_i18n(lang: Lang, english_failed: bool) {
    let lang = RwSignal::new(lang);
    // Keep <html lang> right for assistive technology.
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.get().code());
        }
    });
    provide_context(I18n {
        lang,
        english_failed: RwSignal::new(english_failed),
    });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Says so when the English texts could not be loaded (at start or on a switch): the UI stays in
/// French, and the language button tries again.
#[component]
pub fn LangError() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || i18n.english_failed.get()>
            <div class="notice notice-error" role="alert" data-testid="lang-error">
                <p>{move || i18n.t("lang.load_failed")}</p>
            </div>
        </Show>
    }
}
