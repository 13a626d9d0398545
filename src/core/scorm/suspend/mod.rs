//! `cmi.suspend_data` (SPEC §12): the candidate's answers as the LMS keeps them between sessions,
//! in at most 4,096 characters (SCORM 1.2's CMIString4096; Moodle enforces it by default).
//!
//! ```text
//! repere:1:<saved at>:<levels>[:<notes crc><notes>]
//! ```
//! - `repere:` makes the value self-identifying: anything else is another content's data.
//! - `1` is this format's version; a higher one comes from a newer Repère and is not read.
//! - `<saved at>`: the dossier's `updated_at` to the second (`2026-11-23T10:00:00Z`), so that the
//!   shell can tell whether the browser holds newer answers than the LMS (a commit that failed).
//! - `<levels>`: the share-link payload of `core::share` (levels only, packed 3 bits per slot,
//!   with its own version, layout fingerprint and CRC): about 160 characters for everything the
//!   five hold, plus at most 570 for a brought referential (SPEC §13, 1,000 items), whose
//!   section is read only against the same referential (a package carries its file).
//! - `<notes>`: the evidence notes that fit, as a JSON array of `[slot, text]` pairs (`slot` is
//!   the payload's [`share::Slots`], ascending), preceded by the 8 hex digits of its CRC-32. The
//!   notes have their own check so that an LMS that damages non-ASCII text loses the notes, not
//!   the levels.
//!
//! Notes are added in catalog order while they fit; the ones left out stay in the browser, and
//! [`Encoded::left_out`] names them so that the learner can be told.

use crate::core::answers::Answers;
use crate::core::catalog::Catalog;
use crate::core::dossier::MAX_EVIDENCE_CHARS;
use crate::core::share::{self, crc32, ShareError, Skipped, Slots};
use std::fmt;

/// What every value of this format starts with.
pub const PREFIX: &str = "repere:";
/// The version [`encode`] writes.
pub const VERSION: u32 = 1;
/// SCORM 1.2's limit for `cmi.suspend_data`, in characters.
pub const MAX_CHARS: usize = 4096;

/// Why a `cmi.suspend_data` value is not applied. Each one is reported; none is ever a panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspendError {
    /// Not written by Repère.
    Foreign,
    /// Written by a newer version of Repère.
    NewerVersion,
    /// Cut short (an LMS that truncates long values).
    Truncated,
    /// Changed or broken.
    Damaged,
    /// Written with other referential data (a package with different items).
    OtherCatalog,
}

impl SuspendError {
    /// Stable code; the UI shows the locale text of this key.
    pub fn code(self) -> &'static str {
        match self {
            SuspendError::Foreign => "lms.suspend.foreign",
            SuspendError::NewerVersion => "lms.suspend.newer",
            SuspendError::Truncated => "lms.suspend.truncated",
            SuspendError::Damaged => "lms.suspend.damaged",
            SuspendError::OtherCatalog => "lms.suspend.other_catalog",
        }
    }
}

impl fmt::Display for SuspendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::core::i18n::tr(
            crate::core::i18n::Lang::Fr,
            self.code(),
        ))
    }
}

impl std::error::Error for SuspendError {}

/// A value read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub answers: Answers,
    /// `updated_at` of the dossier when the value was written (`YYYY-MM-DDTHH:MM:SSZ`).
    pub saved_at: String,
    /// The levels were read but the notes were damaged and left out.
    pub notes_damaged: bool,
    /// Brought referentials whose levels were not read: the package's referential is not the one
    /// they were given for (see [`share::Shared::skipped`]).
    pub skipped: Vec<Skipped>,
}

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub text: String,
    /// Full ids of the answered items whose evidence note did not fit (it stays in the browser).
    pub left_out: Vec<String>,
}

/// SCORM counts characters as JavaScript does (UTF-16 code units): an emoji counts twice.
pub fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `2026-11-23T10:00:00.123Z` → `2026-11-23T10:00:00Z`: seconds are precise enough to order two
/// saves and keep the value short. Anything that is not such a timestamp reads as the epoch.
fn to_seconds(timestamp: &str) -> String {
    const EPOCH: &str = "1970-01-01T00:00:00Z";
    let Some(s) = timestamp.get(..19) else {
        return EPOCH.into();
    };
    let ok = s.bytes().enumerate().all(|(i, c)| match i {
        4 | 7 => c == b'-',
        10 => c == b'T',
        13 | 16 => c == b':',
        _ => c.is_ascii_digit(),
    });
    if ok {
        format!("{s}Z")
    } else {
        EPOCH.into()
    }
}

/// Whether `a` is a later moment than `b`, both ISO 8601 UTC timestamps (`updated_at` or
/// [`Restored::saved_at`]), compared to the second.
pub fn later(a: &str, b: &str) -> bool {
    to_seconds(a) > to_seconds(b)
}

/// Encodes `answers` (to the referentials of `catalog`) in at most `max_chars` characters: all
/// levels, then the evidence notes that still fit. `updated_at` is the dossier's.
pub fn encode(answers: &Answers, catalog: &Catalog, updated_at: &str, max_chars: usize) -> Encoded {
    let head = format!(
        "{PREFIX}{VERSION}:{}:{}",
        to_seconds(updated_at).replace(':', "-"),
        share::encode_in(answers, catalog)
    );
    let slots = share::slots_in(answers, catalog);
    let notes: Vec<(usize, &str, &str)> = answers
        .items
        .iter()
        .filter(|(_, a)| !a.evidence.trim().is_empty())
        .filter_map(|(id, a)| {
            slots
                .slot(id)
                .map(|slot| (slot, id.as_str(), a.evidence.as_str()))
        })
        .collect();
    let mut notes = notes;
    notes.sort_by_key(|(slot, _, _)| *slot);

    // ":" + 8 hex digits + "[" + "]", then "," between entries.
    let overhead = 1 + 8 + 2;
    let mut budget = max_chars.saturating_sub(length(&head) + overhead);
    let mut kept: Vec<String> = Vec::new();
    let mut left_out = Vec::new();
    for (slot, id, text) in notes {
        let entry = serde_json::to_string(&(slot, text)).expect("a pair serialises");
        let cost = length(&entry) + usize::from(!kept.is_empty());
        if cost <= budget {
            budget -= cost;
            kept.push(entry);
        } else {
            left_out.push(id.to_owned());
        }
    }
    let text = if kept.is_empty() {
        head
    } else {
        let json = format!("[{}]", kept.join(","));
        format!("{head}:{:08x}{json}", crc32(json.as_bytes()))
    };
    Encoded { text, left_out }
}

/// Reads a value against the referentials of `catalog`. `Ok(None)`: nothing stored yet (a first
/// attempt).
pub fn decode(text: &str, catalog: &Catalog) -> Result<Option<Restored>, SuspendError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let Some(rest) = text.strip_prefix(PREFIX) else {
        return Err(SuspendError::Foreign);
    };
    let (version, rest) = rest.split_once(':').ok_or(SuspendError::Truncated)?;
    let digits = !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit());
    match version.parse::<u32>() {
        Ok(VERSION) if digits => {}
        Ok(v) if digits && v > VERSION => return Err(SuspendError::NewerVersion),
        // A version too large for u32 is a newer one too.
        Err(_) if digits => return Err(SuspendError::NewerVersion),
        _ => return Err(SuspendError::Damaged),
    }
    let (saved_at, rest) = rest.split_once(':').ok_or(SuspendError::Truncated)?;
    if !valid_saved_at(saved_at) {
        return Err(SuspendError::Damaged);
    }
    let (levels, notes) = match rest.split_once(':') {
        Some((levels, notes)) => (levels, Some(notes)),
        None => (rest, None),
    };
    let shared = share::decode_in(levels, catalog).map_err(|e| match e {
        ShareError::Empty | ShareError::Truncated => SuspendError::Truncated,
        ShareError::Damaged => SuspendError::Damaged,
        ShareError::NewerVersion => SuspendError::NewerVersion,
        ShareError::OtherCatalog => SuspendError::OtherCatalog,
    })?;
    let mut answers = shared.answers;
    let notes_damaged = match notes.map(|n| decode_notes(n, &shared.slots)) {
        None => false,
        Some(Some(notes)) => {
            for (id, text) in notes {
                if let Some(answer) = answers.items.get_mut(&id) {
                    answer.evidence = text;
                }
            }
            false
        }
        Some(None) => true,
    };
    Ok(Some(Restored {
        answers,
        saved_at: saved_at.replace('-', ":").replacen(':', "-", 2),
        notes_damaged,
        skipped: shared.skipped,
    }))
}

/// `YYYY-MM-DDTHH-MM-SSZ` (colons are the format's separators, so the time uses dashes).
fn valid_saved_at(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 | 13 | 16 => *c == b'-',
            10 => *c == b'T',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// The notes section, or `None` when it is damaged in any way. A note on an item of a section
/// that was stepped over goes with it.
fn decode_notes(section: &str, slots: &Slots) -> Option<Vec<(String, String)>> {
    let (crc, json) = (section.get(..8)?, section.get(8..)?);
    if u32::from_str_radix(crc, 16).ok()? != crc32(json.as_bytes())
        || !crc
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return None;
    }
    let pairs: Vec<(usize, String)> = serde_json::from_str(json).ok()?;
    let mut out = Vec::with_capacity(pairs.len());
    let mut last = None;
    for (slot, text) in pairs {
        // Ascending, known slots, non-empty notes within the dossier's limit: what encode writes.
        if last.is_some_and(|l| slot <= l)
            || text.trim().is_empty()
            || text.chars().count() > MAX_EVIDENCE_CHARS
        {
            return None;
        }
        last = Some(slot);
        if slot >= slots.len() {
            return None;
        }
        if let Some(id) = slots.item(slot) {
            out.push((id.to_owned(), text));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests;
