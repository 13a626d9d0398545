//! Version 2: payloads that carry levels of referentials a trainer brought (SPEC §13).

use super::tests::{seal, unsealed};
use super::*;
use crate::core::custom::test_support::{fixture_brought as fiche, largest, synthetic};
use crate::core::model::Referential;
use proptest::prelude::*;

fn with(brought: &[Referential]) -> Catalog {
    catalog().with_brought(brought.iter().cloned())
}

fn two() -> Vec<Referential> {
    vec![
        fiche().referential,
        synthetic("rncp40001", 3, 12).referential,
    ]
}

fn rated_of(r: &Referential) -> Vec<String> {
    r.rated_items()
        .iter()
        .map(|i| full_id(&r.id, &i.item.id))
        .collect()
}

fn level(l: u8) -> ItemAnswer {
    ItemAnswer {
        level: l,
        evidence: String::new(),
    }
}

/// Some bundled answers, and every item of `brought` answered.
fn answers(brought: &[Referential]) -> Answers {
    let mut a = Answers::default();
    a.quick.insert("veille".into(), 2);
    a.items.insert("vendeur-web/A.7".into(), level(5));
    for r in brought {
        for (n, id) in rated_of(r).into_iter().enumerate() {
            a.items.insert(id, level((n % 5) as u8));
        }
    }
    a
}

fn bundled_part(a: &Answers, brought: &[Referential]) -> Answers {
    let mut out = a.clone();
    out.items.retain(|id, _| {
        !brought
            .iter()
            .any(|r| id.starts_with(&format!("{}/", r.id)))
    });
    out
}

#[test]
fn without_brought_answers_the_payload_is_version_1_byte_for_byte() {
    let cat = with(&two());
    let a = answers(&[]);
    assert_eq!(encode_in(&a, &cat), encode(&a));
    assert_eq!(unsealed(&encode_in(&a, &cat))[0], V1);
    // A brought item's level off its scale is no answer either.
    let mut off = a.clone();
    off.items.insert(rated_of(&two()[0])[0].clone(), level(5));
    assert_eq!(encode_in(&off, &cat), encode(&a));
}

#[test]
fn brought_sections_round_trip_and_a_recipient_without_them_reads_the_rest() {
    let brought = two();
    let cat = with(&brought);
    let a = answers(&brought);
    let payload = encode_in(&a, &cat);
    assert_eq!(unsealed(&payload)[0], V2);
    let back = decode_in(&payload, &cat).unwrap();
    assert_eq!(back.answers, a);
    assert!(back.skipped.is_empty());
    println!(
        "share payload with two brought referentials ({} and {} items): {} characters",
        rated_of(&brought[0]).len(),
        rated_of(&brought[1]).len(),
        payload.len()
    );

    // The five alone: the bundled answers, and both sections named, in payload order.
    let bundled = decode_in(&payload, catalog()).unwrap();
    assert_eq!(bundled.answers, bundled_part(&a, &brought));
    assert_eq!(
        bundled.skipped,
        vec![
            Skipped {
                referential: "rncp38812".into(),
                reason: SkipReason::Missing,
                answered: 14,
            },
            Skipped {
                referential: "rncp40001".into(),
                reason: SkipReason::Missing,
                answered: 12,
            },
        ]
    );
    assert_eq!(decode(&payload), Ok(bundled_part(&a, &brought)));

    // One of the two held: that one is read.
    let one = decode_in(&payload, &with(&brought[1..])).unwrap();
    assert_eq!(one.answers, bundled_part(&a, &brought[..1]));
    assert_eq!(one.skipped.len(), 1);
    assert_eq!(one.skipped[0].referential, "rncp38812");
}

#[test]
fn an_edited_referential_is_stepped_over_not_misread() {
    let brought = two();
    let a = answers(&brought);
    let payload = encode_in(&a, &with(&brought));
    // The recipient's copy lost an item, has them in another order, or another scale.
    let edits: [fn(&mut Referential); 3] = [
        |r| {
            r.groups[0].items.pop();
        },
        |r| r.groups[0].items.reverse(),
        |r| r.scale = crate::core::model::Scale::Ecf,
    ];
    for edit in edits {
        let mut edited = brought.clone();
        edit(&mut edited[1]);
        let back = decode_in(&payload, &with(&edited)).unwrap();
        assert_eq!(
            back.skipped,
            vec![Skipped {
                referential: "rncp40001".into(),
                reason: SkipReason::Changed,
                answered: 12,
            }]
        );
        assert_eq!(back.answers, bundled_part(&a, &brought[1..]));
    }
    // Texts reworded, same ids: still read.
    let mut reworded = brought.clone();
    reworded[1].groups[0].items[0].text = "Autre texte".into();
    assert_eq!(decode_in(&payload, &with(&reworded)).unwrap().answers, a);
}

#[test]
fn every_cut_and_every_change_of_a_version_2_payload_is_reported() {
    let brought = two();
    let cat = with(&brought);
    let payload = encode_in(&answers(&brought), &cat);
    for cut in 1..payload.len() {
        assert_eq!(
            decode_in(&payload[..cut], &cat),
            Err(ShareError::Truncated),
            "cut at {cut}"
        );
    }
    for (i, original) in payload.char_indices() {
        for &c in B64 {
            if c as char == original {
                continue;
            }
            let mut changed = payload.clone();
            changed.replace_range(i..i + 1, &(c as char).to_string());
            let e = decode_in(&changed, &cat).unwrap_err();
            assert!(
                matches!(e, ShareError::Damaged | ShareError::Truncated),
                "{i}: {e:?}"
            );
        }
    }
}

/// A version 2 payload with the bundled quick answer `veille` = 2 and `sections` as given.
fn v2(sections: &[u8]) -> String {
    let l = layout();
    let mut b = vec![V2];
    b.extend_from_slice(&l.fingerprint.to_be_bytes());
    b.push(1);
    let mut bits = BitWriter::default();
    for id in &l.sections[0].ids {
        bits.push(if id == "veille" { 2 } else { UNANSWERED });
    }
    b.extend(bits.finish());
    b.extend_from_slice(&(sections.len() as u16).to_be_bytes());
    b.extend_from_slice(sections);
    seal(b)
}

fn section(id: &str, crc: u32, levels: &[u8]) -> Vec<u8> {
    let mut out = vec![id.len() as u8];
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(&crc.to_be_bytes());
    out.extend_from_slice(&(levels.len() as u16).to_be_bytes());
    let mut bits = BitWriter::default();
    for l in levels {
        bits.push(*l);
    }
    out.extend(bits.finish());
    out
}

#[test]
fn well_sealed_but_invalid_sections_are_damaged() {
    let ok = section("rncp1", 7, &[1, UNANSWERED, 3]);
    let missing = |p: &str| decode_in(p, catalog()).map(|s| s.skipped.len());
    assert_eq!(missing(&v2(&ok)), Ok(1));
    let mut padded = ok.clone();
    *padded.last_mut().unwrap() |= 1;
    let twice = [ok.clone(), ok.clone()].concat();
    let descending = [section("rncp2", 7, &[1]), ok.clone()].concat();
    for (what, sections) in [
        ("no section", vec![]),
        ("a bundled id", section("vendeur-web", 7, &[1])),
        ("an invalid id", section("RNCP1", 7, &[1])),
        ("an empty id", section("", 7, &[1])),
        ("no item", section("rncp1", 7, &[])),
        (
            "nothing answered",
            section("rncp1", 7, &[UNANSWERED, UNANSWERED]),
        ),
        ("level 6", section("rncp1", 7, &[6])),
        ("padding bits", padded),
        ("the same id twice", twice),
        ("ids not ascending", descending),
        ("a byte too many", [ok.clone(), vec![0]].concat()),
        ("a byte too few", ok[..ok.len() - 1].to_vec()),
    ] {
        assert_eq!(missing(&v2(&sections)), Err(ShareError::Damaged), "{what}");
    }
    // A held referential with the same layout: levels off its scale are damage.
    let r = synthetic("rncp1", 1, 3).referential;
    let crc = SectionLayout::of(&r).crc;
    let cat = with(&[r]);
    assert!(decode_in(&v2(&section("rncp1", crc, &[4, 4, 4])), &cat).is_ok());
    assert_eq!(
        decode_in(&v2(&section("rncp1", crc, &[5, 4, 4])), &cat),
        Err(ShareError::Damaged)
    );
    // Same CRC, another count: not what any encoder writes.
    assert_eq!(
        decode_in(&v2(&section("rncp1", crc, &[4, 4])), &cat),
        Err(ShareError::Damaged)
    );
}

#[test]
fn slots_point_at_the_same_items_on_both_sides() {
    let brought = two();
    let cat = with(&brought);
    let a = answers(&brought);
    let written = slots_in(&a, &cat);
    let read = decode_in(&encode_in(&a, &cat), &cat).unwrap().slots;
    assert_eq!(written, read);
    let bundled = bundled_items().count();
    assert_eq!(written.len(), bundled + 14 + 12);
    // Bundled slots are the ones version 1 always had; brought ones follow, in payload order.
    assert_eq!(
        written.slot("vendeur-web/A.7"),
        bundled_items().position(|i| i == "vendeur-web/A.7")
    );
    assert_eq!(written.slot(&rated_of(&brought[0])[0]), Some(bundled));
    assert_eq!(
        written.item(bundled + 14),
        Some(rated_of(&brought[1])[0].as_str())
    );
    assert_eq!(written.item(bundled + 26), None);
    // Stepped over: the slots are there, their items unknown.
    let skipped = decode_in(&encode_in(&a, &cat), &with(&brought[1..]))
        .unwrap()
        .slots;
    assert_eq!(skipped.len(), written.len());
    assert_eq!(skipped.item(bundled), None);
    assert_eq!(skipped.item(bundled + 14), written.item(bundled + 14));
}

#[test]
fn payloads_stay_within_the_limit_whatever_is_brought() {
    let many: Vec<Referential> = (0..80)
        .map(|n| {
            let mut r = largest().referential;
            r.id = format!("r{n:02}-{}", "x".repeat(30));
            r
        })
        .collect();
    let cat = with(&many);
    let a = answers(&many);
    let payload = encode_in(&a, &cat);
    assert!(payload.len() <= MAX_PAYLOAD_CHARS, "{}", payload.len());
    let back = decode_in(&payload, &cat).unwrap();
    let kept = many
        .iter()
        .filter(|r| back.answers.items.contains_key(&rated_of(r)[0]))
        .count();
    println!(
        "share payload with the {kept} largest brought referentials that fit ({} items each): {} characters",
        rated_of(&many[0]).len(),
        payload.len()
    );
    assert!((50..80).contains(&kept), "{kept}");
    // What is kept is kept whole.
    for r in &many[..kept] {
        for id in rated_of(r) {
            assert_eq!(back.answers.items.get(&id), a.items.get(&id));
        }
    }
}

fn arb_answers_with_brought() -> impl Strategy<Value = (Answers, Vec<bool>)> {
    let brought = two();
    let ids: Vec<String> = brought.iter().flat_map(rated_of).collect();
    let items =
        proptest::collection::btree_map(proptest::sample::select(ids), 0..=GENERIC_MAX, 0..30);
    let held = proptest::collection::vec(any::<bool>(), 2);
    (super::tests::arb_answers(), items, held).prop_map(|(mut a, items, held)| {
        a.items
            .extend(items.into_iter().map(|(id, l)| (id, level(l))));
        (a, held)
    })
}

proptest! {
    #[test]
    fn what_the_recipient_holds_comes_back((a, held) in arb_answers_with_brought()) {
        let brought = two();
        let payload = encode_in(&a, &with(&brought));
        prop_assert_eq!(&decode_in(&payload, &with(&brought)).unwrap().answers, &a);
        let kept: Vec<Referential> = brought.iter().zip(&held).filter(|(_, h)| **h).map(|(r, _)| r.clone()).collect();
        let lacking: Vec<Referential> = brought.iter().zip(&held).filter(|(_, h)| !**h).map(|(r, _)| r.clone()).collect();
        let back = decode_in(&payload, &with(&kept)).unwrap();
        prop_assert_eq!(back.answers, bundled_part(&a, &lacking));
        for s in &back.skipped {
            prop_assert!(lacking.iter().any(|r| r.id == s.referential));
            prop_assert!(s.answered > 0);
        }
    }

    #[test]
    fn decode_never_panics_with_brought_referentials(text in "[A-Za-z0-9_-]{0,400}") {
        let cat = with(&two());
        if let Ok(s) = decode_in(&text, &cat) {
            if s.skipped.is_empty() {
                // Whatever is read in full is exactly what encode gives.
                prop_assert_eq!(encode_in(&s.answers, &cat), text.trim());
            }
        }
    }
}
