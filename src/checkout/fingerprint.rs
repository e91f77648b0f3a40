//! The quote's fingerprint: a stable hash of the canonical input and result, so a server running
//! this crate natively can confirm a client's quote.

use crate::checkout::cart::Cart;
use crate::checkout::quote::Quote;
use crate::foundation::money::Money;

/// A 64-bit hash (`xd2`, see [`hash`]) of the canonical input and the result's amounts.
/// Canonical input: the cart as serialised ([`crate::foundation::tape::canonical`]) with values normalised
/// (money as two-decimal strings, times in +08:00, fields in declaration order, maps sorted), so
/// `19.9` and `"19.90"` agree. Result: evaluation time, engine and rulebook versions, totals,
/// every line's amounts and discount shares, applied offers, shop shipping and points, written
/// as binary (amounts in fen, texts length-prefixed), not formatted: formatting them cost more
/// than the coupon search on a 20-line cart. Messages are left out: they follow from those. It
/// identifies a quote; it is not a signature.
pub fn fingerprint(cart: &Cart, quote: &Quote) -> String {
    fingerprint_streamed(cart, quote)
}

/// [`fingerprint`]: the cart's canonical bytes written as serde walks it (by the tape's own
/// serialiser, [`crate::foundation::tape::canonical_of`]), the result's after them, in one buffer kept per thread and hashed once (building the cart's tape and walking it
/// was a fifth of a 20-line quote; hashing piece by piece, a quarter). A cart the tape refuses
/// contributes no bytes, as in [`fingerprint_by_tape`].
#[doc(hidden)]
pub fn fingerprint_streamed(cart: &Cart, quote: &Quote) -> String {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // Taken out, not borrowed, as the canonical writer's text buffer is.
    let mut buf = BUF.with(|b| std::mem::take(&mut *b.borrow_mut()));
    buf.clear();
    if !crate::foundation::tape::canonical_of(cart, &mut buf) {
        buf.clear();
    }
    result(&mut buf, quote);
    let text = text_of(hash(&buf));
    if buf.capacity() <= 1 << 17 {
        BUF.with(|b| *b.borrow_mut() = buf);
    }
    text
}

/// `xd2-` and the hash as 16 lower-case hex digits (as `format!("xd2-{h:016x}")`).
fn text_of(h: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(20);
    s.push_str("xd2-");
    for i in (0..16).rev() {
        s.push(char::from(HEX[(h >> (4 * i)) as usize & 15]));
    }
    s
}

/// The fingerprint as first defined: the cart's tape, its canonical bytes and the result's
/// gathered in one buffer, hashed once. [`fingerprint`] gives the same text without the tape;
/// this stays only as its definition for native tests (tests/fingerprint.rs holds them equal).
#[doc(hidden)]
#[cfg(not(target_arch = "wasm32"))]
pub fn fingerprint_by_tape(cart: &Cart, quote: &Quote) -> String {
    // Serialising plain data cannot fail.
    let mut r = Vec::with_capacity(4096);
    if let Ok(t) = crate::foundation::tape::write(cart) {
        crate::foundation::tape::canonical(&t, &mut r);
    }
    result(&mut r, quote);
    text_of(hash(&r))
}

/// The result's part of the bytes.
fn result(r: &mut impl Bytes, q: &Quote) {
    r.int(q.evaluated_at.millis().into());
    r.text(&q.engine);
    r.text(&q.rulebook);
    for m in [
        q.subtotal,
        q.discount,
        q.shipping,
        q.points_deduction,
        q.payable,
        q.freight,
        q.insurance,
    ] {
        r.money(m);
    }
    r.int(q.lines.len() as i128);
    for l in &q.lines {
        r.text(&l.sku_id);
        r.text(&l.shop_id);
        for m in [l.subtotal, l.discount, l.points_deduction, l.payable] {
            r.money(m);
        }
        r.int(l.pricing.len() as i128);
        for s in &l.pricing {
            // The rule by its declaration index: reordering `PriceRule` changes fingerprints.
            r.int(s.rule as i128);
            r.int(s.quantity.into());
            r.money(s.unit_price);
        }
        r.int(l.discounts.len() as i128);
        for d in &l.discounts {
            r.text(&d.id);
            r.money(d.amount);
        }
    }
    r.int(q.applied.len() as i128);
    for a in &q.applied {
        r.text(&a.id);
        r.money(a.amount);
    }
    r.int(q.shops.len() as i128);
    for s in &q.shops {
        r.text(&s.shop_id);
        r.money(s.freight);
        r.money(s.shipping);
    }
    if let Some(p) = &q.points {
        r.int(p.used.into());
        r.money(p.deduction);
    }
}

/// Where the fingerprint's bytes go.
trait Bytes {
    fn put(&mut self, b: &[u8]);

    fn int(&mut self, v: i128) {
        self.put(&v.to_le_bytes());
    }

    /// Length first, so no two lists of texts give the same bytes.
    fn text(&mut self, s: &str) {
        self.int(s.len() as i128);
        self.put(s.as_bytes());
    }

    fn money(&mut self, m: Money) {
        self.int(m.fen());
    }
}

impl Bytes for Vec<u8> {
    fn put(&mut self, b: &[u8]) {
        self.extend_from_slice(b);
    }
}

const K1: u64 = 0x87c3_7b91_1142_53d5;
const K2: u64 = 0x4cf5_ad43_2745_937f;
const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

fn step(h: u64, w: u64) -> u64 {
    (h ^ w.wrapping_mul(K1)).rotate_left(31).wrapping_mul(K2)
}

/// The end: the last (zero-padded) word and the length, through murmur3's 64-bit finaliser, so
/// trailing zero bytes still count.
fn finalise(h: u64, tail: u64, len: u64) -> u64 {
    let mut h = step(h, tail) ^ len;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ h >> 33
}

/// `xd2` of bytes gathered whole: 8 bytes per step (two multiplies) instead of FNV-1a's one byte
/// (on a 20-line cart the byte-serial FNV, `xd1`, was a tenth of the whole quote). Each
/// little-endian word is premixed and folded into the state.
fn hash(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut h = SEED;
    for c in &mut chunks {
        let mut w = [0; 8];
        w.copy_from_slice(c);
        h = step(h, u64::from_le_bytes(w));
    }
    let mut tail = [0; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    finalise(h, u64::from_le_bytes(tail), bytes.len() as u64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The hex digits are `format!`'s.
        #[test]
        fn text_is_format(h in any::<u64>()) {
            prop_assert_eq!(text_of(h), format!("xd2-{h:016x}"));
        }
    }
}
