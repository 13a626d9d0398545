//! The corpus of import files on disk, `tests/fixtures/import/` (also used by the browser tests):
//! each file gives the expected outcome, and the corpus matches what the catalog gives today.

use super::test_support::*;
use super::*;
use crate::core::answers::{full_id, ItemAnswer};
use crate::core::catalog::catalog;
use crate::core::dossier::Dossier;

#[test]
fn fixture_corpus() {
    macro_rules! fixture {
        ($name:literal) => {
            (
                $name,
                include_bytes!(concat!("../../../tests/fixtures/import/", $name)).as_slice(),
            )
        };
    }
    let good = [
        fixture!("valid.json"),
        fixture!("valid-bom.json"),
        fixture!("unknown-ids.json"),
        fixture!("huge-numbers.json"),
        fixture!("wrong-types.json"),
    ];
    for (name, bytes) in good {
        let i = import_dossier(bytes).unwrap_or_else(|f| panic!("{name}: {f}"));
        assert_eq!(i.dossier.name, "Camille", "{name}");
        if name.starts_with("valid") {
            assert!(i.warnings.is_empty(), "{name}: {:?}", i.warnings);
            assert_eq!(i.dossier.answers.quick.len(), 28, "{name}");
        } else {
            assert!(!i.warnings.is_empty(), "{name}");
        }
    }
    let bad = [
        (fixture!("empty.json"), code::EMPTY),
        (fixture!("truncated.json"), code::TRUNCATED),
        (fixture!("not-utf8.json"), code::NOT_UTF8),
        (fixture!("duplicate-keys.json"), code::DUPLICATE_KEY),
        (fixture!("future-version.json"), code::NEWER_VERSION),
        (fixture!("wrong-format.json"), code::WRONG_FORMAT),
        (fixture!("not-object.json"), code::NOT_OBJECT),
        (fixture!("malformed.json"), code::JSON_UNEXPECTED),
        (fixture!("deeply-nested.json"), code::TOO_DEEP),
        (fixture!("items-not-object.json"), code::WRONG_TYPE),
    ];
    for ((name, bytes), expected) in bad {
        assert_eq!(fail(bytes).code(), expected, "{name}");
    }
}

/// The fixture corpus of `tests/fixtures/import/` is derived from the real catalog; this test
/// fails when a committed file differs from what the catalog gives today, and rewrites them
/// all with `REPERE_WRITE_FIXTURES=1 cargo test --lib import_fixtures_are_up_to_date`.
#[test]
fn import_fixtures_are_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut corpus: Vec<(&str, Vec<u8>)> = Vec::new();
    let cat = catalog();
    let mut d = Dossier::new("f1xture", "Camille", "2026-11-01T09:00:00.000Z");
    d.updated_at = "2026-11-20T18:30:00.000Z".into();
    for (n, s) in cat.pivots.skills().enumerate() {
        d.answers.quick.insert(s.id.clone(), (n % 5) as u8);
    }
    for r in &cat.referentials {
        for (n, i) in r.rated_items().iter().enumerate().step_by(3) {
            d.answers.items.insert(
                full_id(&r.id, &i.item.id),
                ItemAnswer {
                    level: (n % 4) as u8,
                    evidence: if n % 2 == 0 {
                        format!("Expérience n° {n} : « projet » réalisé en stage.")
                    } else {
                        String::new()
                    },
                },
            );
        }
    }
    let valid = export_dossier(&d, "0.1.0", NOW);
    let mut write = |name: &'static str, bytes: &[u8]| corpus.push((name, bytes.to_vec()));
    write("valid.json", valid.as_bytes());
    write("valid-bom.json", format!("\u{feff}{valid}").as_bytes());
    write("empty.json", b"");
    write("truncated.json", &valid.as_bytes()[..valid.len() * 2 / 3]);
    let mut latin1 = Vec::new();
    for c in valid.chars() {
        match u8::try_from(c as u32) {
            Ok(b) => latin1.push(b),
            Err(_) => latin1.push(b'?'),
        }
    }
    write("not-utf8.json", &latin1);
    write(
        "duplicate-keys.json",
        valid
            .replacen("\"version\": 1,", "\"version\": 1,\n  \"version\": 2,", 1)
            .as_bytes(),
    );
    write(
        "future-version.json",
        valid
            .replacen("\"version\": 1,", "\"version\": 2,", 1)
            .as_bytes(),
    );
    write(
        "wrong-format.json",
        valid
            .replacen("repere.dossier", "repere.referential", 1)
            .as_bytes(),
    );
    write("not-object.json", b"[\"repere.dossier\", 1]\n");
    write(
        "malformed.json",
        valid
            .replacen("\"version\": 1,", "\"version\": 1", 1)
            .as_bytes(),
    );
    write(
        "deeply-nested.json",
        format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    let items_at = valid.find("\"items\": {").unwrap();
    write(
        "items-not-object.json",
        format!("{}\"items\": [] }} }}\n", &valid[..items_at]).as_bytes(),
    );
    write(
        "unknown-ids.json",
        valid
            .replacen("\"veille\": ", "\"veille-techno\": 2, \"veille\": ", 1)
            .replacen("\"items\": {", "\"items\": {\n      \"vendeur-web/Z.9\": { \"level\": 3, \"evidence\": \"\" },\n      \"chef-projet-ecommerce/D1.R1\": { \"level\": 2, \"evidence\": \"\" },", 1)
            .as_bytes(),
    );
    write(
        "huge-numbers.json",
        valid
            .replacen("\"veille\": ", "\"veille\": 1e308, \"x\": ", 1)
            .replacen("\"items\": {", "\"items\": {\n      \"vendeur-web/D.5\": { \"level\": 18446744073709551616, \"evidence\": \"\" },\n      \"vendeur-web/D.6\": { \"level\": 6, \"evidence\": \"\" },\n      \"charge-ecommerce/AC1.2\": { \"level\": 1e400, \"evidence\": \"\" },", 1)
            .as_bytes(),
    );
    write(
        "wrong-types.json",
        valid
            .replacen("\"veille\": ", "\"veille\": \"3\", \"x\": ", 1)
            .replacen("\"items\": {", "\"items\": {\n      \"vendeur-web/D.5\": { \"level\": \"3\", \"evidence\": \"\" },\n      \"vendeur-web/D.6\": 4,\n      \"charge-ecommerce/AC1.2\": { \"level\": 2, \"evidence\": 12 },", 1)
            .as_bytes(),
    );
    let rewrite = std::env::var_os("REPERE_WRITE_FIXTURES").is_some();
    for (name, bytes) in corpus {
        let path = dir.join(name);
        if rewrite {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        } else {
            let committed = std::fs::read(&path).unwrap_or_default();
            assert!(
                committed == bytes,
                "{name} is stale: rerun with REPERE_WRITE_FIXTURES=1"
            );
        }
    }
}
