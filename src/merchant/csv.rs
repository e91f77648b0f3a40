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
///
/// Recovery from a broken quote (issue: one unclosed `"` swallowed every row after it): before
/// a quoted field is read, the scanner looks ahead for its closing quote. The field is taken as
/// quoted when that quote exists and is followed by a delimiter, a line end or the end of the
/// text, or when the field stays on one line (`"a"b` is read leniently as `ab`, as before). A
/// field that would run past a line break and never close, or close mid-text (`…\n x,"y"…`:
/// the quote that "closes" it opens a later field), is not a quoted field: its quote is kept as
/// text, the record ends at that line like an unquoted one, the record is marked
/// "unterminated quote" and the next line is read as the next record. Python's csv module and
/// the Rust csv crate instead run such a field to the end of the file (one lost row becomes all
/// of them); Papa Parse reports `MissingQuotes` but also takes the rest of the input. Cutting at
/// the line loses only the broken row, and a quoted field that spans lines and closes properly
/// reads as before.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    delimiter: char,
    line: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, delimiter: char) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Scanner {
            text,
            pos: 0,
            delimiter,
            line: 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Whether the quoted field opening just before `pos` closes properly (see [`Scanner`]).
    /// The look-ahead stops at the first lone quote, so a file is scanned about twice at most.
    fn quote_closes(&self) -> bool {
        let mut rest = self.text[self.pos..].chars().peekable();
        let mut spans_lines = false;
        while let Some(c) = rest.next() {
            match c {
                '"' if rest.peek() == Some(&'"') => {
                    rest.next();
                }
                '"' => {
                    return match rest.peek() {
                        None | Some('\n' | '\r') => true,
                        Some(&d) if d == self.delimiter => true,
                        Some(_) => !spans_lines,
                    }
                }
                '\n' => spans_lines = true,
                _ => {}
            }
        }
        false
    }

    /// The next record's fields into `sink`: the line it starts on and its problem, or `None`
    /// at the end of the text.
    fn next_record(&mut self, sink: &mut impl Sink) -> Option<(usize, Option<&'static str>)> {
        let start_line = self.line;
        let mut in_quotes = false;
        let mut quoted_field = false;
        let mut problem = None;
        let mut any = false;
        while let Some(c) = self.bump() {
            any = true;
            if in_quotes {
                match c {
                    '"' if self.peek() == Some('"') => {
                        self.bump();
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
                    quoted_field = true;
                    if self.quote_closes() {
                        in_quotes = true;
                    } else {
                        // Kept as text; the record ends at this line (see [`Scanner`]).
                        problem = Some("unterminated quote");
                        sink.push(c);
                    }
                }
                c if c == self.delimiter => {
                    sink.end_field();
                    quoted_field = false;
                }
                '\r' if self.peek() == Some('\n') => {}
                '\n' | '\r' => {
                    sink.end_field();
                    self.line += 1;
                    return Some((start_line, problem));
                }
                _ => sink.push(c),
            }
        }
        if !any {
            return None;
        }
        sink.end_field();
        Some((start_line, problem))
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

/// The CSV column a listing path is read from, if any.
fn path_column(path: &str) -> Option<Column> {
    if let Some(a) = path.strip_prefix("attributes.") {
        return Some(Column::Attribute(a.to_string()));
    }
    Some(match path {
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
    })
}

/// A column's name where the file has no header for it (the template's headers).
fn column_name(column: &Column, book: &Rulebook) -> (String, String) {
    let (zh, en) = match column {
        Column::Title => ("商品标题", "title"),
        Column::ShortTitle => ("短标题", "short title"),
        Column::ProductId => ("商品编码", "product id"),
        Column::Category => ("类目", "category"),
        Column::Price => ("售价", "price"),
        Column::MarketPrice => ("划线价", "struck-through price"),
        Column::Stock => ("库存", "stock"),
        Column::SkuId => ("SKU编码", "SKU id"),
        Column::Images => ("图片", "images"),
        Column::Description => ("描述", "description"),
        Column::Attribute(id) => {
            return match book.attributes.iter().find(|a| a.id == *id) {
                Some(a) => (a.name.clone(), a.name_en.clone()),
                None => (id.clone(), id.clone()),
            }
        }
    };
    (zh.to_string(), en.to_string())
}

/// What a finding's 列 says: the file's header for the path's column, else the field's name,
/// so a table of findings never shows a listing path (`attributes.productStandard`).
fn column_label(path: &str, headers: &[(String, Column)], book: &Rulebook) -> (String, String) {
    if let Some(column) = path_column(path) {
        return match headers.iter().find(|(_, c)| *c == column) {
            Some((h, _)) => (h.clone(), h.clone()),
            None => column_name(&column, book),
        };
    }
    let (zh, en) = match path.split(['.', '[']).next().unwrap_or("") {
        "" => ("整行", "whole row"),
        "skus" => ("SKU", "SKUs"),
        "qualifications" => ("资质", "qualifications"),
        "subject" => ("主体类型", "subject"),
        "platform" => ("平台", "platform"),
        "existingProductCount" => ("已有商品数", "products already listed"),
        _ => ("其他", "other"),
    };
    (zh.to_string(), en.to_string())
}

/// Validate a CSV of listings. `progress(done, total)` is called every `every` rows and at the
/// end. Each finding keeps its listing `path` and names its column (`column`: `售价`).
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
                )
                .column(h.trim(), h.trim()),
            ),
        }
        map.push(col);
    }
    for needed in [
        Column::Title,
        Column::Category,
        Column::Price,
        Column::Stock,
    ] {
        if !map.iter().any(|c| c.as_ref() == Some(&needed)) {
            let (zh, en) = column_name(&needed, book);
            columns.push(
                Finding::error(
                    "MISSING_COLUMN",
                    "columns",
                    format!("缺少“{zh}”列"),
                    format!("the \"{en}\" column is missing"),
                )
                .column(zh, en),
            );
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
        let mut findings = Vec::new();
        if rec.problem.is_some() {
            // Its fields are not where the header says: checking them as a listing would only
            // add findings about the breakage (title length, a "blank character", no category).
            findings.push(
                Finding::error(
                    "MALFORMED_ROW",
                    "",
                    format!("第 {} 行的引号未闭合，此行未作商品检查", rec.line),
                    format!(
                        "line {} has an unclosed quote, so this row was not checked as a listing",
                        rec.line
                    ),
                )
                .fix(
                    "引号要成对：字段内的引号写成两个（\"\"），再重新上传",
                    "pair the quotes (write a quote inside a field as \"\") and upload again",
                ),
            );
        } else {
            findings = v.validate(&listing).findings;
            if rec.fields.len() > header.fields.len() {
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
        }
        for f in &mut findings {
            let (zh, en) = column_label(&f.path, &headers, book);
            f.column = Some(zh);
            f.column_en = Some(en);
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
    fn an_unclosed_quote_ends_its_record_at_the_line() {
        // Before: the quote ran to the end of the file and row 2 swallowed row 3.
        let recs = read("a,b\n1,\"open\n2,3\n", ',');
        let got: Vec<_> = recs.iter().map(|r| (r.line, r.problem.is_some())).collect();
        assert_eq!(got, vec![(1, false), (2, true), (3, false)]);
        assert_eq!(recs[1].fields, vec!["1", "\"open"]);
        assert_eq!(recs[2].fields, vec!["2", "3"]);
        assert_eq!(count("a,b\n1,\"open\n2,3\n", ','), 3);
        // A later quote that would "close" it mid-field opens a field of its own row.
        let recs = read("t,d\n\"bad,x\nok,\"y, z\"\n", ',');
        assert_eq!(recs.len(), 3);
        assert!(recs[1].problem.is_some());
        assert_eq!(
            (recs[2].fields.clone(), recs[2].problem),
            (vec!["ok".to_string(), "y, z".into()], None)
        );
        // At the end of the text without a line break: still one record, with its problem.
        let recs = read("a\n\"b", ',');
        assert_eq!((recs.len(), recs[1].problem.is_some()), (2, true));
    }

    #[test]
    fn quoted_fields_that_close_still_span_lines() {
        let recs = read("a,b\n\"one\ntwo\",x\n\"three\"\n", ',');
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields, vec!["one\ntwo", "x"]);
        assert!(recs.iter().all(|r| r.problem.is_none()));
        // One line, closed mid-text: read leniently as before.
        assert_eq!(fields("\"a\"b,c"), vec![vec!["ab", "c"]]);
    }

    #[test]
    fn blank_lines_and_missing_final_newline() {
        assert_eq!(fields("a\n\n\nb"), vec![vec!["a"], vec!["b"]]);
        assert_eq!(fields(""), Vec::<Vec<String>>::new());
        assert_eq!(fields("x\ty",).len(), 1);
        assert_eq!(read("x\ty\n1\t2", '\t')[1].fields, vec!["1", "2"]);
    }
}
