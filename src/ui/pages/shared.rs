//! A share link opened (SPEC §7; `components::share_panel` makes it): a read-only result, said to
//! be self-declared and unchecked, with « Importer ce dossier »; a damaged link says so plainly,
//! and answers to a brought referential this browser lacks (or holds in another version) are
//! named, not shown (SPEC §13).

use crate::core::route::Route;
use crate::core::share::{decode_in, shared_dossier, SkipReason, Skipped};
use crate::ui::components::results::{BlocksWithinReach, Gaps, PivotChart, Ranking, ResultsSource};
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_after_render;
use crate::ui::state::{catalog, model, new_id, now, use_app_state};
use leptos::prelude::*;

/// The read-only view of a share link.
#[component]
pub fn SharedPage(payload: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    focus_after_render(None);
    match decode_in(&payload, catalog()) {
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
        Ok(shared) => {
            let answers = shared.answers;
            let skipped = skipped_notice(shared.skipped);
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
                    {skipped}
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

/// What the link holds that this browser cannot show: answers to brought referentials it lacks or
/// holds in another version, one line each.
fn skipped_notice(skipped: Vec<Skipped>) -> impl IntoView {
    let i18n = use_i18n();
    (!skipped.is_empty()).then(|| {
        let lines = skipped
            .into_iter()
            .map(|s| {
                let key = match s.reason {
                    SkipReason::Missing => "share.skipped_missing",
                    SkipReason::Changed => "share.skipped_changed",
                };
                let n = s.answered.to_string();
                let id = s.referential.clone();
                view! {
                    <li data-testid="share-skipped" data-referential=s.referential data-reason=key>
                        {move || i18n.t_with(key, &[("n", &n), ("id", &id)])}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="notice notice-warning" role="status">
                <p>{move || i18n.t("share.skipped_title")}</p>
                <ul>{lines}</ul>
            </div>
        }
    })
}
