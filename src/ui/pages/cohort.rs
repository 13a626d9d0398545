//! The trainer's cohort view (issue 4, item 4): many exported dossiers loaded at once (file
//! picker with `multiple`, or drag and drop), a table candidates × profiles (fit, readiness and
//! completeness, sortable, filterable, group averages, removable rows), a heatmap candidates ×
//! pivot skills, and the table as a CSV file. Everything stays in this page's memory.
//!
//! Loading never blocks the page for long: files are read one by one (each read is its own
//! browser task), each dossier is imported and evaluated once, and the new candidates reach the
//! table in batches, so 300 files render a few times, not 300 times: at least [`COMMIT_MS`]
//! apart, and at least twice as long apart as the last batch took to render (the table grows,
//! so does its layout), which keeps rendering to about a third of the load at most. The
//! load is timed as the User Timing measure `repere-cohort-load` (files chosen → table rendered).
//! Rows are keyed by candidate and language: sorting and filtering move or drop existing rows,
//! a language switch rebuilds them; the cells themselves hold plain text (no per-cell effects).

use crate::core::cohort::{
    self, averages, csv, csv_file_name, select, Candidate, Cohort, Column, CsvHeader, Direction,
    Figure, Filter, Refusal, Sort,
};
use crate::core::exchange::{check_size, import_dossier_in, ImportProblem};
use crate::core::i18n::{percent, tr, tr_with, Lang};
use crate::core::numbers::one_decimal;
use crate::ui::components::results::profile_title;
use crate::ui::i18n::use_i18n;
use crate::ui::state::catalog;
use crate::ui::state::files::{download, files_of, read_bytes};
use crate::ui::state::model;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// New candidates are handed to the table at most this often while files are being read.
const COMMIT_MS: f64 = 100.0;
const MARK_START: &str = "repere-cohort-load-start";
const MEASURE: &str = "repere-cohort-load";

/// A file that did not become a candidate, and why.
#[derive(Debug, Clone, PartialEq)]
struct Rejected {
    file: String,
    reason: Reason,
}

#[derive(Debug, Clone, PartialEq)]
enum Reason {
    /// The import's problems (shown with their code's template).
    Problems(Vec<ImportProblem>),
    /// Already in the group under this name.
    Duplicate(String),
    /// The browser could not read the file.
    Unreadable,
}

/// What the last load did.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LoadReport {
    files: usize,
    added: usize,
    refused: usize,
}

/// The page's signals, shared by the loader and the views.
#[derive(Clone, Copy)]
struct CohortState {
    cohort: RwSignal<Cohort>,
    rejected: RwSignal<Vec<Rejected>>,
    /// `(read, total)` while files are being read.
    progress: RwSignal<Option<(usize, usize)>>,
    report: RwSignal<Option<LoadReport>>,
}

fn pivot_label(index: usize, lang: Lang) -> &'static str {
    catalog().pivot_label(&model().pivot_ids()[index], lang)
}

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or_default()
}

/// Resolves in a later browser task, so that the page can render and answer input meanwhile.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves after the next animation frame has been rendered.
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(promise).await;
    next_task().await;
}

/// One file → a candidate (imported and evaluated once) or the reason it was refused.
async fn read_candidate(file: &web_sys::File) -> Result<Candidate, Reason> {
    let messages = |f: crate::core::exchange::ImportFailure| Reason::Problems(f.problems);
    check_size(file.size() as u64).map_err(messages)?;
    let bytes = read_bytes(file).await.map_err(|_| Reason::Unreadable)?;
    let imported = import_dossier_in(&bytes, catalog()).map_err(messages)?;
    let eval = model().evaluate(&imported.dossier.answers);
    let warnings = imported.warnings;
    Ok(Candidate::new(
        &imported.dossier,
        &file.name(),
        &eval,
        warnings,
    ))
}

impl CohortState {
    /// Adds read files to the group; returns how many became candidates.
    fn commit(&self, batch: &mut Vec<(String, Result<Candidate, Reason>)>) -> usize {
        if batch.is_empty() {
            return 0;
        }
        let mut added = 0;
        let mut refused = Vec::new();
        self.cohort.update(|c| {
            for (file, result) in batch.drain(..) {
                match result.and_then(|cand| {
                    c.add(cand)
                        .map_err(|Refusal::Duplicate { name }| Reason::Duplicate(name))
                }) {
                    Ok(_) => added += 1,
                    Err(reason) => refused.push(Rejected { file, reason }),
                }
            }
        });
        if !refused.is_empty() {
            self.rejected.update(|r| r.extend(refused));
        }
        added
    }

    fn load(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let performance = window().performance();
        if let Some(p) = &performance {
            p.clear_marks_with_mark_name(MARK_START);
            let _ = p.mark(MARK_START);
        }
        let count = files.len();
        self.progress
            .update(|p| *p = Some(p.map_or((0, count), |(done, total)| (done, total + count))));
        self.report.set(None);
        let state = *self;
        spawn_local(async move {
            let mut batch = Vec::new();
            let mut added = 0;
            let mut last = now_ms();
            let mut interval = COMMIT_MS;
            for file in files {
                if state.cohort.is_disposed() {
                    // The trainer left the page: nothing to show the rest to.
                    return;
                }
                let result = read_candidate(&file).await;
                batch.push((file.name(), result));
                if now_ms() - last >= interval {
                    let n = batch.len();
                    let start = now_ms();
                    added += state.commit(&mut batch);
                    state
                        .progress
                        .update(|p| *p = p.map(|(done, total)| (done + n, total)));
                    after_paint().await;
                    last = now_ms();
                    interval = COMMIT_MS.max(2.0 * (last - start));
                }
            }
            let n = batch.len();
            added += state.commit(&mut batch);
            state.progress.update(|p| {
                *p = p
                    .map(|(done, total)| (done + n, total))
                    .filter(|(done, total)| done < total)
            });
            state.report.set(Some(LoadReport {
                files: count,
                added,
                refused: count - added,
            }));
            after_paint().await;
            if let Some(p) = window().performance() {
                p.clear_measures_with_measure_name(MEASURE);
                let _ = p.measure_with_start_mark(MEASURE, MARK_START);
            }
        });
    }
}

/// Today's local date as the CSV file name.
fn csv_name_today() -> String {
    let d = js_sys::Date::new_0();
    csv_file_name(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

fn ratio_attr(x: f64) -> String {
    format!("{x:.3}")
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

/// Filters, actions, the candidates table and the heatmap (when the group is not empty).
#[component]
fn CohortViews(state: CohortState) -> impl IntoView {
    let i18n = use_i18n();
    let nprof = model().profiles().len();
    let npiv = model().pivot_ids().len();
    let sort = RwSignal::new(Sort::default());
    let name_query = RwSignal::new(String::new());
    let min_profile = RwSignal::new(0usize);
    let min_value = RwSignal::new(None::<f64>);
    let (confirming, set_confirming) = signal(false);

    let filter = Memo::new(move |_| Filter {
        name: name_query.get(),
        min_fit: min_value.get().map(|v| (min_profile.get(), v / 100.0)),
    });
    let visible: Memo<Vec<Arc<Candidate>>> = Memo::new(move |_| {
        let (f, s) = (filter.get(), sort.get());
        state.cohort.with(|c| select(c.candidates(), &f, s))
    });
    let avg = Memo::new(move |_| visible.with(|v| averages(v, nprof, npiv)));
    let total = move || state.cohort.with(Cohort::len);

    let export = move |_| {
        let lang = i18n.lang.get_untracked();
        let header = CsvHeader::localized_for(lang, model(), catalog());
        let text = visible.with_untracked(|v| csv(&header, v, lang));
        let _ = download(&csv_name_today(), cohort::CSV_MIME, &text);
    };

    let remove = Callback::new(move |key: u64| {
        let position = visible.with_untracked(|v| v.iter().position(|c| c.key == key));
        state.cohort.update(|c| {
            c.remove(key);
        });
        // Keep the keyboard where it was: the next row's button, else the table heading.
        request_animation_frame(move || {
            let next = visible
                .try_with_untracked(|v| {
                    let last = v.len().checked_sub(1)?;
                    v.get(position.unwrap_or(0).min(last)).map(|c| c.key)
                })
                .flatten();
            let target = next
                .and_then(|k| {
                    document()
                        .query_selector(&format!(
                            "tr[data-key=\"{k}\"] [data-testid=\"cohort-remove\"]"
                        ))
                        .ok()
                        .flatten()
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
        });
    });

    let profile_options = (0..nprof)
        .map(|p| view! { <option value=p.to_string() lang="fr">{profile_title(p)}</option> })
        .collect_view();

    let warned = move || {
        state.cohort.with(|c| {
            c.candidates()
                .iter()
                .filter(|c| !c.warnings.is_empty())
                .map(|c| {
                    view! {
                        <li><strong>{c.file_name.clone()}</strong>" ("{c.name.clone()}")"
                            <ul class="problems">{c.warnings.iter().map(|w| view! { <li>{w.render(i18n.lang.get())}</li> }).collect_view()}</ul>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        {move || {
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
        }}
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
                    data-testid="cohort-filter-min"
                    on:input=move |ev| {
                        let raw = event_target_value(&ev);
                        min_value.set(raw.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| v.clamp(0.0, 100.0)));
                    }/>
            </div>
        </fieldset>
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
                    <button type="button" class="danger" data-testid="cohort-clear-yes" on:click=move |_| {
                        set_confirming.set(false);
                        state.cohort.update(Cohort::clear);
                        crate::ui::router::focus_after_render(None);
                    }>{i18n.text("cohort.confirm_yes")}</button>
                    <button type="button" class="secondary" on:click=move |_| set_confirming.set(false)>{i18n.text("dossier.cancel")}</button>
                </p>
            </div>
        </Show>
        <ProfileTable visible=visible avg=avg sort=sort remove=remove/>
        <Heatmap visible=visible avg=avg/>
    }
}

fn aria_sort(sort: Sort, column: Column) -> Option<&'static str> {
    sort.direction_of(column).map(|d| match d {
        Direction::Ascending => "ascending",
        Direction::Descending => "descending",
    })
}

/// A header button that sorts the table by `column`.
#[component]
fn SortButton(
    sort: RwSignal<Sort>,
    column: Column,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] hidden: Option<String>,
    data_sort: &'static str,
    #[prop(optional)] referential: Option<String>,
) -> impl IntoView {
    let arrow = move || match sort.get().direction_of(column) {
        Some(Direction::Ascending) => "▲",
        Some(Direction::Descending) => "▼",
        None => "↕",
    };
    view! {
        <button type="button" class="cohort-sort" data-testid="cohort-sort" data-sort=data_sort data-referential=referential
            on:click=move |_| sort.update(|s| *s = s.toggled(column))>
            {move || label.get()}
            {hidden.map(|h| view! { <span class="visually-hidden" lang="fr">{h}</span> })}
            <span class="cohort-arrow" aria-hidden="true">{arrow}</span>
        </button>
    }
}

/// The three figures of one profile for a candidate or the average: fit (with its bar),
/// readiness and completeness. `average` switches the test ids to the average row's.
fn figure_cells(lang: Lang, id: &str, f: Figure, average: bool) -> impl IntoView {
    let (fit_id, readiness_id, completeness_id) = if average {
        (
            "cohort-average-score",
            "cohort-average-readiness",
            "cohort-average-completeness",
        )
    } else {
        ("cohort-score", "cohort-readiness", "cohort-completeness")
    };
    // The bar under the fit is a background (decoration): one element per cell.
    // Through the CSSOM (`style=(name, value)`): the CSP blocks inline style attributes.
    let bar = format!("{:.3}", f.fit.clamp(0.0, 1.0));
    view! {
        <td class="cohort-num cohort-score" data-testid=fit_id data-referential=id.to_owned()
            data-score=ratio_attr(f.fit) style=("--bar", bar)>{percent(lang, f.fit)}</td>
        <td class="cohort-num cohort-readiness" data-testid=readiness_id data-referential=id.to_owned()
            data-readiness=ratio_attr(f.readiness)>{percent(lang, f.readiness)}</td>
        <td class="cohort-num cohort-completeness" data-testid=completeness_id data-referential=id.to_owned()
            data-completeness=ratio_attr(f.completeness)>{percent(lang, f.completeness)}</td>
    }
}

#[component]
fn ProfileTable(
    visible: Memo<Vec<Arc<Candidate>>>,
    avg: Memo<Option<cohort::Averages>>,
    sort: RwSignal<Sort>,
    remove: Callback<u64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nprof = model().profiles().len();
    let ids: Vec<String> = model().profiles().iter().map(|p| p.id.clone()).collect();
    let cols = (0..nprof)
        .map(|_| view! { <colgroup span="3"></colgroup> })
        .collect_view();
    let group_heads = (0..nprof)
        .map(|p| view! { <th scope="colgroup" colspan="3" lang="fr" class="cohort-profile-head">{profile_title(p)}</th> })
        .collect_view();
    let sub_heads = (0..nprof)
        .map(|p| {
            let title = profile_title(p);
            let id = ids[p].clone();
            view! {
                <th scope="col" aria-sort=move || aria_sort(sort.get(), Column::Fit(p))>
                    <SortButton sort=sort column=Column::Fit(p) data_sort="score" referential=id.clone()
                        label=Signal::derive(move || i18n.t("cohort.fit").to_owned()) hidden=format!(" — {title}")/>
                </th>
                <th scope="col" aria-sort=move || aria_sort(sort.get(), Column::Readiness(p))>
                    <SortButton sort=sort column=Column::Readiness(p) data_sort="readiness" referential=id.clone()
                        label=Signal::derive(move || i18n.t("cohort.readiness").to_owned()) hidden=format!(" — {}", profile_title(p))/>
                </th>
                <th scope="col" aria-sort=move || aria_sort(sort.get(), Column::Completeness(p))>
                    <SortButton sort=sort column=Column::Completeness(p) data_sort="completeness" referential=id
                        label=Signal::derive(move || i18n.t("cohort.completeness").to_owned()) hidden=format!(" — {}", profile_title(p))/>
                </th>
            }
        })
        .collect_view();
    let ids_rows = ids.clone();
    let average_row = move || {
        let lang = i18n.lang.get();
        avg.get().map(|a| {
            let cells = a
                .profiles
                .iter()
                .zip(&ids)
                .map(|(f, id)| figure_cells(lang, id, *f, true))
                .collect_view();
            view! {
                <tr class="cohort-average" data-testid="cohort-average" data-count=a.count>
                    <th scope="row">{tr_with(lang, "cohort.average", &[("n", &a.count.to_string())])}</th>
                    {cells}
                    <td></td>
                </tr>
            }
        })
    };
    view! {
        <section class="cohort-section" aria-labelledby="cohort-table-title">
            <h2 id="cohort-table-title" tabindex="-1">{i18n.text("cohort.table_title")}</h2>
            <div class="table-scroll cohort-scroll">
                <table class="cohort-table" data-testid="cohort-table">
                    <caption>{i18n.text("cohort.table_caption")}</caption>
                    <colgroup span="1"></colgroup>
                    {cols}
                    <colgroup span="1"></colgroup>
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2" class="cohort-name-head" aria-sort=move || aria_sort(sort.get(), Column::Name)>
                                <SortButton sort=sort column=Column::Name data_sort="name"
                                    label=Signal::derive(move || i18n.t("cohort.candidate").to_owned())/>
                            </th>
                            {group_heads}
                            <th scope="col" rowspan="2">{i18n.text("cohort.actions")}</th>
                        </tr>
                        <tr>{sub_heads}</tr>
                    </thead>
                    <tbody>
                        <For each=move || { let lang = i18n.lang.get(); visible.get().into_iter().map(move |c| (c, lang)).collect::<Vec<_>>() }
                            key=|(c, lang)| (c.key, *lang)
                            children=move |(c, lang)| {
                                let cells = c.profiles.iter().zip(&ids_rows).map(|(f, id)| figure_cells(lang, id, *f, false)).collect_view();
                                let key = c.key;
                                view! {
                                    <tr data-testid="cohort-row" data-name=c.name.clone() data-key=key>
                                        <th scope="row" class="cohort-name">
                                            <span class="cohort-candidate">{c.name.clone()}</span>
                                            <span class="cohort-file">{c.file_name.clone()}</span>
                                        </th>
                                        {cells}
                                        <td>
                                            <button type="button" class="link-button" data-testid="cohort-remove"
                                                aria-label=tr_with(lang, "cohort.remove_label", &[("name", &c.name)])
                                                on:click=move |_| remove.run(key)>{tr(lang, "cohort.remove")}</button>
                                        </td>
                                    </tr>
                                }
                            }/>
                    </tbody>
                    <tfoot>{average_row}</tfoot>
                </table>
            </div>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="notice notice-info" data-testid="cohort-no-match">{i18n.text("cohort.no_match")}</p>
            </Show>
        </section>
    }
}

fn level_class(level: Option<u8>) -> &'static str {
    match level {
        None => "cohort-lvl cohort-lvl-none",
        Some(0) => "cohort-lvl cohort-lvl-0",
        Some(1) => "cohort-lvl cohort-lvl-1",
        Some(2) => "cohort-lvl cohort-lvl-2",
        Some(3) => "cohort-lvl cohort-lvl-3",
        Some(4) => "cohort-lvl cohort-lvl-4",
        Some(_) => "cohort-lvl cohort-lvl-5",
    }
}

fn unknown_cell(lang: Lang) -> impl IntoView {
    view! {
        <span aria-hidden="true">"–"</span>
        <span class="visually-hidden">{tr(lang, "cohort.unknown")}</span>
    }
}

#[component]
fn Heatmap(
    visible: Memo<Vec<Arc<Candidate>>>,
    avg: Memo<Option<cohort::Averages>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let npiv = model().pivot_ids().len();
    let heads = move || {
        let lang = i18n.lang.get();
        (0..npiv)
            .map(|p| {
                view! {
                    <th scope="col" class="cohort-pivot-head" data-pivot=model().pivot_ids()[p].clone()>
                        <span class="cohort-vertical">{pivot_label(p, lang)}</span>
                    </th>
                }
            })
            .collect_view()
    };
    let legend = move || {
        let lang = i18n.lang.get();
        let mut items: Vec<(Option<u8>, String)> = (0..=4u8)
            .map(|l| {
                (
                    Some(l),
                    format!("{l} — {}", tr(lang, &format!("scale.{l}"))),
                )
            })
            .collect();
        items.push((Some(5), format!("5 — {}", tr(lang, "cohort.level_ecf5"))));
        items.push((None, format!("– — {}", tr(lang, "cohort.unknown"))));
        items
            .into_iter()
            .map(|(l, text)| {
                view! {
                    <li><span class=format!("cohort-swatch {}", level_class(l)) aria-hidden="true">{l.map(|l| l.to_string()).unwrap_or_else(|| "–".into())}</span>" "{text}</li>
                }
            })
            .collect_view()
    };
    let mean_row = move || {
        let lang = i18n.lang.get();
        avg.get().map(|a| {
            let cells = a
                .pivots
                .iter()
                .enumerate()
                .map(|(p, m)| match m {
                    Some(m) => view! {
                        <td class=level_class(Some(m.floor() as u8)) data-mean=format!("{m:.3}") data-pivot=model().pivot_ids()[p].clone()>{one_decimal(lang, *m)}</td>
                    }
                    .into_any(),
                    None => view! { <td class=level_class(None)>{unknown_cell(lang)}</td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr class="cohort-average" data-testid="heatmap-average">
                    <th scope="row">{tr_with(lang, "cohort.mean_levels", &[("n", &a.count.to_string())])}</th>
                    {cells}
                </tr>
            }
        })
    };
    view! {
        <section class="cohort-section" aria-labelledby="cohort-heatmap-title">
            <h2 id="cohort-heatmap-title">{i18n.text("cohort.heatmap_title")}</h2>
            <p class="muted">{i18n.text("cohort.heatmap_help")}</p>
            <h3 id="cohort-legend-title" class="cohort-legend-title">{i18n.text("cohort.legend")}</h3>
            <ul class="cohort-legend" aria-labelledby="cohort-legend-title">{legend}</ul>
            <div class="table-scroll cohort-scroll" tabindex="0" role="region" aria-labelledby="cohort-heatmap-caption">
                <table class="cohort-heatmap" data-testid="cohort-heatmap">
                    <caption id="cohort-heatmap-caption">{i18n.text("cohort.heatmap_caption")}</caption>
                    <thead><tr>
                        <th scope="col" class="cohort-name-head">{i18n.text("cohort.candidate")}</th>
                        {heads}
                    </tr></thead>
                    <tbody>
                        <For each=move || { let lang = i18n.lang.get(); visible.get().into_iter().map(move |c| (c, lang)).collect::<Vec<_>>() }
                            key=|(c, lang)| (c.key, *lang)
                            children=move |(c, lang)| {
                                let cells = c.pivots.iter().map(|&l| match l {
                                    Some(l) => view! { <td class=level_class(Some(l)) data-level=l>{l}</td> }.into_any(),
                                    None => view! { <td class=level_class(None)>{unknown_cell(lang)}</td> }.into_any(),
                                }).collect_view();
                                view! {
                                    <tr data-testid="heatmap-row" data-name=c.name.clone()>
                                        <th scope="row" class="cohort-name">{c.name.clone()}</th>
                                        {cells}
                                    </tr>
                                }
                            }/>
                    </tbody>
                    <tfoot>{mean_row}</tfoot>
                </table>
            </div>
        </section>
    }
}
