//! The tape: how results cross the WASM boundary. Any `Serialize` value is written as a flat
//! list of `u32` ops plus one text holding every string; a few lines of JS in the binding
//! (`src/binding/mod.rs`) rebuild the object from them. This replaced JSON text (`serde_json` here,
//! UTF-8 decoding and `JSON.parse` there): a 20-line quote from Node went from 331 to 237 µs.
//! Field names are sent once per module instance, then referred to by number. The value is the
//! one JSON would give, key order included: tested against serde_json natively
//! (`tests/tape.rs`) and byte for byte on 150 quotes in the JS tests.
//!
//! Ops: `NULL`, `TRUE`, `FALSE`; `INT v` (an i32); `I64 lo hi`; `F64 lo hi`; `STR at len`
//! (UTF-16 units into the text); `ARR n` then n values; `OBJ n` then n (key, value) pairs, a
//! key being a field number, or `DYN_KEY at len` for a map's own key. The key trailer at
//! `keys_at`: `first n (at len)*n`, the field names numbered from `first` that JS lacks.

use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::fmt::Display;

pub const NULL: u32 = 0;
pub const TRUE: u32 = 1;
pub const FALSE: u32 = 2;
pub const INT: u32 = 3;
pub const F64: u32 = 4;
pub const STR: u32 = 5;
pub const ARR: u32 = 6;
pub const OBJ: u32 = 7;
/// An integer beyond i32: `I64 lo hi`, read in JS as the nearest double.
pub const I64: u32 = 8;
/// A key word at or above this is a map key written out (`DYN_KEY at len`).
pub const DYN_KEY: u32 = 0x8000_0000;

/// A written tape, ready to hand to the JS decoder.
#[derive(Debug)]
pub struct Tape {
    pub ops: Vec<u32>,
    pub text: String,
    /// Where the key trailer starts in `ops`.
    pub keys_at: u32,
    /// `text`'s length in UTF-16 units.
    utf16: usize,
    /// Struct fields left out (a quote's other language: `crate::checkout::detail::Locale`).
    skip: &'static [&'static str],
    /// The field numbers of each struct met (kept between tapes, taken out while writing).
    shapes: Shapes,
    /// Writing canonical bytes ([`canonical_of`]) into `bytes` instead of ops: one serialiser
    /// for both, so each type's `Serialize` is compiled once (a second serialiser for the
    /// fingerprint doubled the cart's, ~22 KB of module).
    canon: bool,
    bytes: Vec<u8>,
}

#[derive(Debug)]
pub struct TapeError(String);

impl Display for TapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: Display>(msg: T) -> Self {
        TapeError(msg.to_string())
    }
}

/// Field names (always `&'static str`) numbered by address; the JS side keeps the same list.
struct Keys {
    names: Vec<&'static str>,
    /// Open addressing on the name's address and length: (address, length, number + 1),
    /// number 0 = empty. Address and length together identify a `&'static str`: no text compare.
    slots: Vec<(usize, usize, u32)>,
    /// How many names the JS side has been sent.
    sent: usize,
}

thread_local! {
    static KEYS: RefCell<Keys> = const { RefCell::new(Keys { names: Vec::new(), slots: Vec::new(), sent: 0 }) };
    static SHAPES: RefCell<Shapes> = const { RefCell::new(Shapes { slots: Vec::new(), fields: Vec::new() }) };
}

/// A struct's field left out by the skip list (in a shape's list).
const SKIPPED: u32 = u32::MAX;
/// No shape: a compound that is not a struct, or the table was full.
const NO_SHAPE: u32 = u32::MAX;

/// Per struct (its name's address and the skip list in use): its fields in the order met, each
/// with its key number or [`SKIPPED`]. Writing a field then compares one address at the
/// struct's cursor instead of hashing the name and scanning the skip list (~25 % of writing a
/// result). Fields come in declaration order; one left out by `skip_serializing_if` is passed
/// over. Two structs sharing a name's address share a list: still right (each entry is looked
/// up by its own key's address), only slower.
#[derive(Debug)]
struct Shapes {
    /// Open addressing: (name address, name length, skip list address, shape + 1), 0 = empty.
    slots: Vec<(usize, usize, usize, u32)>,
    fields: Vec<Vec<(usize, usize, u32)>>,
}

impl Shapes {
    /// The shape of struct `name` written without `skip`'s fields.
    #[inline(never)]
    fn of(&mut self, name: &'static str, skip: &'static [&'static str]) -> u32 {
        const SIZE: usize = 512;
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, 0, 0); SIZE];
        }
        let (addr, len, sk) = (name.as_ptr() as usize, name.len(), skip.as_ptr() as usize);
        let mut i = (addr ^ len << 20 ^ sk << 7).wrapping_mul(0x9e37_79b9) >> 4 & (SIZE - 1);
        // At most half full, so a probe ends at an empty slot.
        for _ in 0..SIZE {
            let (a, l, k, shape) = self.slots[i];
            if shape == 0 {
                if self.fields.len() >= SIZE / 2 {
                    return NO_SHAPE;
                }
                self.fields.push(Vec::new());
                self.slots[i] = (addr, len, sk, self.fields.len() as u32);
                return self.fields.len() as u32 - 1;
            }
            if a == addr && l == len && k == sk {
                return shape - 1;
            }
            i = (i + 1) & (SIZE - 1);
        }
        NO_SHAPE
    }
}

impl Keys {
    fn id(&mut self, name: &'static str) -> u32 {
        if self.slots.len() < 2 * (self.names.len() + 1) {
            self.grow();
        }
        // The same text at two addresses gets two numbers: harmless, both decode to it.
        let (addr, len) = (name.as_ptr() as usize, name.len());
        let mask = self.slots.len() - 1;
        let mut i = (addr ^ len << 20).wrapping_mul(0x9e37_79b9) >> 4 & mask;
        loop {
            let (a, l, id) = self.slots[i];
            if id == 0 {
                self.names.push(name);
                let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                self.slots[i] = (addr, len, id);
                return id - 1;
            }
            if a == addr && l == len {
                return id - 1;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(512);
        self.slots = vec![(0, 0, 0); size];
        let names = std::mem::take(&mut self.names);
        for name in names {
            self.id(name);
        }
    }
}

impl Shapes {
    const fn empty() -> Shapes {
        Shapes {
            slots: Vec::new(),
            fields: Vec::new(),
        }
    }
}

impl Tape {
    /// A struct's shape (none in canonical bytes, which name every field).
    #[inline(never)]
    fn shape(&mut self, name: &'static str) -> u32 {
        if self.canon {
            NO_SHAPE
        } else {
            self.shapes.of(name, self.skip)
        }
    }

    /// Out of line: `serialize_field` is instantiated for every field of every result type, and
    /// an inlined check there costs tens of KB of module size.
    #[inline(never)]
    fn skips(&self, key: &'static str) -> bool {
        !self.skip.is_empty() && self.skip.contains(&key)
    }
}

/// Write `value` as a tape (for JS, call [`Tape::send`] on it before handing it over).
pub fn write<T: Serialize + ?Sized>(value: &T) -> Result<Tape, TapeError> {
    write_without(value, &[])
}

/// [`write`], leaving out every struct field named in `skip`, at any depth.
pub fn write_without<T: Serialize + ?Sized>(
    value: &T,
    skip: &'static [&'static str],
) -> Result<Tape, TapeError> {
    let mut t = Tape {
        // A 20-line quote takes ~2,800 ops and ~3,700 bytes of text: fewer regrowths.
        ops: Vec::with_capacity(1024),
        text: String::with_capacity(2048),
        keys_at: 0,
        utf16: 0,
        skip,
        shapes: SHAPES.with(|s| std::mem::replace(&mut *s.borrow_mut(), Shapes::empty())),
        canon: false,
        bytes: Vec::new(),
    };
    let written = value.serialize(&mut t);
    // Kept for the next tape (a tape written meanwhile, inside a `Serialize`, found it empty).
    SHAPES.with(|s| *s.borrow_mut() = std::mem::replace(&mut t.shapes, Shapes::empty()));
    written?;
    t.keys_at = u32::try_from(t.ops.len()).map_err(|_| TapeError("result too large".into()))?;
    Ok(t)
}

impl Tape {
    /// Append the key trailer: the field names the JS side has not been sent yet. Right before
    /// the tape goes to JS (a tape used here, like the fingerprint's, sends nothing). Returns
    /// the count JS will have once it has decoded the tape: pass it to [`confirm`] then. Until
    /// then the names stay unsent, so a result JS failed to decode (a string too long for it)
    /// does not leave the two sides out of step: the next tape sends them again.
    pub fn send(&mut self) -> usize {
        self.keys_at = self.ops.len() as u32;
        KEYS.with(|k| {
            let k = k.borrow();
            let first = k.sent;
            self.ops.push(first as u32);
            self.ops.push((k.names.len() - first) as u32);
            for &name in &k.names[first..] {
                self.str(name);
            }
            k.names.len()
        })
    }

    /// The text's length in UTF-16 units (what a JS string of it holds).
    pub fn text_units(&self) -> usize {
        self.utf16
    }
}

/// JS has decoded a tape whose [`Tape::send`] returned `sent`: it holds that many names.
pub fn confirm(sent: usize) {
    KEYS.with(|k| {
        let mut k = k.borrow_mut();
        k.sent = k.sent.max(sent.min(k.names.len()));
    });
}

// Out of line: every field of every result type calls these, and inlined there they made the
// module bigger than with JSON text.
impl Tape {
    /// `at len` of `s` appended to the text.
    #[inline(never)]
    fn str(&mut self, s: &str) {
        let len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().map(char::len_utf16).sum()
        };
        self.put(&[self.utf16 as u32, len as u32]);
        self.text.push_str(s);
        self.utf16 += len;
    }

    #[inline(never)]
    fn int(&mut self, v: i64) {
        match i32::try_from(v) {
            Ok(v) => self.put(&[INT, v as u32]),
            Err(_) => self.put(&[I64, v as u32, (v >> 32) as u32]),
        }
    }

    #[inline(never)]
    fn f64(&mut self, v: f64) {
        if v.is_finite() {
            let bits = v.to_bits();
            self.put(&[F64, bits as u32, (bits >> 32) as u32]);
        } else {
            // As JSON: serde_json writes non-finite numbers as null.
            self.put(&[NULL]);
        }
    }

    /// Open an array or object whose length is patched in by `close`.
    #[inline(never)]
    fn open(&mut self, op: u32) -> Compound<'_> {
        self.put(&[op, 0]);
        Compound {
            at: if self.canon {
                self.bytes.len() - 4
            } else {
                self.ops.len() - 1
            },
            n: 0,
            w: self,
            shape: NO_SHAPE,
            cursor: 0,
        }
    }

    /// Words in the form being written: ops, or their canonical bytes.
    #[inline]
    fn put(&mut self, words: &[u32]) {
        if self.canon {
            // One copy of at most three words (no capacity check per word).
            debug_assert!(words.len() <= 3);
            let mut b = [0; 12];
            for (i, w) in words.iter().take(3).enumerate() {
                b[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
            }
            self.bytes.extend_from_slice(&b[..4 * words.len().min(3)]);
        } else {
            self.ops.extend_from_slice(words);
        }
    }

    /// One op, out of line: the serialiser's methods inlined into every `Serialize`.
    #[inline(never)]
    fn op(&mut self, w: u32) {
        self.put(&[w]);
    }

    /// A field name: its number, or in canonical bytes its text and a NUL (a name is a Rust
    /// identifier: it holds no NUL), as [`canonical`] writes it.
    #[inline(never)]
    fn key(&mut self, name: &'static str) {
        if self.canon {
            self.bytes.extend_from_slice(name.as_bytes());
            self.bytes.push(0);
        } else {
            let id = KEYS.with(|k| k.borrow_mut().id(name));
            self.ops.push(id);
        }
    }

    /// A struct's field `key` written (false: left out by the skip list).
    #[inline(never)]
    fn field(&mut self, shape: u32, cursor: &mut u32, key: &'static str) -> bool {
        if self.canon {
            self.bytes.extend_from_slice(key.as_bytes());
            self.bytes.push(0);
            return true;
        }
        let id = self.field_id(shape, cursor, key);
        if id == SKIPPED {
            return false;
        }
        self.ops.push(id);
        true
    }

    /// Field `key` of a struct of `shape` at `cursor` (moved past it): its key number, or
    /// [`SKIPPED`].
    #[inline(never)]
    fn field_id(&mut self, shape: u32, cursor: &mut u32, key: &'static str) -> u32 {
        let (addr, len) = (key.as_ptr() as usize, key.len());
        let from = *cursor as usize;
        let Some(list) = self.shapes.fields.get(shape as usize) else {
            return self.new_field_id(key);
        };
        let found = list
            .get(from..)
            .and_then(|rest| rest.iter().position(|&(a, l, _)| a == addr && l == len));
        if let Some(k) = found {
            *cursor = (from + k + 1) as u32;
            return list[from + k].2;
        }
        let id = self.new_field_id(key);
        if let Some(list) = self.shapes.fields.get_mut(shape as usize) {
            // Bounded: structs sharing a list could otherwise grow it without end.
            if list.len() < 64 && from <= list.len() {
                list.insert(from, (addr, len, id));
                *cursor = from as u32 + 1;
            }
        }
        id
    }

    /// A field not in its struct's shape yet: left out, or its key's number.
    fn new_field_id(&mut self, key: &'static str) -> u32 {
        if self.skips(key) {
            SKIPPED
        } else {
            KEYS.with(|k| k.borrow_mut().id(key))
        }
    }

    /// `{ variant: … }`, the external tagging of a newtype, tuple or struct variant.
    fn variant(&mut self, variant: &'static str) {
        self.put(&[OBJ, 1]);
        self.key(variant);
    }
}

pub struct Compound<'w> {
    w: &'w mut Tape,
    /// Where the element count goes.
    at: usize,
    n: u32,
    /// A struct's [`Shapes`] entry and the next field's place in it.
    shape: u32,
    cursor: u32,
}

impl Compound<'_> {
    fn close(self) -> Result<(), TapeError> {
        if self.w.canon {
            self.w.bytes[self.at..self.at + 4].copy_from_slice(&self.n.to_le_bytes());
        } else {
            self.w.ops[self.at] = self.n;
        }
        Ok(())
    }
}

macro_rules! ints {
    ($($f:ident $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), TapeError> {
            self.int(i64::from(v));
            Ok(())
        }
    )*};
}

/// Integers that may not fit an i64: as JSON text, they reach JS as the nearest double.
macro_rules! wide_ints {
    ($($f:ident $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), TapeError> {
            match i64::try_from(v) {
                Ok(v) => self.int(v),
                Err(_) => self.f64(v as f64),
            }
            Ok(())
        }
    )*};
}

impl<'w> ser::Serializer for &'w mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), TapeError> {
        self.op(if v { TRUE } else { FALSE });
        Ok(())
    }

    ints!(serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64,
          serialize_u8 u8, serialize_u16 u16, serialize_u32 u32);

    wide_ints!(serialize_u64 u64, serialize_i128 i128, serialize_u128 u128);

    fn serialize_f32(self, v: f32) -> Result<(), TapeError> {
        // JSON carries an f32 as its shortest decimal, which JS reads back as the nearest f64.
        self.f64(v.to_string().parse().unwrap_or(f64::NAN));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), TapeError> {
        self.f64(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.op(STR);
        self.str(v);
        Ok(())
    }

    /// Formatted on the stack when short (money, times, rates): no `String` per value.
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        with_text(value, |s| {
            self.op(STR);
            self.str(s);
        });
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), TapeError> {
        let mut seq = self.open(ARR);
        for &b in v {
            seq.w.int(i64::from(b));
            seq.n += 1;
        }
        seq.close()
    }

    fn serialize_none(self) -> Result<(), TapeError> {
        self.op(NULL);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), TapeError> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), TapeError> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.variant(variant);
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w>, TapeError> {
        Ok(self.open(ARR))
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'w>, TapeError> {
        Ok(self.open(ARR))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'w>, TapeError> {
        Ok(self.open(ARR))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w>, TapeError> {
        // The `{ variant: … }` wrapper has its one entry already counted.
        self.variant(variant);
        Ok(self.open(ARR))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w>, TapeError> {
        Ok(self.open(OBJ))
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'w>, TapeError> {
        let shape = self.shape(name);
        let mut c = self.open(OBJ);
        c.shape = shape;
        Ok(c)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w>, TapeError> {
        self.variant(variant);
        let shape = self.shape(variant);
        let mut c = self.open(OBJ);
        c.shape = shape;
        Ok(c)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = TapeError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.n += 1;
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

/// Tuples and tuple structs or variants are arrays, as in JSON.
macro_rules! array_like {
    ($($tr:ident $f:ident),*) => {$(
        impl ser::$tr for Compound<'_> {
            type Ok = ();
            type Error = TapeError;

            fn $f<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
                ser::SerializeSeq::serialize_element(self, value)
            }

            fn end(self) -> Result<(), TapeError> {
                self.close()
            }
        }
    )*};
}

array_like!(SerializeTuple serialize_element, SerializeTupleStruct serialize_field,
    SerializeTupleVariant serialize_field);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        self.n += 1;
        self.w.op(DYN_KEY);
        key.serialize(MapKey(self.w))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        if !self.w.field(self.shape, &mut self.cursor, key) {
            return Ok(());
        }
        self.n += 1;
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = TapeError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

/// A map's key, written as its text (JSON object keys are strings, numbers written out).
struct MapKey<'w>(&'w mut Tape);

fn key_must_be_a_string() -> TapeError {
    TapeError("key must be a string".into())
}

macro_rules! display_keys {
    ($($f:ident $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), TapeError> {
            self.0.str(&v.to_string());
            Ok(())
        }
    )*};
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = ser::Impossible<(), TapeError>;
    type SerializeTuple = ser::Impossible<(), TapeError>;
    type SerializeTupleStruct = ser::Impossible<(), TapeError>;
    type SerializeTupleVariant = ser::Impossible<(), TapeError>;
    type SerializeMap = ser::Impossible<(), TapeError>;
    type SerializeStruct = ser::Impossible<(), TapeError>;
    type SerializeStructVariant = ser::Impossible<(), TapeError>;

    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.0.str(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.0.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    display_keys!(serialize_bool bool, serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
        serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16,
        serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }

    fn serialize_f32(self, _: f32) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _: f64) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, TapeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, TapeError> {
        Err(key_must_be_a_string())
    }
}

mod canon;
mod read;
pub use canon::canonical_of;
use canon::with_text;
pub use read::canonical;
#[cfg(not(target_arch = "wasm32"))]
pub use read::read;
