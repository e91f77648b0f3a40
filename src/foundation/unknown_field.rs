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
/// `-` (`validto`, `shopID`, `valid_to`), else the closest by edit distance when it is close
/// for the key's length. None when nothing is close: a wrong guess misleads more than none.
pub fn nearest<'a>(field: &str, known: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let key = norm(field);
    if let Some(k) = known.iter().find(|k| norm(k) == key) {
        return Some(k);
    }
    let limit = ((key.len() + 2) / 4).clamp(1, 3);
    known
        .iter()
        .map(|k| (distance(&key, &norm(k)), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, one row at a time.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diag
            } else {
                1 + diag.min(above).min(row[j])
            };
            diag = above;
        }
    }
    row[b.len()]
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
}
