//! Export and import of a dossier as a file (SPEC §7). Pure functions: the shell reads the file's
//! bytes and passes them in, and stores what comes out.
//!
//! Export file (`application/json`, UTF-8, pretty-printed, keys in a stable order):
//! ```json
//! { "format": "repere.dossier", "version": 1, "app_version": "0.1.0",
//!   "exported_at": "2026-11-23T10:00:00Z",
//!   "dossier": { "id": "…", "name": "Camille", "created_at": "…", "updated_at": "…",
//!     "quick": { "referencement": 3 },
//!     "items": { "charge-developpement-commercial/C2.1.3": { "level": 3, "evidence": "…" } } } }
//! ```
//!
//! Import never trusts the file: the size is checked before anything is read, the text is parsed
//! by a small non-recursive JSON reader (so that deeply nested input cannot exhaust the stack,
//! duplicate keys are seen instead of silently keeping the last one, and numbers keep the text
//! the file wrote), and every field is checked against the bundled catalog. A file that cannot be
//! used as a whole gives an [`ImportFailure`]; answers that cannot be kept (unknown ids, levels
//! off the scale, wrong types) are skipped with one warning each. Every problem carries a stable
//! `code` (see [`code`]), a plain-French message and the values inserted in it, so that the UI
//! can also render it from a translated template.
//!
//! Import flow for the shell:
//! 1. If the browser gives the file size, refuse early with [`check_size`]; read the bytes.
//! 2. [`import_dossier`]: show the failure, or show the warnings with the imported dossier.
//! 3. [`conflicts`] against the freshest index: [`ImportChoice::New`] stores the dossier as it is;
//!    [`ImportChoice::SameId`] asks « Importer comme nouveau dossier » ([`as_new`], with a fresh id)
//!    or « Remplacer » after an explicit confirmation ([`replacing`]). Never overwrite silently.

use super::answers::{Answers, ItemAnswer, GENERIC_MAX};
use super::catalog::catalog;
use super::dossier::{
    item_max, normalize_name, pivot_known, valid_id, Dossier, DossierIndex, DossierMeta,
    MAX_EVIDENCE_CHARS, MAX_NAME_CHARS,
};
use super::i18n::{tr_with, Lang};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The `format` of an export file.
pub const FORMAT: &str = "repere.dossier";
/// The `version` written by [`export_dossier`], the only one [`import_dossier`] reads.
pub const FORMAT_VERSION: u64 = 1;
/// Media type of an export file.
pub const MIME_TYPE: &str = "application/json";
/// Largest file [`import_dossier`] reads: 1 MiB.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and objects accepted. An export is 4 levels deep.
pub const MAX_DEPTH: usize = 32;
/// Warnings listed one by one; beyond, one summary warning counts the rest.
pub const MAX_LISTED_PROBLEMS: usize = 50;
/// Suffix given to the name of a dossier imported next to the one it was exported from.
pub const IMPORTED_SUFFIX: &str = " (importé)";

/// Stable problem codes, for the UI to pick a translated template (`args` fill it in).
pub mod code {
    // Failures: the file as a whole is unusable.
    pub const TOO_LARGE: &str = "import.too_large";
    pub const EMPTY: &str = "import.empty";
    pub const NOT_UTF8: &str = "import.not_utf8";
    pub const UTF16: &str = "import.utf16";
    pub const NOT_JSON: &str = "import.not_json";
    pub const TRUNCATED: &str = "import.truncated";
    pub const JSON_UNEXPECTED: &str = "import.json_unexpected";
    pub const JSON_CONTROL_CHAR: &str = "import.json_control_char";
    pub const JSON_ESCAPE: &str = "import.json_escape";
    pub const JSON_NUMBER: &str = "import.json_number";
    pub const JSON_TRAILING: &str = "import.json_trailing";
    pub const TOO_DEEP: &str = "import.too_deep";
    pub const DUPLICATE_KEY: &str = "import.duplicate_key";
    pub const NOT_OBJECT: &str = "import.not_object";
    pub const FORMAT_MISSING: &str = "import.format_missing";
    pub const WRONG_FORMAT: &str = "import.wrong_format";
    pub const VERSION_MISSING: &str = "import.version_missing";
    pub const VERSION_INVALID: &str = "import.version_invalid";
    pub const NEWER_VERSION: &str = "import.newer_version";
    pub const DOSSIER_MISSING: &str = "import.dossier_missing";
    pub const WRONG_TYPE: &str = "import.wrong_type";
    // Warnings: something was skipped or adjusted, the rest is imported.
    pub const UNKNOWN_FIELD: &str = "import.unknown_field";
    pub const FIELD_IGNORED: &str = "import.field_ignored";
    pub const ID_REPLACED: &str = "import.id_replaced";
    pub const NAME_MISSING: &str = "import.name_missing";
    pub const DATE_INVALID: &str = "import.date_invalid";
    pub const UNKNOWN_PIVOT: &str = "import.unknown_pivot";
    pub const UNKNOWN_ITEM: &str = "import.unknown_item";
    pub const UNRATED_ITEM: &str = "import.unrated_item";
    pub const ANSWER_WRONG_TYPE: &str = "import.answer_wrong_type";
    pub const LEVEL_MISSING: &str = "import.level_missing";
    pub const LEVEL_WRONG_TYPE: &str = "import.level_wrong_type";
    pub const LEVEL_OUT_OF_RANGE: &str = "import.level_out_of_range";
    pub const EVIDENCE_WRONG_TYPE: &str = "import.evidence_wrong_type";
    pub const EVIDENCE_TRUNCATED: &str = "import.evidence_truncated";
    pub const MORE_PROBLEMS: &str = "import.more_problems";
}

// ---------------------------------------------------------------------------------------------
// Problems

/// One problem found in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// Stable code, one of [`code`]: the key of its template in `locales/*.json`.
    pub code: &'static str,
    /// The values inserted in the template by name (`id`, `level`, `line`, `column`…; `*_fr`
    /// variants are French renderings the French template uses).
    pub args: Vec<(&'static str, String)>,
}

impl ImportProblem {
    fn new(code: &'static str, args: Vec<(&'static str, String)>) -> Self {
        ImportProblem { code, args }
    }

    /// The message in `lang`, from the locale templates (like `dossier::StorageNotice::render`).
    pub fn render(&self, lang: Lang) -> String {
        tr_with(lang, self.code, &self.arg_pairs())
    }

    /// The plain-French message for the candidate (also the `Display` text).
    pub fn message_fr(&self) -> String {
        self.render(Lang::Fr)
    }

    /// The arguments as `i18n::tr_with` takes them, to fill the template of `code`.
    fn arg_pairs(&self) -> Vec<(&str, &str)> {
        self.args.iter().map(|(n, v)| (*n, v.as_str())).collect()
    }

    /// The value of argument `name`, if the message has one.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_fr())
    }
}

/// The file cannot be imported; `problems` says why (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFailure {
    pub problems: Vec<ImportProblem>,
}

impl ImportFailure {
    fn one(problem: ImportProblem) -> Self {
        ImportFailure {
            problems: vec![problem],
        }
    }

    /// The code of the first problem (the main reason).
    pub fn code(&self) -> &'static str {
        self.problems.first().map_or(code::EMPTY, |p| p.code)
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self
            .problems
            .iter()
            .map(ImportProblem::message_fr)
            .collect();
        f.write_str(&messages.join("\n"))
    }
}

impl std::error::Error for ImportFailure {}

/// A successfully read file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The dossier as exported, with revision 0; only valid answers are kept.
    pub dossier: Dossier,
    /// What was skipped or adjusted, in file order (capped, see [`MAX_LISTED_PROBLEMS`]).
    pub warnings: Vec<ImportProblem>,
    /// The exporting version of Repère, when the file says it.
    pub app_version: Option<String>,
    /// When the file was exported, when the file says it.
    pub exported_at: Option<String>,
}

/// Collects warnings, listing the first [`MAX_LISTED_PROBLEMS`] and counting the rest.
#[derive(Default)]
struct Warnings {
    listed: Vec<ImportProblem>,
    more: usize,
}

impl Warnings {
    fn push(&mut self, p: ImportProblem) {
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(p);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<ImportProblem> {
        if self.more > 0 {
            let n = self.more;
            self.listed.push(ImportProblem::new(
                code::MORE_PROBLEMS,
                vec![
                    ("count", n.to_string()),
                    ("count_fr", fr_int(n as u64)),
                    ("plural_fr", plural(n).to_string()),
                ],
            ));
        }
        self.listed
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// `1234567` → `1 234 567` (no-break spaces, French style).
fn fr_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// A size in MiB with one decimal, French style, rounded up so that anything over the limit
/// never reads as the limit itself: `1,4 Mio`.
fn fr_mib(bytes: u64) -> String {
    let tenths = (u128::from(bytes) * 10).div_ceil(MAX_IMPORT_BYTES as u128);
    format!("{},{} Mio", fr_int((tenths / 10) as u64), tenths % 10)
}

/// A piece of the file quoted in a message: control characters shown as `U+XXXX`, at most
/// 40 characters.
fn quote(text: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Export

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    app_version: &'a str,
    exported_at: &'a str,
    dossier: DossierOut<'a>,
}

#[derive(Serialize)]
struct DossierOut<'a> {
    id: &'a str,
    name: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    quick: &'a BTreeMap<String, u8>,
    items: BTreeMap<&'a str, ItemOut<'a>>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    level: u8,
    evidence: &'a str,
}

/// The export file of a dossier (SPEC §7): pretty-printed JSON with a final newline, keys in the
/// order of the SPEC, pivot and item ids sorted. The revision is not exported (it only orders the
/// writes of one browser's tabs).
pub fn export_dossier(d: &Dossier, app_version: &str, exported_at: &str) -> String {
    let file = FileOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        app_version,
        exported_at,
        dossier: DossierOut {
            id: &d.id,
            name: &d.name,
            created_at: &d.created_at,
            updated_at: &d.updated_at,
            quick: &d.answers.quick,
            items: d
                .answers
                .items
                .iter()
                .map(|(id, a)| {
                    (
                        id.as_str(),
                        ItemOut {
                            level: a.level,
                            evidence: &a.evidence,
                        },
                    )
                })
                .collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&file).expect("an export always serialises");
    text.push('\n');
    text
}

/// `repere-<name as an ASCII slug>-<date>.json`, e.g. `repere-camille-2026-11-23.json`. `date`
/// may be a full ISO-8601 time (only the date part is used).
pub fn export_file_name(d: &Dossier, date: &str) -> String {
    let mut slug = String::new();
    for c in super::text::fold(&d.name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "dossier" } else { slug };
    let day: String = date
        .split('T')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .take(10)
        .collect();
    if day.is_empty() {
        format!("repere-{slug}.json")
    } else {
        format!("repere-{slug}-{day}.json")
    }
}

// ---------------------------------------------------------------------------------------------
// JSON reader

/// A small JSON reader that keeps what validation needs: positions, every member of an object
/// in order (duplicates included) and numbers as written. It is iterative (an explicit stack),
/// so nesting is limited by [`MAX_DEPTH`] and never by the call stack.
mod json {
    use super::MAX_DEPTH;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Pos {
        /// 1-based.
        pub line: u32,
        /// 1-based, in characters.
        pub column: u32,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Null,
        Bool(bool),
        /// The number as written in the file (valid JSON number syntax).
        Number(String),
        String(String),
        Array(Vec<Node>),
        Object(Vec<Member>),
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Node {
        pub value: Value,
        pub pos: Pos,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Member {
        pub key: String,
        pub key_pos: Pos,
        pub node: Node,
    }

    impl Node {
        pub fn get(&self, key: &str) -> Option<&Node> {
            match &self.value {
                Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.node),
                _ => None,
            }
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Expected {
        Value,
        Key,
        Colon,
        CommaOrBracket,
        CommaOrBrace,
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum ErrorKind {
        /// The text ends before the value does.
        Eof,
        Unexpected {
            found: char,
            expected: Expected,
            /// Whether nothing had been read yet (the file does not even start as JSON).
            at_start: bool,
        },
        ControlInString(char),
        BadEscape,
        LoneSurrogate,
        BadNumber,
        Trailing(char),
        TooDeep,
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Error {
        pub kind: ErrorKind,
        pub pos: Pos,
    }

    enum Frame {
        Array {
            items: Vec<Node>,
            pos: Pos,
        },
        Object {
            members: Vec<Member>,
            pos: Pos,
            key: Option<(String, Pos)>,
        },
    }

    struct Reader<'a> {
        text: &'a str,
        bytes: &'a [u8],
        i: usize,
        line: u32,
        column: u32,
    }

    impl<'a> Reader<'a> {
        fn pos(&self) -> Pos {
            Pos {
                line: self.line,
                column: self.column,
            }
        }

        fn peek(&self) -> Option<u8> {
            self.bytes.get(self.i).copied()
        }

        /// The character at the current position (for messages).
        fn current_char(&self) -> char {
            self.text[self.i..].chars().next().unwrap_or('\0')
        }

        fn bump(&mut self) {
            let b = self.bytes[self.i];
            self.i += 1;
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
        }

        fn err(&self, kind: ErrorKind) -> Error {
            Error {
                kind,
                pos: self.pos(),
            }
        }

        fn unexpected(&self, expected: Expected, at_start: bool) -> Error {
            match self.peek() {
                None => self.err(ErrorKind::Eof),
                Some(_) => self.err(ErrorKind::Unexpected {
                    found: self.current_char(),
                    expected,
                    at_start,
                }),
            }
        }

        fn skip_ws(&mut self) {
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.bump();
            }
        }

        fn literal(
            &mut self,
            word: &[u8],
            value: Value,
            pos: Pos,
            at_start: bool,
        ) -> Result<Node, Error> {
            for &expected in word {
                match self.peek() {
                    None => return Err(self.err(ErrorKind::Eof)),
                    Some(b) if b == expected => self.bump(),
                    Some(_) => return Err(self.unexpected(Expected::Value, at_start)),
                }
            }
            Ok(Node { value, pos })
        }

        fn digits(&mut self) -> Result<(), Error> {
            match self.peek() {
                None => return Err(self.err(ErrorKind::Eof)),
                Some(b'0'..=b'9') => {}
                Some(_) => return Err(self.err(ErrorKind::BadNumber)),
            }
            while let Some(b'0'..=b'9') = self.peek() {
                self.bump();
            }
            Ok(())
        }

        fn number(&mut self, pos: Pos) -> Result<Node, Error> {
            let start = self.i;
            if self.peek() == Some(b'-') {
                self.bump();
            }
            match self.peek() {
                Some(b'0') => self.bump(),
                _ => self.digits()?,
            }
            if self.peek() == Some(b'.') {
                self.bump();
                self.digits()?;
            }
            if let Some(b'e' | b'E') = self.peek() {
                self.bump();
                if let Some(b'+' | b'-') = self.peek() {
                    self.bump();
                }
                self.digits()?;
            }
            Ok(Node {
                value: Value::Number(self.text[start..self.i].to_string()),
                pos,
            })
        }

        fn hex4(&mut self) -> Result<u32, Error> {
            let mut n = 0;
            for _ in 0..4 {
                let d = match self.peek() {
                    None => return Err(self.err(ErrorKind::Eof)),
                    Some(b) => (b as char)
                        .to_digit(16)
                        .ok_or_else(|| self.err(ErrorKind::BadEscape))?,
                };
                self.bump();
                n = n * 16 + d;
            }
            Ok(n)
        }

        /// A string; the current byte is the opening quote.
        fn string(&mut self) -> Result<String, Error> {
            self.bump();
            let mut out = String::new();
            loop {
                let start = self.i;
                while let Some(b) = self.peek() {
                    if b == b'"' || b == b'\\' || b < 0x20 {
                        break;
                    }
                    self.bump();
                }
                out.push_str(&self.text[start..self.i]);
                match self.peek() {
                    None => return Err(self.err(ErrorKind::Eof)),
                    Some(b'"') => {
                        self.bump();
                        return Ok(out);
                    }
                    Some(b'\\') => {
                        let escape_pos = self.pos();
                        self.bump();
                        let c = match self.peek() {
                            None => return Err(self.err(ErrorKind::Eof)),
                            Some(b'"') => '"',
                            Some(b'\\') => '\\',
                            Some(b'/') => '/',
                            Some(b'b') => '\u{8}',
                            Some(b'f') => '\u{c}',
                            Some(b'n') => '\n',
                            Some(b'r') => '\r',
                            Some(b't') => '\t',
                            Some(b'u') => {
                                self.bump();
                                let c = self.unicode_escape(escape_pos)?;
                                out.push(c);
                                continue;
                            }
                            Some(_) => return Err(self.err(ErrorKind::BadEscape)),
                        };
                        self.bump();
                        out.push(c);
                    }
                    Some(_) => {
                        return Err(self.err(ErrorKind::ControlInString(self.current_char())))
                    }
                }
            }
        }

        /// After `\u`: four hex digits, and a low surrogate escape after a high one.
        fn unicode_escape(&mut self, escape_pos: Pos) -> Result<char, Error> {
            let lone = Error {
                kind: ErrorKind::LoneSurrogate,
                pos: escape_pos,
            };
            let n = self.hex4()?;
            let code = match n {
                0xD800..=0xDBFF => {
                    for expected in [b'\\', b'u'] {
                        match self.peek() {
                            None => return Err(self.err(ErrorKind::Eof)),
                            Some(b) if b == expected => self.bump(),
                            Some(_) => return Err(lone),
                        }
                    }
                    let low = self.hex4()?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return Err(lone);
                    }
                    0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00)
                }
                0xDC00..=0xDFFF => return Err(lone),
                n => n,
            };
            char::from_u32(code).ok_or(lone)
        }

        /// `"key" :` inside an object.
        fn key(&mut self) -> Result<(String, Pos), Error> {
            self.skip_ws();
            let pos = self.pos();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected(Expected::Key, false));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected(Expected::Colon, false));
            }
            self.bump();
            Ok((key, pos))
        }
    }

    /// Parses one JSON value surrounded by optional whitespace.
    pub fn parse(text: &str) -> Result<Node, Error> {
        let mut r = Reader {
            text,
            bytes: text.as_bytes(),
            i: 0,
            line: 1,
            column: 1,
        };
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            r.skip_ws();
            let pos = r.pos();
            // With nothing open, this is the root value: the very start of the data.
            let at_start = stack.is_empty();
            let mut node = match r.peek() {
                None => return Err(r.err(ErrorKind::Eof)),
                Some(open @ (b'{' | b'[')) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(r.err(ErrorKind::TooDeep));
                    }
                    r.bump();
                    r.skip_ws();
                    if open == b'[' {
                        if r.peek() == Some(b']') {
                            r.bump();
                            Node {
                                value: Value::Array(Vec::new()),
                                pos,
                            }
                        } else {
                            stack.push(Frame::Array {
                                items: Vec::new(),
                                pos,
                            });
                            continue 'value;
                        }
                    } else if r.peek() == Some(b'}') {
                        r.bump();
                        Node {
                            value: Value::Object(Vec::new()),
                            pos,
                        }
                    } else {
                        let key = r.key()?;
                        stack.push(Frame::Object {
                            members: Vec::new(),
                            pos,
                            key: Some(key),
                        });
                        continue 'value;
                    }
                }
                Some(b'"') => Node {
                    value: Value::String(r.string()?),
                    pos,
                },
                Some(b't') => r.literal(b"true", Value::Bool(true), pos, at_start)?,
                Some(b'f') => r.literal(b"false", Value::Bool(false), pos, at_start)?,
                Some(b'n') => r.literal(b"null", Value::Null, pos, at_start)?,
                Some(b'-' | b'0'..=b'9') => r.number(pos)?,
                Some(_) => return Err(r.unexpected(Expected::Value, at_start)),
            };
            // A value is complete: hand it to its container, closing containers as they end.
            loop {
                match stack.last_mut() {
                    None => {
                        r.skip_ws();
                        return match r.peek() {
                            None => Ok(node),
                            Some(_) => Err(r.err(ErrorKind::Trailing(r.current_char()))),
                        };
                    }
                    Some(Frame::Array { items, .. }) => {
                        items.push(node);
                        r.skip_ws();
                        match r.peek() {
                            Some(b',') => {
                                r.bump();
                                continue 'value;
                            }
                            Some(b']') => {
                                r.bump();
                                let Some(Frame::Array { items, pos }) = stack.pop() else {
                                    unreachable!("the top frame is an array")
                                };
                                node = Node {
                                    value: Value::Array(items),
                                    pos,
                                };
                            }
                            _ => return Err(r.unexpected(Expected::CommaOrBracket, false)),
                        }
                    }
                    Some(Frame::Object { members, key, .. }) => {
                        let (k, key_pos) = key.take().expect("a member's key is read first");
                        members.push(Member {
                            key: k,
                            key_pos,
                            node,
                        });
                        r.skip_ws();
                        match r.peek() {
                            Some(b',') => {
                                r.bump();
                                *key = Some(r.key()?);
                                continue 'value;
                            }
                            Some(b'}') => {
                                r.bump();
                                let Some(Frame::Object { members, pos, .. }) = stack.pop() else {
                                    unreachable!("the top frame is an object")
                                };
                                node = Node {
                                    value: Value::Object(members),
                                    pos,
                                };
                            }
                            _ => return Err(r.unexpected(Expected::CommaOrBrace, false)),
                        }
                    }
                }
            }
        }
    }
}

use json::{Node, Value};

fn pos_args(pos: json::Pos) -> Vec<(&'static str, String)> {
    vec![
        ("line", pos.line.to_string()),
        ("column", pos.column.to_string()),
    ]
}

fn shown_char(c: char) -> String {
    match c {
        '\n' | '\r' => "un retour à la ligne".to_string(),
        '\t' => "une tabulation".to_string(),
        c if c.is_control() => format!("le caractère de contrôle U+{:04X}", c as u32),
        c => format!("« {c} »"),
    }
}

fn syntax_problem(e: &json::Error, text: &str) -> ImportProblem {
    use json::{ErrorKind, Expected};
    let mut args = pos_args(e.pos);
    let code = match &e.kind {
        ErrorKind::Eof => code::TRUNCATED,
        ErrorKind::Unexpected { at_start: true, .. } => {
            args.push(("start", quote(text.trim_start())));
            code::NOT_JSON
        }
        ErrorKind::Unexpected {
            found, expected, ..
        } => {
            let (key, wanted) = match expected {
                Expected::Value => ("value", "une valeur"),
                Expected::Key => ("key", "un nom de champ entre guillemets"),
                Expected::Colon => ("colon", "le signe « : »"),
                Expected::CommaOrBracket => ("comma_or_bracket", "une virgule ou « ] »"),
                Expected::CommaOrBrace => ("comma_or_brace", "une virgule ou « } »"),
            };
            args.push(("found", found.to_string()));
            args.push(("expected", key.to_string()));
            args.push(("found_fr", shown_char(*found)));
            args.push(("expected_fr", wanted.to_string()));
            code::JSON_UNEXPECTED
        }
        ErrorKind::ControlInString(c) => {
            args.push(("found", format!("U+{:04X}", *c as u32)));
            args.push(("found_fr", shown_char(*c)));
            code::JSON_CONTROL_CHAR
        }
        ErrorKind::BadEscape | ErrorKind::LoneSurrogate => code::JSON_ESCAPE,
        ErrorKind::BadNumber => code::JSON_NUMBER,
        ErrorKind::Trailing(c) => {
            args.push(("found", c.to_string()));
            args.push(("found_fr", shown_char(*c)));
            code::JSON_TRAILING
        }
        ErrorKind::TooDeep => {
            args.push(("max", MAX_DEPTH.to_string()));
            code::TOO_DEEP
        }
    };
    ImportProblem::new(code, args)
}

// ---------------------------------------------------------------------------------------------
// Import

/// Refuses a file larger than [`MAX_IMPORT_BYTES`]; the shell may call it with the size the
/// browser reports, before reading the file at all.
pub fn check_size(len: u64) -> Result<(), ImportFailure> {
    if len > MAX_IMPORT_BYTES as u64 {
        let size = fr_mib(len);
        return Err(ImportFailure::one(ImportProblem::new(
            code::TOO_LARGE,
            vec![("size", size), ("bytes", len.to_string())],
        )));
    }
    Ok(())
}

/// Checks the encoding and returns the text without its byte order mark.
fn decode_text(bytes: &[u8]) -> Result<&str, ImportFailure> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportFailure::one(ImportProblem::new(code::UTF16, vec![])));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
            let pos = json::Pos { line, column };
            if e.error_len().is_none() {
                // The text stops in the middle of a character.
                return Err(ImportFailure::one(syntax_problem(
                    &json::Error {
                        kind: json::ErrorKind::Eof,
                        pos,
                    },
                    valid,
                )));
            }
            Err(ImportFailure::one(ImportProblem::new(
                code::NOT_UTF8,
                pos_args(pos),
            )))
        }
    }
}

/// What a JSON value is, for messages: « un texte », « un nombre »…
fn kind_fr(v: &Value) -> &'static str {
    match v {
        Value::Null => "la valeur null",
        Value::Bool(_) => "un booléen (true/false)",
        Value::Number(_) => "un nombre",
        Value::String(_) => "un texte",
        Value::Array(_) => "une liste [ … ]",
        Value::Object(_) => "un objet { … }",
    }
}

fn kind_code(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key repeated in an object, anywhere in the tree. Iterative, and the path of a node is
/// only spelled out for a duplicate, so memory stays proportional to the depth.
fn duplicate_keys(root: &Node, out: &mut Warnings) {
    enum Seg<'a> {
        Key(&'a str),
        Index(usize),
    }
    fn spell(path: &[Seg<'_>]) -> String {
        let mut s = String::new();
        for seg in path {
            match seg {
                Seg::Key(k) if s.is_empty() => s.push_str(k),
                Seg::Key(k) => {
                    s.push('.');
                    s.push_str(k);
                }
                Seg::Index(i) => s.push_str(&format!("[{i}]")),
            }
        }
        s
    }
    fn check(node: &Node, path: &[Seg<'_>], out: &mut Warnings) {
        let Value::Object(members) = &node.value else {
            return;
        };
        let mut seen: HashMap<&str, json::Pos> = HashMap::new();
        for m in members {
            let Some(first) = seen.get(m.key.as_str()) else {
                seen.insert(&m.key, m.key_pos);
                continue;
            };
            if out.listed.len() >= MAX_LISTED_PROBLEMS {
                out.more += 1;
                continue;
            }
            let path = spell(path);
            let key = quote(&m.key);
            let inside = if path.is_empty() {
                String::new()
            } else {
                format!(" dans « {} »", quote(&path))
            };
            let mut args = pos_args(m.key_pos);
            args.push(("key", key.clone()));
            args.push(("path", path));
            args.push(("first_line", first.line.to_string()));
            args.push(("first_column", first.column.to_string()));
            args.push(("inside_fr", inside.clone()));
            out.push(ImportProblem::new(code::DUPLICATE_KEY, args));
        }
    }

    let mut path: Vec<Seg<'_>> = Vec::new();
    // Containers being walked, with the index of their next child; `path` leads to the last.
    let mut stack: Vec<(&Node, usize)> = vec![(root, 0)];
    check(root, &path, out);
    while let Some((node, next)) = stack.last_mut() {
        let child = match &node.value {
            Value::Object(members) => members.get(*next).map(|m| (Seg::Key(&m.key), &m.node)),
            Value::Array(items) => items.get(*next).map(|n| (Seg::Index(*next), n)),
            _ => None,
        };
        *next += 1;
        match child {
            Some((seg, child)) => {
                if matches!(child.value, Value::Object(_) | Value::Array(_)) {
                    path.push(seg);
                    check(child, &path, out);
                    stack.push((child, 0));
                }
            }
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
}

/// A level written as a JSON number, if it is a whole number in `0..=max` (`3.0` counts as 3).
fn level_of(raw: &str, max: u8) -> Option<u8> {
    let f: f64 = raw.parse().ok()?;
    (f.is_finite() && f.fract() == 0.0 && (0.0..=f64::from(max)).contains(&f)).then_some(f as u8)
}

/// A whole number, if `raw` is one that fits in a `u64`.
fn whole_number(raw: &str) -> Option<u64> {
    if let Ok(n) = raw.parse::<u64>() {
        return Some(n);
    }
    let f: f64 = raw.parse().ok()?;
    (f.is_finite() && f.fract() == 0.0 && (0.0..=9.0e15).contains(&f)).then_some(f as u64)
}

/// `YYYY-MM-DD`, optionally followed by a time; at most 40 characters of `[0-9T:.Z+-]`.
fn plausible_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() >= 10
        && s.len() <= 40
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b[10..]
            .iter()
            .all(|c| c.is_ascii_digit() || b"T:.Z+-".contains(c))
}

struct Check {
    warnings: Warnings,
}

impl Check {
    fn unknown_field(&mut self, key: &str, within: &str) {
        let key = quote(key);
        let inside = match within {
            "" => " du fichier".to_string(),
            w => format!(" de « {w} »"),
        };
        self.warnings.push(ImportProblem::new(
            code::UNKNOWN_FIELD,
            vec![
                ("key", key),
                ("path", within.to_string()),
                ("inside_fr", inside),
            ],
        ));
    }

    /// An optional informational string (`app_version`, `exported_at`).
    fn info_string(&mut self, node: Option<&Node>, field: &'static str) -> Option<String> {
        match node.map(|n| &n.value) {
            None => None,
            Some(Value::String(s)) => Some(s.chars().take(64).collect()),
            Some(other) => {
                self.warnings.push(ImportProblem::new(
                    code::FIELD_IGNORED,
                    vec![
                        ("field", field.to_string()),
                        ("found", kind_code(other).to_string()),
                        ("found_fr", kind_fr(other).to_string()),
                    ],
                ));
                None
            }
        }
    }

    fn date(&mut self, node: Option<&Node>, field: &'static str, what: &str) -> Option<String> {
        let found = match node.map(|n| &n.value) {
            Some(Value::String(s)) if plausible_date(s) => return Some(s.clone()),
            None => "absente".to_string(),
            Some(Value::String(s)) => format!("illisible (« {} »)", quote(s)),
            Some(other) => format!("illisible ({})", kind_fr(other)),
        };
        self.warnings.push(ImportProblem::new(
            code::DATE_INVALID,
            vec![
                ("field", field.to_string()),
                ("what_fr", what.to_string()),
                ("state_fr", found),
            ],
        ));
        None
    }

    fn level_problem(
        &mut self,
        subject: &str,
        id: &str,
        node: &Node,
        max: u8,
        evidence: bool,
    ) -> Option<u8> {
        let lost = if evidence {
            "la réponse et sa preuve notée ont été ignorées"
        } else {
            "la réponse a été ignorée"
        };
        match &node.value {
            Value::Number(raw) => match level_of(raw, max) {
                Some(l) => return Some(l),
                None => {
                    let shown = quote(raw);
                    self.warnings.push(ImportProblem::new(
                        code::LEVEL_OUT_OF_RANGE,
                        vec![
                            ("id", id.to_string()),
                            ("level", shown),
                            ("max", max.to_string()),
                            ("subject_fr", subject.to_string()),
                            ("lost_fr", lost.to_string()),
                        ],
                    ));
                }
            },
            other => {
                let detail = match other {
                    Value::String(s) => format!("un texte, « {} »", quote(s)),
                    other => kind_fr(other).to_string(),
                };
                self.warnings.push(ImportProblem::new(
                    code::LEVEL_WRONG_TYPE,
                    vec![
                        ("id", id.to_string()),
                        ("found", kind_code(other).to_string()),
                        ("found_fr", detail),
                        ("subject_fr", subject.to_string()),
                        ("lost_fr", lost.to_string()),
                    ],
                ));
            }
        }
        None
    }

    fn quick(&mut self, members: &[json::Member]) -> BTreeMap<String, u8> {
        let mut quick = BTreeMap::new();
        for m in members {
            let id = quote(&m.key);
            if !pivot_known(&m.key) {
                self.warnings
                    .push(ImportProblem::new(code::UNKNOWN_PIVOT, vec![("id", id)]));
                continue;
            }
            let subject = format!("la compétence « {id} » du diagnostic rapide");
            if let Some(l) = self.level_problem(&subject, &id, &m.node, GENERIC_MAX, false) {
                quick.insert(m.key.clone(), l);
            }
        }
        quick
    }

    fn items(&mut self, members: &[json::Member]) -> BTreeMap<String, ItemAnswer> {
        let mut items = BTreeMap::new();
        for m in members {
            let id = quote(&m.key);
            let fields = match &m.node.value {
                Value::Object(fields) => Some(fields.as_slice()),
                _ => None,
            };
            let has_evidence = fields.is_some_and(|f| {
                f.iter().any(|m| {
                    m.key == "evidence"
                        && matches!(&m.node.value, Value::String(s) if !s.trim().is_empty())
                })
            });
            let note = if has_evidence {
                " (avec sa preuve notée)"
            } else {
                ""
            };
            let Some(max) = item_max(&m.key) else {
                let unrated = m.key.split_once('/').is_some_and(|(r, i)| {
                    catalog()
                        .referential(r)
                        .and_then(|r| r.item(i))
                        .is_some_and(|i| !i.rated)
                });
                let code = if unrated {
                    code::UNRATED_ITEM
                } else {
                    code::UNKNOWN_ITEM
                };
                self.warnings.push(ImportProblem::new(
                    code,
                    vec![("id", id), ("note_fr", note.to_string())],
                ));
                continue;
            };
            let subject = format!("« {id} »");
            let Some(fields) = fields else {
                self.warnings.push(ImportProblem::new(
                    code::ANSWER_WRONG_TYPE,
                    vec![
                        ("id", id),
                        ("found", kind_code(&m.node.value).to_string()),
                        ("found_fr", kind_fr(&m.node.value).to_string()),
                    ],
                ));
                continue;
            };
            let mut level_node = None;
            let mut evidence = String::new();
            for f in fields {
                match f.key.as_str() {
                    "level" => level_node = Some(&f.node),
                    "evidence" => match &f.node.value {
                        Value::String(s) => {
                            let count = s.chars().count();
                            if count > MAX_EVIDENCE_CHARS {
                                evidence = s.chars().take(MAX_EVIDENCE_CHARS).collect();
                                self.warnings.push(ImportProblem::new(
                                    code::EVIDENCE_TRUNCATED,
                                    vec![
                                        ("id", id.clone()),
                                        ("count", count.to_string()),
                                        ("max", MAX_EVIDENCE_CHARS.to_string()),
                                        ("count_fr", fr_int(count as u64)),
                                        ("max_fr", fr_int(MAX_EVIDENCE_CHARS as u64)),
                                    ],
                                ));
                            } else {
                                evidence = s.clone();
                            }
                        }
                        Value::Null => {}
                        other => self.warnings.push(ImportProblem::new(
                            code::EVIDENCE_WRONG_TYPE,
                            vec![
                                ("id", id.clone()),
                                ("found", kind_code(other).to_string()),
                                ("found_fr", kind_fr(other).to_string()),
                            ],
                        )),
                    },
                    other => self.unknown_field(other, &format!("dossier.items.{}", m.key)),
                }
            }
            let Some(level_node) = level_node else {
                self.warnings.push(ImportProblem::new(
                    code::LEVEL_MISSING,
                    vec![("id", id), ("note_fr", note.to_string())],
                ));
                continue;
            };
            if let Some(level) = self.level_problem(&subject, &id, level_node, max, has_evidence) {
                items.insert(m.key.clone(), ItemAnswer { level, evidence });
            }
        }
        items
    }
}

fn wrong_type(field: &str, expected: &str, found: &Value) -> ImportProblem {
    ImportProblem::new(
        code::WRONG_TYPE,
        vec![
            ("field", field.to_string()),
            ("found", kind_code(found).to_string()),
            ("expected_fr", expected.to_string()),
            ("found_fr", kind_fr(found).to_string()),
        ],
    )
}

/// The members of `dossier.<name>` (none when absent); a problem when it is not an object.
fn section<'a>(
    dossier: &'a Node,
    name: &str,
    structure: &mut Vec<ImportProblem>,
) -> &'a [json::Member] {
    match dossier.get(name).map(|n| &n.value) {
        None => &[],
        Some(Value::Object(members)) => members,
        Some(other) => {
            structure.push(wrong_type(
                &format!("dossier.{name}"),
                "un objet { … }",
                other,
            ));
            &[]
        }
    }
}

/// Reads an export file. See the module documentation for what is checked.
pub fn import_dossier(bytes: &[u8]) -> Result<Imported, ImportFailure> {
    check_size(bytes.len() as u64)?;
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportFailure::one(ImportProblem::new(code::EMPTY, vec![])));
    }
    let root = json::parse(text).map_err(|e| ImportFailure::one(syntax_problem(&e, text)))?;

    let Value::Object(top) = &root.value else {
        return Err(ImportFailure::one(ImportProblem::new(
            code::NOT_OBJECT,
            vec![
                ("found", kind_code(&root.value).to_string()),
                ("found_fr", kind_fr(&root.value).to_string()),
            ],
        )));
    };

    // Duplicates make the file ambiguous: refuse rather than guess which value was meant.
    let mut duplicates = Warnings::default();
    duplicate_keys(&root, &mut duplicates);
    if !duplicates.listed.is_empty() {
        return Err(ImportFailure {
            problems: duplicates.finish(),
        });
    }

    // What the file is, before anything else: a newer format may legitimately look wrong to us.
    match root.get("format").map(|n| &n.value) {
        Some(Value::String(f)) if f == FORMAT => {}
        None => {
            return Err(ImportFailure::one(ImportProblem::new(
                code::FORMAT_MISSING,
                vec![],
            )))
        }
        Some(Value::String(f)) => {
            let f = quote(f);
            let hint = if f.starts_with("repere.") {
                " C'est un autre type de fichier de Repère, pas un dossier."
            } else {
                ""
            };
            return Err(ImportFailure::one(ImportProblem::new(
                code::WRONG_FORMAT,
                vec![("format", f), ("hint_fr", hint.to_string())],
            )));
        }
        Some(other) => return Err(ImportFailure::one(wrong_type("format", "un texte", other))),
    }
    match root.get("version").map(|n| &n.value) {
        None => {
            return Err(ImportFailure::one(ImportProblem::new(
                code::VERSION_MISSING,
                vec![],
            )))
        }
        Some(Value::Number(raw)) => match whole_number(raw) {
            Some(FORMAT_VERSION) => {}
            Some(v) if v > FORMAT_VERSION => {
                return Err(ImportFailure::one(ImportProblem::new(
                    code::NEWER_VERSION,
                    vec![("version", v.to_string())],
                )))
            }
            _ => {
                let raw = quote(raw);
                return Err(ImportFailure::one(ImportProblem::new(
                    code::VERSION_INVALID,
                    vec![("version", raw)],
                )));
            }
        },
        Some(other) => {
            return Err(ImportFailure::one(wrong_type(
                "version",
                "un nombre",
                other,
            )))
        }
    }

    let mut check = Check {
        warnings: Warnings::default(),
    };
    for m in top {
        if !matches!(
            m.key.as_str(),
            "format" | "version" | "app_version" | "exported_at" | "dossier"
        ) {
            check.unknown_field(&m.key, "");
        }
    }
    let app_version = check.info_string(root.get("app_version"), "app_version");
    let exported_at = check.info_string(root.get("exported_at"), "exported_at");

    let dossier = match root.get("dossier") {
        None => {
            return Err(ImportFailure::one(ImportProblem::new(
                code::DOSSIER_MISSING,
                vec![],
            )))
        }
        Some(n) => n,
    };
    let Value::Object(fields) = &dossier.value else {
        return Err(ImportFailure::one(wrong_type(
            "dossier",
            "un objet { … }",
            &dossier.value,
        )));
    };

    // The sections of answers must have the right shape, or the file is not trusted at all.
    let mut structure = Vec::new();
    let quick_members = section(dossier, "quick", &mut structure);
    let item_members = section(dossier, "items", &mut structure);
    if !structure.is_empty() {
        return Err(ImportFailure {
            problems: structure,
        });
    }

    for m in fields {
        if !matches!(
            m.key.as_str(),
            "id" | "name" | "created_at" | "updated_at" | "quick" | "items"
        ) {
            check.unknown_field(&m.key, "dossier");
        }
    }

    let raw_id = match dossier.get("id").map(|n| &n.value) {
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let id = match raw_id {
        Some(id) if valid_id(id) => id.to_string(),
        _ => {
            let id = Dossier::new(raw_id.unwrap_or(""), "", "").id;
            check.warnings.push(ImportProblem::new(
                code::ID_REPLACED,
                vec![("id", id.clone())],
            ));
            id
        }
    };
    let name = match dossier.get("name").map(|n| &n.value) {
        Some(Value::String(s)) => normalize_name(s),
        found => {
            let name = normalize_name("");
            let detail = match found {
                None => "n'a pas de nom".to_string(),
                Some(v) => format!("a un nom illisible ({})", kind_fr(v)),
            };
            check.warnings.push(ImportProblem::new(
                code::NAME_MISSING,
                vec![("name", name.clone()), ("detail_fr", detail)],
            ));
            name
        }
    };
    let created = check.date(dossier.get("created_at"), "created_at", "de création");
    let updated = check.date(dossier.get("updated_at"), "updated_at", "de mise à jour");
    let exported = exported_at.clone().filter(|d| plausible_date(d));
    let created_at = created
        .clone()
        .or_else(|| updated.clone())
        .or_else(|| exported.clone())
        .unwrap_or_default();
    let updated_at = updated.or(exported).or(created).unwrap_or_default();

    let quick = check.quick(quick_members);
    let items = check.items(item_members);

    Ok(Imported {
        dossier: Dossier {
            id,
            name,
            created_at,
            updated_at,
            revision: 0,
            answers: Answers { quick, items },
        },
        warnings: check.warnings.finish(),
        app_version,
        exported_at,
    })
}

// ---------------------------------------------------------------------------------------------
// Storing an imported dossier

/// What the UI must do with an imported dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportChoice {
    /// No stored dossier has this id: store it as it is.
    New,
    /// A dossier with the same id is stored (`existing`): ask whether to import it as a new
    /// dossier ([`as_new`]) or to replace the existing one, after an explicit confirmation
    /// ([`replacing`]). Never overwrite without asking.
    SameId { existing: DossierMeta },
}

/// Whether a dossier with the imported dossier's id already exists. Pass the freshest index
/// (re-read from storage), so that a dossier created meanwhile in another tab counts.
pub fn conflicts(existing: &DossierIndex, imported: &Dossier) -> ImportChoice {
    match existing.get(&imported.id) {
        Some(meta) => ImportChoice::SameId {
            existing: meta.clone(),
        },
        None => ImportChoice::New,
    }
}

/// The imported dossier as a new one, next to the existing: `new_id` (a fresh random id from
/// the shell, made valid if needed), the name suffixed « (importé) » (once), revision 0,
/// `updated_at` now; the answers and the creation date are kept.
pub fn as_new(d: Dossier, new_id: &str, now: &str) -> Dossier {
    let name = if d.name.ends_with(IMPORTED_SUFFIX) {
        d.name
    } else {
        let room = MAX_NAME_CHARS - IMPORTED_SUFFIX.chars().count();
        let base: String = d.name.chars().take(room).collect();
        format!("{}{IMPORTED_SUFFIX}", base.trim_end())
    };
    let fresh = Dossier::new(new_id, &name, now);
    Dossier {
        created_at: if d.created_at.is_empty() {
            now.to_string()
        } else {
            d.created_at
        },
        answers: d.answers,
        ..fresh
    }
}

/// The imported dossier replacing `existing` (after the user confirmed): `existing`'s id, the
/// imported name, dates and answers, `updated_at` now and a revision above `existing`'s, so
/// that other tabs see it as newer. Pass the freshest stored `existing`.
pub fn replacing(existing: &Dossier, imported: Dossier, now: &str) -> Dossier {
    Dossier {
        id: existing.id.clone(),
        created_at: if imported.created_at.is_empty() {
            existing.created_at.clone()
        } else {
            imported.created_at
        },
        updated_at: now.to_string(),
        revision: existing.revision.saturating_add(1),
        name: imported.name,
        answers: imported.answers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::full_id;
    use crate::core::dossier::{self, is_newer, DEFAULT_NAME};
    use crate::core::i18n::placeholders;
    use proptest::prelude::*;

    const NOW: &str = "2026-11-23T10:00:00Z";
    const GENERIC_ITEM: &str = "charge-developpement-commercial/C2.1.3";
    const ECF_ITEM: &str = "vendeur-web/A.7";

    /// Every code of [`code`].
    const ALL_CODES: [&str; 36] = [
        code::TOO_LARGE,
        code::EMPTY,
        code::NOT_UTF8,
        code::UTF16,
        code::NOT_JSON,
        code::TRUNCATED,
        code::JSON_UNEXPECTED,
        code::JSON_CONTROL_CHAR,
        code::JSON_ESCAPE,
        code::JSON_NUMBER,
        code::JSON_TRAILING,
        code::TOO_DEEP,
        code::DUPLICATE_KEY,
        code::NOT_OBJECT,
        code::FORMAT_MISSING,
        code::WRONG_FORMAT,
        code::VERSION_MISSING,
        code::VERSION_INVALID,
        code::NEWER_VERSION,
        code::DOSSIER_MISSING,
        code::WRONG_TYPE,
        code::UNKNOWN_FIELD,
        code::FIELD_IGNORED,
        code::ID_REPLACED,
        code::NAME_MISSING,
        code::DATE_INVALID,
        code::UNKNOWN_PIVOT,
        code::UNKNOWN_ITEM,
        code::UNRATED_ITEM,
        code::ANSWER_WRONG_TYPE,
        code::LEVEL_MISSING,
        code::LEVEL_WRONG_TYPE,
        code::LEVEL_OUT_OF_RANGE,
        code::EVIDENCE_WRONG_TYPE,
        code::EVIDENCE_TRUNCATED,
        code::MORE_PROBLEMS,
    ];

    fn sample() -> Dossier {
        let mut d = Dossier::new("abc123", "Camille", "2026-11-01T09:00:00.000Z");
        d.updated_at = "2026-11-20T18:30:00.000Z".into();
        d.revision = 7;
        d.answers.quick.insert("referencement".into(), 3);
        d.answers.quick.insert("veille".into(), 0);
        d.answers.items.insert(
            GENERIC_ITEM.into(),
            ItemAnswer {
                level: 3,
                evidence: "Stage chez « Dupont & fils » — 3 mois\n2e ligne \"citée\"".into(),
            },
        );
        d.answers.items.insert(
            ECF_ITEM.into(),
            ItemAnswer {
                level: 5,
                evidence: String::new(),
            },
        );
        d
    }

    fn file(dossier_body: &str) -> String {
        format!(
            r#"{{"format":"repere.dossier","version":1,"app_version":"0.1.0","exported_at":"{NOW}","dossier":{dossier_body}}}"#
        )
    }

    fn with_answers(quick: &str, items: &str) -> String {
        file(&format!(
            r#"{{"id":"abc","name":"Sam","created_at":"{NOW}","updated_at":"{NOW}","quick":{quick},"items":{items}}}"#
        ))
    }

    fn fail(bytes: impl AsRef<[u8]>) -> ImportFailure {
        match import_dossier(bytes.as_ref()) {
            Err(f) => f,
            Ok(i) => panic!("expected a failure, got {i:?}"),
        }
    }

    fn ok(bytes: impl AsRef<[u8]>) -> Imported {
        match import_dossier(bytes.as_ref()) {
            Ok(i) => i,
            Err(f) => panic!("expected success, got {f}"),
        }
    }

    fn codes(ps: &[ImportProblem]) -> Vec<&'static str> {
        ps.iter().map(|p| p.code).collect()
    }

    #[test]
    fn export_matches_the_spec_layout() {
        let text = export_dossier(&sample(), "0.1.0", NOW);
        let expected = r#"{
  "format": "repere.dossier",
  "version": 1,
  "app_version": "0.1.0",
  "exported_at": "2026-11-23T10:00:00Z",
  "dossier": {
    "id": "abc123",
    "name": "Camille",
    "created_at": "2026-11-01T09:00:00.000Z",
    "updated_at": "2026-11-20T18:30:00.000Z",
    "quick": {
      "referencement": 3,
      "veille": 0
    },
    "items": {
      "charge-developpement-commercial/C2.1.3": {
        "level": 3,
        "evidence": "Stage chez « Dupont & fils » — 3 mois\n2e ligne \"citée\""
      },
      "vendeur-web/A.7": {
        "level": 5,
        "evidence": ""
      }
    }
  }
}
"#;
        assert_eq!(text, expected);
        // The same dossier always gives the same bytes.
        assert_eq!(text, export_dossier(&sample(), "0.1.0", NOW));
    }

    #[test]
    fn export_then_import_gives_the_same_dossier() {
        let d = sample();
        let imported = ok(export_dossier(&d, "0.1.0", NOW));
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert_eq!(
            imported.dossier,
            Dossier {
                revision: 0,
                ..d.clone()
            }
        );
        assert_eq!(imported.app_version.as_deref(), Some("0.1.0"));
        assert_eq!(imported.exported_at.as_deref(), Some(NOW));
    }

    #[test]
    fn file_names() {
        let mut d = sample();
        assert_eq!(export_file_name(&d, NOW), "repere-camille-2026-11-23.json");
        d.name = "Élodie  O'Brien (CDC) — groupe 2".into();
        assert_eq!(
            export_file_name(&d, "2026-11-23"),
            "repere-elodie-o-brien-cdc-groupe-2-2026-11-23.json"
        );
        d.name = "日本語".into();
        assert_eq!(export_file_name(&d, ""), "repere-dossier.json");
        d.name = "x".repeat(60);
        assert!(export_file_name(&d, NOW).len() <= "repere-".len() + 40 + 16);
    }

    // --- The corpus of bad files -------------------------------------------------------------

    #[test]
    fn too_large_is_refused_before_reading() {
        // Not even valid UTF-8: the size is checked first.
        let big = vec![0xFFu8; MAX_IMPORT_BYTES + 400 * 1024];
        let f = fail(&big);
        assert_eq!(codes(&f.problems), vec![code::TOO_LARGE]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Le fichier dépasse 1 Mio (1,4 Mio) : c'est bien plus qu'un dossier de Repère, il n'a pas été lu."
        );
        assert_eq!(f.problems[0].arg("size"), Some("1,4 Mio"));
        // Just over the limit never reads as the limit.
        assert_eq!(
            fail(vec![b' '; MAX_IMPORT_BYTES + 1]).problems[0].arg("size"),
            Some("1,1 Mio")
        );
        assert!(check_size(MAX_IMPORT_BYTES as u64).is_ok());
        assert_eq!(
            check_size(5 * 1024 * 1024 * 1024).unwrap_err().problems[0].arg("size"),
            Some("5\u{a0}120,0 Mio")
        );
        // Exactly 1 MiB is read (here: a valid export padded with spaces).
        let mut exact = export_dossier(&sample(), "0.1.0", NOW).into_bytes();
        exact.resize(MAX_IMPORT_BYTES, b' ');
        assert!(import_dossier(&exact).is_ok());
    }

    #[test]
    fn empty_files() {
        for text in ["", "   \n\t ", "\u{feff}", "\u{feff}  \r\n"] {
            let f = fail(text);
            assert_eq!(codes(&f.problems), vec![code::EMPTY], "{text:?}");
            assert_eq!(
                f.problems[0].message_fr(),
                "Le fichier est vide : il ne contient aucun dossier."
            );
        }
    }

    #[test]
    fn bom_is_accepted() {
        let text = format!("\u{feff}{}", export_dossier(&sample(), "0.1.0", NOW));
        let i = ok(text);
        assert_eq!(i.dossier.answers, sample().answers);
        // A BOM in the middle is not whitespace.
        let f = fail("{\u{feff}}");
        assert_eq!(f.code(), code::JSON_UNEXPECTED);
    }

    #[test]
    fn non_utf8_is_refused_with_its_position() {
        // « Élodie » written in Latin-1 on line 2.
        let mut bytes = b"{\"format\":\"repere.dossier\",\n\"name\":\"".to_vec();
        bytes.push(0xC9);
        bytes.extend_from_slice(b"lodie\"}");
        let f = fail(&bytes);
        assert_eq!(codes(&f.problems), vec![code::NOT_UTF8]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Le fichier n'est pas un texte UTF-8 valide (caractère illisible à la ligne 2, colonne 9) : un export de Repère est toujours en UTF-8. Le fichier a sans doute été réenregistré par un autre logiciel, ou ce n'est pas un export de Repère."
        );
        // UTF-16 (with its BOM) gets its own explanation.
        let utf16: Vec<u8> = std::iter::once(0xFEFFu16)
            .chain("{}".encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(fail(&utf16).code(), code::UTF16);
        assert!(fail(&utf16).problems[0].message_fr().contains("UTF-16"));
        // Binary junk.
        assert_eq!(fail([0x00, 0x9F, 0x92, 0x96]).code(), code::NOT_UTF8);
    }

    #[test]
    fn truncated_files() {
        let full = export_dossier(&sample(), "0.1.0", NOW);
        let f = fail(&full[..full.len() / 2]);
        assert_eq!(codes(&f.problems), vec![code::TRUNCATED]);
        assert!(f.problems[0]
            .message_fr()
            .starts_with("Le fichier s'arrête avant la fin des données (ligne "));
        assert!(f.problems[0].message_fr().ends_with(
            ") : il est incomplet, sans doute coupé pendant un téléchargement ou une copie."
        ));
        // Every cut, even inside a multi-byte character, says so.
        let bytes = full.trim_end().as_bytes();
        for cut in 1..bytes.len() {
            let f = fail(&bytes[..cut]);
            assert_eq!(
                f.code(),
                code::TRUNCATED,
                "cut at {cut}: {:?}",
                String::from_utf8_lossy(&bytes[cut.saturating_sub(20)..cut])
            );
        }
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let f = fail("{\n  \"format\": \"repere.dossier\"\n  \"version\": 1\n}");
        assert_eq!(codes(&f.problems), vec![code::JSON_UNEXPECTED]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Le fichier est mal formé à la ligne 3, colonne 3 : on attendait une virgule ou « } » et on trouve « \" » : le fichier a sans doute été modifié à la main ou abîmé."
        );
        assert_eq!(f.problems[0].arg("line"), Some("3"));
        assert_eq!(f.problems[0].arg("column"), Some("3"));
        // Columns count characters, not bytes.
        let f = fail("{\"é\": tru }");
        assert!(
            f.problems[0].message_fr().contains("ligne 1, colonne 10"),
            "{}",
            f.problems[0]
        );
        for (text, code) in [
            ("{\"a\":1,}", code::JSON_UNEXPECTED),
            ("{'a':1}", code::JSON_UNEXPECTED),
            ("{\"a\" 1}", code::JSON_UNEXPECTED),
            ("[1 2]", code::JSON_UNEXPECTED),
            ("{\"a\":\"x\ny\"}", code::JSON_CONTROL_CHAR),
            ("{\"a\":\"\\x\"}", code::JSON_ESCAPE),
            ("{\"a\":\"\\ud800\"}", code::JSON_ESCAPE),
            ("{\"a\":\"\\udc00x\"}", code::JSON_ESCAPE),
            ("{\"a\":01}", code::JSON_UNEXPECTED),
            ("{\"a\":1.x}", code::JSON_NUMBER),
            ("{\"a\":-x}", code::JSON_NUMBER),
            ("{\"a\":NaN}", code::JSON_UNEXPECTED),
            ("{} {}", code::JSON_TRAILING),
            ("{}]", code::JSON_TRAILING),
            ("%PDF-1.4\n%âãÏÓ", code::NOT_JSON),
            ("<!DOCTYPE html><html>", code::NOT_JSON),
            ("  hello", code::NOT_JSON),
            ("nope", code::NOT_JSON),
        ] {
            assert_eq!(fail(text).code(), code, "{text}");
        }
        assert_eq!(
            fail("%PDF-1.4\n%âãÏÓ").problems[0].message_fr(),
            "Ce fichier n'est pas un export de Repère : il ne contient pas de données JSON (il commence par « %PDF-1.4U+000A%âãÏÓ »)."
        );
        assert_eq!(
            fail("{\"a\":\"x\ny\"}").problems[0].message_fr(),
            "Le fichier est mal formé à la ligne 1, colonne 8 : un texte contient un retour à la ligne qui n'est pas permis à cet endroit : le fichier a sans doute été modifié à la main ou abîmé."
        );
        assert_eq!(
            fail("{} x").problems[0].message_fr(),
            "Le fichier contient des données en trop après la fin du dossier (ligne 1, colonne 4, on trouve « x ») : le fichier a sans doute été modifié à la main ou abîmé."
        );
    }

    #[test]
    fn deeply_nested_input_is_refused_without_recursion() {
        for text in [
            "[".repeat(100_000),
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            "{\"a\":".repeat(100_000),
            format!("{}1{}", "{\"a\":[".repeat(50_000), "]}".repeat(50_000)),
        ] {
            let f = fail(&text);
            assert_eq!(codes(&f.problems), vec![code::TOO_DEEP]);
            assert_eq!(
                f.problems[0].message_fr().split(" (").next(),
                Some("Le fichier contient des données imbriquées sur plus de 32 niveaux")
            );
        }
        // Within the limit, nesting inside an unknown field is only a warning.
        let nested = format!("{}{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        let text = file(&format!(
            r#"{{"id":"abc","name":"n","created_at":"{NOW}","updated_at":"{NOW}"}}"#
        ))
        .replacen("{", &format!("{{\"x\":{nested},"), 1);
        assert_eq!(codes(&ok(&text).warnings), vec![code::UNKNOWN_FIELD]);
        let too_deep = text
            .replacen("\"x\":[", "\"x\":[[", 1)
            .replacen("]", "]]", 1);
        assert_eq!(fail(&too_deep).code(), code::TOO_DEEP);
    }

    #[test]
    fn not_an_object() {
        for (text, kind) in [
            ("[]", "une liste [ … ]"),
            ("\"repere.dossier\"", "un texte"),
            ("42", "un nombre"),
            ("null", "la valeur null"),
            ("true", "un booléen (true/false)"),
        ] {
            let f = fail(text);
            assert_eq!(codes(&f.problems), vec![code::NOT_OBJECT]);
            assert_eq!(
                f.problems[0].message_fr(),
                format!("Ce fichier n'est pas un export de Repère : il contient {kind} au lieu d'un objet {{ \"format\": \"repere.dossier\", … }}.")
            );
        }
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let text = "{\"format\":\"repere.dossier\",\"version\":1,\"dossier\":{\"id\":\"a\",\"quick\":{\"veille\":1,\n\"veille\":4}},\"version\":2}";
        let f = fail(text);
        assert_eq!(
            codes(&f.problems),
            vec![code::DUPLICATE_KEY, code::DUPLICATE_KEY]
        );
        assert_eq!(
            f.problems[0].message_fr(),
            "Le champ « version » apparaît deux fois (ligne 1, colonne 28 et ligne 2, colonne 14) : on ne peut pas savoir laquelle des deux valeurs est la bonne."
        );
        assert_eq!(
            f.problems[1].message_fr(),
            "Le champ « veille » apparaît deux fois dans « dossier.quick » (ligne 1, colonne 69 et ligne 2, colonne 1) : on ne peut pas savoir laquelle des deux valeurs est la bonne."
        );
        // Also inside an item and in ignored fields.
        let text = with_answers(
            "{}",
            &format!(r#"{{"{GENERIC_ITEM}":{{"level":1,"level":3}}}}"#),
        );
        let f = fail(&text);
        assert_eq!(f.code(), code::DUPLICATE_KEY);
        assert_eq!(
            f.problems[0].arg("path"),
            Some(format!("dossier.items.{GENERIC_ITEM}").as_str())
        );
        let text = file(r#"{"id":"a","extra":[{"k":1,"k":2}]}"#);
        assert_eq!(
            fail(&text).problems[0].arg("path"),
            Some("dossier.extra[0]")
        );
    }

    #[test]
    fn pathological_megabyte_inputs_are_handled() {
        let fill = |unit: &str, open: &str, close: &str| {
            let n = (MAX_IMPORT_BYTES - open.len() - close.len()) / unit.len();
            let body = unit.repeat(n);
            format!("{open}{}{close}", body.trim_end_matches(','))
        };
        // Half a million tiny values.
        let f = fail(fill("0,", "[", "]"));
        assert_eq!(f.code(), code::NOT_OBJECT);
        // Tens of thousands of repeated keys: listed up to the cap, the rest counted.
        let f = fail(fill("\"a\":1,", "{", "}"));
        assert_eq!(f.problems.len(), MAX_LISTED_PROBLEMS + 1);
        assert_eq!(f.problems[0].code, code::DUPLICATE_KEY);
        assert_eq!(f.problems.last().unwrap().code, code::MORE_PROBLEMS);
        // Tens of thousands of unknown items under a known referential.
        let head = with_answers("{}", "{");
        let head = &head[..head.len() - 2];
        let mut n = 0;
        let mut body = String::new();
        while head.len() + body.len() + 64 < MAX_IMPORT_BYTES {
            body.push_str(&format!("\"vendeur-web/X{n}\":{{\"level\":1}},"));
            n += 1;
        }
        let text = format!("{head}{}}}}}}}", body.trim_end_matches(','));
        assert!(text.len() <= MAX_IMPORT_BYTES);
        let i = ok(&text);
        assert!(i.dossier.answers.is_empty());
        assert_eq!(i.warnings.len(), MAX_LISTED_PROBLEMS + 1);
        // One huge string and one huge number.
        let f = fail(format!("\"{}\"", "x".repeat(MAX_IMPORT_BYTES - 2)));
        assert_eq!(f.code(), code::NOT_OBJECT);
        let level = "9".repeat(MAX_IMPORT_BYTES - 300);
        let i = ok(with_answers(&format!(r#"{{"veille":{level}}}"#), "{}"));
        assert_eq!(codes(&i.warnings), vec![code::LEVEL_OUT_OF_RANGE]);
        assert!(i.warnings[0].message_fr().len() < 300);
    }

    #[test]
    fn wrong_or_missing_format() {
        let f = fail(r#"{"version":1,"dossier":{}}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier n'est pas un export de Repère : il n'indique pas son format (champ « format »)."
        );
        let f = fail(r#"{"format":"repere.referential","version":1}"#);
        assert_eq!(codes(&f.problems), vec![code::WRONG_FORMAT]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier n'est pas un export de dossier Repère : son format est « repere.referential » au lieu de « repere.dossier ». C'est un autre type de fichier de Repère, pas un dossier."
        );
        let f = fail(r#"{"format":"other","version":1}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier n'est pas un export de dossier Repère : son format est « other » au lieu de « repere.dossier »."
        );
        let f = fail(r#"{"format":1,"version":1}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "Le champ « format » devrait être un texte, c'est un nombre : ce fichier n'est pas un export valide de Repère."
        );
        // The stored-dossier format of `dossier.rs` is not an export.
        let stored = dossier::encode_dossier(&sample());
        assert_eq!(fail(&stored).code(), code::FORMAT_MISSING);
    }

    #[test]
    fn versions() {
        let f = fail(r#"{"format":"repere.dossier","version":2,"dossier":"whatever"}"#);
        assert_eq!(codes(&f.problems), vec![code::NEWER_VERSION]);
        assert_eq!(
            f.problems[0].message_fr(),
            "Ce fichier vient d'une version plus récente de Repère (format 2) : rechargez la page pour obtenir la dernière version de Repère, puis importez-le de nouveau."
        );
        for version in ["18446744073709551616", "1e308", "1e400", "-1", "1.5"] {
            let text = format!(r#"{{"format":"repere.dossier","version":{version}}}"#);
            assert_eq!(fail(&text).code(), code::VERSION_INVALID, "{version}");
        }
        let f = fail(r#"{"format":"repere.dossier","version":0}"#);
        assert_eq!(
            f.problems[0].message_fr(),
            "La version du fichier (« 0 ») n'existe pas : ce fichier n'est pas un export valide de Repère."
        );
        assert_eq!(
            fail(r#"{"format":"repere.dossier","version":"1"}"#).problems[0].message_fr(),
            "Le champ « version » devrait être un nombre, c'est un texte : ce fichier n'est pas un export valide de Repère."
        );
        assert_eq!(
            fail(r#"{"format":"repere.dossier"}"#).code(),
            code::VERSION_MISSING
        );
        // 1.0 is version 1.
        let text = file(r#"{"id":"a"}"#).replace("\"version\":1", "\"version\":1.0");
        assert!(import_dossier(text.as_bytes()).is_ok());
    }

    #[test]
    fn structural_wrong_types_are_failures() {
        assert_eq!(
            fail(r#"{"format":"repere.dossier","version":1}"#).problems[0].message_fr(),
            "Ce fichier ne contient pas de dossier (champ « dossier » absent)."
        );
        assert_eq!(
            fail(r#"{"format":"repere.dossier","version":1,"dossier":[]}"#).problems[0]
                .message_fr(),
            "Le champ « dossier » devrait être un objet { … }, c'est une liste [ … ] : ce fichier n'est pas un export valide de Repère."
        );
        let f = fail(with_answers("[]", "3"));
        assert_eq!(codes(&f.problems), vec![code::WRONG_TYPE, code::WRONG_TYPE]);
        assert_eq!(
            f.problems[1].message_fr(),
            "Le champ « dossier.items » devrait être un objet { … }, c'est un nombre : ce fichier n'est pas un export valide de Repère."
        );
    }

    #[test]
    fn wrong_answer_types_are_skipped_with_a_warning() {
        let i = ok(with_answers(
            r#"{"veille":"3","communication":null,"referencement":[2],"prospection":2}"#,
            &format!(
                r#"{{"{GENERIC_ITEM}":{{"level":"3","evidence":"preuve"}},"{ECF_ITEM}":4,"charge-ecommerce/AC1.1":{{"evidence":"x"}},"charge-ecommerce/AC1.2":{{"level":2,"evidence":12}},"charge-ecommerce/AC1.3":{{"level":1,"note":"?"}}}}"#
            ),
        ));
        assert_eq!(
            i.dossier.answers.quick,
            BTreeMap::from([("prospection".into(), 2)])
        );
        assert_eq!(
            i.dossier.answers.items,
            BTreeMap::from([
                (
                    "charge-ecommerce/AC1.2".into(),
                    ItemAnswer {
                        level: 2,
                        evidence: String::new()
                    }
                ),
                (
                    "charge-ecommerce/AC1.3".into(),
                    ItemAnswer {
                        level: 1,
                        evidence: String::new()
                    }
                ),
            ])
        );
        let messages: Vec<String> = i.warnings.iter().map(|w| w.message_fr()).collect();
        assert_eq!(
            messages,
            vec![
                "Le niveau indiqué pour la compétence « veille » du diagnostic rapide n'est pas un nombre (c'est un texte, « 3 ») : la réponse a été ignorée.",
                "Le niveau indiqué pour la compétence « communication » du diagnostic rapide n'est pas un nombre (c'est la valeur null) : la réponse a été ignorée.",
                "Le niveau indiqué pour la compétence « referencement » du diagnostic rapide n'est pas un nombre (c'est une liste [ … ]) : la réponse a été ignorée.",
                "Le niveau indiqué pour « charge-developpement-commercial/C2.1.3 » n'est pas un nombre (c'est un texte, « 3 ») : la réponse et sa preuve notée ont été ignorées.",
                "La réponse à « vendeur-web/A.7 » est mal écrite (un nombre au lieu d'un objet { \"level\": …, \"evidence\": … }) : elle a été ignorée.",
                "La réponse à « charge-ecommerce/AC1.1 » n'indique pas de niveau : elle a été ignorée (avec sa preuve notée).",
                "La preuve notée pour « charge-ecommerce/AC1.2 » n'est pas un texte (c'est un nombre) : elle a été ignorée, le niveau est conservé.",
                "Le champ « note » de « dossier.items.charge-ecommerce/AC1.3 » n'est pas connu de Repère : il a été ignoré.",
            ]
        );
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::LEVEL_WRONG_TYPE,
                code::LEVEL_WRONG_TYPE,
                code::LEVEL_WRONG_TYPE,
                code::LEVEL_WRONG_TYPE,
                code::ANSWER_WRONG_TYPE,
                code::LEVEL_MISSING,
                code::EVIDENCE_WRONG_TYPE,
                code::UNKNOWN_FIELD,
            ]
        );
        assert_eq!(i.warnings[0].arg("id"), Some("veille"));
    }

    #[test]
    fn huge_and_out_of_range_levels_are_reported_per_id() {
        let i = ok(with_answers(
            r#"{"veille":1e308,"communication":18446744073709551616,"prospection":5,"referencement":-1,"reseaux-sociaux":2.5,"gestion-projet":1e400,"site-marchand":4.0,"contenus-web":0}"#,
            &format!(
                r#"{{"{GENERIC_ITEM}":{{"level":5}},"{ECF_ITEM}":{{"level":5}},"vendeur-web/D.5":{{"level":6,"evidence":"note"}},"charge-ecommerce/AC1.1":{{"level":99999999999999999999999999999999999999999999}}}}"#
            ),
        ));
        assert_eq!(
            i.dossier.answers.quick,
            BTreeMap::from([("site-marchand".into(), 4), ("contenus-web".into(), 0)])
        );
        assert_eq!(
            i.dossier.answers.items.keys().collect::<Vec<_>>(),
            vec![ECF_ITEM]
        );
        let messages: Vec<String> = i.warnings.iter().map(|w| w.message_fr()).collect();
        assert_eq!(
            messages,
            vec![
                "Le niveau 1e308 indiqué pour la compétence « veille » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 18446744073709551616 indiqué pour la compétence « communication » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 5 indiqué pour la compétence « prospection » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau -1 indiqué pour la compétence « referencement » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 2.5 indiqué pour la compétence « reseaux-sociaux » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 1e400 indiqué pour la compétence « gestion-projet » du diagnostic rapide n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 5 indiqué pour « charge-developpement-commercial/C2.1.3 » n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
                "Le niveau 6 indiqué pour « vendeur-web/D.5 » n'est pas un niveau entier de 0 à 5 : la réponse et sa preuve notée ont été ignorées.",
                "Le niveau 9999999999999999999999999999999999999999… indiqué pour « charge-ecommerce/AC1.1 » n'est pas un niveau entier de 0 à 4 : la réponse a été ignorée.",
            ]
        );
        assert!(i
            .warnings
            .iter()
            .all(|w| w.code == code::LEVEL_OUT_OF_RANGE));
        assert_eq!(i.warnings[7].arg("max"), Some("5"));
    }

    #[test]
    fn unknown_ids_are_named_and_skipped() {
        let i = ok(with_answers(
            r#"{"veille":2,"inconnue":3,"":1}"#,
            r#"{"vendeur-web/Z.9":{"level":1},"nope":{"level":1},"chef-projet-ecommerce/D1.R1":{"level":2,"evidence":"livré"},"autre-ref/A.1":{"level":9,"evidence":"x"},"vendeur-web/A.7":{"level":2}}"#,
        ));
        assert_eq!(i.dossier.answers.quick.len(), 1);
        assert_eq!(i.dossier.answers.items.len(), 1);
        let messages: Vec<String> = i.warnings.iter().map(|w| w.message_fr()).collect();
        assert_eq!(
            messages,
            vec![
                "La compétence « inconnue » du diagnostic rapide n'existe pas dans Repère : elle a été ignorée.",
                "La compétence «  » du diagnostic rapide n'existe pas dans Repère : elle a été ignorée.",
                "L'élément « vendeur-web/Z.9 » n'existe pas dans Repère : il a été ignoré.",
                "L'élément « nope » n'existe pas dans Repère : il a été ignoré.",
                "L'élément « chef-projet-ecommerce/D1.R1 » ne se note pas dans Repère (il est seulement affiché) : il a été ignoré (avec sa preuve notée).",
                "L'élément « autre-ref/A.1 » n'existe pas dans Repère : il a été ignoré (avec sa preuve notée).",
            ]
        );
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::UNKNOWN_PIVOT,
                code::UNKNOWN_PIVOT,
                code::UNKNOWN_ITEM,
                code::UNKNOWN_ITEM,
                code::UNRATED_ITEM,
                code::UNKNOWN_ITEM
            ]
        );
        assert_eq!(i.warnings[2].arg("id"), Some("vendeur-web/Z.9"));
    }

    #[test]
    fn many_problems_are_capped() {
        let items: Vec<String> = (0..10_000)
            .map(|n| format!(r#""x/{n}":{{"level":1}}"#))
            .collect();
        let i = ok(with_answers("{}", &format!("{{{}}}", items.join(","))));
        assert_eq!(i.warnings.len(), MAX_LISTED_PROBLEMS + 1);
        let last = i.warnings.last().unwrap();
        assert_eq!(last.code, code::MORE_PROBLEMS);
        assert_eq!(
            last.message_fr(),
            "… et 9\u{a0}950 autres problèmes du même genre."
        );
    }

    #[test]
    fn long_evidence_is_truncated_with_a_warning() {
        let long = "é".repeat(MAX_EVIDENCE_CHARS + 500);
        let i = ok(with_answers(
            "{}",
            &format!(r#"{{"{GENERIC_ITEM}":{{"level":2,"evidence":"{long}"}}}}"#),
        ));
        assert_eq!(
            i.dossier.answers.items[GENERIC_ITEM]
                .evidence
                .chars()
                .count(),
            MAX_EVIDENCE_CHARS
        );
        assert_eq!(codes(&i.warnings), vec![code::EVIDENCE_TRUNCATED]);
        assert_eq!(
            i.warnings[0].message_fr(),
            "La preuve notée pour « charge-developpement-commercial/C2.1.3 » compte 2\u{a0}500 caractères, au-delà de la limite de 2\u{a0}000 : elle a été coupée à 2\u{a0}000 caractères."
        );
    }

    #[test]
    fn names_ids_and_dates_are_repaired() {
        let i = ok(file(
            r#"{"id":"Mon Dossier!","name":"  Camille \n\t Martin  ","created_at":"hier","updated_at":"2026-11-20T10:00:00Z"}"#,
        ));
        assert_eq!(i.dossier.id, "mondossier");
        assert!(valid_id(&i.dossier.id));
        assert_eq!(i.dossier.name, "Camille Martin");
        assert_eq!(i.dossier.created_at, "2026-11-20T10:00:00Z");
        assert_eq!(i.dossier.updated_at, "2026-11-20T10:00:00Z");
        assert_eq!(
            codes(&i.warnings),
            vec![code::ID_REPLACED, code::DATE_INVALID]
        );
        assert_eq!(
            i.warnings[0].message_fr(),
            "L'identifiant interne du dossier est absent ou invalide : le dossier a reçu l'identifiant « mondossier »."
        );
        assert_eq!(
            i.warnings[1].message_fr(),
            "La date de création du dossier est illisible (« hier ») : une autre date du fichier a été reprise à la place."
        );

        let i = ok(file(r#"{"name":42}"#));
        assert_eq!(i.dossier.id, "dossier");
        assert_eq!(i.dossier.name, DEFAULT_NAME);
        assert_eq!(
            (i.dossier.created_at.as_str(), i.dossier.updated_at.as_str()),
            (NOW, NOW)
        );
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::ID_REPLACED,
                code::NAME_MISSING,
                code::DATE_INVALID,
                code::DATE_INVALID
            ]
        );
        assert_eq!(
            i.warnings[1].message_fr(),
            "Le dossier a un nom illisible (un nombre) : il s'appellera « Mon dossier »."
        );
        assert_eq!(
            i.warnings[2].message_fr(),
            "La date de création du dossier est absente : une autre date du fichier a été reprise à la place."
        );
        // A long name is cut like any name.
        let i = ok(file(&format!(
            r#"{{"id":"a","name":"{}"}}"#,
            "n".repeat(200)
        )));
        assert_eq!(i.dossier.name.chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn unknown_and_informational_fields() {
        let text = r#"{"format":"repere.dossier","version":1,"app_version":7,"extra":true,"dossier":{"id":"a","name":"A","created_at":"2026-01-01","updated_at":"2026-01-02","revision":9}}"#;
        let i = ok(text);
        assert_eq!(i.app_version, None);
        assert_eq!(i.exported_at, None);
        assert_eq!(
            codes(&i.warnings),
            vec![
                code::UNKNOWN_FIELD,
                code::FIELD_IGNORED,
                code::UNKNOWN_FIELD
            ]
        );
        assert_eq!(
            i.warnings[0].message_fr(),
            "Le champ « extra » du fichier n'est pas connu de Repère : il a été ignoré."
        );
        assert_eq!(
            i.warnings[1].message_fr(),
            "Le champ « app_version » devrait être un texte, c'est un nombre : il a été ignoré."
        );
        assert_eq!(
            i.warnings[2].message_fr(),
            "Le champ « revision » de « dossier » n'est pas connu de Repère : il a été ignoré."
        );
        assert_eq!(i.dossier.revision, 0);
    }

    #[test]
    fn every_message_is_french_and_codes_are_distinct() {
        let all = ALL_CODES;
        let set: std::collections::HashSet<_> = all.iter().collect();
        assert_eq!(set.len(), all.len());
        assert!(all.iter().all(|c| c.starts_with("import.")));
    }

    /// Real problems, from bad inputs: together they cover every code.
    fn every_problem() -> Vec<ImportProblem> {
        let head = r#"{"format":"repere.dossier","version":1"#;
        let long = "é".repeat(MAX_EVIDENCE_CHARS + 1_234);
        let failures: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"  \n ".to_vec(),
            vec![b'{', 0xFF, b'}'],
            b"{\"a\":\n\"\xC3\x28\"}".to_vec(),
            vec![0xFF, 0xFE, b'{', 0],
            b"%PDF-1.4".to_vec(),
            b"{\"a\":".to_vec(),
            b"{\"a\":\"\xC3".to_vec(),
            b"{\"a\" 1}".to_vec(),
            b"{1:2}".to_vec(),
            b"[1 2]".to_vec(),
            b"{\"a\":1 \"b\":2}".to_vec(),
            b"{\"a\":}".to_vec(),
            b"{\"a\":\"x\ny\"}".to_vec(),
            b"{\"a\":\"x\ty\"}".to_vec(),
            b"{\"a\":\"x\x01y\"}".to_vec(),
            b"{\"a\":\"\\q\"}".to_vec(),
            b"{\"a\":\"\\ud800\"}".to_vec(),
            b"{\"a\":01}".to_vec(),
            b"{\"a\":1.}".to_vec(),
            b"{} x".to_vec(),
            b"{}\n\x01".to_vec(),
            format!("{}{}", "[".repeat(40), "]".repeat(40)).into_bytes(),
            br#"{"a":1,"a":2}"#.to_vec(),
            file(r#"{"id":"a","quick":{"veille":1,"veille":2}}"#).into_bytes(),
            b"[1]".to_vec(),
            b"\"texte\"".to_vec(),
            b"null".to_vec(),
            br#"{"version":1}"#.to_vec(),
            br#"{"format":"repere.cohort","version":1}"#.to_vec(),
            br#"{"format":"zip","version":1}"#.to_vec(),
            br#"{"format":7,"version":1}"#.to_vec(),
            br#"{"format":"repere.dossier"}"#.to_vec(),
            br#"{"format":"repere.dossier","version":1.5}"#.to_vec(),
            br#"{"format":"repere.dossier","version":"1"}"#.to_vec(),
            br#"{"format":"repere.dossier","version":99}"#.to_vec(),
            format!("{head}}}").into_bytes(),
            format!(r#"{head},"dossier":[]}}"#).into_bytes(),
            format!(r#"{head},"dossier":{{"quick":[],"items":"x"}}}}"#).into_bytes(),
        ];
        let many: Vec<String> = (0..60)
            .map(|n| format!(r#""x/{n}":{{"level":1}}"#))
            .collect();
        let warned: Vec<String> = vec![
            format!(
                r#"{head},"zz":1,"app_version":5,"exported_at":null,"dossier":{{"name":3,"created_at":"hier","updated_at":false,"extra":1}}}}"#
            ),
            format!(r#"{head},"dossier":{{"id":"!"}}}}"#),
            with_answers(
                r#"{"inconnue":1,"veille":"3","referencement":9,"": null}"#,
                &format!(
                    r#"{{"vendeur-web/Z.9":{{"level":1,"evidence":"e"}},"nope":{{"level":1}},"chef-projet-ecommerce/D1.R1":{{"level":2}},"chef-projet-ecommerce/D1.R1 ":{{"level":2,"evidence":"p"}},"{GENERIC_ITEM}":3}}"#
                ),
            ),
            with_answers(
                "{}",
                &format!(
                    r#"{{"{ECF_ITEM}":{{"evidence":"p"}},"{GENERIC_ITEM}":{{"level":"x","evidence":"p","zz":1}}}}"#
                ),
            ),
            with_answers(
                "{}",
                &format!(
                    r#"{{"{ECF_ITEM}":{{"level":9}},"{GENERIC_ITEM}":{{"level":2.5,"evidence":4}}}}"#
                ),
            ),
            with_answers(
                "{}",
                &format!(
                    r#"{{"{ECF_ITEM}":{{}},"{GENERIC_ITEM}":{{"level":1,"evidence":"{long}"}}}}"#
                ),
            ),
            with_answers("{}", &format!("{{{}}}", many.join(","))),
        ];
        let mut problems: Vec<ImportProblem> = check_size(3 * MAX_IMPORT_BYTES as u64 + 1)
            .unwrap_err()
            .problems;
        for bytes in &failures {
            problems.extend(fail(bytes).problems);
        }
        for text in &warned {
            problems.extend(ok(text).warnings);
        }
        problems
    }

    /// What candidates read, recorded in `tests/fixtures/import/messages-fr.txt` (rewritten with
    /// `REPERE_WRITE_FIXTURES=1`), so that a change of wording is a visible change of that file.
    #[test]
    fn french_messages_read_as_recorded() {
        let text: String = every_problem()
            .iter()
            .map(|p| format!("{}: {}\n", p.code, p))
            .collect();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/messages-fr.txt");
        if std::env::var_os("REPERE_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let recorded = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            recorded == text,
            "messages-fr.txt differs: rerun with REPERE_WRITE_FIXTURES=1 and review the diff"
        );
    }

    #[test]
    fn problems_are_translated_from_the_locales() {
        use crate::core::i18n::{parse_locale, tr_with, Lang, EN_SOURCE, FR_SOURCE};
        let fr = parse_locale(FR_SOURCE).unwrap();
        let en = parse_locale(EN_SOURCE).unwrap();
        for c in ALL_CODES {
            assert!(fr.contains_key(c), "fr.json lacks {c}");
            assert!(en.contains_key(c), "en.json lacks {c}");
        }
        let problems = every_problem();
        let mut seen = std::collections::BTreeSet::new();
        for p in &problems {
            seen.insert(p.code);
            let args = p.arg_pairs();
            for (lang, locale) in [("fr", &fr), ("en", &en)] {
                for name in placeholders(&locale[p.code]) {
                    assert!(
                        p.args.iter().any(|(n, _)| *n == name),
                        "{lang}.json {}: {{{name}}} is not an argument of {p:?}",
                        p.code
                    );
                }
            }
            let english = tr_with(Lang::En, p.code, &args);
            assert!(!english.contains("{line}") && !english.is_empty());
        }
        let missing: Vec<&str> = ALL_CODES
            .iter()
            .copied()
            .filter(|c| !seen.contains(c))
            .collect();
        assert!(missing.is_empty(), "no problem produced for {missing:?}");
    }

    // --- The corpus on disk (also used by the browser tests) ---------------------------------

    #[test]
    fn fixture_corpus() {
        macro_rules! fixture {
            ($name:literal) => {
                (
                    $name,
                    include_bytes!(concat!("../../tests/fixtures/import/", $name)).as_slice(),
                )
            };
        }
        let good = [
            fixture!("valid.json"),
            fixture!("valid-bom.json"),
            fixture!("unknown-ids.json"),
            fixture!("huge-numbers.json"),
            fixture!("wrong-types.json"),
        ];
        for (name, bytes) in good {
            let i = import_dossier(bytes).unwrap_or_else(|f| panic!("{name}: {f}"));
            assert_eq!(i.dossier.name, "Camille", "{name}");
            if name.starts_with("valid") {
                assert!(i.warnings.is_empty(), "{name}: {:?}", i.warnings);
                assert_eq!(i.dossier.answers.quick.len(), 28, "{name}");
            } else {
                assert!(!i.warnings.is_empty(), "{name}");
            }
        }
        let bad = [
            (fixture!("empty.json"), code::EMPTY),
            (fixture!("truncated.json"), code::TRUNCATED),
            (fixture!("not-utf8.json"), code::NOT_UTF8),
            (fixture!("duplicate-keys.json"), code::DUPLICATE_KEY),
            (fixture!("future-version.json"), code::NEWER_VERSION),
            (fixture!("wrong-format.json"), code::WRONG_FORMAT),
            (fixture!("not-object.json"), code::NOT_OBJECT),
            (fixture!("malformed.json"), code::JSON_UNEXPECTED),
            (fixture!("deeply-nested.json"), code::TOO_DEEP),
            (fixture!("items-not-object.json"), code::WRONG_TYPE),
        ];
        for ((name, bytes), expected) in bad {
            assert_eq!(fail(bytes).code(), expected, "{name}");
        }
    }

    /// The fixture corpus of `tests/fixtures/import/` is derived from the real catalog; this test
    /// fails when a committed file differs from what the catalog gives today, and rewrites them
    /// all with `REPERE_WRITE_FIXTURES=1 cargo test --lib import_fixtures_are_up_to_date`.
    #[test]
    fn import_fixtures_are_up_to_date() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let mut corpus: Vec<(&str, Vec<u8>)> = Vec::new();
        let cat = catalog();
        let mut d = Dossier::new("f1xture", "Camille", "2026-11-01T09:00:00.000Z");
        d.updated_at = "2026-11-20T18:30:00.000Z".into();
        for (n, s) in cat.pivots.skills().enumerate() {
            d.answers.quick.insert(s.id.clone(), (n % 5) as u8);
        }
        for r in &cat.referentials {
            for (n, i) in r.rated_items().iter().enumerate().step_by(3) {
                d.answers.items.insert(
                    full_id(&r.id, &i.item.id),
                    ItemAnswer {
                        level: (n % 4) as u8,
                        evidence: if n % 2 == 0 {
                            format!("Expérience n° {n} : « projet » réalisé en stage.")
                        } else {
                            String::new()
                        },
                    },
                );
            }
        }
        let valid = export_dossier(&d, "0.1.0", NOW);
        let mut write = |name: &'static str, bytes: &[u8]| corpus.push((name, bytes.to_vec()));
        write("valid.json", valid.as_bytes());
        write("valid-bom.json", format!("\u{feff}{valid}").as_bytes());
        write("empty.json", b"");
        write("truncated.json", &valid.as_bytes()[..valid.len() * 2 / 3]);
        let mut latin1 = Vec::new();
        for c in valid.chars() {
            match u8::try_from(c as u32) {
                Ok(b) => latin1.push(b),
                Err(_) => latin1.push(b'?'),
            }
        }
        write("not-utf8.json", &latin1);
        write(
            "duplicate-keys.json",
            valid
                .replacen("\"version\": 1,", "\"version\": 1,\n  \"version\": 2,", 1)
                .as_bytes(),
        );
        write(
            "future-version.json",
            valid
                .replacen("\"version\": 1,", "\"version\": 2,", 1)
                .as_bytes(),
        );
        write(
            "wrong-format.json",
            valid
                .replacen("repere.dossier", "repere.referential", 1)
                .as_bytes(),
        );
        write("not-object.json", b"[\"repere.dossier\", 1]\n");
        write(
            "malformed.json",
            valid
                .replacen("\"version\": 1,", "\"version\": 1", 1)
                .as_bytes(),
        );
        write(
            "deeply-nested.json",
            format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
        );
        let items_at = valid.find("\"items\": {").unwrap();
        write(
            "items-not-object.json",
            format!("{}\"items\": [] }} }}\n", &valid[..items_at]).as_bytes(),
        );
        write(
            "unknown-ids.json",
            valid
                .replacen("\"veille\": ", "\"veille-techno\": 2, \"veille\": ", 1)
                .replacen("\"items\": {", "\"items\": {\n      \"vendeur-web/Z.9\": { \"level\": 3, \"evidence\": \"\" },\n      \"chef-projet-ecommerce/D1.R1\": { \"level\": 2, \"evidence\": \"\" },", 1)
                .as_bytes(),
        );
        write(
            "huge-numbers.json",
            valid
                .replacen("\"veille\": ", "\"veille\": 1e308, \"x\": ", 1)
                .replacen("\"items\": {", "\"items\": {\n      \"vendeur-web/D.5\": { \"level\": 18446744073709551616, \"evidence\": \"\" },\n      \"vendeur-web/D.6\": { \"level\": 6, \"evidence\": \"\" },\n      \"charge-ecommerce/AC1.2\": { \"level\": 1e400, \"evidence\": \"\" },", 1)
                .as_bytes(),
        );
        write(
            "wrong-types.json",
            valid
                .replacen("\"veille\": ", "\"veille\": \"3\", \"x\": ", 1)
                .replacen("\"items\": {", "\"items\": {\n      \"vendeur-web/D.5\": { \"level\": \"3\", \"evidence\": \"\" },\n      \"vendeur-web/D.6\": 4,\n      \"charge-ecommerce/AC1.2\": { \"level\": 2, \"evidence\": 12 },", 1)
                .as_bytes(),
        );
        let rewrite = std::env::var_os("REPERE_WRITE_FIXTURES").is_some();
        for (name, bytes) in corpus {
            let path = dir.join(name);
            if rewrite {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &bytes).unwrap();
            } else {
                let committed = std::fs::read(&path).unwrap_or_default();
                assert!(
                    committed == bytes,
                    "{name} is stale: rerun with REPERE_WRITE_FIXTURES=1"
                );
            }
        }
    }

    // --- Storing ------------------------------------------------------------------------------

    #[test]
    fn conflicts_and_choices() {
        let mut index = DossierIndex::default();
        let existing = dossier::create(&mut index, "Camille", "2026-01-01T00:00:00Z", "abc123");
        let mut existing = existing;
        existing.revision = 12;
        let imported = ok(export_dossier(&sample(), "0.1.0", NOW)).dossier;
        assert_eq!(
            conflicts(&index, &imported),
            ImportChoice::SameId {
                existing: existing.meta()
            }
        );
        let other = Dossier {
            id: "zzz".into(),
            ..imported.clone()
        };
        assert_eq!(conflicts(&index, &other), ImportChoice::New);

        let later = "2026-11-24T08:00:00Z";
        let new = as_new(imported.clone(), "f00d", later);
        assert_eq!(new.id, "f00d");
        assert_eq!(new.name, "Camille (importé)");
        assert_eq!(new.created_at, imported.created_at);
        assert_eq!(new.updated_at, later);
        assert_eq!(new.revision, 0);
        assert_eq!(new.answers, imported.answers);
        // Importing a copy again does not pile up suffixes; long names keep the suffix.
        assert_eq!(as_new(new.clone(), "f00e", later).name, "Camille (importé)");
        let long = Dossier {
            name: "n".repeat(MAX_NAME_CHARS),
            ..imported.clone()
        };
        let long_new = as_new(long, "BAD id", later);
        assert!(long_new.name.ends_with(IMPORTED_SUFFIX));
        assert_eq!(long_new.name.chars().count(), MAX_NAME_CHARS);
        assert!(valid_id(&long_new.id));

        let replaced = replacing(&existing, imported.clone(), later);
        assert_eq!(replaced.id, existing.id);
        assert_eq!(replaced.name, imported.name);
        assert_eq!(replaced.answers, imported.answers);
        assert_eq!(replaced.revision, 13);
        assert!(is_newer(&replaced, &existing), "other tabs adopt it");
        // It is stored like any dossier.
        assert_eq!(
            dossier::decode_dossier(&dossier::encode_dossier(&replaced)).unwrap(),
            replaced
        );
    }

    // --- Properties ---------------------------------------------------------------------------

    fn arb_date() -> impl Strategy<Value = String> {
        "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9])T[01][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?Z"
    }

    fn arb_dossier() -> impl Strategy<Value = Dossier> {
        let cat = catalog();
        let pivots: Vec<String> = cat.pivots.skills().map(|s| s.id.clone()).collect();
        let mut items: Vec<(String, u8)> = Vec::new();
        for r in &cat.referentials {
            for i in r.rated_items() {
                let id = full_id(&r.id, &i.item.id);
                let max = item_max(&id).unwrap();
                items.push((id, max));
            }
        }
        let quick = proptest::collection::btree_map(
            proptest::sample::select(pivots),
            0..=GENERIC_MAX,
            0..30,
        );
        let item = proptest::sample::select(items)
            .prop_flat_map(|(id, max)| (Just(id), 0..=max, any::<String>()));
        (
            "[a-z0-9-]{1,40}",
            any::<String>(),
            arb_date(),
            arb_date(),
            quick,
            proptest::collection::vec(item, 0..40),
        )
            .prop_map(|(id, name, created_at, updated_at, quick, items)| Dossier {
                id,
                name: normalize_name(&name),
                created_at,
                updated_at,
                revision: 0,
                answers: Answers {
                    quick,
                    items: items
                        .into_iter()
                        .map(|(k, level, evidence)| (k, ItemAnswer { level, evidence }))
                        .collect(),
                },
            })
    }

    /// Arbitrary JSON values, to compare the reader with serde_json.
    fn arb_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            any::<u64>().prop_map(|n| serde_json::json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| serde_json::json!(f)),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(any::<String>(), inner, 0..8)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn to_serde(n: &Node) -> serde_json::Value {
        match &n.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(raw) => serde_json::from_str(raw).unwrap(),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), to_serde(&m.node)))
                    .collect(),
            ),
        }
    }

    /// JSON-ish token soup, to compare what the reader and serde_json accept.
    fn arb_soup() -> impl Strategy<Value = String> {
        let token = proptest::sample::select(vec![
            "{", "}", "[", "]", ":", ",", " ", "\n", "\t", "\r", "\"", "\"a\"", "\"é\"", "\\",
            "\\u", "\\ud83d", "\\ude00", "\\n", "\\x", "00e9", "0", "1", "-", "-0", ".", "5", "e",
            "E", "+", "12.5e-3", "true", "fals", "false", "null", "nul", "x", "\u{1}", "\u{7f}",
            "é", "💡", "\u{feff}",
        ]);
        proptest::collection::vec(token, 0..24).prop_map(|t| t.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn export_import_round_trip(d in arb_dossier()) {
            let imported = import_dossier(export_dossier(&d, "0.1.0", NOW).as_bytes()).unwrap();
            prop_assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
            prop_assert_eq!(imported.dossier, d);
        }

        #[test]
        fn reader_agrees_with_serde_on_valid_json(v in arb_json(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let node = json::parse(&text).unwrap();
            // Compared with serde_json's own reading of the text (its float parsing is its own).
            prop_assert_eq!(to_serde(&node), serde_json::from_str::<serde_json::Value>(&text).unwrap());
        }

        #[test]
        fn reader_accepts_what_serde_accepts(text in arb_soup()) {
            let ours = json::parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            // serde_json refuses numbers beyond f64; the reader keeps them as text (the import
            // then reports them as out of range).
            prop_assume!(!theirs.as_ref().is_err_and(|e| e.to_string().contains("number out of range")));
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} / {:?}", text, ours, theirs);
        }

        #[test]
        fn import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = import_dossier(&bytes);
        }

        #[test]
        fn import_never_panics_on_soup(text in arb_soup()) {
            let _ = import_dossier(text.as_bytes());
            let _ = import_dossier(file(&text).as_bytes());
            let _ = import_dossier(with_answers(&text, "{}").as_bytes());
        }
    }
}
