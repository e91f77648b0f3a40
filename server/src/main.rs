//! The reference order server: serves www/, quotes orders natively with the same crate the
//! browser runs as WASM, and places orders only after `xiaodian::verify_order` has rebuilt them
//! from the server's catalog, the buyer's server-side wallet and the server clock. API:
//! docs/server.md.
//!
//!   xiaodian-server [--port N] [--host ADDR] [--data DIR] [--catalog FILE] [--www DIR]

mod store;

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use serde_json::{json, value::RawValue, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use store::{NewOrder, PlaceError, Store};
use xiaodian::catalog::{Catalog, Order};
use xiaodian::error::ErrorReport;
use xiaodian::verify_order::pick_path;
use xiaodian::{Error, Timestamp, VerifyOptions};

/// Request bodies above this are refused with 413 before they are read further.
const BODY_LIMIT: usize = 256 * 1024;
const COOKIE: &str = "xd_buyer";

struct App {
    catalog: Catalog,
    store: Mutex<Store>,
    www: PathBuf,
}

type Shared = Arc<App>;

#[derive(Clone)]
struct Buyer(String);

struct Args {
    host: String,
    port: u16,
    data: PathBuf,
    catalog: Option<PathBuf>,
    www: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut a = Args {
        host: "127.0.0.1".into(),
        port: match std::env::var("PORT") {
            Ok(p) if !p.is_empty() => p.parse().map_err(|_| format!("PORT: not a port: {p}"))?,
            _ => 8080,
        },
        data: repo.join(".data"),
        catalog: None,
        www: repo.join("www"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                let p = value()?;
                a.port = p.parse().map_err(|_| format!("--port: not a port: {p}"))?;
            }
            "--host" => a.host = value()?,
            "--data" => a.data = value()?.into(),
            "--catalog" => a.catalog = Some(value()?.into()),
            "--www" => a.www = value()?.into(),
            "-h" | "--help" => {
                return Err(
                    "usage: xiaodian-server [--port N] [--host ADDR] [--data DIR] [--catalog FILE] [--www DIR]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xiaodian-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let catalog = match &args.catalog {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Catalog::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Catalog::demo(),
    };
    std::fs::create_dir_all(&args.data).map_err(|e| format!("{}: {e}", args.data.display()))?;
    // The path as the startup line prints it: `…/server/../.data` reads as a bug.
    let data = std::fs::canonicalize(&args.data).unwrap_or(args.data);
    let db = data.join("xiaodian.sqlite");
    let store = Store::open(&db, &catalog).map_err(|e| format!("{}: {e}", db.display()))?;
    let app = Arc::new(App {
        catalog,
        store: Mutex::new(store),
        www: args.www,
    });
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = listen(&args.host, args.port)
            .await
            .map_err(|e| format!("bind {}:{}: {e}", args.host, args.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!("xiaodian shop: http://{addr}/  (data: {})", db.display());
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}

/// A listening socket with a backlog for a burst of buyers (a plain bind gets 128 here, and a
/// 秒杀 burst of 500 connections then overflows it: resets and SYN cookies).
async fn listen(host: &str, port: u16) -> std::io::Result<tokio::net::TcpListener> {
    let mut last = None;
    for addr in tokio::net::lookup_host((host, port)).await? {
        let socket = if addr.is_ipv4() {
            tokio::net::TcpSocket::new_v4()?
        } else {
            tokio::net::TcpSocket::new_v6()?
        };
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(4096)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no address to bind")))
}

fn router(app: Shared) -> Router {
    Router::new()
        .route("/api/catalog", get(catalog))
        .route("/api/wallet", get(wallet))
        .route("/api/wallet/claim", post(claim))
        .route("/api/quote", post(quote))
        .route("/api/orders", post(place_order).get(list_orders))
        .route("/api/orders/{id}", get(get_order))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .fallback(get(static_file).fallback(static_method_not_allowed))
        .layer(middleware::from_fn(method_not_allowed))
        .layer(middleware::from_fn(buyer_cookie))
        .with_state(app)
}

// ---- responses -------------------------------------------------------------------------------

fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn reply(status: StatusCode, body: &Value) -> Response {
    json_response(status, body.to_string())
}

/// An engine error as the API shows it: `{ code, path, message, messageEn }`.
fn engine_error(status: StatusCode, e: &Error) -> Response {
    let report = ErrorReport::from(e);
    reply(status, &serde_json::to_value(report).unwrap_or_default())
}

/// A server error in the engine's shape, for what the engine has no code for.
fn server_error(status: StatusCode, code: &str, path: &str, zh: &str, en: &str) -> Response {
    reply(
        status,
        &json!({ "code": code, "path": path, "message": zh, "messageEn": en }),
    )
}

fn internal(e: impl std::fmt::Display) -> Response {
    eprintln!("internal error: {e}");
    server_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "",
        "服务器内部错误，请稍后再试",
        "internal server error; try again later",
    )
}

/// Sold out and 限购 are the shop's state, not a malformed request.
fn order_error(e: &Error) -> Response {
    let status = match e.code() {
        "OUT_OF_STOCK" | "PURCHASE_LIMIT_EXCEEDED" => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    };
    engine_error(status, e)
}

// ---- the buyer cookie ------------------------------------------------------------------------

fn valid_token(t: &str) -> bool {
    t.len() == 32
        && t.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn buyer_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == COOKIE && valid_token(v))
        .map(|(_, v)| v.to_string())
}

fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Every request has a buyer: the cookie's, or a new random one set on the response.
async fn buyer_cookie(mut req: Request, next: Next) -> Response {
    let (token, fresh) = match buyer_from(req.headers()) {
        Some(t) => (t, false),
        None => match new_token() {
            Ok(t) => (t, true),
            Err(e) => return internal(e),
        },
    };
    req.extensions_mut().insert(Buyer(token.clone()));
    let mut res = next.run(req).await;
    if fresh {
        let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// axum answers a known path's other methods with an empty 405; give it the API's error body.
/// axum adds its `Allow` header to a route's 405 after this layer; the static files' 405 brings
/// its own, kept here.
async fn method_not_allowed(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let res = next.run(req).await;
    if res.status() != StatusCode::METHOD_NOT_ALLOWED {
        return res;
    }
    let mut out = server_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        "",
        "该地址不支持这种请求方式",
        &format!("{method} is not allowed here (the Allow header lists the methods that are)"),
    );
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

/// www/ is read-only; axum gives a fallback's other methods no `Allow` of its own.
async fn static_method_not_allowed() -> Response {
    let mut r = StatusCode::METHOD_NOT_ALLOWED.into_response();
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
    r
}

// ---- request bodies --------------------------------------------------------------------------

/// A request body as UTF-8 text, at most BODY_LIMIT bytes (see [`strict`] for the JSON).
struct JsonText(String);

impl<S: Send + Sync> FromRequest<S> for JsonText {
    type Rejection = Response;

    async fn from_request(req: Request, _: &S) -> Result<Self, Response> {
        let too_large = || {
            server_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "",
                &format!("请求内容过大，最多 {} KB", BODY_LIMIT / 1024),
                &format!("request body too large: at most {} KB", BODY_LIMIT / 1024),
            )
        };
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
            return Err(too_large());
        }
        let bytes = to_bytes(req.into_body(), BODY_LIMIT)
            .await
            .map_err(|_| too_large())?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            engine_error(
                StatusCode::BAD_REQUEST,
                &Error::input("the body is not UTF-8", ""),
            )
        })?;
        Ok(JsonText(text))
    }
}

/// A body that is JSON with no key given twice anywhere; errors name paths as the API does, so
/// `at` is where the body sits there (`order` for /api/quote, whose body is the order).
fn strict(text: &str, at: &str) -> Result<(), Error> {
    xiaodian::verify_order::reject_duplicate_keys(text).map_err(|e| e.under(at))
}

/// The order as sent, decoded by the engine, and its free-form address.
fn read_order(text: &str, at: &str) -> Result<(Order, Option<String>), Error> {
    let bad = |e: Error| e.under(at);
    let order: Order = xiaodian::json::from_json(text).map_err(bad)?;
    #[derive(Deserialize)]
    struct WithAddress {
        #[serde(default)]
        address: Option<Value>,
    }
    let address = xiaodian::json::from_json::<WithAddress>(text)
        .map_err(bad)?
        .address
        .filter(|a| !a.is_null())
        .map(|a| a.to_string());
    Ok((order, address))
}

// ---- the catalog as this buyer sees it now ---------------------------------------------------

/// The catalog with the stock left in SQLite and this buyer's 秒杀 purchases, so the engine's
/// stock and per-buyer limit checks use the live numbers.
fn live_catalog(app: &App, store: &Store, buyer: &str) -> rusqlite::Result<Catalog> {
    let stock = store.stock()?;
    let bought = store.flash_purchases(buyer)?;
    let mut c = app.catalog.clone();
    for sku in c.products.iter_mut().flat_map(|p| p.skus.iter_mut()) {
        if let Some(&n) = stock.get(&sku.sku_id) {
            sku.stock = Some(n);
        }
        if let (Some(sale), Some(&n)) = (sku.flash_sale.as_mut(), bought.get(&sku.sku_id)) {
            sale.purchased = sale.purchased.saturating_add(n);
        }
    }
    Ok(c)
}

fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(0));
    Timestamp::from_millis(ms).unwrap_or_else(|| Timestamp::from_millis(0).expect("epoch"))
}

/// Run blocking SQLite work off the async threads.
async fn blocking<F>(app: Shared, f: F) -> Response
where
    F: FnOnce(&App, &mut Store) -> Response + Send + 'static,
{
    let res = tokio::task::spawn_blocking(move || {
        // A panic elsewhere cannot leave the store half-written (transactions roll back).
        let mut store = app.store.lock().unwrap_or_else(|p| p.into_inner());
        f(&app, &mut store)
    })
    .await;
    res.unwrap_or_else(internal)
}

// ---- handlers --------------------------------------------------------------------------------

async fn catalog(State(app): State<Shared>, Extension(buyer): Extension<Buyer>) -> Response {
    blocking(app, move |app, store| {
        match live_catalog(app, store, &buyer.0) {
            Ok(c) => json_response(
                StatusCode::OK,
                serde_json::to_string(&c).unwrap_or_default(),
            ),
            Err(e) => internal(e),
        }
    })
    .await
}

async fn wallet(State(app): State<Shared>, Extension(buyer): Extension<Buyer>) -> Response {
    blocking(app, move |_, store| match store.wallet(&buyer.0) {
        Ok(w) => reply(StatusCode::OK, &json!({ "wallet": w })),
        Err(e) => internal(e),
    })
    .await
}

async fn claim(
    State(app): State<Shared>,
    Extension(buyer): Extension<Buyer>,
    JsonText(body): JsonText,
) -> Response {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct Claim {
        coupon_id: String,
    }
    if let Err(e) = strict(&body, "") {
        return engine_error(StatusCode::BAD_REQUEST, &e);
    }
    let claim: Claim = match xiaodian::json::from_json(&body) {
        Ok(c) => c,
        Err(e) => return engine_error(StatusCode::BAD_REQUEST, &e),
    };
    blocking(app, move |app, store| {
        let id = claim.coupon_id;
        let Some(offer) = app.catalog.coupons.iter().find(|c| c.id == id) else {
            let e = Error::new(xiaodian::ErrorKind::UnknownId { id }, "couponId");
            return engine_error(StatusCode::BAD_REQUEST, &e);
        };
        let t = now();
        if offer.valid_to.is_some_and(|end| end <= t) {
            return server_error(
                StatusCode::CONFLICT,
                "COUPON_EXPIRED",
                "couponId",
                "该优惠券已过期，无法领取",
                "this coupon has expired and cannot be claimed",
            );
        }
        let state = match store.coupon_state(&buyer.0, &id) {
            Ok(s) => s,
            Err(e) => return internal(e),
        };
        let status = match state.as_deref() {
            Some("") => StatusCode::OK,
            Some(order) => {
                return reply(
                    StatusCode::CONFLICT,
                    &json!({
                        "code": "COUPON_USED", "path": "couponId", "orderId": order,
                        "message": "该优惠券已在订单中使用",
                        "messageEn": "this coupon was already used in an order",
                    }),
                )
            }
            None => StatusCode::CREATED,
        };
        if let Err(e) = store.claim(&buyer.0, &id, &t.to_string()) {
            return internal(e);
        }
        match store.wallet(&buyer.0) {
            Ok(w) => reply(status, &json!({ "couponId": id, "wallet": w })),
            Err(e) => internal(e),
        }
    })
    .await
}

async fn quote(
    State(app): State<Shared>,
    Extension(buyer): Extension<Buyer>,
    JsonText(body): JsonText,
) -> Response {
    if let Err(e) = strict(&body, "order") {
        return engine_error(StatusCode::BAD_REQUEST, &e);
    }
    let (order, _) = match read_order(&body, "order") {
        Ok(o) => o,
        Err(e) => return engine_error(StatusCode::BAD_REQUEST, &e),
    };
    blocking(app, move |app, store| {
        let catalog = match live_catalog(app, store, &buyer.0) {
            Ok(c) => c,
            Err(e) => return internal(e),
        };
        // Storefront.quote: catalog.cart(order), then quote at the server's clock (line errors
        // named by their pick).
        let quoted = catalog
            .cart(&order)
            .map_err(|e| e.under("order"))
            .and_then(|cart| xiaodian::quote(&cart, now()).map_err(pick_path));
        match quoted {
            Ok(q) => json_response(
                StatusCode::OK,
                serde_json::to_string(&q).unwrap_or_default(),
            ),
            Err(e) => order_error(&e),
        }
    })
    .await
}

/// The order body's shape, read by the engine's reader for its errors (UNKNOWN_FIELD at `x` with
/// a "did you mean", a missing `quote` at `quote`); the parts' texts are then taken raw.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // only the shape is checked
struct PlaceShape {
    order: serde::de::IgnoredAny,
    quote: serde::de::IgnoredAny,
}

#[derive(Deserialize)]
struct PlaceBody<'a> {
    #[serde(borrow)]
    order: &'a RawValue,
    #[serde(borrow)]
    quote: &'a RawValue,
}

/// 422 EMPTY_ORDER: well-formed, but nothing to sell (the same status as an order that cannot
/// be delivered).
fn empty_order() -> Response {
    server_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "EMPTY_ORDER",
        "order.picks",
        "订单里没有商品，请至少选择一件商品",
        "the order has no items; pick at least one item",
    )
}

fn hash(text: &str) -> String {
    // FNV-1a 64: only to tell a retry from a different body under the same key.
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}

async fn place_order(
    State(app): State<Shared>,
    Extension(buyer): Extension<Buyer>,
    headers: HeaderMap,
    JsonText(body): JsonText,
) -> Response {
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if !k.is_empty() && k.len() <= 200 => Some(k.to_string()),
        Some(_) => {
            return server_error(
                StatusCode::BAD_REQUEST,
                "INVALID_IDEMPOTENCY_KEY",
                "Idempotency-Key",
                "幂等键应为 1 到 200 个可见字符",
                "Idempotency-Key must be 1 to 200 visible characters",
            )
        }
    };
    if let Err(e) = strict(&body, "") {
        return engine_error(StatusCode::BAD_REQUEST, &e);
    }
    if let Err(e) = xiaodian::json::from_json::<PlaceShape>(&body) {
        return engine_error(StatusCode::BAD_REQUEST, &e);
    }
    // The engine's reader took the same text, so serde_json's failing here is not expected.
    let parts: PlaceBody = match serde_json::from_str(&body) {
        Ok(p) => p,
        Err(e) => return engine_error(StatusCode::BAD_REQUEST, &Error::input(e.to_string(), "")),
    };
    let order_text = parts.order.get().to_string();
    let quote_text = parts.quote.get().to_string();
    let (order, address) = match read_order(&order_text, "order") {
        Ok(o) => o,
        Err(e) => return engine_error(StatusCode::BAD_REQUEST, &e),
    };
    if order.picks.is_empty() {
        return empty_order();
    }
    let request_hash = hash(&body);
    blocking(app, move |app, store| {
        let buyer = buyer.0;
        if let Some(key) = &key {
            match store.replay(&buyer, key) {
                Ok(Some(r)) if r.request_hash == request_hash => {
                    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
                    return json_response(status, r.body);
                }
                Ok(Some(_)) => {
                    return server_error(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "IDEMPOTENCY_KEY_REUSED",
                        "Idempotency-Key",
                        "该幂等键已用于另一笔不同的订单",
                        "this Idempotency-Key was already used for a different order",
                    )
                }
                Ok(None) => {}
                Err(e) => return internal(e),
            }
        }
        // Sold out is the common answer in a 秒杀 burst: say so before building a quote.
        match store.stock() {
            Ok(stock) => {
                for (i, pick) in order.picks.iter().enumerate() {
                    if let Some(&left) = stock.get(&pick.sku_id) {
                        if pick.quantity.get() > left {
                            let kind = xiaodian::ErrorKind::OutOfStock { stock: left };
                            let path = format!("order.picks[{i}].quantity");
                            return engine_error(StatusCode::CONFLICT, &Error::new(kind, path));
                        }
                    }
                }
            }
            Err(e) => return internal(e),
        }
        let (catalog, wallet) =
            match live_catalog(app, store, &buyer).and_then(|c| Ok((c, store.wallet(&buyer)?))) {
                Ok(x) => x,
                Err(e) => return internal(e),
            };
        let t = now();
        let options = VerifyOptions {
            now: Some(t),
            wallet: Some(wallet),
            ..VerifyOptions::default()
        };
        let v = match xiaodian::verify_order(&catalog, &order, &quote_text, &options) {
            Ok(v) => v,
            Err(e) => return order_error(&e),
        };
        if !v.ok {
            return reply(
                StatusCode::CONFLICT,
                &json!({
                    "code": "QUOTE_MISMATCH",
                    "path": "quote",
                    "message": "价格已更新，请确认新的金额后再提交",
                    "messageEn": "prices changed; confirm the new quote and submit again",
                    "differences": v.differences,
                    "quote": v.quote,
                }),
            );
        }
        // verify_order refuses a pick it would drop, so this is the same refusal kept should
        // that ever change: an order never becomes a ¥0 order of nothing.
        if v.quote.lines.is_empty() {
            return empty_order();
        }
        // 不配送 or a missing address: the quote is right, but the parcel cannot go.
        if let Some(b) = v.quote.blockers.first() {
            return server_error(
                StatusCode::UNPROCESSABLE_ENTITY,
                &b.code,
                &format!("order.{}", b.path),
                &b.message,
                &b.message_en,
            );
        }
        let seq = match store.next_seq() {
            Ok(s) => s,
            Err(e) => return internal(e),
        };
        let (y, m, d) = t.date().ymd();
        let id = format!("XD{y:04}{m:02}{d:02}{seq:08}");
        let response = json!({ "orderId": id, "quote": v.quote }).to_string();
        let placed = store.place(&NewOrder {
            id: &id,
            buyer: &buyer,
            created_at: &t.to_string(),
            address: address.as_deref(),
            order_json: &order_text,
            quote: &v.quote,
            idempotency: key.as_deref().map(|k| (k, request_hash.as_str())),
            response: &response,
        });
        match placed {
            Ok(()) => json_response(StatusCode::CREATED, response),
            Err(PlaceError::OutOfStock { line, available }) => engine_error(
                StatusCode::CONFLICT,
                &Error::new(
                    xiaodian::ErrorKind::OutOfStock { stock: available },
                    format!("order.picks[{line}].quantity"),
                ),
            ),
            Err(PlaceError::Db(e)) => internal(e),
        }
    })
    .await
}

async fn list_orders(State(app): State<Shared>, Extension(buyer): Extension<Buyer>) -> Response {
    blocking(app, move |_, store| match store.orders(&buyer.0) {
        Ok(list) => {
            let orders: Vec<Value> = list
                .into_iter()
                .map(|o| {
                    json!({
                        "orderId": o.id, "createdAt": o.created_at,
                        "payable": o.payable, "itemCount": o.item_count,
                    })
                })
                .collect();
            reply(StatusCode::OK, &json!({ "orders": orders }))
        }
        Err(e) => internal(e),
    })
    .await
}

async fn get_order(
    State(app): State<Shared>,
    Extension(buyer): Extension<Buyer>,
    Path(id): Path<String>,
) -> Response {
    blocking(app, move |_, store| match store.order(&buyer.0, &id) {
        Ok(Some(o)) => {
            let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
            let lines: Vec<Value> = o
                .lines
                .iter()
                .map(|l| {
                    json!({
                        "skuId": l.sku_id, "shopId": l.shop_id, "quantity": l.quantity,
                        "listPrice": l.list_price, "subtotal": l.subtotal,
                        "discount": l.discount, "pointsDeduction": l.points_deduction,
                        "payable": l.payable, "allocation": parse(&l.allocation_json),
                    })
                })
                .collect();
            reply(
                StatusCode::OK,
                &json!({
                    "orderId": o.id,
                    "createdAt": o.created_at,
                    "address": o.address.as_deref().map_or(Value::Null, parse),
                    "lines": lines,
                    "quote": parse(&o.quote_json),
                    "order": parse(&o.order_json),
                }),
            )
        }
        // Another buyer's order is indistinguishable from none.
        Ok(None) => server_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "id",
            "找不到该订单",
            "no such order",
        ),
        Err(e) => internal(e),
    })
    .await
}

async fn api_not_found() -> Response {
    server_error(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        "",
        "没有这个接口",
        "no such API endpoint",
    )
}

// ---- www/ ------------------------------------------------------------------------------------

fn content_type(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn static_file(State(app): State<Shared>, req: Request<Body>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    let Some(path) = percent_decode(req.uri().path()) else {
        return not_found();
    };
    let mut file = app.www.clone();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        // No way out of www/: no parent steps, no hidden files, no separators inside a part.
        if part == ".." || part.starts_with('.') || part.contains(['\\', '\0']) {
            return (StatusCode::FORBIDDEN, "forbidden").into_response();
        }
        file.push(part);
    }
    if tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_dir()) {
        file.push("index.html");
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&file)),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            // Pages served here use the API (wallet, orders); served elsewhere they work alone.
            h.insert("x-xiaodian-api", HeaderValue::from_static("/api/"));
            r
        }
        Err(_) => not_found(),
    }
}
