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
    records(text, delimiter).collect()
}

/// The records of CSV text one at a time, as [`read`] gives them (blank lines are not rows), so
/// a batch never holds every record's fields at once.
pub fn records(text: &str, delimiter: char) -> impl Iterator<Item = Record> + '_ {
    let mut scan = Scanner::new(text, delimiter);
    std::iter::from_fn(move || loop {
        let mut fields = Fields::default();
        let (line, problem) = scan.next_record(&mut fields)?;
        if problem.is_some() || !fields.is_blank() {
            return Some(Record {
                line,
                fields: fields.done,
                problem,
            });
        }
    })
}

/// How many records [`read`] would give, found by the same scan without building a field: a
/// file past the row cap is refused before its rows take memory (issue 21).
pub fn count(text: &str, delimiter: char) -> usize {
    let mut scan = Scanner::new(text, delimiter);
    let mut n = 0;
    let mut shape = Shape::default();
    while let Some((_, problem)) = scan.next_record(&mut shape) {
        if problem.is_some() || !shape.is_blank() {
            n += 1;
        }
        shape = Shape::default();
    }
    n
}

/// Where the scanner puts the characters of the record under way.
trait Sink {
    fn push(&mut self, c: char);
    fn field_is_empty(&self) -> bool;
    fn end_field(&mut self);
    /// One field of white space only: a blank line.
    fn is_blank(&self) -> bool;
}

/// The fields themselves, for [`records`].
#[derive(Default)]
struct Fields {
    field: String,
    done: Vec<String>,
}

impl Sink for Fields {
    fn push(&mut self, c: char) {
        self.field.push(c);
    }
    fn field_is_empty(&self) -> bool {
        self.field.is_empty()
    }
    fn end_field(&mut self) {
        self.done.push(std::mem::take(&mut self.field));
    }
    fn is_blank(&self) -> bool {
        self.done.len() == 1 && self.done[0].trim().is_empty()
    }
}

/// Only what [`count`] needs to know of a record: its field count and whether it is blank.
struct Shape {
    fields: usize,
    field_empty: bool,
    white: bool,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            fields: 0,
            field_empty: true,
            white: true,
        }
    }
}

impl Sink for Shape {
    fn push(&mut self, c: char) {
        self.field_empty = false;
        self.white &= c.is_whitespace();
    }
    fn field_is_empty(&self) -> bool {
        self.field_empty
    }
    fn end_field(&mut self) {
        self.fields += 1;
        self.field_empty = true;
    }
    fn is_blank(&self) -> bool {
        self.fields == 1 && self.white
    }
}

/// The RFC 4180 state machine, one record per call.
struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    delimiter: char,
    line: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, delimiter: char) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Scanner {
            chars: text.chars().peekable(),
            delimiter,
            line: 1,
        }
    }

    /// The next record's fields into `sink`: the line it starts on and its problem, or `None`
    /// at the end of the text.
    fn next_record(&mut self, sink: &mut impl Sink) -> Option<(usize, Option<&'static str>)> {
        let start_line = self.line;
        let mut in_quotes = false;
        let mut quoted_field = false;
        let mut any = false;
        while let Some(c) = self.chars.next() {
            any = true;
            if in_quotes {
                match c {
                    '"' if self.chars.peek() == Some(&'"') => {
                        self.chars.next();
                        sink.push('"');
                    }
                    '"' => in_quotes = false,
                    '\n' => {
                        self.line += 1;
                        sink.push('\n');
                    }
                    '\r' => {}
                    _ => sink.push(c),
                }
                continue;
            }
            match c {
                '"' if sink.field_is_empty() && !quoted_field => {
                    in_quotes = true;
                    quoted_field = true;
                }
                c if c == self.delimiter => {
                    sink.end_field();
                    quoted_field = false;
                }
                '\r' if self.chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    sink.end_field();
                    self.line += 1;
                    return Some((start_line, None));
                }
                _ => sink.push(c),
            }
        }
        if !any {
            return None;
        }
        sink.end_field();
        Some((start_line, in_quotes.then_some("unterminated quote")))
    }
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
    // Counted first, without holding a row: past the cap nothing is built.
    let total = count(text, delimiter).saturating_sub(1);
    crate::foundation::limits::check(
        total,
        crate::foundation::limits::MAX_CSV_ROWS,
        "CSV rows",
        "text",
    )?;
    let mut records = records(text, delimiter);
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
    let mut results = Vec::with_capacity(total);
    for (index, rec) in records.enumerate() {
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
