//! The app state: the active dossier, the dossier list, notices, and the scoring of the answers.
//! Every change is applied in memory first (the work is never lost), then written with the
//! multi-tab protocol of `core::dossier` (re-read, rebase, write); failures are shown.

use super::i18n::I18n;
use super::storage::{self, StorageError};
use crate::core::answers::Answers;
use crate::core::catalog::catalog;
use crate::core::dossier::{
    self, decode_dossier, decode_index, dossier_key, encode_dossier, encode_index, index_key,
    Change, Dossier, DossierIndex, LoadError, StorageNotice, Write,
};
use crate::core::scoring::{Evaluation, ItemStatus, PivotSource, ScoringModel};
use leptos::ev;
use leptos::prelude::*;
use std::sync::OnceLock;

/// The catalog compiled for scoring, built once.
pub fn model() -> &'static ScoringModel {
    ScoringModel::bundled()
}

/// How `AppState::evaluation` scores answers. The scoring model and the catalog travel with the
/// pages, not in the first load (SPEC §11), so the shell only holds this pointer, which every
/// page's chunk sets before it renders (`ui::lazy::lazy_page!`). Shell code that reads the
/// evaluation outside a page must first await a split function that calls `install_scoring`
/// (see `ui::pages`).
static EVALUATE: OnceLock<fn(&Answers) -> Evaluation> = OnceLock::new();

/// Called from the pages' chunks: from then on the evaluation can be read.
pub fn install_scoring() {
    EVALUATE.get_or_init(|| |answers| model().evaluate(answers));
}

fn evaluate(answers: &Answers) -> Evaluation {
    let evaluate = EVALUATE
        .get()
        .expect("the evaluation is read after a page's chunk installed the scoring model");
    evaluate(answers)
}

/// How an item's level is known, ready to show (SPEC §4: answered or estimated, and from what).
#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatusView {
    Answered(u8),
    /// Estimated level, from these pivot skills (`true` when the pivot comes from the quick diagnostic).
    Estimated {
        level: u8,
        from: Vec<(String, bool)>,
    },
    Unknown,
}

impl ItemStatusView {
    pub fn css(&self) -> &'static str {
        match self {
            ItemStatusView::Answered(_) => "answered",
            ItemStatusView::Estimated { .. } => "estimated",
            ItemStatusView::Unknown => "unknown",
        }
    }

    /// The pivot skills an estimate comes from, in words.
    pub fn sources(&self, i18n: I18n) -> String {
        let lang = i18n.lang.get();
        match self {
            ItemStatusView::Estimated { from, .. } => from
                .iter()
                .map(|(p, quick)| {
                    let label = catalog().pivot_label(p, lang);
                    i18n.t_with(
                        if *quick {
                            "status.from_quick"
                        } else {
                            "status.from_items"
                        },
                        &[("pivot", label)],
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    }

    pub fn describe(&self, i18n: I18n) -> String {
        match self {
            ItemStatusView::Answered(l) => i18n.t_with("status.answered", &[("l", &l.to_string())]),
            ItemStatusView::Estimated { level, .. } => i18n.t_with(
                "status.estimated",
                &[("l", &level.to_string()), ("from", &self.sources(i18n))],
            ),
            ItemStatusView::Unknown => i18n.t("status.unknown").to_owned(),
        }
    }
}

/// The status of item `index` of the scoring model in `eval`.
pub fn status_view(eval: &Evaluation, index: usize) -> ItemStatusView {
    let r = &eval.items[index];
    match r.status {
        ItemStatus::Answered => ItemStatusView::Answered(r.level),
        ItemStatus::Estimated { from } => ItemStatusView::Estimated {
            level: r.level,
            from: from
                .iter()
                .map(|p| {
                    (
                        model().pivot_ids()[p].clone(),
                        matches!(eval.pivots[p].source, PivotSource::Quick),
                    )
                })
                .collect(),
        },
        ItemStatus::Unknown => ItemStatusView::Unknown,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    Info,
    Warning,
}

/// What a notice says, kept untranslated so that it follows the language switch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoticeText {
    /// A locale key of the UI.
    Key(&'static str),
    /// A report of the storage core (set-aside values, migrations, dropped answers).
    Storage(StorageNotice),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: NoticeText,
}

impl Notice {
    fn core(kind: NoticeKind, notice: StorageNotice) -> Notice {
        Notice {
            kind,
            text: NoticeText::Storage(notice),
        }
    }

    fn ui(kind: NoticeKind, key: &'static str) -> Notice {
        Notice {
            kind,
            text: NoticeText::Key(key),
        }
    }

    /// The text in the current language (reactive: re-renders on a language switch).
    pub fn render(&self, i18n: I18n) -> String {
        match &self.text {
            NoticeText::Key(key) => i18n.t(key).to_owned(),
            NoticeText::Storage(notice) => i18n.storage(notice),
        }
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
    pending: StoredValue<Vec<Change>>,
    /// Keys left untouched because a newer version of Repère wrote them.
    frozen: StoredValue<Vec<String>>,
    /// SPEC §4–5 figures for the active dossier, recomputed when its answers change.
    pub evaluation: Memo<Evaluation>,
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

pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

pub fn new_id() -> String {
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{:08x}{:08x}", a, b)
}

fn perform(writes: &[Write]) -> Result<(), StorageError> {
    for w in writes {
        match w {
            Write::Set { key, value } => storage::write(key, value)?,
            Write::Remove { key } => storage::remove(key)?,
        }
    }
    Ok(())
}

pub fn provide_app_state(namespace: &str) -> AppState {
    let ns = dossier::namespace_or_default(namespace).to_owned();
    let entries = storage::read_prefixed(&dossier::prefix(&ns));
    let storage_ok = entries.is_ok();
    let startup = dossier::plan_startup(&ns, &entries.unwrap_or_default(), &now(), &new_id());
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
        notices.push(Notice::core(NoticeKind::Warning, s.notice.clone()));
    }
    for k in &startup.kept {
        notices.push(Notice::core(NoticeKind::Warning, k.notice.clone()));
    }
    for m in &startup.migrations {
        notices.push(Notice::core(NoticeKind::Info, m.notice.clone()));
    }
    for w in &startup.warnings {
        notices.push(Notice::core(NoticeKind::Warning, w.clone()));
    }
    let dossier = RwSignal::new(startup.active().clone());
    let answers = Memo::new(move |_| dossier.with(|d| d.answers.clone()));
    let evaluation = Memo::new(move |_| answers.with(|a| timed("repere-evaluate", || evaluate(a))));
    let state = AppState {
        namespace: StoredValue::new(ns),
        index: RwSignal::new(startup.index.clone()),
        dossier,
        evaluation,
        notices: RwSignal::new(notices),
        save_error,
        pending: StoredValue::new(Vec::new()),
        frozen: StoredValue::new(startup.kept.iter().map(|k| k.key.clone()).collect()),
    };
    provide_context(state);
    state.listen_to_other_tabs();
    state
}

/// The app state of the active dossier, for pages: every page's chunk loads after the state
/// (`ui::lazy::lazy_view`), so it is always there for them.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// The shell's handle on the app state. The state (stored dossiers, their JSON codec, the
/// multi-tab protocol, the notices) is a chunk of its own, because the home page does not need it
/// to show (SPEC §11): the home page loads it right after its first render, any other page
/// together with its own chunk (`StateSlot::load`).
#[derive(Clone)]
pub struct StateSlot {
    /// The shell's owner: the state's signals and context live as long as the app.
    owner: Owner,
    namespace: String,
    pub state: RwSignal<Option<AppState>>,
    /// The notices and current dossier above every page, built by the state's chunk.
    pub notices: RwSignal<Option<super::lazy::Page>, LocalStorage>,
}

impl StateSlot {
    pub fn provide(namespace: &str) -> StateSlot {
        let slot = StateSlot {
            owner: Owner::current().expect("the shell's owner"),
            namespace: namespace.to_owned(),
            state: RwSignal::new(None),
            notices: RwSignal::new_local(None),
        };
        provide_context(slot.clone());
        slot
    }

    /// The app state, from its chunk the first time.
    pub fn load(
        &self,
    ) -> impl std::future::Future<Output = Result<AppState, super::lazy::ChunkError>> {
        let slot = self.clone();
        async move {
            if let Some(state) = slot.state.try_get_untracked().flatten() {
                return Ok(state);
            }
            let (state, notices) =
                super::pages::state(slot.owner.clone(), slot.namespace.clone()).await?;
            let _ = slot.notices.try_set(Some(notices));
            let _ = slot.state.try_set(Some(state));
            Ok(state)
        }
    }
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

    fn ns(&self) -> String {
        self.namespace.get_value()
    }

    fn dossier_key(&self, id: &str) -> String {
        dossier_key(&self.ns(), id)
    }

    /// Writes `value` under `key` unless a newer Repère owns that key; reports the outcome.
    fn store(&self, key: &str, value: &str) -> bool {
        if self.frozen.with_value(|f| f.iter().any(|k| k == key)) {
            return false;
        }
        match storage::write(key, value) {
            Ok(()) => true,
            Err(e) => {
                self.report_write_error(&e);
                false
            }
        }
    }

    fn report_write_error(&self, e: &StorageError) {
        self.save_error.set(Some(match e {
            StorageError::Unavailable => "storage.unavailable",
            StorageError::WriteFailed(_) => "storage.write_failed",
        }));
    }

    /// Shows a notice once (the same report is not stacked).
    fn notify(&self, notice: Notice) {
        self.notices.update(|n| {
            if !n.contains(&notice) {
                n.push(notice);
            }
        });
    }

    /// Moves the unreadable value stored under `key` aside before this tab writes there, the way
    /// startup does (the core picks a free `.corrupt-N` key, so an earlier copy is never
    /// overwritten), and says so. Returns whether `key` may now be written: when a write fails,
    /// the value stays where it is, the failure is shown, and the next save tries again.
    fn set_aside(
        &self,
        key: &str,
        value: &str,
        reason: &StorageNotice,
        name: Option<&str>,
    ) -> bool {
        let read = |k: &str| storage::read(k).ok().flatten();
        let (aside, writes) =
            dossier::set_aside_before_write(&self.ns(), key, value, reason, name, read);
        if let Err(e) = perform(&writes) {
            self.report_write_error(&e);
            return false;
        }
        self.notify(Notice::core(NoticeKind::Warning, aside.notice));
        true
    }

    /// A newer version of Repère wrote `key` meanwhile: never write it again from this page.
    fn keep_newer(&self, key: &str, version: u64, name: Option<&str>) {
        let kept = dossier::keep_newer(&self.ns(), key, version, name);
        self.frozen.update_value(|f| {
            if !f.contains(&kept.key) {
                f.push(kept.key.clone());
            }
        });
        self.notify(Notice::core(NoticeKind::Warning, kept.notice));
    }

    /// Writes the index, never over a stored one that must be kept: an unreadable stored index
    /// is set aside first, one from a newer Repère is left alone.
    fn store_index(&self, index: &DossierIndex) -> bool {
        let key = index_key(&self.ns());
        if let Some(stored) = storage::read(&key).ok().flatten() {
            match decode_index(&stored) {
                Ok(_) => {}
                Err(LoadError::Corrupt(reason)) => {
                    if !self.set_aside(&key, &stored, &reason, None) {
                        return false;
                    }
                }
                Err(LoadError::TooNew(version)) => {
                    self.keep_newer(&key, version, None);
                    return false;
                }
            }
        }
        self.store(&key, &encode_index(index))
    }

    /// Applies one change to the active dossier and saves it.
    pub fn change(&self, c: Change) {
        self.change_many(vec![c]);
    }

    pub fn change_many(&self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        let now = now();
        let mut any = false;
        self.dossier.update(|d| {
            for c in &changes {
                any |= dossier::apply(d, c, &now);
            }
        });
        if !any {
            return;
        }
        self.pending.update_value(|p| p.extend(changes));
        self.flush(&now);
    }

    /// Writes the pending changes on top of the freshest stored dossier (another tab may have
    /// written since), then adopts the result so both tabs converge.
    fn flush(&self, now: &str) {
        let current = self.dossier.get_untracked();
        let key = self.dossier_key(&current.id);
        let stored = storage::read(&key).ok().flatten();
        let pending = self.pending.get_value();
        let merged = match dossier::rebase_all(stored.as_deref(), &current, &pending, now) {
            Ok(d) => d,
            // The stored value became unreadable meanwhile (another tab, an extension): keep it
            // aside rather than overwrite it, then write this tab's dossier in its place.
            Err(LoadError::Corrupt(reason)) => {
                let bad = stored.as_deref().unwrap_or_default();
                if !self.set_aside(&key, bad, &reason, Some(&current.name)) {
                    return;
                }
                let mut d = current.clone();
                d.revision += 1;
                d
            }
            // A newer Repère owns it now: the answers stay in this page, unwritten.
            Err(LoadError::TooNew(version)) => {
                self.keep_newer(&key, version, Some(&current.name));
                return;
            }
        };
        if self.store(&key, &encode_dossier(&merged)) {
            self.pending.set_value(Vec::new());
            self.save_error.set(None);
            if merged != current {
                self.dossier.set(merged.clone());
            }
            self.save_index_meta(&merged);
        }
    }

    fn save_index_meta(&self, d: &Dossier) {
        let stored = storage::read(&index_key(&self.ns())).ok().flatten();
        let fresh = dossier::fresh_index(stored.as_deref(), &self.index.get_untracked());
        // With none stored, or an unreadable one (which `store_index` sets aside), it is written.
        let readable = stored.is_some() && fresh.is_ok();
        let mut index = fresh.unwrap_or_else(|_| self.index.get_untracked());
        let mut changed = dossier::sync_meta(&mut index, d);
        if index.active.as_deref() != Some(d.id.as_str()) {
            changed |= dossier::set_active(&mut index, &d.id);
        }
        if changed || !readable {
            self.store_index(&index);
        }
        self.index.set(index);
    }

    /// Retries the writes that failed (after the user freed some space).
    pub fn retry_save(&self) {
        let now = now();
        if self.pending.with_value(Vec::is_empty) {
            // Nothing pending means the failure was on the index or at startup: rewrite both.
            let d = self.dossier.get_untracked();
            if self.store(&self.dossier_key(&d.id), &encode_dossier(&d)) {
                self.save_error.set(None);
                self.save_index_meta(&d);
            }
        } else {
            self.flush(&now);
        }
    }

    pub fn create_dossier(&self, name: &str) {
        let now = now();
        let mut index = self.index.get_untracked();
        let d = dossier::create(&mut index, name, &now, &new_id());
        self.store(&self.dossier_key(&d.id), &encode_dossier(&d));
        self.index.set(index.clone());
        self.store_index(&index);
        self.dossier.set(d);
        self.pending.set_value(Vec::new());
    }

    /// Stores `d` (an imported dossier, new or replacing one with the same id) and opens it.
    pub fn adopt_dossier(&self, d: Dossier) {
        if !self.store(&self.dossier_key(&d.id), &encode_dossier(&d)) {
            return;
        }
        let mut index = self.fresh_index();
        dossier::sync_meta(&mut index, &d);
        dossier::set_active(&mut index, &d.id);
        self.store_index(&index);
        self.index.set(index);
        self.dossier.set(d);
        self.pending.set_value(Vec::new());
    }

    /// The freshest stored copy of dossier `id` (another tab may have changed it).
    pub fn stored_dossier(&self, id: &str) -> Option<Dossier> {
        storage::read(&self.dossier_key(id))
            .ok()
            .flatten()
            .and_then(|t| decode_dossier(&t).ok())
    }

    /// The freshest stored index (for import conflicts), or the one in memory.
    pub fn fresh_index(&self) -> DossierIndex {
        let stored = storage::read(&index_key(&self.ns())).ok().flatten();
        dossier::fresh_index(stored.as_deref(), &self.index.get_untracked())
            .unwrap_or_else(|_| self.index.get_untracked())
    }

    pub fn rename_dossier(&self, id: &str, name: &str) {
        let mut index = self.index.get_untracked();
        let Some(change) = dossier::rename(&mut index, id, name) else {
            return;
        };
        if self.dossier.with_untracked(|d| d.id == id) {
            self.change(change);
        } else {
            let key = self.dossier_key(id);
            if let Some(Ok(mut d)) = storage::read(&key)
                .ok()
                .flatten()
                .map(|t| decode_dossier(&t))
            {
                if dossier::apply(&mut d, &change, &now()) {
                    self.store(&key, &encode_dossier(&d));
                }
            }
            self.index.set(index.clone());
            self.store_index(&index);
        }
    }

    pub fn switch_dossier(&self, id: &str) {
        let key = self.dossier_key(id);
        match storage::read(&key)
            .ok()
            .flatten()
            .map(|t| decode_dossier(&t))
        {
            Some(Ok(d)) => {
                let mut index = self.index.get_untracked();
                dossier::set_active(&mut index, id);
                self.store_index(&index);
                self.index.set(index);
                self.dossier.set(d);
                self.pending.set_value(Vec::new());
            }
            _ => self
                .notices
                .update(|n| n.push(Notice::ui(NoticeKind::Warning, "dossier.unreadable"))),
        }
    }

    pub fn delete_dossier(&self, id: &str) {
        let mut index = self.index.get_untracked();
        let deletion = dossier::delete(&self.ns(), &mut index, id, &now(), &new_id());
        for key in &deletion.removed_keys {
            let _ = storage::remove(key);
        }
        if let Some(d) = &deletion.created {
            self.store(&self.dossier_key(&d.id), &encode_dossier(d));
        }
        self.store_index(&index);
        let active = index.active.clone();
        self.index.set(index);
        if self.dossier.with_untracked(|d| d.id == id) {
            match (deletion.created, active) {
                (Some(d), _) => self.dossier.set(d),
                (None, Some(a)) => self.switch_dossier(&a),
                _ => {}
            }
        }
    }

    /// Another tab wrote: adopt its newer dossier or index, never overwrite it with ours.
    fn listen_to_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
            let Some(key) = e.key() else { return };
            let ns = state.ns();
            if key == index_key(&ns) {
                if let Some(Ok(index)) = e.new_value().map(|t| decode_index(&t)) {
                    state.index.set(index);
                }
            } else if key == state.dossier.with_untracked(|d| dossier_key(&ns, &d.id)) {
                match e.new_value().map(|t| decode_dossier(&t)) {
                    Some(Ok(stored)) => {
                        let mine = state.dossier.get_untracked();
                        if dossier::is_newer(&stored, &mine) {
                            // Our own unsaved changes stay on top of the other tab's answers.
                            let pending = state.pending.get_value();
                            let mut merged = stored;
                            for c in &pending {
                                dossier::apply(&mut merged, c, &now());
                            }
                            state.dossier.set(merged);
                            state.notify(Notice::ui(NoticeKind::Info, "storage.other_tab"));
                        }
                    }
                    // Deleted in another tab: keep working in memory; the next save recreates it.
                    None => {}
                    Some(Err(_)) => {}
                }
            }
        });
        on_cleanup(move || handle.remove());
    }
}
