//! The bundled data obeys `data/FORMAT.md` and the SPEC: ids, targets, weights, pivot links,
//! item counts counted by hand in the seeds, and verbatim text against `../shared/seeds`.
//!
//! Without the seeds the verbatim tests print a SKIPPED line and pass, so that a checkout without
//! them still runs the rest; with `REPERE_REQUIRE_SEEDS=1` (set by `.ci/run`) they fail instead,
//! so that CI can never skip them.

use repere::core::catalog::{bundle, catalog, Catalog, PIVOTS_FILE, REFERENTIAL_FILES};
use repere::core::validate::{check_pivots, check_referential, check_verbatim, PIVOT_IDS};
use std::collections::{BTreeMap, HashSet};

mod seeds;
use seeds::{seed_for, seeds_present};

fn pivot_ids() -> HashSet<&'static str> {
    PIVOT_IDS.into_iter().collect()
}

#[test]
fn every_file_parses() {
    Catalog::parse(&REFERENTIAL_FILES, PIVOTS_FILE).unwrap();
}

#[test]
fn every_referential_follows_the_rules() {
    let mut errors = Vec::new();
    for ((file, _), r) in REFERENTIAL_FILES.iter().zip(&catalog().referentials) {
        errors.extend(check_referential(file, r, &pivot_ids()));
    }
    errors.extend(check_pivots(PIVOTS_FILE.0, catalog()));
    assert!(errors.is_empty(), "data errors:\n{}", errors.join("\n"));
}

#[test]
fn referential_ids_are_the_spec_ones_in_order() {
    // SPEC §2's table, written out here on purpose: `data/referentials.json` is the one list the
    // code reads, and this test holds it to the spec.
    let spec = [
        ("vendeur-web", "000"),
        ("charge-ecommerce", "001"),
        ("chef-projet-ecommerce", "002"),
        ("charge-developpement-commercial", "003"),
        ("animateur-ecommerce", "004"),
    ];
    let listed: Vec<(&str, &str)> = bundle()
        .referentials
        .iter()
        .map(|r| (r.id.as_str(), r.seed.as_str()))
        .collect();
    assert_eq!(listed, spec);
    let ids: Vec<_> = catalog()
        .referentials
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, spec.map(|(id, _)| id));
}

/// Items per top-level group (all items, rated or not), counted by hand in the seeds.
fn expected_group_counts(referential: &str) -> Vec<(&'static str, usize)> {
    match referential {
        "vendeur-web" => vec![("A", 1), ("D", 4), ("E", 5)],
        "charge-ecommerce" => vec![
            ("AC1", 4),
            ("AC2", 3),
            ("AC3", 5),
            ("AC4", 4),
            ("AC5", 4),
            ("RT", 17),
            ("DC", 9),
        ],
        // savoirs + savoir-faire + résultats
        "chef-projet-ecommerce" => vec![
            ("COM", 8 + 5),
            ("D1", 4 + 13 + 3),
            ("D2", 13 + 24 + 5),
            ("D3", 5 + 12 + 4),
            ("D4", 6 + 13 + 3),
            ("D5", 9 + 27 + 3),
        ],
        "charge-developpement-commercial" => {
            vec![("BC01", 3 + 4), ("BC02", 6 + 4), ("BC03", 3 + 7)]
        }
        "animateur-ecommerce" => vec![("COM", 5), ("RED", 4), ("REF", 3), ("GP", 2)],
        other => panic!("unexpected referential {other}"),
    }
}

/// Rated items per certification block.
fn expected_block_counts(referential: &str) -> Vec<(&'static str, usize)> {
    match referential {
        "charge-developpement-commercial" => vec![("BC01", 7), ("BC02", 10), ("BC03", 10)],
        "animateur-ecommerce" => vec![
            ("BC01", 4),
            ("BC02", 4),
            ("BC03", 2),
            ("BC04", 2),
            ("BC05", 2),
        ],
        _ => vec![],
    }
}

#[test]
fn item_counts_match_the_seeds() {
    let expected_totals = [
        ("vendeur-web", 10, 10),
        ("charge-ecommerce", 46, 45),
        ("chef-projet-ecommerce", 157, 139),
        ("charge-developpement-commercial", 27, 27),
        ("animateur-ecommerce", 14, 14),
    ];
    for (id, total, rated) in expected_totals {
        let r = catalog().referential(id).unwrap();
        assert_eq!(r.items().len(), total, "{id}.json: number of items");
        assert_eq!(
            r.rated_items().len(),
            rated,
            "{id}.json: number of rated items"
        );
        let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
        for i in r.items() {
            *per_group.entry(i.group.id.as_str()).or_default() += 1;
        }
        let expected: BTreeMap<&str, usize> = expected_group_counts(id).into_iter().collect();
        assert_eq!(per_group, expected, "{id}.json: items per group");
        let mut per_block: BTreeMap<&str, usize> = BTreeMap::new();
        for i in r.rated_items() {
            if let Some(b) = i.block {
                *per_block.entry(b).or_default() += 1;
            }
        }
        let expected: BTreeMap<&str, usize> = expected_block_counts(id).into_iter().collect();
        assert_eq!(per_block, expected, "{id}.json: rated items per block");
    }
}

#[test]
fn chef_projet_kinds_split_as_in_the_seed() {
    let r = catalog().referential("chef-projet-ecommerce").unwrap();
    let count = |p: &str| r.items().iter().filter(|i| i.item.id.contains(p)).count();
    assert_eq!(count(".SF"), 94);
    assert_eq!(count(".R"), 18);
    assert_eq!(r.items().len() - count(".SF") - count(".R"), 45);
}

#[test]
fn every_text_is_verbatim_from_its_seed() {
    if !seeds_present("every_text_is_verbatim_from_its_seed") {
        return;
    }
    let mut errors = Vec::new();
    for ((file, _), r) in REFERENTIAL_FILES.iter().zip(&catalog().referentials) {
        let seed = seed_for(&r.id).unwrap_or_else(|| panic!("no seed for {}", r.id));
        errors.extend(check_verbatim(file, r, &seed));
    }
    assert!(
        errors.is_empty(),
        "{} text(s) not verbatim:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

// The rules must be able to fail: break a copy of real data in each way and expect the right message.

fn broken(id: &str, edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let (file, text) = REFERENTIAL_FILES
        .iter()
        .find(|(f, _)| f.starts_with(id))
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut v);
    let r = serde_json::from_value(v).unwrap();
    check_referential(file, &r, &pivot_ids())
}

fn first_item(v: &mut serde_json::Value) -> &mut serde_json::Value {
    let mut g = &mut v["groups"][0];
    while g["items"].as_array().is_none_or(|a| a.is_empty()) {
        g = &mut g["groups"][0];
    }
    &mut g["items"][0]
}

#[test]
fn rules_catch_broken_data() {
    let e = broken("charge-developpement-commercial", |v| {
        first_item(v)["pivots"] = serde_json::json!([])
    });
    assert!(e.iter().any(|m| m.starts_with("charge-developpement-commercial.json: C1.1.1: needs 1–3 pivot")), "{e:?}");
    let e = broken("charge-developpement-commercial", |v| {
        first_item(v)["pivots"] = serde_json::json!(["nope"])
    });
    assert!(
        e.iter()
            .any(|m| m.contains("C1.1.1: unknown pivot skill nope")),
        "{e:?}"
    );
    let e = broken("vendeur-web", |v| {
        first_item(v)["target"] = serde_json::json!(4)
    });
    assert!(
        e.iter()
            .any(|m| m.contains("vendeur-web.json: A.7: target 4")),
        "{e:?}"
    );
    let e = broken("charge-ecommerce", |v| {
        first_item(v)["id"] = serde_json::json!("AC1-1")
    });
    assert!(
        e.iter()
            .any(|m| m.contains("AC1-1: id not in the SPEC scheme")),
        "{e:?}"
    );
    let e = broken("charge-ecommerce", |v| {
        first_item(v)["id"] = serde_json::json!("AC1.2")
    });
    assert!(e.iter().any(|m| m.contains("AC1.2: duplicate id")), "{e:?}");
    let e = broken("animateur-ecommerce", |v| {
        first_item(v)["block"] = serde_json::json!("BC09")
    });
    assert!(e.iter().any(|m| m.contains("unknown block BC09")), "{e:?}");
    let e = broken("chef-projet-ecommerce", |v| {
        first_item(v)["weight"] = serde_json::json!(1)
    });
    assert!(e.iter().any(|m| m.contains("COM.S1: weight 1")), "{e:?}");
    // The kind an id scheme names (data/referentials.json).
    let e = broken("chef-projet-ecommerce", |v| {
        first_item(v)["kind"] = serde_json::json!("know-how")
    });
    assert!(
        e.iter()
            .any(|m| m.contains("COM.S1: kind KnowHow where Knowledge is expected")),
        "{e:?}"
    );
}

#[test]
fn verbatim_check_catches_edited_text() {
    if !seeds_present("verbatim_check_catches_edited_text") {
        return;
    }
    let (file, text) = REFERENTIAL_FILES[1];
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    first_item(&mut v)["text"] =
        serde_json::json!("Repérer les évolutions techniques (texte retouché)");
    let r = serde_json::from_value(v).unwrap();
    let e = check_verbatim(file, &r, &seed_for("charge-ecommerce").unwrap());
    assert!(
        e.iter()
            .any(|m| m.starts_with("charge-ecommerce.json: AC1.1: not found verbatim")),
        "{e:?}"
    );
}
