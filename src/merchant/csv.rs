//! Spreadsheets of listings: an RFC 4180 reader (quoted fields, doubled quotes, newlines inside
//! quotes, CRLF or LF, a UTF-8 BOM) and the column map from Chinese or English headers to listing
//! fields. One data row is one listing with one SKU. A malformed row becomes that row's finding;
//! the batch always finishes.
//!
//! Columns (header → field; case and surrounding spaces ignored):
//! 商品标题/标题/title → title · 短标题/shortTitle · 商品编码/货号/productId · 类目/类目ID/categoryId
//! · 售价/价格/price · 划线价/市场价/marketPrice · 库存/stock · SKU编码/skuId · 图片/主图/images
//! (several separated by `|`, `;` or new lines) · 描述/商品描述/description · and the attributes by
//! their rulebook names or ids: 产品标准号, 保质期, 产地, 生产日期, 品牌, 型号, 材质成分, 生产厂家,
//! 3C证书编号, 使用场景, ISBN, 定价, 全成分. `options.columns` adds mappings of its own.

use crate::foundation::error::Result;
use crate::foundation::finding::Finding;
use crate::foundation::time::Timestamp;
use crate::merchant::listing::{
    BatchReport, Listing, ListingImage, ListingOptions, ListingSku, RowResult, Text, Validator,
};
use crate::merchant::rulebook::Rulebook;
use std::collections::BTreeMap;

/// One record as read: the file line it starts on, its fields, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
    pub problem: Option<&'static str>,
}

/// Read CSV text into records. Never fails: an unterminated quote ends the last record with a
/// problem noted; a stray quote inside an unquoted field is kept as text.
pub fn read(text: &str, delimiter: char) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut in_quotes = false;
    let mut quoted_field = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !quoted_field => {
                in_quotes = true;
                quoted_field = true;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                quoted_field = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                quoted_field = false;
                records.push(Record {
                    line: start_line,
                    fields: std::mem::take(&mut fields),
                    problem: None,
                });
                line += 1;
                start_line = line;
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any || in_quotes {
        fields.push(field);
        records.push(Record {
            line: start_line,
            fields,
            problem: in_quotes.then_some("unterminated quote"),
        });
    }
    // Blank lines are not rows.
    records
        .retain(|r| !(r.fields.len() == 1 && r.fields[0].trim().is_empty() && r.problem.is_none()));
    records
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Title,
    ShortTitle,
    ProductId,
    Category,
    Price,
    MarketPrice,
    Stock,
    SkuId,
    Images,
    Description,
    Attribute(String),
}

fn column_for(header: &str, book: &Rulebook, extra: &BTreeMap<String, String>) -> Option<Column> {
    let h = header.trim().trim_start_matches('*').trim();
    let key = h.to_lowercase().replace([' ', '_', '-'], "");
    let field = extra
        .get(h)
        .map(String::as_str)
        .unwrap_or(match key.as_str() {
            "商品标题" | "标题" | "商品名称" | "title" => "title",
            "短标题" | "shorttitle" => "shortTitle",
            "商品编码" | "货号" | "productid" => "productId",
            "类目" | "类目id" | "categoryid" | "category" => "categoryId",
            "售价" | "价格" | "销售价" | "price" => "price",
            "划线价" | "市场价" | "原价" | "marketprice" => "marketPrice",
            "库存" | "stock" => "stock",
            "sku编码" | "skuid" | "sku" => "skuId",
            "图片" | "主图" | "images" | "image" => "images",
            "描述" | "商品描述" | "description" => "description",
            _ => h,
        });
    Some(match field {
        "title" => Column::Title,
        "shortTitle" => Column::ShortTitle,
        "productId" => Column::ProductId,
        "categoryId" => Column::Category,
        "price" => Column::Price,
        "marketPrice" => Column::MarketPrice,
        "stock" => Column::Stock,
        "skuId" => Column::SkuId,
        "images" => Column::Images,
        "description" => Column::Description,
        other => {
            let a = book.attributes.iter().find(|a| {
                a.id == other || a.name == other || a.name_en.to_lowercase().replace(' ', "") == key
            })?;
            Column::Attribute(a.id.clone())
        }
    })
}

/// The listing path a finding names, as the column the merchant sees.
fn column_path(path: &str, headers: &[(String, Column)]) -> Option<String> {
    let field = if let Some(a) = path.strip_prefix("attributes.") {
        Column::Attribute(a.to_string())
    } else {
        match path {
            "title" => Column::Title,
            "shortTitle" => Column::ShortTitle,
            "productId" => Column::ProductId,
            "categoryId" => Column::Category,
            "price" | "skus[0].price" => Column::Price,
            "marketPrice" | "skus[0].marketPrice" => Column::MarketPrice,
            "skus[0].stock" => Column::Stock,
            "skus[0].skuId" => Column::SkuId,
            "description" => Column::Description,
            p if p == "images" || p.starts_with("images[") => Column::Images,
            _ => return None,
        }
    };
    headers
        .iter()
        .find(|(_, c)| *c == field)
        .map(|(h, _)| h.clone())
}

/// Validate a CSV of listings. `progress(done, total)` is called every `every` rows and at the
/// end. Findings name the CSV column (`售价`) where one holds the value.
pub fn validate_csv(
    book: &Rulebook,
    text: &str,
    options: ListingOptions,
    now: Timestamp,
    every: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BatchReport> {
    let delimiter = options.delimiter.unwrap_or(',');
    let extra = options.columns.clone();
    let mut v = Validator::new(book, options, now)?;
    let mut records = read(text, delimiter).into_iter();
    let mut columns = Vec::new();
    let Some(header) = records.next() else {
        columns.push(Finding::error(
            "EMPTY_FILE",
            "",
            "文件是空的".into(),
            "the file is empty".into(),
        ));
        return Ok(BatchReport::new(columns, Vec::new()));
    };
    let mut headers: Vec<(String, Column)> = Vec::new();
    let mut map: Vec<Option<Column>> = Vec::new();
    for (i, h) in header.fields.iter().enumerate() {
        let col = column_for(h, book, &extra);
        match &col {
            Some(c) => headers.push((h.trim().to_string(), c.clone())),
            None if h.trim().is_empty() => {}
            None => columns.push(
                Finding::warning(
                    "UNKNOWN_COLUMN",
                    format!("columns[{i}]"),
                    format!("不认识的列“{}”，已忽略", h.trim()),
                    format!("unknown column \"{}\" is ignored", h.trim()),
                )
                .fix(
                    "改成文档列出的列名，或添加列名映射",
                    "rename it to a documented header or map it in options.columns",
                ),
            ),
        }
        map.push(col);
    }
    for (needed, zh, en) in [
        (Column::Title, "商品标题", "title"),
        (Column::Category, "类目", "categoryId"),
        (Column::Price, "售价", "price"),
        (Column::Stock, "库存", "stock"),
    ] {
        if !map.iter().any(|c| c.as_ref() == Some(&needed)) {
            columns.push(Finding::error(
                "MISSING_COLUMN",
                "columns",
                format!("缺少“{zh}”列"),
                format!("the \"{en}\" column is missing"),
            ));
        }
    }
    // One past the cap is enough to refuse: 700,000 rows are never all held.
    let records: Vec<Record> = records
        .take(crate::foundation::limits::MAX_CSV_ROWS + 1)
        .collect();
    let total = records.len();
    crate::foundation::limits::check(
        total,
        crate::foundation::limits::MAX_CSV_ROWS,
        "CSV rows",
        "text",
    )?;
    let mut results = Vec::with_capacity(total);
    for (index, rec) in records.iter().enumerate() {
        let mut listing = Listing::default();
        let mut sku = ListingSku::default();
        for (value, col) in rec.fields.iter().zip(&map) {
            let t = || Text(value.trim().to_string());
            match col {
                Some(Column::Title) => listing.title = t(),
                Some(Column::ShortTitle) => listing.short_title = Some(t()),
                Some(Column::ProductId) => listing.product_id = Some(t()),
                Some(Column::Category) => listing.category_id = t(),
                Some(Column::Price) => sku.price = Some(t()),
                Some(Column::MarketPrice) => sku.market_price = Some(t()),
                Some(Column::Stock) => sku.stock = Some(t()),
                Some(Column::SkuId) => sku.sku_id = t(),
                Some(Column::Images) => {
                    listing.images = value
                        .split(['|', ';', '\n'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| ListingImage::Url(s.to_string()))
                        .collect();
                }
                Some(Column::Description) => listing.description = Some(t()),
                Some(Column::Attribute(id)) if !value.trim().is_empty() => {
                    listing.attributes.insert(id.clone(), t());
                }
                Some(Column::Attribute(_)) => {}
                None => {}
            }
        }
        let sku_given = Some(sku.sku_id.0.trim().to_string()).filter(|s| !s.is_empty());
        if sku.sku_id.0.is_empty() {
            sku.sku_id = Text(format!("row-{}", index + 1));
        }
        listing.skus.push(sku);
        let title_given = listing.title_given();
        let mut findings = v.validate(&listing).findings;
        for f in &mut findings {
            if let Some(col) = column_path(&f.path, &headers) {
                f.path = col;
            }
        }
        if let Some(problem) = rec.problem {
            findings.insert(
                0,
                Finding::error(
                    "MALFORMED_ROW",
                    "",
                    format!("此行格式有误（引号未闭合），从第 {} 行起", rec.line),
                    format!("malformed row ({problem}) starting at line {}", rec.line),
                )
                .fix(
                    "检查此行的引号是否成对",
                    "check that the quotes in this row are paired",
                ),
            );
        } else if rec.fields.len() > header.fields.len() {
            findings.push(Finding::warning(
                "EXTRA_FIELDS",
                "",
                format!(
                    "此行有 {} 个字段，表头只有 {} 列，多出的已忽略",
                    rec.fields.len(),
                    header.fields.len()
                ),
                format!(
                    "{} fields for {} columns; the extra ones are ignored",
                    rec.fields.len(),
                    header.fields.len()
                ),
            ));
        }
        let ok = !findings.iter().any(Finding::is_error);
        results.push(RowResult {
            index,
            row: Some(index + 1),
            line: Some(rec.line),
            ok,
            findings,
            title: title_given,
            sku_id: sku_given,
        });
        if (index + 1) % every.max(1) == 0 || index + 1 == total {
            progress(index + 1, total);
        }
    }
    Ok(BatchReport::new(columns, results))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        read(text, ',').into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn reads_quotes_newlines_crlf_and_bom() {
        let t = "\u{feff}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n1,,3\n";
        assert_eq!(
            fields(t),
            vec![
                vec!["a", "b", "c"],
                vec!["x, y", "say \"hi\"", "line1\nline2"],
                vec!["1", "", "3"],
            ]
        );
        let recs = read(t, ',');
        assert_eq!(
            recs.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
    }

    #[test]
    fn unterminated_quote_is_a_problem_not_a_failure() {
        let recs = read("a,b\n1,\"open\n2,3\n", ',');
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].problem, Some("unterminated quote"));
    }

    #[test]
    fn blank_lines_and_missing_final_newline() {
        assert_eq!(fields("a\n\n\nb"), vec![vec!["a"], vec!["b"]]);
        assert_eq!(fields(""), Vec::<Vec<String>>::new());
        assert_eq!(fields("x\ty",).len(), 1);
        assert_eq!(read("x\ty\n1\t2", '\t')[1].fields, vec!["1", "2"]);
    }
}
