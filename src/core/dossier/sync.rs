//! Edits ([`Change`], [`apply`]) and the multi-tab protocol: every write is the pending changes
//! replayed on the freshest stored value ([`rebase_all`]), and a stored value is adopted only when
//! it is newer ([`is_newer`]), so that a stale tab never overwrites another tab's answers.

use super::format::{corrupt, decode_dossier};
use super::keys::normalize_name;
use super::notice::{self, arg};
use super::sanitize::{item_max, pivot_known};
use super::{Dossier, LoadError, MAX_EVIDENCE_CHARS};
use crate::core::answers::{ItemAnswer, GENERIC_MAX};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Quick diagnostic level of a pivot skill; `None` clears it.
    SetQuick(String, Option<u8>),
    /// Level of an item (full id); `None` clears the answer together with its evidence note.
    SetItem(String, Option<u8>),
    /// Evidence note of an answered item (ignored while the item has no level).
    SetEvidence(String, String),
    Rename(String),
}

/// Applies one change. Returns whether the dossier changed; only then are `revision` and
/// `updated_at` bumped. Every change is a "set", so applying it twice is harmless (this is what
/// lets [`rebase_all`] replay pending changes). Invalid changes (unknown id, level out of range,
/// evidence for an unanswered item) are ignored and return `false`.
pub fn apply(d: &mut Dossier, c: &Change, now: &str) -> bool {
    let changed = match c {
        Change::SetQuick(pivot, level) => match level {
            Some(l) if pivot_known(pivot) && *l <= GENERIC_MAX => {
                d.answers.quick.insert(pivot.clone(), *l) != Some(*l)
            }
            Some(_) => false,
            None => d.answers.quick.remove(pivot).is_some(),
        },
        Change::SetItem(id, level) => match (level, item_max(id)) {
            (Some(l), Some(max)) if *l <= max => match d.answers.items.get_mut(id) {
                Some(a) if a.level == *l => false,
                Some(a) => {
                    a.level = *l;
                    true
                }
                None => {
                    d.answers.items.insert(
                        id.clone(),
                        ItemAnswer {
                            level: *l,
                            evidence: String::new(),
                        },
                    );
                    true
                }
            },
            (Some(_), _) => false,
            (None, _) => d.answers.items.remove(id).is_some(),
        },
        Change::SetEvidence(id, text) => {
            let text: String = text.chars().take(MAX_EVIDENCE_CHARS).collect();
            match d.answers.items.get_mut(id) {
                Some(a) if a.evidence != text => {
                    a.evidence = text;
                    true
                }
                _ => false,
            }
        }
        Change::Rename(name) => {
            let name = normalize_name(name);
            if d.name == name {
                false
            } else {
                d.name = name;
                true
            }
        }
    };
    if changed {
        d.revision = d.revision.saturating_add(1);
        d.updated_at = now.to_string();
    }
    changed
}

/// The dossier to write for `change`: the change applied on top of the freshest stored version,
/// so that a stale tab only contributes its own change. `stored` is the value just re-read from
/// `dossier.<id>`; `None` (removed meanwhile, or storage unavailable) falls back to `in_memory`.
pub fn rebase(
    stored: Option<&str>,
    in_memory: &Dossier,
    change: &Change,
    now: &str,
) -> Result<Dossier, LoadError> {
    rebase_all(stored, in_memory, std::slice::from_ref(change), now)
}

/// Like [`rebase`] for every change not yet written (the shell keeps them while writes fail, so
/// that a failed write is not lost when a later one is rebased on the older stored value).
pub fn rebase_all(
    stored: Option<&str>,
    in_memory: &Dossier,
    changes: &[Change],
    now: &str,
) -> Result<Dossier, LoadError> {
    let mut base = match stored {
        None => in_memory.clone(),
        Some(text) => {
            let d = decode_dossier(text)?;
            if d.id != in_memory.id {
                return Err(corrupt(
                    notice::ID_MISMATCH,
                    vec![arg("stored", &d.id), arg("expected", &in_memory.id)],
                ));
            }
            d
        }
    };
    // The revision must end above everything this tab has seen, so that other tabs (and this one,
    // on its own late storage events) recognise the write as the newest.
    base.revision = base.revision.max(in_memory.revision);
    for c in changes {
        apply(&mut base, c, now);
    }
    Ok(base)
}

/// Whether `stored` (from a storage event or a fresh read) is newer than this tab's copy:
/// higher revision, or same revision and later `updated_at` (ISO-8601 strings in UTC compare in
/// time order). A full tie is not newer, which keeps a tab from reloading its own write.
pub fn is_newer(stored: &Dossier, mine: &Dossier) -> bool {
    (stored.revision, &stored.updated_at) > (mine.revision, &mine.updated_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;

    #[test]
    fn apply_bumps_revision_only_on_change() {
        let mut d = Dossier::new("a", "A", NOW);
        assert!(apply(
            &mut d,
            &Change::SetQuick("veille".into(), Some(2)),
            LATER
        ));
        assert_eq!((d.revision, d.updated_at.as_str()), (1, LATER));
        assert!(!apply(
            &mut d,
            &Change::SetQuick("veille".into(), Some(2)),
            "z"
        ));
        assert!(!apply(
            &mut d,
            &Change::SetQuick("veille".into(), Some(5)),
            "z"
        ));
        assert!(!apply(
            &mut d,
            &Change::SetQuick("inconnu".into(), Some(1)),
            "z"
        ));
        assert!(!apply(
            &mut d,
            &Change::SetItem(GENERIC_ITEM.into(), Some(5)),
            "z"
        ));
        assert!(apply(
            &mut d,
            &Change::SetItem(ECF_ITEM.into(), Some(5)),
            LATER
        ));
        assert!(!apply(
            &mut d,
            &Change::SetEvidence(GENERIC_ITEM.into(), "sans niveau".into()),
            "z"
        ));
        assert!(apply(
            &mut d,
            &Change::SetEvidence(ECF_ITEM.into(), "x".repeat(3000)),
            LATER
        ));
        assert_eq!(d.answers.items[ECF_ITEM].evidence.len(), MAX_EVIDENCE_CHARS);
        assert!(apply(
            &mut d,
            &Change::SetItem(ECF_ITEM.into(), Some(1)),
            LATER
        ));
        assert_eq!(
            d.answers.items[ECF_ITEM].evidence.len(),
            MAX_EVIDENCE_CHARS,
            "changing the level keeps the note"
        );
        assert!(apply(
            &mut d,
            &Change::Rename("  Nouveau  nom ".into()),
            LATER
        ));
        assert_eq!(d.name, "Nouveau nom");
        assert!(apply(
            &mut d,
            &Change::SetItem(ECF_ITEM.into(), None),
            LATER
        ));
        assert!(apply(
            &mut d,
            &Change::SetQuick("veille".into(), None),
            LATER
        ));
        assert!(d.answers.is_empty());
        assert_eq!(d.revision, 7);
        assert_eq!(d.updated_at, LATER);
    }

    #[test]
    fn rebase_keeps_another_tabs_newer_answer() {
        // Both tabs loaded the same dossier.
        let base = Dossier::new("shared", "Classe", NOW);
        let mut tab_a = base.clone();
        let tab_b = base.clone();
        // Tab A answers and writes.
        let change_a = Change::SetQuick("veille".into(), Some(3));
        let written_a = rebase(
            Some(&encode_dossier(&base)),
            &tab_a,
            &change_a,
            "2026-11-23T10:01:00Z",
        )
        .unwrap();
        tab_a = written_a.clone();
        // Tab B, stale, answers something else: it re-reads storage first.
        let change_b = Change::SetItem(GENERIC_ITEM.into(), Some(2));
        let written_b = rebase(
            Some(&encode_dossier(&written_a)),
            &tab_b,
            &change_b,
            "2026-11-23T10:02:00Z",
        )
        .unwrap();
        assert_eq!(
            written_b.answers.quick.get("veille"),
            Some(&3),
            "tab A's answer survives"
        );
        assert_eq!(
            written_b.answers.items[GENERIC_ITEM].level, 2,
            "tab B's answer is applied"
        );
        assert_eq!(written_b.revision, 2);
        // Tab A hears about it and reloads.
        assert!(is_newer(&written_b, &tab_a));
        // A stale tab changing the same answer only overwrites that answer.
        let change_b2 = Change::SetQuick("veille".into(), Some(1));
        let written_b2 = rebase(
            Some(&encode_dossier(&written_b)),
            &tab_b,
            &change_b2,
            "2026-11-23T10:03:00Z",
        )
        .unwrap();
        assert_eq!(written_b2.answers.quick.get("veille"), Some(&1));
        assert_eq!(written_b2.answers.items[GENERIC_ITEM].level, 2);
        // Storage gone: the in-memory copy is the base.
        let alone = rebase(None, &written_b2, &Change::Rename("Seul".into()), LATER).unwrap();
        assert_eq!(
            (alone.name.as_str(), alone.revision, alone.answers.clone()),
            ("Seul", 4, written_b2.answers.clone())
        );
        // A corrupt stored value is reported, for the shell to set aside.
        assert!(matches!(
            rebase(Some("{"), &tab_a, &change_a, LATER),
            Err(LoadError::Corrupt(_))
        ));
        let other = encode_dossier(&Dossier::new("other", "x", NOW));
        assert!(matches!(
            rebase(Some(&other), &tab_a, &change_a, LATER),
            Err(LoadError::Corrupt(_))
        ));
    }

    #[test]
    fn rebase_all_replays_changes_whose_write_failed() {
        let stored = Dossier::new("d", "D", NOW);
        let stored_text = encode_dossier(&stored);
        let first = Change::SetQuick("veille".into(), Some(2));
        // The write of `first` failed (quota): storage still holds `stored`.
        let mem = rebase(Some(&stored_text), &stored, &first, LATER).unwrap();
        let second = Change::SetQuick("communication".into(), Some(4));
        let next = rebase_all(Some(&stored_text), &mem, &[first, second], LATER).unwrap();
        assert_eq!(next.answers.quick.len(), 2);
        assert!(next.revision > mem.revision);
    }

    #[test]
    fn is_newer_orders_by_revision_then_time() {
        let mut mine = sample();
        let mut stored = mine.clone();
        assert!(!is_newer(&stored, &mine));
        stored.revision += 1;
        assert!(is_newer(&stored, &mine));
        assert!(!is_newer(&mine, &stored));
        stored.revision = mine.revision;
        stored.updated_at = "2027-01-01T00:00:00.000Z".into();
        assert!(is_newer(&stored, &mine));
        mine.revision += 1;
        assert!(!is_newer(&stored, &mine), "revision wins over time");
    }
}
