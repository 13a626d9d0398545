//! The trainer's cohort view (SPEC §1, « compares a group »): many exported dossiers loaded at
//! once (file picker with `multiple`, or drag and drop: `load`), a table candidates × profiles
//! (fit, readiness and completeness, sortable, filterable, group averages, removable rows:
//! `table`), a heatmap candidates × pivot skills (`heatmap`), and the table as a CSV file.
//! Everything stays in this page's memory.
//!
//! Rows are keyed by candidate and language: sorting and filtering move or drop existing rows,
//! a language switch rebuilds them; the cells themselves hold plain text (no per-cell effects).

mod heatmap;
mod load;
mod table;

use crate::core::cohort::{
    self, averages, csv, csv_file_name, select, Candidate, Cohort, CsvHeader, Filter, Sort,
};
use crate::core::i18n::{tr, tr_with};
use crate::ui::components::results::profile_title;
use crate::ui::i18n::use_i18n;
use crate::ui::state::files::{download, files_of};
use crate::ui::state::{catalog, model};
use heatmap::Heatmap;
use leptos::prelude::*;
use load::{CohortState, Reason};
use std::sync::Arc;
use table::ProfileTable;
use wasm_bindgen::JsCast;

/// Today's local date as the CSV file name.
fn csv_name_today() -> String {
    let d = js_sys::Date::new_0();
    csv_file_name(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

#[component]
pub fn CohortPage() -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::router::focus_after_render(None);
    let state = CohortState {
        cohort: RwSignal::new(Cohort::default()),
        rejected: RwSignal::new(Vec::new()),
        progress: RwSignal::new(None),
        report: RwSignal::new(None),
    };
    let (dragging, set_dragging) = signal(false);

    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            state.load(files_of(input.files()));
            // Choosing the same files again must load them again.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        state.load(files_of(ev.data_transfer().and_then(|d| d.files())));
    };

    let progress = move || {
        state.progress.get().map(|(done, total)| {
            view! {
                <p class="cohort-progress">
                    <label for="cohort-progress">{i18n.t_with("cohort.reading", &[("done", &done.to_string()), ("total", &total.to_string())])}</label>
                    <progress id="cohort-progress" max=total value=done></progress>
                </p>
            }
        })
    };
    let report = move || {
        state.report.get().map(|r| {
            i18n.t_with(
                "cohort.loaded",
                &[
                    ("files", &r.files.to_string()),
                    ("added", &r.added.to_string()),
                    ("refused", &r.refused.to_string()),
                ],
            )
        })
    };

    view! {
        <section class="cohort" data-testid="cohort">
            <crate::ui::components::page_head::PageHead route=crate::core::route::Route::Cohort/>
            <p class="privacy">{i18n.text("cohort.privacy")}</p>
            <p><a href=crate::core::route::Route::ImportReferential.to_hash() data-testid="cohort-import">{i18n.text("cohort.import_link")}</a></p>
            <div class=move || if dragging.get() { "cohort-drop dragging" } else { "cohort-drop" }
                data-testid="cohort-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); set_dragging.set(true); }
                on:dragleave=move |_| set_dragging.set(false)
                on:drop=on_drop>
                <label for="cohort-files">{i18n.text("cohort.files_label")}</label>
                <input id="cohort-files" type="file" multiple accept=".json,application/json"
                    data-testid="cohort-files" aria-describedby="cohort-drop-help" on:change=on_pick/>
                <p class="muted" id="cohort-drop-help">{i18n.text("cohort.drop_help")}</p>
            </div>
            {progress}
            <p role="status" class="cohort-report" data-testid="cohort-report">{report}</p>
            <Rejections state=state/>
            <MissingReferentials state=state/>
            <Show when=move || !state.cohort.with(Cohort::is_empty)
                fallback=move || view! { <p class="notice notice-info" data-testid="cohort-empty">{i18n.text("cohort.empty")}</p> }>
                <CohortViews state=state/>
            </Show>
        </section>
    }
}

/// Referentials some candidates answered that this browser lacks (SPEC §13): one line each,
/// with how many candidates, and what to do.
#[component]
fn MissingReferentials(state: CohortState) -> impl IntoView {
    let i18n = use_i18n();
    let missing = move || {
        state
            .cohort
            .with(|c| cohort::missing_referentials(c.candidates()))
    };
    move || {
        let list = missing();
        (!list.is_empty()).then(|| {
            let lines = list
                .into_iter()
                .map(|(id, n)| {
                    let n = n.to_string();
                    let shown = id.clone();
                    view! {
                        <li data-testid="cohort-missing" data-referential=shown>
                            {move || i18n.t_with("cohort.missing_referential", &[("id", &id), ("n", &n)])}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="notice notice-warning" aria-labelledby="cohort-missing-title">
                    <h2 id="cohort-missing-title">{move || i18n.t("cohort.missing_title")}</h2>
                    <ul>{lines}</ul>
                </section>
            }
        })
    }
}

#[component]
fn Rejections(state: CohortState) -> impl IntoView {
    let i18n = use_i18n();
    let list = move || {
        let lang = i18n.lang.get();
        state.rejected.with(|r| {
            r.iter()
                .map(|rej| {
                    let reason = match &rej.reason {
                        Reason::Problems(ps) => view! {
                            <ul class="problems">{ps.iter().map(|p| view! { <li>{p.render(lang)}</li> }).collect_view()}</ul>
                        }
                        .into_any(),
                        Reason::Duplicate(name) => {
                            view! { <p>{tr_with(lang, "cohort.duplicate", &[("name", name)])}</p> }.into_any()
                        }
                        Reason::Unreadable => view! { <p>{tr(lang, "cohort.unreadable")}</p> }.into_any(),
                    };
                    view! {
                        <li data-testid="cohort-error" data-file=rej.file.clone()>
                            <strong class="cohort-error-file">{rej.file.clone()}</strong>
                            {reason}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || state.rejected.with(|r| !r.is_empty())>
            <section class="notice notice-error cohort-rejected" aria-labelledby="cohort-rejected-title" data-testid="cohort-errors">
                <h2 id="cohort-rejected-title">{move || i18n.t_with("cohort.refused_title", &[("n", &state.rejected.with(Vec::len).to_string())])}</h2>
                <ul class="cohort-error-list">{list}</ul>
                <p><button type="button" class="secondary" on:click=move |_| state.rejected.set(Vec::new())>{i18n.text("cohort.dismiss")}</button></p>
            </section>
        </Show>
    }
}

/// Filters, actions, the candidates table and the heatmap (when the group is not empty).
#[component]
fn CohortViews(state: CohortState) -> impl IntoView {
    let nprof = model().profiles().len();
    let npiv = model().pivot_ids().len();
    let sort = RwSignal::new(Sort::default());
    let name_query = RwSignal::new(String::new());
    let min_profile = RwSignal::new(0usize);
    let min_value = RwSignal::new(None::<f64>);
    let filter = Memo::new(move |_| Filter {
        name: name_query.get(),
        min_fit: min_value.get().map(|v| (min_profile.get(), v / 100.0)),
    });
    let visible: Memo<Vec<Arc<Candidate>>> = Memo::new(move |_| {
        let (f, s) = (filter.get(), sort.get());
        state.cohort.with(|c| select(c.candidates(), &f, s))
    });
    let avg = Memo::new(move |_| visible.with(|v| averages(v, nprof, npiv)));
    let remove = Callback::new(move |key: u64| {
        let position = visible.with_untracked(|v| v.iter().position(|c| c.key == key));
        state.cohort.update(|c| {
            c.remove(key);
        });
        // Keep the keyboard where it was once the row is gone.
        request_animation_frame(move || focus_after_removal(visible, position.unwrap_or(0)));
    });
    view! {
        <CandidateWarnings state/>
        <Filters name_query min_profile min_value/>
        <GroupActions state visible sort/>
        <ProfileTable visible=visible avg=avg sort=sort remove=remove/>
        <Heatmap visible=visible avg=avg/>
    }
}

/// After a row was removed at `position`: the remove button of the row now there (or of the last
/// row), else the table's heading.
fn focus_after_removal(visible: Memo<Vec<Arc<Candidate>>>, position: usize) {
    let next = visible
        .try_with_untracked(|v| {
            let last = v.len().checked_sub(1)?;
            v.get(position.min(last)).map(|c| c.key)
        })
        .flatten();
    let target = next
        .and_then(|k| {
            let selector = format!("tr[data-key=\"{k}\"] [data-testid=\"cohort-remove\"]");
            document().query_selector(&selector).ok().flatten()
        })
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
    match target {
        Some(el) => {
            let _ = el.focus();
        }
        None => {
            if !crate::ui::router::focus_element("cohort-table-title") {
                crate::ui::router::focus_after_render(None);
            }
        }
    }
}

/// The files that were imported with warnings, and their warnings, folded.
#[component]
fn CandidateWarnings(state: CohortState) -> impl IntoView {
    let i18n = use_i18n();
    let warned = move || {
        state.cohort.with(|c| {
            c.candidates()
                .iter()
                .filter(|c| !c.warnings.is_empty())
                .map(|c| {
                    view! {
                        <li><strong>{c.file_name.clone()}</strong>" ("{c.name.clone()}")"
                            <ul class="problems">{c.warnings.iter().map(|w| view! { <li>{i18n.message(w)}</li> }).collect_view()}</ul>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        let items = warned();
        (!items.is_empty()).then(|| {
            let n = items.len().to_string();
            view! {
                <details class="cohort-warnings" data-testid="cohort-warnings">
                    <summary>{move || i18n.t_with("cohort.warnings_title", &[("n", &n)])}</summary>
                    <ul>{items}</ul>
                </details>
            }
        })
    }
}

/// Name (accents and case ignored) and a minimum fit (0–100) on one profile.
#[component]
fn Filters(
    name_query: RwSignal<String>,
    min_profile: RwSignal<usize>,
    min_value: RwSignal<Option<f64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let profile_options = (0..model().profiles().len())
        .map(|p| view! { <option value=p.to_string() lang="fr">{profile_title(p)}</option> })
        .collect_view();
    let on_min = move |ev| {
        let raw = event_target_value(&ev);
        let value = raw.trim().replace(',', ".").parse::<f64>().ok();
        min_value.set(value.filter(|v| v.is_finite()).map(|v| v.clamp(0.0, 100.0)));
    };
    view! {
        <fieldset class="cohort-filters">
            <legend>{i18n.text("cohort.filters")}</legend>
            <div class="cohort-field">
                <label for="cohort-filter-name">{i18n.text("cohort.filter_name")}</label>
                <input id="cohort-filter-name" type="search" autocomplete="off" data-testid="cohort-filter-name"
                    prop:value=move || name_query.get() on:input=move |ev| name_query.set(event_target_value(&ev))/>
            </div>
            <div class="cohort-field">
                <label for="cohort-filter-profile">{i18n.text("cohort.filter_profile")}</label>
                <select id="cohort-filter-profile" data-testid="cohort-filter-profile"
                    on:change=move |ev| min_profile.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {profile_options}
                </select>
            </div>
            <div class="cohort-field">
                <label for="cohort-filter-min">{i18n.text("cohort.filter_min")}</label>
                <input id="cohort-filter-min" type="number" min="0" max="100" step="1" inputmode="decimal"
                    data-testid="cohort-filter-min" on:input=on_min/>
            </div>
        </fieldset>
    }
}

/// How many candidates are shown, the CSV of those, back to loading order, and emptying the group
/// (after a confirmation).
#[component]
fn GroupActions(
    state: CohortState,
    visible: Memo<Vec<Arc<Candidate>>>,
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (confirming, set_confirming) = signal(false);
    let total = move || state.cohort.with(Cohort::len);
    let export = move |_| {
        let lang = i18n.lang.get_untracked();
        let header = CsvHeader::localized_for(lang, model(), catalog());
        let text = visible.with_untracked(|v| csv(&header, v, lang));
        let _ = download(&csv_name_today(), cohort::CSV_MIME, &text);
    };
    let clear = move |_| {
        set_confirming.set(false);
        state.cohort.update(Cohort::clear);
        crate::ui::router::focus_after_render(None);
    };
    view! {
        <p role="status" class="cohort-count" data-testid="cohort-count">
            {move || i18n.t_with("cohort.shown", &[("shown", &visible.with(Vec::len).to_string()), ("total", &total().to_string())])}
        </p>
        <div class="actions">
            <button type="button" class="primary" data-testid="cohort-csv" on:click=export>{i18n.text("cohort.export_csv")}</button>
            <Show when=move || sort.get() != Sort::default()>
                <button type="button" class="secondary" data-testid="cohort-reset-sort" on:click=move |_| sort.set(Sort::default())>{i18n.text("cohort.reset_sort")}</button>
            </Show>
            <button type="button" class="secondary" data-testid="cohort-clear" on:click=move |_| set_confirming.set(true)>{i18n.text("cohort.clear")}</button>
        </div>
        <p class="muted cohort-csv-help">{i18n.text("cohort.csv_help")}</p>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alert">
                <p>{move || i18n.t_with("cohort.confirm_clear", &[("n", &total().to_string())])}</p>
                <p class="actions">
                    <button type="button" class="danger" data-testid="cohort-clear-yes" on:click=clear>{i18n.text("cohort.confirm_yes")}</button>
                    <button type="button" class="secondary" on:click=move |_| set_confirming.set(false)>{i18n.text("dossier.cancel")}</button>
                </p>
            </div>
        </Show>
    }
}
