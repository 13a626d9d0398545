//! Export the active dossier as a file, import one (file picker or drag and drop) with every
//! problem reported and never an overwrite without confirmation (SPEC §7).

use crate::core::dossier::Dossier;
use crate::core::exchange::{
    as_new, check_size, conflicts, export_dossier, export_file_name, import_dossier_in, replacing,
    ImportChoice, ImportProblem, MIME_TYPE,
};
use crate::ui::i18n::use_i18n;
use crate::ui::state::files::{download, files_of, read_bytes};
use crate::ui::state::{catalog, new_id, now, use_app_state, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Reading,
    Failed(Vec<ImportProblem>),
    /// Read and valid, waiting for the candidate's decision.
    Ready {
        dossier: Dossier,
        warnings: Vec<ImportProblem>,
        existing: Option<String>,
    },
    ConfirmReplace {
        dossier: Dossier,
        existing: String,
    },
    Done(String),
}

#[component]
pub fn TransferPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let outcome = RwSignal::new(Outcome::Idle);
    let (dragging, set_dragging) = signal(false);

    let export = move |_| {
        let d = state.dossier.get_untracked();
        let stamp = now();
        let text = export_dossier(&d, env!("CARGO_PKG_VERSION"), &stamp);
        let _ = download(&export_file_name(&d, &stamp[..10]), MIME_TYPE, &text);
    };
    let handle_files = move |files: Vec<web_sys::File>| {
        if let Some(file) = files.into_iter().next() {
            outcome.set(Outcome::Reading);
            spawn_local(async move { outcome.set(read_import(&file, state).await) });
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            handle_files(files_of(input.files()));
            // Picking the same file again must trigger a new import.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        handle_files(files_of(ev.data_transfer().and_then(|d| d.files())));
    };

    view! {
        <section class="transfer" aria-labelledby="transfer-title">
            <h2 id="transfer-title">{move || i18n.t("transfer.title")}</h2>
            <p>{move || i18n.t("transfer.export_help")}</p>
            <p><button type="button" class="primary" data-testid="export" on:click=export>
                {move || i18n.t_with("transfer.export", &[("name", &state.dossier.with(|d| d.name.clone()))])}
            </button></p>
            <div class=move || if dragging.get() { "dropzone dragging" } else { "dropzone" }
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); set_dragging.set(true); }
                on:dragleave=move |_| set_dragging.set(false)
                on:drop=on_drop>
                <label for="import-file">{move || i18n.t("transfer.import_label")}</label>
                <input id="import-file" type="file" accept=format!(".json,{MIME_TYPE}") data-testid="import-file" on:change=on_pick/>
                <p class="muted">{move || i18n.t("transfer.drop_help")}</p>
            </div>
            <ImportStatus outcome/>
        </section>
    }
}

/// Reads a picked or dropped file: refused (too large, unreadable, not an export), or ready with
/// its warnings and the stored dossier of the same id it would replace.
async fn read_import(file: &web_sys::File, state: AppState) -> Outcome {
    if let Err(failure) = check_size(file.size() as u64) {
        return Outcome::Failed(failure.problems);
    }
    let Ok(bytes) = read_bytes(file).await else {
        return Outcome::Failed(Vec::new());
    };
    match import_dossier_in(&bytes, catalog()) {
        Err(failure) => Outcome::Failed(failure.problems),
        Ok(imported) => {
            let existing = match conflicts(&state.fresh_index(), &imported.dossier) {
                ImportChoice::New => None,
                ImportChoice::SameId { existing } => Some(existing.name),
            };
            Outcome::Ready {
                dossier: imported.dossier,
                warnings: imported.warnings,
                existing,
            }
        }
    }
}

/// Stores the dossier the candidate chose to import and opens it.
fn adopt(state: AppState, outcome: RwSignal<Outcome>, d: Dossier) {
    let name = d.name.clone();
    state.adopt_dossier(d);
    outcome.set(Outcome::Done(name));
}

/// What became of the last file: reading, refused with its problems, waiting for a choice, asking
/// to confirm a replacement, or imported.
#[component]
fn ImportStatus(outcome: RwSignal<Outcome>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match outcome.get() {
        Outcome::Idle => ().into_any(),
        Outcome::Reading => view! { <p role="status">{i18n.t("transfer.reading")}</p> }.into_any(),
        Outcome::Failed(problems) => view! {
            <div class="notice notice-error" role="alert" data-testid="import-error">
                <p>{i18n.t("transfer.failed")}</p>
                <Problems problems/>
            </div>
        }
        .into_any(),
        Outcome::Ready { dossier, warnings, existing } => view! { <ImportChoices dossier warnings existing outcome/> }.into_any(),
        Outcome::ConfirmReplace { dossier, existing } => view! { <ConfirmReplace dossier existing outcome/> }.into_any(),
        Outcome::Done(name) => view! { <p class="notice notice-info" role="status" data-testid="import-done">{i18n.t_with("transfer.done", &[("name", &name)])}</p> }.into_any(),
    }
    }
}

#[component]
fn Problems(problems: Vec<ImportProblem>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <ul class="problems">{problems.into_iter().map(|p| view! { <li>{move || p.render(i18n.lang.get())}</li> }).collect_view()}</ul> }
}

/// A valid file: what it holds, its warnings, and the choices — import, or, when a stored
/// dossier has its id, import as a new dossier or replace that one (after a confirmation).
#[component]
fn ImportChoices(
    dossier: Dossier,
    warnings: Vec<ImportProblem>,
    existing: Option<String>,
    outcome: RwSignal<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let n = (dossier.answers.quick.len() + dossier.answers.items.len()).to_string();
    let summary = i18n.t_with("transfer.ready", &[("name", &dossier.name), ("n", &n)]);
    let has_warnings = !warnings.is_empty();
    let cancel = move |_| outcome.set(Outcome::Idle);
    let choices = match existing {
        None => view! {
            <p class="actions">
                <button type="button" class="primary" on:click=move |_| adopt(state, outcome, dossier.clone())>{i18n.t("transfer.import")}</button>
                <button type="button" class="secondary" on:click=cancel>{i18n.t("dossier.cancel")}</button>
            </p>
        }
        .into_any(),
        Some(existing) => {
            let label = i18n.t_with("transfer.replace", &[("name", &existing)]);
            let same_id = i18n.t_with("transfer.same_id", &[("name", &existing)]);
            let d = dossier.clone();
            let import_new = move |_| adopt(state, outcome, as_new(d.clone(), &new_id(), &now()));
            let confirm = move |_| outcome.set(Outcome::ConfirmReplace { dossier: dossier.clone(), existing: existing.clone() });
            view! {
                <p>{same_id}</p>
                <p class="actions">
                    <button type="button" class="primary" on:click=import_new>{i18n.t("transfer.import_new")}</button>
                    <button type="button" class="secondary" on:click=confirm>{label}</button>
                    <button type="button" class="secondary" on:click=cancel>{i18n.t("dossier.cancel")}</button>
                </p>
            }
            .into_any()
        }
    };
    view! {
        <div class="notice notice-info" role="status" data-testid="import-ready">
            <p>{summary}</p>
            {has_warnings.then(|| view! { <p>{i18n.t("transfer.warnings")}</p> <Problems problems=warnings/> })}
            {choices}
        </div>
    }
}

/// The last step before a stored dossier is replaced by the imported one (its answers win).
#[component]
fn ConfirmReplace(dossier: Dossier, existing: String, outcome: RwSignal<Outcome>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let replace = move |_| {
        let stored = state
            .stored_dossier(&dossier.id)
            .unwrap_or_else(|| state.dossier.get_untracked());
        adopt(state, outcome, replacing(&stored, dossier.clone(), &now()));
    };
    view! {
        <div class="confirm" role="alertdialog" aria-live="assertive" data-testid="import-confirm">
            <p>{i18n.t_with("transfer.confirm_replace", &[("name", &existing)])}</p>
            <p class="actions">
                <button type="button" class="danger" on:click=replace>{i18n.t("transfer.confirm_yes")}</button>
                <button type="button" class="secondary" on:click=move |_| outcome.set(Outcome::Idle)>{i18n.t("dossier.cancel")}</button>
            </p>
        </div>
    }
}
