//! inspectImage: an image file's format and size read from its header, before upload. Only the
//! header is read (no pixels decoded), every offset is bounds-checked, and bytes that are not a
//! known image give a finding, never a panic.
//!
//! Formats: PNG (IHDR), GIF (87a/89a logical screen), WebP (VP8, VP8L, VP8X), JPEG (the first
//! SOFn frame header, walking the marker segments).

use crate::foundation::finding::Finding;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageFormat {
    /// The name the rulebook's `listing.images.formats` uses.
    pub fn id(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
        }
    }
}

/// What the header says. `format`, `width` and `height` are absent when the bytes are not a
/// readable image; `finding` then says why (UNREADABLE_IMAGE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImageHeader {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<ImageFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The file's size in bytes.
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<Finding>,
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    )))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    )))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(3)?)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

fn png(b: &[u8]) -> Option<(u32, u32)> {
    // Signature, then the IHDR chunk: length (4), "IHDR", width, height.
    (b.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(b, 16)?, be32(b, 20)?))
}

fn gif(b: &[u8]) -> Option<(u32, u32)> {
    Some((le16(b, 6)?, le16(b, 8)?))
}

fn webp(b: &[u8]) -> Option<(u32, u32)> {
    match b.get(12..16)? {
        // Lossy: a key frame's start code 9D 01 2A, then 14-bit width and height.
        b"VP8 " => {
            (b.get(23..26)? == [0x9d, 0x01, 0x2a]).then_some(())?;
            Some((le16(b, 26)? & 0x3fff, le16(b, 28)? & 0x3fff))
        }
        // Lossless: signature 0x2F, then width−1 and height−1 in 14 bits each.
        b"VP8L" => {
            (*b.get(20)? == 0x2f).then_some(())?;
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
        }
        // Extended: canvas width−1 and height−1 in 24 bits each.
        b"VP8X" => Some((le24(b, 24)? + 1, le24(b, 27)? + 1)),
        _ => None,
    }
}

fn jpeg(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2usize;
    loop {
        // Fill bytes (FF FF …) may precede a marker.
        while *b.get(at)? == 0xff && *b.get(at.checked_add(1)?)? == 0xff {
            at = at.checked_add(1)?;
        }
        if *b.get(at)? != 0xff {
            return None;
        }
        let marker = *b.get(at + 1)?;
        at = at.checked_add(2)?;
        match marker {
            // Markers without a length: TEM, RSTn, SOI.
            0x01 | 0xd0..=0xd8 => continue,
            // End of image or start of scan before any frame header: no size to read.
            0xd9 | 0xda => return None,
            // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC): length, precision, height, width.
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => {
                return Some((be16(b, at + 5)?, be16(b, at + 3)?));
            }
            _ => {
                let len = be16(b, at)? as usize;
                if len < 2 {
                    return None;
                }
                at = at.checked_add(len)?;
            }
        }
    }
}

/// Read an image file's header.
pub fn inspect_image(b: &[u8]) -> ImageHeader {
    let bytes = b.len() as u64;
    let (format, size) = if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        (Some(ImageFormat::Png), png(b))
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        (Some(ImageFormat::Gif), gif(b))
    } else if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        (Some(ImageFormat::Webp), webp(b))
    } else if b.starts_with(&[0xff, 0xd8, 0xff]) {
        (Some(ImageFormat::Jpeg), jpeg(b))
    } else {
        (None, None)
    };
    let finding = match (format, size) {
        (_, Some(_)) => None,
        (None, _) => Some(Finding::error(
            "UNREADABLE_IMAGE",
            "",
            "不是可识别的图片（支持 JPEG、PNG、GIF、WebP）".into(),
            "not a recognised image (JPEG, PNG, GIF or WebP)".into(),
        )),
        (Some(f), None) => Some(Finding::error(
            "UNREADABLE_IMAGE",
            "",
            "图片文件不完整或已损坏，读不出尺寸".into(),
            format!("the {} file is cut short or damaged: no size found", f.id()),
        )),
    };
    ImageHeader {
        format: format.filter(|_| size.is_some()),
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
        bytes,
        finding,
    }
}
