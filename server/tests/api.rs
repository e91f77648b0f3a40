//! The order API against the real server binary and a real SQLite file in a temp dir.
mod support;

use serde_json::{json, Value};
use support::{catalog_of, client_quote, coupon, stock_of, Client, Server, TempDir};

fn tea_order(catalog: &xiaodian::catalog::Catalog) -> Value {
    json!({
        "picks": [{ "skuId": "puer-357", "quantity": 1 }, { "skuId": "longjing-100", "quantity": 1 }],
        "coupons": [coupon(catalog, "tea-150-30")],
        "couponSelection": "auto",
        "address": { "regionCode": "330106", "name": "张三", "phone": "13800138000", "detail": "文三路 1 号" },
    })
}

fn place(c: &mut Client, order: &Value, quote: &Value, key: Option<&str>) -> support::Response {
    let body = json!({ "order": order, "quote": quote }).to_string();
    let headers: Vec<(&str, &str)> = key.map(|k| ("Idempotency-Key", k)).into_iter().collect();
    c.send("POST", "/api/orders", &headers, Some(body.as_bytes()))
}

#[test]
fn an_order_is_placed_stored_and_private_to_its_buyer() {
    let dir = TempDir::new("place");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    let cookie = a
        .cookie
        .clone()
        .expect("a buyer cookie on the first request");
    let r = a.get("/api/wallet");
    assert_eq!(
        r.header("set-cookie"),
        None,
        "the cookie is kept, not replaced"
    );
    assert_eq!(a.cookie.as_ref(), Some(&cookie));

    let r = a.post("/api/wallet/claim", r#"{"couponId":"tea-150-30"}"#);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["wallet"], json!(["tea-150-30"]));
    assert_eq!(
        a.post("/api/wallet/claim", r#"{"couponId":"tea-150-30"}"#)
            .status,
        200
    );

    let order = tea_order(&catalog);
    let quote = client_quote(&catalog, &order);
    // The server's own quote of the same order agrees.
    let q = a.post("/api/quote", &order.to_string());
    assert_eq!(q.status, 200, "{}", q.text());
    assert_eq!(q.json()["payable"], quote["payable"]);
    assert_eq!(q.json()["lines"], quote["lines"]);

    let r = place(&mut a, &order, &quote, None);
    assert_eq!(r.status, 201, "{}", r.text());
    let placed = r.json();
    let id = placed["orderId"].as_str().unwrap().to_string();
    assert!(id.starts_with("XD"), "{id}");
    assert_eq!(placed["quote"]["payable"], "157.00");
    assert_eq!(placed["quote"]["payable"], quote["payable"]);

    let list = a.get("/api/orders").json();
    assert_eq!(list["orders"].as_array().unwrap().len(), 1);
    assert_eq!(list["orders"][0]["orderId"], id.as_str());
    assert_eq!(list["orders"][0]["payable"], "157.00");

    let detail = a.get(&format!("/api/orders/{id}"));
    assert_eq!(detail.status, 200);
    let d = detail.json();
    assert_eq!(d["address"], order["address"]);
    assert_eq!(d["lines"].as_array().unwrap().len(), 2);
    // Every line's paid amount and its share of each discount, adding up to the order.
    let paid: i64 = d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["payable"].as_str().unwrap().parse::<f64>().unwrap() * 100.0).round() as i64)
        .sum();
    assert_eq!(paid, 15700);
    let shares: Vec<&str> = d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["allocation"][0]["id"].as_str().unwrap())
        .collect();
    assert_eq!(shares, ["tea-150-30", "tea-150-30"]);
    assert_eq!(d["quote"]["fingerprint"], placed["quote"]["fingerprint"]);

    // Stock went down; the coupon was used up.
    let after = catalog_of(&mut a);
    assert_eq!(stock_of(&after, "puer-357"), Some(49));
    assert_eq!(stock_of(&after, "longjing-100"), Some(79));
    assert_eq!(a.get("/api/wallet").json()["wallet"], json!([]));
    let again = a.post("/api/wallet/claim", r#"{"couponId":"tea-150-30"}"#);
    assert_eq!(
        (again.status, again.json()["code"].clone()),
        (409, json!("COUPON_USED"))
    );

    // Another buyer sees none of it.
    let mut b = server.client();
    let r = b.get(&format!("/api/orders/{id}"));
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "NOT_FOUND");
    assert_ne!(b.cookie, a.cookie);
    assert_eq!(b.get("/api/orders").json()["orders"], json!([]));
    assert_eq!(a.get("/api/orders/XD-nope").status, 404);
}

#[test]
fn tampered_quotes_and_coupons_are_refused_with_differences() {
    let dir = TempDir::new("tamper");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    a.post("/api/wallet/claim", r#"{"couponId":"tea-150-30"}"#);
    let order = tea_order(&catalog);
    let mut quote = client_quote(&catalog, &order);
    quote["payable"] = json!("0.01");
    let r = place(&mut a, &order, &quote, None);
    assert_eq!(r.status, 409, "{}", r.text());
    let body = r.json();
    assert_eq!(body["code"], "QUOTE_MISMATCH");
    assert_eq!(
        body["differences"],
        json!([{ "path": "payable", "client": "0.01", "server": "157.00", "code": "PAYABLE_MISMATCH" }])
    );
    assert_eq!(body["quote"]["payable"], "157.00");

    // A client that lowered the price in its copy of the catalog.
    let mut cheap = catalog.clone();
    cheap.products[0].skus[0].unit_price = xiaodian::Money::from_yuan(1);
    let r = place(&mut a, &order, &client_quote(&cheap, &order), None);
    assert_eq!(r.status, 409);
    assert!(r.text().contains("LINE_MISMATCH"));

    // An invented coupon, and a real one this buyer never claimed.
    for sent in [
        json!({ "id": "free-100", "kind": "fixed", "amount": "100", "scope": { "level": "platform" } }),
        coupon(&catalog, "plat-5"),
    ] {
        let mut o = tea_order(&catalog);
        o["coupons"].as_array_mut().unwrap().push(sent.clone());
        let r = place(&mut a, &o, &client_quote(&catalog, &o), None);
        assert_eq!(r.status, 409, "{}", r.text());
        let d = &r.json()["differences"][0];
        assert_eq!(d["code"], "UNKNOWN_COUPON");
        assert_eq!(d["path"], "order.coupons[1].id");
        assert_eq!(d["client"], sent["id"]);
    }
    // Nothing was written.
    assert_eq!(a.get("/api/orders").json()["orders"], json!([]));
    assert_eq!(stock_of(&catalog_of(&mut a), "puer-357"), Some(50));
    // The unchanged order still goes through.
    assert_eq!(
        place(&mut a, &order, &client_quote(&catalog, &order), None).status,
        201
    );
}

#[test]
fn a_retry_with_the_same_idempotency_key_returns_the_same_order() {
    let dir = TempDir::new("idem");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    let order = json!({ "picks": [{ "skuId": "kettle-12", "quantity": 2 }] });
    let quote = client_quote(&catalog, &order);
    let first = place(&mut a, &order, &quote, Some("try-1"));
    assert_eq!(first.status, 201, "{}", first.text());
    let second = place(&mut a, &order, &quote, Some("try-1"));
    assert_eq!(second.status, 201);
    assert_eq!(second.body, first.body);
    assert_eq!(
        a.get("/api/orders").json()["orders"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(stock_of(&catalog_of(&mut a), "kettle-12"), Some(13));
    // The same key for another body is refused; another key places another order.
    let other = json!({ "picks": [{ "skuId": "kettle-12", "quantity": 1 }] });
    let r = place(
        &mut a,
        &other,
        &client_quote(&catalog, &other),
        Some("try-1"),
    );
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (422, json!("IDEMPOTENCY_KEY_REUSED"))
    );
    let r = place(&mut a, &order, &quote, Some("try-2"));
    assert_eq!(r.status, 201);
    assert_ne!(r.json()["orderId"], first.json()["orderId"]);
    // Keys are per buyer: another buyer's "try-1" is their own.
    let mut b = server.client();
    let r = place(&mut b, &order, &quote, Some("try-1"));
    assert_eq!(r.status, 201, "{}", r.text());
    assert_ne!(r.json()["orderId"], first.json()["orderId"]);
    assert_eq!(stock_of(&catalog_of(&mut b), "kettle-12"), Some(9));
}

#[test]
fn oversized_and_malformed_bodies_are_refused_in_the_engines_shape() {
    let dir = TempDir::new("bad");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let big = format!("{{\"picks\":[],\"pad\":\"{}\"}}", "x".repeat(300 * 1024));
    for path in ["/api/orders", "/api/quote", "/api/wallet/claim"] {
        let r = a.post(path, &big);
        assert_eq!(r.status, 413, "{path}");
        assert_eq!(r.json()["code"], "PAYLOAD_TOO_LARGE");
    }
    let catalog = catalog_of(&mut a);
    let ok_order = json!({ "picks": [{ "skuId": "puer-357", "quantity": 1 }] });
    let ok_quote = client_quote(&catalog, &ok_order);
    let cases: Vec<(String, &str, &str)> = vec![
        ("{not json".into(), "INVALID_INPUT", ""),
        (json!({ "order": ok_order }).to_string(), "INVALID_INPUT", "quote"),
        (
            json!({ "order": ok_order, "quote": ok_quote, "extra": 1 }).to_string(),
            "UNKNOWN_FIELD",
            "extra",
        ),
        ("[1]".into(), "INVALID_INPUT", ""),
        (
            json!({ "order": { "picks": [{ "skuId": "puer-357", "quantity": -1 }] }, "quote": ok_quote }).to_string(),
            "INVALID_QUANTITY",
            "order.picks[0].quantity",
        ),
        (
            json!({ "order": { "picks": [{ "skuId": "puer-357", "quantity": "many" }] }, "quote": ok_quote }).to_string(),
            "INVALID_QUANTITY",
            "order.picks[0].quantity",
        ),
        (
            json!({ "order": { "picks": [{ "skuId": 7, "quantity": 1 }] }, "quote": ok_quote }).to_string(),
            "INVALID_INPUT",
            "order.picks[0].skuId",
        ),
        (
            json!({ "order": ok_order, "quote": { "payable": "1.234" } }).to_string(),
            "INVALID_MONEY",
            "quote.payable",
        ),
        (
            json!({ "order": { "picks": [{ "skuId": "nope", "quantity": 1 }] }, "quote": ok_quote }).to_string(),
            "UNKNOWN_ID",
            "order.picks[0].skuId",
        ),
        (
            format!("{{\"order\":{ok_order},\"quote\":{{\"payable\":\"0.01\",{}", &ok_quote.to_string()[1..]),
            "INVALID_INPUT",
            "quote.payable",
        ),
    ];
    for (body, code, path) in cases {
        let r = a.post("/api/orders", &body);
        assert_eq!(r.status, 400, "{body:.120}: {}", r.text());
        let e = r.json();
        assert_eq!(e["code"], code, "{body:.120}: {e}");
        if !path.is_empty() {
            assert!(
                e["path"].as_str().unwrap().starts_with(path),
                "{body:.120}: {e}"
            );
        }
        for k in ["code", "path", "message", "messageEn"] {
            assert!(e[k].is_string(), "{k} in {e}");
        }
    }
    let r = a.post(
        "/api/quote",
        r#"{"picks":[{"skuId":"puer-357","quantity":0}]}"#,
    );
    assert_eq!(
        (r.status, r.json()["path"].clone()),
        (400, json!("order.picks[0].quantity"))
    );
    let r = a.post("/api/wallet/claim", r#"{"couponId":"nope"}"#);
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (400, json!("UNKNOWN_ID"))
    );
    let r = a.post("/api/wallet/claim", r#"{"couponId":"snack-old-8"}"#);
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (409, json!("COUPON_EXPIRED"))
    );
    // Sold out is a conflict, not a malformed request.
    let sold_out = json!({ "picks": [{ "skuId": "jasmine-250", "quantity": 1 }] });
    let body = json!({ "order": sold_out, "quote": ok_quote }).to_string();
    let r = a.post("/api/orders", &body);
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (409, json!("OUT_OF_STOCK"))
    );
    // Nothing was stored by any of it.
    assert_eq!(a.get("/api/orders").json()["orders"], json!([]));
}

#[test]
fn orders_and_stock_survive_a_restart() {
    let dir = TempDir::new("restart");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    let order = json!({ "picks": [{ "skuId": "history-set", "quantity": 3 }], "address": { "regionCode": "110108", "detail": "北京市海淀区中关村大街 1 号" } });
    let quote = client_quote(&catalog, &order);
    let r = place(&mut a, &order, &quote, Some("k"));
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["orderId"].as_str().unwrap().to_string();
    server.kill();

    let server = Server::start(&dir.0, &[]);
    let mut a = Client {
        addr: server.addr.clone(),
        cookie: a.cookie,
    };
    let list = a.get("/api/orders").json();
    assert_eq!(list["orders"][0]["orderId"], id.as_str());
    assert_eq!(
        a.get(&format!("/api/orders/{id}")).json()["address"]["detail"],
        "北京市海淀区中关村大街 1 号"
    );
    assert_eq!(stock_of(&catalog_of(&mut a), "history-set"), Some(27));
    // The idempotency record survived too.
    let r = place(&mut a, &order, &quote, Some("k"));
    assert_eq!((r.status, r.json()["orderId"].clone()), (201, json!(id)));
    assert_eq!(stock_of(&catalog_of(&mut a), "history-set"), Some(27));
}

#[test]
fn flash_sale_units_count_against_the_buyer_across_orders() {
    let dir = TempDir::new("flash");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let stale = catalog_of(&mut a);
    let two = json!({ "picks": [{ "skuId": "longjing-100", "quantity": 2 }] });
    let r = place(&mut a, &two, &client_quote(&stale, &two), None);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        r.json()["quote"]["lines"][0]["subtotal"],
        "118.00",
        "2 × ¥59 秒杀"
    );
    // The 秒杀 limit (2 per buyer) is used up: a quote from the old catalog is refused…
    let one = json!({ "picks": [{ "skuId": "longjing-100", "quantity": 1 }] });
    let r = place(&mut a, &one, &client_quote(&stale, &one), None);
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(r.json()["quote"]["lines"][0]["subtotal"], "89.00");
    // …and one from the catalog the server hands this buyer now is accepted at the list price.
    let live = catalog_of(&mut a);
    let r = place(&mut a, &one, &client_quote(&live, &one), None);
    assert_eq!(r.status, 201, "{}", r.text());
    // Another buyer still gets the 秒杀 price.
    let mut b = server.client();
    let fresh = catalog_of(&mut b);
    let r = place(&mut b, &one, &client_quote(&fresh, &one), None);
    assert_eq!(r.json()["quote"]["lines"][0]["subtotal"], "59.00");
}

#[test]
fn www_is_served_with_its_content_types_and_nothing_outside_it() {
    let dir = TempDir::new("www");
    let www = dir.0.join("www");
    std::fs::create_dir_all(www.join("pkg")).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>小店</title>").unwrap();
    std::fs::write(www.join("pkg/x_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(www.join("app.js"), "export {}").unwrap();
    std::fs::write(dir.0.join("secret.txt"), "no").unwrap();
    let server = Server::start(&dir.0.join("data"), &["--www", www.to_str().unwrap()]);
    let mut c = server.client();
    let r = c.get("/");
    assert_eq!(
        (r.status, r.header("content-type")),
        (200, Some("text/html; charset=utf-8"))
    );
    assert!(r.text().contains("小店"));
    let r = c.get("/pkg/x_bg.wasm");
    assert_eq!(
        (r.status, r.header("content-type")),
        (200, Some("application/wasm"))
    );
    assert_eq!(r.body, b"\0asm\x01\0\0\0");
    assert_eq!(
        c.get("/app.js").header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(c.get("/missing.js").status, 404);
    assert_eq!(c.get("/%2e%2e/secret.txt").status, 403);
    assert_eq!(c.get("/api/nope").json()["code"], "NOT_FOUND");
    let set = server
        .client()
        .get("/")
        .header("set-cookie")
        .unwrap()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
}

#[test]
fn an_order_the_shop_does_not_deliver_is_refused_and_not_placed() {
    let dir = TempDir::new("blocked");
    let server = Server::start(&dir.0, &[]);
    let mut c = server.client();
    let catalog = catalog_of(&mut c);
    // 坚果铺子's by-weight template does not serve 港澳台: the soy sauce to 香港 中西区.
    let order = json!({
        "picks": [{ "skuId": "soy-500", "quantity": 1 }],
        "address": { "regionCode": "810001", "name": "陈大文", "phone": "13800138000", "detail": "皇后大道中 1 号" },
    });
    let quote = client_quote(&catalog, &order);
    assert_eq!(quote["blockers"][0]["code"], "NOT_DELIVERABLE");
    let r = place(&mut c, &order, &quote, None);
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["code"], "NOT_DELIVERABLE");
    assert_eq!(r.json()["path"], "order.lines[0]");
    assert_eq!(r.json()["message"], quote["blockers"][0]["message"]);
    assert_eq!(c.get("/api/orders").json()["orders"], json!([]));
    // The same goods to 浙江 go through.
    let mut order = order;
    order["address"] = json!({ "regionCode": "330106", "name": "张三", "phone": "13800138000", "detail": "文三路 1 号" });
    let quote = client_quote(&catalog, &order);
    assert_eq!(place(&mut c, &order, &quote, None).status, 201);
}

/// Asserts the API's error shape: four strings, `code` and `path` as given.
fn assert_error(r: &support::Response, status: u16, code: &str, path: &str) -> Value {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let e = r.json();
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some(code), Some(path)),
        "{e}"
    );
    for k in ["message", "messageEn"] {
        assert!(!e[k].as_str().unwrap().is_empty(), "{k} in {e}");
    }
    e
}

#[test]
fn an_order_with_nothing_to_sell_is_refused_and_not_stored() {
    let dir = TempDir::new("empty");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    let empty = json!({ "picks": [] });
    // A quote of an empty cart is a preview (a storefront shows ¥0.00 before the first tap)…
    let q = a.post("/api/quote", &empty.to_string());
    assert_eq!(q.status, 200, "{}", q.text());
    assert_eq!(q.json()["payable"], "0.00");
    // …but it is no order, with or without an idempotency key.
    let quote = client_quote(&catalog, &empty);
    for key in [None, Some("empty-1")] {
        let r = place(&mut a, &empty, &quote, key);
        let e = assert_error(&r, 422, "EMPTY_ORDER", "order.picks");
        assert!(!e["message"].as_str().unwrap().contains("pick"), "{e}");
    }
    // Picks the catalog would all drop (gone, sold out) are refused at the pick, not placed as
    // an empty order; the client's quote is the honest one (no lines, adjustments).
    for (sku, status, code, field) in [
        ("no-such-sku", 400, "UNKNOWN_ID", "skuId"),
        ("jasmine-250", 409, "OUT_OF_STOCK", "quantity"),
    ] {
        let order = json!({ "picks": [{ "skuId": sku, "quantity": 1 }] });
        let quote = client_quote(&catalog, &order);
        assert_eq!(quote["lines"], json!([]), "{sku}");
        let r = place(&mut a, &order, &quote, None);
        assert_error(&r, status, code, &format!("order.picks[0].{field}"));
    }
    assert_eq!(a.get("/api/orders").json()["orders"], json!([]));
}

#[test]
fn a_quote_over_stock_or_limit_is_a_preview_with_adjustments_and_the_order_is_refused() {
    let dir = TempDir::new("adjust");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    // puer-357 has 50, kettle-12 is 限购 2 per order, jasmine-250 is sold out.
    let order = json!({ "picks": [
        { "skuId": "puer-357", "quantity": 51 },
        { "skuId": "kettle-12", "quantity": 3 },
        { "skuId": "jasmine-250", "quantity": 1 },
    ] });
    let r = a.post("/api/quote", &order.to_string());
    assert_eq!(r.status, 200, "{}", r.text());
    let q = r.json();
    let quantities: Vec<(&str, u64)> = q["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["skuId"].as_str().unwrap(),
                l["quantity"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(quantities, [("puer-357", 50), ("kettle-12", 2)]);
    let adjustments: Vec<(&str, &str, u64, u64)> = q["adjustments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["skuId"].as_str().unwrap(),
                a["code"].as_str().unwrap(),
                a["requested"].as_u64().unwrap(),
                a["quantity"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        adjustments,
        [
            ("puer-357", "OUT_OF_STOCK", 51, 50),
            ("kettle-12", "PURCHASE_LIMIT_EXCEEDED", 3, 2),
            ("jasmine-250", "OUT_OF_STOCK", 1, 0),
        ]
    );
    // The same preview a Storefront makes of the catalog the server hands out.
    let local = client_quote(&catalog, &order);
    assert_eq!(
        (&q["lines"], &q["adjustments"]),
        (&local["lines"], &local["adjustments"])
    );
    // Placing it is refused at the first pick the shop cannot sell as asked; nothing is stored.
    let r = place(&mut a, &order, &client_quote(&catalog, &order), None);
    assert_error(&r, 409, "OUT_OF_STOCK", "order.picks[0].quantity");
    let over_limit = json!({ "picks": [{ "skuId": "kettle-12", "quantity": 3 }] });
    let r = place(
        &mut a,
        &over_limit,
        &client_quote(&catalog, &over_limit),
        None,
    );
    assert_error(
        &r,
        409,
        "PURCHASE_LIMIT_EXCEEDED",
        "order.picks[0].quantity",
    );
    assert_eq!(a.get("/api/orders").json()["orders"], json!([]));
}

#[test]
fn top_level_unknown_fields_and_syntax_errors_name_the_apis_paths() {
    let dir = TempDir::new("paths");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    let catalog = catalog_of(&mut a);
    let order = json!({ "picks": [{ "skuId": "puer-357", "quantity": 1 }] });
    let quote = client_quote(&catalog, &order);
    let body = json!({ "order": order, "quote": quote, "x": 1 }).to_string();
    assert_error(&a.post("/api/orders", &body), 400, "UNKNOWN_FIELD", "x");
    // A typo gets the project's "did you mean".
    let body = json!({ "ordr": order, "quote": quote }).to_string();
    let e = assert_error(&a.post("/api/orders", &body), 400, "UNKNOWN_FIELD", "ordr");
    assert!(
        e["messageEn"]
            .as_str()
            .unwrap()
            .contains("did you mean order?"),
        "{e}"
    );
    assert!(
        e["message"].as_str().unwrap().contains("是否想写 order？"),
        "{e}"
    );
    let e = assert_error(
        &a.post("/api/orders", &json!({ "order": order }).to_string()),
        400,
        "INVALID_INPUT",
        "quote",
    );
    assert!(e["messageEn"].as_str().unwrap().contains("missing"), "{e}");

    // /api/quote's body is the order: every path is under `order.`, syntax errors and repeated
    // keys as well as the fields' own errors.
    for (body, code, path) in [
        (
            r#"{"picks":[{"skuId":"puer-357" "quantity":1}]}"#,
            "INVALID_INPUT",
            "order.picks[0]",
        ),
        (
            r#"{"picks":[{"skuId":"puer-357","quantity":1,"quantity":2}]}"#,
            "INVALID_INPUT",
            "order.picks[0].quantity",
        ),
        (
            r#"{"picks":[{"skuId":"puer-357","quantity":0}]}"#,
            "INVALID_QUANTITY",
            "order.picks[0].quantity",
        ),
        (
            r#"{"picks":[{"skuId":"puer-357","quantty":1}]}"#,
            "UNKNOWN_FIELD",
            "order.picks[0].quantty",
        ),
    ] {
        let r = a.post("/api/quote", body);
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        let e = r.json();
        assert_eq!(e["code"], code, "{body}: {e}");
        assert!(e["path"].as_str().unwrap().starts_with(path), "{body}: {e}");
    }
    // /api/orders and /api/wallet/claim's bodies are the root: their paths have no prefix.
    let r = a.post(
        "/api/orders",
        r#"{"order":{"picks":[{"skuId":"puer-357" "quantity":1}]}}"#,
    );
    let e = r.json();
    assert!(
        e["path"].as_str().unwrap().starts_with("order.picks[0]"),
        "{e}"
    );
    let r = a.post("/api/wallet/claim", r#"{"couponId":"a","couponId":"b"}"#);
    assert_error(&r, 400, "INVALID_INPUT", "couponId");
}

#[test]
fn a_wrong_method_gets_405_with_the_error_body_and_allow() {
    let dir = TempDir::new("method");
    let server = Server::start(&dir.0, &[]);
    let mut a = server.client();
    for (method, path, allowed) in [
        ("DELETE", "/api/orders", &["GET", "POST"][..]),
        ("PUT", "/api/quote", &["POST"][..]),
        ("POST", "/api/catalog", &["GET"][..]),
        ("DELETE", "/api/orders/XD1", &["GET"][..]),
        ("PUT", "/index.html", &["GET"][..]),
    ] {
        let r = a.send(method, path, &[], None);
        let e = assert_error(&r, 405, "METHOD_NOT_ALLOWED", "");
        let allow = r
            .header("allow")
            .unwrap_or_else(|| panic!("no Allow for {method} {path}"));
        let mut got: Vec<&str> = allow
            .split(',')
            .map(str::trim)
            .filter(|m| *m != "HEAD")
            .collect();
        got.sort_unstable();
        assert_eq!(got, allowed, "{method} {path}");
        assert!(e["messageEn"].as_str().unwrap().contains(method), "{e}");
    }
    // Unknown API paths stay 404 whatever the method.
    assert_error(
        &a.send("DELETE", "/api/nope", &[], None),
        404,
        "NOT_FOUND",
        "",
    );
}

#[test]
fn the_startup_line_prints_the_canonical_data_path() {
    let dir = TempDir::new("startup");
    let given = dir.0.join("sub").join("..").join("data");
    let server = Server::start(&given, &[]);
    let canonical = std::fs::canonicalize(dir.0.join("data")).unwrap();
    let expected = format!("(data: {})", canonical.join("xiaodian.sqlite").display());
    assert!(
        server.line.contains(&expected),
        "{:?} lacks {expected}",
        server.line
    );
    assert!(!server.line.contains(".."), "{:?}", server.line);
}
