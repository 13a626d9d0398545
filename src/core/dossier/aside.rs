//! Stored values that cannot be used, and what becomes of them: an unreadable value is copied to
//! a free `<key>.corrupt` (then `.corrupt-2`, …) key before it is removed, never overwriting an
//! earlier copy ([`set_aside`]); a value written by a newer version of Repère is left in place
//! ([`Kept`]). The same plan serves startup and running time.

use super::keys::{corrupt_key, normalize_name, prefix};
use super::notice::{self, arg, StorageNotice};
use super::{Write, INDEX_SUFFIX, LEGACY_SUFFIX};
use serde_json::Value;

/// An unreadable value moved aside: copied to `corrupt_key`, then removed from `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub corrupt_key: String,
    /// Technical detail, for the console.
    pub reason: StorageNotice,
    /// For the user.
    pub notice: StorageNotice,
}

/// A value left untouched because a newer version of Repère wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub key: String,
    pub version: u64,
    pub notice: StorageNotice,
}

/// The first free key among `<key>.corrupt`, `<key>.corrupt-2`, …, and whether the value still
/// needs copying there (not when an earlier run already copied the very same text: that run
/// failed before removing the original). Never reuses a key holding something else, so an older
/// kept-aside value is not overwritten.
fn free_corrupt_key(
    key: &str,
    value: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> (String, bool) {
    let first = corrupt_key(key);
    std::iter::once(first.clone())
        .chain((2u32..).map(|n| format!("{first}-{n}")))
        .find_map(|candidate| match read(&candidate) {
            None => Some((candidate, true)),
            Some(existing) if existing == value => Some((candidate, false)),
            Some(_) => None,
        })
        .expect("an unbounded counter finds a free key")
}

/// Best-effort name of an unreadable dossier, for the message.
fn name_hint(value: &str) -> Option<String> {
    let v: Value = serde_json::from_str(value).ok()?;
    let name = v.get("name")?.as_str()?;
    Some(normalize_name(name))
}

fn set_aside_notice(suffix: &str, name: Option<&str>, corrupt_key: &str) -> StorageNotice {
    let key = arg("key", corrupt_key);
    if suffix == INDEX_SUFFIX {
        StorageNotice::new(notice::ASIDE_INDEX, vec![key])
    } else if suffix == LEGACY_SUFFIX {
        StorageNotice::new(notice::ASIDE_LEGACY, vec![key])
    } else if let Some(name) = name {
        StorageNotice::new(notice::ASIDE_NAMED, vec![arg("name", name), key])
    } else {
        StorageNotice::new(notice::ASIDE_DOSSIER, vec![key])
    }
}

pub(super) fn plan_set_aside(
    prefix: &str,
    key: &str,
    value: &str,
    reason: &StorageNotice,
    known_name: Option<&str>,
    read: &dyn Fn(&str) -> Option<String>,
) -> (SetAside, Vec<Write>) {
    let suffix = key.strip_prefix(prefix).unwrap_or(key);
    let (corrupt_key, copy) = free_corrupt_key(key, value, read);
    let name = name_hint(value).or_else(|| known_name.map(str::to_string));
    let notice = set_aside_notice(suffix, name.as_deref(), &corrupt_key);
    let mut writes = Vec::new();
    if copy {
        writes.push(Write::Set {
            key: corrupt_key.clone(),
            value: value.to_string(),
        });
    }
    writes.push(Write::Remove {
        key: key.to_string(),
    });
    (
        SetAside {
            key: key.to_string(),
            corrupt_key,
            reason: reason.clone(),
            notice,
        },
        writes,
    )
}

/// Plans moving an unreadable value aside at run time (e.g. after [`rebase`](super::rebase) returned
/// `Corrupt`): copy it to a free `.corrupt` key, then remove it. `read` reads a key from storage.
/// Perform the writes in order and stop at the first failure.
pub fn set_aside(
    ns: &str,
    key: &str,
    value: &str,
    reason: &StorageNotice,
    read: impl Fn(&str) -> Option<String>,
) -> (SetAside, Vec<Write>) {
    plan_set_aside(&prefix(ns), key, value, reason, None, &read)
}

/// Plans setting aside, at run time, the unreadable value stored under `key` just before this
/// tab writes its own copy there (after [`rebase`](super::rebase_all) or
/// [`fresh_index`](super::fresh_index) returned `Corrupt`): the plan of startup (a free
/// `.corrupt` key, never overwriting an earlier copy, nothing removed before it is copied); for a
/// named dossier, the notice says that this tab's answers take its place. `name` is the name of
/// the dossier in memory. `read` reads a key from storage; perform the writes in order, stop at the first
/// failure, and write nothing under `key` unless they all succeeded.
pub fn set_aside_before_write(
    ns: &str,
    key: &str,
    value: &str,
    reason: &StorageNotice,
    name: Option<&str>,
    read: impl Fn(&str) -> Option<String>,
) -> (SetAside, Vec<Write>) {
    let (mut aside, writes) = plan_set_aside(&prefix(ns), key, value, reason, name, &read);
    // Same values ({name}, {key}), words for running time. The index is rewritten from the one in
    // memory, itself built from the stored dossiers: the startup words hold for it.
    if aside.notice.code == notice::ASIDE_NAMED {
        aside.notice.code = notice::ASIDE_REPLACED;
    }
    (aside, writes)
}

/// A value found at run time to come from a newer version of Repère (`Err(LoadError::TooNew)`
/// on a key this tab writes): the key to stop writing, and the notice; `name` as above.
pub fn keep_newer(ns: &str, key: &str, version: u64, name: Option<&str>) -> Kept {
    let prefix = prefix(ns);
    let suffix = key.strip_prefix(prefix.as_str()).unwrap_or(key);
    Kept {
        key: key.to_string(),
        version,
        notice: too_new_notice(suffix, key, version, name),
    }
}

pub(super) fn too_new_notice(
    suffix: &str,
    key: &str,
    version: u64,
    name: Option<&str>,
) -> StorageNotice {
    let version = arg("version", version);
    if suffix == INDEX_SUFFIX {
        StorageNotice::new(notice::TOO_NEW_INDEX, vec![version])
    } else if let Some(name) = name {
        StorageNotice::new(notice::TOO_NEW_NAMED, vec![arg("name", name), version])
    } else {
        StorageNotice::new(notice::TOO_NEW_KEY, vec![arg("key", key), version])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;
    use proptest::prelude::*;

    #[test]
    fn corrupt_values_are_set_aside_with_a_message() {
        let good = sample();
        let mut index = DossierIndex::default();
        sync_meta(&mut index, &good);
        index.dossiers.push(DossierMeta {
            id: "bad2".into(),
            name: "Léa".into(),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        });
        index.dossiers.push(DossierMeta {
            id: "bad1".into(),
            name: "Noé".into(),
            created_at: NOW.into(),
            updated_at: NOW.into(),
        });
        index.active = Some("bad1".into());
        let truncated = &encode_dossier(&Dossier {
            id: "bad1".into(),
            ..good.clone()
        })[..40];
        let wrong_types = r#"{"version":1,"id":"bad2","name":"Léa","created_at":"x","updated_at":"x","revision":"7"}"#;
        let not_json = "{quick: 3";
        let e = entries(&[
            ("repere.default.dossier.abc123", &encode_dossier(&good)),
            ("repere.default.dossier.bad1", truncated),
            ("repere.default.dossier.bad2", wrong_types),
            ("repere.default.dossier.bad3", not_json),
            ("repere.default.index", &encode_index(&index)),
        ]);
        for (_, v) in &e[1..4] {
            assert!(
                matches!(decode_dossier(v), Err(LoadError::Corrupt(_))),
                "{v}"
            );
        }
        let s = plan_startup("default", &e, NOW, "new");
        assert_eq!(s.dossiers, vec![good.clone()]);
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert_eq!(s.set_aside.len(), 3);
        for id in ["bad1", "bad2", "bad3"] {
            let key = format!("repere.default.dossier.{id}");
            let value = &e.iter().find(|(k, _)| *k == key).unwrap().1;
            let aside = s.set_aside.iter().find(|a| a.key == key).unwrap();
            assert_eq!(aside.corrupt_key, format!("{key}.corrupt"));
            let copy = position(
                &s.writes,
                &Write::Set {
                    key: aside.corrupt_key.clone(),
                    value: value.clone(),
                },
            );
            let removal = position(&s.writes, &Write::Remove { key: key.clone() });
            assert!(copy < removal);
            assert_eq!(
                aside.notice.arg("key"),
                Some(format!("{key}.corrupt").as_str())
            );
            assert!(
                aside
                    .notice
                    .french()
                    .contains(&format!("sous la clé « {key}.corrupt »")),
                "{}",
                aside.notice
            );
        }
        let bad2 = s
            .set_aside
            .iter()
            .find(|a| a.key.ends_with("bad2"))
            .unwrap();
        assert_eq!(bad2.notice.code, notice::ASIDE_NAMED);
        assert_eq!(
            bad2.notice.french(),
            "Le dossier enregistré « Léa » était illisible : il a été mis de côté sous la clé « repere.default.dossier.bad2.corrupt »."
        );
        assert_eq!(bad2.reason.code, notice::INVALID_CONTENT);
        assert!(bad2.reason.french().starts_with("contenu invalide : "));
        // The name of the truncated one comes from the index, since the value itself is unreadable.
        assert!(s
            .set_aside
            .iter()
            .find(|a| a.key.ends_with("bad1"))
            .unwrap()
            .notice
            .french()
            .contains("« Noé »"));
        assert!(s
            .set_aside
            .iter()
            .find(|a| a.key.ends_with("bad3"))
            .unwrap()
            .notice
            .french()
            .starts_with("Un dossier enregistré"));
        // Set-aside dossiers leave the index without a second message.
        assert_eq!(s.index.dossiers.len(), 1);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        // Nothing is ever removed without being copied first.
        assert!(s.writes.iter().all(|w| match w {
            Write::Remove { key } => s.set_aside.iter().any(|a| &a.key == key),
            Write::Set { .. } => true,
        }));
    }

    #[test]
    fn an_older_corrupt_copy_is_not_overwritten() {
        let key = "repere.default.dossier.bad1";
        let e = entries(&[
            (key, "new garbage"),
            ("repere.default.dossier.bad1.corrupt", "old garbage"),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.set_aside[0].corrupt_key, format!("{key}.corrupt-2"));
        assert!(s.writes.contains(&Write::Set {
            key: format!("{key}.corrupt-2"),
            value: "new garbage".into()
        }));

        // An interrupted earlier run already made the copy: only the removal is left to do.
        let e = entries(&[
            (key, "garbage"),
            ("repere.default.dossier.bad1.corrupt", "garbage"),
        ]);
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.set_aside[0].corrupt_key, format!("{key}.corrupt"));
        assert!(!sets(&s.writes).iter().any(|(k, _)| k.contains("corrupt")));
        assert!(s.writes.contains(&Write::Remove { key: key.into() }));
    }

    /// What storage holds, for the `read` of a run-time plan.
    fn stored(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: std::collections::HashMap<String, String> = entries(pairs).into_iter().collect();
        move |k: &str| map.get(k).cloned()
    }

    #[test]
    fn a_second_unreadable_value_at_run_time_never_overwrites_the_first() {
        let key = "repere.default.dossier.abc123";
        let reason = StorageNotice::new(notice::INVALID_JSON, vec![arg("error", "x")]);
        // An earlier value was set aside at startup; a second one appears while running.
        let read = stored(&[(key, "second"), (&format!("{key}.corrupt"), "first")]);
        let (aside, writes) =
            set_aside_before_write("default", key, "second", &reason, Some("Camille"), &read);
        assert_eq!(aside.corrupt_key, format!("{key}.corrupt-2"));
        assert_eq!(
            writes,
            vec![
                Write::Set {
                    key: format!("{key}.corrupt-2"),
                    value: "second".into()
                },
                Write::Remove { key: key.into() },
            ]
        );
        assert_eq!(aside.notice.code, notice::ASIDE_REPLACED);
        assert_eq!(
            aside.notice.french(),
            "Le dossier enregistré « Camille » était devenu illisible : il a été mis de côté sous la clé « repere.default.dossier.abc123.corrupt-2 » et remplacé par vos réponses de cette page."
        );
        // A third goes further; an earlier run that copied but could not remove only removes.
        let read = stored(&[
            (&format!("{key}.corrupt"), "first"),
            (&format!("{key}.corrupt-2"), "second"),
        ]);
        let (aside, _) = set_aside_before_write("default", key, "third", &reason, None, &read);
        assert_eq!(aside.corrupt_key, format!("{key}.corrupt-3"));
        assert_eq!(aside.notice.code, notice::ASIDE_DOSSIER, "no name known");
        let (aside, writes) =
            set_aside_before_write("default", key, "second", &reason, Some("C"), &read);
        assert_eq!(aside.corrupt_key, format!("{key}.corrupt-2"));
        assert_eq!(writes, vec![Write::Remove { key: key.into() }]);
        // The name written in the unreadable value wins, as at startup.
        let value = r#"{"version":1,"name":"Léa","revision":"x"}"#;
        let (aside, _) = set_aside_before_write("default", key, value, &reason, Some("C"), &read);
        assert_eq!(aside.notice.arg("name"), Some("Léa"));
        // The index is rebuilt from the one in memory: the startup words hold.
        let index = "repere.default.index";
        let (aside, writes) =
            set_aside_before_write("default", index, "[", &reason, None, stored(&[]));
        assert_eq!(aside.notice.code, notice::ASIDE_INDEX);
        assert_eq!(writes.len(), 2);
        assert_eq!(aside.reason, reason);
    }

    #[test]
    fn a_newer_value_found_at_run_time_is_kept() {
        let k = keep_newer("cfa", "repere.cfa.dossier.x", 3, Some("Noé"));
        assert_eq!(k.key, "repere.cfa.dossier.x");
        assert_eq!(k.notice.code, notice::TOO_NEW_NAMED);
        assert_eq!(
            keep_newer("cfa", "repere.cfa.index", 2, None).notice.code,
            notice::TOO_NEW_INDEX
        );
    }

    #[test]
    fn corrupt_index_is_set_aside_and_rebuilt() {
        let d = sample();
        let e = entries(&[
            ("repere.default.index", r#"{"version":1,"dossiers":{}}"#),
            ("repere.default.dossier.abc123", &encode_dossier(&d)),
        ]);
        assert!(matches!(decode_index(&e[0].1), Err(LoadError::Corrupt(_))));
        let s = plan_startup("default", &e, NOW, "n");
        assert_eq!(s.set_aside.len(), 1);
        assert_eq!(s.set_aside[0].notice.code, notice::ASIDE_INDEX);
        assert!(s.set_aside[0]
            .notice
            .french()
            .starts_with("La liste des dossiers enregistrée était illisible"));
        assert_eq!(s.index.dossiers, vec![d.meta()]);
        assert_eq!(s.index.active.as_deref(), Some("abc123"));
        assert!(s.writes.contains(&Write::Set {
            key: "repere.default.index".into(),
            value: encode_index(&s.index)
        }));
    }

    #[test]
    fn corrupt_legacy_value_is_set_aside() {
        let s = plan_startup(
            "default",
            &entries(&[("repere.default.answers", "{\"quick\": [")]),
            NOW,
            "n",
        );
        assert_eq!(s.set_aside.len(), 1);
        assert_eq!(s.set_aside[0].notice.code, notice::ASIDE_LEGACY);
        assert!(s.set_aside[0]
            .notice
            .french()
            .contains("version précédente"));
        assert!(s.set_aside[0]
            .reason
            .french()
            .starts_with("JSON invalide : "));
        assert!(s.migrations.is_empty());
        assert_eq!(s.dossiers.len(), 1);
    }

    proptest! {
        #[test]
        fn startup_never_removes_what_it_did_not_copy(values in proptest::collection::vec(any::<String>(), 0..4)) {
            let e: Vec<(String, String)> = values.iter().enumerate().map(|(i, v)| (format!("repere.default.dossier.k{i}"), v.clone())).collect();
            let s = plan_startup("default", &e, NOW, "n");
            for w in &s.writes {
                if let Write::Remove { key } = w {
                    let original = &e.iter().find(|(k, _)| k == key).unwrap().1;
                    let aside = s.set_aside.iter().find(|a| &a.key == key).unwrap();
                    let copied = s.writes.iter().any(|w| matches!(w, Write::Set { key: k, value: v } if *k == aside.corrupt_key && v == original));
                    prop_assert!(copied);
                }
            }
            prop_assert!(!s.dossiers.is_empty());
        }
    }
}
