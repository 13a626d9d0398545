//! The bundled catalog in a compact binary form, written at build time by `build.rs` from the JSON
//! files of `data/` and decoded once when the app starts. Decoding it is a straight walk with no
//! field names to match, which keeps serde's per-type deserialisers out of the wasm and the first
//! render fast; the JSON stays the source of truth (`data/FORMAT.md`), checked by the data tests.
//!
//! Encoding: unsigned integers as LEB128, strings as length + UTF-8, `Option` as a 0/1 tag,
//! `Vec` as length + elements, enums as their variant index, structs as their fields in order.

use super::model::*;

/// A value that has a compact binary form.
pub trait Compact: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(input: &mut Reader) -> Result<Self, String>;
}

/// Reads the compact form from a byte slice.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    fn byte(&mut self) -> Result<u8, String> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or("compact catalog: unexpected end")?;
        self.pos += 1;
        Ok(b)
    }

    fn slice(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("compact catalog: unexpected end")?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("compact catalog: integer too long".into())
    }

    pub fn is_at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

fn put_varint(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Encodes a value (used by `build.rs` and by the tests).
pub fn encode<T: Compact>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// Decodes a whole byte slice into one value; trailing bytes are an error.
pub fn decode<T: Compact>(bytes: &[u8]) -> Result<T, String> {
    let mut input = Reader::new(bytes);
    let value = T::take(&mut input)?;
    if input.is_at_end() {
        Ok(value)
    } else {
        Err("compact catalog: trailing bytes".into())
    }
}

impl Compact for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(*self, out);
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        input.varint()
    }
}

impl Compact for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(u64::from(*self), out);
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        u32::try_from(input.varint()?).map_err(|_| "compact catalog: u32 out of range".into())
    }
}

impl Compact for u8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        input.byte()
    }
}

impl Compact for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        match input.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("compact catalog: invalid bool".into()),
        }
    }
}

impl Compact for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        let bytes: [u8; 8] = input.slice(8)?.try_into().expect("slice of 8 bytes");
        Ok(f64::from_le_bytes(bytes))
    }
}

impl Compact for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(self.len() as u64, out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        let len = usize::try_from(input.varint()?).map_err(|_| "compact catalog: bad length")?;
        let bytes = input.slice(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| "compact catalog: invalid UTF-8".into())
    }
}

impl<T: Compact> Compact for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        match input.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::take(input)?)),
            _ => Err("compact catalog: invalid option tag".into()),
        }
    }
}

impl<T: Compact> Compact for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(self.len() as u64, out);
        for v in self {
            v.put(out);
        }
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        let len = usize::try_from(input.varint()?).map_err(|_| "compact catalog: bad length")?;
        // Every element takes at least one byte: a corrupt length cannot reserve huge memory.
        if len > input.bytes.len() - input.pos {
            return Err("compact catalog: length past the end".into());
        }
        (0..len).map(|_| T::take(input)).collect()
    }
}

impl<A: Compact, B: Compact> Compact for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(input: &mut Reader) -> Result<Self, String> {
        Ok((A::take(input)?, B::take(input)?))
    }
}

/// Fields in declaration order; adding a field to a model struct without listing it here is a
/// compile error (the struct literal would be incomplete).
macro_rules! compact_struct {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Compact for $name {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$field.put(out);)*
            }
            fn take(input: &mut Reader) -> Result<Self, String> {
                Ok($name { $($field: Compact::take(input)?),* })
            }
        }
    )*};
}

/// Unit-variant enums by variant index; an unknown index is an error.
macro_rules! compact_enum {
    ($($name:ident { $($variant:ident),* $(,)? })*) => {$(
        impl Compact for $name {
            fn put(&self, out: &mut Vec<u8>) {
                const ALL: &[$name] = &[$($name::$variant),*];
                let index = ALL.iter().position(|v| v == self).expect("listed variant");
                out.push(index as u8);
            }
            fn take(input: &mut Reader) -> Result<Self, String> {
                const ALL: &[$name] = &[$($name::$variant),*];
                ALL.get(usize::from(input.byte()?)).copied().ok_or_else(|| format!("compact catalog: invalid {}", stringify!($name)))
            }
        }
    )*};
}

compact_enum! {
    Scale { Generic, Ecf }
    ReferentialKind { EcfProfile, Job, Certification }
    ItemKind { Ecf, Competence, Resource, KnowHow, Knowledge, Result }
}

compact_struct! {
    Table { head, rows }
    Field { label, text, list, table }
    Level { level, text }
    Code { code, label }
    OfficialCode { system, code, label }
    Criterion { id, text }
    Modality { id, title, text }
    Block { id, title, fields }
    Item { id, kind, text, title, rated, target, weight, pivots, block, levels, codes, criteria, modality, fields }
    Group { id, kind, label, title, block, fields, items, groups }
    Referential { format, version, id, title, kind, scale, source, codes, summary, fields, modalities, blocks, groups }
    Localized { fr, en }
    PivotSkill { id, label, description }
    PivotFamily { id, label, skills }
    PivotSet { format, version, families }
}
