// UI labels only. Every amount and every reason shown comes from the engine, which returns both
// zh-CN and English text; these are the page's own words.
export const LABELS = {
  zh: {
    title: "小店演示店铺", memberLevel: "会员等级", notMember: "非会员",
    memberHelp: "会员价按等级生效：等级越高，可用的会员价越多。",
    products: "商品", cart: "购物车", listSubtotal: "商品原价", priceSavings: "优惠价已省",
    subtotal: "商品金额", discount: "优惠券", shipping: "运费", payable: "应付",
    fingerprint: "报价指纹", clear: "清空购物车", footer: "所有金额由 xiaodian WebAssembly 引擎计算，精确到分。",
    add: "加入购物车", soldOut: "已售罄", joinGroup: "参与拼团", quantity: "数量", stock: "库存",
    limit: "限购", remove: "移除", empty: "购物车是空的，挑几件商品吧。", shop: "店铺",
    viewCart: "查看购物车", increase: "加一件", decrease: "减一件", notes: "未用的优惠价",
    cartOutdated: "购物车来自旧版本，已清空。", cartCorrupt: "保存的购物车已损坏，已清空。",
    cartRepaired: "购物车中有无效条目，已移除。", storageUnavailable: "浏览器无法保存购物车，刷新后将丢失。",
    skuGone: "有商品已下架，已从购物车移除：", loading: "正在加载引擎…", loadFailed: "引擎加载失败：",
    rule: { list: "原价", member: "会员价", ladder: "阶梯价", group: "拼团价", flash: "秒杀价", bargain: "砍价" },
  },
  en: {
    title: "xiaodian demo shop", memberLevel: "Member level", notMember: "Not a member",
    memberHelp: "Member prices apply by level: higher levels unlock more of them.",
    products: "Products", cart: "Cart", listSubtotal: "List price", priceSavings: "Saved by item prices",
    subtotal: "Goods", discount: "Coupons", shipping: "Shipping", payable: "To pay",
    fingerprint: "Quote fingerprint", clear: "Empty cart", footer: "Every amount is computed by the xiaodian WebAssembly engine, exact to the fen.",
    add: "Add to cart", soldOut: "Sold out", joinGroup: "Join a group buy", quantity: "Quantity", stock: "Stock",
    limit: "Limit", remove: "Remove", empty: "Your cart is empty: pick something.", shop: "Shop",
    viewCart: "View cart", increase: "One more", decrease: "One fewer", notes: "Prices not used",
    cartOutdated: "The saved cart was from an older version and was cleared.", cartCorrupt: "The saved cart was damaged and was cleared.",
    cartRepaired: "Invalid entries were removed from the saved cart.", storageUnavailable: "This browser cannot save the cart; it will be lost on reload.",
    skuGone: "An item is no longer sold and was removed:", loading: "Loading the engine…", loadFailed: "The engine failed to load:",
    rule: { list: "List", member: "Member", ladder: "Ladder", group: "Group buy", flash: "Flash sale", bargain: "Bargain" },
  },
};
