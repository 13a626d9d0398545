//! Accent- and case-insensitive search across all referentials; results link to the item in place.

use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use crate::ui::router::replace_route;
use crate::ui::state::catalog;
use crate::ui::state::library::library;
use leptos::prelude::*;

const LIMIT: usize = 100;

#[component]
pub fn SearchPage(query: String) -> impl IntoView {
    let i18n = use_i18n();
    let (q, set_q) = signal(query);
    let hits = Memo::new(move |_| library().search().search(&q.get(), LIMIT));
    crate::ui::router::focus_after_render(None);
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        replace_route(&Route::Search {
            query: value.clone(),
        });
        set_q.set(value);
    };
    let status = move || {
        let query = q.get();
        if query.trim().is_empty() {
            return String::new();
        }
        let n = hits.with(Vec::len);
        if n == 0 {
            i18n.t_with("search.none", &[("q", query.trim())])
        } else if n == LIMIT {
            i18n.t_with("search.count_capped", &[("n", &n.to_string())])
        } else {
            i18n.t_with("search.count", &[("n", &n.to_string())])
        }
    };
    view! {
        <section class="search">
            <crate::ui::components::page_head::PageHead route=Route::Search { query: String::new() }/>
            <form role="search" on:submit=|ev| ev.prevent_default()>
                <label for="search-input">{move || i18n.t("search.label")}</label>
                <input id="search-input" type="search" autocomplete="off" spellcheck="false"
                    data-testid="search-input"
                    placeholder=move || i18n.t("search.placeholder")
                    aria-describedby="search-hint"
                    prop:value=move || q.get() on:input=on_input/>
                <p id="search-hint" class="muted">{move || i18n.t("search.hint")}</p>
            </form>
            <p class="search-status" role="status" aria-live="polite">{status}</p>
            <ol class="results">
                <For each=move || hits.get() key=|h| (h.referential.clone(), h.anchor.clone()) let:hit>
                    {
                        let r = catalog().referential(&hit.referential);
                        let ref_title = r.map(|r| r.title.clone()).unwrap_or_default();
                        let href = Route::Referential { id: hit.referential.clone(), anchor: hit.anchor.clone() }.to_hash();
                        let is_card = hit.anchor.is_none();
                        view! {
                            <li class="result" data-testid="search-result">
                                <p class="result-ref" lang="fr">{ref_title}</p>
                                <a href=href lang="fr">{if is_card { format!("{} — {}", hit.heading, i18n.t("search.card")) } else { hit.heading.clone() }}</a>
                                <p class="snippet" lang="fr">{hit.snippet.clone()}</p>
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}
