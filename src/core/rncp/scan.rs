//! The first pass over an RNCP export (SPEC §13): the browser reads the file in slices and
//! [`Scanner::feed`]s them in order; each call returns the fiches completed so far (number, title,
//! active, and where the fiche lies in the file), so that the trainer can search them while the
//! scan goes on. Memory stays flat whatever the size of the file: the scanner keeps only the bytes
//! of the event under way (at most [`MAX_PENDING_BYTES`]), the element path, and the fields of the
//! fiche under way; the summaries are returned, not kept. The fiche the trainer picks is then
//! read again from its byte range and parsed in full (`fiche::parse_fiche`).
//!
//! quick-xml reads each slice from where the previous one stopped. A slice is only parsed up to
//! its last `>`, so that a tag, an entity or a UTF-8 character is never cut (a `>` is ASCII and
//! ends no reference); markup still cut there (CDATA or a comment holding a `>`) is a syntax error
//! of quick-xml's "input ended" kind, and is parsed again with the next slice. The result does not
//! depend on where the slices are cut (a property test checks it).

use super::{xml, MAX_DEPTH, MAX_FICHE_BYTES, MAX_PENDING_BYTES, MAX_SUMMARY_CHARS};
use crate::core::custom::code::{self, arg, failure, problem};
use crate::core::exchange::{fr_mib, quote, ImportFailure, ImportProblem, Warnings};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::ops::Range;

/// A fiche found by the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FicheSummary {
    /// `NUMERO_FICHE` as written, upper case: « RNCP37674 ».
    pub number: String,
    pub title: String,
    /// `ACTIF` is « Oui ».
    pub active: bool,
    /// Bytes of the file from `<FICHE>` to `</FICHE>` included.
    pub range: Range<u64>,
}

/// What the whole scan found, once the last slice was fed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanEnd {
    pub fiches: usize,
    /// `VERSION_FLUX`, when the export gives it (« 4.1 »).
    pub version: Option<String>,
    /// Fiches skipped (no number, too large), capped like the import's warnings.
    pub warnings: Vec<ImportProblem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Fiches,
    Version,
    Fiche,
    Number,
    Title,
    Active,
    Other,
}

/// The fiche under way.
#[derive(Default)]
struct Open {
    start: u64,
    ordinal: usize,
    number: String,
    title: String,
    active: String,
    oversize: bool,
}

pub struct Scanner {
    /// Bytes fed but not parsed yet; `tail[0]` is byte `tail_at` of the file.
    tail: Vec<u8>,
    tail_at: u64,
    /// Line breaks before `tail_at`, to say where a syntax error is.
    lines: u64,
    /// Open elements, and their names one after the other in `names`.
    stack: Vec<(Tag, usize)>,
    names: Vec<u8>,
    root_closed: bool,
    version: Option<String>,
    fiche: Option<Open>,
    ordinal: usize,
    /// The summary field being read and its text.
    field: Option<Tag>,
    text: String,
    found: usize,
    warnings: Warnings,
    failed: Option<ImportFailure>,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Scanner {
    pub fn new() -> Scanner {
        Scanner {
            tail: Vec::new(),
            tail_at: 0,
            lines: 0,
            stack: Vec::new(),
            names: Vec::new(),
            root_closed: false,
            version: None,
            fiche: None,
            ordinal: 0,
            field: None,
            text: String::new(),
            found: 0,
            warnings: Warnings::default(),
            failed: None,
        }
    }

    /// Bytes fed so far.
    pub fn bytes_read(&self) -> u64 {
        self.tail_at + self.tail.len() as u64
    }

    /// Bytes held between two slices (memory stays flat: this is the event cut by the last
    /// slice's end, never the file read so far).
    pub fn pending_bytes(&self) -> usize {
        self.tail.len()
    }

    /// Fiches returned so far.
    pub fn fiches_found(&self) -> usize {
        self.found
    }

    /// Reads the next slice of the file; returns the fiches it completed. After a failure, every
    /// call returns the same failure.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<Vec<FicheSummary>, ImportFailure> {
        if let Some(f) = &self.failed {
            return Err(f.clone());
        }
        let mut out = Vec::new();
        let result = if self.tail.is_empty() {
            // The usual case: parse the caller's slice in place, keep only what is left.
            let used = self.run(bytes, self.tail_at, false, &mut out);
            used.map(|used| self.keep(bytes, used))
        } else {
            let mut data = std::mem::take(&mut self.tail);
            data.extend_from_slice(bytes);
            let used = self.run(&data, self.tail_at, false, &mut out);
            used.map(|used| self.keep(&data, used))
        };
        match result {
            Ok(()) if self.tail.len() > MAX_PENDING_BYTES => {
                let f = failure(
                    code::ELEMENT_TOO_LARGE,
                    vec![
                        arg("line", self.lines + 1),
                        arg("size_fr", fr_mib(self.tail.len() as u64)),
                        arg("limit_fr", fr_mib(MAX_PENDING_BYTES as u64)),
                    ],
                );
                self.fail(f)
            }
            Ok(()) => Ok(out),
            Err(f) => self.fail(f),
        }
    }

    /// The file ended: checks that the export was complete.
    pub fn finish(mut self) -> Result<ScanEnd, ImportFailure> {
        if let Some(f) = self.failed.take() {
            return Err(f);
        }
        let data = std::mem::take(&mut self.tail);
        let mut out = Vec::new();
        self.run(&data, self.tail_at, true, &mut out)?;
        if !self.stack.is_empty() {
            return Err(self.truncated());
        }
        if !self.root_closed {
            let blank = data.iter().all(u8::is_ascii_whitespace) || data == BOM;
            return Err(if self.tail_at == 0 && blank {
                failure(code::EMPTY, vec![])
            } else {
                self.truncated()
            });
        }
        if self.found == 0 {
            let mut f = failure(code::NO_FICHE, vec![]);
            f.problems.extend(self.warnings.finish());
            return Err(f);
        }
        Ok(ScanEnd {
            fiches: self.found,
            version: self.version,
            warnings: self.warnings.finish(),
        })
    }

    fn fail<T>(&mut self, f: ImportFailure) -> Result<T, ImportFailure> {
        self.failed = Some(f.clone());
        self.tail = Vec::new();
        Err(f)
    }

    /// Keeps `data[used..]` for the next slice.
    fn keep(&mut self, data: &[u8], used: usize) {
        self.lines += data[..used].iter().filter(|b| **b == b'\n').count() as u64;
        self.tail_at += used as u64;
        self.tail = data[used..].to_vec();
    }

    fn truncated(&self) -> ImportFailure {
        match &self.fiche {
            Some(open) if !open.number.is_empty() => {
                failure(code::TRUNCATED_IN_FICHE, vec![arg("fiche", &open.number)])
            }
            _ => failure(code::TRUNCATED, vec![]),
        }
    }

    /// Parses `data` (byte `base` of the file onwards) up to its last `>`, or whole when `last`;
    /// returns how many bytes were used.
    fn run(
        &mut self,
        data: &[u8],
        base: u64,
        last: bool,
        out: &mut Vec<FicheSummary>,
    ) -> Result<usize, ImportFailure> {
        if base == 0 && self.stack.is_empty() && !self.root_closed {
            self.check_start(data, last)?;
        }
        let end = if last {
            data.len()
        } else {
            match data.iter().rposition(|b| *b == b'>') {
                Some(i) => i + 1,
                None => return Ok(0),
            }
        };
        let slice = &data[..end];
        // quick-xml skips a leading byte order mark without counting it in its positions.
        let skipped = if slice.starts_with(BOM) { BOM.len() } else { 0 };
        let mut reader = Reader::from_reader(slice);
        let config = reader.config_mut();
        // Each slice gets a new reader: the element stack is ours, names are checked here.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        let mut used = 0;
        loop {
            let before = reader.buffer_position() as usize + skipped;
            match reader.read_event() {
                Ok(Event::Eof) => return Ok(end),
                Ok(event) => {
                    let after = reader.buffer_position() as usize + skipped;
                    self.on_event(event, base + before as u64, base + after as u64, out)
                        .map_err(|e| self.located(e, data, before))?;
                    used = after;
                }
                Err(quick_xml::Error::Syntax(_)) if !last => return Ok(used),
                Err(quick_xml::Error::Syntax(_)) => return Err(self.truncated()),
                Err(_) => return Err(self.malformed(data, before)),
            }
        }
    }

    /// Refuses, from its first bytes, a file that is no XML.
    fn check_start(&self, data: &[u8], last: bool) -> Result<(), ImportFailure> {
        // A byte order mark may come in two slices: wait for the rest of it.
        if !last && data.len() < BOM.len() && BOM.starts_with(data) {
            return Ok(());
        }
        let body = data.strip_prefix(BOM).unwrap_or(data);
        let Some(first) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
            return Ok(());
        };
        if body[first] == b'<' {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&body[first..body.len().min(first + 120)]);
        Err(failure(
            code::NOT_XML_OR_JSON,
            // Its first line: a CSV's header or a page's first words say what the file is.
            vec![arg(
                "start",
                quote(text.lines().next().unwrap_or("").trim_end()),
            )],
        ))
    }

    fn malformed(&self, data: &[u8], at: usize) -> ImportFailure {
        let upto = at.min(data.len());
        let line = self.lines + 1 + data[..upto].iter().filter(|b| **b == b'\n').count() as u64;
        match &self.fiche {
            Some(open) if !open.number.is_empty() => failure(
                code::XML_MALFORMED_IN_FICHE,
                vec![arg("line", line), arg("fiche", &open.number)],
            ),
            _ => failure(code::XML_MALFORMED, vec![arg("line", line)]),
        }
    }

    /// A failure raised by an event: the malformed ones get their line here.
    fn located(&self, e: EventError, data: &[u8], at: usize) -> ImportFailure {
        match e {
            EventError::Malformed => self.malformed(data, at),
            EventError::Failure(f) => f,
        }
    }

    fn on_event(
        &mut self,
        event: Event<'_>,
        start: u64,
        end: u64,
        out: &mut Vec<FicheSummary>,
    ) -> Result<(), EventError> {
        match event {
            Event::Start(e) => self.open(&e, start),
            Event::Empty(e) => {
                self.open(&e, start)?;
                self.close(e.name().as_ref(), end, out)
            }
            Event::End(e) => self.close(e.name().as_ref(), end, out),
            Event::Text(t) => {
                if self.field.is_some() {
                    xml::push_text(&mut self.text, &t).map_err(|_| self.not_utf8())?;
                } else if self.stack.is_empty() && !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(EventError::Malformed);
                }
                self.cap_text();
                Ok(())
            }
            Event::CData(t) if self.field.is_some() => {
                xml::push_cdata(&mut self.text, &t).map_err(|_| self.not_utf8())?;
                self.cap_text();
                Ok(())
            }
            Event::GeneralRef(r) if self.field.is_some() => {
                xml::push_ref(&mut self.text, &r).map_err(|_| self.not_utf8())?;
                Ok(())
            }
            Event::GeneralRef(_) | Event::CData(_) if self.stack.is_empty() => {
                Err(EventError::Malformed)
            }
            _ => Ok(()),
        }
    }

    fn not_utf8(&self) -> EventError {
        let fiche = self.fiche.as_ref().map(|o| o.number.clone());
        EventError::Failure(failure(
            code::NOT_UTF8,
            vec![arg("fiche", fiche.unwrap_or_default())],
        ))
    }

    /// A summary field is short: a title longer than this is cut (the fiche's full parse
    /// reports it).
    fn cap_text(&mut self) {
        if self.text.len() > MAX_SUMMARY_CHARS * 4 {
            let cut: String = self.text.chars().take(MAX_SUMMARY_CHARS).collect();
            self.text = cut;
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, start: u64) -> Result<(), EventError> {
        let name = e.name();
        let name = name.as_ref();
        let depth = self.stack.len();
        if depth >= MAX_DEPTH {
            return Err(EventError::Failure(failure(
                code::TOO_DEEP,
                vec![arg("max", MAX_DEPTH)],
            )));
        }
        let in_fiche = self.fiche.is_some() && self.stack.get(1).map(|s| s.0) == Some(Tag::Fiche);
        let tag = match (depth, name) {
            (0, _) if self.root_closed => return Err(EventError::Malformed),
            (0, b"FICHES") => Tag::Fiches,
            (0, other) => {
                let root = String::from_utf8_lossy(other);
                return Err(EventError::Failure(failure(
                    code::NOT_RNCP,
                    vec![arg("root", quote(&root))],
                )));
            }
            (1, b"FICHE") => {
                self.ordinal += 1;
                self.fiche = Some(Open {
                    start,
                    ordinal: self.ordinal,
                    ..Open::default()
                });
                Tag::Fiche
            }
            (1, b"VERSION_FLUX") => Tag::Version,
            (2, b"NUMERO_FICHE") if in_fiche => Tag::Number,
            (2, b"INTITULE") if in_fiche => Tag::Title,
            (2, b"ACTIF") if in_fiche => Tag::Active,
            _ => Tag::Other,
        };
        if tag != Tag::Other {
            self.field = Some(tag).filter(|t| !matches!(t, Tag::Fiches | Tag::Fiche));
            self.text.clear();
        }
        self.stack.push((tag, self.names.len()));
        self.names.extend_from_slice(name);
        Ok(())
    }

    fn close(
        &mut self,
        name: &[u8],
        end: u64,
        out: &mut Vec<FicheSummary>,
    ) -> Result<(), EventError> {
        let Some((tag, at)) = self.stack.pop() else {
            return Err(EventError::Malformed);
        };
        if &self.names[at..] != name {
            return Err(EventError::Malformed);
        }
        self.names.truncate(at);
        if let Some(open) = &mut self.fiche {
            if end - open.start > MAX_FICHE_BYTES as u64 {
                open.oversize = true;
            }
        }
        // An element inside a field (HTML written unescaped) leaves the field's text alone.
        let text = if Some(tag) == self.field {
            self.field = None;
            std::mem::take(&mut self.text)
        } else {
            String::new()
        };
        match tag {
            Tag::Fiches => self.root_closed = true,
            Tag::Version => self.version = Some(text.trim().to_string()),
            Tag::Number | Tag::Title | Tag::Active => {
                if let Some(open) = &mut self.fiche {
                    let slot = match tag {
                        Tag::Number => &mut open.number,
                        Tag::Title => &mut open.title,
                        _ => &mut open.active,
                    };
                    *slot = crate::core::text::fold_whitespace(&xml::html_to_text(&text));
                }
            }
            Tag::Fiche => {
                if let Some(open) = self.fiche.take() {
                    self.summary(open, end, out);
                }
            }
            Tag::Other => {}
        }
        Ok(())
    }

    fn summary(&mut self, open: Open, end: u64, out: &mut Vec<FicheSummary>) {
        let number = open.number.to_ascii_uppercase();
        if number.is_empty() {
            self.warnings.push(problem(
                code::FICHE_NO_NUMBER,
                vec![
                    arg("ordinal", open.ordinal),
                    arg("title", quote(&open.title)),
                ],
            ));
        } else if super::referential_id(&number).is_none() {
            self.warnings.push(problem(
                code::FICHE_BAD_NUMBER,
                vec![
                    arg("number", quote(&number)),
                    arg("title", quote(&open.title)),
                ],
            ));
        } else if open.oversize {
            self.warnings.push(problem(
                code::FICHE_TOO_LARGE,
                vec![
                    arg("fiche", &number),
                    arg("size_fr", fr_mib(end - open.start)),
                    arg("limit_fr", fr_mib(MAX_FICHE_BYTES as u64)),
                ],
            ));
        } else {
            self.found += 1;
            out.push(FicheSummary {
                number,
                title: open.title,
                active: open.active.trim().eq_ignore_ascii_case("oui"),
                range: open.start..end,
            });
        }
    }
}

enum EventError {
    /// Not well-formed XML at this event: the caller knows the line.
    Malformed,
    Failure(ImportFailure),
}
