//! The one error type. Every error has a stable UPPER_SNAKE `code`, the `path` of the offending
//! input (`lines[2].unitPrice`), and a message in zh-CN and English.

use serde::Serialize;
use std::fmt;

/// Why a money string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyIssue {
    Empty,
    NotANumber,
    Exponent,
    TooManyDecimals,
    Negative,
    NotFinite,
}

/// What went wrong. Variant data is what the messages need; the code is derived from the variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    InvalidMoney {
        issue: MoneyIssue,
        input: String,
    },
    AmountOutOfRange {
        max: String,
    },
    InvalidRate {
        input: String,
    },
    InvalidQuantity {
        min: u32,
        max: u32,
    },
    TooManyLines {
        max: usize,
    },
    InvalidTime {
        input: String,
    },
    InvalidTimeWindow,
    OutOfStock {
        stock: u32,
    },
    PurchaseLimitExceeded {
        limit: u32,
    },
    DuplicateId {
        id: String,
    },
    InvalidInput {
        detail: String,
    },
    InvalidRulebook {
        detail: String,
    },
    UnknownId {
        id: String,
    },
    UnknownPlatform {
        id: String,
        known: Vec<String>,
    },
    /// A region code (or name) not in the loaded regions data.
    UnknownRegion {
        code: String,
    },
    /// The WASM module was asked for regions before `loadRegions`.
    RegionsNotLoaded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub path: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, path: impl Into<String>) -> Self {
        Error {
            kind,
            path: path.into(),
        }
    }

    pub fn input(detail: impl Into<String>, path: impl Into<String>) -> Self {
        Error::new(
            ErrorKind::InvalidInput {
                detail: detail.into(),
            },
            path,
        )
    }

    /// Stable machine-readable code; never renamed once published.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::InvalidMoney { .. } => "INVALID_MONEY",
            ErrorKind::AmountOutOfRange { .. } => "AMOUNT_OUT_OF_RANGE",
            ErrorKind::InvalidRate { .. } => "INVALID_RATE",
            ErrorKind::InvalidQuantity { .. } => "INVALID_QUANTITY",
            ErrorKind::TooManyLines { .. } => "TOO_MANY_LINES",
            ErrorKind::InvalidTime { .. } => "INVALID_TIME",
            ErrorKind::InvalidTimeWindow => "INVALID_TIME_WINDOW",
            ErrorKind::OutOfStock { .. } => "OUT_OF_STOCK",
            ErrorKind::PurchaseLimitExceeded { .. } => "PURCHASE_LIMIT_EXCEEDED",
            ErrorKind::DuplicateId { .. } => "DUPLICATE_ID",
            ErrorKind::InvalidInput { .. } => "INVALID_INPUT",
            ErrorKind::InvalidRulebook { .. } => "INVALID_RULEBOOK",
            ErrorKind::UnknownId { .. } => "UNKNOWN_ID",
            ErrorKind::UnknownPlatform { .. } => "UNKNOWN_PLATFORM",
            ErrorKind::UnknownRegion { .. } => "UNKNOWN_REGION",
            ErrorKind::RegionsNotLoaded => "REGIONS_NOT_LOADED",
        }
    }

    fn at_zh(&self) -> String {
        if self.path.is_empty() {
            String::new()
        } else {
            format!("（{}）", self.path)
        }
    }

    fn at_en(&self) -> String {
        if self.path.is_empty() {
            String::new()
        } else {
            format!(" at {}", self.path)
        }
    }

    /// zh-CN message.
    pub fn message(&self) -> String {
        format!("{}{}", self.body_zh(), self.at_zh())
    }

    /// English message.
    pub fn message_en(&self) -> String {
        format!("{}{}", self.body_en(), self.at_en())
    }

    fn body_zh(&self) -> String {
        match &self.kind {
            ErrorKind::InvalidMoney { issue, input } => match issue {
                MoneyIssue::Empty => "金额不能为空".to_string(),
                MoneyIssue::NotANumber => format!("金额格式不正确：“{input}”"),
                MoneyIssue::Exponent => format!("金额不能使用科学计数法：“{input}”"),
                MoneyIssue::TooManyDecimals => {
                    format!("金额最多两位小数（精确到分）：“{input}”")
                }
                MoneyIssue::Negative => format!("金额不能为负数：“{input}”"),
                MoneyIssue::NotFinite => "金额缺失或不是有限数字".to_string(),
            },
            ErrorKind::AmountOutOfRange { max } => format!("金额超出上限 ¥{max}"),
            ErrorKind::InvalidRate { input } => {
                format!("比例应为 0 到 1 之间的小数（如 \"0.85\"）：“{input}”")
            }
            ErrorKind::InvalidQuantity { min, max } => {
                format!("数量必须是 {min} 到 {max} 之间的整数")
            }
            ErrorKind::TooManyLines { max } => format!("购物车最多 {max} 行"),
            ErrorKind::InvalidTime { input } => {
                format!("时间格式不正确，应为 ISO-8601（如 2026-11-11T20:00:00+08:00）：“{input}”")
            }
            ErrorKind::InvalidTimeWindow => "开始时间必须早于结束时间".to_string(),
            ErrorKind::OutOfStock { stock } => format!("库存不足，仅剩 {stock} 件"),
            ErrorKind::PurchaseLimitExceeded { limit } => {
                format!("超出限购数量，每单最多 {limit} 件")
            }
            ErrorKind::DuplicateId { id } => format!("编号重复：“{id}”"),
            ErrorKind::InvalidInput { detail } => format!("输入格式不正确：{detail}"),
            ErrorKind::InvalidRulebook { detail } => format!("规则库无效：{detail}"),
            ErrorKind::UnknownId { id } => format!("找不到编号：“{id}”"),
            ErrorKind::UnknownPlatform { id, known } => {
                format!("未知平台“{id}”，可选：{}", known.join("、"))
            }
            ErrorKind::UnknownRegion { code } => format!("找不到该地区：“{code}”"),
            ErrorKind::RegionsNotLoaded => "地区数据尚未加载".to_string(),
        }
    }

    /// English message without the path.
    pub fn body_en(&self) -> String {
        match &self.kind {
            ErrorKind::InvalidMoney { issue, input } => match issue {
                MoneyIssue::Empty => "amount is empty".to_string(),
                MoneyIssue::NotANumber => format!("amount is not a decimal number: \"{input}\""),
                MoneyIssue::Exponent => format!("amount must not use an exponent: \"{input}\""),
                MoneyIssue::TooManyDecimals => {
                    format!("amount has more than two decimals (fen): \"{input}\"")
                }
                MoneyIssue::Negative => format!("amount must not be negative: \"{input}\""),
                MoneyIssue::NotFinite => "amount is missing or not a finite number".to_string(),
            },
            ErrorKind::AmountOutOfRange { max } => format!("amount exceeds the maximum ¥{max}"),
            ErrorKind::InvalidRate { input } => {
                format!("rate must be a decimal from 0 to 1 (e.g. \"0.85\"): \"{input}\"")
            }
            ErrorKind::InvalidQuantity { min, max } => {
                format!("quantity must be a whole number from {min} to {max}")
            }
            ErrorKind::TooManyLines { max } => format!("a cart holds at most {max} lines"),
            ErrorKind::InvalidTime { input } => {
                format!("time is not ISO-8601 (e.g. 2026-11-11T20:00:00+08:00): \"{input}\"")
            }
            ErrorKind::InvalidTimeWindow => "start must be before end".to_string(),
            ErrorKind::OutOfStock { stock } => format!("not enough stock: only {stock} left"),
            ErrorKind::PurchaseLimitExceeded { limit } => {
                format!("purchase limit exceeded: at most {limit} per order")
            }
            ErrorKind::DuplicateId { id } => format!("duplicate id \"{id}\""),
            ErrorKind::InvalidInput { detail } => format!("invalid input: {detail}"),
            ErrorKind::InvalidRulebook { detail } => format!("invalid rulebook: {detail}"),
            ErrorKind::UnknownId { id } => format!("unknown id \"{id}\""),
            ErrorKind::UnknownPlatform { id, known } => {
                format!("unknown platform \"{id}\"; one of {}", known.join(", "))
            }
            ErrorKind::UnknownRegion { code } => format!("unknown region \"{code}\""),
            ErrorKind::RegionsNotLoaded => {
                "regions data not loaded: call loadRegions(text) first".to_string()
            }
        }
    }

    /// Prefix the path, e.g. when a nested value was decoded on its own.
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (_, true) => prefix.to_string(),
        _ if rest.starts_with('[') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{rest}"),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl std::error::Error for Error {}

/// The plain shape an error takes in JSON and JS.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub code: &'static str,
    pub path: String,
    pub message: String,
    pub message_en: String,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            code: e.code(),
            path: e.path.clone(),
            message: e.message(),
            message_en: e.message_en(),
        }
    }
}

// A field's Deserialize impl can only report a string through serde. A structured failure is
// parked here and the string carries a marker; `decode` takes it back out. (Serialising the
// kind into the message cost 46 KB of wasm for its deserializer.)
const MARKER: &str = "\u{1}xd";

thread_local! {
    static PARKED: std::cell::RefCell<Option<ErrorKind>> = const { std::cell::RefCell::new(None) };
}

/// Build the serde error a field deserializer returns for a structured failure.
pub(crate) fn serde_error<E: serde::de::Error>(kind: ErrorKind) -> E {
    let text = Error::new(kind.clone(), "").body_en();
    PARKED.with(|p| *p.borrow_mut() = Some(kind));
    E::custom(format!("{MARKER}{text}"))
}

pub(crate) fn from_serde_message(path: String, message: &str) -> Error {
    if message.contains(MARKER) {
        if let Some(kind) = PARKED.with(|p| p.borrow_mut().take()) {
            return Error::new(kind, path);
        }
    }
    // Point at the missing field itself where serde names one.
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Error::input(format!("missing field `{field}`"), join_path(&path, field));
    }
    Error::input(message.to_string(), path)
}

/// Decode a JSON document; on failure the error carries the path of the failing value
/// (`lines[2].unitPrice`). Used by every entry point: native callers, the JS binding (which
/// hands over `JSON.stringify`'s text), tests and CLI tools. See [`crate::json`].
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    // A stale parked error from an earlier failure must not be picked up.
    PARKED.with(|p| p.borrow_mut().take());
    crate::json::from_str(json)
}

/// The JSON reader keeps the path itself; this checks it is the path serde_path_to_error (over
/// serde_json) reports, on thousands of broken carts, orders, catalogs,
/// listings, rulebooks and fee / category inputs (one value replaced or one field removed).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod path_diff {
    use super::*;
    use serde_json::Value;

    fn old<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
        PARKED.with(|p| p.borrow_mut().take());
        let mut de = serde_json::Deserializer::from_str(json);
        let v = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            // serde_json adds its position to the message; the reader's have none.
            let message = e.inner().to_string();
            let message = match message.rfind(" at line ") {
                Some(pos) => &message[..pos],
                None => &message,
            };
            from_serde_message(path, message)
        })?;
        de.end()
            .map_err(|e| Error::input(format!("trailing characters: {e}"), ""))?;
        Ok(v)
    }

    fn nodes(v: &Value, out: &mut usize) {
        *out += 1;
        match v {
            Value::Array(a) => a.iter().for_each(|x| nodes(x, out)),
            Value::Object(o) => o.values().for_each(|x| nodes(x, out)),
            _ => {}
        }
    }
    /// Replace (or delete) the `target`th node; `struct_as_array` says an object became an array.
    fn mutate(
        v: &mut Value,
        target: &mut usize,
        with: &Value,
        delete: bool,
        struct_as_array: &mut bool,
    ) -> bool {
        if *target == 0 {
            *struct_as_array = v.is_object() && with.is_array();
            *v = with.clone();
            return true;
        }
        *target -= 1;
        match v {
            Value::Array(a) => a
                .iter_mut()
                .any(|x| mutate(x, target, with, delete, struct_as_array)),
            Value::Object(o) => {
                let keys: Vec<String> = o.keys().cloned().collect();
                for k in keys {
                    if *target == 0 && delete {
                        o.remove(&k);
                        return true;
                    }
                    if mutate(
                        o.get_mut(&k).unwrap(),
                        target,
                        with,
                        delete,
                        struct_as_array,
                    ) {
                        return true;
                    }
                }
                false
            }
            _ => false,
        }
    }

    fn check<T: serde::de::DeserializeOwned>(
        seed: &str,
        rounds: usize,
        mism: &mut Vec<String>,
    ) -> usize {
        let base: Value = serde_json::from_str(seed).unwrap();
        let mut n = 0;
        nodes(&base, &mut n);
        let picks: Vec<Value> = [
            "null",
            "-1",
            "\"\"",
            "[]",
            "{}",
            "\"abc\"",
            "99999999999",
            "0.001",
            "true",
            "1.5",
            "\"2026-13-01\"",
            "[1]",
            "{\"a\":1}",
            "\"x\\u0000\"",
        ]
        .iter()
        .map(|s| serde_json::from_str(s).unwrap())
        .collect();
        let mut state: u64 = 0x1234_5678_9abc_def1;
        let mut next = |m: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m.max(1) as u64) as usize
        };
        let mut errs = 0;
        for r in 0..rounds {
            let mut v = base.clone();
            let mut t = next(n);
            let w = picks[next(picks.len())].clone();
            let mut struct_as_array = false;
            mutate(&mut v, &mut t, &w, next(3) == 0, &mut struct_as_array);
            let text = if r % 4 == 0 {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                v.to_string()
            };
            let b = from_json::<T>(&text).err().map(|e| (e.code(), e.path));
            // serde_json also reads a struct from an array of its fields in order; JSON.stringify
            // never writes one, and the reader refuses it at the array's own path.
            if struct_as_array {
                assert!(b.is_some(), "a struct read from an array: {text}");
                errs += 1;
                continue;
            }
            let a = old::<T>(&text).err().map(|e| (e.code(), e.path));
            if a.is_some() {
                errs += 1;
            }
            if a != b && mism.len() < 60 {
                mism.push(format!(
                    "{a:?} vs {b:?}: {}",
                    if text.len() < 300 {
                        text.clone()
                    } else {
                        format!("{}…", &text[..300])
                    }
                ));
            }
        }
        errs
    }

    #[test]
    fn same_paths_as_serde_path_to_error() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut mism = Vec::new();
        let mut errs = 0;
        for e in std::fs::read_dir(root.join("fuzz/corpus/quote")).unwrap() {
            let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
            errs += check::<crate::Cart>(&s, 200, &mut mism);
        }
        for e in std::fs::read_dir(root.join("fuzz/corpus/listing")).unwrap() {
            let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
            errs += check::<crate::listing::Listing>(&s, 300, &mut mism);
        }
        errs += check::<crate::Rulebook>(include_str!("../data/rulebook.json"), 2000, &mut mism);
        errs += check::<crate::catalog::Catalog>(
            include_str!("../data/demo-catalog.json"),
            2000,
            &mut mism,
        );
        errs += check::<crate::fees::FeeInput>(
            r#"{"platform":"wechat","subject":"enterprise","categoryId":"food.snacks.nuts","monthlyGmv":"120000","orderCount":300,"tools":["a"],"monthlyWithdrawal":"5000"}"#,
            1000,
            &mut mism,
        );
        errs += check::<crate::category::Application>(
            r#"{"platform":"wechat","subject":"individual","categoryId":"food.snacks.nuts","qualifications":["idCard"],"productCount":12,"shopsOwned":1}"#,
            1000,
            &mut mism,
        );
        errs += check::<crate::catalog::Order>(
            r#"{"picks":[{"productId":"p1","skuId":"s1","quantity":2}],"buyer":{"memberLevel":2,"newCustomer":true},"now":"2026-11-11T20:00:00+08:00","coupons":[{"id":"c1","kind":"threshold","threshold":"100","amount":"10","validTo":"2026-11-30"}],"couponSelection":["c1"],"points":{"balance":500,"use":200},"shippingInsurance":{"payer":"buyer","fee":"1.5"}}"#,
            1000,
            &mut mism,
        );
        for m in &mism {
            eprintln!("{m}");
        }
        assert!(mism.is_empty(), "{} mismatches", mism.len());
        assert!(errs > 5_000, "only {errs} inputs were refused");
    }
}
