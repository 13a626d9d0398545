//! The bundled referentials and pivot skills, compiled into the binary and parsed once.

use super::answers::split_full_id;
use super::compact::decode;
use super::i18n::Lang;
use super::model::{Bundle, Item, PivotSet, Referential};
use std::sync::OnceLock;

// `REFERENTIAL_FILES`: `(file name, JSON text)` of every bundled referential, in the order the
// app presents them (`data/referentials.json`), written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/referential_files.rs"));

/// The list of the bundled referentials, with what SPEC §2 says of each.
pub const BUNDLE_FILE: (&str, &str) = (
    "referentials.json",
    include_str!("../../data/referentials.json"),
);

/// [`BUNDLE_FILE`], parsed once (for the data rules and the tests; the app reads the outline).
pub fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        serde_json::from_str(BUNDLE_FILE.1).expect("data/referentials.json, read by build.rs too")
    })
}

pub const PIVOTS_FILE: (&str, &str) = ("pivots.json", include_str!("../../data/pivots.json"));

#[derive(Debug, Clone)]
pub struct Catalog {
    /// The bundled referentials first, in the order the app presents them, then any referential
    /// a trainer brought (SPEC §13), in the order they were added.
    pub referentials: Vec<Referential>,
    pub pivots: PivotSet,
    /// How many of `referentials` are bundled: the lifts of SPEC §5 are computed over those only,
    /// so that bringing a referential changes no other profile's figures.
    pub bundled: usize,
}

impl Catalog {
    /// Parses the given files; the error names the file that does not parse.
    pub fn parse(files: &[(&str, &str)], pivots: (&str, &str)) -> Result<Catalog, String> {
        let referentials = files
            .iter()
            .map(|(name, text)| serde_json::from_str(text).map_err(|e| format!("{name}: {e}")))
            .collect::<Result<Vec<Referential>, String>>()?;
        let pivots = serde_json::from_str(pivots.1).map_err(|e| format!("{}: {e}", pivots.0))?;
        Ok(Catalog {
            bundled: referentials.len(),
            referentials,
            pivots,
        })
    }

    /// This catalog's bundled referentials and pivot skills, with `brought` after them. A brought
    /// referential whose id is a bundled one's is left out: bundled ids are never taken over
    /// (the import refuses them first, with a message).
    pub fn with_brought(&self, brought: impl IntoIterator<Item = Referential>) -> Catalog {
        let mut referentials = self.referentials[..self.bundled].to_vec();
        for r in brought {
            if !referentials.iter().any(|known| known.id == r.id) {
                referentials.push(r);
            }
        }
        Catalog {
            referentials,
            pivots: self.pivots.clone(),
            bundled: self.bundled,
        }
    }

    /// The referentials a trainer brought (SPEC §13), after the bundled ones.
    pub fn brought(&self) -> &[Referential] {
        &self.referentials[self.bundled..]
    }

    /// Whether `id` is one of the bundled referentials.
    pub fn is_bundled(&self, id: &str) -> bool {
        self.referentials[..self.bundled].iter().any(|r| r.id == id)
    }

    pub fn referential(&self, id: &str) -> Option<&Referential> {
        self.referentials.iter().find(|r| r.id == id)
    }

    /// The referential and the item a full item id (`<referential>/<item>`) names.
    pub fn item(&self, full_id: &str) -> Option<(&Referential, &Item)> {
        let (rid, iid) = split_full_id(full_id)?;
        let r = self.referential(rid)?;
        Some((r, r.item(iid)?))
    }

    /// A pivot skill's label in `lang`; the id itself for an unknown pivot.
    pub fn pivot_label<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        self.pivots
            .skill(id)
            .map(|s| s.label.get(lang))
            .unwrap_or(id)
    }
}

/// The bundled data in the compact form `build.rs` writes from the same JSON files.
const COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

impl Catalog {
    /// Decodes the compact form written by `build.rs` (see `core::compact`).
    pub fn from_compact(bytes: &[u8]) -> Result<Catalog, String> {
        let (referentials, pivots): (Vec<Referential>, PivotSet) = decode(bytes)?;
        Ok(Catalog {
            bundled: referentials.len(),
            referentials,
            pivots,
        })
    }
}

/// The bundled catalog, decoded once. `build.rs` wrote it from data the data tests validate, so a
/// failure here is a build bug.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::from_compact(COMPACT).expect("catalog.bin is written by build.rs"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_catalog_holds_exactly_the_json_files() {
        let json = Catalog::parse(&REFERENTIAL_FILES, PIVOTS_FILE).unwrap();
        let compact = Catalog::from_compact(COMPACT).unwrap();
        assert_eq!(compact.referentials, json.referentials);
        assert_eq!(compact.pivots, json.pivots);
        let ids = |rs: &[Referential]| rs.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        let listed: Vec<String> = bundle().referentials.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids(&compact.referentials), listed);
    }

    #[test]
    fn a_damaged_compact_catalog_is_an_error_not_a_panic() {
        for len in [0, 1, 10, COMPACT.len() / 2, COMPACT.len() - 1] {
            assert!(
                Catalog::from_compact(&COMPACT[..len]).is_err(),
                "truncated at {len}"
            );
        }
        let mut longer = COMPACT.to_vec();
        longer.push(0);
        assert!(Catalog::from_compact(&longer).is_err());
        // A huge length must be refused before anything is allocated for it.
        assert!(Catalog::from_compact(&[0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }

    #[test]
    fn items_and_pivot_labels_by_id() {
        let c = catalog();
        let (r, item) = c.item("charge-developpement-commercial/C2.1.3").unwrap();
        assert_eq!(
            (r.id.as_str(), item.id.as_str()),
            ("charge-developpement-commercial", "C2.1.3")
        );
        assert!(c.item("charge-developpement-commercial/C9.9.9").is_none());
        assert!(c.item("nowhere/C2.1.3").is_none());
        assert!(c.item("C2.1.3").is_none());
        assert_eq!(c.pivot_label("referencement", Lang::Fr), "Référencement");
        assert_eq!(
            c.pivot_label("gestion-projet", Lang::En),
            "Project management"
        );
        assert_eq!(c.pivot_label("no-such-pivot", Lang::Fr), "no-such-pivot");
    }

    #[test]
    fn groups_know_their_rated_items() {
        for r in &catalog().referentials {
            // The groups' rated items, in order, are the referential's.
            let from_groups: Vec<&str> = r
                .groups
                .iter()
                .flat_map(|g| g.rated_items())
                .map(|i| i.id.as_str())
                .collect();
            let all: Vec<&str> = r.rated_items().iter().map(|i| i.item.id.as_str()).collect();
            assert_eq!(from_groups, all, "{}", r.id);
            for g in r.all_groups() {
                assert_eq!(g.has_rated(), !g.rated_items().is_empty(), "{}", g.id);
            }
        }
        // 003 nests its competences in activities under each block; 001's RT group has RT17,
        // shown but not rated.
        let cdc = catalog()
            .referential("charge-developpement-commercial")
            .unwrap();
        assert!(cdc.groups[0].items.is_empty() && cdc.groups[0].has_rated());
        let rt = &catalog().referential("charge-ecommerce").unwrap().groups[5];
        assert_eq!((rt.items.len(), rt.rated_items().len()), (17, 16));
    }
}
