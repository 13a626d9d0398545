//! Answers checked against the bundled catalog: unknown pivot skills and items, and levels off
//! their scale, are dropped with one notice each rather than making a whole dossier unreadable.
//!
//! Answers to the items of a referential that is not bundled (SPEC §13: one a trainer brought)
//! are kept as they are, levels 0–5, whether or not that referential can be read right now:
//! dossiers are read at start-up, before any brought referential is (their decoder comes with
//! the pages), and a referential may be unreadable, too new, not imported yet (answers imported
//! first wait for it) or deleted in another tab. Only deleting it moves its answers, aside
//! (`core::custom::aside`).

use super::notice::{self, arg, StorageNotice};
use crate::core::answers::{split_full_id, Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use crate::core::custom::check::valid_element_id;
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

/// Highest level kept for an answer to an item of a referential that is not bundled: its scale
/// is not known when the dossier is read, so the widest one (e-CF's); scoring caps a level at
/// its item's scale.
pub const BROUGHT_MAX: u8 = ECF_MAX;

/// Whether `full_id` names an item of a referential that is not bundled (`<referential>/<item>`,
/// both valid ids, the referential no bundled one): its answers are kept as they are.
pub fn is_brought_item(full_id: &str) -> bool {
    split_full_id(full_id).is_some_and(|(r, i)| {
        super::valid_id(r) && outline::referential(r).is_none() && valid_element_id(i)
    })
}

/// Highest level of the item's scale: for a rated item of the bundled catalog, its scale's; for
/// an item of a referential that is not bundled, [`BROUGHT_MAX`]; otherwise `None`.
pub fn item_max(full_id: &str) -> Option<u8> {
    limits()
        .items
        .get(full_id)
        .copied()
        .or_else(|| is_brought_item(full_id).then_some(BROUGHT_MAX))
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

    /// SPEC §13: a candidate's answers to a brought referential are never lost because the
    /// outline does not know it: dossiers are read before any brought referential is.
    #[test]
    fn answers_to_brought_referentials_are_kept_opaque() {
        let brought = "rncp38812/RNCP38812BC01.1";
        let ecf_like = "rncp38812/RNCP38812BC02.3";
        let elsewhere = "mon-titre/B1.C2";
        let text = format!(
            r#"{{"version":1,"id":"abc","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","revision":2,
            "items":{{"{brought}":{{"level":3,"evidence":"preuve"}},"{ecf_like}":{{"level":5}},
                      "{elsewhere}":{{"level":0}},
                      "rncp38812/RNCP38812BC01.2":{{"level":6}},"rncp38812/bad id":{{"level":1}},
                      "vendeur-web/RNCP38812BC01.1":{{"level":1}},"/x":{{"level":1}}}}}}"#
        );
        let (d, warnings) = decode_dossier_with_warnings(&text).unwrap();
        assert_eq!(
            d.answers.items.keys().collect::<Vec<_>>(),
            vec![elsewhere, brought, ecf_like]
        );
        assert_eq!(d.answers.items[brought].evidence, "preuve");
        // Off the widest scale, an invalid item id, an unknown item of a bundled referential,
        // no referential: dropped with a notice each, as before.
        assert_eq!(warnings.len(), 4, "{warnings:#?}");
        assert!(is_brought_item(brought) && !is_brought_item("vendeur-web/A.7"));
        assert_eq!(item_max(brought), Some(BROUGHT_MAX));

        // Start-up keeps them, and writes nothing back.
        let s = plan_startup(
            "default",
            &entries(&[("repere.default.dossier.abc", &text)]),
            NOW,
            "n",
        );
        assert_eq!(s.active().answers, d.answers);
        // Editing (this tab or another, rebased on the stored value) keeps them and can set them.
        let mut edited = d.clone();
        assert!(apply(
            &mut edited,
            &Change::SetItem(brought.into(), Some(4)),
            LATER
        ));
        assert!(apply(
            &mut edited,
            &Change::SetEvidence(ecf_like.into(), "projet".into()),
            LATER
        ));
        let rebased = rebase(
            Some(&encode_dossier(&edited)),
            &d,
            &Change::SetQuick("veille".into(), Some(2)),
            LATER,
        )
        .unwrap();
        assert_eq!(rebased.answers.items[brought].level, 4);
        assert_eq!(rebased.answers.items[ecf_like].evidence, "projet");
        assert_eq!(rebased.answers.items.len(), 3);
        // The prototype's format, migrated, keeps them too.
        let legacy = format!(r#"{{"items":{{"{brought}":2,"{elsewhere}":{{"level":1}}}}}}"#);
        let migrated = migrate_legacy(&legacy, NOW, "m").unwrap();
        assert_eq!(migrated.answers.items.len(), 2);
        // Answers from outside (a share link, the LMS) too.
        let mut outside = d.answers.clone();
        assert!(sanitize_answers(&mut outside).is_empty());
        assert_eq!(outside, d.answers);
    }
}
