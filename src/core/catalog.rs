//! The bundled referentials and pivot skills, compiled into the binary and parsed once.

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

/// The bundled catalog. The data tests guarantee it parses, so a failure here is a build bug.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::parse(&REFERENTIAL_FILES, PIVOTS_FILE)
            .expect("bundled data is validated by the data tests")
    })
}
