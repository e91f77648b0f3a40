//! The real server binary on a free port with a temp data dir, and a minimal HTTP/1.1 client
//! over std TcpStream (one request per connection).
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use xiaodian::catalog::{Catalog, Order};

pub struct Server {
    child: Child,
    pub addr: String,
    pub data: PathBuf,
    /// The first line it printed (`xiaodian shop: http://…/  (data: …)`).
    pub line: String,
}

/// A fresh temp directory, removed by the caller's `TempDir` drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p =
            std::env::temp_dir().join(format!("xd-server-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Server {
    /// Start the binary with `--port 0` and read the URL it prints.
    pub fn start(data: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xiaodian-server"))
            .args(["--port", "0", "--data"])
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn xiaodian-server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        Server {
            child,
            addr,
            data: data.to_path_buf(),
            line,
        }
    }

    /// Stop it hard (SIGKILL): what SQLite committed must survive that.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn client(&self) -> Client {
        Client {
            addr: self.addr.clone(),
            cookie: None,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One buyer: keeps the cookie the server sets.
#[derive(Clone)]
pub struct Client {
    pub addr: String,
    pub cookie: Option<String>,
}

impl Client {
    pub fn at(addr: &str) -> Client {
        Client {
            addr: addr.to_string(),
            cookie: None,
        }
    }

    pub fn get(&mut self, path: &str) -> Response {
        self.send("GET", path, &[], None)
    }

    pub fn post(&mut self, path: &str, body: &str) -> Response {
        self.send("POST", path, &[], Some(body.as_bytes()))
    }

    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Response {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        if let Some(c) = &self.cookie {
            req += &format!("Cookie: {c}\r\n");
        }
        for (k, v) in headers {
            req += &format!("{k}: {v}\r\n");
        }
        if let Some(b) = body {
            req += &format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            );
        }
        req += "\r\n";
        s.write_all(req.as_bytes()).unwrap();
        if let Some(b) = body {
            // The server may answer (413) and close before reading it all.
            let _ = s.write_all(b);
        }
        let mut raw = Vec::new();
        if let Err(e) = s.read_to_end(&mut raw) {
            panic!(
                "{method} {path}: reading the response: {e} (after {} bytes)",
                raw.len()
            );
        }
        let r = parse(&raw);
        if let Some(set) = r.header("set-cookie") {
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
        r
    }
}

fn parse(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head: {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(nl) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(std::str::from_utf8(&rest[..nl]).unwrap().trim(), 16)
                .unwrap();
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 2 + size + 2..];
        }
        body = out;
    }
    Response {
        status,
        headers,
        body,
    }
}

/// What an honest client sends for an order: the engine's quote of it against the catalog the
/// server handed out, made natively (the WASM Storefront gives the same quote).
pub fn client_quote(catalog: &Catalog, order: &Value) -> Value {
    let order: Order = xiaodian::json::from_json(&order.to_string()).unwrap();
    let cart = catalog.cart(&order).unwrap();
    serde_json::to_value(xiaodian::quote(&cart, now()).unwrap()).unwrap()
}

pub fn now() -> xiaodian::Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    xiaodian::Timestamp::from_millis(ms).unwrap()
}

pub fn catalog_of(client: &mut Client) -> Catalog {
    let r = client.get("/api/catalog");
    assert_eq!(r.status, 200);
    Catalog::from_json(&r.text()).unwrap()
}

pub fn stock_of(catalog: &Catalog, sku: &str) -> Option<u32> {
    catalog
        .products
        .iter()
        .flat_map(|p| &p.skus)
        .find(|s| s.sku_id == sku)
        .unwrap()
        .stock
}

pub fn coupon(catalog: &Catalog, id: &str) -> Value {
    serde_json::to_value(catalog.coupons.iter().find(|c| c.id == id).unwrap()).unwrap()
}
