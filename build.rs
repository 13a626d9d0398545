//! Encodes the bundled referentials and pivot skills (`data/*.json`) into the compact binary form
//! of `src/core/compact.rs`, so the app decodes them without a JSON parser at start-up. The model
//! and the encoding are the crate's own source files, compiled here as well.

#[allow(dead_code)]
#[path = "src/core"]
mod shared {
    pub mod compact;
    pub mod model;
}

use shared::compact::encode;
use shared::model::{PivotSet, Referential};
use std::{env, fs, path::Path};

/// The order the app presents the referentials in (the same as `catalog::REFERENTIAL_FILES`).
const REFERENTIALS: [&str; 5] = [
    "vendeur-web",
    "charge-ecommerce",
    "chef-projet-ecommerce",
    "charge-developpement-commercial",
    "animateur-ecommerce",
];

fn read<T: serde::de::DeserializeOwned>(path: &str) -> T {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    for source in ["src/core/model.rs", "src/core/compact.rs"] {
        println!("cargo:rerun-if-changed={source}");
    }
    let referentials: Vec<Referential> = REFERENTIALS
        .iter()
        .map(|id| read(&format!("data/referentials/{id}.json")))
        .collect();
    let pivots: PivotSet = read("data/pivots.json");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.bin");
    fs::write(&out, encode(&(referentials, pivots))).expect("write catalog.bin");
}
