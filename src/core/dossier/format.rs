//! The stored formats (SPEC §6), version 1: `dossier.<id>` and `index` as JSON, each with its
//! schema `version`. A value from a newer version is reported as such before anything else is
//! checked; a value that does not decode is `Corrupt`, for the shell to set it aside.

use super::keys::{normalize_name, valid_id};
use super::notice::{self, arg, StorageNotice};
use super::sanitize::build_answers;
use super::{Dossier, DossierIndex, DossierMeta, LoadError, CURRENT_VERSION};
use crate::core::answers::ItemAnswer;
use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};
use std::collections::{BTreeMap, HashSet};

#[derive(Serialize)]
struct DossierOut<'a> {
    version: u64,
    id: &'a str,
    name: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    revision: u64,
    quick: &'a BTreeMap<String, u8>,
    items: &'a BTreeMap<String, ItemAnswer>,
}

#[derive(Deserialize)]
struct DossierV1 {
    id: String,
    name: String,
    created_at: String,
    updated_at: String,
    revision: u64,
    #[serde(default)]
    quick: BTreeMap<String, Number>,
    #[serde(default)]
    items: BTreeMap<String, ItemV1>,
}

#[derive(Deserialize)]
pub(super) struct ItemV1 {
    pub(super) level: Number,
    #[serde(default)]
    pub(super) evidence: String,
}

#[derive(Serialize)]
struct IndexOut<'a> {
    version: u64,
    active: Option<&'a str>,
    dossiers: &'a [DossierMeta],
}

#[derive(Deserialize)]
struct IndexV1 {
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    dossiers: Vec<MetaV1>,
}

#[derive(Deserialize)]
struct MetaV1 {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    created_at: String,
    #[serde(default)]
    updated_at: String,
}

pub(super) fn corrupt(code: &'static str, args: Vec<(&'static str, String)>) -> LoadError {
    LoadError::Corrupt(StorageNotice::new(code, args))
}

/// Parses the text and reads its schema version. A version newer than ours is reported before
/// anything else is checked: a newer format may legitimately look wrong to us.
fn read_versioned(text: &str) -> Result<(Value, u64), LoadError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| corrupt(notice::INVALID_JSON, vec![arg("error", e)]))?;
    let version = match value.as_object() {
        None => return Err(corrupt(notice::NOT_OBJECT, Vec::new())),
        Some(obj) => match obj.get("version") {
            None => return Err(corrupt(notice::VERSION_MISSING, Vec::new())),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| corrupt(notice::VERSION_INVALID, vec![arg("value", v)]))?,
        },
    };
    if version > CURRENT_VERSION {
        return Err(LoadError::TooNew(version));
    }
    Ok((value, version))
}

pub fn encode_dossier(d: &Dossier) -> String {
    serde_json::to_string(&DossierOut {
        version: CURRENT_VERSION,
        id: &d.id,
        name: &d.name,
        created_at: &d.created_at,
        updated_at: &d.updated_at,
        revision: d.revision,
        quick: &d.answers.quick,
        items: &d.answers.items,
    })
    .expect("a dossier always serialises")
}

/// Decodes a stored dossier; unknown or out-of-range answers are dropped silently (use
/// [`decode_dossier_with_warnings`] to report them).
pub fn decode_dossier(text: &str) -> Result<Dossier, LoadError> {
    decode_dossier_with_warnings(text).map(|(d, _)| d)
}

/// Decodes a stored dossier and returns one notice per dropped answer.
pub fn decode_dossier_with_warnings(
    text: &str,
) -> Result<(Dossier, Vec<StorageNotice>), LoadError> {
    let (value, version) = read_versioned(text)?;
    match version {
        1 => decode_dossier_v1(value),
        // A future v2 would first upgrade older values step by step here (vN → vN+1 on the JSON
        // value) and then decode the current shape. Version 0 never lived under a dossier key
        // (it is the single `answers` key, see `migrate_legacy`), so it is not accepted here.
        v => Err(corrupt(
            notice::UNKNOWN_DOSSIER_VERSION,
            vec![arg("version", v)],
        )),
    }
}

fn decode_dossier_v1(value: Value) -> Result<(Dossier, Vec<StorageNotice>), LoadError> {
    let raw: DossierV1 = serde_json::from_value(value)
        .map_err(|e| corrupt(notice::INVALID_CONTENT, vec![arg("error", e)]))?;
    if !valid_id(&raw.id) {
        return Err(corrupt(notice::INVALID_ID, vec![arg("id", &raw.id)]));
    }
    let items = raw
        .items
        .into_iter()
        .map(|(k, i)| (k, i.level, i.evidence))
        .collect();
    let (answers, warnings) = build_answers(raw.quick, items);
    let dossier = Dossier {
        id: raw.id,
        name: normalize_name(&raw.name),
        created_at: raw.created_at,
        updated_at: raw.updated_at,
        revision: raw.revision,
        answers,
    };
    Ok((dossier, warnings))
}

pub fn encode_index(index: &DossierIndex) -> String {
    serde_json::to_string(&IndexOut {
        version: CURRENT_VERSION,
        active: index.active.as_deref(),
        dossiers: &index.dossiers,
    })
    .expect("an index always serialises")
}

/// Decodes the stored index. Entries with an invalid or repeated id are dropped (the startup
/// repair re-adds every stored dossier anyway); names are normalised.
pub fn decode_index(text: &str) -> Result<DossierIndex, LoadError> {
    let (value, version) = read_versioned(text)?;
    if version != 1 {
        return Err(corrupt(
            notice::UNKNOWN_INDEX_VERSION,
            vec![arg("version", version)],
        ));
    }
    let raw: IndexV1 = serde_json::from_value(value)
        .map_err(|e| corrupt(notice::INVALID_CONTENT, vec![arg("error", e)]))?;
    let mut seen = HashSet::new();
    let dossiers = raw
        .dossiers
        .into_iter()
        .filter(|m| valid_id(&m.id) && seen.insert(m.id.clone()))
        .map(|m| DossierMeta {
            name: normalize_name(&m.name),
            id: m.id,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
        .collect();
    Ok(DossierIndex {
        active: raw.active.filter(|a| valid_id(a)),
        dossiers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;
    use proptest::prelude::*;
    use serde_json::Value;

    #[test]
    fn round_trip() {
        let d = sample();
        let text = encode_dossier(&d);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["items"][GENERIC_ITEM]["level"], 4);
        assert_eq!(v["quick"]["referencement"], 3);
        assert!(v["items"][ECF_ITEM].get("evidence").is_none());
        assert_eq!(decode_dossier(&text), Ok(d));

        let mut index = DossierIndex::default();
        create(&mut index, "Un", NOW, "a1");
        create(&mut index, "Deux", NOW, "b2");
        let text = encode_index(&index);
        assert!(text.starts_with(r#"{"version":1,"#));
        assert_eq!(decode_index(&text), Ok(index));
    }

    #[test]
    fn wrong_types_are_corrupt() {
        let base = |field: &str| {
            format!(
                r#"{{"version":1,"id":"abc","name":"n","created_at":"t","updated_at":"t",{field}}}"#
            )
        };
        assert!(decode_dossier(&base(r#""revision":1"#)).is_ok());
        for field in [
            r#""revision":1,"quick":{"veille":"3"}"#,
            r#""revision":1,"items":{"vendeur-web/A.7":3}"#,
            r#""revision":1,"items":{"vendeur-web/A.7":{"level":3,"evidence":12}}"#,
            r#""revision":1,"quick":[]"#,
            r#""revision":-1"#,
            r#""revision":"1""#,
            r#""revision":1,"name":null"#,
        ] {
            assert!(
                matches!(decode_dossier(&base(field)), Err(LoadError::Corrupt(_))),
                "{field}"
            );
        }
        for text in [
            "",
            "null",
            "[]",
            r#"{"id":"abc"}"#,
            r#"{"version":"1"}"#,
            r#"{"version":0}"#,
            r#"{"version":1,"id":"A B"}"#,
        ] {
            assert!(
                matches!(decode_dossier(text), Err(LoadError::Corrupt(_))),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn encode_decode_is_identity(d in arb_dossier("[0-9T:.Z-]{0,30}", any::<String>(), any::<u64>(), 0..10, 0..15)) {
            let (back, warnings) = decode_dossier_with_warnings(&encode_dossier(&d)).unwrap();
            prop_assert!(warnings.is_empty());
            prop_assert_eq!(back, d);
        }
    }
}
