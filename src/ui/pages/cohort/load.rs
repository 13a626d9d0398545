//! Loading many exported files into the group without blocking the page for long: files are read
//! one by one (each read is its own browser task), each dossier is imported and evaluated once,
//! and the new candidates reach the table in batches, so 300 files render a few times, not 300
//! times: at least [`COMMIT_MS`] apart, and at least twice as long apart as the last batch took to
//! render (the table grows, so does its layout), which keeps rendering to about a third of the
//! load at most. The load is timed as the User Timing measure `repere-cohort-load` (files chosen →
//! table rendered).

use crate::core::cohort::{Candidate, Cohort, Refusal};
use crate::core::exchange::{check_size, import_dossier_in, ImportProblem};
use crate::ui::state::files::read_bytes;
use crate::ui::state::{catalog, model};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// New candidates are handed to the table at most this often while files are being read.
const COMMIT_MS: f64 = 100.0;
const MARK_START: &str = "repere-cohort-load-start";
const MEASURE: &str = "repere-cohort-load";

/// A file that did not become a candidate, and why.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Rejected {
    pub(super) file: String,
    pub(super) reason: Reason,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reason {
    /// The import's problems (shown with their code's template).
    Problems(Vec<ImportProblem>),
    /// Already in the group under this name.
    Duplicate(String),
    /// The browser could not read the file.
    Unreadable,
}

/// What the last load did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct LoadReport {
    pub(super) files: usize,
    pub(super) added: usize,
    pub(super) refused: usize,
}

/// The page's signals, shared by the loader and the views.
#[derive(Clone, Copy)]
pub(super) struct CohortState {
    pub(super) cohort: RwSignal<Cohort>,
    pub(super) rejected: RwSignal<Vec<Rejected>>,
    /// `(read, total)` while files are being read.
    pub(super) progress: RwSignal<Option<(usize, usize)>>,
    pub(super) report: RwSignal<Option<LoadReport>>,
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

    pub(super) fn load(&self, files: Vec<web_sys::File>) {
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
