//! Instants as epoch milliseconds. Parsed from ISO-8601 (`2026-11-11T20:00:00+08:00`, `…Z`, no
//! offset = Asia/Shanghai +08:00, or a bare date `2026-11-11` = its midnight in +08:00) or from a
//! JS epoch-millisecond number; printed in +08:00. A small parser keeps chrono out of the wasm.

use crate::foundation::error::{serde_error, ErrorKind};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// China Standard Time, the default zone: +08:00 has no daylight saving.
pub const DEFAULT_OFFSET_MINUTES: i64 = 8 * 60;
const MS_PER_DAY: i64 = 86_400_000;
/// Years 1970..=9999 keep every computation far from overflow.
const MAX_MS: i64 = 253_402_300_799_999;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Timestamp(i64);

impl Timestamp {
    pub fn from_millis(ms: i64) -> Option<Timestamp> {
        (0..=MAX_MS).contains(&ms).then_some(Timestamp(ms))
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// The calendar date in +08:00.
    pub fn date(self) -> Date {
        let local = self.0 + DEFAULT_OFFSET_MINUTES * 60_000;
        Date::from_days(local.div_euclid(MS_PER_DAY))
    }

    pub fn parse(input: &str) -> Result<Timestamp, ErrorKind> {
        parse_iso(input.trim()).ok_or_else(|| ErrorKind::InvalidTime {
            input: input.chars().take(40).collect(),
        })
    }
}

/// A time as an input: ISO-8601 text or epoch milliseconds (TypeScript `TimestampInput`).
pub type TimestampInput = Timestamp;

/// A calendar date (days since 1970-01-01).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date(i64);

impl Date {
    pub fn from_days(days: i64) -> Date {
        Date(days)
    }

    pub fn days(self) -> i64 {
        self.0
    }

    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Date> {
        // Calendar dates reach back to 1900 (birth dates); instants start at 1970.
        if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
            return None;
        }
        if d > days_in_month(y, m) {
            return None;
        }
        Some(Date(days_from_civil(y, m, d)))
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn add_days(self, n: i64) -> Date {
        Date(self.0 + n)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn digits(s: &str) -> Option<i64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD` strictly.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Date::from_ymd(
        digits(&s[0..4])?,
        u32::try_from(digits(&s[5..7])?).ok()?,
        u32::try_from(digits(&s[8..10])?).ok()?,
    )
}

fn parse_iso(s: &str) -> Option<Timestamp> {
    if !s.is_ascii() || s.len() < 10 {
        return None;
    }
    let date = parse_date(&s[..10])?;
    let rest = &s[10..];
    if rest.is_empty() {
        let ms = date.0 * MS_PER_DAY - DEFAULT_OFFSET_MINUTES * 60_000;
        return Timestamp::from_millis(ms);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    // Split the clock from the offset.
    let (clock, offset_min) = if let Some(c) = rest.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else if let Some(pos) = rest.rfind(['+', '-']) {
        let (c, off) = rest.split_at(pos);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let off = &off[1..];
        let (h, m) = match off.len() {
            5 if off.as_bytes()[2] == b':' => (&off[..2], &off[3..]),
            4 => (&off[..2], &off[2..]),
            2 => (off, "00"),
            _ => return None,
        };
        let (h, m) = (digits(h)?, digits(m)?);
        if h > 14 || m > 59 {
            return None;
        }
        (c, sign * (h * 60 + m))
    } else {
        (rest, DEFAULT_OFFSET_MINUTES)
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((a, f)) => (a, Some(f)),
        None => (clock, None),
    };
    let mut parts = hms.split(':');
    let h = digits(parts.next()?)?;
    let mi = digits(parts.next()?)?;
    let sec = match parts.next() {
        Some(x) => digits(x)?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || mi > 59 || sec > 59 || hms.len() < 5 {
        return None;
    }
    let ms = match frac {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let padded = format!("{f:0<3}");
            padded[..3].parse::<i64>().ok()?
        }
        Some(_) => return None,
    };
    let local = date.0 * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
    Timestamp::from_millis(local - offset_min * 60_000)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.0 + DEFAULT_OFFSET_MINUTES * 60_000;
        let date = Date::from_days(local.div_euclid(MS_PER_DAY));
        let in_day = local.rem_euclid(MS_PER_DAY);
        let (h, m, s, ms) = (
            in_day / 3_600_000,
            in_day / 60_000 % 60,
            in_day / 1000 % 60,
            in_day % 1000,
        );
        write!(f, "{date}T{h:02}:{m:02}:{s:02}")?;
        if ms != 0 {
            write!(f, ".{ms:03}")?;
        }
        f.write_str("+08:00")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

pub(crate) struct TimestampVisitor;

impl<'de> Visitor<'de> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an ISO-8601 time such as \"2026-11-11T20:00:00+08:00\" or epoch milliseconds")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v).map_err(serde_error)
    }

    /// A JS NaN or Infinity, written as null by JSON.stringify (`now: NaN` must not mean
    /// "the clock").
    fn visit_unit<E: de::Error>(self) -> Result<Timestamp, E> {
        Err(serde_error(ErrorKind::InvalidTime {
            input: "null".into(),
        }))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
        let bad = || {
            serde_error(ErrorKind::InvalidTime {
                input: crate::foundation::money::number_text(v).0,
            })
        };
        if !v.is_finite() || v.fract() != 0.0 || v < 0.0 || v > MAX_MS as f64 {
            return Err(bad());
        }
        Timestamp::from_millis(v as i64).ok_or_else(bad)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
        Timestamp::from_millis(v).ok_or_else(|| {
            serde_error(ErrorKind::InvalidTime {
                input: v.to_string(),
            })
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        d.deserialize_any(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> i64 {
        Timestamp::parse(s).unwrap().millis()
    }

    #[test]
    fn parses_offsets_and_defaults_to_shanghai() {
        let utc = t("2026-11-11T12:00:00Z");
        assert_eq!(utc, 1_794_398_400_000);
        assert_eq!(t("2026-11-11T20:00:00+08:00"), utc);
        assert_eq!(t("2026-11-11T20:00:00"), utc);
        assert_eq!(t("2026-11-11 20:00"), utc);
        assert_eq!(t("2026-11-11T07:00:00-05:00"), utc);
        assert_eq!(t("2026-11-11T20:00:00.5+0800"), utc + 500);
        assert_eq!(t("2026-11-11"), t("2026-11-11T00:00:00+08:00"));
    }

    #[test]
    fn rejects_nonsense() {
        for s in [
            "",
            "2026-13-01",
            "2026-02-30",
            "2026-11-11T24:00",
            "2026-11-11T20",
            "2026-11-11X20:00",
            "2026/11/11",
            "1969-12-31",
            "2026-11-11T20:00:00+99:00",
            "２０２６-11-11",
        ] {
            assert!(Timestamp::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn prints_in_shanghai_time() {
        let ts = Timestamp::parse("2026-11-11T12:00:00Z").unwrap();
        assert_eq!(ts.to_string(), "2026-11-11T20:00:00+08:00");
        assert_eq!(ts.date().to_string(), "2026-11-11");
        let late = Timestamp::parse("2026-12-31T23:30:00+08:00").unwrap();
        assert_eq!(late.date().to_string(), "2026-12-31");
    }

    #[test]
    fn civil_round_trip() {
        for days in [0, 59, 365, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(
            Date::from_ymd(2024, 2, 29).unwrap().to_string(),
            "2024-02-29"
        );
        assert!(Date::from_ymd(2025, 2, 29).is_none());
    }
}
