//! Dossier management ([`create`], [`rename`], [`delete`], [`set_active`]), applied to the
//! freshest stored index ([`fresh_index`]) so that a dossier created in another tab is kept.

use super::format::decode_index;
use super::keys::{dossier_key, make_id, normalize_name};
use super::sync::Change;
use super::{Dossier, DossierIndex, LoadError, DEFAULT_NAME};

/// The index to edit: the stored one re-read just before writing (so another tab's new dossier
/// is not dropped), or `in_memory` when nothing is stored.
pub fn fresh_index(
    stored: Option<&str>,
    in_memory: &DossierIndex,
) -> Result<DossierIndex, LoadError> {
    match stored {
        None => Ok(in_memory.clone()),
        Some(text) => decode_index(text),
    }
}

/// Adds a new empty dossier to the index and makes it active. The id is made valid and unique
/// if needed; the returned dossier is to be written under [`dossier_key`] of its id.
pub fn create(index: &mut DossierIndex, name: &str, now: &str, id: &str) -> Dossier {
    let mut d = Dossier::new(id, name, now);
    d.id = make_id(&d.id, |candidate| index.contains(candidate));
    index.dossiers.push(d.meta());
    index.active = Some(d.id.clone());
    d
}

/// Renames the dossier in the index and returns the change to apply to the dossier itself (with
/// [`rebase`](super::rebase)); `None` when the id is unknown.
pub fn rename(index: &mut DossierIndex, id: &str, name: &str) -> Option<Change> {
    let meta = index.dossiers.iter_mut().find(|m| m.id == id)?;
    meta.name = normalize_name(name);
    Some(Change::Rename(meta.name.clone()))
}

/// Copies the dossier's name and dates into its index entry (adding it if missing). Returns
/// whether the index changed.
pub fn sync_meta(index: &mut DossierIndex, d: &Dossier) -> bool {
    match index.dossiers.iter_mut().find(|m| m.id == d.id) {
        Some(m) if *m == d.meta() => false,
        Some(m) => {
            *m = d.meta();
            true
        }
        None => {
            index.dossiers.push(d.meta());
            true
        }
    }
}

pub fn set_active(index: &mut DossierIndex, id: &str) -> bool {
    if index.contains(id) {
        index.active = Some(id.to_string());
        true
    } else {
        false
    }
}

/// What [`delete`] asks the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// Keys to remove (the deleted dossier).
    pub removed_keys: Vec<String>,
    /// A fresh dossier, created when the last one was deleted: write it.
    pub created: Option<Dossier>,
}

/// Removes a dossier from the index. When it was the active one, the most recently updated
/// remaining dossier becomes active, or a fresh « Mon dossier » is created (with `new_id`) when
/// none is left. Unknown ids change nothing.
pub fn delete(ns: &str, index: &mut DossierIndex, id: &str, now: &str, new_id: &str) -> Deletion {
    let before = index.dossiers.len();
    index.dossiers.retain(|m| m.id != id);
    if index.dossiers.len() == before {
        return Deletion {
            removed_keys: Vec::new(),
            created: None,
        };
    }
    let mut created = None;
    if index.active.as_deref() == Some(id) || index.active.is_none() {
        index.active = most_recent(
            index
                .dossiers
                .iter()
                .map(|m| (m.id.as_str(), m.updated_at.as_str())),
        );
        if index.active.is_none() {
            created = Some(create(index, DEFAULT_NAME, now, new_id));
        }
    }
    Deletion {
        removed_keys: vec![dossier_key(ns, id)],
        created,
    }
}

/// The id with the latest `updated_at`; the first one listed on ties.
pub(super) fn most_recent<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let mut best: Option<(&str, &str)> = None;
    for (id, updated) in entries {
        if best.is_none_or(|(_, b)| updated > b) {
            best = Some((id, updated));
        }
    }
    best.map(|(id, _)| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;

    #[test]
    fn management() {
        let mut index = DossierIndex::default();
        let a = create(&mut index, "  ", NOW, "aa");
        assert_eq!(a.name, DEFAULT_NAME);
        let b = create(&mut index, "Bob", LATER, "aa");
        assert_ne!(b.id, a.id, "a colliding id is made unique");
        assert!(valid_id(&b.id));
        assert_eq!(index.active.as_deref(), Some(b.id.as_str()));
        let c = create(&mut index, "Bob", NOW, "cc");
        assert_eq!(
            index.dossiers.iter().filter(|m| m.name == "Bob").count(),
            2,
            "duplicate names are allowed"
        );

        assert!(set_active(&mut index, &c.id));
        assert!(!set_active(&mut index, "nope"));
        assert_eq!(
            rename(&mut index, &a.id, " Alice "),
            Some(Change::Rename("Alice".into()))
        );
        assert_eq!(index.get(&a.id).unwrap().name, "Alice");
        assert_eq!(rename(&mut index, "nope", "x"), None);

        // Deleting a non-active dossier keeps the active one.
        let del = delete("default", &mut index, &a.id, NOW, "zz");
        assert_eq!(del.removed_keys, vec![dossier_key("default", &a.id)]);
        assert_eq!(del.created, None);
        assert_eq!(index.active.as_deref(), Some(c.id.as_str()));
        // Deleting the active one hands over to the most recently updated.
        let del = delete("default", &mut index, &c.id, NOW, "zz");
        assert_eq!(del.removed_keys, vec![dossier_key("default", &c.id)]);
        assert_eq!(index.active.as_deref(), Some(b.id.as_str()));
        // Deleting the last one creates a fresh « Mon dossier ».
        let del = delete("default", &mut index, &b.id, NOW, "zz");
        let fresh = del.created.expect("a fresh dossier");
        assert_eq!(
            (fresh.id.as_str(), fresh.name.as_str()),
            ("zz", DEFAULT_NAME)
        );
        assert_eq!(index.active.as_deref(), Some("zz"));
        assert_eq!(index.dossiers, vec![fresh.meta()]);
        // Unknown ids change nothing.
        let before = index.clone();
        assert_eq!(
            delete("default", &mut index, "nope", NOW, "yy"),
            Deletion {
                removed_keys: vec![],
                created: None
            }
        );
        assert_eq!(index, before);
    }

    #[test]
    fn fresh_index_prefers_storage() {
        let mut mine = DossierIndex::default();
        create(&mut mine, "Moi", NOW, "m");
        let mut theirs = mine.clone();
        create(&mut theirs, "Autre onglet", NOW, "t");
        let mut idx = fresh_index(Some(&encode_index(&theirs)), &mine).unwrap();
        create(&mut idx, "Encore", NOW, "e");
        assert_eq!(idx.dossiers.len(), 3, "the other tab's dossier is kept");
        assert_eq!(fresh_index(None, &mine), Ok(mine));
    }
}
