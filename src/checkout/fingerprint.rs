//! The quote's fingerprint: a stable hash of the canonical input and result, so a server running
//! this crate natively can confirm a client's quote.

use crate::checkout::cart::Cart;
use crate::checkout::quote::Quote;
use crate::foundation::money::Money;

mod stream;

/// A 64-bit hash (`xd2`, see [`Xd2`]) of the canonical input and the result's amounts.
/// Canonical input: the cart as serialised ([`crate::foundation::tape::canonical`]) with values normalised
/// (money as two-decimal strings, times in +08:00, fields in declaration order, maps sorted), so
/// `19.9` and `"19.90"` agree. Result: evaluation time, engine and rulebook versions, totals,
/// every line's amounts and discount shares, applied offers, shop shipping and points, written
/// as binary (amounts in fen, texts length-prefixed), not formatted: formatting them cost more
/// than the coupon search on a 20-line cart. Messages are left out: they follow from those. It
/// identifies a quote; it is not a signature.
pub fn fingerprint(cart: &Cart, quote: &Quote) -> String {
    fingerprint_streamed(cart, quote).unwrap_or_else(|| fingerprint_by_tape(cart, quote))
}

/// [`fingerprint`] with the canonical bytes going straight into the hash: building the cart's
/// tape and walking it was a fifth of a 20-line quote. None when serde's lengths of the cart
/// could not be trusted (none of the cart's types does that; the tape handles it).
#[doc(hidden)]
pub fn fingerprint_streamed(cart: &Cart, quote: &Quote) -> Option<String> {
    let mut h = Xd2::new();
    if !stream::canonical(cart, &mut h) {
        return None;
    }
    result(&mut h, quote);
    Some(format!("xd2-{:016x}", h.finish()))
}

/// The fingerprint as first defined: the cart's tape, its canonical bytes and the result's
/// gathered in one buffer, hashed once. [`fingerprint`] gives the same text without the tape
/// and the buffer (tests/fingerprint.rs holds them equal); it falls back to this.
#[doc(hidden)]
pub fn fingerprint_by_tape(cart: &Cart, quote: &Quote) -> String {
    // Serialising plain data cannot fail.
    let mut r = Vec::with_capacity(4096);
    if let Ok(t) = crate::foundation::tape::write(cart) {
        crate::foundation::tape::canonical(&t, &mut r);
    }
    result(&mut r, quote);
    format!("xd2-{:016x}", hash(&r))
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

/// Where the fingerprint's bytes go: a buffer or the hash itself.
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

/// [`hash`] fed piece by piece: the same value for the same bytes however they are split.
pub(crate) struct Xd2 {
    h: u64,
    /// Bytes not yet folded in, little-endian from bit 0; `n` of them.
    acc: u64,
    n: u32,
    len: u64,
}

impl Xd2 {
    pub(super) fn new() -> Xd2 {
        Xd2 {
            h: SEED,
            acc: 0,
            n: 0,
            len: 0,
        }
    }

    /// Four bytes (the canonical form is mostly `u32` words).
    #[inline]
    pub(super) fn word(&mut self, w: u32) {
        if self.n <= 4 {
            self.acc |= u64::from(w) << (8 * self.n);
            self.n += 4;
            self.len += 4;
            if self.n == 8 {
                self.h = step(self.h, self.acc);
                self.acc = 0;
                self.n = 0;
            }
        } else {
            self.write(&w.to_le_bytes());
        }
    }

    pub(super) fn write(&mut self, mut b: &[u8]) {
        self.len += b.len() as u64;
        if self.n > 0 {
            // Top up the pending word (1..=7 bytes held, so the shift stays below 64).
            let take = (8 - self.n as usize).min(b.len());
            self.acc |= load(&b[..take]) << (8 * self.n);
            self.n += take as u32;
            b = &b[take..];
            if self.n < 8 {
                return;
            }
            self.h = step(self.h, self.acc);
            self.acc = 0;
            self.n = 0;
        }
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0; 8];
            w.copy_from_slice(c);
            self.h = step(self.h, u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        self.acc = load(rest);
        self.n = rest.len() as u32;
    }

    /// One zero byte (a field name's end): the pending word already holds zeros.
    pub(super) fn zero(&mut self) {
        self.len += 1;
        self.n += 1;
        if self.n == 8 {
            self.h = step(self.h, self.acc);
            self.acc = 0;
            self.n = 0;
        }
    }

    fn finish(&self) -> u64 {
        finalise(self.h, self.acc, self.len)
    }
}

/// Up to 8 bytes as a little-endian word, zero-padded: two overlapping loads, no copy loop
/// (these are field names and short texts, a call to `memcpy` each cost more than the hash).
#[inline]
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    if let Some(w) = b.first_chunk::<8>() {
        u64::from_le_bytes(*w)
    } else if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << (8 * (n - 4))
    } else if n >= 2 {
        let lo = u64::from(u16::from_le_bytes([b[0], b[1]]));
        let hi = u64::from(u16::from_le_bytes([b[n - 2], b[n - 1]]));
        lo | hi << (8 * (n - 2))
    } else {
        b.first().map_or(0, |&x| u64::from(x))
    }
}

impl Bytes for Xd2 {
    fn put(&mut self, b: &[u8]) {
        self.write(b);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Fed in any pieces, the streaming hash is the one-buffer hash.
        #[test]
        fn streaming_hash_is_the_buffer_hash(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
            cuts in proptest::collection::vec(0usize..200, 0..12),
            words in proptest::collection::vec(any::<u32>(), 0..8),
        ) {
            let mut all = Vec::new();
            let mut h = Xd2::new();
            let mut at = 0;
            let mut cuts = cuts;
            cuts.sort_unstable();
            for (k, c) in cuts.iter().map(|&c| c.min(bytes.len())).enumerate() {
                let c = c.max(at);
                h.write(&bytes[at..c]);
                all.extend_from_slice(&bytes[at..c]);
                at = c;
                if let Some(&w) = words.get(k) {
                    h.word(w);
                    all.extend_from_slice(&w.to_le_bytes());
                    if w % 3 == 0 {
                        h.zero();
                        all.push(0);
                    }
                }
            }
            h.write(&bytes[at..]);
            all.extend_from_slice(&bytes[at..]);
            prop_assert_eq!(h.finish(), hash(&all));
        }
    }
}
