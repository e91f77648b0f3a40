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
