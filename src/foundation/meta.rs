//! `meta`: the integrator's own data on a cart, line, offer or listing (an order reference, a
//! CMS id …). Any JSON is accepted there and kept as its text, unread: it is not priced, not
//! part of the fingerprint and not written back out (the fields carrying it skip serialising).

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// The name the JSON reader recognises to hand over a value's raw text instead of decoding it.
pub(crate) const RAW: &str = "$xiaodian::Meta";

/// A `meta` value as the JSON text it was given in (`{"orderRef":"A-1"}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta(String);

impl Meta {
    /// The value's JSON text, exactly as it appeared in the input.
    pub fn json(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Meta, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Meta;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            /// The crate's reader: the raw text.
            fn visit_str<E: de::Error>(self, raw: &str) -> Result<Meta, E> {
                Ok(Meta(raw.to_string()))
            }
            /// Another deserializer (serde_json in tests): accepted, its text not kept.
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Meta, D::Error> {
                de::IgnoredAny::deserialize(d).map(|_| Meta("null".into()))
            }
        }
        d.deserialize_newtype_struct(RAW, V)
    }
}
