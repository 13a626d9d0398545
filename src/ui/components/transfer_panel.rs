//! Export the active dossier as a file, import one (file picker or drag and drop) with every
//! problem reported and never an overwrite without confirmation (SPEC §7).

use crate::core::dossier::Dossier;
use crate::core::exchange::{
    as_new, check_size, conflicts, export_dossier, export_file_name, import_dossier_in, replacing,
    ImportChoice, ImportProblem, MIME_TYPE,
};
use crate::ui::i18n::use_i18n;
use crate::ui::state::files::{download, files_of, read_bytes};
use crate::ui::state::{catalog, new_id, now, use_app_state};
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
        let Some(file) = files.into_iter().next() else {
            return;
        };
        if let Err(failure) = check_size(file.size() as u64) {
            outcome.set(Outcome::Failed(failure.problems));
            return;
        }
        outcome.set(Outcome::Reading);
        spawn_local(async move {
            let Ok(bytes) = read_bytes(&file).await else {
                outcome.set(Outcome::Failed(Vec::new()));
                return;
            };
            match import_dossier_in(&bytes, catalog()) {
                Err(failure) => outcome.set(Outcome::Failed(failure.problems)),
                Ok(imported) => {
                    let existing = match conflicts(&state.fresh_index(), &imported.dossier) {
                        ImportChoice::New => None,
                        ImportChoice::SameId { existing } => Some(existing.name),
                    };
                    outcome.set(Outcome::Ready {
                        dossier: imported.dossier,
                        warnings: imported.warnings,
                        existing,
                    });
                }
            }
        });
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

    let import_new = move |d: Dossier| {
        let fresh = as_new(d, &new_id(), &now());
        let name = fresh.name.clone();
        state.adopt_dossier(fresh);
        outcome.set(Outcome::Done(name));
    };
    let import_as_is = move |d: Dossier| {
        let name = d.name.clone();
        state.adopt_dossier(d);
        outcome.set(Outcome::Done(name));
    };
    let replace = move |d: Dossier| {
        let existing = state
            .stored_dossier(&d.id)
            .unwrap_or_else(|| state.dossier.get_untracked());
        let merged = replacing(&existing, d, &now());
        let name = merged.name.clone();
        state.adopt_dossier(merged);
        outcome.set(Outcome::Done(name));
    };

    let problems = move |list: Vec<ImportProblem>| {
        view! { <ul class="problems">{list.into_iter().map(|p| view! { <li>{move || p.render(i18n.lang.get())}</li> }).collect_view()}</ul> }
    };

    let status = move || {
        match outcome.get() {
        Outcome::Idle => ().into_any(),
        Outcome::Reading => view! { <p role="status">{i18n.t("transfer.reading")}</p> }.into_any(),
        Outcome::Failed(list) => view! {
            <div class="notice notice-error" role="alert" data-testid="import-error">
                <p>{i18n.t("transfer.failed")}</p>
                {problems(list)}
            </div>
        }
        .into_any(),
        Outcome::Ready { dossier, warnings, existing } => {
            let n = (dossier.answers.quick.len() + dossier.answers.items.len()).to_string();
            let summary = i18n.t_with("transfer.ready", &[("name", &dossier.name), ("n", &n)]);
            let (d1, d2, d3) = (dossier.clone(), dossier.clone(), dossier);
            let has_warnings = !warnings.is_empty();
            view! {
                <div class="notice notice-info" role="status" data-testid="import-ready">
                    <p>{summary}</p>
                    {has_warnings.then(|| view! { <p>{i18n.t("transfer.warnings")}</p> })}
                    {has_warnings.then(|| problems(warnings))}
                    {match existing {
                        None => view! {
                            <p class="actions">
                                <button type="button" class="primary" on:click=move |_| import_as_is(d1.clone())>{i18n.t("transfer.import")}</button>
                                <button type="button" class="secondary" on:click=move |_| outcome.set(Outcome::Idle)>{i18n.t("dossier.cancel")}</button>
                            </p>
                        }.into_any(),
                        Some(existing) => {
                            let label = i18n.t_with("transfer.replace", &[("name", &existing)]);
                            view! {
                                <p>{i18n.t_with("transfer.same_id", &[("name", &existing)])}</p>
                                <p class="actions">
                                    <button type="button" class="primary" on:click=move |_| import_new(d2.clone())>{i18n.t("transfer.import_new")}</button>
                                    <button type="button" class="secondary" on:click=move |_| outcome.set(Outcome::ConfirmReplace { dossier: d3.clone(), existing: existing.clone() })>{label}</button>
                                    <button type="button" class="secondary" on:click=move |_| outcome.set(Outcome::Idle)>{i18n.t("dossier.cancel")}</button>
                                </p>
                            }.into_any()
                        }
                    }}
                </div>
            }
            .into_any()
        }
        Outcome::ConfirmReplace { dossier, existing } => view! {
            <div class="confirm" role="alertdialog" aria-live="assertive" data-testid="import-confirm">
                <p>{i18n.t_with("transfer.confirm_replace", &[("name", &existing)])}</p>
                <p class="actions">
                    <button type="button" class="danger" on:click=move |_| replace(dossier.clone())>{i18n.t("transfer.confirm_yes")}</button>
                    <button type="button" class="secondary" on:click=move |_| outcome.set(Outcome::Idle)>{i18n.t("dossier.cancel")}</button>
                </p>
            </div>
        }
        .into_any(),
        Outcome::Done(name) => view! { <p class="notice notice-info" role="status" data-testid="import-done">{i18n.t_with("transfer.done", &[("name", &name)])}</p> }.into_any(),
    }
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
            {status}
        </section>
    }
}
