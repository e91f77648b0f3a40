// The real order server (server/, crate xiaodian-server) for browser tests: built with cargo,
// started on a free loopback port with a temp data dir, stopped by the test.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { before, after } from "node:test";
import { start } from "./harness.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Build the debug binary once (a no-op when it is up to date); XD_SERVER_BIN skips it. */
export function serverBinary() {
  if (process.env.XD_SERVER_BIN) return process.env.XD_SERVER_BIN;
  execFileSync("cargo", ["build", "--quiet", "-p", "xiaodian-server"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  return join(ROOT, "target/debug/xiaodian-server");
}

/** A port nothing listens on now (so a restarted server keeps its address and the cookie). */
export async function freePort() {
  const s = createServer();
  await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export function tempDir(tag) {
  return mkdtempSync(join(tmpdir(), `xd-browser-${tag}-`));
}

/** A catalog file for --catalog. */
export function catalogFile(dir, catalog) {
  const file = join(dir, "catalog.json");
  writeFileSync(file, JSON.stringify(catalog));
  return file;
}

/** Start the binary; resolves once it printed its URL. */
export async function startServer({ bin, port = 0, data, catalog } = {}) {
  const args = ["--port", String(port), "--data", data, "--www", join(ROOT, "www")];
  if (catalog) args.push("--catalog", catalog);
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`xiaodian-server exited with ${code}`)));
  });
  const m = /http:\/\/[^/\s]+/.exec(line);
  if (!m) throw new Error(`no URL in ${line}`);
  return {
    base: m[0],
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    },
  };
}

export const removeDir = (dir) => rmSync(dir, { recursive: true, force: true });

/**
 * A test file's real order server (its own temp data dir) and Chromium, started before the
 * file's tests and stopped after them: `live.h` is the harness (`start()`), `live.srv` the server.
 */
export function serveAndBrowse(tag) {
  const live = {};
  let data;
  before(async () => {
    const bin = serverBinary();
    live.h = await start();
    data = tempDir(tag);
    live.srv = await startServer({ bin, data });
  });
  after(async () => {
    await live.srv?.stop();
    if (data) removeDir(data);
    await live.h?.close();
  });
  return live;
}
