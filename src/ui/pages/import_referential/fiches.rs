//! The scan's progress and the fiches it found, searched by number or title while it goes on
//! (accent- and case-insensitive, like the app's search); each fiche a button
//! (`data-testid="fiche-option" data-fiche="RNCP…"`, SPEC §13's hook) that opens it.

use super::scan::{Scan, ScanStatus};
use crate::core::exchange::ImportProblem;
use crate::core::i18n::Lang;
use crate::core::numbers::one_decimal;
use crate::core::rncp::Matches;
use crate::ui::i18n::use_i18n;
use leptos::prelude::*;

/// Fiches listed at most; a search narrows the rest down.
const SHOWN: usize = 50;

/// A fiche as listed.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    index: usize,
    number: String,
    title: String,
    active: bool,
}

fn mebibytes(bytes: u64, lang: Lang) -> String {
    one_decimal(lang, bytes as f64 / (1024.0 * 1024.0))
}

/// Progress bar, counts, and the button that stops the scan.
#[component]
fn Progress(scan: Scan) -> impl IntoView {
    let i18n = use_i18n();
    let counts = move || {
        let lang = i18n.lang.get();
        let read = mebibytes(scan.read.get(), lang);
        let total = mebibytes(scan.total.get(), lang);
        let found = scan.found.get().to_string();
        i18n.t_with(
            "ref_import.progress",
            &[("read", &read), ("total", &total), ("found", &found)],
        )
    };
    let status = move || {
        let found = scan.found.get().to_string();
        let active = scan.fiches.with_value(|l| l.active()).to_string();
        let args = [("found", found.as_str()), ("active", active.as_str())];
        match scan.status.get() {
            ScanStatus::Idle | ScanStatus::Running => None,
            ScanStatus::Done { .. } => Some(i18n.t_with("ref_import.scan_done", &args)),
            ScanStatus::Stopped => Some(i18n.t_with("ref_import.scan_stopped", &args)),
            ScanStatus::Failed(_) => Some(i18n.t_with("ref_import.scan_failed", &args)),
        }
    };
    view! {
        <div class="scan-progress" data-testid="scan-progress" data-state=move || match scan.status.get() {
            ScanStatus::Idle => "idle",
            ScanStatus::Running => "running",
            ScanStatus::Done { .. } => "done",
            ScanStatus::Stopped => "stopped",
            ScanStatus::Failed(_) => "failed",
        }>
            <label for="scan-bar">{move || i18n.t("ref_import.progress_label")}</label>
            <progress id="scan-bar" max=move || scan.total.get().max(1).to_string() value=move || scan.read.get().to_string()></progress>
            <p data-testid="scan-counts">{counts}</p>
            <Show when=move || scan.running()>
                <button type="button" class="secondary" data-testid="scan-stop" on:click=move |_| scan.stop()>
                    {move || i18n.t("ref_import.stop")}
                </button>
            </Show>
            <p role="status" data-testid="scan-status">{status}</p>
        </div>
    }
}

/// The fiches left out of the list (no number…), once the scan ended.
fn skipped(scan: Scan) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let warnings = match scan.status.get() {
            ScanStatus::Done { warnings } if !warnings.is_empty() => warnings,
            _ => return None,
        };
        let n = warnings.len().to_string();
        Some(view! {
            <details class="notice notice-warning" data-testid="scan-warnings">
                <summary>{move || i18n.t_with("ref_import.skipped", &[("n", &n)])}</summary>
                <ul class="problems">{warnings.iter().map(|p| problem(p.clone())).collect_view()}</ul>
            </details>
        })
    }
}

/// One problem of the core, in the page's language.
pub fn problem(p: ImportProblem) -> impl IntoView {
    let i18n = use_i18n();
    view! { <li>{move || p.render(i18n.lang.get())}</li> }
}

/// The search box, the filter and the list of fiches found; `choose` opens one.
#[component]
pub fn FicheList(scan: Scan, choose: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let active_only = RwSignal::new(false);
    let matches = StoredValue::new(Matches::new("", false));
    // The first fiches that match and how many do, recomputed when the query changes or the scan
    // finds more: a new query looks at every fiche once, a new slice only at its own fiches.
    let found = Memo::new(move |_| {
        let (q, only) = (query.get(), active_only.get());
        scan.found.track();
        matches.update_value(|m| {
            if !m.is_for(&q, only) {
                *m = Matches::new(&q, only);
            }
        });
        scan.fiches.with_value(|list| {
            matches.update_value(|m| m.update(list));
            matches.with_value(|m| {
                let rows: Vec<Row> = m
                    .first(SHOWN)
                    .filter_map(|i| {
                        list.get(i).map(|f| Row {
                            index: i,
                            number: f.number.to_string(),
                            title: f.title.to_string(),
                            active: f.active,
                        })
                    })
                    .collect();
                (rows, m.count())
            })
        })
    });
    let shown = move || {
        let n = found.with(|f| f.1);
        let args = [("shown", n.min(SHOWN).to_string()), ("n", n.to_string())];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if n > SHOWN {
            i18n.t_with("ref_import.shown_some", &args)
        } else {
            i18n.t_with("ref_import.shown_all", &args)
        }
    };
    view! {
        <section class="fiche-choice" aria-labelledby="fiche-choice-title">
            <h2 id="fiche-choice-title">{move || i18n.t("ref_import.choose_title")}</h2>
            <Progress scan=scan/>
            {move || match scan.status.get() {
                ScanStatus::Failed(problems) => Some(view! {
                    <div class="notice notice-error" role="alert" data-testid="referential-import-error">
                        <p>{move || i18n.t("ref_import.failed")}</p>
                        <ul class="problems">{problems.into_iter().map(problem).collect_view()}</ul>
                    </div>
                }),
                _ => None,
            }}
            {skipped(scan)}
            <Show when=move || { scan.running() || scan.found.get() > 0 }>
            <div class="fiche-search">
                <label for="fiche-query">{move || i18n.t("ref_import.search_label")}</label>
                <input id="fiche-query" type="search" autocomplete="off" data-testid="fiche-search"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                <label class="checkbox">
                    <input type="checkbox" data-testid="fiche-active-only" prop:checked=move || active_only.get()
                        on:change=move |ev| active_only.set(event_target_checked(&ev))/>
                    {move || i18n.t("ref_import.active_only")}
                </label>
            </div>
            <p class="muted" data-testid="fiche-count">{shown}</p>
            <ul class="fiche-list">
                <For each=move || found.with(|f| f.0.clone()) key=|r| r.index let:row>
                    <FicheOption row=row choose=choose/>
                </For>
            </ul>
            </Show>
        </section>
    }
}

#[component]
fn FicheOption(row: Row, choose: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let number = row.number.clone();
    let state = if row.active {
        "ref_import.active"
    } else {
        "ref_import.inactive"
    };
    view! {
        <li>
            <button type="button" class="fiche-option" data-testid="fiche-option" data-fiche=row.number.clone()
                data-active=row.active.to_string() on:click=move |_| choose.run(number.clone())>
                <span class="fiche-number">{row.number.clone()}</span>
                <span class="fiche-title" lang="fr">{row.title}</span>
                <span class=if row.active { "badge" } else { "badge inactive" }>{move || i18n.t(state)}</span>
            </button>
        </li>
    }
}
