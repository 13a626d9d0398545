//! A candidate's answers: quick-diagnostic levels per pivot skill and detailed levels per item.
//! Plain data shared by scoring, persistence and export; validation lives with the formats.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Highest level of the generic 0–4 scale.
pub const GENERIC_MAX: u8 = 4;
/// Highest level of the e-CF scale.
pub const ECF_MAX: u8 = 5;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemAnswer {
    pub level: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// Quick diagnostic: pivot skill id → level 0–4.
    #[serde(default)]
    pub quick: BTreeMap<String, u8>,
    /// Detailed positioning: full item id (`<referential>/<item>`) → answer.
    #[serde(default)]
    pub items: BTreeMap<String, ItemAnswer>,
}

impl Answers {
    pub fn is_empty(&self) -> bool {
        self.quick.is_empty() && self.items.is_empty()
    }
}

pub fn full_id(referential: &str, item: &str) -> String {
    format!("{referential}/{item}")
}

/// `(referential, item)` of a full item id, the inverse of [`full_id`]: split at the first `/`
/// (referential ids have none; item ids may not either, but the split never looks further).
/// None when there is no `/` or a side is empty.
pub fn split_full_id(full: &str) -> Option<(&str, &str)> {
    full.split_once('/')
        .filter(|(r, i)| !r.is_empty() && !i.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_ids_split_back_into_their_parts() {
        for (r, i) in [
            ("charge-developpement-commercial", "C2.1.4.1"),
            ("chef-projet-ecommerce", "COM.S1"),
            ("charge-ecommerce", "DC.34093"),
        ] {
            assert_eq!(split_full_id(&full_id(r, i)), Some((r, i)));
        }
        assert_eq!(split_full_id("vendeur-web"), None);
        assert_eq!(split_full_id("/A.7"), None);
        assert_eq!(split_full_id("vendeur-web/"), None);
        assert_eq!(split_full_id("a/b/c"), Some(("a", "b/c")));
    }
}
