//! Fixtures shared by the tests of the persistence core.

use super::{Dossier, Write};
use crate::core::answers::ItemAnswer;

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
