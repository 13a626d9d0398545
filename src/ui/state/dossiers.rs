//! The dossiers of one browser (SPEC §6): create, import (adopt), rename, switch, delete.

use super::app_state::AppState;
use super::clock::{new_id, now};
use super::notice::{Notice, NoticeKind};
use super::storage;
use crate::core::dossier::{
    self, decode_dossier, encode_dossier, index_key, Dossier, DossierIndex,
};
use leptos::prelude::*;

impl AppState {
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
                .update(|n| n.push(Notice::key(NoticeKind::Warning, "dossier.unreadable"))),
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
}
