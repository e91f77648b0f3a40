//! Phone numbers in pasted text: mobiles (1[3-9] and nine more digits; spaces and dashes between
//! groups, `+86` / `0086` / `86` in front) and landlines (area code 010, 02x or 0xxx, then
//! 7–8 digits: `010-12345678`, `0755 1234567`, `(020)87654321`); 香港 / 澳门 numbers (`+852` /
//! `+853` and 8 digits) and 台湾 mobiles (`+886` and 9 digits starting 9), kept with their prefix.

/// A number found in text: where (char indices, end exclusive) and its normal form
/// (`13800138000`, `010-12345678`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneMatch {
    pub start: usize,
    pub end: usize,
    pub phone: String,
    pub landline: bool,
}

fn run_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+')
}

/// The normal form of one candidate (its digits and separators), if it is a phone number.
fn classify(window: &str) -> Option<(String, bool)> {
    let mut digits: String = window.chars().filter(char::is_ascii_digit).collect();
    let w = window.trim_start_matches('(');
    if w.starts_with("+86") || (digits.len() == 13 && digits.starts_with("861")) {
        digits.drain(..2);
    } else if w.starts_with("0086") {
        digits.drain(..4);
    } else if let Some(cc) = ["852", "853", "886"].into_iter().find(|cc| {
        // `+852 …`, `00852 …`, or `852-…` / `(852) …`: no mainland number starts 85 or 88.
        w.starts_with(&format!("+{cc}"))
            || w.starts_with(&format!("00{cc}"))
            || (w.starts_with(cc) && w[3..].starts_with(['-', ' ', ')']))
    }) {
        let local = &digits[digits.find(cc).unwrap_or(0) + 3..];
        let (ok, landline) = if cc == "886" {
            // 台湾: mobiles 9 and eight digits; landlines an area code (2–8) and the number.
            let mobile = local.len() == 9 && local.starts_with('9');
            let fixed =
                (8..=9).contains(&local.len()) && ('2'..='8').contains(&local.as_bytes()[0].into());
            (mobile || fixed, !mobile)
        } else {
            (local.len() == 8 && !local.starts_with('0'), false)
        };
        return ok.then(|| (format!("+{cc} {local}"), landline));
    } else if w.starts_with('+') {
        return None;
    }
    let b = digits.as_bytes();
    if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
        return Some((digits, false));
    }
    if b.len() < 3 || b[0] != b'0' {
        return None;
    }
    let area = match b[1] {
        b'1' if b[2] == b'0' => 3,
        b'2' => 3,
        b'3'..=b'9' => 4,
        _ => return None,
    };
    let local = digits.get(area..)?;
    if (7..=8).contains(&local.len()) && !local.starts_with('0') {
        return Some((format!("{}-{}", &digits[..area], local), true));
    }
    None
}

/// Every phone number in `chars`, in order. Within a run of digits and separators the widest
/// space-separated stretch that is a number wins (`+86 138 0013 8000`), so a house number
/// before a phone (`1001 13800138000`) is left out.
pub(crate) fn find_all(chars: &[char]) -> Vec<PhoneMatch> {
    find_with(chars, classify)
}

/// Numbers written without their country code, read only once the address is known to be in
/// 香港 / 澳门 (province 81 / 82: eight digits, `9123 4567`) or 台湾 (71: mobiles `0912-345-678`),
/// in their international form (`+852 91234567`, `+886 912345678`). Elsewhere eight digits are
/// a house or local number, so the region decides.
pub(crate) fn find_local(chars: &[char], province: u32) -> Vec<PhoneMatch> {
    let local = |window: &str| {
        if !window
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-'))
        {
            return None;
        }
        let d: String = window.chars().filter(char::is_ascii_digit).collect();
        let ok = match province {
            810000 => d.len() == 8 && matches!(d.as_bytes()[0], b'2'..=b'9'),
            820000 => d.len() == 8 && matches!(d.as_bytes()[0], b'2' | b'6' | b'8'),
            710000 => d.len() == 10 && d.starts_with("09"),
            _ => false,
        };
        let cc = match province {
            810000 => "852",
            820000 => "853",
            _ => "886",
        };
        ok.then(|| (format!("+{cc} {}", d.trim_start_matches('0')), false))
    };
    find_with(chars, local)
}

fn find_with(chars: &[char], classify: impl Fn(&str) -> Option<(String, bool)>) -> Vec<PhoneMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !(chars[i].is_ascii_digit() || matches!(chars[i], '+' | '(')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && run_char(chars[i]) {
            i += 1;
        }
        // Groups: maximal stretches without spaces, as char ranges.
        let mut groups = Vec::new();
        let mut g = start;
        for j in start..=i {
            if chars.get(j).is_none_or(|&c| j == i || c == ' ') {
                if j > g {
                    groups.push((g, j));
                }
                g = j + 1;
            }
        }
        let mut j = 0;
        while j < groups.len() {
            let found = (j..groups.len()).rev().find_map(|k| {
                let (s, e) = (groups[j].0, groups[k].1);
                if e - s > 24 {
                    return None;
                }
                let text: String = chars[s..e].iter().collect();
                classify(&text).map(|(phone, landline)| (k, s, e, phone, landline))
            });
            match found {
                Some((k, s, e, phone, landline)) => {
                    out.push(PhoneMatch {
                        start: s,
                        end: e,
                        phone,
                        landline,
                    });
                    j = k + 1;
                }
                None => j += 1,
            }
        }
    }
    out
}

/// A typed contact number (a form's 手机号, `wx.chooseAddress`'s telNumber) if it is one number
/// and nothing else: its normal form.
pub fn check_phone(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(run_char) {
        return None;
    }
    classify(t).map(|(phone, _)| phone)
}

/// `INVALID_PHONE` as a blocker when the address's contact number is not a phone number: the
/// quote still prices (the page keeps its totals while the buyer types), the order cannot go.
pub(crate) fn blocker(address: Option<&super::Address>) -> Option<crate::checkout::quote::Blocker> {
    let a = address?;
    let (value, field) = match (&a.phone, &a.tel_number) {
        (Some(p), _) => (p, "phone"),
        (None, Some(t)) => (t, "telNumber"),
        (None, None) => return None,
    };
    if value.trim().is_empty() || check_phone(value).is_some() {
        return None;
    }
    Some(crate::checkout::quote::Blocker {
        code: "INVALID_PHONE".into(),
        path: format!("address.{field}"),
        message: format!("手机号“{}”格式不正确，请填写 11 位手机号或带区号的固定电话", value.trim()),
        message_en: format!(
            "\"{}\" is not a phone number: give an 11-digit mobile or a landline with its area code",
            value.trim()
        ),
        region_code: None,
    })
}

/// The first mobile number in `text`, else the first landline.
pub fn find_phone(text: &str) -> Option<PhoneMatch> {
    let chars: Vec<char> = text.chars().collect();
    let all = find_all(&chars);
    let first_mobile = all.iter().position(|m| !m.landline);
    first_mobile
        .or(if all.is_empty() { None } else { Some(0) })
        .map(|i| all[i].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(text: &str) -> Option<String> {
        find_phone(text).map(|m| m.phone)
    }

    #[test]
    fn mobiles() {
        assert_eq!(phone("13800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone("159-1234-5678").as_deref(), Some("15912345678"));
        assert_eq!(phone("138 0013 8000").as_deref(), Some("13800138000"));
        assert_eq!(phone("+86 138 0013 8000").as_deref(), Some("13800138000"));
        assert_eq!(phone("+8613800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone("0086-13800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone("8613800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone("1001 13800138000").as_deref(), Some("13800138000"));
        assert_eq!(phone("12800138000"), None);
        assert_eq!(phone("1380013800"), None);
        assert_eq!(phone("+1 650 253 0000"), None);
        assert_eq!(phone("+852 9123 4567").as_deref(), Some("+852 91234567"));
        assert_eq!(phone("+853 6612 3456").as_deref(), Some("+853 66123456"));
        assert_eq!(phone("+886 912 345 678").as_deref(), Some("+886 912345678"));
        assert_eq!(phone("+852 1234"), None);
        // The country code without its plus, as 香港 / 台湾 shoppers also write it.
        assert_eq!(phone("852-91234567").as_deref(), Some("+852 91234567"));
        assert_eq!(phone("(852) 9123-4567").as_deref(), Some("+852 91234567"));
        assert_eq!(phone("00853 6612 3456").as_deref(), Some("+853 66123456"));
        assert_eq!(phone("+886-2-2960-3456").as_deref(), Some("+886 229603456"));
        assert_eq!(phone("85212345"), None);
    }

    #[test]
    fn local_numbers_by_region() {
        let at = |text: &str, province| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            find_local(&chars, province)
                .into_iter()
                .map(|m| m.phone)
                .collect()
        };
        assert_eq!(at("陈大文 9123 4567", 810000), ["+852 91234567"]);
        assert_eq!(at("何伟 6612-3456", 820000), ["+853 66123456"]);
        assert_eq!(at("林小美 0912 345 678", 710000), ["+886 912345678"]);
        // Elsewhere, or too short / long, no number.
        assert!(at("陈大文 9123 4567", 330000).is_empty());
        assert!(at("弥敦道 100 号", 810000).is_empty());
        assert!(at("0123 4567", 810000).is_empty());
        assert!(at("0812 345 678", 710000).is_empty());
    }

    #[test]
    fn typed_numbers() {
        assert_eq!(
            check_phone(" 138-0013-8000 ").as_deref(),
            Some("13800138000")
        );
        assert_eq!(check_phone("010-12345678").as_deref(), Some("010-12345678"));
        assert_eq!(
            check_phone("+852 91234567").as_deref(),
            Some("+852 91234567")
        );
        for bad in [
            "12345",
            "abc",
            "1380013800",
            "13800138000 ext",
            "",
            "+44 20 7946 0000",
        ] {
            assert_eq!(check_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn landlines() {
        assert_eq!(phone("010-12345678").as_deref(), Some("010-12345678"));
        assert_eq!(phone("0755-1234567").as_deref(), Some("0755-1234567"));
        assert_eq!(phone("(020)87654321").as_deref(), Some("020-87654321"));
        assert_eq!(phone("0571 8888 6666").as_deref(), Some("0571-88886666"));
        assert_eq!(phone("0010-1234567"), None);
        assert_eq!(phone("100号"), None);
        for short in ["075", "0", "01", "02", "0755", "+", "+86", "(", "-0-"] {
            assert_eq!(phone(short), None, "{short}");
        }
        // A mobile is preferred to a landline given first.
        assert_eq!(
            phone("010-12345678 13800138000").as_deref(),
            Some("13800138000")
        );
    }
}
