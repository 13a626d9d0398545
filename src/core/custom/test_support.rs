//! Brought referentials for the tests of the modules that carry them (share links, suspend data,
//! packages): a fiche of the fixtures as a trainer saves it, and synthetic ones of any size, each
//! passed through the file reader so that it is one the app would accept.

use super::brought::Brought;
use super::file::{from_value, import_referential};
use super::MAX_ITEMS;
use crate::core::rncp::{parse_fiche, Date, Draft, Scanner};
use serde_json::{json, Value};

/// The RNCP export extract of the fixtures.
pub const EXTRACT: &str = include_str!("../../../tests/fixtures/rncp/export-extrait.xml");
/// The file a trainer would download for [`fiche`], as committed for the browser tests.
pub const FICHE_FILE: &str =
    include_str!("../../../tests/fixtures/rncp/rncp38812.referential.json");

/// The first fiche of the fixtures' extract (« RNCP38812 »), default split, as saved.
pub fn fiche() -> Brought {
    let mut s = Scanner::new();
    let found = s.feed(EXTRACT.as_bytes()).unwrap();
    s.finish().unwrap();
    let f = &found[0];
    let bytes = &EXTRACT.as_bytes()[f.range.start as usize..f.range.end as usize];
    let fiche = parse_fiche(bytes, &f.number).unwrap();
    let (d, _) = Draft::from_fiche(&fiche, Date::new(2025, 6, 3)).unwrap();
    d.build().unwrap()
}

/// A referential `id` of `blocks` blocks holding `items` rated items in all (`items` ≥ `blocks`),
/// on the generic scale, each item linked to a pivot skill or to none.
pub fn synthetic_value(id: &str, blocks: usize, items: usize) -> Value {
    let per_block = items.div_ceil(blocks);
    let mut groups = Vec::new();
    let mut block_list = Vec::new();
    let mut n = 0;
    for b in 0..blocks {
        let block = format!("BC{:02}", b + 1);
        let mut list = Vec::new();
        while list.len() < per_block && n < items {
            n += 1;
            let pivots = if n % 3 == 0 {
                json!([])
            } else {
                json!(["veille"])
            };
            list.push(json!({
                "id": format!("{block}.{}", list.len() + 1),
                "kind": "competence",
                "text": format!("Compétence n° {n} : analyser, planifier et rendre compte de l'activité « {block} »"),
                "target": 3,
                "weight": 1,
                "pivots": pivots,
            }));
        }
        block_list.push(json!({ "id": block, "title": format!("Bloc {}", b + 1) }));
        groups.push(json!({ "id": block, "kind": "block", "block": block, "title": format!("Bloc {}", b + 1), "items": list }));
    }
    json!({
        "format": "repere.referential",
        "version": 1,
        "id": id,
        "title": format!("Référentiel d'essai {id}"),
        "kind": "certification",
        "scale": "generic",
        "blocks": block_list,
        "groups": groups,
        "provenance": { "source": "file" },
    })
}

pub fn synthetic(id: &str, blocks: usize, items: usize) -> Brought {
    from_value(synthetic_value(id, blocks, items))
        .expect("a synthetic referential passes the checks")
}

/// The largest referential a trainer may bring: [`MAX_ITEMS`] items and the longest id.
pub fn largest() -> Brought {
    synthetic(&"r".repeat(40), 20, MAX_ITEMS)
}

#[test]
fn the_committed_file_is_the_fixture_fiche() {
    assert_eq!(import_referential(FICHE_FILE.as_bytes()).unwrap(), fiche());
}
