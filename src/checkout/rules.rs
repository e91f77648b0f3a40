//! The rulebook's checkout part: its version (part of every fingerprint) and the points
//! defaults. The rest of the rulebook is the merchant's (`crate::merchant::rulebook`).

use crate::foundation::money::Rate;
use serde::{Deserialize, Serialize};

/// The engine's version, part of every quote's fingerprint.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Version {
    pub engine: String,
    pub rulebook: String,
}

/// `{ engine, rulebook }` version strings.
pub fn version() -> Version {
    Version {
        engine: ENGINE_VERSION.to_string(),
        rulebook: checkout_rules().0.to_string(),
    }
}

/// 积分: how many points make ¥1, and the largest share of the goods amount they may pay.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsRule {
    pub points_per_yuan: u32,
    pub max_deduction_rate: Rate,
    pub source: String,
    /// 积分赠送 defaults (checkout/steps/earn.rs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earn: Option<crate::checkout::loyalty::EarnRule>,
}

/// The embedded rulebook's checkout part: `(version, points defaults)`.
#[cfg(feature = "merchant")]
pub fn checkout_rules() -> (&'static str, &'static PointsRule) {
    // With the merchant exports the whole rulebook is in the module anyway; a second decoder
    // and cache for these two fields made it 13 KB bigger.
    let book = crate::merchant::rulebook::default_rulebook();
    (&book.version, &book.points)
}

/// The embedded rulebook's checkout part: `(version, points defaults)`, read once from the copy
/// build.rs writes of these two fields of data/rulebook.json, so the shopper's module, which
/// quotes but never checks a listing, carries neither the rest of the rulebook nor its decoder
/// and checks (−163 KB of wasm). Declared in the full module, this unused decoder alone made it
/// 13 KB bigger (LLVM then inlines the rulebook's decoders differently).
#[cfg(not(feature = "merchant"))]
pub fn checkout_rules() -> (&'static str, &'static PointsRule) {
    // build.rs's copy holds the other checkout sections too (membership, invoice, refund), read
    // by checkout/loyalty.rs: not unknown fields.
    #[derive(Deserialize)]
    struct CheckoutRules {
        version: String,
        points: PointsRule,
    }
    static RULES: std::sync::OnceLock<CheckoutRules> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| {
        crate::foundation::json::from_json(include_str!(concat!(
            env!("OUT_DIR"),
            "/checkout-rules.json"
        )))
        .expect("embedded rulebook is valid")
    });
    (&rules.version, &rules.points)
}
