//! A brought referential in a link (SPEC §13 b): `#/referentiel-partage/<payload>`, the
//! referential file compressed by the browser's own `CompressionStream('deflate-raw')`, so that a
//! trainer can hand a referential to candidates with no server and no file to attach.
//!
//! Payload (bytes, then base64url without padding, as share links):
//! ```text
//! [0]       format version (1)
//! [1..5]    CRC-32 of the referential file (the bytes before compression), big-endian
//! [5..9]    length of the compressed bytes that follow, big-endian
//! [9..]     the file, deflate-raw (RFC 1951)
//! ```
//! The core does not compress: the shell does, with the browser's streams; the core frames the
//! bytes, tells a cut link from a damaged one before anything is inflated (the length), and checks
//! the inflated file (the CRC) before it is read like any imported file
//! ([`import_referential`](super::file::import_referential)).
//!
//! **Limit**: the fragment, `#/referentiel-partage/` included, is at most [`MAX_FRAGMENT_CHARS`]
//! (32 KiB). A fragment never reaches a server, so HTTP's limits on a request line (8 KiB on most
//! servers) do not apply; what limits a link is where it travels and opens: 32 KiB stays under
//! a Slack message (40,000 characters), the address bars of Chromium (2 MB) and Firefox (1 MB)
//! and Safari's practical limit (about 80,000), and is still a link someone can paste. About
//! 300 items of 150 characters, a fiche's raw lists included (measured by the browser tests of
//! the link: 250 such items make 26,900 characters); the page promises about 200, as a fiche's
//! items are often longer. A typical fiche of 4 to 6 blocks and 30 to 60 items makes a link of
//! 4,000 to 8,000 characters. Beyond it, the file.

use crate::core::share::{base64url_decode, base64url_encode, crc32, ShareError};
use std::fmt;

/// The route of a referential link; the payload follows it.
pub const HASH_PREFIX: &str = "#/referentiel-partage/";
/// The version byte written.
pub const VERSION: u8 = 1;
/// Longest fragment made or opened, `#/referentiel-partage/` included: 32 KiB.
pub const MAX_FRAGMENT_CHARS: usize = 32 * 1024;
const HEADER: usize = 1 + 4 + 4;

/// Why a referential link cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    /// Cut short.
    Truncated,
    /// Changed, or not a referential link.
    Damaged,
    /// Made by a newer Repère.
    NewerVersion,
    /// Longer than [`MAX_FRAGMENT_CHARS`]: not made by Repère.
    TooLong,
}

impl LinkError {
    /// Stable code: the locale key of its message.
    pub fn code(self) -> &'static str {
        match self {
            LinkError::Empty => "referential_link.empty",
            LinkError::Truncated => "referential_link.truncated",
            LinkError::Damaged => "referential_link.damaged",
            LinkError::NewerVersion => "referential_link.newer_version",
            LinkError::TooLong => "referential_link.too_long",
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::core::i18n::tr(
            crate::core::i18n::Lang::Fr,
            self.code(),
        ))
    }
}

impl std::error::Error for LinkError {}

/// The payload of a link for `file` (the referential file's bytes), given `deflated`, the same
/// bytes compressed in deflate-raw form by the shell.
pub fn payload(file: &[u8], deflated: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(HEADER + deflated.len());
    bytes.push(VERSION);
    bytes.extend_from_slice(&crc32(file).to_be_bytes());
    bytes.extend_from_slice(&(deflated.len() as u32).to_be_bytes());
    bytes.extend_from_slice(deflated);
    base64url_encode(&bytes)
}

/// The fragment for `payload`, `#/referentiel-partage/<payload>`.
pub fn hash(payload: &str) -> String {
    format!("{HASH_PREFIX}{payload}")
}

/// Whether a link with `payload` is within the limit.
pub fn fits(payload: &str) -> bool {
    HASH_PREFIX.len() + payload.len() <= MAX_FRAGMENT_CHARS
}

/// A link's content before inflation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// The file in deflate-raw form, for the shell to inflate.
    pub deflated: Vec<u8>,
    crc: u32,
}

impl Packed {
    /// Checks the inflated file against the CRC the link carries.
    pub fn check(&self, file: &[u8]) -> Result<(), LinkError> {
        if crc32(file) == self.crc {
            Ok(())
        } else {
            Err(LinkError::Damaged)
        }
    }
}

/// Reads a payload (what follows `#/referentiel-partage/`; whitespace around it is ignored).
pub fn open(payload: &str) -> Result<Packed, LinkError> {
    let p = payload.trim();
    if p.is_empty() {
        return Err(LinkError::Empty);
    }
    if p.ends_with('…') || p.ends_with("...") {
        return Err(LinkError::Truncated);
    }
    if HASH_PREFIX.len() + p.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLong);
    }
    let (bytes, canonical) = base64url_decode(p).map_err(|e| match e {
        ShareError::Truncated => LinkError::Truncated,
        _ => LinkError::Damaged,
    })?;
    if bytes.len() < HEADER {
        return Err(LinkError::Truncated);
    }
    match bytes[0] {
        VERSION => {}
        0 => return Err(LinkError::Damaged),
        _ => return Err(LinkError::NewerVersion),
    }
    let crc = u32::from_be_bytes(bytes[1..5].try_into().expect("4 bytes"));
    let len = u32::from_be_bytes(bytes[5..9].try_into().expect("4 bytes")) as usize;
    let deflated = &bytes[HEADER..];
    if deflated.len() < len {
        return Err(LinkError::Truncated);
    }
    if deflated.len() > len || !canonical {
        return Err(LinkError::Damaged);
    }
    Ok(Packed {
        deflated: deflated.to_vec(),
        crc,
    })
}

#[cfg(test)]
mod tests;
