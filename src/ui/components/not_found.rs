use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// Shown for a link that matches nothing; `message` says what exactly was not found.
#[component]
pub fn NotFound(message: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::router::focus_after_render(None);
    view! {
        <section class="not-found">
            <h1 tabindex="-1">{move || i18n.t("notfound.title")}</h1>
            <p>{move || message.clone().unwrap_or_else(|| i18n.t("notfound.body").to_owned())}</p>
            <p><a href=Route::Home.to_hash()>{move || i18n.t("notfound.back")}</a></p>
        </section>
    }
}
