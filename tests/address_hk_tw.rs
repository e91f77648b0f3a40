//! Pasted 香港 / 澳门 / 台湾 addresses (found by the session-6 fresh-eyes trial): the phone as
//! written there (no country code, or without its plus) is the phone and not left in the
//! detail; a 台湾 city's districts are not read as their mainland namesakes. The table has 台湾
//! as one region (GB/T 2260: 710000), so its city and district stay in the detail.
#![cfg(not(target_arch = "wasm32"))]

use xiaodian::address::parse_address;

fn codes(p: &xiaodian::address::ParsedAddress) -> Vec<String> {
    p.findings.iter().map(|f| f.code.to_string()).collect()
}

#[test]
fn hong_kong_and_macau_numbers_without_a_country_code() {
    for (text, code, phone, detail) in [
        (
            "香港九龙城区太子道西1号 陈大文 91234567",
            "810007",
            "+852 91234567",
            "太子道西1号",
        ),
        (
            "陈大文，9123 4567，香港湾仔告士打道1号",
            "810002",
            "+852 91234567",
            "告士打道1号",
        ),
        (
            "陈大文 852-91234567 香港特别行政区九龙城区太子道西1号",
            "810007",
            "+852 91234567",
            "太子道西1号",
        ),
        (
            "陈大文 (852) 9123-4567 香港湾仔区告士打道1号",
            "810002",
            "+852 91234567",
            "告士打道1号",
        ),
        (
            "何伟 6612 3456 澳门花地玛堂区黑沙环马路10号",
            "820001",
            "+853 66123456",
            "黑沙环马路10号",
        ),
    ] {
        let p = parse_address(text);
        assert_eq!(p.region_code.as_deref(), Some(code), "{text}");
        assert_eq!(p.phone.as_deref(), Some(phone), "{text}");
        assert_eq!(p.detail, detail, "{text}");
        assert!(p.district.is_some(), "{text}");
        assert_eq!(p.confidence, 1.0, "{text}");
        assert!(codes(&p).is_empty(), "{text}: {:?}", codes(&p));
    }
}

#[test]
fn taiwan_addresses() {
    for (text, phone, detail) in [
        (
            "台北市大安区忠孝东路四段1号 林小美 0912345678",
            "+886 912345678",
            "台北市大安区忠孝东路四段1号",
        ),
        (
            "收货人：林小美 电话：0912-345-678 地址：台湾台北市大安区忠孝东路四段1号",
            "+886 912345678",
            "台北市大安区忠孝东路四段1号",
        ),
        (
            "林小美 0912-345-678 台湾省台北市大安区忠孝东路四段1号",
            "+886 912345678",
            "台北市大安区忠孝东路四段1号",
        ),
        (
            "台湾省新北市板桥区文化路一段100号 王小明 +886-2-2960-3456",
            "+886 229603456",
            "新北市板桥区文化路一段100号",
        ),
    ] {
        let p = parse_address(text);
        // Not 四川 自贡 大安区, and no ambiguity between them.
        assert_eq!(p.region_code.as_deref(), Some("710000"), "{text}");
        assert_eq!(p.province.as_ref().map(|r| r.name.as_str()), Some("台湾省"));
        assert!(p.candidates.is_empty(), "{text}");
        assert_eq!(p.phone.as_deref(), Some(phone), "{text}");
        assert_eq!(p.detail, detail, "{text}");
        assert!(
            !codes(&p).contains(&"AMBIGUOUS_REGION".to_string()),
            "{text}"
        );
    }
    let p = parse_address("林小美 0912-345-678 台湾省台北市大安区忠孝东路四段1号");
    assert_eq!(p.name.as_deref(), Some("林小美"));
}

#[test]
fn eight_digits_elsewhere_stay_what_they_were() {
    // On the mainland eight digits are no phone: left in the detail, as before.
    let p = parse_address("张三 浙江省杭州市西湖区文三路90号 91234567");
    assert_eq!(p.phone, None);
    assert_eq!(p.region_code.as_deref(), Some("330106"));
    assert!(p.detail.contains("91234567"), "{}", p.detail);
    // And a mainland 大安区 still resolves when no 台湾 city is named.
    let p = parse_address("李四 13800138000 四川省自贡市大安区大安街1号");
    assert_eq!(p.region_code.as_deref(), Some("510304"));
}
