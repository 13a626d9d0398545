//! A zip archive of stored (uncompressed) entries: the SCORM package a trainer downloads for a
//! brought referential is built in the browser (SPEC §13 d), from the app's own files, with no
//! server and no compression library. Stored entries need only the CRC-32 the share links
//! already compute; the app's files are a couple of megabytes, which LMSs take as they are.
//!
//! [`ZipWriter`] gives the bytes that go around each file (its local header, then the central
//! directory at the end), so that the shell can assemble the archive from the files' own buffers
//! without copying them into one; [`write`] assembles it in memory. Zip32 only: each file and the
//! whole archive under 4 GiB, at most 65,535 entries. Every entry carries the same date (the one
//! `make scorm`'s packages carry), so the same files give the same archive.

use crate::core::share::crc32;
use std::collections::HashSet;
use std::fmt;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// Version 2.0 of the format, made on Unix (so that the permissions below are read).
const VERSION_MADE_BY: u16 = 0x0314;
const VERSION_NEEDED: u16 = 20;
/// The name is UTF-8 (general purpose flag bit 11).
const UTF8_NAME: u16 = 1 << 11;
const STORED: u16 = 0;
/// 2026-01-01 00:00:00 in MS-DOS form (date: years since 1980, month, day; time: zero).
const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// `-rw-r--r--`, a regular file.
const UNIX_FILE_MODE: u32 = 0o100_644 << 16;

/// Why an archive cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// Not a plain relative path (`a/b.txt`): empty, absolute, with `..`, `\` or control
    /// characters, or too long.
    BadName(String),
    Duplicate(String),
    /// Over zip32's limits (4 GiB, 65,535 entries).
    TooLarge,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::BadName(n) => write!(f, "not a relative path inside the archive: {n}"),
            ZipError::Duplicate(n) => write!(f, "twice in the archive: {n}"),
            ZipError::TooLarge => f.write_str("over the 4 GiB or 65,535 entries of a zip archive"),
        }
    }
}

impl std::error::Error for ZipError {}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= usize::from(u16::MAX)
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.chars().any(char::is_control)
        && name
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// Writes an archive piece by piece: for each file, [`ZipWriter::entry`] gives the header to
/// write just before the file's bytes; [`ZipWriter::finish`] the directory that ends it.
#[derive(Debug, Default)]
pub struct ZipWriter {
    central: Vec<u8>,
    /// Bytes written so far: where the next local header starts.
    offset: u64,
    count: usize,
    names: HashSet<String>,
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

impl ZipWriter {
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// The local header of a file named `name` holding `data`; write it, then `data` itself.
    pub fn entry(&mut self, name: &str, data: &[u8]) -> Result<Vec<u8>, ZipError> {
        if !valid_name(name) {
            return Err(ZipError::BadName(name.to_owned()));
        }
        if !self.names.insert(name.to_owned()) {
            return Err(ZipError::Duplicate(name.to_owned()));
        }
        let size = u32::try_from(data.len()).map_err(|_| ZipError::TooLarge)?;
        let offset = u32::try_from(self.offset).map_err(|_| ZipError::TooLarge)?;
        self.count += 1;
        if self.count > usize::from(u16::MAX) {
            return Err(ZipError::TooLarge);
        }
        let crc = crc32(data);
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };
        let name_len = name.len() as u16;

        let mut local = Vec::with_capacity(30 + name.len());
        u32le(&mut local, LOCAL_HEADER);
        u16le(&mut local, VERSION_NEEDED);
        for v in [flags, STORED, DOS_TIME, DOS_DATE] {
            u16le(&mut local, v);
        }
        for v in [crc, size, size] {
            u32le(&mut local, v);
        }
        u16le(&mut local, name_len);
        u16le(&mut local, 0); // no extra field
        local.extend_from_slice(name.as_bytes());

        let c = &mut self.central;
        u32le(c, CENTRAL_HEADER);
        u16le(c, VERSION_MADE_BY);
        u16le(c, VERSION_NEEDED);
        for v in [flags, STORED, DOS_TIME, DOS_DATE] {
            u16le(c, v);
        }
        for v in [crc, size, size] {
            u32le(c, v);
        }
        // Name length; no extra field, no comment; disk 0; internal attributes none.
        for v in [name_len, 0, 0, 0, 0] {
            u16le(c, v);
        }
        u32le(c, UNIX_FILE_MODE);
        u32le(c, offset);
        c.extend_from_slice(name.as_bytes());

        self.offset += (local.len() + data.len()) as u64;
        Ok(local)
    }

    /// The central directory and its end record: the archive's last bytes.
    pub fn finish(self) -> Result<Vec<u8>, ZipError> {
        let count = u16::try_from(self.count).map_err(|_| ZipError::TooLarge)?;
        let size = u32::try_from(self.central.len()).map_err(|_| ZipError::TooLarge)?;
        let offset = u32::try_from(self.offset).map_err(|_| ZipError::TooLarge)?;
        if self.offset + u64::from(size) + 22 > u64::from(u32::MAX) {
            return Err(ZipError::TooLarge);
        }
        let mut out = self.central;
        u32le(&mut out, END_OF_CENTRAL_DIRECTORY);
        // This disk, the disk where the directory starts, then its entries on this disk and in
        // all.
        for v in [0, 0, count, count] {
            u16le(&mut out, v);
        }
        u32le(&mut out, size);
        u32le(&mut out, offset);
        u16le(&mut out, 0); // no comment
        Ok(out)
    }
}

/// The archive of `entries` (name, bytes), in their order.
pub fn write<'a>(
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<u8>, ZipError> {
    let mut w = ZipWriter::new();
    let mut out = Vec::new();
    for (name, data) in entries {
        out.extend(w.entry(name, data)?);
        out.extend_from_slice(data);
    }
    out.extend(w.finish()?);
    Ok(out)
}

#[cfg(test)]
mod tests;
