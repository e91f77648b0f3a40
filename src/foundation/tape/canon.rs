//! The tape writer's second form: a value's canonical bytes ([`canonical`] of its tape) written
//! as serde walks it, with no tape in between (building the cart's tape and walking it was a
//! fifth of a 20-line quote). The same serialiser as the tape's, so every `Serialize` the
//! fingerprint uses is compiled once; a serialiser of its own had the cart's instantiated
//! twice (~22 KB of module). A compound's length word is written as 0 and patched at its end
//! with the count written, as the tape's, so a value whose length serde does not know (or gets
//! wrong) gives the tape's bytes too.

use super::*;
use std::fmt::{self, Write as _};

thread_local! {
    /// The texts follow the ops in the canonical form, so they wait here, kept per thread.
    static TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Append `value`'s canonical bytes to `out`; false (with `out` spoilt) when the tape would
/// refuse the value too (a map key that is not text or a number, a failing `Serialize`).
pub fn canonical_of<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> bool {
    // Taken out, not borrowed: a `Serialize` writing a tape meanwhile must find it free.
    let mut text = TEXT.with(|t| std::mem::take(&mut *t.borrow_mut()));
    text.clear();
    let mut t = Tape {
        ops: Vec::new(),
        text,
        keys_at: 0,
        utf16: 0,
        skip: &[],
        shapes: Shapes::empty(),
        canon: true,
        bytes: std::mem::take(out),
    };
    let ok = value.serialize(&mut t).is_ok();
    *out = std::mem::take(&mut t.bytes);
    if ok {
        out.extend_from_slice(t.text.as_bytes());
    }
    // A huge cart's text is not kept for the rest of the module's life.
    if t.text.capacity() <= 1 << 16 {
        TEXT.with(|s| *s.borrow_mut() = std::mem::take(&mut t.text));
    }
    ok
}

/// A `Display` value's text, formatted on the stack when it is short (a time, a rate).
pub(super) fn with_text<T: Display + ?Sized>(value: &T, f: impl FnOnce(&str)) {
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
    // As `ToString` (serde's default `collect_str`), but a failing Display gives the text
    // written so far instead of a panic.
    let _ = write!(b, "{value}");
    match &b.spill {
        Some(s) => f(s),
        // Only whole `&str`s were copied in, so the bytes are UTF-8.
        None => f(std::str::from_utf8(&b.bytes[..b.len]).unwrap_or("")),
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
            m.serialize_entry("text", "价格 19.90")?;
            m.serialize_entry(&3u8, &Some(-5_000_000_000i64))?;
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
            assert!(canonical_of(&value, &mut streamed));
            let mut taped = Vec::new();
            let tape = write(&value).unwrap();
            canonical(&tape, &mut taped);
            assert_eq!(streamed, taped);
        }
    }

    /// A key the tape refuses: no bytes, as with the tape.
    #[test]
    fn refused_as_the_tape() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(vec![1u8], 2u8);
        assert!(write(&m).is_err());
        assert!(!canonical_of(&m, &mut Vec::new()));
    }
}
