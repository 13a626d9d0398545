//! Brought referentials on the device (SPEC §6, §13): one key per referential,
//! `repere.<namespace>.referential.<id>`, holding
//! `{ "version": 1, "saved_at": "…", "referential": { <the file, provenance included> } }`.
//! As for dossiers: a value from a newer version is kept and never overwritten
//! ([`LoadError::TooNew`]); one that does not read is set aside under a free `.corrupt` key and
//! reported; an older version would be upgraded step by step in [`decode_stored`].

use super::brought::Brought;
use super::file::{from_value, FileOut, FORMAT};
use crate::core::dossier::notice::{self, StorageNotice};
use crate::core::dossier::{key, prefix, set_aside, LoadError, SetAside, Write};
use crate::core::model::ReferentialKind;
use serde::Serialize;
use serde_json::Value;

/// Schema version of a stored referential.
pub const STORED_VERSION: u64 = 1;
/// `referential.` under the namespace's prefix.
pub const REFERENTIAL_SUFFIX_PREFIX: &str = "referential.";

// What is said of a stored referential (locale keys, like the dossiers' notices).
pub const ASIDE_REFERENTIAL: &str = "storage.aside_referential";
pub const UNKNOWN_REFERENTIAL_VERSION: &str = "storage.reason.unknown_referential_version";
pub const INVALID_REFERENTIAL: &str = "storage.reason.invalid_referential";
pub const TOO_NEW_REFERENTIAL: &str = "storage.too_new_referential";

/// What is said of a stored referential written by a newer version of Repère (left intact).
pub fn too_new_notice(key: &str, version: u64) -> StorageNotice {
    StorageNotice::new(
        TOO_NEW_REFERENTIAL,
        vec![("key", key.to_string()), ("version", version.to_string())],
    )
}

/// `repere.<ns>.referential.<id>`.
pub fn referential_key(ns: &str, id: &str) -> String {
    key(ns, &format!("{REFERENTIAL_SUFFIX_PREFIX}{id}"))
}

/// The referential id a storage key holds, if it is a stored referential's key (not a copy set
/// aside, whose suffix has one more dot).
pub fn referential_id_of_key<'a>(ns: &str, key: &'a str) -> Option<&'a str> {
    let p = prefix(ns);
    let id = key
        .strip_prefix(p.as_str())?
        .strip_prefix(REFERENTIAL_SUFFIX_PREFIX)?;
    super::valid_referential_id(id).then_some(id)
}

/// A referential as read from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub brought: Brought,
    pub saved_at: String,
}

#[derive(Serialize)]
struct StoredOut<'a> {
    version: u64,
    saved_at: &'a str,
    referential: FileOut<'a>,
}

pub fn encode_stored(b: &Brought, saved_at: &str) -> String {
    serde_json::to_string(&StoredOut {
        version: STORED_VERSION,
        saved_at,
        referential: FileOut {
            referential: &b.referential,
            provenance: &b.provenance,
        },
    })
    .expect("a referential always serialises")
}

fn corrupt(code: &'static str, args: Vec<(&'static str, String)>) -> LoadError {
    LoadError::Corrupt(StorageNotice::new(code, args))
}

/// Reads a stored referential. Its content is checked like a file's: a value that no longer
/// passes the rules is unreadable, never half used.
pub fn decode_stored(text: &str) -> Result<Stored, LoadError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| corrupt(notice::INVALID_JSON, vec![("error", e.to_string())]))?;
    let Value::Object(mut top) = value else {
        return Err(corrupt(notice::NOT_OBJECT, Vec::new()));
    };
    let version = match top.get("version") {
        None => return Err(corrupt(notice::VERSION_MISSING, Vec::new())),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| corrupt(notice::VERSION_INVALID, vec![("value", v.to_string())]))?,
    };
    if version > STORED_VERSION {
        return Err(LoadError::TooNew(version));
    }
    if version != 1 {
        // A v2 would upgrade older values here, one version at a time, before decoding.
        return Err(corrupt(
            UNKNOWN_REFERENTIAL_VERSION,
            vec![("version", version.to_string())],
        ));
    }
    let saved_at = match top.remove("saved_at") {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    let file = top.remove("referential").unwrap_or(Value::Null);
    let looks_right = file.get("format").and_then(Value::as_str) == Some(FORMAT);
    if !looks_right {
        return Err(corrupt(
            notice::INVALID_CONTENT,
            vec![("error", "referential".to_string())],
        ));
    }
    let brought = from_value(file).map_err(|f| {
        let first = f
            .problems
            .first()
            .map(|p| p.message_fr())
            .unwrap_or_default();
        corrupt(INVALID_REFERENTIAL, vec![("error", first)])
    })?;
    Ok(Stored { brought, saved_at })
}

/// What startup makes of the stored referentials of a namespace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferentialsAtStartup {
    /// In key order.
    pub loaded: Vec<Stored>,
    pub set_aside: Vec<SetAside>,
    /// Keys written by a newer version: left alone, with the version.
    pub kept: Vec<(String, u64)>,
    /// To perform in order, stopping at the first failure.
    pub writes: Vec<Write>,
}

/// Reads every stored referential among `entries` (all the keys under the namespace's prefix);
/// plans unreadable ones aside, on the dossiers' free-key plan.
pub fn plan_referentials(ns: &str, entries: &[(String, String)]) -> ReferentialsAtStartup {
    let mut out = ReferentialsAtStartup::default();
    let read = |k: &str| {
        entries
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let mut keys: Vec<&(String, String)> = entries
        .iter()
        .filter(|(k, _)| referential_id_of_key(ns, k).is_some())
        .collect();
    keys.sort();
    for (k, v) in keys {
        match decode_stored(v) {
            Ok(s) => out.loaded.push(s),
            Err(LoadError::TooNew(version)) => out.kept.push((k.clone(), version)),
            Err(LoadError::Corrupt(reason)) => {
                let (mut aside, writes) = set_aside(ns, k, v, &reason, read);
                let title = title_hint(v)
                    .unwrap_or_else(|| referential_id_of_key(ns, k).unwrap_or("").to_string());
                aside.notice = StorageNotice::new(
                    ASIDE_REFERENTIAL,
                    vec![("title", title), ("key", aside.corrupt_key.clone())],
                );
                out.writes.extend(writes);
                out.set_aside.push(aside);
            }
        }
    }
    out
}

/// What the home page lists of a stored referential before any page's chunk (which checks it
/// whole) is there: read from the JSON value as it is, without the model's deserialiser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub kind: Option<ReferentialKind>,
    /// How many rated items it has.
    pub rated: usize,
}

/// The stored referentials of the namespace among `entries`, in key order, as far as they look
/// readable (the pages' chunks check them whole, and set aside those that are not).
pub fn list_stored(ns: &str, entries: &[(String, String)]) -> Vec<Listed> {
    let mut keys: Vec<&(String, String)> = entries
        .iter()
        .filter(|(k, _)| referential_id_of_key(ns, k).is_some())
        .collect();
    keys.sort();
    keys.into_iter()
        .filter_map(|(k, v)| listed(referential_id_of_key(ns, k)?, v))
        .collect()
}

fn listed(id: &str, value: &str) -> Option<Listed> {
    let v: Value = serde_json::from_str(value).ok()?;
    if v.get("version")?.as_u64()? != STORED_VERSION {
        return None;
    }
    let r = v.get("referential")?;
    if r.get("format")?.as_str()? != FORMAT || r.get("id")?.as_str()? != id {
        return None;
    }
    let text = |name: &str| {
        r.get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let kind = match r.get("kind").and_then(Value::as_str) {
        Some("ecf-profile") => Some(ReferentialKind::EcfProfile),
        Some("job") => Some(ReferentialKind::Job),
        Some("certification") => Some(ReferentialKind::Certification),
        _ => None,
    };
    Some(Listed {
        id: id.to_string(),
        title: text("title"),
        summary: text("summary"),
        kind,
        rated: rated_in(r.get("groups")),
    })
}

/// Rated items under `groups` (an item is rated unless it says `"rated": false`).
fn rated_in(groups: Option<&Value>) -> usize {
    let Some(Value::Array(groups)) = groups else {
        return 0;
    };
    groups
        .iter()
        .map(|g| {
            let items = match g.get("items") {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter(|i| i.get("rated").and_then(Value::as_bool) != Some(false))
                    .count(),
                _ => 0,
            };
            items + rated_in(g.get("groups"))
        })
        .sum()
}

impl Listed {
    /// The same, from a referential that was read whole.
    pub fn of(r: &crate::core::model::Referential) -> Listed {
        Listed {
            id: r.id.clone(),
            title: r.title.clone(),
            summary: r.summary.clone(),
            kind: Some(r.kind),
            rated: r.rated_items().len(),
        }
    }
}

/// Best-effort title of an unreadable stored referential, for the message.
fn title_hint(value: &str) -> Option<String> {
    let v: Value = serde_json::from_str(value).ok()?;
    let t = v.get("referential")?.get("title")?.as_str()?;
    Some(crate::core::text::fold_whitespace(t)).filter(|t| !t.is_empty())
}
