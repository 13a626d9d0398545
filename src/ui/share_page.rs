//! Share links (SPEC §7): the answers (never the evidence notes) in the URL fragment; opening one
//! shows a read-only result, said to be self-declared and unchecked, with « Importer ce dossier »;
//! a damaged link says so plainly.

use super::i18n::use_i18n;
use super::results_page::{BlocksWithinReach, Gaps, PivotChart, Ranking, ResultsSource};
use super::state::{model, new_id, now, use_app_state};
use crate::core::route::Route;
use crate::core::share::{decode, hash, shared_dossier};
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
        let fragment = state.dossier.with_untracked(|d| hash(&d.answers));
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

/// The read-only view of a share link.
#[component]
pub fn SharedPage(payload: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    super::router::focus_after_render(None);
    match decode(&payload) {
        Err(e) => view! {
            <section class="shared">
                <h1 tabindex="-1">{move || i18n.t("share.open_title")}</h1>
                <div class="notice notice-error" role="alert" data-testid="share-error">
                    <p>{move || i18n.t(e.code())}</p>
                </div>
                <p><a href=Route::Home.to_hash()>{move || i18n.t("notfound.back")}</a></p>
            </section>
        }
        .into_any(),
        Ok(answers) => {
            let evaluation = Memo::new({
                let answers = answers.clone();
                move |_| model().evaluate(&answers)
            });
            // The shared answers reach the result components through a context. The page
            // switch runs the next page in the same owner, contexts included (its cleanup
            // disposes the nodes, not the contexts): left there, the next page read this disposed
            // evaluation and panicked. Take it back when the page goes.
            provide_context(ResultsSource(evaluation));
            let owner = Owner::current();
            on_cleanup(move || {
                if let Some(owner) = owner {
                    owner.with(take_context::<ResultsSource>);
                }
            });
            let (imported, set_imported) = signal(false);
            let import = move |_| {
                state.adopt_dossier(shared_dossier(answers.clone(), &new_id(), &now()));
                set_imported.set(true);
            };
            view! {
                <section class="shared" data-testid="shared-results">
                    <h1 tabindex="-1">{move || i18n.t("share.open_title")}</h1>
                    // Whoever opens a link (a trainer, an employer) must not take it for an assessment.
                    <p class="notice notice-warning" data-testid="share-disclaimer"><strong>{move || i18n.t("share.self_declared")}</strong></p>
                    <p class="notice notice-info">{move || i18n.t("share.read_only")}</p>
                    <p class="actions">
                        <button type="button" class="primary" on:click=import disabled=move || imported.get()>{move || i18n.t("share.import")}</button>
                        <span role="status" data-testid="share-imported">{move || if imported.get() { i18n.t("share.imported") } else { "" }}</span>
                    </p>
                    <Ranking details=true/>
                    <PivotChart/>
                    <BlocksWithinReach/>
                    <Gaps/>
                </section>
            }
            .into_any()
        }
    }
}
