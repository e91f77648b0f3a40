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
    /// 储值: more stored value asked for than the balance holds.
    InsufficientBalance {
        requested: String,
        balance: String,
    },
    /// 改价: a price cut larger than the goods amount it applies to.
    AdjustmentTooLarge {
        max: String,
    },
    /// An input key the engine does not read (a typo would otherwise be silently ignored);
    /// `suggestion` is the nearest known field, when one is close.
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    /// A count (products, shops, stock) that is not a whole number ≥ 0; its code stays
    /// INVALID_INPUT, its zh text is for people.
    InvalidCount,
    /// An input (or a result) past one of the module's limits (README "Limits"): `what` names
    /// the counted thing ("offers", "CSV rows", "bytes of JSON", "result text"), `max` the limit.
    InputTooLarge {
        what: String,
        max: u64,
    },
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
            ErrorKind::InsufficientBalance { .. } => "INSUFFICIENT_BALANCE",
            ErrorKind::AdjustmentTooLarge { .. } => "ADJUSTMENT_TOO_LARGE",
            ErrorKind::UnknownField { .. } => "UNKNOWN_FIELD",
            ErrorKind::InvalidCount => "INVALID_INPUT",
            ErrorKind::InputTooLarge { .. } => "INPUT_TOO_LARGE",
        }
    }

    /// zh-CN message, for people: it names no field; where the error is goes in `path`.
    pub fn message(&self) -> String {
        self.body_zh()
    }

    /// English message, likewise without the path.
    pub fn message_en(&self) -> String {
        self.body_en()
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
        // For logs and developers: the path too.
        write!(f, "{}: {}", self.code(), self.message_en())?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        Ok(())
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

/// A serde message turned back into an [`Error`] at `path` (the parked structured error when the
/// message carries the marker). Public for the path test in `tests/error_paths.rs`.
#[doc(hidden)]
pub fn from_serde_message(path: String, message: &str) -> Error {
    if message.contains(MARKER) {
        if let Some(kind) = PARKED.with(|p| p.borrow_mut().take()) {
            return Error::new(kind, path);
        }
    }
    // serde's `deny_unknown_fields` wording; the reader's path already ends at the key.
    if let Some(e) = super::unknown_field::from_message(&path, message) {
        return e;
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

/// Drop a parked error left by an earlier failure.
#[doc(hidden)]
pub fn clear_parked() {
    PARKED.with(|p| p.borrow_mut().take());
}
