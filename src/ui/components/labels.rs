//! The locale keys that name a kind of referential or item.

use crate::core::model::{ItemKind, ReferentialKind};

/// « Profil e-CF », « Métier », « Certification ».
pub fn kind_key(kind: ReferentialKind) -> &'static str {
    match kind {
        ReferentialKind::EcfProfile => "kind.ecf-profile",
        ReferentialKind::Job => "kind.job",
        ReferentialKind::Certification => "kind.certification",
    }
}

pub fn item_kind_key(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Ecf => "item.ecf",
        ItemKind::Competence => "item.competence",
        ItemKind::Resource => "item.resource",
        ItemKind::KnowHow => "item.know-how",
        ItemKind::Knowledge => "item.knowledge",
        ItemKind::Result => "item.result",
    }
}
