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
//! Version 2, written only when the answers hold a level for a referential a trainer brought
//! (SPEC §13; without one the payload is version 1, byte for byte): the same header, mask and
//! levels (padded to a whole byte), then the brought referentials' sections (`brought.rs`: id,
//! CRC of its layout, count, 3-bit levels), preceded by their length in bytes (2 bytes,
//! big-endian), then the CRC. A recipient reads the sections of the referentials it holds as
//! the sender did, and steps over the others ([`Shared::skipped`] names them).
//!
//! Every version of the payload starts with its version byte and ends with that CRC, so that a
//! damaged link is told apart from one made by a newer Repère. The layout fingerprint covers the
//! pivot ids, the referential ids, their scale and the ids of their rated items in order: exactly
//! what the slots depend on. A link made with a catalog whose layout differs is refused
//! ([`ShareError::OtherCatalog`]) rather than mis-read; editing referential texts (a new data
//! `version` with the same ids) keeps links valid.

use super::answers::{full_id, Answers, ItemAnswer, ECF_MAX, GENERIC_MAX};
use super::catalog::{catalog, Catalog};
use super::dossier::Dossier;
use super::i18n::{tr, Lang};
use super::model::Scale;
use std::fmt;
use std::sync::OnceLock;

mod brought;
mod bytes;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_brought;

use brought::SectionLayout;
pub use brought::{SkipReason, Skipped};

pub(crate) use bytes::crc32;
#[cfg(test)]
pub(crate) use bytes::B64;
pub(crate) use bytes::{base64url_decode, base64url_encode};

/// Version byte of a payload holding the bundled referentials' levels only.
pub const V1: u8 = 1;
/// Version byte of a payload that also holds levels of brought referentials.
pub const V2: u8 = 2;
/// The newest version read.
pub const FORMAT_VERSION: u8 = V2;
/// The route of a share link; the payload follows it.
pub const HASH_PREFIX: &str = "#/partage/";
/// Longer payloads are refused before decoding, and [`encode_in`] never writes one. A full
/// dossier of the five is about 150 characters; each brought referential answered adds at most
/// 570 (1,000 items), so this leaves room for dozens.
pub const MAX_PAYLOAD_CHARS: usize = 32 * 1024;
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

fn bundled_items() -> impl Iterator<Item = &'static str> {
    layout()
        .sections
        .iter()
        .filter(|s| !s.quick)
        .flat_map(|s| s.ids.iter().map(String::as_str))
}

/// Where each rated item of a payload is, by number: the bundled referentials' items in catalog
/// order, then the items of each brought referential's section the payload carries, in payload
/// order. Formats built on this payload (the LMS suspend data) point at an item in a few digits;
/// the payload's layout fingerprint and section CRCs guard these numbers too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slots {
    /// The brought sections' items; `None` for an item of a section that was stepped over.
    brought: Vec<Option<String>>,
}

impl Slots {
    /// The slot of a rated item (full id).
    pub fn slot(&self, full_id: &str) -> Option<usize> {
        bundled_items().position(|id| id == full_id).or_else(|| {
            let n = bundled_items().count();
            let p = self
                .brought
                .iter()
                .position(|x| x.as_deref() == Some(full_id))?;
            Some(n + p)
        })
    }

    /// How many slots the payload has.
    pub fn len(&self) -> usize {
        bundled_items().count() + self.brought.len()
    }

    /// Whether the payload has no slot (never: the bundled items always have theirs).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The full id of the rated item in `slot`, unless its section was stepped over.
    pub fn item(&self, slot: usize) -> Option<&str> {
        let n = bundled_items().count();
        if slot < n {
            bundled_items().nth(slot)
        } else {
            self.brought.get(slot - n)?.as_deref()
        }
    }
}

/// The slots of the payload [`encode_in`] writes for `answers`.
pub fn slots_in(answers: &Answers, catalog: &Catalog) -> Slots {
    let sections = written_sections(catalog, answers);
    Slots {
        brought: sections
            .into_iter()
            .flat_map(|s| s.items.into_iter().map(Some))
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding

/// The share-link payload of answers to the bundled referentials: [`encode_in`] with the bundled
/// catalog (always version 1).
pub fn encode(answers: &Answers) -> String {
    encode_with(layout(), catalog(), answers)
}

/// The share-link payload of the answers: their levels only (no evidence notes), in the catalog
/// layout, with a section for each brought referential of `catalog` they answer. Answers unknown
/// to the catalog or off their scale are left out.
pub fn encode_in(answers: &Answers, catalog: &Catalog) -> String {
    encode_with(layout(), catalog, answers)
}

/// The full fragment, `#/partage/<payload>`.
pub fn hash(answers: &Answers, catalog: &Catalog) -> String {
    format!("{HASH_PREFIX}{}", encode_in(answers, catalog))
}

/// The brought sections the payload of `answers` holds: every brought referential answered,
/// while the payload stays within [`MAX_PAYLOAD_CHARS`] (what does not fit is left out, so that
/// whatever is written can be read back).
fn written_sections(catalog: &Catalog, answers: &Answers) -> Vec<SectionLayout> {
    let mut bytes = layout().payload_len(|_| true) + 2;
    let mut out = brought::answered(catalog, answers);
    out.retain(|s| {
        let len = 1 + s.id.len() + 4 + 2 + (s.items.len() * BITS as usize).div_ceil(8);
        let fits = (bytes + len).div_ceil(3) * 4 <= MAX_PAYLOAD_CHARS;
        if fits {
            bytes += len;
        }
        fits
    });
    out
}

fn encode_with(layout: &Layout, catalog: &Catalog, answers: &Answers) -> String {
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
    let sections = written_sections(catalog, answers);

    let mut bytes = vec![if sections.is_empty() { V1 } else { V2 }];
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
    if !sections.is_empty() {
        let mut rest = Vec::new();
        for s in &sections {
            brought::write(s, answers, &mut rest);
        }
        bytes.extend_from_slice(&(rest.len() as u16).to_be_bytes());
        bytes.extend(rest);
    }
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

/// A payload read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The levels read (no evidence notes).
    pub answers: Answers,
    /// The brought referentials' sections stepped over, in payload order.
    pub skipped: Vec<Skipped>,
    /// Where each rated item of the payload is (see [`Slots`]).
    pub slots: Slots,
}

/// Reads a payload with the bundled catalog: [`decode_in`]'s answers (a brought referential's
/// section is stepped over).
pub fn decode(payload: &str) -> Result<Answers, ShareError> {
    decode_in(payload, catalog()).map(|s| s.answers)
}

/// Reads a payload (what follows `#/partage/`; surrounding whitespace is ignored) against
/// `catalog`: the bundled referentials' levels, and those of the brought referentials `catalog`
/// holds with the sender's layout.
pub fn decode_in(payload: &str, catalog: &Catalog) -> Result<Shared, ShareError> {
    decode_with(layout(), catalog, payload)
}

fn decode_with(layout: &Layout, catalog: &Catalog, payload: &str) -> Result<Shared, ShareError> {
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
    let version = bytes[0];
    let ours = (version == V1 || version == V2) && bytes[1..5] == layout.fingerprint.to_be_bytes();
    let mask = &bytes[5..];
    let mask_bit = |s: usize| mask.get(s / 8).is_some_and(|b| b & (1 << (s % 8)) != 0);
    // Where the bundled levels end, and the length the header says the payload has.
    let levels_end = layout.payload_len(mask_bit) - 4;
    let expected = match version {
        V2 => match bytes.get(levels_end..levels_end + 2) {
            Some(n) => levels_end + 2 + usize::from(u16::from_be_bytes([n[0], n[1]])) + 4,
            None => levels_end + 2 + 4 + 1,
        },
        _ => levels_end + 4,
    };
    // The header may be intact while the end is missing: then say so, it is the likely cause.
    let cut = ours && bytes.len() >= 5 + layout.mask_len() + 4 && bytes.len() < expected;
    let (body, crc) = bytes.split_at(bytes.len() - 4);
    if !canonical || crc32(body).to_be_bytes() != crc {
        return Err(if cut {
            ShareError::Truncated
        } else {
            ShareError::Damaged
        });
    }
    if version > FORMAT_VERSION {
        return Err(ShareError::NewerVersion);
    }
    if version == 0 {
        return Err(ShareError::Damaged);
    }
    if !ours {
        return Err(ShareError::OtherCatalog);
    }
    let sections = layout.sections.len();
    if (sections..layout.mask_len() * 8).any(mask_bit) || bytes.len() != expected {
        return Err(ShareError::Damaged);
    }
    let mut answers = read_bundled(layout, &body[5 + layout.mask_len()..levels_end], mask_bit)?;
    let mut shared = Shared {
        answers: Answers::default(),
        skipped: Vec::new(),
        slots: Slots::default(),
    };
    if version == V2 {
        for raw in brought::read_all(&body[levels_end + 2..], catalog)? {
            read_section(catalog, raw, &mut answers, &mut shared)?;
        }
    }
    shared.answers = answers;
    Ok(shared)
}

/// The quick diagnostic's and the bundled referentials' levels.
fn read_bundled(
    layout: &Layout,
    bytes: &[u8],
    mask_bit: impl Fn(usize) -> bool,
) -> Result<Answers, ShareError> {
    let mut bits = BitReader { bytes, pos: 0 };
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
                        answers.items.insert(id.clone(), level_only(l));
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

fn level_only(level: u8) -> ItemAnswer {
    ItemAnswer {
        level,
        evidence: String::new(),
    }
}

/// One brought referential's section: read when `catalog` holds that referential with the same
/// layout, else stepped over and named.
fn read_section(
    catalog: &Catalog,
    raw: brought::RawSection<'_>,
    answers: &mut Answers,
    shared: &mut Shared,
) -> Result<(), ShareError> {
    let held = catalog
        .brought()
        .iter()
        .find(|r| r.id == raw.id)
        .map(SectionLayout::of);
    let skip = match &held {
        None => Some(SkipReason::Missing),
        Some(l) if l.crc != raw.crc => Some(SkipReason::Changed),
        Some(l) if l.items.len() != raw.levels.len() => return Err(ShareError::Damaged),
        Some(_) => None,
    };
    if let Some(reason) = skip {
        shared.skipped.push(Skipped {
            referential: raw.id.to_owned(),
            reason,
            answered: raw.levels.iter().filter(|l| **l != UNANSWERED).count(),
        });
        shared.slots.brought.extend(raw.levels.iter().map(|_| None));
        return Ok(());
    }
    let layout = held.expect("a section read is held");
    for (id, level) in layout.items.iter().zip(&raw.levels) {
        match *level {
            UNANSWERED => {}
            l if l <= layout.max => {
                answers.items.insert(id.clone(), level_only(l));
            }
            _ => return Err(ShareError::Damaged),
        }
    }
    shared
        .slots
        .brought
        .extend(layout.items.into_iter().map(Some));
    Ok(())
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
