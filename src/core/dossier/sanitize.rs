//! Answers checked against the bundled catalog: unknown pivot skills and items, and levels off
//! their scale, are dropped with one notice each rather than making a whole dossier unreadable.

use super::notice::{self, arg, StorageNotice};
use crate::core::answers::{Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use crate::core::model::Scale;
use crate::core::outline;
use serde_json::Number;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

pub(super) struct Limits {
    pub(super) pivots: HashSet<String>,
    /// Full item id of every rated item → highest level of its scale.
    pub(super) items: HashMap<String, u8>,
}

pub(super) fn limits() -> &'static Limits {
    static LIMITS: OnceLock<Limits> = OnceLock::new();
    // From the outline, not the catalog: stored dossiers are read at start-up, before the
    // catalog's chunk is loaded (SPEC §11).
    LIMITS.get_or_init(|| {
        let pivots = outline::PIVOT_IDS.iter().map(|s| s.to_string()).collect();
        let mut items = HashMap::new();
        for r in outline::REFERENTIALS {
            let max = match r.scale {
                Scale::Ecf => ECF_MAX,
                Scale::Generic => GENERIC_MAX,
            };
            for id in r.rated {
                items.insert(crate::core::answers::full_id(r.id, id), max);
            }
        }
        Limits { pivots, items }
    })
}

/// Highest level of the item's scale, or `None` if it is not a rated item of the catalog.
pub fn item_max(full_id: &str) -> Option<u8> {
    limits().items.get(full_id).copied()
}

pub fn pivot_known(id: &str) -> bool {
    limits().pivots.contains(id)
}

/// A level as stored: any JSON number, so that an out-of-range one is dropped with a warning
/// instead of making the whole dossier unreadable. `3.0` counts as 3.
fn level_in(n: &Number, max: u8) -> Option<u8> {
    let l = n.as_u64().or_else(|| {
        n.as_f64()
            .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f <= 255.0)
            .map(|f| f as u64)
    })?;
    (l <= u64::from(max)).then_some(l as u8)
}

/// `plain` or, when a note was written, its variant saying the note goes with the answer.
fn with_evidence(evidence: &str, plain: &'static str, noted: &'static str) -> &'static str {
    if evidence.trim().is_empty() {
        plain
    } else {
        noted
    }
}

/// Builds answers from stored raw values, dropping the unknown or out-of-range ones with a
/// notice each.
pub(super) fn build_answers(
    quick: BTreeMap<String, Number>,
    items: Vec<(String, Number, String)>,
) -> (Answers, Vec<StorageNotice>) {
    let mut answers = Answers::default();
    let mut warnings = Vec::new();
    for (pivot, n) in quick {
        if !pivot_known(&pivot) {
            warnings.push(StorageNotice::new(
                notice::UNKNOWN_PIVOT,
                vec![arg("pivot", pivot)],
            ));
        } else if let Some(l) = level_in(&n, GENERIC_MAX) {
            answers.quick.insert(pivot, l);
        } else {
            warnings.push(StorageNotice::new(
                notice::PIVOT_LEVEL_OUT_OF_RANGE,
                vec![
                    arg("pivot", pivot),
                    arg("level", n),
                    arg("max", GENERIC_MAX),
                ],
            ));
        }
    }
    for (id, n, evidence) in items {
        match item_max(&id) {
            None => warnings.push(StorageNotice::new(
                with_evidence(
                    &evidence,
                    notice::UNKNOWN_ITEM,
                    notice::UNKNOWN_ITEM_EVIDENCE,
                ),
                vec![arg("id", id)],
            )),
            Some(max) => match level_in(&n, max) {
                Some(level) => {
                    answers.items.insert(id, ItemAnswer { level, evidence });
                }
                None => warnings.push(StorageNotice::new(
                    with_evidence(
                        &evidence,
                        notice::ITEM_LEVEL_OUT_OF_RANGE,
                        notice::ITEM_LEVEL_OUT_OF_RANGE_EVIDENCE,
                    ),
                    vec![arg("id", id), arg("level", n), arg("max", max)],
                )),
            },
        }
    }
    (answers, warnings)
}

/// Drops the answers unknown to the catalog or out of range for their scale, returning one
/// notice per dropped answer. Useful for any answers coming from outside.
pub fn sanitize_answers(answers: &mut Answers) -> Vec<StorageNotice> {
    let quick = std::mem::take(&mut answers.quick)
        .into_iter()
        .map(|(k, l)| (k, Number::from(l)))
        .collect();
    let items = std::mem::take(&mut answers.items)
        .into_iter()
        .map(|(k, a)| (k, Number::from(a.level), a.evidence))
        .collect();
    let (clean, warnings) = build_answers(quick, items);
    *answers = clean;
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dossier::test_support::*;
    use crate::core::dossier::*;

    #[test]
    fn catalog_ids_used_by_the_tests_exist() {
        assert_eq!(item_max(GENERIC_ITEM), Some(GENERIC_MAX));
        assert_eq!(item_max(ECF_ITEM), Some(ECF_MAX));
        assert!(pivot_known("referencement"));
    }

    #[test]
    fn unknown_ids_and_out_of_range_levels_are_dropped_with_warnings() {
        let text = format!(
            r#"{{"version":1,"id":"abc","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","revision":2,
            "quick":{{"referencement":3,"astrologie":2,"veille":5,"contenus-web":-1}},
            "items":{{"{GENERIC_ITEM}":{{"level":4}},"{ECF_ITEM}":{{"level":5,"evidence":"ok"}},
                      "vendeur-web/Z.9":{{"level":1,"evidence":"preuve"}},
                      "charge-ecommerce/AC1.1":{{"level":5}},"chef-projet-ecommerce/D1.R1":{{"level":2}},
                      "charge-developpement-commercial/C1.1.1":{{"level":2.5}}}}}}"#
        );
        let (d, notices) = decode_dossier_with_warnings(&text).unwrap();
        let warnings: Vec<String> = notices.iter().map(StorageNotice::french).collect();
        assert_eq!(d.answers.quick.len(), 1);
        assert_eq!(d.answers.quick.get("referencement"), Some(&3));
        assert_eq!(
            d.answers.items.keys().collect::<Vec<_>>(),
            vec![GENERIC_ITEM, ECF_ITEM]
        );
        assert_eq!(d.answers.items[ECF_ITEM].evidence, "ok");
        assert_eq!(warnings.len(), 7, "{warnings:#?}");
        assert!(warnings
            .iter()
            .any(|w| w.contains("« astrologie » n'existe pas")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("« veille » : le niveau 5 n'est pas sur l'échelle 0–4")));
        assert!(warnings.iter().any(|w| w
            == "Réponse ignorée : l'élément « vendeur-web/Z.9 » n'existe pas (ou plus) dans les référentiels (la preuve notée est ignorée avec elle)."));
        assert!(notices
            .iter()
            .any(|n| n.code == notice::UNKNOWN_ITEM_EVIDENCE
                && n.arg("id") == Some("vendeur-web/Z.9")));
        assert!(warnings
            .iter()
            .any(|w| w.contains("« charge-ecommerce/AC1.1 » : le niveau 5")));
        // Result items are shown, not rated.
        assert!(warnings
            .iter()
            .any(|w| w.contains("chef-projet-ecommerce/D1.R1")));

        let s = plan_startup(
            "default",
            &entries(&[("repere.default.dossier.abc", &text)]),
            NOW,
            "n",
        );
        assert_eq!(s.dossiers, vec![d]);
        assert_eq!(
            s.warnings
                .iter()
                .filter(|w| w.code == notice::IN_DOSSIER
                    && w.french().starts_with("Dossier « Sam » : Réponse ignorée"))
                .count(),
            7
        );

        let mut answers = sample().answers;
        answers.quick.insert("veille".into(), 9);
        assert_eq!(sanitize_answers(&mut answers).len(), 1);
        assert_eq!(answers, sample().answers);
    }
}
