//! Largest-remainder division of fen: a total split over weights so the parts add up exactly.

use super::money::Money;

/// Split `total` fen over `weights` in proportion, by largest remainder: every part is
/// ⌊total·wᵢ/W⌋ plus one fen for the lines with the largest remainders (ties: lower index).
/// Parts sum exactly to `total`; when `total ≤ W` no part exceeds its weight. With all weights
/// zero the total is split evenly. Negative weights count as zero.
pub fn allocate_fen(total: i128, weights: &[i128]) -> Vec<i128> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let sum: i128 = weights.iter().map(|w| (*w).max(0)).sum();
    // All weights zero: split evenly.
    let even = sum == 0;
    let sum = if even { n as i128 } else { sum };
    let weight = |w: i128| if even { 1 } else { w.max(0) };
    // Every product total·wᵢ is at most |total|·W: when that fits in i64, divide in i64. In wasm
    // an i128 division is a library call, and a quote allocates every discount it tries.
    let narrow = i64::try_from(total.unsigned_abs())
        .ok()
        .zip(i64::try_from(sum).ok())
        .is_some_and(|(t, w)| t.checked_mul(w).is_some());
    let mut parts = Vec::with_capacity(n);
    let mut remainders = Vec::with_capacity(n);
    let mut given = 0i128;
    for (i, &w) in weights.iter().enumerate() {
        let (part, rem) = if narrow {
            let (product, sum) = (total as i64 * weight(w) as i64, sum as i64);
            (
                product.div_euclid(sum).into(),
                product.rem_euclid(sum).into(),
            )
        } else {
            let product = total * weight(w);
            (product.div_euclid(sum), product.rem_euclid(sum))
        };
        parts.push(part);
        remainders.push((rem, i));
        given += part;
    }
    let mut left = total - given;
    // Largest remainder first; equal remainders go to the earlier line.
    crate::foundation::sort::sort_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left <= 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// [`allocate_fen`] over money.
pub fn allocate(total: Money, weights: &[Money]) -> Vec<Money> {
    let w: Vec<i128> = weights.iter().map(|m| m.fen()).collect();
    allocate_fen(total.fen(), &w)
        .into_iter()
        .map(Money::from_fen)
        .collect()
}

/// [`allocate_fen`] of `total` over `amounts[j]` for each `j` in `lines`, each part subtracted
/// from its amount in place. The same parts, without allocating for up to 64 lines: the coupon
/// search applies every discount it tries (beyond 64 lines, or past i64, it calls
/// `allocate_fen`).
pub fn subtract_allocated(total: i64, lines: &[usize], amounts: &mut [i64]) {
    const MAX: usize = 64;
    let n = lines.len();
    let sum = lines
        .iter()
        .try_fold(0i64, |s, &j| s.checked_add(amounts[j].max(0)));
    let narrow = sum.and_then(|s| total.unsigned_abs().checked_mul(s.max(n as i64) as u64));
    let (Some(sum), Some(_), true) = (sum, narrow.filter(|&p| p <= i64::MAX as u64), n <= MAX)
    else {
        let weights: Vec<i128> = lines.iter().map(|&j| i128::from(amounts[j])).collect();
        for (&j, p) in lines.iter().zip(allocate_fen(i128::from(total), &weights)) {
            amounts[j] -= i64::try_from(p).unwrap_or(0);
        }
        return;
    };
    if n == 0 {
        return;
    }
    let even = sum == 0;
    let sum = if even { n as i64 } else { sum };
    let mut parts = [0i64; MAX];
    let mut remainders = [(0i64, 0usize); MAX];
    let mut given = 0i64;
    for (i, &j) in lines.iter().enumerate() {
        let product = total * if even { 1 } else { amounts[j].max(0) };
        parts[i] = product.div_euclid(sum);
        remainders[i] = (product.rem_euclid(sum), i);
        given += parts[i];
    }
    let mut left = total - given;
    super::sort::sort_by(&mut remainders[..n], |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1))
    });
    for &(_, i) in &remainders[..n] {
        if left <= 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    for (i, &j) in lines.iter().enumerate() {
        amounts[j] -= parts[i];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_examples() {
        assert_eq!(allocate_fen(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(allocate_fen(10, &[0, 0]), vec![5, 5]);
        assert_eq!(
            allocate_fen(3000, &[10000, 10000, 10000]),
            vec![1000, 1000, 1000]
        );
        assert_eq!(allocate_fen(1, &[5, 5]), vec![1, 0]);
        assert_eq!(allocate_fen(0, &[5, 5]), vec![0, 0]);
        assert!(allocate_fen(5, &[]).is_empty());
    }
}
