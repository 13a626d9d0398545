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

/// Whether `key` is one of the values [`delete_referential`] set aside for referential `id`
/// (`….deleted`, `….deleted-2`, …).
pub fn is_deleted_key(ns: &str, id: &str, key: &str) -> bool {
    let first = format!("{}{DELETED_SUFFIX}", referential_key(ns, id));
    match key.strip_prefix(first.as_str()) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

/// Giving back, to a referential brought again, the answers kept aside when it was deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restore {
    /// The dossiers that got answers back (revision bumped).
    pub dossiers: Vec<Dossier>,
    /// How many answers came back.
    pub count: usize,
    /// The dossiers first; then each value set aside rewritten with what could not come back
    /// (its dossier is gone, its item no longer exists, or it was answered since), or removed
    /// once nothing is left in it. Performed in order: nothing is removed before it is back.
    pub writes: Vec<Write>,
    pub notice: StorageNotice,
}

/// Plans giving back the answers of the values `kept` (`(key, value)` of the `.deleted` keys of
/// referential `id`, in key order; unreadable ones are left alone) to the freshest stored
/// `dossiers`, for the items the referential has now (`has_item`, item id without the prefix).
/// `None` when no answer can come back (nothing to offer).
pub fn plan_restore(
    ns: &str,
    title: &str,
    kept: &[(String, String)],
    dossiers: &[Dossier],
    has_item: impl Fn(&str) -> bool,
    now: &str,
) -> Option<Restore> {
    let mut current: Vec<Dossier> = dossiers.to_vec();
    let mut touched: Vec<String> = Vec::new();
    let mut count = 0;
    let mut aside_writes = Vec::new();
    for (key, value) in kept {
        let Some(mut deleted) = decode_deleted(value) else {
            continue;
        };
        let (back, n) = restore_answers(&deleted, &current, &has_item, now);
        if n == 0 {
            continue;
        }
        count += n;
        for d in back {
            let Some(slot) = current.iter_mut().find(|c| c.id == d.id) else {
                continue;
            };
            // What came back leaves the copy; what did not (answered since) stays there.
            if let Some(items) = deleted.answers.get_mut(&d.id) {
                items.retain(|item, _| {
                    let full = crate::core::answers::full_id(&deleted.referential_id, item);
                    slot.answers.items.contains_key(&full) || !d.answers.items.contains_key(&full)
                });
            }
            if !touched.contains(&d.id) {
                touched.push(d.id.clone());
            }
            *slot = d;
        }
        deleted.answers.retain(|_, items| !items.is_empty());
        aside_writes.push(if deleted.answers.is_empty() {
            Write::Remove { key: key.clone() }
        } else {
            Write::Set {
                key: key.clone(),
                value: serde_json::to_string(&deleted).expect("always serialises"),
            }
        });
    }
    if count == 0 {
        return None;
    }
    let changed: Vec<Dossier> = current
        .into_iter()
        .filter(|d| touched.contains(&d.id))
        .collect();
    let mut writes: Vec<Write> = changed
        .iter()
        .map(|d| Write::Set {
            key: crate::core::dossier::dossier_key(ns, &d.id),
            value: encode_dossier(d),
        })
        .collect();
    writes.extend(aside_writes);
    Some(Restore {
        dossiers: changed,
        count,
        writes,
        notice: restored_notice(title, count),
    })
}

/// What the shell says once answers came back with a referential brought again.
pub fn restored_notice(title: &str, count: usize) -> StorageNotice {
    StorageNotice::new(
        ANSWERS_RESTORED,
        vec![("title", title.to_string()), ("count", count.to_string())],
    )
}
