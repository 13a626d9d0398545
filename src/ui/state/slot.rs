//! The shell's handle on the app state, and the split point that loads it.

use super::app_state::{state_under, AppState};
use super::notices::Notices;
use crate::ui::chunks::{split_fn, ChunkError, Page};
use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    /// The namespace the shell picked, for what reads storage before the state exists (the
    /// brought referentials, installed by the first page's chunk).
    static NAMESPACE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The namespace the shell picked (as given: `dossier::namespace_or_default` applies).
pub(super) fn namespace() -> String {
    NAMESPACE.with_borrow(Clone::clone)
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
    pub notices: RwSignal<Option<Page>, LocalStorage>,
}

impl StateSlot {
    pub fn provide(namespace: &str) -> StateSlot {
        NAMESPACE.set(namespace.to_owned());
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
    pub fn load(&self) -> impl std::future::Future<Output = Result<AppState, ChunkError>> {
        let slot = self.clone();
        async move {
            if let Some(state) = slot.state.try_get_untracked().flatten() {
                return Ok(state);
            }
            let (state, notices) = state(slot.owner.clone(), slot.namespace.clone()).await?;
            let _ = slot.notices.try_set(Some(notices));
            let _ = slot.state.try_set(Some(state));
            Ok(state)
        }
    }
}

split_fn! {
    /// The app state (stored dossiers and their codec), the notices above every page and the
    /// French texts the first load does not show: not needed to show the home page
    /// (`StateSlot`).
    pub fn state(owner: Owner, namespace: String) -> (AppState, Page) {
        // Every text but the first load's: pages and notices come after this chunk.
        crate::core::i18n::load_french_pages();
        let state = state_under(&owner, &namespace);
        let notices: Page = ::std::rc::Rc::new(|| view! { <Notices/> }.into_any());
        (state, notices)
    }
}
