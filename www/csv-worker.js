// Validates a CSV file off the main thread so the wizard stays responsive and can show progress.
// Message in: { buffer: ArrayBuffer }. Out: { type: "progress", done, total } while it runs, then
// { type: "done", report, ms, encoding } or { type: "error", error }.
import init, * as xd from "./pkg/xiaodian.js";

const ready = init();

/** Excel in China often saves GBK/GB18030: fall back to it when the bytes are not UTF-8. */
function decode(buffer) {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buffer), encoding: "UTF-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(buffer), encoding: "GB18030" };
  }
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
    const started = performance.now();
    const { text, encoding } = decode(data.buffer);
    const report = xd.validateCsv(text, data.options, (done, total) => self.postMessage({ type: "progress", done, total }));
    self.postMessage({ type: "done", report, encoding, ms: performance.now() - started });
  } catch (e) {
    self.postMessage({ type: "error", error: { code: e.code, path: e.path, message: e.message ?? String(e), messageEn: e.messageEn } });
  }
};
