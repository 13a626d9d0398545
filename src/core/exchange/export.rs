//! The export writer (SPEC §7): one dossier as a pretty-printed JSON file, and its file name.

use super::{FORMAT, FORMAT_VERSION};
use crate::core::dossier::Dossier;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    app_version: &'a str,
    exported_at: &'a str,
    dossier: DossierOut<'a>,
}

#[derive(Serialize)]
struct DossierOut<'a> {
    id: &'a str,
    name: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    quick: &'a BTreeMap<String, u8>,
    items: BTreeMap<&'a str, ItemOut<'a>>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    level: u8,
    evidence: &'a str,
}

/// The export file of a dossier (SPEC §7): pretty-printed JSON with a final newline, keys in the
/// order of the SPEC, pivot and item ids sorted. The revision is not exported (it only orders the
/// writes of one browser's tabs).
pub fn export_dossier(d: &Dossier, app_version: &str, exported_at: &str) -> String {
    let file = FileOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        app_version,
        exported_at,
        dossier: DossierOut {
            id: &d.id,
            name: &d.name,
            created_at: &d.created_at,
            updated_at: &d.updated_at,
            quick: &d.answers.quick,
            items: d
                .answers
                .items
                .iter()
                .map(|(id, a)| {
                    (
                        id.as_str(),
                        ItemOut {
                            level: a.level,
                            evidence: &a.evidence,
                        },
                    )
                })
                .collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&file).expect("an export always serialises");
    text.push('\n');
    text
}

/// `repere-<name as an ASCII slug>-<date>.json`, e.g. `repere-camille-2026-11-23.json`. `date`
/// may be a full ISO-8601 time (only the date part is used).
pub fn export_file_name(d: &Dossier, date: &str) -> String {
    let mut slug = String::new();
    for c in crate::core::text::fold(&d.name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "dossier" } else { slug };
    let day: String = date
        .split('T')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .take(10)
        .collect();
    if day.is_empty() {
        format!("repere-{slug}.json")
    } else {
        format!("repere-{slug}-{day}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::Dossier;
    use crate::core::exchange::test_support::*;
    use crate::core::exchange::*;
    use proptest::prelude::*;

    #[test]
    fn export_matches_the_spec_layout() {
        let text = export_dossier(&sample(), "0.1.0", NOW);
        let expected = r#"{
  "format": "repere.dossier",
  "version": 1,
  "app_version": "0.1.0",
  "exported_at": "2026-11-23T10:00:00Z",
  "dossier": {
    "id": "abc123",
    "name": "Camille",
    "created_at": "2026-11-01T09:00:00.000Z",
    "updated_at": "2026-11-20T18:30:00.000Z",
    "quick": {
      "referencement": 3,
      "veille": 0
    },
    "items": {
      "charge-developpement-commercial/C2.1.3": {
        "level": 3,
        "evidence": "Stage chez « Dupont & fils » — 3 mois\n2e ligne \"citée\""
      },
      "vendeur-web/A.7": {
        "level": 5,
        "evidence": ""
      }
    }
  }
}
"#;
        assert_eq!(text, expected);
        // The same dossier always gives the same bytes.
        assert_eq!(text, export_dossier(&sample(), "0.1.0", NOW));
    }

    #[test]
    fn export_then_import_gives_the_same_dossier() {
        let d = sample();
        let imported = ok(export_dossier(&d, "0.1.0", NOW));
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert_eq!(
            imported.dossier,
            Dossier {
                revision: 0,
                ..d.clone()
            }
        );
        assert_eq!(imported.app_version.as_deref(), Some("0.1.0"));
        assert_eq!(imported.exported_at.as_deref(), Some(NOW));
    }

    #[test]
    fn file_names() {
        let mut d = sample();
        assert_eq!(export_file_name(&d, NOW), "repere-camille-2026-11-23.json");
        d.name = "Élodie  O'Brien (CDC) — groupe 2".into();
        assert_eq!(
            export_file_name(&d, "2026-11-23"),
            "repere-elodie-o-brien-cdc-groupe-2-2026-11-23.json"
        );
        d.name = "日本語".into();
        assert_eq!(export_file_name(&d, ""), "repere-dossier.json");
        d.name = "x".repeat(60);
        assert!(export_file_name(&d, NOW).len() <= "repere-".len() + 40 + 16);
    }

    fn arb_date() -> impl Strategy<Value = String> {
        "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9])T[01][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?Z"
    }

    fn arb_dossier() -> impl Strategy<Value = Dossier> {
        // The export file carries valid dates; its revision is the store's, not exported.
        crate::core::dossier::test_support::arb_dossier(
            arb_date(),
            arb_date(),
            Just(0),
            0..30,
            0..40,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn export_import_round_trip(d in arb_dossier()) {
            let imported = import_dossier(export_dossier(&d, "0.1.0", NOW).as_bytes()).unwrap();
            prop_assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
            prop_assert_eq!(imported.dossier, d);
        }
    }
}
