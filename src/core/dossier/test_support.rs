//! Fixtures shared by the tests of the persistence core.

use super::sanitize::limits;
use super::{normalize_name, Dossier, Write};
use crate::core::answers::{Answers, ItemAnswer, GENERIC_MAX};
use crate::core::catalog::catalog;
use proptest::prelude::*;
use std::ops::Range;

pub(super) const NOW: &str = "2026-11-23T10:00:00.000Z";
pub(super) const LATER: &str = "2026-11-23T11:00:00.000Z";

/// A rated generic item, a rated e-CF item and a pivot skill, all stable ids of SPEC §2–3.
pub(super) const GENERIC_ITEM: &str = "charge-developpement-commercial/C2.1.3";
pub(super) const ECF_ITEM: &str = "vendeur-web/A.7";

pub(super) fn sample() -> Dossier {
    let mut d = Dossier::new("abc123", "Camille", NOW);
    d.revision = 4;
    d.updated_at = LATER.to_string();
    d.answers.quick.insert("referencement".into(), 3);
    d.answers.items.insert(
        GENERIC_ITEM.into(),
        ItemAnswer {
            level: 4,
            evidence: "Stage chez « X » — 3 mois".into(),
        },
    );
    d.answers.items.insert(
        ECF_ITEM.into(),
        ItemAnswer {
            level: 5,
            evidence: String::new(),
        },
    );
    d
}

pub(super) fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub(super) fn sets(writes: &[Write]) -> Vec<(&str, &str)> {
    writes
        .iter()
        .filter_map(|w| match w {
            Write::Set { key, value } => Some((key.as_str(), value.as_str())),
            Write::Remove { .. } => None,
        })
        .collect()
}

pub(super) fn position(writes: &[Write], wanted: &Write) -> usize {
    writes
        .iter()
        .position(|w| w == wanted)
        .unwrap_or_else(|| panic!("{wanted:?} not in {writes:#?}"))
}

/// Any dossier whose answers the catalog accepts (every known pivot and rated item, levels within
/// their scale, any evidence text and name), with the given dates and revision: the store's own
/// format round-trips any text there, the export file needs valid dates.
pub(crate) fn arb_dossier(
    created_at: impl Strategy<Value = String>,
    updated_at: impl Strategy<Value = String>,
    revision: impl Strategy<Value = u64>,
    quick_answers: Range<usize>,
    item_answers: Range<usize>,
) -> impl Strategy<Value = Dossier> {
    let pivots: Vec<String> = catalog().pivots.skills().map(|s| s.id.clone()).collect();
    let items: Vec<(String, u8)> = limits()
        .items
        .iter()
        .map(|(k, m)| (k.clone(), *m))
        .collect();
    let quick = proptest::collection::btree_map(
        proptest::sample::select(pivots),
        0..=GENERIC_MAX,
        quick_answers,
    );
    let item = proptest::sample::select(items)
        .prop_flat_map(|(id, max)| (Just(id), 0..=max, any::<String>()));
    (
        "[a-z0-9-]{1,40}",
        any::<String>(),
        created_at,
        updated_at,
        revision,
        quick,
        proptest::collection::vec(item, item_answers),
    )
        .prop_map(
            |(id, name, created_at, updated_at, revision, quick, items)| Dossier {
                id,
                name: normalize_name(&name),
                created_at,
                updated_at,
                revision,
                answers: Answers {
                    quick,
                    items: items
                        .into_iter()
                        .map(|(k, level, evidence)| (k, ItemAnswer { level, evidence }))
                        .collect(),
                },
            },
        )
}
