// Browser-test harness: serves www/ on a free loopback port and drives Debian's chromium with
// playwright-core. Screenshots go to test-artifacts/.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { createServer } from "../../scripts/serve.mjs";

export const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function start() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: FLAGS,
    headless: true,
  });
  return {
    base,
    browser,
    async page(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const problems = [];
      page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      return { page, context, problems };
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Put `quantity` of a SKU in the storefront's cart through its card, as a shopper does. */
export async function add(page, skuId, quantity = 1) {
  const card = page.locator(`[data-sku="${skuId}"]`);
  await card.locator("input[type=number]").fill(String(quantity));
  await card.locator(`[data-add="${skuId}"]`).click();
}
