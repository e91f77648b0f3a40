// Checkout page labels only (the storefront's own are in i18n.js). Amounts, reasons and the
// server's refusals come from the engine and the order server in both languages.
import { LABELS } from "./i18n.js";

const OWN = {
  zh: {
    coTitle: "确认订单", backToShop: "← 继续购物", myOrders: "我的订单", address: "收货地址",
    pasteHelp: "粘贴整段地址（姓名、电话、地址），自动识别", pastePlaceholder: "例如：张三 13800138000 浙江省杭州市西湖区文三路 90 号",
    parse: "识别", province: "省份", city: "城市", district: "区县", choose: "请选择",
    detail: "详细地址", name: "收货人", phone: "手机号", items: "商品清单", summary: "金额",
    submit: "提交订单", submitting: "正在提交…", placed: "下单成功", orderNo: "订单号", item: "商品",
    qty: "数量", paid: "实付", coFooter: "金额由 xiaodian 引擎计算，提交时由服务器核对。",
    needServer: "结算需要订单服务器：请用 bash scripts/start.sh 启动后打开本页。",
    emptyCart: "购物车是空的，先去挑几件商品吧。", needAddress: "请填写收货地址（省市区、详细地址、收货人和手机号）。",
    priceChanged: "价格已更新", priceChangedHelp: "以下金额已按服务器的最新报价更新，请确认后再次提交。",
    was: "原为", now: "现为", outOfStock: "库存不足", noOrders: "还没有订单。", items_n: "件", items_1: "件",
    orderGone: "找不到这个订单。", regionsFailed: "地区数据加载失败：", adjusted: "购物车已调整",
    pickupTitle: "到店自提", pickupHelp: "无需收货地址：凭订单号到店提货。", nothingToOrder: "购物车里没有可下单的商品。",
  },
  en: {
    coTitle: "Checkout", backToShop: "← Keep shopping", myOrders: "My orders", address: "Delivery address",
    pasteHelp: "Paste a whole address (name, phone, address) to fill the fields", pastePlaceholder: "e.g. 张三 13800138000 浙江省杭州市西湖区文三路 90 号",
    parse: "Read", province: "Province", city: "City", district: "District", choose: "Choose",
    detail: "Street address", name: "Recipient", phone: "Mobile", items: "Items", summary: "Amounts",
    submit: "Place order", submitting: "Placing…", placed: "Order placed", orderNo: "Order no.", item: "Item",
    qty: "Qty", paid: "Paid", coFooter: "Amounts are computed by the xiaodian engine and checked by the server on submit.",
    needServer: "Checkout needs the order server: start it with bash scripts/start.sh and open this page there.",
    emptyCart: "Your cart is empty: pick something first.", needAddress: "Fill in the address (region, street, recipient and mobile).",
    priceChanged: "Prices changed", priceChangedHelp: "The amounts below now follow the server's latest quote; check them and place the order again.",
    was: "was", now: "now", outOfStock: "Out of stock", noOrders: "No orders yet.", items_n: "items", items_1: "item",
    orderGone: "No such order.", regionsFailed: "The regions table failed to load:", adjusted: "Your cart was adjusted",
    pickupTitle: "Store pickup", pickupHelp: "No delivery address needed: collect it at the shop with the order number.", nothingToOrder: "There is nothing in the cart to order.",
  },
};

export const CHECKOUT_LABELS = {
  zh: { ...LABELS.zh, ...OWN.zh },
  en: { ...LABELS.en, ...OWN.en },
};
