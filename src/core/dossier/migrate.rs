//! Migration of older stored formats. Version 0 is the prototype's single `answers` key, which
//! becomes a dossier named « Mon dossier » at startup.

use super::format::{corrupt, ItemV1};
use super::notice::{self, arg, StorageNotice};
use super::sanitize::build_answers;
use super::{Dossier, LoadError, DEFAULT_NAME};
use serde::Deserialize;
use serde_json::Number;
use std::collections::BTreeMap;

/// v0: `{ "quick": {pivot: n}, "items": {"<ref>/<item>": n} }`, no version, id, name or dates.
/// The object form of an item is accepted too, in case a prototype build wrote evidence.
#[derive(Deserialize)]
struct LegacyV0 {
    #[serde(default)]
    quick: BTreeMap<String, Number>,
    #[serde(default)]
    items: BTreeMap<String, LegacyItem>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LegacyItem {
    Level(Number),
    Full(ItemV1),
}

/// Migrates the v0 `answers` value into a dossier named « Mon dossier », created now.
pub fn migrate_legacy(text: &str, now: &str, new_id: &str) -> Result<Dossier, LoadError> {
    migrate_legacy_with_warnings(text, now, new_id).map(|(d, _)| d)
}

pub fn migrate_legacy_with_warnings(
    text: &str,
    now: &str,
    new_id: &str,
) -> Result<(Dossier, Vec<StorageNotice>), LoadError> {
    let raw: LegacyV0 = serde_json::from_str(text)
        .map_err(|e| corrupt(notice::INVALID_JSON, vec![arg("error", e)]))?;
    let items = raw
        .items
        .into_iter()
        .map(|(k, i)| match i {
            LegacyItem::Level(n) => (k, n, String::new()),
            LegacyItem::Full(i) => (k, i.level, i.evidence),
        })
        .collect();
    let (answers, warnings) = build_answers(raw.quick, items);
    let mut dossier = Dossier::new(new_id, DEFAULT_NAME, now);
    dossier.answers = answers;
    Ok((dossier, warnings))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub from_key: String,
    pub to_key: String,
    pub from_version: u64,
    pub notice: StorageNotice,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// What the v0 prototype wrote under `repere.default.answers`.
    const V0_FIXTURE: &str = r#"{
        "quick": { "referencement": 3, "veille": 2, "relation-client": 4, "gestion-projet": 0 },
        "items": {
            "vendeur-web/A.7": 2,
            "vendeur-web/E.1": 5,
            "charge-developpement-commercial/C2.1.3": 3,
            "charge-developpement-commercial/C1.1.1": 1
        }
    }"#;

    #[test]
    fn v0_migration() {
        let (d, warnings) = migrate_legacy_with_warnings(V0_FIXTURE, NOW, "f1e2d3").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            (
                d.id.as_str(),
                d.name.as_str(),
                d.created_at.as_str(),
                d.revision
            ),
            ("f1e2d3", DEFAULT_NAME, NOW, 0)
        );
        let expected_quick: BTreeMap<String, u8> = [
            ("referencement", 3),
            ("veille", 2),
            ("relation-client", 4),
            ("gestion-projet", 0),
        ]
        .into_iter()
        .map(|(k, l)| (k.to_string(), l))
        .collect();
        assert_eq!(d.answers.quick, expected_quick);
        let levels: Vec<(&str, u8)> = d
            .answers
            .items
            .iter()
            .map(|(k, a)| (k.as_str(), a.level))
            .collect();
        assert_eq!(
            levels,
            vec![
                ("charge-developpement-commercial/C1.1.1", 1),
                ("charge-developpement-commercial/C2.1.3", 3),
                ("vendeur-web/A.7", 2),
                ("vendeur-web/E.1", 5),
            ]
        );
        let text = encode_dossier(&d);
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["version"],
            CURRENT_VERSION
        );
        assert_eq!(decode_dossier(&text), Ok(d.clone()));
        assert_eq!(migrate_legacy(V0_FIXTURE, NOW, "f1e2d3"), Ok(d));
        assert!(matches!(
            migrate_legacy("[1, 2]", NOW, "x"),
            Err(LoadError::Corrupt(_))
        ));
        assert!(matches!(
            migrate_legacy(r#"{"quick": {"veille": "3"}}"#, NOW, "x"),
            Err(LoadError::Corrupt(_))
        ));
    }

    #[test]
    fn startup_migrates_v0() {
        let legacy = legacy_key("default");
        let s = plan_startup("default", &entries(&[(&legacy, V0_FIXTURE)]), NOW, "f1e2d3");
        assert_eq!(s.migrations.len(), 1);
        assert_eq!(s.migrations[0].to_key, "repere.default.dossier.f1e2d3");
        assert_eq!(s.migrations[0].notice.code, notice::MIGRATED);
        assert_eq!(
            s.migrations[0].notice.french(),
            "Vos réponses enregistrées par une version précédente de Repère ont été reprises dans le dossier « Mon dossier »."
        );
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.active().answers.quick.get("referencement"), Some(&3));
        assert_eq!(s.index.active.as_deref(), Some("f1e2d3"));
        // The dossier and the index are written before the legacy key is removed.
        let d = position(
            &s.writes,
            &Write::Set {
                key: "repere.default.dossier.f1e2d3".into(),
                value: encode_dossier(s.active()),
            },
        );
        let i = position(
            &s.writes,
            &Write::Set {
                key: index_key("default"),
                value: encode_index(&s.index),
            },
        );
        let r = position(&s.writes, &Write::Remove { key: legacy });
        assert!(d < r && i < r);
        assert!(s.set_aside.is_empty() && s.warnings.is_empty());
    }
}
