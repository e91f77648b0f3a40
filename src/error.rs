//! The one error type. Every error has a stable UPPER_SNAKE `code`, the `path` of the offending
//! input (`lines[2].unitPrice`), and a message in zh-CN and English.

use serde::{Deserialize, Serialize};
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
    InvalidMoney { issue: MoneyIssue, input: String },
    AmountOutOfRange { max: String },
    InvalidRate { input: String },
    InvalidQuantity { min: u32, max: u32 },
    TooManyLines { max: usize },
    InvalidTime { input: String },
    InvalidTimeWindow,
    OutOfStock { stock: u32 },
    PurchaseLimitExceeded { limit: u32 },
    DuplicateId { id: String },
    InvalidInput { detail: String },
    InvalidRulebook { detail: String },
    UnknownId { id: String },
    UnknownPlatform { id: String, known: Vec<String> },
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

fn from_serde_message(path: String, message: &str) -> Error {
    if message.contains(MARKER) {
        if let Some(kind) = PARKED.with(|p| p.borrow_mut().take()) {
            return Error::new(kind, path);
        }
    }
    // serde_json adds a position; point at the missing field itself where serde names one.
    let message = match message.rfind(" at line ") {
        Some(pos) if message[pos..].contains(" column ") => &message[..pos],
        _ => message,
    };
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Error::input(format!("missing field `{field}`"), join_path(&path, field));
    }
    Error::input(message.to_string(), path)
}

/// Deserialize with the failing path recorded. Works with any serde deserializer, so native JSON
/// and JS values produce the same codes and paths.
pub fn decode<'de, D, T>(de: D) -> Result<T>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
    D::Error: fmt::Display,
{
    // A stale parked error from an earlier failure must not be picked up.
    PARKED.with(|p| p.borrow_mut().take());
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        from_serde_message(path, &e.inner().to_string())
    })
}

/// Decode a JSON document, recording the path of the first error (native callers, the JS
/// binding, tests, CLI tools).
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    tracked(json)
}

/// The same result as [`from_json`], faster for good input: decode without path tracking and
/// only on failure decode again, tracked, for the path (a quarter of a 20-line quote's time went
/// to serde_path_to_error). It compiles every decoder twice (+82 KB of wasm for carts and
/// orders alone, for no measurable gain in the browser), so only native entry points use it:
/// `quote_json` and server-side verification.
pub fn from_json_fast<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    PARKED.with(|p| p.borrow_mut().take());
    match serde_json::from_str(json) {
        Ok(value) => Ok(value),
        Err(fast) => Err(match tracked::<T>(json) {
            Err(e) => e,
            // Cannot happen (same input, same types); keep the untracked error rather than panic.
            Ok(_) => Error::input(fast.to_string(), ""),
        }),
    }
}

fn tracked<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = decode(&mut de)?;
    de.end()
        .map_err(|e| Error::input(format!("trailing characters: {e}"), ""))?;
    Ok(value)
}
