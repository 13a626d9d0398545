//! Brought referentials for the tests of every module: the « Responsable e-commerce »
//! (RNCP38812) of the RNCP export's fixtures, as a trainer saves it, and synthetic ones of any
//! size (share links, suspend data, packages), each passed through the file reader so that it is
//! one the app would accept.

use super::file::{from_value, import_referential};
use super::{Brought, Edit, MAX_ITEMS};
use crate::core::rncp::{parse_fiche, Date, Draft, Scanner};
use serde_json::{json, Value};

pub(crate) const EXTRACT: &str = include_str!("../../../tests/fixtures/rncp/export-extrait.xml");
/// The file a trainer downloads for [`fixture_brought`], as the browser tests open it.
pub(crate) const FICHE_FILE: &str =
    include_str!("../../../tests/fixtures/rncp/rncp38812.referential.json");

/// RNCP38812 from the fixtures' extract, export of 3 June 2025, with one pivot confirmed.
pub(crate) fn fixture_brought() -> Brought {
    edited(&[])
}

/// The same with more of a trainer's edits: what the browser tests store
/// (`tests/fixtures/rncp/stored-rncp38812.json`).
pub(crate) fn fixture_brought_for_the_browser() -> Brought {
    let pivots = |item: &str, pivots: &[&str]| Edit::Pivots {
        item: item.into(),
        pivots: pivots.iter().map(|p| p.to_string()).collect(),
    };
    edited(&[
        pivots("RNCP38812BC01.2", &["analyse-marche"]),
        pivots("RNCP38812BC02.2", &["site-marchand"]),
        pivots("RNCP38812BC03.1", &["referencement"]),
        Edit::Reword {
            item: "RNCP38812BC02.4".into(),
            text: "Traiter les réclamations des clients et les fidéliser".into(),
        },
        Edit::Target {
            item: "RNCP38812BC01.4".into(),
            target: 2,
        },
    ])
}

fn edited(more: &[Edit]) -> Brought {
    let mut s = Scanner::new();
    let found = s.feed(EXTRACT.as_bytes()).unwrap();
    s.finish().unwrap();
    let f = &found[0];
    let fiche = parse_fiche(
        &EXTRACT.as_bytes()[f.range.start as usize..f.range.end as usize],
        &f.number,
    )
    .unwrap();
    let (mut d, _) = Draft::from_fiche(&fiche, Date::new(2025, 6, 3)).unwrap();
    d.apply(Edit::Pivots {
        item: "RNCP38812BC01.1".into(),
        pivots: vec!["veille".into()],
    })
    .unwrap();
    for e in more {
        d.apply(e.clone()).unwrap();
    }
    d.build().unwrap()
}

/// A referential `id` of `blocks` blocks holding `items` rated items in all (`items` ≥ `blocks`),
/// on the generic scale, each item linked to a pivot skill or to none.
pub(crate) fn synthetic_value(id: &str, blocks: usize, items: usize) -> Value {
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

pub(crate) fn synthetic(id: &str, blocks: usize, items: usize) -> Brought {
    from_value(synthetic_value(id, blocks, items))
        .expect("a synthetic referential passes the checks")
}

/// The largest referential a trainer may bring: [`MAX_ITEMS`] items and the longest id.
pub(crate) fn largest() -> Brought {
    synthetic(&"r".repeat(40), 20, MAX_ITEMS)
}

#[test]
fn the_committed_file_is_the_fixture_fiche() {
    assert_eq!(
        import_referential(FICHE_FILE.as_bytes()).unwrap(),
        fixture_brought()
    );
}
