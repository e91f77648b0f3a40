// Files the pages hand to the person: a Blob saved under a name, CSV text with a BOM.
import { el } from "./dom.js";

export const csvQuote = (s) => `"${String(s ?? "").replaceAll('"', '""')}"`;

export function downloadText(lines, name) {
  // A BOM so Excel opens the UTF-8 file with the right encoding.
  download(new Blob(["\uFEFF", lines.join("\r\n"), "\r\n"], { type: "text/csv;charset=utf-8" }), name);
}

export function download(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

