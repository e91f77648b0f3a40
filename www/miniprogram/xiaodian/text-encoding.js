// TextEncoder / TextDecoder for the engine's glue: the runtime's own when it has them (recent
// WeChat base libraries, browsers, Node), otherwise these small UTF-8-only fallbacks, which is all
// the glue needs. Nothing global is touched.
"use strict";

class Utf8Encoder {
  get encoding() {
    return "utf-8";
  }

  encode(input = "") {
    const s = String(input);
    const out = new Uint8Array(s.length * 3);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      // A lone surrogate cannot be encoded: U+FFFD, as the standard encoder does.
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) {
        out[n++] = c;
      } else if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6);
        out[n++] = 0x80 | (c & 0x3f);
      } else if (c < 0x10000) {
        out[n++] = 0xe0 | (c >> 12);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      } else {
        out[n++] = 0xf0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 0x3f);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      }
    }
    return out.slice(0, n);
  }

  encodeInto(input, view) {
    const bytes = this.encode(input);
    // Only called by the glue with a view sized for the whole string.
    view.set(bytes.subarray(0, view.length));
    return { read: String(input).length, written: Math.min(bytes.length, view.length) };
  }
}

class Utf8Decoder {
  constructor(label = "utf-8", options = {}) {
    if (!/^utf-?8$/i.test(label)) throw new RangeError(`only UTF-8 is supported, not ${label}`);
    this.fatal = !!options.fatal;
    this.ignoreBOM = !!options.ignoreBOM;
  }

  get encoding() {
    return "utf-8";
  }

  decode(input) {
    if (input == null) return "";
    const b = input instanceof Uint8Array ? input : new Uint8Array(input.buffer ?? input, input.byteOffset ?? 0, input.byteLength);
    let i = !this.ignoreBOM && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    const units = [];
    let out = "";
    const bad = () => {
      if (this.fatal) throw new TypeError("invalid UTF-8");
      units.push(0xfffd);
    };
    while (i < b.length) {
      const c = b[i];
      let need = 0;
      let cp = 0;
      let min = 0;
      if (c < 0x80) {
        units.push(c);
        i++;
      } else {
        if (c >= 0xc2 && c <= 0xdf) [need, cp, min] = [1, c & 0x1f, 0x80];
        else if (c >= 0xe0 && c <= 0xef) [need, cp, min] = [2, c & 0x0f, 0x800];
        else if (c >= 0xf0 && c <= 0xf4) [need, cp, min] = [3, c & 0x07, 0x10000];
        else {
          bad();
          i++;
          continue;
        }
        let j = 1;
        for (; j <= need && i + j < b.length && (b[i + j] & 0xc0) === 0x80; j++) cp = (cp << 6) | (b[i + j] & 0x3f);
        if (j <= need || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          bad();
          i += Math.max(1, j);
          continue;
        }
        i += need + 1;
        if (cp >= 0x10000) {
          cp -= 0x10000;
          units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
          units.push(cp);
        }
      }
      // Flush in chunks: String.fromCharCode has an argument limit.
      if (units.length > 8192) out += String.fromCharCode(...units.splice(0));
    }
    return out + String.fromCharCode(...units);
  }
}

const hasNative = typeof TextEncoder !== "undefined" && typeof TextDecoder !== "undefined";
module.exports = {
  TextEncoder: hasNative ? TextEncoder : Utf8Encoder,
  TextDecoder: hasNative ? TextDecoder : Utf8Decoder,
  Utf8Encoder,
  Utf8Decoder,
  native: hasNative,
};
