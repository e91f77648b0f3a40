// Fresh consumer apps for the npm package: the tarball installed with npm the way a user would,
// bundlers and TypeScript from the npm registry installed once into a cache folder that survives
// runs (and fresh clones: it lives under ~/.cache unless XD_PACKAGE_CACHE says otherwise), keyed
// by the pinned versions below, so a repeat run installs only the tarball.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, cpSync } from "node:fs";
import http from "node:http";
import { homedir, tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The registry packages the apps build with, pinned (a change re-installs the cache). */
export const TOOLS = {
  vite: "8.4.0",
  esbuild: "0.28.2",
  webpack: "5.113.0",
  rollup: "4.68.8",
  "@rollup/plugin-node-resolve": "16.0.3",
  "@rollup/plugin-json": "6.1.0",
  "@web/rollup-plugin-import-meta-assets": "2.3.3",
  typescript: "5.9.3",
  // The newest TypeScript (the native port) too, as a second compiler of the same files.
  typescript7: "npm:typescript@7.0.2",
};

const key = createHash("sha256").update(JSON.stringify(TOOLS)).digest("hex").slice(0, 12);
export const CACHE = join(process.env.XD_PACKAGE_CACHE ?? join(homedir(), ".cache/xiaodian-package-tests"), key);

function npm(args, cwd) {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * The cached tool install: `{ dir, fresh }` (fresh: installed by this call). Installed into a
 * folder of its own and renamed into place, so two runs at once (developers share the machine)
 * never see a half-installed cache; the loser of the rename uses the winner's.
 */
export function tools() {
  const dir = join(CACHE, "tools");
  if (existsSync(join(dir, "node_modules/.xiaodian-installed"))) return { dir, fresh: false };
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, "installing-"));
  try {
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "xiaodian-package-test-tools", private: true, devDependencies: TOOLS }, null, 2));
    npm(["install"], work);
    writeFileSync(join(work, "node_modules/.xiaodian-installed"), new Date().toISOString());
    // A folder left by an interrupted install (no stamp) is replaced.
    if (existsSync(dir) && !existsSync(join(dir, "node_modules/.xiaodian-installed"))) rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    return { dir, fresh: true };
  } catch (e) {
    if (existsSync(join(dir, "node_modules/.xiaodian-installed"))) return { dir, fresh: false };
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Pack the package: scripts/build-npm.mjs (needs scripts/build.sh's outputs). */
export function pack() {
  const log = execFileSync("node", [join(ROOT, "scripts/build-npm.mjs")], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const pkg = JSON.parse(readFileSync(join(ROOT, "dist/npm/package.json"), "utf8"));
  return { tarball: join(ROOT, `dist/xiaodian-${pkg.version}.tgz`), pkg, log };
}

/**
 * A new app folder with its package.json and files, and the tarball installed into it by npm.
 * `bundled` apps sit inside the tool folder so Node's lookup finds the bundlers there; the others
 * in a fresh OS temp folder that sees nothing but the package.
 */
export function app(name, files, tarball, { bundled = false, type } = {}) {
  const base = bundled ? join(CACHE, "tools/apps") : tmpdir();
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `xd-${name}-`));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `xd-${name}`, private: true, ...(type && { type }) }, null, 2));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  npm(["install", tarball], dir);
  return dir;
}

export function remove(dir) {
  rmSync(dir, { recursive: true, force: true });
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };

/** A static server for a built app on a free 127.0.0.1 port; records each request's path and status. */
export async function serve(dir) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    const file = path.endsWith(sep) ? join(path, "index.html") : path;
    let status = 200;
    try {
      if (!file.startsWith(dir)) throw new Error("outside");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      status = 404;
      res.writeHead(404).end("not found");
    }
    requests.push({ path: req.url, status });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

export function copyInto(from, to) {
  cpSync(from, to, { recursive: true });
}

// `node tests/package/apps.mjs`: install the tools into the cache if missing (scripts/setup.sh).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dir, fresh } = tools();
  console.error(`[setup] package-test tools ${fresh ? "installed" : "present"} in ${dir}`);
}
