//! JSON number text to f64 without Rust's float parser (20 KB of WASM with its tables).

/// `10^i`, each exact in f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The f64 of a JSON number's text (already checked against the grammar). Correctly rounded
/// when it has at most 15 significant digits and its decimal exponent is within ±22 (one exact
/// product or quotient, Clinger's fast path): every amount, rate, count and time in
/// milliseconds. Longer numbers are close, not always nearest; they are refused by every field
/// that takes a number anyway. Rust's exact parser is 20 KB of WASM with its tables.
pub(super) fn decimal_to_f64(text: &[u8]) -> f64 {
    let (negative, text) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut exp10: i32 = 0;
    let mut i = 0;
    let mut fraction = false;
    while let Some(&b) = text.get(i) {
        match b {
            b'0'..=b'9' => {
                if mantissa == 0 && b == b'0' {
                    // A leading zero: not significant, but it moves a fraction's point.
                    exp10 -= i32::from(fraction);
                } else if digits < 19 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    digits += 1;
                    exp10 -= i32::from(fraction);
                } else if !fraction {
                    // Past 19 digits: dropped, but an integer's still count.
                    exp10 += 1;
                }
            }
            b'.' => fraction = true,
            _ => break,
        }
        i += 1;
    }
    if let Some(b'e' | b'E') = text.get(i) {
        let rest = &text[i + 1..];
        let (sign, digits) = match rest.split_first() {
            Some((b'-', d)) => (-1, d),
            Some((b'+', d)) => (1, d),
            _ => (1, rest),
        };
        // Saturated: any exponent past ±10,000 gives 0 or infinity all the same.
        let e = digits
            .iter()
            .fold(0i32, |e, d| (e * 10 + i32::from(d - b'0')).min(10_000));
        exp10 = (exp10 + sign * e).clamp(-10_000, 10_000);
    }
    let m = mantissa as f64;
    let v = if mantissa == 0 {
        0.0
    } else if digits <= 15 && (0..=22).contains(&exp10) {
        m * POW10[exp10 as usize]
    } else if digits <= 15 && (-22..0).contains(&exp10) {
        m / POW10[(-exp10) as usize]
    } else if exp10 >= 0 {
        m * 10f64.powi(exp10)
    } else {
        // Two steps so that a tiny power does not underflow before the product.
        m / 10f64.powi((-exp10).min(300)) / 10f64.powi((-exp10 - 300).max(0))
    };
    if negative {
        -v
    } else {
        v
    }
}
