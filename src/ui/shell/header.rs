//! The site header: brand, main navigation, language switch. On narrow screens (phones, narrow
//! embeds) the links fold behind a « Menu » disclosure button (`aria-expanded`, `aria-controls`),
//! so the header stays one row high; the open list pushes the page down (nothing is covered) and
//! folds back when one of its links is followed.

use super::lang_switch::LangSwitch;
use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use crate::ui::router;
use leptos::prelude::*;
use std::mem::discriminant;
use wasm_bindgen::JsCast;

const LIST_ID: &str = "main-nav-list";

/// The main navigation in order: destination, label key, and whether an embedding shows it
/// (an embedded Repère is a positioning tool; exploring, dossiers and cohorts stay on the site).
fn links() -> [(Route, &'static str, bool); 7] {
    [
        (Route::Home, "nav.home", false),
        (Route::Quick, "nav.quick", true),
        (
            Route::Assess {
                id: None,
                anchor: None,
            },
            "nav.assess",
            true,
        ),
        (Route::Results, "nav.results", true),
        (
            Route::Search {
                query: String::new(),
            },
            "nav.search",
            false,
        ),
        (Route::Dossiers, "nav.dossiers", false),
        (Route::Cohort, "nav.cohort", false),
    ]
}

/// The « Menu » button opens or folds the list; the stylesheet shows the list after a button whose
/// `aria-expanded` is true. Plain DOM state rather than a signal: nothing else depends on it, and
/// the shell is in every first load.
fn toggle_menu(ev: web_sys::MouseEvent) {
    if let Some(button) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
        let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    }
}

/// Following a link of the list folds it.
fn fold_menu(ev: web_sys::MouseEvent) {
    let list = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    if let Some(button) = list.and_then(|l| l.previous_element_sibling()) {
        let _ = button.set_attribute("aria-expanded", "false");
    }
}

/// The header; `embedded` keeps the links an embedding shows.
pub fn site_header(route: ReadSignal<Route>, embedded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let items = links()
        .into_iter()
        .filter(|(_, _, in_embed)| !embedded || *in_embed)
        .map(|(target, key, _)| {
            let href = target.to_hash();
            let current = move || {
                router::current_if(route.get(), |r| discriminant(r) == discriminant(&target))
            };
            view! { <li><a href=href aria-current=current>{move || i18n.t(key)}</a></li> }
        })
        .collect_view();
    let class = if embedded {
        "site-header compact"
    } else {
        "site-header"
    };
    // The whole row is the navigation landmark (brand, menu button, links, language), so that on
    // narrow screens the open list can take the full width under the row, in the page's flow.
    view! {
        <header class=class>
            <nav class="wrap header-row" aria-label=move || i18n.t("nav.main")>
                <a class="brand" href=Route::Home.to_hash()>
                    <span class="brand-mark" aria-hidden="true">"◎"</span>
                    <span class="brand-name">{move || i18n.t("app.name")}</span>
                </a>
                <button type="button" class="menu-button" aria-controls=LIST_ID aria-expanded="false" on:click=toggle_menu>
                    {move || i18n.t("nav.menu")}
                </button>
                <ul id=LIST_ID class="nav-list" on:click=fold_menu>{items}</ul>
                <LangSwitch/>
            </nav>
        </header>
    }
}
