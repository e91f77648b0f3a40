//! The JSON reader every input goes through (natively and in WASM, so both read a document the
//! same way): a serde `Deserializer` over JSON text that keeps the path of the value it is in,
//! so an error names `lines[2].unitPrice` without a second pass.
//!
//! It replaced serde_json for inputs. serde_json's parser was inlined into the decoder serde
//! derive generates for every type; here the text handling lives in a few non-generic functions
//! the decoders call (37 KB less WASM for the shopper's module). It reads exactly JSON, and a
//! struct only from an object (serde_json also takes an array of its fields, which
//! JSON.stringify never writes).

use crate::foundation::error::{self, Result};
use number::decimal_to_f64;
use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use std::borrow::Cow;
use std::fmt;

mod number;

/// Nesting deeper than this is refused (serde_json's limit), so decoding never runs out of stack.
const MAX_DEPTH: usize = 128;

/// Decode a JSON document; on failure the error carries the path of the failing value
/// (`lines[2].unitPrice`). Used by every entry point: native callers, the JS binding (which
/// hands over `JSON.stringify`'s text), tests and CLI tools. See [`crate::foundation::json`].
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    // A stale parked error from an earlier failure must not be picked up.
    error::clear_parked();
    crate::foundation::limits::check(
        json.len(),
        crate::foundation::limits::MAX_JSON_BYTES,
        "bytes of JSON",
        "",
    )?;
    from_str(json)
}

/// Decode a JSON document; on failure the error carries the path of the failing value. Callers
/// use [`from_json`], which also clears a stale parked error first.
pub(crate) fn from_str<T: de::DeserializeOwned>(json: &str) -> Result<T> {
    let mut de = Reader::new(json);
    let value = T::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    value.map_err(|e| error::from_serde_message(de.path_text(), &e.0))
}

/// The texts of a JSON array's items, each still JSON, for a batch decoded item by item (one
/// unreadable listing is a finding of that listing, not a failed batch).
pub fn array_items(json: &str) -> Result<Vec<&str>> {
    let mut r = Reader::new(json);
    let mut items = Vec::new();
    let read = (|| {
        if r.peek()? != b'[' {
            return Err(r.fail("expected an array"));
        }
        r.open()?;
        while r.element(items.len())? {
            r.skip_ws();
            let start = r.at;
            r.skip_raw()?;
            items.push(&json[start..r.at]);
        }
        r.end()
    })();
    read.map(|()| items)
        .map_err(|e| error::from_serde_message(r.path_text(), &e.0))
}

/// One step of the path: a field (its name as a byte range of the text, or its unescaped name
/// when it had escapes), an array index, or none: an open container before its first entry
/// (`Open`) or between entries (`Between`: an error after an entry was read, like a length
/// check, is the container's).
enum Step {
    Open,
    Between,
    Key(usize, usize),
    Escaped(String),
    Index(usize),
}

/// A serde error: just the message; the path is read from the reader when it fails.
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn Expected) -> Self {
        DeError(format!("invalid type: {}, expected {exp}", describe(unexp)))
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn Expected) -> Self {
        DeError(format!(
            "invalid value: {}, expected {exp}",
            describe(unexp)
        ))
    }
}

/// serde's wording of an unexpected value, with serde_json's "null" for serde's "unit value".
/// Written out because serde's own Display formats floats with Rust's (14 KB of WASM).
fn describe(unexp: Unexpected) -> String {
    match unexp {
        Unexpected::Float(v) => format!(
            "floating point `{}`",
            crate::foundation::money::number_text(v).0
        ),
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => format!("integer `{n}`"),
        Unexpected::Signed(n) => format!("integer `{n}`"),
        Unexpected::Char(c) => format!("character `{c}`"),
        Unexpected::Str(s) => format!("string {s:?}"),
        Unexpected::Bytes(_) => "byte array".into(),
        Unexpected::Unit => "null".into(),
        Unexpected::Option => "Option value".into(),
        Unexpected::NewtypeStruct => "newtype struct".into(),
        Unexpected::Seq => "sequence".into(),
        Unexpected::Map => "map".into(),
        Unexpected::Enum => "enum".into(),
        Unexpected::UnitVariant => "unit variant".into(),
        Unexpected::NewtypeVariant => "newtype variant".into(),
        Unexpected::TupleVariant => "tuple variant".into(),
        Unexpected::StructVariant => "struct variant".into(),
        Unexpected::Other(other) => other.into(),
    }
}

type R<T> = std::result::Result<T, DeError>;

/// A number as JSON text has it: serde_json's split, so integer fields see integers.
enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// A string read: borrowed from the text when it had no escapes, else in the scratch buffer.
enum Text {
    Borrowed(usize, usize),
    Scratch,
}

pub struct Reader<'a> {
    src: &'a [u8],
    text: &'a str,
    at: usize,
    scratch: String,
    path: Vec<Step>,
    /// The keys read so far in each open container (empty for arrays), to refuse a duplicate:
    /// `seen[..depth]` in use, the rest kept for reuse (no allocation per object).
    seen: Vec<Seen<'a>>,
    depth: usize,
}

/// An object's keys so far: a few compared in turn, many hashed (a 100,000-key map must not
/// cost 10¹⁰ compares). Keys borrow the text unless they had escapes.
#[derive(Default)]
struct Seen<'a> {
    few: Vec<Cow<'a, str>>,
    many: std::collections::HashSet<Cow<'a, str>>,
}

impl<'a> Seen<'a> {
    /// Record `key`; false if it was already there.
    fn insert(&mut self, key: Cow<'a, str>) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&key) {
                return false;
            }
            if self.few.len() < 16 {
                self.few.push(key);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key)
    }

    fn clear(&mut self) {
        self.few.clear();
        if !self.many.is_empty() {
            self.many = Default::default();
        }
    }
}

impl<'a> Reader<'a> {
    fn new(json: &'a str) -> Self {
        Reader {
            src: json.as_bytes(),
            text: json,
            at: 0,
            scratch: String::new(),
            path: Vec::new(),
            seen: Vec::new(),
            depth: 0,
        }
    }

    /// After the document: only whitespace may follow.
    fn end(&mut self) -> R<()> {
        self.skip_ws();
        if self.at < self.src.len() {
            return Err(self.fail("trailing characters"));
        }
        Ok(())
    }

    fn fail(&self, what: &str) -> DeError {
        DeError(what.to_string())
    }

    fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            let key = match step {
                Step::Open | Step::Between => continue,
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                    continue;
                }
                Step::Key(s, e) => &self.text[*s..*e],
                Step::Escaped(k) => k.as_str(),
            };
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
        out
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.src.get(self.at) {
            self.at += 1;
        }
    }

    /// The next significant byte, not consumed.
    fn peek(&mut self) -> R<u8> {
        self.skip_ws();
        self.src
            .get(self.at)
            .copied()
            .ok_or_else(|| self.fail("EOF while parsing a value"))
    }

    fn literal(&mut self, word: &[u8]) -> R<()> {
        if self.src[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.fail("expected value"))
        }
    }

    /// Enter an object or array (the opening byte is next): depth check and a path step.
    #[inline(never)]
    fn open(&mut self) -> R<()> {
        if self.path.len() >= MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        self.at += 1;
        self.path.push(Step::Open);
        match self.seen.get_mut(self.depth) {
            Some(s) => s.clear(),
            None => self.seen.push(Seen::default()),
        }
        self.depth += 1;
        Ok(())
    }

    /// Before an entry of the open container: `Ok(true)` if there is one (its comma consumed),
    /// `Ok(false)` at the closing byte (consumed, path step popped).
    #[inline(never)]
    fn more(&mut self, close: u8) -> R<bool> {
        let first = matches!(self.path.last(), Some(Step::Open));
        let b = self.peek()?;
        if b == close {
            self.at += 1;
            self.path.pop();
            self.depth = self.depth.saturating_sub(1);
            return Ok(false);
        }
        if !first {
            if b != b',' {
                return Err(self.fail(if close == b'}' {
                    "expected `,` or `}`"
                } else {
                    "expected `,` or `]`"
                }));
            }
            self.at += 1;
            if self.peek()? == close {
                return Err(self.fail("trailing comma"));
            }
        }
        Ok(true)
    }

    /// The next object key (or `None` at the end), with the path step set to it.
    #[inline(never)]
    fn key(&mut self) -> R<Option<&str>> {
        if !self.more(b'}')? {
            return Ok(None);
        }
        if self.peek()? != b'"' {
            return Err(self.fail("key must be a string"));
        }
        // The key's text taken once: borrowed (no escapes, the usual case) or escaped.
        let text: &'a str = self.text;
        let (step, seen_key) = match self.string()? {
            Text::Borrowed(s, e) => (Step::Key(s, e), Cow::Borrowed(text.get(s..e).unwrap_or(""))),
            Text::Scratch => (
                Step::Escaped(self.scratch.clone()),
                Cow::Owned(self.scratch.clone()),
            ),
        };
        if self.peek()? != b':' {
            return Err(self.fail("expected `:`"));
        }
        self.at += 1;
        let borrowed = match seen_key {
            Cow::Borrowed(k) => Some(k),
            Cow::Owned(_) => None,
        };
        if let Some(top) = self.path.last_mut() {
            *top = step;
        }
        // JSON.parse keeps the last of two equal keys, serde_json too: a document that says two
        // things at once is refused instead (a forged quote could hide its real payable).
        let depth = self.depth;
        if let Some(s) = depth.checked_sub(1).and_then(|d| self.seen.get_mut(d)) {
            if !s.insert(seen_key) {
                let key = self.key_text();
                return Err(self.fail(&format!("duplicate key {key:?}")));
            }
        }
        Ok(Some(match borrowed {
            Some(k) => k,
            None => self.key_text(),
        }))
    }

    /// The key the path is at (its last step), as read.
    fn key_text(&self) -> &str {
        match self.path.last() {
            Some(Step::Key(s, e)) => &self.text[*s..*e],
            Some(Step::Escaped(k)) => k.as_str(),
            _ => "",
        }
    }

    /// Before array element `i`: `Ok(false)` at the end.
    #[inline(never)]
    fn element(&mut self, i: usize) -> R<bool> {
        if !self.more(b']')? {
            return Ok(false);
        }
        if let Some(top) = self.path.last_mut() {
            *top = Step::Index(i);
        }
        Ok(true)
    }

    /// A string (the opening quote is next), unescaped.
    #[inline(never)]
    fn string(&mut self) -> R<Text> {
        self.at += 1;
        let start = self.at;
        let mut run = start;
        let mut escaped = false;
        loop {
            // The plain run up to the next quote, backslash or control character in one scan
            // (a tight loop: the byte-at-a-time match below was 16 % of reading a cart).
            let rest = self.src.get(self.at..).unwrap_or_default();
            self.at += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            let Some(&b) = self.src.get(self.at) else {
                return Err(self.fail("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    self.at += 1;
                    if !escaped {
                        return Ok(Text::Borrowed(start, self.at - 1));
                    }
                    self.scratch.push_str(&self.text[run..self.at - 1]);
                    return Ok(Text::Scratch);
                }
                b'\\' => {
                    if !escaped {
                        self.scratch.clear();
                        escaped = true;
                    }
                    self.scratch.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    self.escape()?;
                    run = self.at;
                }
                0..=0x1f => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => self.at += 1,
            }
        }
    }

    /// One escape after its backslash, appended to the scratch buffer.
    fn escape(&mut self) -> R<()> {
        let Some(&b) = self.src.get(self.at) else {
            return Err(self.fail("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = match hi {
                    0xD800..=0xDBFF => {
                        if !self.src[self.at..].starts_with(b"\\u") {
                            return Err(self.fail("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(self.fail("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.fail("unexpected end of hex escape")),
                    c => c,
                };
                char::from_u32(code).ok_or_else(|| self.fail("invalid unicode code point"))?
            }
            _ => return Err(self.fail("invalid escape")),
        };
        self.scratch.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> R<u32> {
        let digits = self
            .src
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.fail("EOF while parsing a string"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.fail("invalid escape"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    /// A number (a `-` or digit is next), by JSON's grammar. An integer that fits is an integer;
    /// anything else is the nearest f64 (Rust's parse is correctly rounded).
    #[inline(never)]
    fn number(&mut self) -> R<Number> {
        let start = self.at;
        let negative = self.src[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let s = r.at;
            while r.src.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at - s
        };
        let int_start = self.at;
        let n = digits(self);
        if n == 0 || (n > 1 && self.src[int_start] == b'0') {
            return Err(self.fail("invalid number"));
        }
        let mut float = false;
        if self.src.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
            float = true;
        }
        if let Some(b'e' | b'E') = self.src.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.src.get(self.at) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
            float = true;
        }
        if !float {
            // serde_json reads "-0" as the float -0.0; kept, so both read the same value.
            if let Ok(v) = self.text[int_start..self.at].parse::<u64>() {
                if !negative {
                    return Ok(Number::U64(v));
                }
                if v != 0 && v <= 1 << 63 {
                    return Ok(Number::I64((v as i64).wrapping_neg()));
                }
            }
        }
        let v = decimal_to_f64(&self.src[start..self.at]);
        if v.is_finite() {
            Ok(Number::F64(v))
        } else {
            Err(self.fail("number out of range"))
        }
    }

    /// What the next value is, for an "invalid type" message; consumes a scalar.
    #[inline(never)]
    fn unexpected(&mut self, exp: &dyn Expected) -> DeError {
        let text;
        let unexp = match self.peek() {
            Err(e) => return e,
            Ok(b'n') => Unexpected::Unit,
            Ok(b't') => Unexpected::Bool(true),
            Ok(b'f') => Unexpected::Bool(false),
            Ok(b'{') => Unexpected::Map,
            Ok(b'[') => Unexpected::Seq,
            Ok(b'"') => match self.string() {
                Ok(t) => {
                    text = self.str_of(t).to_string();
                    Unexpected::Str(&text)
                }
                Err(e) => return e,
            },
            Ok(b'-' | b'0'..=b'9') => match self.number() {
                Ok(Number::U64(v)) => Unexpected::Unsigned(v),
                Ok(Number::I64(v)) => Unexpected::Signed(v),
                Ok(Number::F64(v)) => Unexpected::Float(v),
                Err(e) => return e,
            },
            Ok(_) => return self.fail("expected value"),
        };
        de::Error::invalid_type(unexp, exp)
    }

    fn str_of(&self, t: Text) -> &str {
        match t {
            Text::Borrowed(s, e) => &self.text[s..e],
            Text::Scratch => &self.scratch,
        }
    }

    /// Skip a value without decoding it (an unknown field's).
    #[inline(never)]
    fn skip(&mut self) -> R<()> {
        match self.peek()? {
            b'{' => {
                self.open()?;
                while self.key()?.is_some() {
                    self.skip()?;
                }
                Ok(())
            }
            b'[' => {
                self.open()?;
                let mut i = 0;
                while self.element(i)? {
                    self.skip()?;
                    i += 1;
                }
                Ok(())
            }
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => Err(self.fail("expected value")),
        }
    }

    /// Skip one value by its brackets and quotes only, without recursion, escape checks or the
    /// depth limit: a batch finds its items this way, so an item nested past 128 or holding a
    /// lone surrogate escape fails alone, when it is read on its own.
    fn skip_raw(&mut self) -> R<()> {
        let mut depth = 0usize;
        loop {
            let Some(&b) = self.src.get(self.at) else {
                return Err(self.fail("EOF while parsing a value"));
            };
            match b {
                b'"' => {
                    self.at += 1;
                    loop {
                        match self.src.get(self.at) {
                            None => return Err(self.fail("EOF while parsing a string")),
                            Some(b'\\') => self.at += 2,
                            Some(b'"') => {
                                self.at += 1;
                                break;
                            }
                            Some(_) => self.at += 1,
                        }
                    }
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        // The end of the array after a scalar item.
                        return Ok(());
                    }
                    depth -= 1;
                    self.at += 1;
                }
                b',' if depth == 0 => return Ok(()),
                b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Ok(()),
                _ => self.at += 1,
            }
            if depth == 0 && matches!(self.src.get(self.at - 1), Some(b'}' | b']' | b'"')) {
                return Ok(());
            }
        }
    }

    fn between(&mut self) {
        if let Some(top) = self.path.last_mut() {
            *top = Step::Between;
        }
    }

    /// An array or object (`open` is its first byte) handed to `visit` entry by entry. A visitor
    /// that stopped before the end is an error, as in serde_json.
    fn entries<'de, V: Visitor<'de>>(
        &mut self,
        open: u8,
        v: V,
        visit: impl FnOnce(V, Entries<'_, 'a>) -> R<V::Value>,
    ) -> R<V::Value> {
        if self.peek()? != open {
            return Err(self.unexpected(&v));
        }
        self.open()?;
        let depth = self.path.len();
        let value = visit(v, Entries { r: self, i: 0 })?;
        if self.path.len() >= depth {
            return Err(self.fail("trailing characters"));
        }
        Ok(value)
    }

    fn visit_string<'de, V: Visitor<'de>>(&mut self, v: V) -> R<V::Value> {
        let t = self.string()?;
        v.visit_str(self.str_of(t))
    }
}

struct Entries<'r, 'a> {
    r: &'r mut Reader<'a>,
    i: usize,
}

impl<'de> de::SeqAccess<'de> for Entries<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> R<Option<T::Value>> {
        if !self.r.element(self.i)? {
            return Ok(None);
        }
        self.i += 1;
        let value = seed.deserialize(&mut *self.r)?;
        self.r.between();
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> R<Option<K::Value>> {
        match self.r.key()? {
            None => Ok(None),
            Some(k) => seed.deserialize(k.into_deserializer()).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> R<V::Value> {
        let value = seed.deserialize(&mut *self.r)?;
        self.r.between();
        Ok(value)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.peek()? {
            b'n' => {
                self.literal(b"null")?;
                v.visit_unit()
            }
            b't' => {
                self.literal(b"true")?;
                v.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                v.visit_bool(false)
            }
            b'"' => self.visit_string(v),
            b'-' | b'0'..=b'9' => match self.number()? {
                Number::U64(n) => v.visit_u64(n),
                Number::I64(n) => v.visit_i64(n),
                Number::F64(n) => v.visit_f64(n),
            },
            b'[' => self.deserialize_seq(v),
            b'{' => self.deserialize_map(v),
            _ => Err(self.fail("expected value")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        if self.peek()? == b'n' {
            // An explicit null is not an absent key: JSON.stringify writes NaN and Infinity as
            // null, so `stock: NaN` would read as "no stock limit". The null goes to the field's
            // own type, which refuses it with its code (INVALID_MONEY NotFinite, INVALID_TIME,
            // INVALID_QUANTITY, or INVALID_INPUT "expected …"). Omit the key for "none".
            self.literal(b"null")?;
            v.visit_some(Null)
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, v: V) -> R<V::Value> {
        if name == crate::foundation::meta::RAW {
            // `meta`: any JSON, handed over as its text and never decoded.
            self.skip_ws();
            let start = self.at;
            self.skip()?;
            return v.visit_str(&self.text[start..self.at]);
        }
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.entries(b'[', v, |v, e| v.visit_seq(e))
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.entries(b'{', v, |v, e| v.visit_map(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        self.deserialize_map(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        if self.peek()? != b'"' {
            return Err(self.unexpected(&v));
        }
        let t = self.string()?;
        v.visit_enum(self.str_of(t).into_deserializer())
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        if self.peek()? != b'"' {
            return Err(self.unexpected(&v));
        }
        self.visit_string(v)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.skip()?;
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct
    }
}

/// An explicit JSON null handed to an optional field's own type.
struct Null;

impl<'de> de::Deserializer<'de> for Null {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        v.visit_unit()
    }

    // A newtype (a count's wrapper) hands the null on to what it wraps.
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> R<V::Value> {
        v.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests;
