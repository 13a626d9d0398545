//! Referentials a trainer brought (SPEC §13) in the app: read from the namespace's storage and
//! installed beside the five before the first page renders ([`ensure_brought`], awaited by the
//! shell with the page's chunk), saved ([`AppState::save_brought`]), deleted with their answers
//! kept aside ([`AppState::delete_brought`]) and those answers given back when the referential
//! returns ([`AppState::restore_brought_answers`]).
//!
//! Reading a stored referential needs serde's deserialiser for the model and the checks of
//! `custom::check`, tens of KiB that a candidate who never meets a brought referential should
//! not download: they stay out of the first load, the state's chunk and the pages' shared code.
//! The pages reach them only through the split point `reader`, fetched when this browser holds
//! a brought referential (or another tab saves one); the trainer's pages (import, a referential
//! link, LMS and embed files) hold them in chunks of their own.

use super::app_state::{created, notify_anytime, AppState};
use super::clock::now;
use super::library::{catalog, install_brought};
use super::notice::{Notice, NoticeKind};
use super::slot::namespace;
use super::storage::{self, perform, StorageError};
use crate::core::custom::{aside, check, store, Brought};
use crate::core::dossier::{
    self, decode_dossier, namespace_or_default, prefix, Change, Dossier, LoadError,
    DOSSIER_SUFFIX_PREFIX,
};
use crate::core::exchange::ImportFailure;
use crate::core::i18n::{tr, tr_with, Lang};
use crate::ui::chunks::{split_fn, ChunkError};
use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    /// The brought referentials installed, in key order; `None` until first read.
    static INSTALLED: RefCell<Option<Vec<&'static store::Stored>>> = const { RefCell::new(None) };
}

/// Why a brought referential was not saved, deleted or given its answers back.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveProblem {
    /// It breaks the rules of any referential (`custom::check`), a bundled id included.
    Invalid(ImportFailure),
    /// A newer version of Repère stored a referential under this id: left intact.
    TooNew(u64),
    /// The browser refused the write (or has no storage).
    Storage(StorageError),
}

impl SaveProblem {
    /// What to tell the trainer, one message per problem, in `lang`.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        match self {
            SaveProblem::Invalid(f) => f.problems.iter().map(|p| p.render(lang)).collect(),
            SaveProblem::TooNew(v) => vec![tr_with(
                lang,
                "referential.save_too_new",
                &[("version", &v.to_string())],
            )],
            SaveProblem::Storage(StorageError::Unavailable) => {
                vec![tr(lang, "storage.unavailable").to_string()]
            }
            SaveProblem::Storage(StorageError::WriteFailed(_)) => {
                vec![tr(lang, "storage.write_failed").to_string()]
            }
        }
    }
}

impl From<StorageError> for SaveProblem {
    fn from(e: StorageError) -> Self {
        SaveProblem::Storage(e)
    }
}

/// What became of a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// Answers kept aside when a referential with this id was deleted, that can come back now
    /// ([`AppState::restore_brought_answers`]); 0 when there is nothing to offer.
    pub restorable: usize,
}

fn ns() -> String {
    namespace_or_default(&namespace()).to_owned()
}

split_fn! {
    /// The reader of stored referentials, in a chunk of its own (see the module's comment):
    /// reads them all again and installs them.
    fn reader() {
        reload_now()
    }
}

/// Reads and installs the namespace's brought referentials, once per session (later changes
/// install themselves): at once when none is stored, otherwise from the reader's chunk. The
/// shell awaits it with each page's chunk, so a page renders with them there.
pub async fn ensure_brought() -> Result<(), ChunkError> {
    if INSTALLED.with_borrow(Option::is_some) {
        return Ok(());
    }
    let ns = ns();
    let entries = storage::read_prefixed(&prefix(&ns)).unwrap_or_default();
    if entries
        .iter()
        .all(|(k, _)| store::referential_id_of_key(&ns, k).is_none())
    {
        INSTALLED.set(Some(Vec::new()));
        return Ok(());
    }
    reader().await
}

/// Reads them again, from the reader's chunk: another tab saved or deleted one, or this one
/// deleted one. A chunk that cannot be fetched leaves the set as it was until the next change.
pub(super) fn reload_brought() {
    leptos::task::spawn_local(async {
        let _ = reader().await;
    });
}

/// Reads every stored referential of the namespace again and installs them: an unreadable one is
/// set aside under a `.corrupt` key, one from a newer Repère left intact, each said in a notice.
fn reload_now() {
    let ns = ns();
    let entries = storage::read_prefixed(&prefix(&ns)).unwrap_or_default();
    let plan = store::plan_referentials(&ns, &entries);
    // Stops at the first failure: what is not moved stays where it is, and is planned again.
    let moved = perform(&plan.writes).is_ok();
    for s in plan.set_aside.iter().filter(|_| moved) {
        notify_anytime(Notice::new(NoticeKind::Warning, s.notice.clone()));
    }
    for (key, version) in &plan.kept {
        notify_anytime(Notice::new(
            NoticeKind::Warning,
            store::too_new_notice(key, *version),
        ));
    }
    let loaded: Vec<&'static store::Stored> = plan
        .loaded
        .into_iter()
        .map(|s| &*Box::leak(Box::new(s)))
        .collect();
    let was_empty = INSTALLED.with_borrow(|i| i.as_ref().is_none_or(Vec::is_empty));
    let referentials = loaded
        .iter()
        .map(|s| s.brought.referential.clone())
        .collect::<Vec<_>>();
    if let Some(state) = created() {
        let listed = loaded
            .iter()
            .map(|s| store::Listed::of(&s.brought.referential))
            .collect();
        state.brought_list.set(listed);
    }
    INSTALLED.set(Some(loaded));
    // Nothing brought, nothing before: the bundled set stays as it is (no model to rebuild).
    if !(was_empty && referentials.is_empty()) {
        install_brought(referentials);
    }
}

/// The brought referential `id` as installed, with its provenance.
pub fn brought(id: &str) -> Option<&'static Brought> {
    stored(id).map(|s| &s.brought)
}

/// When brought referential `id` was saved (ISO-8601), as installed.
pub fn brought_saved_at(id: &str) -> Option<&'static str> {
    stored(id).map(|s| s.saved_at.as_str())
}

fn stored(id: &str) -> Option<&'static store::Stored> {
    INSTALLED.with_borrow(|i| {
        i.as_ref()?
            .iter()
            .find(|s| s.brought.referential.id == id)
            .copied()
    })
}

/// The freshest stored dossiers of the namespace (unreadable ones are left to startup).
fn stored_dossiers(entries: &[(String, String)], ns: &str) -> Vec<Dossier> {
    let dossiers = format!("{}{DOSSIER_SUFFIX_PREFIX}", prefix(ns));
    entries
        .iter()
        .filter(|(k, _)| k.starts_with(&dossiers))
        .filter_map(|(_, v)| decode_dossier(v).ok())
        .collect()
}

/// The values set aside when a referential `id` was deleted, in key order.
fn deleted_entries(entries: &[(String, String)], ns: &str, id: &str) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = entries
        .iter()
        .filter(|(k, _)| aside::is_deleted_key(ns, id, k))
        .cloned()
        .collect();
    kept.sort();
    kept
}

impl AppState {
    /// The brought referential `id` as installed, with its provenance.
    pub fn brought(&self, id: &str) -> Option<&'static Brought> {
        brought(id)
    }

    /// The ids of the referentials stored under the namespace, readable or not: saving one of
    /// them replaces it, which the caller asks the trainer first.
    pub fn stored_brought_ids(&self) -> Vec<String> {
        let ns = self.ns();
        storage::read_prefixed(&prefix(&ns))
            .unwrap_or_default()
            .iter()
            .filter_map(|(k, _)| store::referential_id_of_key(&ns, k).map(str::to_owned))
            .collect()
    }

    /// Checks and stores `b` (replacing a stored one with the same id: ask first), then installs
    /// it everywhere the five are. An unreadable value under its key is set aside first; one
    /// from a newer Repère is never written over.
    pub fn save_brought(&self, b: Brought) -> Result<Saved, SaveProblem> {
        check::check_brought(&b).map_err(SaveProblem::Invalid)?;
        let ns = self.ns();
        let id = b.referential.id.clone();
        let key = store::referential_key(&ns, &id);
        if let Some(old) = storage::read(&key)? {
            match store::decode_stored(&old) {
                Ok(_) => {}
                Err(LoadError::TooNew(version)) => return Err(SaveProblem::TooNew(version)),
                Err(LoadError::Corrupt(reason)) => {
                    let read = |k: &str| storage::read(k).ok().flatten();
                    let (mut moved, writes) =
                        dossier::set_aside_before_write(&ns, &key, &old, &reason, None, read);
                    perform(&writes)?;
                    moved.notice = dossier::StorageNotice::new(
                        store::ASIDE_REFERENTIAL,
                        vec![
                            ("title", b.referential.title.clone()),
                            ("key", moved.corrupt_key),
                        ],
                    );
                    self.notify(Notice::new(NoticeKind::Warning, moved.notice));
                }
            }
        }
        storage::write(&key, &store::encode_stored(&b, &now()))?;
        reload_now();
        Ok(Saved {
            restorable: self.restorable_answers(&id),
        })
    }

    /// Deletes brought referential `id` from this browser. Every dossier's answers to it are
    /// first copied aside (`core::custom::aside`), then removed from the dossiers, then the
    /// referential; a failed write stops there, having removed nothing that was not copied.
    pub fn delete_brought(&self, id: &str) -> Result<(), SaveProblem> {
        let ns = self.ns();
        let key = store::referential_key(&ns, id);
        let Some(value) = storage::read(&key)? else {
            // Gone already (another tab): nothing to keep aside.
            reload_brought();
            return Ok(());
        };
        let entries = storage::read_prefixed(&prefix(&ns))?;
        let title = brought(id).map_or_else(|| id.to_owned(), |b| b.referential.title.clone());
        let read = |k: &str| storage::read(k).ok().flatten();
        let dossiers = stored_dossiers(&entries, &ns);
        let deletion = aside::delete_referential(&ns, id, &title, &value, &dossiers, &now(), read);
        if let Err(e) = perform(&deletion.writes) {
            self.report_write_error(&e);
            return Err(e.into());
        }
        // This tab's changes not yet written no longer touch it.
        let mine = format!("{id}/");
        self.pending.update_value(|p| {
            p.retain(|c| match c {
                Change::SetItem(i, _) | Change::SetEvidence(i, _) => !i.starts_with(&mine),
                _ => true,
            })
        });
        self.adopt_rewritten(&deletion.dossiers);
        self.notify(Notice::new(NoticeKind::Info, deletion.notice));
        reload_brought();
        Ok(())
    }

    /// How many answers kept aside when a referential `id` was deleted can come back to the
    /// dossiers now (0 when none, or when `id` is not installed).
    pub fn restorable_answers(&self, id: &str) -> usize {
        self.plan_restore(id).map_or(0, |r| r.count)
    }

    /// Gives back the answers kept aside when a referential `id` was deleted, to the dossiers
    /// still there, for the items it has now, never over an answer given since. Returns how many.
    pub fn restore_brought_answers(&self, id: &str) -> Result<usize, SaveProblem> {
        let Some(restore) = self.plan_restore(id) else {
            return Ok(0);
        };
        if let Err(e) = perform(&restore.writes) {
            self.report_write_error(&e);
            return Err(e.into());
        }
        self.adopt_rewritten(&restore.dossiers);
        self.notify(Notice::new(NoticeKind::Info, restore.notice));
        Ok(restore.count)
    }

    fn plan_restore(&self, id: &str) -> Option<aside::Restore> {
        let r = catalog()
            .referential(id)
            .filter(|_| brought(id).is_some())?;
        let ns = self.ns();
        let entries = storage::read_prefixed(&prefix(&ns)).ok()?;
        let kept = deleted_entries(&entries, &ns, id);
        if kept.is_empty() {
            return None;
        }
        let rated: Vec<&str> = r.rated_items().iter().map(|i| i.item.id.as_str()).collect();
        let dossiers = stored_dossiers(&entries, &ns);
        aside::plan_restore(
            &ns,
            &r.title,
            &kept,
            &dossiers,
            |item| rated.contains(&item),
            &now(),
        )
    }

    /// Dossiers the core rewrote in storage (deletion, restore): the active one is adopted with
    /// this tab's unwritten changes on top, and the list's dates follow.
    fn adopt_rewritten(&self, rewritten: &[Dossier]) {
        if rewritten.is_empty() {
            return;
        }
        let active = self.dossier.with_untracked(|d| d.id.clone());
        if let Some(d) = rewritten.iter().find(|d| d.id == active) {
            let mut merged = d.clone();
            let now = now();
            for c in &self.pending.get_value() {
                dossier::apply(&mut merged, c, &now);
            }
            self.dossier.set(merged);
        }
        let mut index = self.fresh_index();
        let mut changed = false;
        for d in rewritten {
            changed |= dossier::sync_meta(&mut index, d);
        }
        if changed {
            self.store_index(&index);
        }
        self.index.set(index);
    }
}
