//! UNKNOWN_FIELD: serde's `deny_unknown_fields` message ("unknown field `validto`, expected one
//! of `id`, `kind`, …") turned into the structured error, with the nearest known field as a
//! suggestion. Parsing serde's text keeps every input type a plain derive.

use super::error::{Error, ErrorKind};

/// The error for serde's unknown-field message; `path` already ends at the key itself.
pub(crate) fn from_message(path: &str, message: &str) -> Option<Error> {
    let rest = message.strip_prefix("unknown field `")?;
    // The key may hold anything; serde's tail after it is one of these two forms.
    let (field, expected) = match rest.rfind("`, expected ") {
        Some(at) => (&rest[..at], &rest[at + "`, expected ".len()..]),
        None => (rest.strip_suffix("`, there are no fields")?, ""),
    };
    let known = expected_names(expected);
    Some(Error::new(
        ErrorKind::UnknownField {
            field: field.to_string(),
            suggestion: nearest(field, &known).map(str::to_string),
        },
        path,
    ))
}

/// The names in serde's "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn expected_names(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The known name a mistyped key most likely meant: the same letters ignoring case, `_` and
/// `-` (`validto`, `shopID`, `valid_to`); else the closest by edit distance, a swap of two
/// neighbours counting one edit (`titel`, `tilte`), when it is close for the key's length; else
/// the one name the key abbreviates (`qty` → `quantity`: its letters in order, the first one
/// shared) or ends (`price` → `unitPrice`). None when nothing is close, or when two names are
/// equally likely: a wrong guess misleads more than none.
pub fn nearest<'a>(field: &str, known: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let key = norm(field);
    let names: Vec<(Vec<char>, &'a str)> = known.iter().map(|k| (norm(k), *k)).collect();
    if let Some((_, k)) = names.iter().find(|(n, _)| *n == key) {
        return Some(k);
    }
    let limit = ((key.len() + 2) / 4).clamp(1, 3);
    let by_distance: Vec<(usize, &'a str)> = names
        .iter()
        .map(|(n, k)| (distance(&key, n), *k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    if let Some(best) = by_distance.iter().map(|(d, _)| *d).min() {
        return only(
            by_distance
                .iter()
                .filter(|(d, _)| *d == best)
                .map(|(_, k)| *k),
        );
    }
    if key.len() < 2 {
        return None;
    }
    let abbreviates = |n: &[char]| n.first() == key.first() && is_subsequence(&key, n);
    only(
        names
            .iter()
            .filter(|(n, _)| abbreviates(n))
            .map(|(_, k)| *k),
    )
    .or_else(|| {
        if key.len() < 4 {
            return None;
        }
        only(
            names
                .iter()
                .filter(|(n, _)| n.ends_with(&key))
                .map(|(_, k)| *k),
        )
    })
}

/// The single item, or None for none or several.
fn only<'a>(mut it: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

fn is_subsequence(short: &[char], long: &[char]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

/// Edit distance with a swap of two neighbouring letters as one edit (optimal string alignment).
fn distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    // Three rows: two back for the swap.
    let mut rows = vec![0usize; 3 * w];
    for (j, cell) in rows[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, back) = (i % 3 * w, (i - 1) % 3 * w, (i + 1) % 3 * w);
        rows[cur] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[back + j - 2] + 1);
            }
            rows[cur + j] = d;
        }
    }
    rows[a.len() % 3 * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_serde_messages_and_suggests() {
        let e = from_message(
            "coupons[0].validto",
            "unknown field `validto`, expected one of `id`, `validFrom`, `validTo`",
        )
        .unwrap();
        assert_eq!(e.code(), "UNKNOWN_FIELD");
        assert_eq!(e.path, "coupons[0].validto");
        assert!(e.message_en().contains("did you mean validTo?"));
        assert!(e.message().contains("是否想写 validTo？"));
        let e = from_message("x", "unknown field `a`b`, expected `fee`").unwrap();
        assert_eq!(
            e.kind,
            ErrorKind::UnknownField {
                field: "a`b".into(),
                suggestion: None
            }
        );
        let e = from_message("x", "unknown field `q`, there are no fields").unwrap();
        assert_eq!(e.code(), "UNKNOWN_FIELD");
        assert!(from_message("x", "missing field `a`").is_none());
    }

    #[test]
    fn nearest_prefers_case_then_distance() {
        let known = ["skuId", "skuIds", "shopId", "unitPrice", "quantity"];
        assert_eq!(nearest("skuids", &known), Some("skuIds"));
        assert_eq!(nearest("shopID", &known), Some("shopId"));
        assert_eq!(nearest("shop_id", &known), Some("shopId"));
        assert_eq!(nearest("unitPrcie", &known), Some("unitPrice"));
        assert_eq!(nearest("quantty", &known), Some("quantity"));
        assert_eq!(nearest("colour", &known), None);
        assert_eq!(nearest("x", &[]), None);
    }

    #[test]
    fn swaps_abbreviations_and_endings() {
        let listing = ["title", "titleEn", "categoryId", "skus", "images"];
        assert_eq!(nearest("titel", &listing), Some("title"));
        assert_eq!(nearest("tilte", &listing), Some("title"));
        let line = ["skuId", "unitPrice", "quantity", "shopId", "title", "stock"];
        assert_eq!(nearest("qty", &line), Some("quantity"));
        assert_eq!(nearest("price", &line), Some("unitPrice"));
        // Two names end the same way, or share the abbreviation: no guess.
        assert_eq!(nearest("price", &["unitPrice", "listPrice"]), None);
        assert_eq!(nearest("sid", &["skuId", "shopId"]), None);
        assert_eq!(nearest("q", &line), None);
        // Equally near by distance: no guess either.
        assert_eq!(nearest("ab", &["ax", "xb"]), None);
        assert_eq!(distance(&['a', 'b'], &['b', 'a']), 1);
        assert_eq!(
            distance(&['k', 'i', 't'], &['s', 'i', 't', 't', 'i', 'n']),
            4
        );
    }
}
