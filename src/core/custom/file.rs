//! A brought referential as a file (SPEC §13, source 2, and the file a trainer gives to
//! candidates): a `repere.referential` object (`data/FORMAT.md`), pivots optional, with its
//! `provenance`. Reading never trusts the file: size first, then encoding, syntax, format and
//! version, shape, and the rules of [`check`](super::check).

use super::brought::{Brought, Provenance, SOURCE_FILE};
use super::code::{self, arg, failure};
use super::MAX_FILE_BYTES;
use crate::core::exchange::{fr_mib, quote, ImportFailure};
use crate::core::model::Referential;
use serde::Serialize;
use serde_json::Value;

/// The `format` of a referential file.
pub const FORMAT: &str = "repere.referential";
/// The only `version` read and written.
pub const VERSION: u64 = 1;

/// What a file holds, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Xml,
    Json,
    Empty,
    Other,
}

/// Tells an RNCP export from a referential file from anything else, by the first character
/// that is not blank (after a byte order mark).
pub fn sniff(first_bytes: &[u8]) -> Sniffed {
    let body = first_bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(first_bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Sniffed::Empty,
        Some(b'<') => Sniffed::Xml,
        Some(b'{') => Sniffed::Json,
        Some(_) => Sniffed::Other,
    }
}

/// Refuses a file larger than [`MAX_FILE_BYTES`], before reading it.
pub fn check_file_size(len: u64) -> Result<(), ImportFailure> {
    if len > MAX_FILE_BYTES as u64 {
        return Err(failure(
            code::TOO_LARGE,
            vec![
                arg("size_fr", fr_mib(len)),
                arg("limit_fr", fr_mib(MAX_FILE_BYTES as u64)),
                arg("size", len),
                arg("limit", MAX_FILE_BYTES),
            ],
        ));
    }
    Ok(())
}

/// The first line of what the file holds, quoted: a CSV's header or a page's first words say what
/// the file is.
fn start_of(text: &str) -> String {
    quote(text.trim_start().lines().next().unwrap_or("").trim_end())
}

/// Reads a referential file.
pub fn import_referential(bytes: &[u8]) -> Result<Brought, ImportFailure> {
    check_file_size(bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| failure(code::NOT_UTF8_FILE, vec![]))?;
    match sniff(bytes) {
        Sniffed::Json => {}
        Sniffed::Empty => return Err(failure(code::EMPTY, vec![])),
        Sniffed::Xml | Sniffed::Other => {
            return Err(failure(
                code::NOT_XML_OR_JSON,
                vec![arg("start", start_of(text))],
            ))
        }
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let at = vec![arg("line", e.line()), arg("column", e.column())];
        match e.classify() {
            serde_json::error::Category::Eof => failure(code::JSON_TRUNCATED, at),
            _ => failure(code::JSON_SYNTAX, at),
        }
    })?;
    from_value(value)
}

/// A referential from a JSON value already parsed (a file, a stored value, a message posted by
/// the embedding page).
pub fn from_value(mut value: Value) -> Result<Brought, ImportFailure> {
    let Some(top) = value.as_object_mut() else {
        return Err(failure(code::WRONG_FORMAT, vec![arg("format", "—")]));
    };
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(failure(code::WRONG_FORMAT, vec![arg("format", quote(f))]))
        }
        _ => return Err(failure(code::WRONG_FORMAT, vec![arg("format", "—")])),
    }
    match top.get("version") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) if v.as_u64().is_some_and(|n| n > VERSION) => {
            return Err(failure(code::NEWER_VERSION, vec![arg("version", v)]))
        }
        v => {
            let shown = v.map_or("—".to_string(), |v| quote(&v.to_string()));
            return Err(failure(code::VERSION_INVALID, vec![arg("version", shown)]));
        }
    }
    let provenance = match top.remove("provenance") {
        None => Provenance {
            source: SOURCE_FILE.to_string(),
            ..Provenance::default()
        },
        Some(p) => {
            serde_json::from_value(p).map_err(|_| failure(code::PROVENANCE_INVALID, vec![]))?
        }
    };
    let referential: Referential = serde_json::from_value(value).map_err(|e| shape(&e))?;
    let brought = Brought {
        referential,
        provenance,
    };
    super::check::check_brought(&brought)?;
    Ok(brought)
}

/// What serde says of a file of the wrong shape, in plain words (serde's own words for the
/// English message).
fn shape(e: &serde_json::Error) -> ImportFailure {
    let msg = e.to_string();
    let between = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    let detail_fr = if msg.starts_with("unknown field") {
        format!("le champ « {} » n'existe pas dans ce format", between(&msg))
    } else if msg.starts_with("missing field") {
        format!("le champ obligatoire « {} » manque", between(&msg))
    } else if msg.starts_with("unknown variant") {
        format!("la valeur « {} » n'est pas permise", between(&msg))
    } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        "une valeur n'a pas le type attendu (un texte, un nombre ou une liste)".to_string()
    } else {
        "le contenu ne suit pas le format".to_string()
    };
    failure(
        code::JSON_SHAPE,
        vec![arg("detail_fr", detail_fr), arg("detail", msg)],
    )
}

/// The file's shape: the referential's members, then `provenance`.
#[derive(Serialize)]
pub(super) struct FileOut<'a> {
    #[serde(flatten)]
    pub(super) referential: &'a Referential,
    pub(super) provenance: &'a Provenance,
}

/// The file a trainer downloads or gives to candidates: pretty-printed, keys in a stable order.
pub fn export_referential(b: &Brought) -> String {
    serde_json::to_string_pretty(&FileOut {
        referential: &b.referential,
        provenance: &b.provenance,
    })
    .expect("a referential always serialises")
}

/// `<id>.json`.
pub fn file_name(b: &Brought) -> String {
    format!("{}.json", b.referential.id)
}
