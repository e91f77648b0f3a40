//! Findings are data, not errors: what a check found, how bad it is, where, in zh-CN and
//! English, and how to fix it.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub path: String,
    pub message: String,
    pub message_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_en: Option<String>,
    /// The rulebook source tag of the rule behind the finding, when it cites one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// CSV reports: the column a person looks for, in zh-CN and English (the file's own header
    /// when it has one, else the field's name); `path` stays the listing path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_en: Option<String>,
}

impl Finding {
    pub fn error(code: &str, path: impl Into<String>, zh: String, en: String) -> Finding {
        Finding {
            code: code.to_string(),
            severity: Severity::Error,
            path: path.into(),
            message: zh,
            message_en: en,
            fix: None,
            fix_en: None,
            source: None,
            column: None,
            column_en: None,
        }
    }

    pub fn warning(code: &str, path: impl Into<String>, zh: String, en: String) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, path, zh, en)
        }
    }

    pub fn fix(mut self, zh: impl Into<String>, en: impl Into<String>) -> Finding {
        self.fix = Some(zh.into());
        self.fix_en = Some(en.into());
        self
    }

    /// Cite the rulebook source tag of the rule.
    pub fn source(mut self, tag: &str) -> Finding {
        self.source = Some(tag.to_string());
        self
    }

    /// Name the column the finding is about (see `column`).
    pub fn column(mut self, zh: impl Into<String>, en: impl Into<String>) -> Finding {
        self.column = Some(zh.into());
        self.column_en = Some(en.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
