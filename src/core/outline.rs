//! What the shell needs to know about the bundled data before any page's chunk arrives (SPEC §11:
//! the first load carries the home page, not the referentials): each referential's id, title,
//! summary, source, kind, scale and rated item ids (the home page, the top of a referential's
//! pages while their chunk loads), and the pivot skill ids. `build.rs` writes it from the
//! same JSON files as the catalog; the full catalog (`core::catalog`) only comes with the pages.

use super::model::{ReferentialKind, Scale};

/// One bundled referential, as the home page and the storage checks see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferentialOutline {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub source: &'static str,
    pub kind: ReferentialKind,
    pub scale: Scale,
    /// The ids of its rated items (without the referential prefix), in document order.
    pub rated: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/outline.rs"));

pub fn referential(id: &str) -> Option<&'static ReferentialOutline> {
    REFERENTIALS.iter().find(|r| r.id == id)
}

/// Which referential ids are bundled: the outline knows it as well as the full catalog, so code
/// that only checks an id (the embed parameters) need not load the catalog.
pub trait KnowsReferentials {
    fn knows_referential(&self, id: &str) -> bool;
}

/// The outline as a [`KnowsReferentials`].
pub struct Outline;

impl KnowsReferentials for Outline {
    fn knows_referential(&self, id: &str) -> bool {
        referential(id).is_some()
    }
}

/// The outline, also accepting any id a referential a trainer brought may have (SPEC §13: a
/// valid id that is no bundled one's). What runs before the app state (the embed and LMS
/// parameters) cannot know those: the page resolves the id once the state is loaded, and says
/// when it names nothing.
pub struct OutlineOrBrought;

impl KnowsReferentials for OutlineOrBrought {
    fn knows_referential(&self, id: &str) -> bool {
        referential(id).is_some() || super::custom::valid_referential_id(id)
    }
}

impl KnowsReferentials for super::catalog::Catalog {
    fn knows_referential(&self, id: &str) -> bool {
        self.referential(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::catalog;

    #[test]
    fn the_outline_says_what_the_catalog_says() {
        let cat = catalog();
        assert_eq!(REFERENTIALS.len(), cat.referentials.len());
        for (o, r) in REFERENTIALS.iter().zip(&cat.referentials) {
            assert_eq!(o.id, r.id);
            assert_eq!(o.title, r.title);
            assert_eq!(o.summary, r.summary);
            assert_eq!(o.source, r.source);
            assert_eq!(o.kind, r.kind);
            assert_eq!(o.scale, r.scale);
            let rated: Vec<&str> = r.rated_items().iter().map(|i| i.item.id.as_str()).collect();
            assert_eq!(o.rated, rated.as_slice(), "{}", r.id);
            assert_eq!(referential(&r.id), Some(o));
        }
        let pivots: Vec<&str> = cat.pivots.skills().map(|s| s.id.as_str()).collect();
        assert_eq!(PIVOT_IDS, pivots.as_slice());
        assert_eq!(PIVOT_IDS.len(), 28);
        assert_eq!(referential("inconnu"), None);
        for r in &cat.referentials {
            assert!(Outline.knows_referential(&r.id) && cat.knows_referential(&r.id));
        }
        assert!(!Outline.knows_referential("inconnu") && !cat.knows_referential("inconnu"));
        // Before the state is loaded, an id a brought referential may have is accepted.
        for id in ["rncp38812", "inconnu", "vendeur-web"] {
            assert!(OutlineOrBrought.knows_referential(id), "{id}");
        }
        for id in ["", "RNCP38812", "a b", "../x", &"x".repeat(41)] {
            assert!(!OutlineOrBrought.knows_referential(id), "{id}");
        }
    }
}
