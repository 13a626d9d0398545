//! The site header: brand, main navigation, language switch. On narrow screens (phones, narrow
//! embeds) the links fold behind a « Menu » disclosure button (`aria-expanded`, `aria-controls`),
//! so the header stays one row high; the open list pushes the page down (nothing is covered) and
//! folds back when a link (or anything else in the row) is clicked.

use super::i18n::{use_i18n, LangSwitch};
use super::router;
use crate::core::route::Route;
use leptos::prelude::*;
use std::mem::discriminant;

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

#[component]
pub fn SiteHeader(route: ReadSignal<Route>, embedded: bool) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
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
            <nav class=move || if open.get() { "wrap header-row menu-open" } else { "wrap header-row" } aria-label=move || i18n.t("nav.main")
                on:click=move |_| open.set(false)>
                <a class="brand" href=Route::Home.to_hash()>
                    <span class="brand-mark" aria-hidden="true">"◎"</span>
                    <span class="brand-name">{move || i18n.t("app.name")}</span>
                </a>
                <button type="button" class="menu-button" aria-controls=LIST_ID
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=move |e| {
                        // Not the row's own click, which folds the list after a link is chosen.
                        e.stop_propagation();
                        open.update(|o| *o = !*o);
                    }>
                    <span class="menu-icon" aria-hidden="true"></span>
                    <span class="menu-label">{move || i18n.t("nav.menu")}</span>
                </button>
                <ul id=LIST_ID class="nav-list">{items}</ul>
                <LangSwitch/>
            </nav>
        </header>
    }
}
