//! The SQLite side: stock, wallets, 秒杀 purchases per buyer, orders with their lines and
//! idempotency records. One connection behind a mutex: writes are serialised, so the stock read
//! for a check is the stock the same transaction decrements (no overselling).

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;
use xiaodian::catalog::Catalog;
use xiaodian::pricing::PriceRule;
use xiaodian::promo::Source;
use xiaodian::Quote;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS stock (
  sku_id TEXT PRIMARY KEY,
  available INTEGER NOT NULL CHECK (available >= 0)
);
CREATE TABLE IF NOT EXISTS wallet (
  buyer TEXT NOT NULL,
  coupon_id TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  used_by_order TEXT,
  PRIMARY KEY (buyer, coupon_id)
);
CREATE TABLE IF NOT EXISTS flash_purchases (
  buyer TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  units INTEGER NOT NULL,
  PRIMARY KEY (buyer, sku_id)
);
CREATE TABLE IF NOT EXISTS orders (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  buyer TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payable TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  address TEXT,
  order_json TEXT NOT NULL,
  quote_json TEXT NOT NULL,
  applied_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_buyer ON orders (buyer, seq);
CREATE TABLE IF NOT EXISTS order_lines (
  order_id TEXT NOT NULL REFERENCES orders (id),
  line_no INTEGER NOT NULL,
  sku_id TEXT NOT NULL,
  shop_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  list_price TEXT NOT NULL,
  subtotal TEXT NOT NULL,
  discount TEXT NOT NULL,
  points_deduction TEXT NOT NULL,
  payable TEXT NOT NULL,
  allocation_json TEXT NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE IF NOT EXISTS idempotency (
  buyer TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (buyer, key)
);
";

pub struct Store {
    conn: Connection,
}

/// A stored response to a POST with an Idempotency-Key.
pub struct Replay {
    pub request_hash: String,
    pub status: u16,
    pub body: String,
}

pub struct OrderSummary {
    pub id: String,
    pub created_at: String,
    pub payable: String,
    pub item_count: i64,
}

pub struct StoredOrder {
    pub id: String,
    pub created_at: String,
    pub address: Option<String>,
    pub order_json: String,
    pub quote_json: String,
    pub lines: Vec<StoredLine>,
}

pub struct StoredLine {
    pub sku_id: String,
    pub shop_id: String,
    pub quantity: i64,
    pub list_price: String,
    pub subtotal: String,
    pub discount: String,
    pub points_deduction: String,
    pub payable: String,
    pub allocation_json: String,
}

/// Why an order could not be written although it verified (another order took the stock
/// between the check and the write cannot happen under the lock; this is the database's
/// own guard).
pub enum PlaceError {
    OutOfStock { line: usize, available: u32 },
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for PlaceError {
    fn from(e: rusqlite::Error) -> Self {
        PlaceError::Db(e)
    }
}

pub struct NewOrder<'a> {
    pub id: &'a str,
    pub buyer: &'a str,
    pub created_at: &'a str,
    pub address: Option<&'a str>,
    pub order_json: &'a str,
    pub quote: &'a Quote,
    pub idempotency: Option<(&'a str, &'a str)>,
    /// The 201 body to keep for a retry.
    pub response: &'a str,
}

impl Store {
    pub fn open(path: &Path, catalog: &Catalog) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // WAL with NORMAL survives a killed process (only power loss can lose the last commits).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        // Stock is seeded once; later starts keep what orders have left.
        let mut seed =
            conn.prepare("INSERT OR IGNORE INTO stock (sku_id, available) VALUES (?1, ?2)")?;
        for sku in catalog.products.iter().flat_map(|p| &p.skus) {
            if let Some(n) = sku.stock {
                seed.execute(params![sku.sku_id, n])?;
            }
        }
        drop(seed);
        Ok(Store { conn })
    }

    pub fn stock(&self) -> rusqlite::Result<HashMap<String, u32>> {
        let mut q = self
            .conn
            .prepare_cached("SELECT sku_id, available FROM stock")?;
        let rows = q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    pub fn flash_purchases(&self, buyer: &str) -> rusqlite::Result<HashMap<String, u32>> {
        let mut q = self
            .conn
            .prepare_cached("SELECT sku_id, units FROM flash_purchases WHERE buyer = ?1")?;
        let rows = q.query_map([buyer], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    }

    /// Coupon ids the buyer holds and has not used.
    pub fn wallet(&self, buyer: &str) -> rusqlite::Result<Vec<String>> {
        let mut q = self.conn.prepare_cached(
            "SELECT coupon_id FROM wallet WHERE buyer = ?1 AND used_by_order IS NULL ORDER BY claimed_at, coupon_id",
        )?;
        let rows = q.query_map([buyer], |r| r.get(0))?;
        rows.collect()
    }

    /// Some(order id) when the buyer used it, Some("") when held, None when never claimed.
    pub fn coupon_state(&self, buyer: &str, coupon: &str) -> rusqlite::Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT COALESCE(used_by_order, '') FROM wallet WHERE buyer = ?1 AND coupon_id = ?2",
                [buyer, coupon],
                |r| r.get(0),
            )
            .optional()
    }

    pub fn claim(&self, buyer: &str, coupon: &str, at: &str) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO wallet (buyer, coupon_id, claimed_at) VALUES (?1, ?2, ?3)",
            [buyer, coupon, at],
        )?;
        Ok(())
    }

    pub fn replay(&self, buyer: &str, key: &str) -> rusqlite::Result<Option<Replay>> {
        self.conn
            .query_row(
                "SELECT request_hash, status, body FROM idempotency WHERE buyer = ?1 AND key = ?2",
                [buyer, key],
                |r| {
                    Ok(Replay {
                        request_hash: r.get(0)?,
                        status: r.get(1)?,
                        body: r.get(2)?,
                    })
                },
            )
            .optional()
    }

    /// Write the order, its lines, the stock and 秒杀 counts it takes, the coupons it uses and
    /// its idempotency record in one transaction.
    pub fn place(&mut self, o: &NewOrder) -> Result<(), PlaceError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let q = o.quote;
        tx.execute(
            "INSERT INTO orders (id, buyer, created_at, payable, item_count, fingerprint, address, order_json, quote_json, applied_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                o.id,
                o.buyer,
                o.created_at,
                q.payable.to_string(),
                q.item_count as i64,
                q.fingerprint,
                o.address,
                o.order_json,
                to_json(q),
                to_json(&q.applied),
            ],
        )?;
        for (i, line) in q.lines.iter().enumerate() {
            tx.execute(
                "INSERT INTO order_lines (order_id, line_no, sku_id, shop_id, quantity, list_price, subtotal, discount, points_deduction, payable, allocation_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    o.id,
                    i as i64,
                    line.sku_id,
                    line.shop_id,
                    line.quantity,
                    line.list_price.to_string(),
                    line.subtotal.to_string(),
                    line.discount.to_string(),
                    line.points_deduction.to_string(),
                    line.payable.to_string(),
                    to_json(&line.discounts),
                ],
            )?;
            // A SKU without a stock row has unlimited stock.
            let available: Option<u32> = tx
                .query_row(
                    "SELECT available FROM stock WHERE sku_id = ?1",
                    [&line.sku_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(available) = available {
                if available < line.quantity {
                    return Err(PlaceError::OutOfStock { line: i, available });
                }
                tx.execute(
                    "UPDATE stock SET available = available - ?1 WHERE sku_id = ?2",
                    params![line.quantity, line.sku_id],
                )?;
            }
            let flash: u32 = line
                .pricing
                .iter()
                .filter(|s| s.rule == PriceRule::Flash)
                .map(|s| s.quantity)
                .sum();
            if flash > 0 {
                tx.execute(
                    "INSERT INTO flash_purchases (buyer, sku_id, units) VALUES (?1, ?2, ?3)
                     ON CONFLICT (buyer, sku_id) DO UPDATE SET units = units + excluded.units",
                    params![o.buyer, line.sku_id, flash],
                )?;
            }
        }
        for a in q.applied.iter().filter(|a| a.source == Source::Coupon) {
            tx.execute(
                "UPDATE wallet SET used_by_order = ?1 WHERE buyer = ?2 AND coupon_id = ?3 AND used_by_order IS NULL",
                params![o.id, o.buyer, a.id],
            )?;
        }
        if let Some((key, hash)) = o.idempotency {
            tx.execute(
                "INSERT INTO idempotency (buyer, key, request_hash, status, body) VALUES (?1, ?2, ?3, 201, ?4)",
                params![o.buyer, key, hash, o.response],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn orders(&self, buyer: &str) -> rusqlite::Result<Vec<OrderSummary>> {
        let mut q = self.conn.prepare_cached(
            "SELECT id, created_at, payable, item_count FROM orders WHERE buyer = ?1 ORDER BY seq DESC",
        )?;
        let rows = q.query_map([buyer], |r| {
            Ok(OrderSummary {
                id: r.get(0)?,
                created_at: r.get(1)?,
                payable: r.get(2)?,
                item_count: r.get(3)?,
            })
        })?;
        rows.collect()
    }

    pub fn order(&self, buyer: &str, id: &str) -> rusqlite::Result<Option<StoredOrder>> {
        let head = self
            .conn
            .query_row(
                "SELECT id, created_at, address, order_json, quote_json FROM orders WHERE buyer = ?1 AND id = ?2",
                [buyer, id],
                |r| {
                    Ok(StoredOrder {
                        id: r.get(0)?,
                        created_at: r.get(1)?,
                        address: r.get(2)?,
                        order_json: r.get(3)?,
                        quote_json: r.get(4)?,
                        lines: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut order) = head else {
            return Ok(None);
        };
        let mut q = self.conn.prepare_cached(
            "SELECT sku_id, shop_id, quantity, list_price, subtotal, discount, points_deduction, payable, allocation_json
             FROM order_lines WHERE order_id = ?1 ORDER BY line_no",
        )?;
        let rows = q.query_map([id], |r| {
            Ok(StoredLine {
                sku_id: r.get(0)?,
                shop_id: r.get(1)?,
                quantity: r.get(2)?,
                list_price: r.get(3)?,
                subtotal: r.get(4)?,
                discount: r.get(5)?,
                points_deduction: r.get(6)?,
                payable: r.get(7)?,
                allocation_json: r.get(8)?,
            })
        })?;
        order.lines = rows.collect::<rusqlite::Result<_>>()?;
        Ok(Some(order))
    }

    /// The next order number's sequence part (AUTOINCREMENT never reuses one).
    pub fn next_seq(&self) -> rusqlite::Result<i64> {
        let last: Option<i64> = self
            .conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'orders'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(last.unwrap_or(0) + 1)
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Serialising the engine's own types cannot fail (string keys, no floats).
    serde_json::to_string(v).unwrap_or_default()
}
