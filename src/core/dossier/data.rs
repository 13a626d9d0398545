//! The data the persistence core works on: a [`Dossier`], the [`DossierIndex`] of a namespace,
//! why a stored value cannot be used ([`LoadError`]) and the storage operations it plans ([`Write`]).

use super::keys::{make_id, normalize_name};
use super::notice::{self, arg, StorageNotice};
use super::CURRENT_VERSION;
use crate::core::answers::Answers;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
    /// Bumped by every applied change; orders the writes of concurrent tabs.
    pub revision: u64,
    pub answers: Answers,
}

impl Dossier {
    /// An empty dossier. `id` is made valid if it is not (see [`valid_id`](super::valid_id)).
    pub fn new(id: &str, name: &str, now: &str) -> Dossier {
        Dossier {
            id: make_id(id, |_| false),
            name: normalize_name(name),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            revision: 0,
            answers: Answers::default(),
        }
    }

    pub fn meta(&self) -> DossierMeta {
        DossierMeta {
            id: self.id.clone(),
            name: self.name.clone(),
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierMeta {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DossierIndex {
    /// The dossier opened at startup.
    pub active: Option<String>,
    /// In creation order. May list a dossier written by a newer version of Repère, which is then
    /// absent from [`Startup::dossiers`](super::Startup::dossiers) (see [`Startup::kept`](super::Startup::kept)).
    pub dossiers: Vec<DossierMeta>,
}

impl DossierIndex {
    pub fn get(&self, id: &str) -> Option<&DossierMeta> {
        self.dossiers.iter().find(|m| m.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Does not parse, or has the wrong shape or types. The reason is technical detail.
    Corrupt(StorageNotice),
    /// Written by a newer version of Repère: keep it untouched, never overwrite it.
    TooNew(u64),
}

impl LoadError {
    pub fn notice(&self) -> StorageNotice {
        match self {
            LoadError::Corrupt(reason) => {
                StorageNotice::new(notice::UNREADABLE, Vec::new()).with_detail(reason.clone())
            }
            LoadError::TooNew(v) => StorageNotice::new(
                notice::TOO_NEW,
                vec![arg("version", v), arg("current", CURRENT_VERSION)],
            ),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.notice().french())
    }
}

impl std::error::Error for LoadError {}

/// One storage operation planned for the shell, to perform in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    Set { key: String, value: String },
    Remove { key: String },
}
