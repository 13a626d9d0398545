//! The link's framing: round trips, cuts, changes, versions. (Compression itself is the
//! browser's: the e2e tests open links the page made.)

use super::*;
use crate::core::share::B64;
use proptest::prelude::*;

const FILE: &[u8] = br#"{"format":"repere.referential","version":1}"#;
/// Stands for the compressed file: the framing does not look inside.
const DEFLATED: &[u8] = b"\x4b\x4c\x4a\x06\x00 any bytes at all \xff\x00";

#[test]
fn a_link_opens_to_what_was_packed() {
    let p = payload(FILE, DEFLATED);
    assert!(p.bytes().all(|b| B64.contains(&b)));
    let packed = open(&p).unwrap();
    assert_eq!(packed.deflated, DEFLATED);
    assert_eq!(packed.check(FILE), Ok(()));
    // Another file than the one packed (the inflated bytes were damaged).
    assert_eq!(packed.check(b"{}"), Err(LinkError::Damaged));
    assert_eq!(hash(&p), format!("#/referentiel-partage/{p}"));
    assert_eq!(open(&format!(" {p}\n")), Ok(packed));
}

#[test]
fn every_cut_is_truncated_and_every_change_detected() {
    let p = payload(FILE, DEFLATED);
    for cut in 1..p.len() {
        assert_eq!(open(&p[..cut]), Err(LinkError::Truncated), "cut at {cut}");
    }
    assert_eq!(open(&format!("{}…", &p[..20])), Err(LinkError::Truncated));
    for (i, original) in p.char_indices() {
        for &c in B64.iter().chain(b"=+/%") {
            if c as char == original {
                continue;
            }
            let mut changed = p.clone();
            changed.replace_range(i..i + 1, &(c as char).to_string());
            // What the framing does not see (a changed compressed byte, a changed CRC), the CRC
            // check of the inflated file does.
            let seen = match open(&changed) {
                Err(_) => true,
                Ok(packed) => packed.deflated != DEFLATED || packed.check(FILE).is_err(),
            };
            assert!(seen, "{i}: {changed}");
        }
    }
}

#[test]
fn versions_limits_and_garbage() {
    let mut bytes = vec![2u8, 0, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(
        open(&base64url_encode(&bytes)),
        Err(LinkError::NewerVersion)
    );
    bytes[0] = 0;
    assert_eq!(open(&base64url_encode(&bytes)), Err(LinkError::Damaged));
    assert_eq!(open(""), Err(LinkError::Empty));
    assert_eq!(open("  "), Err(LinkError::Empty));
    assert_eq!(open("AQ"), Err(LinkError::Truncated));
    assert_eq!(open("<script>"), Err(LinkError::Damaged));
    let long = "A".repeat(MAX_FRAGMENT_CHARS - HASH_PREFIX.len() + 1);
    assert_eq!(open(&long), Err(LinkError::TooLong));
    assert!(!fits(&long));
    assert!(fits(&long[1..]));
    // A byte after the announced length.
    let mut extra = base64url_decode(&payload(FILE, DEFLATED)).unwrap().0;
    extra.push(0);
    assert_eq!(open(&base64url_encode(&extra)), Err(LinkError::Damaged));
}

#[test]
fn messages_exist_in_both_languages() {
    use crate::core::i18n::{tr, Lang};
    for e in [
        LinkError::Empty,
        LinkError::Truncated,
        LinkError::Damaged,
        LinkError::NewerVersion,
        LinkError::TooLong,
    ] {
        for lang in Lang::ALL {
            assert_ne!(tr(lang, e.code()), e.code(), "{lang:?}");
        }
        assert!(e.to_string().starts_with("Ce lien"), "{e}");
    }
}

proptest! {
    #[test]
    fn round_trip(file in proptest::collection::vec(any::<u8>(), 0..200), deflated in proptest::collection::vec(any::<u8>(), 0..500)) {
        let packed = open(&payload(&file, &deflated)).unwrap();
        prop_assert_eq!(&packed.deflated, &deflated);
        prop_assert_eq!(packed.check(&file), Ok(()));
    }

    #[test]
    fn open_never_panics(text in "\\PC{0,300}") {
        let _ = open(&text);
    }
}
