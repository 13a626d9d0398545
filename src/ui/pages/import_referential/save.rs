//! Saving the referential the trainer made or brought (`AppState::save_brought`): the draft's
//! problems first (a block left empty…, in the core's words, naming the fiche and the block),
//! then, when a referential with the same id is stored, a question before it is replaced; once
//! saved, its page opens (`#/referentiel/<id>`).

use super::fiches::problem;
use crate::core::custom::Brought;
use crate::core::exchange::{ImportFailure, ImportProblem};
use crate::core::route::Route;
use crate::ui::i18n::use_i18n;
use crate::ui::router::focus_element;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    /// The referential cannot be saved as it is.
    Invalid(Vec<ImportProblem>),
    /// A referential with this id is stored: replace it?
    Replace(Box<Brought>),
    /// The browser refused the write (or a newer Repère stored this id).
    Failed(Vec<String>),
}

/// The save button and what follows it; `make` makes the referential to save.
#[component]
pub fn SavePanel(make: Callback<(), Result<Brought, ImportFailure>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let step = RwSignal::new(Step::Idle);
    let store = move |b: Brought| {
        let id = b.referential.id.clone();
        match state.save_brought(b) {
            Ok(_) => {
                let hash = Route::Referential { id, anchor: None }.to_hash();
                let _ = window().location().set_hash(&hash);
            }
            Err(problem) => step.set(Step::Failed(problem.messages(i18n.lang.get_untracked()))),
        }
    };
    let save = move |_| match make.run(()) {
        Err(f) => {
            step.set(Step::Invalid(f.problems));
            request_animation_frame(|| {
                focus_element("referential-save-problems");
            });
        }
        Ok(b) if state.stored_brought_ids().contains(&b.referential.id) => {
            step.set(Step::Replace(Box::new(b)));
            request_animation_frame(|| {
                focus_element("referential-replace-text");
            });
        }
        Ok(b) => store(b),
    };
    let outcome = move || {
        match step.get() {
        Step::Idle => ().into_any(),
        Step::Invalid(problems) => view! {
            <div class="notice notice-error" role="alert" data-testid="referential-save-error">
                <p id="referential-save-problems" tabindex="-1">{move || i18n.t("ref_import.save_invalid")}</p>
                <ul class="problems">{problems.into_iter().map(problem).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Step::Replace(b) => {
            let title = b.referential.title.clone();
            let id = b.referential.id.clone();
            let stored = state
                .brought(&id)
                .map_or_else(|| id.clone(), |s| s.referential.title.clone());
            view! {
                <div class="confirm" role="alertdialog" aria-labelledby="referential-replace-text" data-testid="referential-replace">
                    <p id="referential-replace-text" tabindex="-1">
                        {move || i18n.t_with("ref_import.replace", &[("id", &id), ("stored", &stored), ("title", &title)])}
                    </p>
                    <p class="actions">
                        <button type="button" class="danger" data-testid="referential-replace-yes" on:click=move |_| store((*b).clone())>
                            {move || i18n.t("ref_import.replace_yes")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| step.set(Step::Idle)>{move || i18n.t("dossier.cancel")}</button>
                    </p>
                </div>
            }
            .into_any()
        }
        Step::Failed(messages) => view! {
            <div class="notice notice-error" role="alert" data-testid="referential-save-error">
                <ul class="problems">{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <section class="referential-save" aria-labelledby="referential-save-title">
            <h2 id="referential-save-title">{move || i18n.t("ref_import.save_title")}</h2>
            <p class="muted">{move || i18n.t("ref_import.save_help")}</p>
            <p><button type="button" class="primary" data-testid="referential-save" on:click=save>{move || i18n.t("ref_import.save")}</button></p>
            {outcome}
        </section>
    }
}
