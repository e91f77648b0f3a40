//! Title checks: length, banned words (in the title and the description), keyword stuffing.

use super::*;

impl Validator<'_> {
    pub(super) fn title(&self, l: &Listing, f: &mut Vec<Finding>) {
        let rule = &self.book.listing.title;
        let title = l.title.trimmed();
        let chars: Vec<char> = title.chars().collect();
        if chars.is_empty() {
            f.push(Finding::error(
                "MISSING_TITLE",
                "title",
                "请填写商品标题".into(),
                "the title is missing".into(),
            ));
        } else {
            let valid = chars
                .iter()
                .filter(|c| is_cjk(**c) || c.is_ascii_alphanumeric())
                .count() as u32;
            if valid < rule.min_valid_chars {
                f.push(Finding::error("TITLE_TOO_SHORT", "title",
                    format!("标题有效字符 {valid} 个，至少 {} 个（汉字、字母、数字各计 1）", rule.min_valid_chars),
                    format!("the title has {valid} valid characters; at least {} (each Chinese character, letter or digit counts 1)", rule.min_valid_chars))
                    .fix("补充商品名称、规格或卖点", "add the product name, size or selling point"));
            }
            if !chars.iter().any(|c| is_cjk(*c))
                && chars.iter().any(|c| c.is_ascii_alphanumeric())
                && chars.iter().all(|c| !is_cjk(*c))
            {
                f.push(
                    Finding::error(
                        "TITLE_ONLY_LATIN_OR_DIGITS",
                        "title",
                        "标题不能只有字母或数字".into(),
                        "the title may not be only Latin letters and/or digits".into(),
                    )
                    .fix("加入中文商品名称", "add the product name in Chinese"),
                );
            }
            if chars.len() as u32 > rule.max_chars {
                f.push(
                    Finding::error(
                        "TITLE_TOO_LONG",
                        "title",
                        format!("标题 {} 个字，最多 {} 个", chars.len(), rule.max_chars),
                        format!(
                            "the title has {} characters; at most {}",
                            chars.len(),
                            rule.max_chars
                        ),
                    )
                    .fix("删去重复或次要的词", "cut repeated or minor words"),
                );
            }
            let illegal: Vec<(usize, char)> = chars
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, c)| {
                    !(is_cjk(*c) || c.is_ascii_alphanumeric() || rule.allowed_special.contains(*c))
                })
                .collect();
            if let Some(&(pos, ch)) = illegal.first() {
                let list: String = illegal.iter().map(|(_, c)| *c).collect();
                f.push(Finding::error("TITLE_ILLEGAL_CHARACTER", "title",
                    format!("标题含不允许的字符“{list}”（第 {} 个字起）", pos + 1),
                    format!("the title contains characters that are not allowed: \"{list}\" (from character {})", pos + 1))
                    .fix(format!("删除或替换“{ch}”"), format!("remove or replace \"{ch}\"")));
            }
            self.stuffing(&chars, f);
        }
        self.banned_words("title", title, f);
        if let Some(d) = &l.description {
            self.banned_words("description", d.trimmed(), f);
        }
        if let Some(s) = &l.short_title {
            let n = s.trimmed().chars().count() as u32;
            if n > self.book.listing.short_title_max_chars {
                f.push(Finding::error(
                    "SHORT_TITLE_TOO_LONG",
                    "shortTitle",
                    format!(
                        "短标题 {n} 个字，最多 {} 个",
                        self.book.listing.short_title_max_chars
                    ),
                    format!(
                        "the short title has {n} characters; at most {}",
                        self.book.listing.short_title_max_chars
                    ),
                ));
            }
            self.banned_words("shortTitle", s.trimmed(), f);
        }
        if let Some(id) = &l.product_id {
            let n = id.trimmed().chars().count() as u32;
            if n > self.book.listing.product_id_max_chars {
                f.push(Finding::error(
                    "PRODUCT_ID_TOO_LONG",
                    "productId",
                    format!(
                        "商品编码 {n} 个字符，最多 {} 个",
                        self.book.listing.product_id_max_chars
                    ),
                    format!(
                        "the product id has {n} characters; at most {}",
                        self.book.listing.product_id_max_chars
                    ),
                ));
            }
        }
    }

    /// The same word three or more times in a title (堆砌关键词).
    pub(super) fn stuffing(&self, chars: &[char], f: &mut Vec<Finding>) {
        let repeat = self.book.listing.stuffing_repeat as usize;
        let mut flagged: Vec<String> = Vec::new();
        // Latin words.
        let text: String = chars.iter().collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for w in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 2)
        {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
        let mut latin: Vec<_> = counts.into_iter().filter(|(_, n)| *n >= repeat).collect();
        crate::foundation::sort::sort(&mut latin);
        flagged.extend(latin.into_iter().map(|(w, _)| w));
        // Chinese words of 2 to 4 characters, longest first; a shorter word inside a flagged
        // one is not reported again.
        if chars.iter().filter(|c| is_cjk(**c)).count() >= 2 * repeat {
            for n in (2..=4).rev() {
                // Count each n-gram by sorting the windows: titles are short.
                let mut grams: Vec<(&[char], usize)> = chars
                    .windows(n)
                    .enumerate()
                    .filter(|(_, w)| w.iter().all(|c| is_cjk(*c)))
                    .map(|(i, w)| (w, i))
                    .collect();
                crate::foundation::sort::sort(&mut grams);
                let mut found: Vec<(usize, String)> = Vec::new();
                for run in grams.chunk_by(|a, b| a.0 == b.0) {
                    if run.len() >= repeat {
                        let w: String = run[0].0.iter().collect();
                        if !flagged.iter().any(|x| x.contains(&w)) {
                            found.push((run[0].1, w));
                        }
                    }
                }
                // Report in title order.
                crate::foundation::sort::sort(&mut found);
                flagged.extend(found.into_iter().map(|(_, w)| w));
            }
        }
        for w in flagged {
            f.push(
                Finding::warning(
                    "KEYWORD_STUFFING",
                    "title",
                    format!("“{w}”在标题中重复 {repeat} 次以上，疑似堆砌关键词"),
                    format!("\"{w}\" appears {repeat} or more times: looks like keyword stuffing"),
                )
                .fix(format!("“{w}”保留一次"), format!("keep \"{w}\" once")),
            );
        }
    }
}
