//! The quote's fingerprint: a stable hash of the canonical input and result, so a server running
//! this crate natively can confirm a client's quote.

use crate::checkout::cart::Cart;
use crate::checkout::quote::Quote;
use crate::foundation::money::Money;

/// A 64-bit hash (`xd2`, see [`Canon::hash`]) of the canonical input and the result's amounts.
/// Canonical input: the cart as serialised ([`crate::foundation::tape::canonical`]) with values normalised
/// (money as two-decimal strings, times in +08:00, fields in declaration order, maps sorted), so
/// `19.9` and `"19.90"` agree. Result: evaluation time, engine and rulebook versions, totals,
/// every line's amounts and discount shares, applied offers, shop shipping and points, written
/// as binary (amounts in fen, texts length-prefixed), not formatted: formatting them cost more
/// than the coupon search on a 20-line cart. Messages are left out: they follow from those. It
/// identifies a quote; it is not a signature.
pub fn fingerprint(cart: &Cart, quote: &Quote) -> String {
    // The cart as its tape's canonical bytes: the module has the tape writer for results anyway.
    // Serialising plain data cannot fail.
    let mut r = Canon(Vec::with_capacity(4096));
    if let Ok(t) = crate::foundation::tape::write(cart) {
        crate::foundation::tape::canonical(&t, &mut r.0);
    }
    let q = quote;
    r.int(q.evaluated_at.millis().into())
        .text(&q.engine)
        .text(&q.rulebook);
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
        r.text(&l.sku_id).text(&l.shop_id);
        for m in [l.subtotal, l.discount, l.points_deduction, l.payable] {
            r.money(m);
        }
        r.int(l.pricing.len() as i128);
        for s in &l.pricing {
            // The rule by its declaration index: reordering `PriceRule` changes fingerprints.
            r.int(s.rule as i128)
                .int(s.quantity.into())
                .money(s.unit_price);
        }
        r.int(l.discounts.len() as i128);
        for d in &l.discounts {
            r.text(&d.id).money(d.amount);
        }
    }
    r.int(q.applied.len() as i128);
    for a in &q.applied {
        r.text(&a.id).money(a.amount);
    }
    r.int(q.shops.len() as i128);
    for s in &q.shops {
        r.text(&s.shop_id).money(s.freight).money(s.shipping);
    }
    if let Some(p) = &q.points {
        r.int(p.used.into()).money(p.deduction);
    }
    format!("xd2-{:016x}", r.hash())
}

/// The fingerprint's bytes, gathered whole and hashed once.
struct Canon(Vec<u8>);

impl Canon {
    fn int(&mut self, v: i128) -> &mut Canon {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Length first, so no two lists of texts give the same bytes.
    fn text(&mut self, s: &str) -> &mut Canon {
        self.int(s.len() as i128);
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    fn money(&mut self, m: Money) -> &mut Canon {
        self.int(m.fen())
    }

    /// 8 bytes per step (two multiplies) instead of FNV-1a's one byte: on a 20-line cart the
    /// byte-serial FNV (`xd1`) was a tenth of the whole quote. Each little-endian word is
    /// premixed, folded into the state, and the end goes through murmur3's 64-bit finaliser with
    /// the length, so trailing zero bytes still count.
    fn hash(&self) -> u64 {
        const K1: u64 = 0x87c3_7b91_1142_53d5;
        const K2: u64 = 0x4cf5_ad43_2745_937f;
        let step = |h: u64, w: u64| (h ^ w.wrapping_mul(K1)).rotate_left(31).wrapping_mul(K2);
        let mut chunks = self.0.chunks_exact(8);
        let mut h = 0x9e37_79b9_7f4a_7c15_u64;
        for c in &mut chunks {
            let mut w = [0; 8];
            w.copy_from_slice(c);
            h = step(h, u64::from_le_bytes(w));
        }
        let mut tail = [0; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        h = step(h, u64::from_le_bytes(tail)) ^ self.0.len() as u64;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ h >> 33
    }
}
