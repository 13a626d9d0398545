//! Deleting a brought referential keeps what candidates answered to it (SPEC §6: data is never
//! silently dropped). The plan: copy the stored referential and every dossier's answers to its
//! items to a free key `repere.<ns>.referential.<id>.deleted` (then `.deleted-2`, …), then write
//! the dossiers without those answers, then remove the referential's key; performed in order and
//! stopped at the first failure, nothing is removed before it is copied. Bringing the same
//! referential back can restore the answers ([`restore_answers`]).

use super::store::referential_key;
use crate::core::answers::{split_full_id, ItemAnswer};
use crate::core::dossier::notice::StorageNotice;
use crate::core::dossier::{encode_dossier, Dossier, Write};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DELETED_SUFFIX: &str = ".deleted";
/// Schema version of a value set aside on deletion.
pub const DELETED_VERSION: u64 = 1;
pub const REFERENTIAL_DELETED: &str = "storage.referential_deleted";
pub const ANSWERS_RESTORED: &str = "storage.answers_restored";

/// What is kept of a deleted referential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub version: u64,
    pub referential_id: String,
    pub deleted_at: String,
    /// The stored value, as it was (even if it no longer read).
    pub stored: String,
    /// Dossier id → item id (without the referential's prefix) → answer.
    pub answers: BTreeMap<String, BTreeMap<String, ItemAnswer>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub aside_key: String,
    /// The dossiers that held answers to it, without them (revision bumped).
    pub dossiers: Vec<Dossier>,
    pub writes: Vec<Write>,
    pub notice: StorageNotice,
}

/// Plans the deletion of referential `id` (`title` for the message), whose stored value is
/// `stored`; `dossiers` are the freshest stored dossiers of the namespace; `read` reads a key.
pub fn delete_referential(
    ns: &str,
    id: &str,
    title: &str,
    stored: &str,
    dossiers: &[Dossier],
    now: &str,
    read: impl Fn(&str) -> Option<String>,
) -> Deletion {
    let key = referential_key(ns, id);
    let prefix = format!("{id}/");
    let mut answers = BTreeMap::new();
    let mut changed = Vec::new();
    for d in dossiers {
        let mine: BTreeMap<String, ItemAnswer> = d
            .answers
            .items
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, a)| Some((split_full_id(k)?.1.to_string(), a.clone())))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut without = d.clone();
        without.answers.items.retain(|k, _| !k.starts_with(&prefix));
        without.revision += 1;
        without.updated_at = now.to_string();
        changed.push(without);
        answers.insert(d.id.clone(), mine);
    }
    let deleted = Deleted {
        version: DELETED_VERSION,
        referential_id: id.to_string(),
        deleted_at: now.to_string(),
        stored: stored.to_string(),
        answers,
    };
    let value = serde_json::to_string(&deleted).expect("always serialises");
    let first = format!("{key}{DELETED_SUFFIX}");
    let aside_key = std::iter::once(first.clone())
        .chain((2u32..).map(|n| format!("{first}-{n}")))
        .find(|k| read(k).is_none())
        .expect("an unbounded counter finds a free key");
    let mut writes = vec![Write::Set {
        key: aside_key.clone(),
        value,
    }];
    for d in &changed {
        writes.push(Write::Set {
            key: crate::core::dossier::dossier_key(ns, &d.id),
            value: encode_dossier(d),
        });
    }
    writes.push(Write::Remove { key });
    let notice = StorageNotice::new(
        REFERENTIAL_DELETED,
        vec![
            ("title", title.to_string()),
            ("count", changed.len().to_string()),
            ("key", aside_key.clone()),
        ],
    );
    Deletion {
        aside_key,
        dossiers: changed,
        writes,
        notice,
    }
}

/// Reads a value set aside by [`delete_referential`].
pub fn decode_deleted(text: &str) -> Option<Deleted> {
    serde_json::from_str::<Deleted>(text)
        .ok()
        .filter(|d| d.version == DELETED_VERSION)
}

/// Gives back answers kept aside to the dossiers that still exist, for the items the referential
/// (brought again) still has; an answer given since is never overwritten. Returns the dossiers
/// changed (revision bumped) and how many answers came back.
pub fn restore_answers(
    deleted: &Deleted,
    dossiers: &[Dossier],
    has_item: impl Fn(&str) -> bool,
    now: &str,
) -> (Vec<Dossier>, usize) {
    let mut out = Vec::new();
    let mut count = 0;
    for d in dossiers {
        let Some(kept) = deleted.answers.get(&d.id) else {
            continue;
        };
        let mut next = d.clone();
        let mut n = 0;
        for (item, answer) in kept {
            let full = crate::core::answers::full_id(&deleted.referential_id, item);
            if has_item(item) && !next.answers.items.contains_key(&full) {
                next.answers.items.insert(full, answer.clone());
                n += 1;
            }
        }
        if n > 0 {
            next.revision += 1;
            next.updated_at = now.to_string();
            out.push(next);
            count += n;
        }
    }
    (out, count)
}

/// What the shell says once answers came back with a referential brought again.
pub fn restored_notice(title: &str, count: usize) -> StorageNotice {
    StorageNotice::new(
        ANSWERS_RESTORED,
        vec![("title", title.to_string()), ("count", count.to_string())],
    )
}
