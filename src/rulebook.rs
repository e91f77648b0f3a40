//! The platform rulebook: versioned data (data/rulebook.json) embedded at build time and
//! replaceable by a caller's own JSON of the same schema. Rules live here, never in code.

use crate::error::{Error, ErrorKind, Result};
use crate::money::Rate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// The embedded default rulebook, as shipped.
pub const DEFAULT_RULEBOOK_JSON: &str = include_str!("../data/rulebook.json");

/// Schema versions this engine reads.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rulebook {
    pub schema: u32,
    pub version: String,
    pub updated: String,
    pub currency: String,
    pub timezone: String,
    /// Source tag → what it is. Every rule cites one of these tags.
    pub sources: BTreeMap<String, String>,
    pub platforms: Vec<Platform>,
    pub points: PointsRule,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub source: String,
}

/// 积分: how many points make ¥1, and the largest share of the goods amount they may pay.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointsRule {
    pub points_per_yuan: u32,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub max_deduction_rate: Rate,
    pub source: String,
}

impl Rulebook {
    /// Parse and check a rulebook; errors are INVALID_RULEBOOK with the path of the bad entry.
    pub fn from_json(json: &str) -> Result<Rulebook> {
        let book: Rulebook = crate::error::from_json(json).map_err(as_rulebook_error)?;
        book.check()?;
        Ok(book)
    }

    /// Checks that span entries: schema, unique platform ids, every source tag known.
    pub fn check(&self) -> Result<()> {
        let bad = |detail: String, path: &str| {
            Error::new(ErrorKind::InvalidRulebook { detail }, path.to_string())
        };
        if self.schema != SCHEMA {
            return Err(bad(
                format!(
                    "schema {} is not supported (expected {SCHEMA})",
                    self.schema
                ),
                "schema",
            ));
        }
        if self.version.trim().is_empty() {
            return Err(bad("version must not be empty".into(), "version"));
        }
        if self.platforms.is_empty() {
            return Err(bad("at least one platform is required".into(), "platforms"));
        }
        let mut ids = HashSet::new();
        for (i, p) in self.platforms.iter().enumerate() {
            if !ids.insert(p.id.as_str()) {
                return Err(bad(
                    format!("duplicate platform id \"{}\"", p.id),
                    &format!("platforms[{i}].id"),
                ));
            }
            self.check_source(&p.source, &format!("platforms[{i}].source"))?;
        }
        if self.points.points_per_yuan == 0 {
            return Err(bad(
                "pointsPerYuan must be at least 1".into(),
                "points.pointsPerYuan",
            ));
        }
        self.check_source(&self.points.source, "points.source")
    }

    fn check_source(&self, tag: &str, path: &str) -> Result<()> {
        if self.sources.contains_key(tag) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::InvalidRulebook {
                    detail: format!("unknown source tag \"{tag}\""),
                },
                path,
            ))
        }
    }

    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }
}

/// Errors found while decoding a rulebook are rulebook errors, at the same path.
pub fn as_rulebook_error(e: Error) -> Error {
    match e.kind {
        ErrorKind::InvalidRulebook { .. } => e,
        _ => Error::new(
            ErrorKind::InvalidRulebook {
                detail: e.body_en(),
            },
            e.path,
        ),
    }
}

/// The embedded rulebook, parsed once.
pub fn default_rulebook() -> &'static Rulebook {
    static BOOK: OnceLock<Rulebook> = OnceLock::new();
    BOOK.get_or_init(|| {
        // The embedded file is checked by tests; a broken build must not ship.
        Rulebook::from_json(DEFAULT_RULEBOOK_JSON).expect("embedded rulebook is valid")
    })
}
