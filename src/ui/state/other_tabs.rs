//! A change made in another tab is adopted when newer, never overwritten by this one.

use super::app_state::AppState;
use super::brought::reload_brought;
use super::clock::now;
use super::notice::{Notice, NoticeKind};
use crate::core::custom::store::REFERENTIAL_SUFFIX_PREFIX;
use crate::core::dossier::{self, decode_dossier, decode_index, dossier_key, index_key};
use leptos::ev;
use leptos::prelude::*;

impl AppState {
    /// Another tab wrote: adopt its newer dossier or index, never overwrite it with ours.
    pub(super) fn listen_to_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
            let Some(key) = e.key() else { return };
            let ns = state.ns();
            let referentials = format!("{}{REFERENTIAL_SUFFIX_PREFIX}", dossier::prefix(&ns));
            if key.starts_with(&referentials) {
                // A referential saved or deleted there (SPEC §13): the same set here.
                reload_brought();
            } else if key == index_key(&ns) {
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
                            state.notify(Notice::key(NoticeKind::Info, "storage.other_tab"));
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
