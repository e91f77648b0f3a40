// 杭州's 2021 districts (found by the session-6 fresh-eyes trial): 下城区 (330103) and 江干区
// (330104) are gone from data/regions.txt, named in its `# removed:` header; an old saved
// address with one of them is a coded UNKNOWN_REGION in both modules, never a crash, and the
// demo catalog's freight still quotes for the districts that replaced them.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd, throwsCode } from "./helpers.mjs";

const dir = new URL("../../www/pkg-shop/", import.meta.url);
const shop = await import(new URL("xiaodian.js", dir));
shop.initSync({ module: readFileSync(new URL("xiaodian_bg.wasm", dir)) });
const text = readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8");
const catalog = JSON.parse(readFileSync(new URL("../../data/demo-catalog.json", import.meta.url), "utf8"));
xd.loadRegions(text);
shop.loadRegions(text);

test("杭州市 lists its districts after the 2021 change, and the header says what was removed", () => {
  for (const m of [xd, shop]) {
    const names = m.regions("330100").map((r) => r.name);
    assert.ok(!names.includes("下城区") && !names.includes("江干区"), names.join(" "));
    for (const n of ["上城区", "拱墅区", "临平区", "钱塘区"]) assert.ok(names.includes(n), n);
  }
  assert.match(text, /^# removed: 330103 下城区 \(now 330105; source: assumed\)$/m);
  assert.match(text, /^# removed: 330104 江干区 \(now 330102 330114; source: assumed\)$/m);
  assert.match(text, /^# counts: 34 provinces, 341 cities, 3028 districts$/m);
  // The counts line matches the table.
  const rows = text.split("\n").filter((l) => /^\d{6} /.test(l)).map((l) => l.slice(0, 6));
  assert.equal(rows.filter((c) => !c.endsWith("00")).length, 3028);
});

test("an old saved address with 330103 / 330104: UNKNOWN_REGION, and the module answers after", () => {
  for (const code of ["330103", "330104"]) {
    throwsCode(() => xd.resolveAddress({ regionCode: code }), "UNKNOWN_REGION", "address.regionCode");
    for (const m of [xd, shop]) {
      const sf = new m.Storefront(catalog);
      throwsCode(() => sf.quote({ picks: [{ skuId: "puer-357", quantity: 1 }], address: { regionCode: code, detail: "延安路1号" } }),
        "UNKNOWN_REGION", "address.regionCode");
      // The districts that took them over quote, with freight.
      const q = sf.quote({ picks: [{ skuId: "puer-357", quantity: 1 }], address: { regionCode: "330105" } });
      assert.match(q.payable, /^\d+\.\d\d$/);
      assert.equal(m.resolveAddress({ regionCode: "330114" }).district.name, "钱塘区");
    }
  }
});

test("a pasted 下城区 address keeps the city and asks for the district", () => {
  const p = xd.parseAddress("张三 13800138000 浙江省杭州市下城区延安路1号");
  assert.equal(p.city?.code, "330100");
  assert.equal(p.district, undefined);
  assert.ok(p.findings.some((f) => f.code === "DISTRICT_NOT_FOUND"));
  assert.match(p.detail, /下城区/);
});

test("lookupRegion: a gone code keeps the levels still in the table and names what replaced it", () => {
  const codes = (l) => l.path.map((r) => r.code);
  for (const m of [xd, shop]) {
    assert.deepEqual(m.lookupRegion("330103"), {
      known: false,
      path: [{ code: "330000", name: "浙江省" }, { code: "330100", name: "杭州市" }],
      removed: { name: "下城区", replacedBy: [{ code: "330105", name: "拱墅区" }] },
    });
    assert.deepEqual(m.lookupRegion("330104").removed.replacedBy.map((r) => r.name), ["上城区", "钱塘区"]);
    // Known: its own chain, nothing removed (香港's districts have no city level above them).
    assert.deepEqual(m.lookupRegion("330105"), { known: true, path: [
      { code: "330000", name: "浙江省" }, { code: "330100", name: "杭州市" }, { code: "330105", name: "拱墅区" }] });
    assert.deepEqual(codes(m.lookupRegion("810001")), ["810000", "810001"]);
    // Not in the header: the digits say which levels survive (a municipality's city is xx0100).
    assert.deepEqual(m.lookupRegion("339999"), { known: false, path: [{ code: "330000", name: "浙江省" }] });
    assert.deepEqual(codes(m.lookupRegion("500299")), ["500000", "500100"]);
    for (const junk of ["", "abc", "990101", "3301030"]) assert.deepEqual(m.lookupRegion(junk), { known: false, path: [] }, junk);
    throwsCode(() => m.lookupRegion(330103), "INVALID_INPUT", "code");
  }
});
