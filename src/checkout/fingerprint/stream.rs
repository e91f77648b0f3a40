//! The cart's canonical bytes (`crate::foundation::tape::canonical` of its tape) written as serde
//! walks it: no tape. A tape writes each compound's length after its elements; here a
//! placeholder is written first and patched with the count at the compound's end, so a value
//! whose length serde does not know (or gets wrong) gives the tape's bytes too: there is no
//! second path. The texts follow the ops in the canonical form, so they wait in a buffer kept
//! per thread.

use crate::foundation::tape::{ARR, DYN_KEY, F64, FALSE, I64, INT, NULL, OBJ, STR, TRUE};
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::fmt::{self, Display, Write as _};

thread_local! {
    static TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Append `value`'s canonical bytes to `out`; false (with `out` spoilt) when the tape would
/// refuse the value too (a map key that is not text or a number, a failing `Serialize`).
pub(super) fn canonical<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> bool {
    // Taken out, not borrowed: nothing here can reenter, but a panic must not poison it.
    let mut text = TEXT.with(|t| std::mem::take(&mut *t.borrow_mut()));
    text.clear();
    let mut s = Stream {
        h: Ops(std::mem::take(out)),
        text,
        utf16: 0,
    };
    let ok = value.serialize(&mut s).is_ok();
    let Stream {
        h: Ops(mut done),
        text,
        ..
    } = s;
    if ok {
        done.extend_from_slice(&text);
    }
    *out = done;
    // A huge cart's text is not kept for the rest of the module's life.
    if text.capacity() <= 1 << 16 {
        TEXT.with(|t| *t.borrow_mut() = text);
    }
    ok
}

/// The ops' bytes, gathered to be hashed once: feeding the streaming hash a field name at a
/// time cost more than the hash of the whole buffer (session 5's profile).
struct Ops(Vec<u8>);

impl Ops {
    /// Four bytes (the canonical form is mostly `u32` words).
    #[inline]
    fn word(&mut self, w: u32) {
        self.0.extend_from_slice(&w.to_le_bytes());
    }

    #[inline]
    fn write(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }

    /// One zero byte (a field name's end).
    #[inline]
    fn zero(&mut self) {
        self.0.push(0);
    }
}

struct Stream {
    h: Ops,
    text: Vec<u8>,
    /// `text`'s length in UTF-16 units, as the tape counts string offsets.
    utf16: usize,
}

#[derive(Debug)]
pub(super) struct Unsure;

impl Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("length not known up front")
    }
}

impl std::error::Error for Unsure {}

impl ser::Error for Unsure {
    fn custom<T: Display>(_: T) -> Self {
        Unsure
    }
}

type R = Result<(), Unsure>;

impl Stream {
    /// The tape's `at len` of `s`, its text kept for the end.
    fn str(&mut self, s: &str) {
        let len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().map(char::len_utf16).sum()
        };
        self.h.word(self.utf16 as u32);
        self.h.word(len as u32);
        self.text.extend_from_slice(s.as_bytes());
        self.utf16 += len;
    }

    fn int(&mut self, v: i64) {
        match i32::try_from(v) {
            Ok(v) => {
                self.h.word(INT);
                self.h.word(v as u32);
            }
            Err(_) => {
                self.h.word(I64);
                self.h.word(v as u32);
                self.h.word((v >> 32) as u32);
            }
        }
    }

    fn f64(&mut self, v: f64) {
        if v.is_finite() {
            let bits = v.to_bits();
            self.h.word(F64);
            self.h.word(bits as u32);
            self.h.word((bits >> 32) as u32);
        } else {
            self.h.word(NULL);
        }
    }

    /// A compound's op and a length to patch: serde's length is only a hint (see `close`).
    fn open(&mut self, op: u32) -> Result<Compound<'_>, Unsure> {
        self.h.word(op);
        let at = self.h.0.len();
        self.h.word(0);
        Ok(Compound {
            w: self,
            at,
            count: 0,
        })
    }

    /// A field name as the canonical walk writes it: its text and a NUL.
    fn key(&mut self, name: &'static str) {
        self.h.write(name.as_bytes());
        self.h.zero();
    }

    fn variant(&mut self, variant: &'static str) {
        self.h.word(OBJ);
        self.h.word(1);
        self.key(variant);
    }
}

struct Compound<'a> {
    w: &'a mut Stream,
    /// Where the length word is, in the ops.
    at: usize,
    /// Elements written.
    count: usize,
}

impl Compound<'_> {
    fn one(&mut self) -> R {
        self.count += 1;
        Ok(())
    }

    /// The length word is the count of elements written, as the tape counts them.
    fn close(self) -> R {
        let n = u32::try_from(self.count).map_err(|_| Unsure)?;
        self.w.h.0[self.at..self.at + 4].copy_from_slice(&n.to_le_bytes());
        Ok(())
    }
}

/// A `Display` value's text, formatted on the stack when it is short (a time, a rate).
fn with_text<T: Display + ?Sized>(value: &T, f: impl FnOnce(&str)) {
    struct Buf {
        bytes: [u8; 64],
        len: usize,
        spill: Option<String>,
    }
    impl fmt::Write for Buf {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            if let Some(spill) = &mut self.spill {
                spill.push_str(s);
            } else if self.len + s.len() <= self.bytes.len() {
                self.bytes[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
                self.len += s.len();
            } else {
                let mut spill = String::from_utf8_lossy(&self.bytes[..self.len]).into_owned();
                spill.push_str(s);
                self.spill = Some(spill);
            }
            Ok(())
        }
    }
    let mut b = Buf {
        bytes: [0; 64],
        len: 0,
        spill: None,
    };
    // As `ToString`, which the tape's default `collect_str` uses: a failing Display gives the
    // text written so far.
    let _ = write!(b, "{value}");
    match &b.spill {
        Some(s) => f(s),
        // Only whole `&str`s were copied in, so the bytes are UTF-8.
        None => f(std::str::from_utf8(&b.bytes[..b.len]).unwrap_or("")),
    }
}

macro_rules! ints {
    ($($f:ident $t:ty),*) => {$(
        fn $f(self, v: $t) -> R {
            self.int(i64::from(v));
            Ok(())
        }
    )*};
}

macro_rules! wide_ints {
    ($($f:ident $t:ty),*) => {$(
        fn $f(self, v: $t) -> R {
            match i64::try_from(v) {
                Ok(v) => self.int(v),
                Err(_) => self.f64(v as f64),
            }
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Stream {
    type Ok = ();
    type Error = Unsure;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> R {
        self.h.word(if v { TRUE } else { FALSE });
        Ok(())
    }

    ints!(serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64,
          serialize_u8 u8, serialize_u16 u16, serialize_u32 u32);

    wide_ints!(serialize_u64 u64, serialize_i128 i128, serialize_u128 u128);

    fn serialize_f32(self, v: f32) -> R {
        self.f64(v.to_string().parse().unwrap_or(f64::NAN));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> R {
        self.f64(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> R {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> R {
        self.h.word(STR);
        self.str(v);
        Ok(())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> R {
        with_text(value, |s| {
            self.h.word(STR);
            self.str(s);
        });
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> R {
        let mut seq = self.open(ARR)?;
        for &b in v {
            seq.w.int(i64::from(b));
            seq.one()?;
        }
        seq.close()
    }

    fn serialize_none(self) -> R {
        self.h.word(NULL);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }

    fn serialize_unit(self) -> R {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        self.variant(variant);
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsure> {
        self.open(ARR)
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unsure> {
        self.open(ARR)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsure> {
        self.open(ARR)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsure> {
        self.variant(variant);
        self.open(ARR)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsure> {
        self.open(OBJ)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsure> {
        self.open(OBJ)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsure> {
        self.variant(variant);
        self.open(OBJ)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsure;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        self.one()?;
        value.serialize(&mut *self.w)
    }

    fn end(self) -> R {
        self.close()
    }
}

macro_rules! array_like {
    ($($tr:ident $f:ident),*) => {$(
        impl ser::$tr for Compound<'_> {
            type Ok = ();
            type Error = Unsure;

            fn $f<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
                ser::SerializeSeq::serialize_element(self, value)
            }

            fn end(self) -> R {
                self.close()
            }
        }
    )*};
}

array_like!(SerializeTuple serialize_element, SerializeTupleStruct serialize_field,
    SerializeTupleVariant serialize_field);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsure;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.one()?;
        self.w.h.word(DYN_KEY);
        key.serialize(MapKey(self.w))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut *self.w)
    }

    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsure;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
        self.one()?;
        self.w.key(key);
        value.serialize(&mut *self.w)
    }

    fn end(self) -> R {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unsure;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> R {
        self.close()
    }
}

/// A map's key: its text (numbers written out), as the tape writes it.
struct MapKey<'a>(&'a mut Stream);

macro_rules! display_keys {
    ($($f:ident $t:ty),*) => {$(
        fn $f(self, v: $t) -> R {
            self.0.str(&v.to_string());
            Ok(())
        }
    )*};
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Unsure;
    type SerializeSeq = ser::Impossible<(), Unsure>;
    type SerializeTuple = ser::Impossible<(), Unsure>;
    type SerializeTupleStruct = ser::Impossible<(), Unsure>;
    type SerializeTupleVariant = ser::Impossible<(), Unsure>;
    type SerializeMap = ser::Impossible<(), Unsure>;
    type SerializeStruct = ser::Impossible<(), Unsure>;
    type SerializeStructVariant = ser::Impossible<(), Unsure>;

    fn serialize_str(self, v: &str) -> R {
        self.0.str(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> R {
        self.0.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    display_keys!(serialize_bool bool, serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
        serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16,
        serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }

    // The rest the tape refuses as a key: the cart then has no canonical bytes, as with the
    // tape (`fingerprint`).
    fn serialize_f32(self, _: f32) -> R {
        Err(Unsure)
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(Unsure)
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Unsure)
    }
    fn serialize_none(self) -> R {
        Err(Unsure)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> R {
        Err(Unsure)
    }
    fn serialize_unit(self) -> R {
        Err(Unsure)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Err(Unsure)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> R {
        Err(Unsure)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsure> {
        Err(Unsure)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsure> {
        Err(Unsure)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsure> {
        Err(Unsure)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsure> {
        Err(Unsure)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsure> {
        Err(Unsure)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsure> {
        Err(Unsure)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsure> {
        Err(Unsure)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde::ser::{SerializeMap, SerializeSeq, Serializer};

    /// A list that tells serde no length, and a map that tells it a wrong one.
    struct Unsized(Vec<u32>);

    impl Serialize for Unsized {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(7))?;
            m.serialize_entry("list", &Listed(&self.0))?;
            m.serialize_entry("n", &self.0.len())?;
            m.end()
        }
    }

    struct Listed<'a>(&'a [u32]);

    impl Serialize for Listed<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut q = s.serialize_seq(None)?;
            for v in self.0 {
                q.serialize_element(v)?;
            }
            q.end()
        }
    }

    /// Lengths serde does not know or gets wrong give the tape's canonical bytes.
    #[test]
    fn unknown_lengths_as_the_tape() {
        for v in [vec![], vec![1, 2, 3], (0..300).collect()] {
            let value = Unsized(v);
            let mut streamed = Vec::new();
            assert!(canonical(&value, &mut streamed));
            let mut taped = Vec::new();
            let tape = crate::foundation::tape::write(&value).unwrap();
            crate::foundation::tape::canonical(&tape, &mut taped);
            assert_eq!(streamed, taped);
        }
    }
}
