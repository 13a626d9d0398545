//! The app state: the active dossier, the dossier list, notices, and the scoring of the answers.
//! Every change is applied in memory first (the work is never lost), then written with the
//! multi-tab protocol of `core::dossier` (re-read, rebase, write: `saving`); failures are shown.

use super::clock::{new_id, now};
use super::item_status::{status_view, ItemStatusView};
use super::library::{self, model};
use super::notice::{Notice, NoticeKind};
use super::scoring::evaluate;
use super::storage::{self, perform};
use crate::core::custom::store::{list_stored, Listed};
use crate::core::dossier::{self, dossier_key, Change, Dossier, DossierIndex};
use crate::core::scoring::Evaluation;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};

thread_local! {
    /// The state once created, for reports made outside a view (a page's chunk may run before it).
    static CREATED: Cell<Option<AppState>> = const { Cell::new(None) };
    /// Reports made before the state existed, shown with its first notices.
    static QUEUED: RefCell<Vec<Notice>> = const { RefCell::new(Vec::new()) };
}

/// The state, once created.
pub(super) fn created() -> Option<AppState> {
    CREATED.get()
}

/// Shows `notice` above every page, now or, when the state is not there yet, as soon as it is.
pub(super) fn notify_anytime(notice: Notice) {
    match CREATED.get() {
        Some(state) => state.notify(notice),
        None => QUEUED.with_borrow_mut(|q| q.push(notice)),
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub namespace: StoredValue<String>,
    pub index: RwSignal<DossierIndex>,
    pub dossier: RwSignal<Dossier>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Set while the last write failed: the message key to show.
    pub save_error: RwSignal<Option<&'static str>>,
    /// Changes applied in memory but not yet written (a write failed).
    pub(super) pending: StoredValue<Vec<Change>>,
    /// Keys left untouched because a newer version of Repère wrote them.
    pub(super) frozen: StoredValue<Vec<String>>,
    /// SPEC §4–5 figures for the active dossier, recomputed when its answers change.
    pub evaluation: Memo<Evaluation>,
    /// The referentials a trainer brought (SPEC §13), as the home page lists them: read from
    /// storage at startup without their decoder, then as the pages install them.
    pub brought_list: RwSignal<Vec<Listed>>,
}

/// Runs `f` inside a User Timing measure, so the browser benchmark can read how long it took.
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = window().performance();
    let start = format!("{name}-start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        // Keep only the latest measure: the entry buffer must not grow with every answer.
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}

pub fn provide_app_state(namespace: &str) -> AppState {
    let ns = dossier::namespace_or_default(namespace).to_owned();
    let entries = storage::read_prefixed(&dossier::prefix(&ns));
    let storage_ok = entries.is_ok();
    let entries = entries.unwrap_or_default();
    let startup = dossier::plan_startup(&ns, &entries, &now(), &new_id());
    let save_error = RwSignal::new(None);
    let written = storage_ok && perform(&startup.writes).is_ok();
    if !storage_ok {
        save_error.set(Some("storage.unavailable"));
    } else if !written {
        save_error.set(Some("storage.write_failed"));
    }
    let mut notices: Vec<Notice> = Vec::new();
    // A value is only said to be set aside once it is (the writes stop at the first failure,
    // which the save error reports; the next start plans the rest again).
    let moved = |key: &str| written || storage::read(key).is_ok_and(|v| v.is_none());
    for s in startup.set_aside.iter().filter(|s| moved(&s.key)) {
        notices.push(Notice::new(NoticeKind::Warning, s.notice.clone()));
    }
    for k in &startup.kept {
        notices.push(Notice::new(NoticeKind::Warning, k.notice.clone()));
    }
    for m in &startup.migrations {
        notices.push(Notice::new(NoticeKind::Info, m.notice.clone()));
    }
    for w in &startup.warnings {
        notices.push(Notice::new(NoticeKind::Warning, w.clone()));
    }
    notices.extend(QUEUED.take());
    let dossier = RwSignal::new(startup.active().clone());
    let answers = Memo::new(move |_| dossier.with(|d| d.answers.clone()));
    let evaluation = Memo::new(move |_| {
        // A referential brought or deleted changes every figure's model.
        library::track();
        answers.with(|a| timed("repere-evaluate", || evaluate(a)))
    });
    let ns_key = ns.clone();
    let state = AppState {
        namespace: StoredValue::new(ns),
        index: RwSignal::new(startup.index.clone()),
        dossier,
        evaluation,
        notices: RwSignal::new(notices),
        save_error,
        pending: StoredValue::new(Vec::new()),
        frozen: StoredValue::new(startup.kept.iter().map(|k| k.key.clone()).collect()),
        brought_list: RwSignal::new(list_stored(&ns_key, &entries)),
    };
    provide_context(state);
    CREATED.set(Some(state));
    state.listen_to_other_tabs();
    state
}

/// The app state of the active dossier, for pages: every page's chunk loads after the state
/// (`shell::lazy_view`), so it is always there for them.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// Run by the state's chunk: the state under the shell's owner, created once (two pages may ask
/// for it at the same time).
pub fn state_under(owner: &Owner, namespace: &str) -> AppState {
    owner.with(|| use_context::<AppState>().unwrap_or_else(|| provide_app_state(namespace)))
}

impl AppState {
    /// Answered, estimated or unknown, for a rated item (full id).
    pub fn item_status(&self, full_id: &str) -> ItemStatusView {
        match model().item_index(full_id) {
            Some(i) => self.evaluation.with(|e| status_view(e, i)),
            None => ItemStatusView::Unknown,
        }
    }

    /// The level answered to rated item `full_id` (none: not answered), and the callback that
    /// answers it: what an item's level radios bind to, wherever it is asked.
    pub fn item_level(&self, full_id: &str) -> (Signal<Option<u8>>, Callback<Option<u8>>) {
        let state = *self;
        let (read, write) = (full_id.to_owned(), full_id.to_owned());
        let level = Signal::derive(move || {
            state
                .dossier
                .with(|d| d.answers.items.get(&read).map(|a| a.level))
        });
        let answer =
            Callback::new(move |v: Option<u8>| state.change(Change::SetItem(write.clone(), v)));
        (level, answer)
    }

    pub(super) fn ns(&self) -> String {
        self.namespace.get_value()
    }

    pub(super) fn dossier_key(&self, id: &str) -> String {
        dossier_key(&self.ns(), id)
    }
}
