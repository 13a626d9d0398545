use super::*;
use crate::core::dossier::{item_max, sanitize_answers};
use proptest::prelude::*;

const ALL: [ShareError; 5] = [
    ShareError::Empty,
    ShareError::Truncated,
    ShareError::Damaged,
    ShareError::NewerVersion,
    ShareError::OtherCatalog,
];

fn pivots() -> Vec<String> {
    catalog().pivots.skills().map(|s| s.id.clone()).collect()
}

fn rated() -> Vec<(String, u8)> {
    let mut out = Vec::new();
    for r in &catalog().referentials {
        for i in r.rated_items() {
            let id = full_id(&r.id, &i.item.id);
            let max = item_max(&id).expect("a rated item");
            out.push((id, max));
        }
    }
    out
}

fn item(level: u8) -> ItemAnswer {
    ItemAnswer {
        level,
        evidence: String::new(),
    }
}

/// Every pivot and every rated item of every referential answered.
fn full() -> Answers {
    let mut a = Answers::default();
    for (n, p) in pivots().into_iter().enumerate() {
        a.quick.insert(p, (n % 5) as u8);
    }
    for (n, (id, max)) in rated().into_iter().enumerate() {
        a.items.insert(id, item((n as u8) % (max + 1)));
    }
    a
}

fn quick_only() -> Answers {
    let mut a = Answers::default();
    for p in pivots() {
        a.quick.insert(p, 3);
    }
    a
}

/// Bytes with a valid CRC, base64url-encoded: for crafting payloads.
pub(super) fn seal(mut bytes: Vec<u8>) -> String {
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    base64url_encode(&bytes)
}

pub(super) fn unsealed(payload: &str) -> Vec<u8> {
    let mut b = base64url_decode(payload).unwrap().0;
    b.truncate(b.len() - 4);
    b
}

#[test]
fn crc_and_base64_vectors() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url_encode(plain.as_bytes()), coded);
        assert_eq!(
            base64url_decode(coded),
            Ok((plain.as_bytes().to_vec(), true))
        );
    }
    assert_eq!(base64url_encode(&[0xFB, 0xFF]), "-_8");
    // Unused bits must be zero, so that no two payloads give the same bytes.
    assert_eq!(base64url_decode("Zh"), Ok((b"f".to_vec(), false)));
    assert_eq!(base64url_decode("Z"), Err(ShareError::Truncated));
    assert_eq!(base64url_decode("Zm9v+"), Err(ShareError::Damaged));
    assert_eq!(base64url_decode("Zg=="), Err(ShareError::Damaged));
}

#[test]
fn lengths_stay_small() {
    let empty = encode(&Answers::default());
    let quick = encode(&quick_only());
    let everything = encode(&full());
    let one_referential = {
        let mut a = Answers::default();
        for (id, _) in rated()
            .into_iter()
            .filter(|(id, _)| id.starts_with("charge-developpement-commercial/"))
        {
            a.items.insert(id, item(2));
        }
        encode(&a)
    };
    println!(
        "share payload lengths: empty {}, quick diagnostic {}, one referential (003) {}, everything ({} pivots + {} rated items) {}; full link fragment {}",
        empty.len(),
        quick.len(),
        one_referential.len(),
        pivots().len(),
        rated().len(),
        everything.len(),
        hash(&full(), catalog()).len()
    );
    assert_eq!(empty.len(), 14);
    assert_eq!(quick.len(), 28);
    assert!(everything.len() <= 160, "{}", everything.len());
    assert!(hash(&full(), catalog()).len() < 2000);
    assert_eq!(hash(&full(), catalog()), format!("#/partage/{everything}"));
    // Only URL-safe characters, nothing a chat app would escape.
    assert!(everything
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
}

#[test]
fn round_trips_drop_evidence_and_invalid_answers() {
    assert_eq!(decode(&encode(&Answers::default())), Ok(Answers::default()));
    assert_eq!(decode(&encode(&full())), Ok(full()));
    assert_eq!(decode(&encode(&quick_only())), Ok(quick_only()));
    let mut a = full();
    for answer in a.items.values_mut() {
        answer.evidence = "Preuve personnelle".into();
    }
    a.quick.insert("inconnue".into(), 2);
    a.quick.insert("veille".into(), 9);
    a.items.insert("vendeur-web/Z.9".into(), item(1));
    a.items
        .insert("charge-developpement-commercial/C2.1.3".into(), item(5));
    a.items.insert("vendeur-web/A.7".into(), item(5));
    let back = decode(&encode(&a)).unwrap();
    let mut expected = a.clone();
    sanitize_answers(&mut expected);
    for answer in expected.items.values_mut() {
        answer.evidence.clear();
    }
    assert_eq!(back, expected);
    assert_eq!(back.items["vendeur-web/A.7"].level, 5);
    assert!(!back
        .items
        .contains_key("charge-developpement-commercial/C2.1.3"));
    assert!(!back.quick.contains_key("veille"));
    // Whitespace around a pasted payload is harmless.
    assert_eq!(decode(&format!("  {}\n", encode(&full()))), Ok(full()));
}

#[test]
fn every_single_character_change_is_detected() {
    for answers in [full(), quick_only(), Answers::default()] {
        let payload = encode(&answers);
        for (i, original) in payload.char_indices() {
            for &c in B64.iter().chain(b"=+/ .%") {
                if c as char == original {
                    continue;
                }
                let mut changed = payload.clone();
                changed.replace_range(i..i + 1, &(c as char).to_string());
                let e = decode(&changed).unwrap_err();
                assert!(
                    matches!(e, ShareError::Damaged | ShareError::Truncated),
                    "{changed}: {e:?}"
                );
                // Past the header, a change can only read as damage.
                if i >= 8 && B64.contains(&c) {
                    assert_eq!(e, ShareError::Damaged, "{changed}");
                }
            }
        }
    }
}

#[test]
fn every_cut_is_reported_as_truncated() {
    for answers in [full(), quick_only(), Answers::default()] {
        let payload = encode(&answers);
        for cut in 1..payload.len() {
            assert_eq!(
                decode(&payload[..cut]),
                Err(ShareError::Truncated),
                "{}",
                &payload[..cut]
            );
        }
        assert_eq!(
            decode(&format!("{}…", &payload[..payload.len() / 2])),
            Err(ShareError::Truncated)
        );
        assert_eq!(
            decode(&format!("{}...", &payload[..payload.len() - 3])),
            Err(ShareError::Truncated)
        );
    }
}

#[test]
fn garbage_is_rejected() {
    for (text, expected) in [
        ("", ShareError::Empty),
        ("   ", ShareError::Empty),
        ("hello world", ShareError::Damaged),
        ("%7B%22quick%22%7D", ShareError::Damaged),
        ("<script>alert(1)</script>", ShareError::Damaged),
        ("AAAAAAAAAAAAAA", ShareError::Damaged),
        (
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ShareError::Damaged,
        ),
        ("A", ShareError::Truncated),
        ("AQ", ShareError::Truncated),
        ("#/partage/", ShareError::Damaged),
        ("Zm9vYmFy", ShareError::Truncated),
    ] {
        assert_eq!(decode(text), Err(expected), "{text}");
    }
    assert_eq!(
        decode(&"A".repeat(MAX_PAYLOAD_CHARS + 4)),
        Err(ShareError::Damaged)
    );
}

#[test]
fn versions_and_catalogs() {
    let mut bytes = unsealed(&encode(&quick_only()));
    // A newer format (whatever follows its version byte) is reported as such.
    bytes[0] = 3;
    assert_eq!(decode(&seal(bytes.clone())), Err(ShareError::NewerVersion));
    assert_eq!(decode(&seal(vec![9; 40])), Err(ShareError::NewerVersion));
    bytes[0] = 0;
    assert_eq!(decode(&seal(bytes.clone())), Err(ShareError::Damaged));
    // Another catalog layout.
    let mut bytes = unsealed(&encode(&quick_only()));
    bytes[4] ^= 1;
    assert_eq!(decode(&seal(bytes)), Err(ShareError::OtherCatalog));

    // The fingerprint follows what the slots depend on, and only that.
    let base = || {
        (
            vec!["a".to_string(), "b".to_string()],
            vec![("r".to_string(), 4, vec!["1".to_string(), "2".to_string()])],
        )
    };
    let fp = |(p, r): (Vec<String>, Vec<ReferentialLayout>)| Layout::new(p, r).fingerprint;
    let reference = fp(base());
    assert_eq!(fp(base()), reference);
    let mut v = base();
    v.0.swap(0, 1);
    assert_ne!(fp(v), reference, "pivot order");
    let mut v = base();
    v.1[0].2.push("3".into());
    assert_ne!(fp(v), reference, "an item added");
    let mut v = base();
    v.1[0].1 = 5;
    assert_ne!(fp(v), reference, "scale");
    let mut v = base();
    v.1[0].0 = "s".into();
    assert_ne!(fp(v), reference, "referential id");

    // A link made with another layout is refused, not mis-read.
    let (p, r) = base();
    let other = Layout::new(p.clone(), r.clone());
    let mut a = Answers::default();
    a.quick.insert("a".into(), 1);
    a.items.insert("r/2".into(), item(4));
    let payload = encode_with(&other, catalog(), &a);
    assert_eq!(
        decode_with(&other, catalog(), &payload).map(|s| s.answers),
        Ok(a.clone())
    );
    assert_eq!(decode(&payload), Err(ShareError::OtherCatalog));
    let mut r2 = r;
    r2[0].2.reverse();
    assert_eq!(
        decode_with(&Layout::new(p, r2), catalog(), &payload),
        Err(ShareError::OtherCatalog)
    );
}

#[test]
fn well_sealed_but_invalid_payloads_are_damaged() {
    let l = layout();
    let header = |mask: u8| {
        let mut b = vec![V1];
        b.extend_from_slice(&l.fingerprint.to_be_bytes());
        b.push(mask);
        b
    };
    // A mask bit for a section that does not exist.
    assert_eq!(l.sections.len(), 6);
    assert_eq!(decode(&seal(header(1 << 6))), Err(ShareError::Damaged));
    // Quick section present but missing its slots.
    assert_eq!(decode(&seal(header(1))), Err(ShareError::Damaged));
    // Slot value 6, or 5 on the generic scale.
    let slots = |first: u8| {
        let mut bits = BitWriter::default();
        bits.push(first);
        for _ in 1..l.sections[0].ids.len() {
            bits.push(UNANSWERED);
        }
        bits.finish()
    };
    for (first, expected) in [
        (6, Err(ShareError::Damaged)),
        (5, Err(ShareError::Damaged)),
        (4, Ok(())),
    ] {
        let mut b = header(1);
        b.extend(slots(first));
        assert_eq!(decode(&seal(b)).map(|_| ()), expected, "{first}");
    }
    // Non-zero padding bits, and a byte too many.
    let mut b = header(1);
    b.extend(slots(4));
    *b.last_mut().unwrap() |= 1;
    assert_eq!(decode(&seal(b)), Err(ShareError::Damaged));
    let mut b = header(1);
    b.extend(slots(4));
    b.push(0);
    assert_eq!(decode(&seal(b)), Err(ShareError::Damaged));
    // A present section where nothing is answered is not what the encoder writes.
    let mut b = header(1);
    b.extend(slots(UNANSWERED));
    assert_eq!(decode(&seal(b)), Err(ShareError::Damaged));
}

#[test]
fn shared_dossier_is_new_and_unnamed() {
    let d = shared_dossier(full(), "f00d", "2026-11-23T10:00:00Z");
    assert_eq!(d.name, SHARED_NAME);
    assert_eq!(d.id, "f00d");
    assert_eq!(d.revision, 0);
    assert_eq!(d.answers, full());
}

#[test]
fn messages_are_plain_french_with_distinct_codes() {
    let codes: std::collections::HashSet<_> = ALL.iter().map(|e| e.code()).collect();
    assert_eq!(codes.len(), ALL.len());
    for e in ALL {
        assert!(e.code().starts_with("share."));
        assert!(e.message_fr().starts_with("Ce lien"));
        assert_eq!(e.to_string(), e.message_fr());
    }
    assert!(ShareError::Truncated.message_fr().contains("incomplet"));
    assert!(ShareError::Damaged.message_fr().contains("abîmé"));
    assert!(ShareError::NewerVersion
        .message_fr()
        .contains("version plus récente de Repère"));
}

pub(super) fn arb_answers() -> impl Strategy<Value = Answers> {
    let quick =
        proptest::collection::btree_map(proptest::sample::select(pivots()), 0..=GENERIC_MAX, 0..30);
    let items = proptest::collection::vec(
        proptest::sample::select(rated()).prop_flat_map(|(id, max)| (Just(id), 0..=max)),
        0..300,
    );
    (quick, items).prop_map(|(quick, items)| Answers {
        quick,
        items: items.into_iter().map(|(id, l)| (id, item(l))).collect(),
    })
}

proptest! {
    #[test]
    fn encode_decode_is_identity(a in arb_answers()) {
        let payload = encode(&a);
        prop_assert!(payload.len() < 200);
        prop_assert_eq!(decode(&payload), Ok(a));
    }

    #[test]
    fn decode_never_panics(text in ".{0,300}") {
        let _ = decode(&text);
    }

    #[test]
    fn decode_never_panics_on_base64(text in "[A-Za-z0-9_-]{0,300}") {
        if let Ok(a) = decode(&text) {
            // Whatever is accepted is exactly what encode gives.
            prop_assert_eq!(encode(&a), text.trim());
        }
    }

    #[test]
    fn base64_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        prop_assert_eq!(base64url_decode(&base64url_encode(&bytes)), Ok((bytes, true)));
    }
}
