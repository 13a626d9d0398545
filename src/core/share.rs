//! Share links (SPEC §7): a candidate's answers packed into the URL fragment, `#/partage/<payload>`,
//! so that a trainer can open a read-only view of the results without any server.
//!
//! What travels: the quick-diagnostic levels and the item levels. What does not: the evidence
//! notes (personal, often long, meant for a VAE file) and the dossier's name. A link ends up in
//! chat histories, e-mail previews and the browser history of shared classroom computers; with no
//! name in it, a leaked link shows levels that cannot be tied to anyone. The sender tells the
//! recipient who they are, and the recipient names the dossier if they import it
//! ([`shared_dossier`] calls it « Dossier partagé »).
//!
//! Payload, version 1 (bytes, then base64url without padding):
//! ```text
//! [0]        format version (1)
//! [1..5]     layout fingerprint: CRC-32 of the catalog layout below (big-endian)
//! [5..5+m]   section mask, m = ceil(sections / 8): bit s (LSB first) set when section s is present;
//!            section 0 is the quick diagnostic (pivot skills in `catalog().pivots.skills()` order),
//!            section 1 + r the rated items of referential r (catalog order, `rated_items()` order)
//! [..]       for each present section, 3 bits per slot, MSB first, packed across sections:
//!            0–5 = level, 7 = unanswered (6 is invalid); zero bits up to a whole byte
//! [-4..]     CRC-32 (IEEE) of every byte before it (big-endian)
//! ```
//! Every version of the payload starts with its version byte and ends with that CRC, so that a
//! damaged link is told apart from one made by a newer Repère. The layout fingerprint covers the
//! pivot ids, the referential ids, their scale and the ids of their rated items in order: exactly
//! what the slots depend on. A link made with a catalog whose layout differs is refused
//! ([`ShareError::OtherCatalog`]) rather than mis-read; editing referential texts (a new data
//! `version` with the same ids) keeps links valid.

use super::answers::{full_id, Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use super::catalog::catalog;
use super::dossier::Dossier;
use super::i18n::{tr, Lang};
use super::model::Scale;
use std::fmt;
use std::sync::OnceLock;

/// Version byte written by [`encode`].
pub const FORMAT_VERSION: u8 = 1;
/// The route of a share link; the payload follows it.
pub const HASH_PREFIX: &str = "#/partage/";
/// Longer payloads are refused before decoding (a full dossier is about 150 characters).
pub const MAX_PAYLOAD_CHARS: usize = 4096;
/// Name of a dossier imported from a share link (links carry no name).
pub const SHARED_NAME: &str = "Dossier partagé";

const UNANSWERED: u8 = 7;
const BITS: u32 = 3;
/// Version byte, fingerprint, at least one mask byte, CRC.
const MIN_BYTES: usize = 1 + 4 + 1 + 4;

// ---------------------------------------------------------------------------------------------
// Errors

/// Why a share link cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing after `#/partage/`.
    Empty,
    /// Cut short (a copy that missed the end, a chat app that shortened it).
    Truncated,
    /// Changed after it was made, or not a share link at all.
    Damaged,
    /// Made by a newer version of Repère.
    NewerVersion,
    /// Made with other referential data (ids added, removed or reordered).
    OtherCatalog,
}

impl ShareError {
    /// Stable code, for the UI to pick a translated text.
    pub fn code(self) -> &'static str {
        match self {
            ShareError::Empty => "share.empty",
            ShareError::Truncated => "share.truncated",
            ShareError::Damaged => "share.damaged",
            ShareError::NewerVersion => "share.newer_version",
            ShareError::OtherCatalog => "share.other_catalog",
        }
    }

    /// Plain-French message for the person who opened the link (the `fr.json` text of `code`).
    pub fn message_fr(self) -> &'static str {
        tr(Lang::Fr, self.code())
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message_fr())
    }
}

impl std::error::Error for ShareError {}

// ---------------------------------------------------------------------------------------------
// Layout

/// One run of slots: the quick diagnostic or one referential's rated items.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    /// Highest level of the section's scale.
    max: u8,
    /// `true` for the quick diagnostic (ids are pivot ids), else full item ids.
    quick: bool,
    ids: Vec<String>,
}

/// `(referential id, scale max, rated item ids in order)`.
type ReferentialLayout = (String, u8, Vec<String>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    fingerprint: u32,
    sections: Vec<Section>,
}

impl Layout {
    fn new(pivots: Vec<String>, referentials: Vec<ReferentialLayout>) -> Layout {
        let mut text = format!("repere.share.layout\npivots:{}\n", pivots.join(","));
        let mut sections = vec![Section {
            max: GENERIC_MAX,
            quick: true,
            ids: pivots,
        }];
        for (id, max, items) in referentials {
            text.push_str(&format!("{id}:{max}:{}\n", items.join(",")));
            sections.push(Section {
                max,
                quick: false,
                ids: items.iter().map(|i| full_id(&id, i)).collect(),
            });
        }
        Layout {
            fingerprint: crc32(text.as_bytes()),
            sections,
        }
    }

    fn mask_len(&self) -> usize {
        self.sections.len().div_ceil(8)
    }

    /// Total length in bytes of a payload holding the sections whose mask bit is set.
    fn payload_len(&self, present: impl Fn(usize) -> bool) -> usize {
        let slots: usize = (0..self.sections.len())
            .filter(|&s| present(s))
            .map(|s| self.sections[s].ids.len())
            .sum();
        1 + 4 + self.mask_len() + (slots * BITS as usize).div_ceil(8) + 4
    }
}

fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let cat = catalog();
        let pivots = cat.pivots.skills().map(|s| s.id.clone()).collect();
        let referentials = cat
            .referentials
            .iter()
            .map(|r| {
                let max = match r.scale {
                    Scale::Ecf => ECF_MAX,
                    Scale::Generic => GENERIC_MAX,
                };
                let items = r.rated_items().iter().map(|i| i.item.id.clone()).collect();
                (r.id.clone(), max, items)
            })
            .collect();
        Layout::new(pivots, referentials)
    })
}

/// The slot of a rated item (full id) among every referential's rated items, in payload order:
/// how formats built on this payload (the LMS suspend data) point at an item in a few digits.
/// A payload's layout fingerprint guards these numbers too.
pub fn item_slot(full_id: &str) -> Option<usize> {
    item_ids().position(|id| id == full_id)
}

/// The full id of the rated item in `slot` (see [`item_slot`]).
pub fn slot_item(slot: usize) -> Option<&'static str> {
    item_ids().nth(slot)
}

fn item_ids() -> impl Iterator<Item = &'static str> {
    let sections = &layout().sections;
    sections
        .iter()
        .filter(|s| !s.quick)
        .flat_map(|s| s.ids.iter().map(String::as_str))
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// The share-link payload of the answers: their levels only (no evidence notes), in the catalog
/// layout. Answers unknown to the catalog or off their scale are left out.
pub fn encode(answers: &Answers) -> String {
    encode_with(layout(), answers)
}

/// The full fragment, `#/partage/<payload>`.
pub fn hash(answers: &Answers) -> String {
    format!("{HASH_PREFIX}{}", encode(answers))
}

fn encode_with(layout: &Layout, answers: &Answers) -> String {
    let level = |section: &Section, id: &str| -> Option<u8> {
        let l = if section.quick {
            answers.quick.get(id).copied()
        } else {
            answers.items.get(id).map(|a| a.level)
        };
        l.filter(|l| *l <= section.max)
    };
    let present: Vec<bool> = layout
        .sections
        .iter()
        .map(|s| s.ids.iter().any(|id| level(s, id).is_some()))
        .collect();

    let mut bytes = vec![FORMAT_VERSION];
    bytes.extend_from_slice(&layout.fingerprint.to_be_bytes());
    let mut mask = vec![0u8; layout.mask_len()];
    for (s, _) in present.iter().enumerate().filter(|(_, p)| **p) {
        mask[s / 8] |= 1 << (s % 8);
    }
    bytes.extend_from_slice(&mask);
    let mut bits = BitWriter::default();
    for (section, _) in layout.sections.iter().zip(&present).filter(|(_, p)| **p) {
        for id in &section.ids {
            bits.push(level(section, id).unwrap_or(UNANSWERED));
        }
    }
    bytes.extend(bits.finish());
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_be_bytes());
    base64url_encode(&bytes)
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    acc: u32,
    n: u32,
}

impl BitWriter {
    fn push(&mut self, value: u8) {
        self.acc = (self.acc << BITS) | u32::from(value);
        self.n += BITS;
        while self.n >= 8 {
            self.n -= 8;
            self.bytes.push((self.acc >> self.n) as u8);
        }
        self.acc &= (1 << self.n) - 1;
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.bytes.push((self.acc << (8 - self.n)) as u8);
        }
        self.bytes
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// Reads a payload (what follows `#/partage/`; surrounding whitespace is ignored). The answers
/// have no evidence notes.
pub fn decode(payload: &str) -> Result<Answers, ShareError> {
    decode_with(layout(), payload)
}

fn decode_with(layout: &Layout, payload: &str) -> Result<Answers, ShareError> {
    let p = payload.trim();
    if p.is_empty() {
        return Err(ShareError::Empty);
    }
    // What a chat app shows when it shortens a long link.
    if p.ends_with('…') || p.ends_with("...") {
        return Err(ShareError::Truncated);
    }
    if p.len() > MAX_PAYLOAD_CHARS {
        return Err(ShareError::Damaged);
    }
    let (bytes, canonical) = base64url_decode(p)?;
    if bytes.len() < MIN_BYTES {
        return Err(ShareError::Truncated);
    }
    let ours = bytes[0] == FORMAT_VERSION && bytes[1..5] == layout.fingerprint.to_be_bytes();
    let mask = &bytes[5..];
    let mask_bit = |s: usize| mask.get(s / 8).is_some_and(|b| b & (1 << (s % 8)) != 0);
    // The header may be intact while the end is missing: then say so, it is the likely cause.
    let cut = ours
        && bytes.len() >= 5 + layout.mask_len() + 4
        && bytes.len() < layout.payload_len(mask_bit);
    let (body, crc) = bytes.split_at(bytes.len() - 4);
    if !canonical || crc32(body).to_be_bytes() != crc {
        return Err(if cut {
            ShareError::Truncated
        } else {
            ShareError::Damaged
        });
    }
    if bytes[0] > FORMAT_VERSION {
        return Err(ShareError::NewerVersion);
    }
    if bytes[0] != FORMAT_VERSION {
        return Err(ShareError::Damaged);
    }
    if !ours {
        return Err(ShareError::OtherCatalog);
    }
    let sections = layout.sections.len();
    if (sections..layout.mask_len() * 8).any(mask_bit)
        || body.len() + 4 != layout.payload_len(mask_bit)
    {
        return Err(ShareError::Damaged);
    }
    let mut bits = BitReader {
        bytes: &body[5 + layout.mask_len()..],
        pos: 0,
    };
    let mut answers = Answers::default();
    for (s, section) in layout.sections.iter().enumerate() {
        if !mask_bit(s) {
            continue;
        }
        let mut answered = false;
        for id in &section.ids {
            match bits.read() {
                UNANSWERED => {}
                l if l <= section.max => {
                    answered = true;
                    if section.quick {
                        answers.quick.insert(id.clone(), l);
                    } else {
                        answers.items.insert(
                            id.clone(),
                            ItemAnswer {
                                level: l,
                                evidence: String::new(),
                            },
                        );
                    }
                }
                _ => return Err(ShareError::Damaged),
            }
        }
        // The encoder marks a section present only when it holds an answer: one payload for
        // one set of answers.
        if !answered {
            return Err(ShareError::Damaged);
        }
    }
    if !bits.rest_is_zero() {
        return Err(ShareError::Damaged);
    }
    Ok(answers)
}

struct BitReader<'a> {
    bytes: &'a [u8],
    /// In bits.
    pos: usize,
}

impl BitReader<'_> {
    /// The next 3-bit value; the caller checked the length.
    fn read(&mut self) -> u8 {
        let mut v = 0;
        for _ in 0..BITS {
            let bit = (self.bytes[self.pos / 8] >> (7 - self.pos % 8)) & 1;
            v = (v << 1) | bit;
            self.pos += 1;
        }
        v
    }

    fn rest_is_zero(&self) -> bool {
        (self.pos..self.bytes.len() * 8).all(|p| (self.bytes[p / 8] >> (7 - p % 8)) & 1 == 0)
    }
}

/// A new dossier holding the answers of a share link, for « Importer ce dossier »: named
/// « Dossier partagé » (links carry no name), created now, with `new_id` from the shell.
pub fn shared_dossier(answers: Answers, new_id: &str, now: &str) -> Dossier {
    Dossier {
        answers,
        ..Dossier::new(new_id, SHARED_NAME, now)
    }
}

// ---------------------------------------------------------------------------------------------
// CRC-32 and base64url

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE 802.3, as in zip and PNG).
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 0x3F) as usize] as char);
        }
    }
    out
}

/// Strict base64url without padding: any other character means a damaged link, a length that
/// cannot be base64 a truncated one. Also says whether the unused bits of the last character are
/// zero, as [`base64url_encode`] writes them (not so when the text was cut or changed).
fn base64url_decode(text: &str) -> Result<(Vec<u8>, bool), ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut n = 0u32;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return Err(ShareError::Damaged),
        };
        acc = (acc << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
            acc &= (1 << n) - 1;
        }
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::Truncated);
    }
    Ok((out, acc == 0))
}

#[cfg(test)]
mod tests {
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
    fn seal(mut bytes: Vec<u8>) -> String {
        let crc = crc32(&bytes);
        bytes.extend_from_slice(&crc.to_be_bytes());
        base64url_encode(&bytes)
    }

    fn unsealed(payload: &str) -> Vec<u8> {
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
            hash(&full()).len()
        );
        assert_eq!(empty.len(), 14);
        assert_eq!(quick.len(), 28);
        assert!(everything.len() <= 160, "{}", everything.len());
        assert!(hash(&full()).len() < 2000);
        assert_eq!(hash(&full()), format!("#/partage/{everything}"));
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
        bytes[0] = 2;
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
        let payload = encode_with(&other, &a);
        assert_eq!(decode_with(&other, &payload), Ok(a.clone()));
        assert_eq!(decode(&payload), Err(ShareError::OtherCatalog));
        let mut r2 = r;
        r2[0].2.reverse();
        assert_eq!(
            decode_with(&Layout::new(p, r2), &payload),
            Err(ShareError::OtherCatalog)
        );
    }

    #[test]
    fn well_sealed_but_invalid_payloads_are_damaged() {
        let l = layout();
        let header = |mask: u8| {
            let mut b = vec![FORMAT_VERSION];
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

    fn arb_answers() -> impl Strategy<Value = Answers> {
        let quick = proptest::collection::btree_map(
            proptest::sample::select(pivots()),
            0..=GENERIC_MAX,
            0..30,
        );
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
}
