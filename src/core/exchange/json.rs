//! A small JSON reader for the import, kept beside `serde_json` because the import's messages
//! need what `serde_json` does not give (each reason is a test below, against `serde_json`):
//! - **duplicate keys**: every member of an object, in order, duplicates included. `serde_json`
//!   silently keeps the last value of a repeated key, so a file saying `"level": 1` then
//!   `"level": 4` would import one of them without a word; the import refuses it, naming both.
//! - **positions**: the line and column (in characters) of every value and key, so that the
//!   message about a duplicate key points at both places. A `serde_json::Value` has no
//!   positions, and its syntax errors count columns in bytes (an accented letter counts twice).
//! - **what went wrong, not an English sentence**: a syntax error says which token was expected
//!   (a key, `:`, a comma or a closing bracket), which character was found and whether the text
//!   even starts as JSON, so that it is told in plain French. `serde_json` classifies an error
//!   only as syntax, data or end of file; the rest is its English message.
//! - **numbers as written**: `1e400` or a 40-digit level is valid JSON that `serde_json` refuses
//!   as « number out of range », so the whole file would fail as unreadable; here it is read,
//!   and the import reports that one level as off the scale, quoting it as the file wrote it.
//! - **depth**: nesting is limited by [`MAX_DEPTH`] (an export is 4 levels deep) with its own
//!   error, and never by the call stack, since the reader is iterative (an explicit stack).
//!   `serde_json`'s limit is fixed at 128 and reported like any syntax error.

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
                Some(_) => return Err(self.err(ErrorKind::ControlInString(self.current_char()))),
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
    let mut p = Parser {
        r: Reader {
            text,
            bytes: text.as_bytes(),
            i: 0,
            line: 1,
            column: 1,
        },
        stack: Vec::new(),
    };
    loop {
        // `None`: a container opened, and its first value comes next.
        let Some(node) = p.value()? else {
            continue;
        };
        if let Some(root) = p.hand_up(node)? {
            return Ok(root);
        }
    }
}

/// The reader and the containers open around its position, innermost last.
struct Parser<'a> {
    r: Reader<'a>,
    stack: Vec<Frame>,
}

impl Parser<'_> {
    /// The next value if it is complete (a scalar or an empty container); `None` when it opens a
    /// container that holds something.
    fn value(&mut self) -> Result<Option<Node>, Error> {
        let r = &mut self.r;
        r.skip_ws();
        let pos = r.pos();
        // With nothing open, this is the root value: the very start of the data.
        let at_start = self.stack.is_empty();
        let node = match r.peek() {
            None => return Err(r.err(ErrorKind::Eof)),
            Some(open @ (b'{' | b'[')) => return self.open(open, pos),
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
        Ok(Some(node))
    }

    /// `[` or `{` at `pos`: an empty container is a complete value; any other is pushed, with
    /// an object's first key read.
    fn open(&mut self, open: u8, pos: Pos) -> Result<Option<Node>, Error> {
        let r = &mut self.r;
        if self.stack.len() >= MAX_DEPTH {
            return Err(r.err(ErrorKind::TooDeep));
        }
        r.bump();
        r.skip_ws();
        let frame = match (open, r.peek()) {
            (b'[', Some(b']')) | (b'{', Some(b'}')) => {
                r.bump();
                let value = if open == b'[' {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(Vec::new())
                };
                return Ok(Some(Node { value, pos }));
            }
            (b'[', _) => Frame::Array {
                items: Vec::new(),
                pos,
            },
            _ => Frame::Object {
                members: Vec::new(),
                pos,
                key: Some(r.key()?),
            },
        };
        self.stack.push(frame);
        Ok(None)
    }

    /// Hands a complete value to its container, closing containers as they end: the root once
    /// the text is read to its end, `None` when the next value of a container comes.
    fn hand_up(&mut self, mut node: Node) -> Result<Option<Node>, Error> {
        let r = &mut self.r;
        loop {
            let closed = match self.stack.last_mut() {
                None => {
                    r.skip_ws();
                    return match r.peek() {
                        None => Ok(Some(node)),
                        Some(_) => Err(r.err(ErrorKind::Trailing(r.current_char()))),
                    };
                }
                Some(Frame::Array { items, .. }) => {
                    items.push(node);
                    r.skip_ws();
                    match r.peek() {
                        Some(b',') => None,
                        Some(b']') => Some(()),
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
                            return Ok(None);
                        }
                        Some(b'}') => Some(()),
                        _ => return Err(r.unexpected(Expected::CommaOrBrace, false)),
                    }
                }
            };
            // A comma or the closing bracket or brace.
            r.bump();
            if closed.is_none() {
                return Ok(None);
            }
            node = match self.stack.pop().expect("the container just read") {
                Frame::Array { items, pos } => Node {
                    value: Value::Array(items),
                    pos,
                },
                Frame::Object { members, pos, .. } => Node {
                    value: Value::Object(members),
                    pos,
                },
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::json;
    use crate::core::exchange::test_support::*;
    use proptest::prelude::*;

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

    // Why this reader and not serde_json: each reason of the module documentation, shown.

    #[test]
    fn duplicate_keys_are_kept_where_serde_keeps_the_last_silently() {
        let text = "{\"level\": 1,\n \"level\": 4}";
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            theirs,
            serde_json::json!({ "level": 4 }),
            "serde_json says nothing"
        );
        let Value::Object(members) = json::parse(text).unwrap().value else {
            panic!("an object")
        };
        let keys: Vec<(&str, Pos)> = members
            .iter()
            .map(|m| (m.key.as_str(), m.key_pos))
            .collect();
        assert_eq!(
            keys,
            [
                ("level", Pos { line: 1, column: 2 }),
                ("level", Pos { line: 2, column: 2 })
            ]
        );
    }

    #[test]
    fn positions_count_characters_where_serde_counts_bytes() {
        // The comma is missing after the accented value: the next key is at column 13 for a
        // reader, later for serde_json, which counts each « é » as two bytes.
        let text = "{\"a\": \"été\" \"b\": 1}";
        let ours = json::parse(text).unwrap_err();
        assert_eq!(
            ours.pos,
            Pos {
                line: 1,
                column: 13
            }
        );
        let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!((theirs.line(), theirs.column()), (1, 15));
        assert_ne!(theirs.column(), ours.pos.column as usize);
    }

    #[test]
    fn syntax_errors_say_what_was_expected_where_serde_has_english_text() {
        let text = "{\"a\" 1}";
        let ours = json::parse(text).unwrap_err();
        assert_eq!(
            ours.kind,
            ErrorKind::Unexpected {
                found: '1',
                expected: Expected::Colon,
                at_start: false
            }
        );
        let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!(theirs.classify(), serde_json::error::Category::Syntax);
        assert!(theirs.to_string().starts_with("expected `:`"), "{theirs}");
    }

    #[test]
    fn numbers_stay_as_written_where_serde_refuses_them() {
        for raw in ["1e400", "-1e400", &"9".repeat(400)] {
            let text = format!("{{\"level\": {raw}}}");
            let theirs = serde_json::from_str::<serde_json::Value>(&text).unwrap_err();
            assert!(
                theirs.to_string().contains("number out of range"),
                "{theirs}"
            );
            let ours = json::parse(&text).unwrap();
            assert_eq!(
                ours.get("level").unwrap().value,
                Value::Number(raw.to_string())
            );
        }
        // And a number serde_json reads is kept as written, not as its float.
        let text = "[18446744073709551616, 1.50]";
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(text).unwrap()[0].to_string(),
            "1.8446744073709552e+19"
        );
        let Value::Array(items) = json::parse(text).unwrap().value else {
            panic!("an array")
        };
        let raws: Vec<&Value> = items.iter().map(|n| &n.value).collect();
        assert_eq!(
            raws,
            [
                &Value::Number("18446744073709551616".into()),
                &Value::Number("1.50".into())
            ]
        );
    }

    #[test]
    fn depth_is_limited_to_max_depth_without_recursion() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(json::parse(&nested(MAX_DEPTH)).is_ok());
        let too_deep = nested(MAX_DEPTH + 1);
        assert_eq!(json::parse(&too_deep).unwrap_err().kind, ErrorKind::TooDeep);
        // serde_json reads it: its own limit is 128, and only told in English.
        assert!(serde_json::from_str::<serde_json::Value>(&too_deep).is_ok());
        let theirs = serde_json::from_str::<serde_json::Value>(&nested(200)).unwrap_err();
        assert_eq!(theirs.classify(), serde_json::error::Category::Syntax);
        assert!(theirs.to_string().contains("recursion limit"), "{theirs}");
        // A megabyte of brackets costs no stack: refused at the limit, not by a crash.
        let deep = "[".repeat(1 << 20);
        assert_eq!(json::parse(&deep).unwrap_err().kind, ErrorKind::TooDeep);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

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
    }
}
