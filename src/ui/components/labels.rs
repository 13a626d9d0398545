//! The locale keys that name a kind of referential or item, or a standing in a defining skill.

use crate::core::model::{ItemKind, ReferentialKind};
use crate::core::scoring::Standing;

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

/// « acquise », « proche », « à développer ».
pub fn standing_key(s: Standing) -> &'static str {
    match s {
        Standing::Held => "results.standing_held",
        Standing::Close => "results.standing_close",
        Standing::Missing => "results.standing_missing",
    }
}
