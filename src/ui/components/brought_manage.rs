//! What a trainer does with a referential they brought, on its page: take back the answers kept
//! aside when it was deleted before, and delete it, after saying yes to what that does (the
//! candidates' answers to it are kept aside, SPEC §6).

use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_element;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// « N réponses mises de côté … Les reprendre »: shown when the referential came back after a
/// deletion and answers kept aside then can return.
#[component]
pub fn RestoreOffer(id: &'static str, title: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let count = RwSignal::new(state.restorable_answers(id));
    let failed = RwSignal::new(false);
    let restore = move |_| match state.restore_brought_answers(id) {
        Ok(_) => count.set(0),
        Err(_) => failed.set(true),
    };
    move || {
        let n = count.get();
        (n > 0).then(|| {
            let n = n.to_string();
            view! {
                <div class="notice notice-info" role="region" aria-labelledby="restore-title" data-testid="restore-offer">
                    <p id="restore-title">{move || i18n.t_with("manage.restore_offer", &[("count", &n), ("title", title)])}</p>
                    <p class="actions">
                        <button type="button" class="primary" data-testid="restore-answers" on:click=restore>{move || i18n.t("manage.restore")}</button>
                    </p>
                    {move || failed.get().then(|| view! { <p role="alert">{i18n.t("storage.write_failed")}</p> })}
                </div>
            }
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Idle,
    Asking,
    Failed,
}

/// « Supprimer ce référentiel », then an inline confirmation that says what happens to the
/// answers (focus moves to it; « Annuler » brings it back to the button).
#[component]
pub fn DeleteReferential(id: &'static str, title: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let step = RwSignal::new(Step::Idle);
    let ask = move |_| {
        step.set(Step::Asking);
        request_animation_frame(|| {
            focus_element("delete-confirm-text");
        });
    };
    let cancel = move |_| {
        step.set(Step::Idle);
        request_animation_frame(|| {
            focus_element("delete-referential");
        });
    };
    let confirm = move |_| match state.delete_brought(id) {
        Ok(()) => {
            // Gone from this browser: home, where the notice says where its answers are.
            let _ = window().location().set_hash(&Route::Home.to_hash());
        }
        Err(_) => step.set(Step::Failed),
    };
    view! {
        <section class="manage" aria-labelledby="manage-title" data-testid="manage-referential">
            <h2 id="manage-title">{move || i18n.t("manage.title")}</h2>
            <p>{move || i18n.t("manage.delete_help")}</p>
            <p>
                <button type="button" class="danger" id="delete-referential" data-testid="delete-referential"
                    aria-expanded=move || (step.get() == Step::Asking).to_string() aria-controls="delete-confirm"
                    on:click=ask>{move || i18n.t("manage.delete")}</button>
            </p>
            <div id="delete-confirm">
                {move || match step.get() {
                    Step::Idle => ().into_any(),
                    Step::Asking => view! {
                        <div class="confirm" role="alertdialog" aria-labelledby="delete-confirm-text" data-testid="delete-confirm">
                            <p id="delete-confirm-text" tabindex="-1">{i18n.t_with("manage.confirm", &[("title", title)])}</p>
                            <p class="actions">
                                <button type="button" class="danger" data-testid="delete-confirm-yes" on:click=confirm>{i18n.t("manage.confirm_yes")}</button>
                                <button type="button" class="secondary" data-testid="delete-confirm-no" on:click=cancel>{i18n.t("dossier.cancel")}</button>
                            </p>
                        </div>
                    }.into_any(),
                    Step::Failed => view! { <p class="notice notice-error" role="alert">{i18n.t("manage.delete_failed")}</p> }.into_any(),
                }}
            </div>
        </section>
    }
}
