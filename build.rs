//! Turns the bundled JSON into forms the app reads without a JSON parser at start-up:
//! - the referentials and pivot skills (`data/*.json`) into the compact binary form of
//!   `src/core/compact.rs` (the model and the encoding are the crate's own files, compiled here);
//! - each locale (`locales/<lang>.json`) into `key NUL text NUL …`, sorted by key (`core::i18n`);
//!   French in two tables: the texts the first load names (`locales/first-load.txt`) and the rest;
//! - the outline the shell needs before any page's chunk arrives (`core::outline`): each
//!   referential's id, title, summary, source, kind, scale and rated item ids, and the pivot skill ids;
//! - `catalog::REFERENTIAL_FILES`, the JSON of each referential `data/referentials.json` lists.

#[allow(dead_code)]
#[path = "src/core"]
mod shared {
    pub mod compact;
    pub mod model;
}

use shared::compact::encode;
use shared::model::{Bundle, PivotSet, Referential};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn read<T: serde::de::DeserializeOwned>(path: &str) -> T {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    for source in ["src/core/model.rs", "src/core/compact.rs"] {
        println!("cargo:rerun-if-changed={source}");
    }
    // The bundled referentials, in the order the app presents them.
    let bundle: Bundle = read("data/referentials.json");
    let ids: Vec<&str> = bundle.referentials.iter().map(|r| r.id.as_str()).collect();
    let referentials: Vec<Referential> = ids
        .iter()
        .map(|id| read(&format!("data/referentials/{id}.json")))
        .collect();
    let pivots: PivotSet = read("data/pivots.json");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir);
    fs::write(out.join("outline.rs"), outline(&referentials, &pivots)).expect("write outline.rs");
    fs::write(out.join("catalog.bin"), encode(&(referentials, pivots))).expect("write catalog.bin");
    fs::write(out.join("referential_files.rs"), referential_files(&ids))
        .expect("write referential_files.rs");

    let first_load = first_load_literals();
    for lang in ["fr", "en"] {
        let texts: BTreeMap<String, String> = read(&format!("locales/{lang}.json"));
        // English comes whole in its own chunk; French is split so the first load carries only
        // what it shows.
        let (base, pages): (Vec<_>, Vec<_>) = texts
            .iter()
            .partition(|(key, _)| lang == "en" || first_load.contains(key.as_str()));
        fs::write(out.join(format!("locale-{lang}.txt")), table(lang, &base))
            .expect("write locale table");
        if lang == "fr" {
            fs::write(out.join("locale-fr-pages.txt"), table(lang, &pages))
                .expect("write locale table");
        }
    }
}

/// `key NUL text NUL …` of `texts` (sorted by key: they come from a `BTreeMap`).
fn table(lang: &str, texts: &[(&String, &String)]) -> String {
    let mut table = String::new();
    for (key, text) in texts {
        assert!(
            !key.contains('\0') && !text.contains('\0'),
            "locales/{lang}.json: NUL in {key}"
        );
        for part in [key.as_str(), text.as_str()] {
            table.push_str(part);
            table.push('\0');
        }
    }
    table
}

/// Every string literal in the source files `locales/first-load.txt` lists (a directory: its
/// `.rs` files, recursively): a superset of the locale keys the first load names.
fn first_load_literals() -> std::collections::BTreeSet<String> {
    let list = "locales/first-load.txt";
    println!("cargo:rerun-if-changed={list}");
    let text = fs::read_to_string(list).unwrap_or_else(|e| panic!("{list}: {e}"));
    let mut files = Vec::new();
    for line in text.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with('#') {
            rust_files(Path::new(line), &mut files);
        }
    }
    let mut literals = std::collections::BTreeSet::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let source =
            fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        literals.extend(key_shaped_literals(&source));
    }
    literals
}

/// Every `"…"` whose content has a locale key's shape (lower-case letters, digits, `_`, `-`,
/// with a dot): found wherever it is, whatever quotes come before it (char literals, raw
/// strings, comments), so no key is missed.
fn key_shaped_literals(source: &str) -> Vec<String> {
    let key_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c);
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('"') {
        rest = &rest[open + 1..];
        let len = rest.find(|c: char| !key_char(c)).unwrap_or(rest.len());
        if rest[len..].starts_with('"') && rest[..len].contains('.') {
            out.push(rest[..len].to_owned());
        }
    }
    out
}

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        println!("cargo:rerun-if-changed={}", path.display());
        let mut entries: Vec<_> = fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    } else {
        panic!(
            "locales/first-load.txt: {} is not a .rs file or a directory",
            path.display()
        );
    }
}

/// Rust source of `core::outline::REFERENTIALS` and `PIVOT_IDS` (`{:?}` writes valid literals).
fn outline(referentials: &[Referential], pivots: &PivotSet) -> String {
    let mut src = String::from("// Written by build.rs from data/*.json: do not edit.\n");
    src.push_str("pub static REFERENTIALS: &[ReferentialOutline] = &[\n");
    for r in referentials {
        let rated: Vec<&str> = r.rated_items().iter().map(|i| i.item.id.as_str()).collect();
        writeln!(
            src,
            "    ReferentialOutline {{ id: {:?}, title: {:?}, summary: {:?}, source: {:?}, kind: ReferentialKind::{:?}, scale: Scale::{:?}, rated: &{:?} }},",
            r.id, r.title, r.summary, r.source, r.kind, r.scale, rated
        )
        .unwrap();
    }
    src.push_str("];\n");
    let ids: Vec<&str> = pivots.skills().map(|s| s.id.as_str()).collect();
    writeln!(src, "pub static PIVOT_IDS: &[&str] = &{ids:?};").unwrap();
    src
}

/// Rust source of `core::catalog::REFERENTIAL_FILES`: each referential's file name and JSON text.
fn referential_files(ids: &[&str]) -> String {
    let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut src =
        String::from("// Written by build.rs from data/referentials.json: do not edit.\n");
    writeln!(
        src,
        "pub const REFERENTIAL_FILES: [(&str, &str); {}] = [",
        ids.len()
    )
    .unwrap();
    for id in ids {
        let path = Path::new(&dir).join(format!("data/referentials/{id}.json"));
        writeln!(
            src,
            "    ({:?}, include_str!({:?})),",
            format!("{id}.json"),
            path
        )
        .unwrap();
    }
    src.push_str("];\n");
    src
}
