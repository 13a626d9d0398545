//! The suspend data's bound, round trips and typed errors.

use super::*;
use crate::core::answers::{full_id, ItemAnswer, GENERIC_MAX};
use crate::core::catalog::catalog;
use crate::core::dossier::item_max;
use proptest::prelude::*;

const NOW: &str = "2026-11-23T10:00:00.123Z";

/// [`super::encode`] with the five bundled referentials only.
fn encode(answers: &Answers, updated_at: &str, max_chars: usize) -> Encoded {
    super::encode(answers, catalog(), updated_at, max_chars)
}

/// [`super::decode`] with the five bundled referentials only.
fn decode(text: &str) -> Result<Option<Restored>, SuspendError> {
    super::decode(text, catalog())
}

fn rated(referential: &str) -> Vec<(String, u8)> {
    let r = catalog().referential(referential).unwrap();
    r.rated_items()
        .iter()
        .map(|i| {
            let id = full_id(&r.id, &i.item.id);
            let max = item_max(&id).unwrap();
            (id, max)
        })
        .collect()
}

fn all_rated() -> Vec<(String, u8)> {
    catalog()
        .referentials
        .iter()
        .flat_map(|r| rated(&r.id))
        .collect()
}

/// Every item of `referential` answered, each with a note `note(n)`, and the quick diagnostic.
fn full(referential: &str, note: impl Fn(usize) -> String) -> Answers {
    let mut a = Answers::default();
    for (n, s) in catalog().pivots.skills().enumerate() {
        a.quick.insert(s.id.clone(), (n % 5) as u8);
    }
    for (n, (id, max)) in rated(referential).into_iter().enumerate() {
        a.items.insert(
            id,
            ItemAnswer {
                level: (n as u8) % (max + 1),
                evidence: note(n),
            },
        );
    }
    a
}

/// The largest referential, in rated items, is the one the size bound is proven on.
#[test]
fn chef_projet_ecommerce_is_the_largest_referential() {
    let largest = catalog()
        .referentials
        .iter()
        .max_by_key(|r| r.rated_items().len())
        .unwrap();
    assert_eq!(largest.id, "chef-projet-ecommerce");
}

#[test]
fn a_full_positioning_of_the_largest_referential_fits_with_notes() {
    // Levels only: far below the bound.
    let bare = encode(
        &full("chef-projet-ecommerce", |_| String::new()),
        NOW,
        MAX_CHARS,
    );
    // A short note on every item, as a diligent candidate would write for a VAE file.
    let noted = full("chef-projet-ecommerce", |n| {
        format!("Projet n°{n} : refonte du site, équipe de 4")
    });
    let with_notes = encode(&noted, NOW, MAX_CHARS);
    println!(
        "suspend_data, chef-projet-ecommerce ({} rated items) + quick diagnostic: {} characters without notes, {} with {} notes ({} left out)",
        rated("chef-projet-ecommerce").len(),
        length(&bare.text),
        length(&with_notes.text),
        noted.items.len() - with_notes.left_out.len(),
        with_notes.left_out.len()
    );
    assert!(length(&bare.text) <= 200, "{}", bare.text);
    assert!(bare.left_out.is_empty());
    assert!(length(&with_notes.text) <= MAX_CHARS);
    // Everything that was kept comes back exactly; what was left out is named.
    let back = decode(&with_notes.text).unwrap().unwrap();
    for (id, a) in &noted.items {
        let restored = &back.answers.items[id];
        assert_eq!(restored.level, a.level);
        if with_notes.left_out.contains(id) {
            assert_eq!(restored.evidence, "");
        } else {
            assert_eq!(restored.evidence, a.evidence);
        }
    }
    assert!(
        !with_notes.left_out.is_empty(),
        "139 notes of this length cannot all fit"
    );
    // Every referential's full positioning, levels only, in one value.
    let mut everything = Answers::default();
    for (id, max) in all_rated() {
        everything.items.insert(
            id,
            ItemAnswer {
                level: max,
                evidence: String::new(),
            },
        );
    }
    for s in catalog().pivots.skills() {
        everything.quick.insert(s.id.clone(), 2);
    }
    let all = encode(&everything, NOW, MAX_CHARS);
    println!(
        "suspend_data, every item of all five referentials and the quick diagnostic: {} characters",
        length(&all.text)
    );
    assert!(length(&all.text) <= 200, "{}", length(&all.text));
}

#[test]
fn round_trip() {
    let a = full("charge-developpement-commercial", |n| {
        if n % 3 == 0 {
            format!("Note {n} « guillemets », \"citations\", \\ barre, retour\nà la ligne, émoji 🎯, :deux-points:")
        } else {
            String::new()
        }
    });
    let e = encode(&a, NOW, MAX_CHARS);
    assert!(e.left_out.is_empty());
    let back = decode(&e.text).unwrap().unwrap();
    assert_eq!(back.answers, a);
    assert_eq!(back.saved_at, "2026-11-23T10:00:00Z");
    assert!(!back.notes_damaged);
    assert!(e.text.starts_with("repere:1:2026-11-23T10-00-00Z:"));
    // Nothing answered: a valid value too.
    let empty = encode(&Answers::default(), NOW, MAX_CHARS);
    assert_eq!(
        decode(&empty.text).unwrap().unwrap().answers,
        Answers::default()
    );
    // First attempt: nothing stored.
    assert_eq!(decode(""), Ok(None));
    assert_eq!(decode("  "), Ok(None));
}

#[test]
fn notes_go_in_order_while_they_fit_and_the_rest_is_named() {
    let a = full("animateur-ecommerce", |n| "x".repeat(100 + n));
    let levels_only = length(&encode(&a, NOW, 0).text);
    for budget in [
        0,
        levels_only,
        levels_only + 150,
        levels_only + 400,
        1000,
        MAX_CHARS,
    ] {
        let e = encode(&a, NOW, budget);
        assert!(length(&e.text) <= budget.max(levels_only), "{budget}");
        let back = decode(&e.text).unwrap().unwrap();
        let kept = back
            .answers
            .items
            .values()
            .filter(|x| !x.evidence.is_empty())
            .count();
        assert_eq!(kept + e.left_out.len(), a.items.len(), "{budget}");
        for id in &e.left_out {
            assert!(back.answers.items[id].evidence.is_empty());
        }
    }
    // A short note after a long one that did not fit still goes in.
    let mut b = Answers::default();
    let ids = rated("animateur-ecommerce");
    b.items.insert(
        ids[0].0.clone(),
        ItemAnswer {
            level: 1,
            evidence: "y".repeat(500),
        },
    );
    b.items.insert(
        ids[1].0.clone(),
        ItemAnswer {
            level: 1,
            evidence: "court".into(),
        },
    );
    let e = encode(&b, NOW, levels_only + 100);
    assert_eq!(e.left_out, vec![ids[0].0.clone()]);
    assert_eq!(
        decode(&e.text).unwrap().unwrap().answers.items[&ids[1].0].evidence,
        "court"
    );
}

#[test]
fn the_limit_counts_utf16_units_like_the_lms() {
    assert_eq!(length("é"), 1);
    assert_eq!(length("🎯"), 2);
    let ids = rated("vendeur-web");
    let mut a = Answers::default();
    a.items.insert(
        ids[0].0.clone(),
        ItemAnswer {
            level: 3,
            evidence: "🎯".repeat(1000),
        },
    );
    let bare = length(
        &encode(
            &Answers {
                items: [(
                    ids[0].0.clone(),
                    ItemAnswer {
                        level: 3,
                        evidence: String::new(),
                    },
                )]
                .into(),
                ..Default::default()
            },
            NOW,
            MAX_CHARS,
        )
        .text,
    );
    // 1000 emoji are 2000 units: they fit in 4096 but not in bare + 1500.
    assert!(encode(&a, NOW, MAX_CHARS).left_out.is_empty());
    assert_eq!(encode(&a, NOW, bare + 1500).left_out.len(), 1);
}

#[test]
fn foreign_newer_and_damaged_values_are_typed_errors() {
    let good = encode(&full("vendeur-web", |n| format!("n{n}")), NOW, MAX_CHARS).text;
    let (head, _) = good.split_at(good.find(':').unwrap());
    assert_eq!(head, "repere");
    for (text, expected) in [
        ("{\"answers\":{}}", SuspendError::Foreign),
        ("bookmark=page3", SuspendError::Foreign),
        ("REPERE:1:x", SuspendError::Foreign),
        ("repere", SuspendError::Foreign),
        ("repere:", SuspendError::Truncated),
        ("repere:1", SuspendError::Truncated),
        ("repere:1:2026-11-23T10-00-00Z", SuspendError::Truncated),
        ("repere:2:anything at all", SuspendError::NewerVersion),
        ("repere:17:", SuspendError::NewerVersion),
        ("repere:0:2026-11-23T10-00-00Z:AAAA", SuspendError::Damaged),
        ("repere:x:2026-11-23T10-00-00Z:AAAA", SuspendError::Damaged),
        ("repere:+2:2026-11-23T10-00-00Z:AAAA", SuspendError::Damaged),
        ("repere:1:yesterday:AAAA", SuspendError::Damaged),
        ("repere:1:2026-11-23T10-00-00Z:", SuspendError::Truncated),
        ("repere:1:2026-11-23T10-00-00Z:%%%", SuspendError::Damaged),
    ] {
        assert_eq!(decode(text), Err(expected), "{text}");
    }
    // Cut by an LMS that truncates: the levels are incomplete.
    let levels_end = good.match_indices(':').nth(2).unwrap().0 + 20;
    assert_eq!(decode(&good[..levels_end]), Err(SuspendError::Truncated));
    // A level changed.
    let mut bytes = good.clone().into_bytes();
    let i = good.match_indices(':').nth(2).unwrap().0 + 12;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        decode(&String::from_utf8(bytes).unwrap()),
        Err(SuspendError::Damaged)
    );
}

#[test]
fn damaged_notes_lose_the_notes_not_the_levels() {
    let a = full("vendeur-web", |n| format!("preuve {n} — réalisée"));
    let good = encode(&a, NOW, MAX_CHARS).text;
    let notes_at = good.match_indices(':').nth(3).unwrap().0;
    let mut levels_only = a.clone();
    for x in levels_only.items.values_mut() {
        x.evidence.clear();
    }
    // An LMS that replaced non-ASCII characters, a cut in the notes, a wrong checksum.
    let mangled = good.replace(['é', '—'], "?");
    let cut: String = good.chars().take(good.chars().count() - 5).collect();
    let mut crc = good.clone();
    crc.replace_range(
        notes_at + 1..notes_at + 2,
        if &good[notes_at + 1..notes_at + 2] == "0" {
            "1"
        } else {
            "0"
        },
    );
    for text in [mangled, cut, crc] {
        let back = decode(&text).unwrap().unwrap();
        assert!(back.notes_damaged, "{text}");
        assert_eq!(back.answers, levels_only);
    }
    // A well-sealed notes section that encode would never write.
    let seal = |json: &str| format!("{}:{:08x}{json}", &good[..notes_at], crc32(json.as_bytes()));
    for json in [
        "[[999999,\"x\"]]",
        "[[3,\"a\"],[2,\"b\"]]",
        "[[1,\"  \"]]",
        "{}",
        "[[1]]",
    ] {
        assert!(
            decode(&seal(json)).unwrap().unwrap().notes_damaged,
            "{json}"
        );
    }
    assert!(
        !decode(&seal("[[1,\"ok\"]]"))
            .unwrap()
            .unwrap()
            .notes_damaged
    );
}

#[test]
fn saved_at_orders_saves() {
    assert!(later("2026-11-23T10:00:01.000Z", "2026-11-23T10:00:00Z"));
    assert!(!later("2026-11-23T10:00:00.999Z", "2026-11-23T10:00:00Z"));
    assert!(!later("2026-11-23T09:59:59.999Z", "2026-11-23T10:00:00Z"));
    let back = decode(&encode(&Answers::default(), "2026-01-02T03:04:05.678Z", MAX_CHARS).text)
        .unwrap()
        .unwrap();
    assert_eq!(back.saved_at, "2026-01-02T03:04:05Z");
    assert!(!later("2026-01-02T03:04:05.678Z", &back.saved_at));
}

#[test]
fn messages_exist_in_both_languages() {
    use crate::core::i18n::{tr, Lang};
    for e in [
        SuspendError::Foreign,
        SuspendError::NewerVersion,
        SuspendError::Truncated,
        SuspendError::Damaged,
        SuspendError::OtherCatalog,
    ] {
        for lang in Lang::ALL {
            assert_ne!(tr(lang, e.code()), e.code(), "{lang:?} {}", e.code());
        }
    }
}

fn arb_answers() -> impl Strategy<Value = Answers> {
    let pivots: Vec<String> = catalog().pivots.skills().map(|s| s.id.clone()).collect();
    let quick =
        proptest::collection::btree_map(proptest::sample::select(pivots), 0..=GENERIC_MAX, 0..10);
    let items = proptest::collection::vec(
        (
            proptest::sample::select(all_rated()).prop_flat_map(|(id, max)| (Just(id), 0..=max)),
            "(\\PC|\n){0,60}",
        ),
        0..60,
    );
    (quick, items).prop_map(|(quick, items)| Answers {
        quick,
        items: items
            .into_iter()
            .map(|((id, level), evidence)| (id, ItemAnswer { level, evidence }))
            .collect(),
    })
}

proptest! {
    #[test]
    fn what_fits_comes_back(a in arb_answers(), budget in 150usize..5000) {
        let e = encode(&a, NOW, budget);
        let back = decode(&e.text).unwrap().unwrap();
        for (id, x) in &a.items {
            let y = &back.answers.items[id];
            prop_assert_eq!(x.level, y.level);
            let expected = if x.evidence.trim().is_empty() || e.left_out.contains(id) { "" } else { x.evidence.as_str() };
            prop_assert_eq!(y.evidence.as_str(), expected);
        }
        prop_assert_eq!(&back.answers.quick, &a.quick);
    }

    #[test]
    fn decode_never_panics(text in "(repere:1:2026-11-23T10-00-00Z:)?\\PC{0,300}") {
        let _ = decode(&text);
    }
}

mod brought {
    use super::super::{decode, encode, length, SuspendError, MAX_CHARS};
    use super::{all_rated, NOW};
    use crate::core::answers::{full_id, Answers, ItemAnswer};
    use crate::core::catalog::{catalog, Catalog};
    use crate::core::custom::test_support::{fixture_brought as fiche, largest};
    use crate::core::custom::MAX_ITEMS;
    use crate::core::model::Referential;
    use crate::core::share::{SkipReason, Skipped};

    fn with(r: &Referential) -> Catalog {
        catalog().with_brought([r.clone()])
    }

    fn answered(r: &Referential, note: impl Fn(usize) -> String) -> Answers {
        let mut a = Answers::default();
        for (n, i) in r.rated_items().iter().enumerate() {
            a.items.insert(
                full_id(&r.id, &i.item.id),
                ItemAnswer {
                    level: (n % 5) as u8,
                    evidence: note(n),
                },
            );
        }
        a
    }

    #[test]
    fn a_full_positioning_of_the_largest_allowed_brought_referential_fits() {
        let r = largest().referential;
        assert_eq!(r.rated_items().len(), MAX_ITEMS);
        assert_eq!(r.id.len(), 40);
        let cat = with(&r);
        // Its items, and everything else answered too: every bundled item and the quick diagnostic.
        let mut a = answered(&r, |_| String::new());
        for (id, max) in all_rated() {
            a.items.insert(
                id,
                ItemAnswer {
                    level: max,
                    evidence: String::new(),
                },
            );
        }
        for s in catalog().pivots.skills() {
            a.quick.insert(s.id.clone(), 1);
        }
        let e = encode(&a, &cat, NOW, MAX_CHARS);
        println!(
            "suspend_data, every item of a brought referential of {MAX_ITEMS} items (id of 40 characters), of the five and the quick diagnostic: {} characters",
            length(&e.text)
        );
        assert!(length(&e.text) <= MAX_CHARS);
        assert!(e.left_out.is_empty());
        let back = decode(&e.text, &cat).unwrap().unwrap();
        assert_eq!(back.answers, a);
        assert!(back.skipped.is_empty());
    }

    #[test]
    fn notes_on_brought_items_come_back_with_their_referential() {
        let r = fiche().referential;
        let cat = with(&r);
        let mut a = answered(&r, |n| format!("Preuve {n} : mission en alternance"));
        a.items.insert(
            "vendeur-web/A.7".into(),
            ItemAnswer {
                level: 2,
                evidence: "Boutique en ligne".into(),
            },
        );
        let e = encode(&a, &cat, NOW, MAX_CHARS);
        assert!(e.left_out.is_empty());
        let back = decode(&e.text, &cat).unwrap().unwrap();
        assert_eq!(back.answers, a);
        assert!(!back.notes_damaged);

        // A package whose referential is not the one the value was written for (another version):
        // its levels and notes are stepped over and said so; the rest comes back.
        let mut edited = r.clone();
        edited.groups[0].items.pop();
        let other = decode(&e.text, &with(&edited)).unwrap().unwrap();
        assert_eq!(
            other.skipped,
            vec![Skipped {
                referential: r.id.clone(),
                reason: SkipReason::Changed,
                answered: r.rated_items().len(),
            }]
        );
        assert_eq!(other.answers.items.len(), 1);
        assert_eq!(
            other.answers.items["vendeur-web/A.7"].evidence,
            "Boutique en ligne"
        );
        assert!(!other.notes_damaged);
        // Read by the five alone, the same.
        assert_eq!(
            decode(&e.text, catalog()).unwrap().unwrap().answers,
            other.answers
        );
        // A note pointing past the payload's slots is damage, as for the five.
        let notes_at = e.text.match_indices(':').nth(3).unwrap().0;
        let json = "[[99999,\"x\"]]";
        let forged = format!(
            "{}:{:08x}{json}",
            &e.text[..notes_at],
            crate::core::share::crc32(json.as_bytes())
        );
        assert!(decode(&forged, &cat).unwrap().unwrap().notes_damaged);
        assert_ne!(decode(&forged, &cat), Err(SuspendError::Damaged));
    }
}
