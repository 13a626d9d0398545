//! The referentials the app works with: the five bundled ones and those a trainer brought
//! (SPEC §13), with the scoring model and the search index built from them.
//!
//! Views borrow catalog and model data for as long as they live (`&'static Referential` props,
//! ids and labels in closures), and the set changes only when a trainer saves or deletes a
//! referential: a few times in a session at most. So each set is built once and kept for the rest
//! of the session (leaked, about the size of the data): every borrow stays valid without lifetimes
//! or reference counts through the views, and [`track`] tells the evaluation and the views that
//! list referentials to recompute. Without a brought referential nothing is built: the bundled
//! catalog and model are used as they are.

use crate::core::catalog::{catalog as bundled_catalog, Catalog};
use crate::core::model::Referential;
use crate::core::scoring::ScoringModel;
use crate::core::search::SearchIndex;
use leptos::prelude::*;
use std::cell::{Cell, OnceCell};

/// One set of referentials and what is computed from it.
pub struct Library {
    pub catalog: &'static Catalog,
    pub model: &'static ScoringModel,
    search: OnceCell<SearchIndex>,
}

impl Library {
    /// The search index of this set, built when first searched.
    pub fn search(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(self.catalog))
    }
}

thread_local! {
    static CURRENT: Cell<Option<&'static Library>> = const { Cell::new(None) };
    static GENERATION: ArcRwSignal<u64> = ArcRwSignal::new(0);
}

/// The current set: the bundled referentials until a brought one is installed.
pub fn library() -> &'static Library {
    CURRENT.get().unwrap_or_else(|| {
        let bundled: &'static Library = Box::leak(Box::new(Library {
            catalog: bundled_catalog(),
            model: ScoringModel::bundled(),
            search: OnceCell::new(),
        }));
        CURRENT.set(Some(bundled));
        bundled
    })
}

/// The current catalog (bundled referentials, then brought ones).
pub fn catalog() -> &'static Catalog {
    library().catalog
}

/// The current catalog compiled for scoring.
pub fn model() -> &'static ScoringModel {
    library().model
}

/// Subscribes the running memo or view to changes of the set of referentials.
pub fn track() {
    GENERATION.with(|g| g.track());
}

/// Makes `brought` (validated, ids not bundled) the referentials next to the bundled ones, and
/// tells whatever [`track`]s the set to recompute.
pub fn install_brought(brought: Vec<Referential>) {
    let catalog: &'static Catalog = Box::leak(Box::new(bundled_catalog().with_brought(brought)));
    let model: &'static ScoringModel = Box::leak(Box::new(ScoringModel::from_catalog(catalog)));
    CURRENT.set(Some(Box::leak(Box::new(Library {
        catalog,
        model,
        search: OnceCell::new(),
    }))));
    GENERATION.with(|g| g.update(|n| *n += 1));
}
