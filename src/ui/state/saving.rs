//! Writing the app state: every change in memory first, then re-read, rebased on the freshest
//! stored value and written (`core::dossier::rebase_all`); unreadable values set aside first,
//! values of a newer Repère left alone, failed writes kept pending and shown.

use super::app_state::AppState;
use super::clock::now;
use super::notice::{Notice, NoticeKind};
use super::storage::{self, perform, StorageError};
use crate::core::dossier::{
    self, decode_index, encode_dossier, encode_index, index_key, Change, Dossier, DossierIndex,
    LoadError, StorageNotice,
};
use leptos::prelude::*;

impl AppState {
    /// Writes `value` under `key` unless a newer Repère owns that key; reports the outcome.
    pub(super) fn store(&self, key: &str, value: &str) -> bool {
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

    pub(super) fn report_write_error(&self, e: &StorageError) {
        self.save_error.set(Some(match e {
            StorageError::Unavailable => "storage.unavailable",
            StorageError::WriteFailed(_) => "storage.write_failed",
        }));
    }

    /// Shows a notice once (the same report is not stacked).
    pub(super) fn notify(&self, notice: Notice) {
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
    pub(super) fn set_aside(
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
        self.notify(Notice::new(NoticeKind::Warning, aside.notice));
        true
    }

    /// A newer version of Repère wrote `key` meanwhile: never write it again from this page.
    pub(super) fn keep_newer(&self, key: &str, version: u64, name: Option<&str>) {
        let kept = dossier::keep_newer(&self.ns(), key, version, name);
        self.frozen.update_value(|f| {
            if !f.contains(&kept.key) {
                f.push(kept.key.clone());
            }
        });
        self.notify(Notice::new(NoticeKind::Warning, kept.notice));
    }

    /// Writes the index, never over a stored one that must be kept: an unreadable stored index
    /// is set aside first, one from a newer Repère is left alone.
    pub(super) fn store_index(&self, index: &DossierIndex) -> bool {
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
    pub(super) fn flush(&self, now: &str) {
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

    pub(super) fn save_index_meta(&self, d: &Dossier) {
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
}
