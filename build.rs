//! Embeds the data files minified: the rulebook and demo catalog stay readable in `data/`, while
//! the module carries them without their indentation (−9 KB of wasm). Also writes the rulebook's
//! checkout part (`version`, `points`) on its own, so the shopper's module, which quotes but never
//! reads the rest, does not carry the whole rulebook (−21 KB).

use std::{env, fs, path::Path};

/// Drop whitespace outside JSON strings; everything else is copied as is (key order too, which
/// a round trip through serde_json's Value would sort).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["rulebook.json", "demo-catalog.json"] {
        let src = Path::new("data").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        fs::write(Path::new(&out_dir).join(name), minify(&text)).expect("write OUT_DIR");
        if name == "rulebook.json" {
            let book: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
            // `membership`, `invoice`, `refund`: the after-the-price rules (checkout/loyalty.rs).
            let checkout = serde_json::json!({
                "version": book["version"],
                "points": book["points"],
                "membership": book["membership"],
                "invoice": book["invoice"],
                "refund": book["refund"],
            });
            fs::write(
                Path::new(&out_dir).join("checkout-rules.json"),
                checkout.to_string(),
            )
            .expect("write OUT_DIR");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
