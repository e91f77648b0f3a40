//! What a listing is: its title, SKUs, images, attributes and description as the merchant's
//! JSON or spreadsheet gives them, the options of a check, and its report.

use crate::foundation::finding::Finding;
use crate::foundation::time::TimestampInput;
use crate::merchant::category::SubjectKind;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A spreadsheet-style value: text, or a number or boolean read as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Text, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Text, E> {
                Ok(Text::default())
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    pub(crate) fn trimmed(&self) -> &str {
        self.0.trim()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListingSku {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub sku_id: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub price: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub market_price: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "number | string"))]
    pub stock: Option<Text>,
}

/// An image: its URL, or the URL with what is known of it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum ListingImage {
    Url(String),
    Described(ImageInfo),
}

// By hand rather than `untagged`: serde's untagged decoding buffers the value and fails after
// serde_json has moved on, so the error would name the image list instead of the image.
impl<'de> Deserialize<'de> for ListingImage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListingImage;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an image URL or { url, width, height, bytes }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<ListingImage, E> {
                Ok(ListingImage::Url(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<ListingImage, A::Error> {
                ImageInfo::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(ListingImage::Described)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageInfo {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub width: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub height: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub bytes: Option<u64>,
}

impl ListingImage {
    pub(crate) fn info(&self) -> ImageInfo {
        match self {
            ListingImage::Url(u) => ImageInfo {
                url: u.clone(),
                width: None,
                height: None,
                bytes: None,
            },
            ListingImage::Described(i) => i.clone(),
        }
    }
}

/// One product to list. Fields may also come from the batch options (merchant context).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Listing {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub title: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub short_title: Option<Text>,
    /// The merchant's own product id (商品编码).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub product_id: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub category_id: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub price: Option<Text>,
    /// 划线价.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "MoneyInput"))]
    pub market_price: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub skus: Vec<ListingSku>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub images: Vec<ListingImage>,
    /// Attribute id → value (`productionDate`, `shelfLife`, `isbn`, `guidePrice`, …).
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        tsify(optional, type = "Record<string, string | number>")
    )]
    pub attributes: BTreeMap<String, Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub description: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub subject: Option<SubjectKind>,
    /// Qualification ids the merchant holds; when neither the listing nor the options say,
    /// category qualifications are reminders (warnings) rather than errors.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub qualifications: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub existing_product_count: Option<u32>,
    /// The integrator's own data: any JSON, not priced, not fingerprinted, not written back.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "unknown"))]
    pub meta: Option<crate::foundation::meta::Meta>,
}

/// The merchant context a batch shares.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListingOptions {
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub platform: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub subject: Option<SubjectKind>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub qualifications: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "crate::foundation::money::deserialize_opt_count"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub existing_product_count: Option<u32>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub now: Option<TimestampInput>,
    /// CSV: the field separator (default ",").
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub delimiter: Option<char>,
    /// CSV: extra header → field mappings (`{ "货号": "productId" }`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional, type = "Record<string, string>"))]
    pub columns: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListingReport {
    pub ok: bool,
    pub errors: u32,
    pub warnings: u32,
    pub findings: Vec<Finding>,
}

impl ListingReport {
    pub fn from_findings(findings: Vec<Finding>) -> ListingReport {
        let errors = findings.iter().filter(|f| f.is_error()).count() as u32;
        ListingReport {
            ok: errors == 0,
            errors,
            warnings: findings.len() as u32 - errors,
            findings,
        }
    }
}
