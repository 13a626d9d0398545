//! Startup ([`plan_startup`]): from every value stored under the namespace, what to load, set
//! aside, keep for a newer version, migrate, repair and write.

use super::aside::{plan_set_aside, too_new_notice, Kept, SetAside};
use super::format::{
    corrupt, decode_dossier_with_warnings, decode_index, encode_dossier, encode_index,
};
use super::keys::{
    dossier_key, index_key, legacy_key, make_id, namespace_or_default, prefix, valid_id,
};
use super::manage::{most_recent, sync_meta};
use super::migrate::{migrate_legacy_with_warnings, Migration};
use super::notice::{self, arg, StorageNotice};
use super::{
    Dossier, DossierIndex, LoadError, Write, DEFAULT_NAME, DOSSIER_SUFFIX_PREFIX, INDEX_SUFFIX,
};
use std::collections::{BTreeMap, HashSet};

/// A dropped-answer notice labelled with the dossier it comes from.
fn in_dossier(name: &str, warning: StorageNotice) -> StorageNotice {
    StorageNotice::new(notice::IN_DOSSIER, vec![arg("name", name)]).with_detail(warning)
}

/// Everything the shell needs after reading storage at startup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub namespace: String,
    /// Repaired index; `active` is always the id of one of `dossiers`.
    pub index: DossierIndex,
    /// The readable dossiers, in index order (never empty).
    pub dossiers: Vec<Dossier>,
    pub set_aside: Vec<SetAside>,
    /// Values written by a newer version, left in place. Their keys must not be written.
    pub kept: Vec<Kept>,
    pub migrations: Vec<Migration>,
    /// Dropped answers and index repairs.
    pub warnings: Vec<StorageNotice>,
    /// Storage operations to perform in order, stopping at the first failure. They include the
    /// copies and removals of `set_aside`.
    pub writes: Vec<Write>,
}

impl Startup {
    pub fn active(&self) -> &Dossier {
        let id = self.index.active.as_deref();
        self.dossiers
            .iter()
            .find(|d| Some(d.id.as_str()) == id)
            .unwrap_or(&self.dossiers[0])
    }

    /// Every notice for the user, most serious first.
    pub fn messages(&self) -> Vec<StorageNotice> {
        let aside = self.set_aside.iter().map(|s| s.notice.clone());
        let kept = self.kept.iter().map(|k| k.notice.clone());
        let migrated = self.migrations.iter().map(|m| m.notice.clone());
        aside
            .chain(kept)
            .chain(migrated)
            .chain(self.warnings.iter().cloned())
            .collect()
    }

    /// Whether the shell may write `key` (false for values left to a newer version).
    pub fn may_write(&self, key: &str) -> bool {
        !self.kept.iter().any(|k| k.key == key)
    }
}

/// Plans the startup from every `(key, value)` stored under the namespace (other keys are
/// ignored). Unreadable values are moved aside, values from a newer version are left in place,
/// the v0 `answers` key is migrated, the index is repaired (entries whose dossier is gone are
/// removed, stored dossiers missing from it are added, names and dates refreshed), and a fresh
/// « Mon dossier » is created when no dossier is readable. `new_id` is used for the migrated or
/// fresh dossier (at most one of them is needed).
pub fn plan_startup(ns: &str, entries: &[(String, String)], now: &str, new_id: &str) -> Startup {
    let mut plan = Planner::new(namespace_or_default(ns), entries);
    // The index first, so that its names can label messages about unreadable dossiers.
    plan.read_index();
    plan.read_dossiers();
    plan.migrate_legacy(now, new_id);
    if plan.loaded.is_empty() {
        plan.create_first(now, new_id);
    }
    let index = plan.repaired_index();
    plan.finish(index)
}

/// The startup being planned: what storage holds under the namespace, and what has been decided
/// so far. Each step of [`plan_startup`] is one method.
struct Planner<'a> {
    ns: String,
    prefix: String,
    /// The values under the namespace's prefix, by key.
    stored: BTreeMap<&'a str, &'a str>,
    out: Startup,
    /// Set-aside copies and removals, written before anything else.
    aside_writes: Vec<Write>,
    /// Dossiers and the index, written once the unreadable values are safe.
    dossier_writes: Vec<Write>,
    index_key: String,
    /// False when the stored index belongs to a newer version.
    index_writable: bool,
    stored_index: Option<DossierIndex>,
    loaded: Vec<Dossier>,
    too_new_ids: HashSet<String>,
    aside_ids: HashSet<String>,
    /// The migrated or freshly created dossier, which the user expects to land in.
    created_id: Option<String>,
    /// The legacy key's removal, planned last: after the dossier and the index holding it.
    legacy_removal: Option<Write>,
}

impl<'a> Planner<'a> {
    fn new(ns: &str, entries: &'a [(String, String)]) -> Self {
        let prefix = prefix(ns);
        let stored = entries
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Planner {
            ns: ns.to_string(),
            index_key: index_key(ns),
            prefix,
            stored,
            out: Startup {
                namespace: ns.to_string(),
                index: DossierIndex::default(),
                dossiers: Vec::new(),
                set_aside: Vec::new(),
                kept: Vec::new(),
                migrations: Vec::new(),
                warnings: Vec::new(),
                writes: Vec::new(),
            },
            aside_writes: Vec::new(),
            dossier_writes: Vec::new(),
            index_writable: true,
            stored_index: None,
            loaded: Vec::new(),
            too_new_ids: HashSet::new(),
            aside_ids: HashSet::new(),
            created_id: None,
            legacy_removal: None,
        }
    }

    /// The name the stored index gives dossier `id`, to label messages about it.
    fn known_name(&self, id: &str) -> Option<String> {
        let meta = self.stored_index.as_ref().and_then(|i| i.get(id));
        meta.map(|m| m.name.clone())
    }

    /// Plans moving the unreadable value of `key` to a free `.corrupt-N` key.
    fn set_aside(&mut self, key: &str, value: &str, reason: &StorageNotice, name: Option<&str>) {
        let stored = &self.stored;
        let read = |k: &str| stored.get(k).map(|v| v.to_string());
        let (aside, writes) = plan_set_aside(&self.prefix, key, value, reason, name, &read);
        self.out.set_aside.push(aside);
        self.aside_writes.extend(writes);
    }

    /// Leaves a newer version's value in place, with its notice.
    fn keep(&mut self, key: &str, version: u64, notice: StorageNotice) {
        let key = key.to_string();
        self.out.kept.push(Kept {
            key,
            version,
            notice,
        });
    }

    /// Dropped answers of a dossier, labelled with its name.
    fn warn_in_dossier(&mut self, name: &str, warnings: Vec<StorageNotice>) {
        let labelled = warnings.into_iter().map(|w| in_dossier(name, w));
        self.out.warnings.extend(labelled);
    }

    fn read_index(&mut self) {
        let Some(&value) = self.stored.get(self.index_key.as_str()) else {
            return;
        };
        let key = self.index_key.clone();
        match decode_index(value) {
            Ok(index) => self.stored_index = Some(index),
            Err(LoadError::TooNew(version)) => {
                self.index_writable = false;
                let notice = too_new_notice(INDEX_SUFFIX, &key, version, None);
                self.keep(&key, version, notice);
            }
            Err(LoadError::Corrupt(reason)) => self.set_aside(&key, value, &reason, None),
        }
    }

    /// Every stored dossier: loaded, kept for a newer version or set aside.
    fn read_dossiers(&mut self) {
        let stored: Vec<(&str, &str)> = self.stored.iter().map(|(&k, &v)| (k, v)).collect();
        for (key, value) in stored {
            let suffix = &key[self.prefix.len()..];
            // Anything else under the prefix (kept-aside values, keys of a later version) is left alone.
            let Some(id) = suffix
                .strip_prefix(DOSSIER_SUFFIX_PREFIX)
                .filter(|id| valid_id(id))
            else {
                continue;
            };
            self.read_dossier(key, suffix, id, value);
        }
    }

    fn read_dossier(&mut self, key: &str, suffix: &str, id: &str, value: &str) {
        let result = decode_dossier_with_warnings(value).and_then(|(d, w)| {
            if d.id == id {
                Ok((d, w))
            } else {
                Err(corrupt(notice::ID_NOT_KEY, vec![arg("id", &d.id)]))
            }
        });
        match result {
            Ok((d, warnings)) => {
                self.warn_in_dossier(&d.name, warnings);
                self.loaded.push(d);
            }
            Err(LoadError::TooNew(version)) => {
                self.too_new_ids.insert(id.to_string());
                let name = self.known_name(id);
                let notice = too_new_notice(suffix, key, version, name.as_deref());
                self.keep(key, version, notice);
            }
            Err(LoadError::Corrupt(reason)) => {
                self.aside_ids.insert(id.to_string());
                let name = self.known_name(id);
                self.set_aside(key, value, &reason, name.as_deref());
            }
        }
    }

    /// Whether a new dossier may not take `candidate` as its id.
    fn taken(&self, candidate: &str) -> bool {
        self.loaded.iter().any(|d| d.id == candidate)
            || self.too_new_ids.contains(candidate)
            || self.aside_ids.contains(candidate)
            || self
                .stored_index
                .as_ref()
                .is_some_and(|i| i.contains(candidate))
    }

    /// Stores `d` under a free id, as the dossier the user lands in; its key.
    fn add_created(&mut self, mut d: Dossier) -> String {
        d.id = make_id(&d.id, |c| self.taken(c));
        let key = dossier_key(&self.ns, &d.id);
        self.dossier_writes.push(Write::Set {
            key: key.clone(),
            value: encode_dossier(&d),
        });
        self.created_id = Some(d.id.clone());
        self.loaded.push(d);
        key
    }

    /// v0 → v1: the prototype's single `answers` key becomes a dossier.
    fn migrate_legacy(&mut self, now: &str, new_id: &str) {
        let legacy_key = legacy_key(&self.ns);
        let Some(&value) = self.stored.get(legacy_key.as_str()) else {
            return;
        };
        match migrate_legacy_with_warnings(value, now, new_id) {
            Ok((d, warnings)) => {
                self.warn_in_dossier(&d.name, warnings);
                let notice = StorageNotice::new(notice::MIGRATED, vec![arg("name", &d.name)]);
                let to_key = self.add_created(d);
                self.out.migrations.push(Migration {
                    from_key: legacy_key.clone(),
                    to_key,
                    from_version: 0,
                    notice,
                });
                self.legacy_removal = Some(Write::Remove { key: legacy_key });
            }
            Err(err) => {
                let reason = match err {
                    LoadError::Corrupt(reason) => reason,
                    other => other.notice(),
                };
                self.set_aside(&legacy_key, value, &reason, None);
            }
        }
    }

    /// No dossier is readable: a fresh « Mon dossier ».
    fn create_first(&mut self, now: &str, new_id: &str) {
        self.add_created(Dossier::new(new_id, DEFAULT_NAME, now));
    }

    /// The stored index with entries whose dossier is gone removed, loaded dossiers missing from
    /// it added, names and dates refreshed, and an active dossier that exists.
    fn repaired_index(&mut self) -> DossierIndex {
        let had_index = self.stored_index.is_some();
        let mut index = self.stored_index.clone().unwrap_or_default();
        let loaded_ids: HashSet<String> = self.loaded.iter().map(|d| d.id.clone()).collect();
        let mut repairs = self.drop_gone_entries(&mut index, &loaded_ids);
        let mut missing: Vec<&Dossier> = self
            .loaded
            .iter()
            .filter(|d| !index.contains(&d.id))
            .collect();
        missing.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
        for d in missing {
            if had_index && self.created_id.as_deref() != Some(d.id.as_str()) {
                repairs.push(StorageNotice::new(
                    notice::INDEX_ENTRY_ADDED,
                    vec![arg("name", &d.name)],
                ));
            }
            index.dossiers.push(d.meta());
        }
        for d in &self.loaded {
            sync_meta(&mut index, d);
        }
        self.out.warnings.extend(repairs);
        let active_ok = index
            .active
            .as_ref()
            .is_some_and(|a| loaded_ids.contains(a));
        if !active_ok {
            index.active = self.new_active(had_index && index.active.is_some());
        }
        index
    }

    /// Removes the index entries whose dossier is neither loaded nor kept; the notices to show.
    fn drop_gone_entries(
        &self,
        index: &mut DossierIndex,
        loaded_ids: &HashSet<String>,
    ) -> Vec<StorageNotice> {
        let mut repairs = Vec::new();
        index.dossiers.retain(|m| {
            let keep = loaded_ids.contains(&m.id) || self.too_new_ids.contains(&m.id);
            // A dossier just set aside already has its own message.
            if !keep && !self.aside_ids.contains(&m.id) {
                repairs.push(StorageNotice::new(
                    notice::INDEX_ENTRY_REMOVED,
                    vec![arg("name", &m.name)],
                ));
            }
            keep
        });
        repairs
    }

    /// The dossier to activate when the index names none that is loaded: a newly created or
    /// migrated one is what the user expects to land in, unless the index pointed elsewhere;
    /// otherwise the one they touched last.
    fn new_active(&self, index_pointed_elsewhere: bool) -> Option<String> {
        self.created_id
            .clone()
            .filter(|_| !index_pointed_elsewhere)
            .or_else(|| {
                most_recent(
                    self.loaded
                        .iter()
                        .map(|d| (d.id.as_str(), d.updated_at.as_str())),
                )
            })
    }

    fn finish(mut self, index: DossierIndex) -> Startup {
        if self.index_writable && self.stored_index.as_ref() != Some(&index) {
            self.dossier_writes.push(Write::Set {
                key: self.index_key.clone(),
                value: encode_index(&index),
            });
        }
        // Even when the index belongs to a newer version, the migrated dossier is stored under its
        // own key (which any version's repair re-adds), so the legacy value can go.
        self.dossier_writes.extend(self.legacy_removal.take());
        let mut out = self.out;
        out.dossiers = index
            .dossiers
            .iter()
            .filter_map(|m| self.loaded.iter().find(|d| d.id == m.id).cloned())
            .collect();
        out.index = index;
        out.writes = self
            .aside_writes
            .into_iter()
            .chain(self.dossier_writes)
            .collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;

    #[test]
    fn first_visit_creates_mon_dossier() {
        let s = plan_startup("cfa", &[], NOW, "0a0b");
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.active().name, DEFAULT_NAME);
        assert_eq!(s.index.active.as_deref(), Some("0a0b"));
        let keys: Vec<&str> = sets(&s.writes).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, vec!["repere.cfa.dossier.0a0b", "repere.cfa.index"]);
        assert!(s.messages().is_empty());

        // Once written, the next startup reads it back and plans nothing.
        let stored: Vec<(String, String)> = sets(&s.writes)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let again = plan_startup("cfa", &stored, LATER, "ffff");
        assert_eq!(again.dossiers, s.dossiers);
        assert_eq!(again.index, s.index);
        assert!(again.writes.is_empty());
    }

    #[test]
    fn other_namespaces_and_foreign_keys_are_ignored() {
        let other = encode_dossier(&sample());
        let e = entries(&[
            ("repere.default-2.dossier.abc123", &other),
            ("repere.lang", "fr"),
            ("repere.default.dossier.abc123.corrupt", "garbage"),
            ("repere.default.future-thing", "{}"),
        ]);
        let s = plan_startup("default", &e, NOW, "n1");
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.active().id, "n1");
        assert!(s
            .writes
            .iter()
            .all(|w| matches!(w, Write::Set { key, .. } if key.starts_with("repere.default."))));
    }

    #[test]
    fn too_new_values_are_left_in_place() {
        let future = r#"{"version":2,"id":"f","whatever":[1,2,3]}"#;
        assert_eq!(decode_dossier(future), Err(LoadError::TooNew(2)));
        assert_eq!(decode_index(r#"{"version":7}"#), Err(LoadError::TooNew(7)));
        let d = sample();
        let e = entries(&[
            ("repere.default.dossier.f", future),
            ("repere.default.dossier.abc123", &encode_dossier(&d)),
            ("repere.default.index", r#"{"version":3,"lists":[]}"#),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.kept.len(), 2);
        assert!(s
            .kept
            .iter()
            .all(|k| k.notice.french().contains("version plus récente")));
        assert!(s.set_aside.is_empty());
        for key in ["repere.default.dossier.f", "repere.default.index"] {
            assert!(!s.may_write(key));
            assert!(s.writes.iter().all(|w| match w {
                Write::Set { key: k, .. } | Write::Remove { key: k } => k != key,
            }));
        }
        assert_eq!(s.active().id, "abc123");
        // The shell's write paths refuse it too.
        assert_eq!(
            rebase(
                Some(future),
                &Dossier::new("f", "x", NOW),
                &Change::Rename("y".into()),
                NOW
            ),
            Err(LoadError::TooNew(2))
        );
        assert_eq!(
            fresh_index(Some(r#"{"version":3}"#), &DossierIndex::default()),
            Err(LoadError::TooNew(3))
        );
    }

    #[test]
    fn an_index_entry_for_a_too_new_dossier_is_kept() {
        let d = sample();
        let mut index = DossierIndex::default();
        index.dossiers.push(DossierMeta {
            id: "f".into(),
            name: "Futur".into(),
            created_at: NOW.into(),
            updated_at: LATER.into(),
        });
        sync_meta(&mut index, &d);
        index.active = Some("f".into());
        let e = entries(&[
            ("repere.default.dossier.f", r#"{"version":2}"#),
            ("repere.default.dossier.abc123", &encode_dossier(&d)),
            ("repere.default.index", &encode_index(&index)),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert!(s.index.contains("f"));
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert_eq!(s.kept[0].notice.code, notice::TOO_NEW_NAMED);
        assert!(s.kept[0]
            .notice
            .french()
            .starts_with("Le dossier « Futur »"));
    }

    #[test]
    fn index_repair() {
        let a = sample();
        let b = Dossier::new("b0", "Bob", NOW);
        let mut index = DossierIndex::default();
        sync_meta(&mut index, &a);
        index.dossiers.push(DossierMeta {
            id: "gone".into(),
            name: "Parti".into(),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        });
        index.active = Some("gone".into());
        let e = entries(&[
            ("repere.default.index", &encode_index(&index)),
            ("repere.default.dossier.abc123", &encode_dossier(&a)),
            ("repere.default.dossier.b0", &encode_dossier(&b)),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(
            s.index
                .dossiers
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>(),
            vec!["abc123", "b0"]
        );
        // The active one was missing: the most recently updated takes over.
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
        assert_eq!(s.warnings[0].code, notice::INDEX_ENTRY_REMOVED);
        assert!(s.warnings[0]
            .french()
            .contains("« Parti » figurait dans la liste"));
        assert_eq!(s.warnings[1].code, notice::INDEX_ENTRY_ADDED);
        assert!(s.warnings[1].french().contains("« Bob » manquait"));
        assert!(s.writes.contains(&Write::Set {
            key: "repere.default.index".into(),
            value: encode_index(&s.index)
        }));
        assert_eq!(s.dossiers.len(), 2);
    }
}
