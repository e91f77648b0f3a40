//! Image checks: count, format and size as the category's rules ask.

use super::*;
use std::collections::HashSet;

impl Validator<'_> {
    pub(super) fn images(&self, l: &Listing, rules: &CategoryRules, f: &mut Vec<Finding>) {
        let rule = &self.book.listing.images;
        let min = rules.min_images.unwrap_or(rule.min);
        let n = l.images.len() as u32;
        if n < min {
            f.push(
                Finding::error(
                    "TOO_FEW_IMAGES",
                    "images",
                    format!("主图 {n} 张，此类目至少 {min} 张"),
                    format!("{n} main images; this category needs at least {min}"),
                )
                .fix(
                    format!("再上传 {} 张主图", min - n),
                    format!("upload {} more", min - n),
                ),
            );
        }
        if n > rule.max {
            f.push(Finding::error(
                "TOO_MANY_IMAGES",
                "images",
                format!("主图 {n} 张，最多 {} 张", rule.max),
                format!("{n} main images; at most {}", rule.max),
            ));
        }
        let mut seen = HashSet::new();
        for (i, img) in l.images.iter().enumerate() {
            let at = format!("images[{i}]");
            let info = img.info();
            let url = info.url.trim();
            if url.is_empty() {
                f.push(Finding::error(
                    "INVALID_IMAGE",
                    at.clone(),
                    "图片地址为空".into(),
                    "the image URL is empty".into(),
                ));
                continue;
            }
            if !is_image_ref(url) {
                f.push(
                    Finding::error(
                        "IMAGE_NOT_URL",
                        at.clone(),
                        format!("主图“{}”不是图片地址", clip(url)),
                        format!("main image \"{}\" is not an image address", clip(url)),
                    )
                    .fix(
                        "填写以 http:// 或 https:// 开头的图片网址，或小程序包内的图片路径（如 /images/1.jpg）",
                        "give an http:// or https:// URL, or a path inside the mini-program package such as /images/1.jpg",
                    ),
                );
            }
            let format = info
                .format
                .as_deref()
                .map(|f| f.trim().to_ascii_lowercase())
                .or_else(|| extension_format(url).map(str::to_string))
                .map(|f| if f == "jpg" { "jpeg".to_string() } else { f });
            if let Some(fmt) =
                format.filter(|f| !rule.formats.is_empty() && !rule.formats.contains(f))
            {
                let list = rule.formats.join("、").to_uppercase();
                let mut finding = Finding::error(
                    "IMAGE_FORMAT_NOT_ALLOWED",
                    at.clone(),
                    format!("图片格式 {} 不被接受，请用 {list}", fmt.to_uppercase()),
                    format!(
                        "image format {} is not accepted; use {}",
                        fmt.to_uppercase(),
                        rule.formats.join(", ").to_uppercase()
                    ),
                )
                .fix(format!("另存为 {list}"), "save it as one of those formats");
                if let Some(src) = &rule.formats_source {
                    finding = finding.source(src);
                }
                f.push(finding);
            }
            if !seen.insert(url.to_string()) {
                f.push(
                    Finding::error(
                        "DUPLICATE_IMAGE",
                        at.clone(),
                        "主图重复".into(),
                        "duplicate main image".into(),
                    )
                    .fix("换一张不同的图片", "use a different picture"),
                );
            }
            if let (Some(w), Some(h)) = (info.width, info.height) {
                if w < rule.min_width || h < rule.min_height {
                    f.push(Finding::error(
                        "IMAGE_TOO_SMALL",
                        at.clone(),
                        format!("图片 {w}×{h}，至少 {}×{}", rule.min_width, rule.min_height),
                        format!(
                            "image is {w}×{h}; at least {}×{}",
                            rule.min_width, rule.min_height
                        ),
                    ));
                }
            }
            if let Some(b) = info.bytes.filter(|b| *b > rule.max_bytes) {
                f.push(Finding::error(
                    "IMAGE_TOO_LARGE",
                    at,
                    format!("图片 {} KB，最大 {} KB", b / 1024, rule.max_bytes / 1024),
                    format!(
                        "image is {} KB; at most {} KB",
                        b / 1024,
                        rule.max_bytes / 1024
                    ),
                ));
            }
        }
    }
}

/// An image reference a listing may give: an http(s) URL with a host, a mini-program temp file
/// (wxfile://), or a path inside the mini-program package ending in an image extension.
fn is_image_ref(url: &str) -> bool {
    if url.chars().any(char::is_whitespace) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            return !host.is_empty() && !host.starts_with(':');
        }
    }
    if lower.starts_with("wxfile://") {
        return lower.len() > "wxfile://".len();
    }
    !lower.contains("://")
        && !lower.split('/').any(|p| p == "..")
        && extension_format(&lower).is_some()
        && lower
            .trim_start_matches('/')
            .split('/')
            .all(|p| !p.is_empty())
}

/// The format an address's file extension names, if it is an image extension.
fn extension_format(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "jpeg",
        "png" => "png",
        "gif" => "gif",
        "webp" => "webp",
        _ => return None,
    })
}

/// At most 40 characters of a merchant's value in a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}
