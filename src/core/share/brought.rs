//! The sections of a version 2 payload: one per brought referential (SPEC §13) the answers touch.
//!
//! ```text
//! [1]            id length L (1–40)
//! [L]            referential id (ASCII, `[a-z0-9-]`)
//! [4]            CRC-32 of the referential's section layout (id, scale, rated item ids in order)
//! [2]            number N of rated items (big-endian, 1–1,000)
//! [ceil(3N/8)]   3 bits per rated item, MSB first (0–5 = level, 7 = unanswered), zero padding
//! ```
//! The sections are preceded by their total length in bytes (2 bytes, big-endian), so that a
//! payload cut short is told apart from a damaged one, and follow each other in ascending id
//! order. The count lets a recipient that lacks the
//! referential (or holds an edited one: its layout CRC differs) step over the section and still
//! read the rest; it is then listed in [`Skipped`].

use super::{crc32, BitReader, BitWriter, ShareError, BITS, UNANSWERED};
use crate::core::answers::{full_id, Answers, ECF_MAX, GENERIC_MAX};
use crate::core::catalog::Catalog;
use crate::core::custom::{valid_referential_id, MAX_ITEMS};
use crate::core::model::{Referential, Scale};

/// A brought referential as the payload lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SectionLayout {
    pub id: String,
    pub max: u8,
    /// Full ids of its rated items, in document order.
    pub items: Vec<String>,
    pub crc: u32,
}

impl SectionLayout {
    pub fn of(r: &Referential) -> SectionLayout {
        let max = match r.scale {
            Scale::Ecf => ECF_MAX,
            Scale::Generic => GENERIC_MAX,
        };
        let ids: Vec<&str> = r.rated_items().iter().map(|i| i.item.id.as_str()).collect();
        let text = format!("repere.share.section\n{}:{max}:{}\n", r.id, ids.join(","));
        SectionLayout {
            id: r.id.clone(),
            max,
            items: ids.iter().map(|i| full_id(&r.id, i)).collect(),
            crc: crc32(text.as_bytes()),
        }
    }

    fn level(&self, answers: &Answers, id: &str) -> Option<u8> {
        answers
            .items
            .get(id)
            .map(|a| a.level)
            .filter(|l| *l <= self.max)
    }
}

/// The brought referentials of `catalog` that `answers` hold a valid level for, in payload order
/// (ascending id).
pub(super) fn answered(catalog: &Catalog, answers: &Answers) -> Vec<SectionLayout> {
    let mut out: Vec<SectionLayout> = catalog
        .brought()
        .iter()
        .filter(|r| !catalog.is_bundled(&r.id) && valid_referential_id(&r.id))
        .map(SectionLayout::of)
        .filter(|s| (1..=MAX_ITEMS).contains(&s.items.len()))
        .filter(|s| s.items.iter().any(|id| s.level(answers, id).is_some()))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

pub(super) fn write(section: &SectionLayout, answers: &Answers, out: &mut Vec<u8>) {
    out.push(section.id.len() as u8);
    out.extend_from_slice(section.id.as_bytes());
    out.extend_from_slice(&section.crc.to_be_bytes());
    out.extend_from_slice(&(section.items.len() as u16).to_be_bytes());
    let mut bits = BitWriter::default();
    for id in &section.items {
        bits.push(section.level(answers, id).unwrap_or(UNANSWERED));
    }
    out.extend(bits.finish());
}

/// Why a section was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// The recipient has no referential with this id.
    Missing,
    /// The recipient's referential with this id has other rated items (edited since the link
    /// was made, or another referential that took the same id).
    Changed,
}

/// A section of the payload that was stepped over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub referential: String,
    pub reason: SkipReason,
    /// How many of its items had an answer: what the recipient does not see.
    pub answered: usize,
}

/// One section as read from the bytes.
pub(super) struct RawSection<'a> {
    pub id: &'a str,
    pub crc: u32,
    pub levels: Vec<u8>,
}

/// Bytes the section starting at `at` takes, `None` when its header runs past the end.
fn section_len(bytes: &[u8], at: usize) -> Option<usize> {
    let id_len = *bytes.get(at)? as usize;
    let count_at = at + 1 + id_len + 4;
    let count = bytes.get(count_at..count_at + 2)?;
    let n = u16::from_be_bytes([count[0], count[1]]) as usize;
    Some(1 + id_len + 4 + 2 + (n * BITS as usize).div_ceil(8))
}

/// Reads every section of `bytes` (what the sections' length announces): well formed, ids valid,
/// not bundled, strictly ascending, each with at least one answer and zero padding.
pub(super) fn read_all<'a>(
    bytes: &'a [u8],
    catalog: &Catalog,
) -> Result<Vec<RawSection<'a>>, ShareError> {
    let mut out: Vec<RawSection<'a>> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let len = section_len(bytes, at).ok_or(ShareError::Damaged)?;
        let section = bytes.get(at..at + len).ok_or(ShareError::Damaged)?;
        at += len;
        let id_len = section[0] as usize;
        let id = std::str::from_utf8(&section[1..1 + id_len]).map_err(|_| ShareError::Damaged)?;
        let crc = u32::from_be_bytes(section[1 + id_len..5 + id_len].try_into().unwrap());
        let n = u16::from_be_bytes([section[5 + id_len], section[6 + id_len]]) as usize;
        let ascending = out.last().is_none_or(|last| last.id < id);
        if !valid_referential_id(id) || catalog.is_bundled(id) || !ascending {
            return Err(ShareError::Damaged);
        }
        if !(1..=MAX_ITEMS).contains(&n) {
            return Err(ShareError::Damaged);
        }
        let mut bits = BitReader {
            bytes: &section[7 + id_len..],
            pos: 0,
        };
        let levels: Vec<u8> = (0..n).map(|_| bits.read()).collect();
        let answered = levels.iter().any(|l| *l != UNANSWERED);
        if !answered || levels.contains(&6) || !bits.rest_is_zero() {
            return Err(ShareError::Damaged);
        }
        out.push(RawSection { id, crc, levels });
    }
    if out.is_empty() {
        // A payload without any section is written as version 1.
        return Err(ShareError::Damaged);
    }
    Ok(out)
}
