//! The bundled referentials and pivot skills, compiled into the binary and parsed once.

use super::compact::decode;
use super::model::{PivotSet, Referential};
use std::sync::OnceLock;

/// `(file name, JSON text)` of every bundled referential, in the order the app presents them.
pub const REFERENTIAL_FILES: [(&str, &str); 5] = [
    (
        "vendeur-web.json",
        include_str!("../../data/referentials/vendeur-web.json"),
    ),
    (
        "charge-ecommerce.json",
        include_str!("../../data/referentials/charge-ecommerce.json"),
    ),
    (
        "chef-projet-ecommerce.json",
        include_str!("../../data/referentials/chef-projet-ecommerce.json"),
    ),
    (
        "charge-developpement-commercial.json",
        include_str!("../../data/referentials/charge-developpement-commercial.json"),
    ),
    (
        "animateur-ecommerce.json",
        include_str!("../../data/referentials/animateur-ecommerce.json"),
    ),
];

pub const PIVOTS_FILE: (&str, &str) = ("pivots.json", include_str!("../../data/pivots.json"));

#[derive(Debug)]
pub struct Catalog {
    pub referentials: Vec<Referential>,
    pub pivots: PivotSet,
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
            referentials,
            pivots,
        })
    }

    pub fn referential(&self, id: &str) -> Option<&Referential> {
        self.referentials.iter().find(|r| r.id == id)
    }
}

/// The bundled data in the compact form `build.rs` writes from the same JSON files.
const COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

impl Catalog {
    /// Decodes the compact form written by `build.rs` (see `core::compact`).
    pub fn from_compact(bytes: &[u8]) -> Result<Catalog, String> {
        let (referentials, pivots) = decode(bytes)?;
        Ok(Catalog {
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
        assert_eq!(
            compact
                .referentials
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            REFERENTIAL_FILES
                .iter()
                .map(|(f, _)| f.trim_end_matches(".json"))
                .collect::<Vec<_>>(),
            "build.rs and REFERENTIAL_FILES list the referentials in the same order"
        );
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
}
