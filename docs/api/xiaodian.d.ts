/* tslint:disable */
/* eslint-disable */

/** Options asking for a lean result: the amounts without the explanations. */
export type LeanQuoteOptions = QuoteOptions & { detail: "totals" | "lines" };
/** Options asking for the full quote (`detail` absent or `"full"`). */
export type FullQuoteOptions = QuoteOptions & { detail?: "full" };
/**
 * Quote a cart: item prices, shop grouping, shipping, totals exact to the fen. `options`:
 * `{ detail: "totals" | "lines" | "full", locale: "zh-CN" | "en" | "both" }` (default full, both;
 * a lean detail gives a `LeanQuote`).
 */
export function quote(cart: Cart, options: LeanQuoteOptions): LeanQuote;
export function quote(cart: Cart, options?: FullQuoteOptions): Quote;
export function quote(cart: Cart, options?: QuoteOptions): Quote | LeanQuote;
export interface Storefront {
    /**
     * Quote an order: `cart(order)` then `quote(cart)` in one crossing; what was capped or
     * dropped is in `quote.adjustments`. Line errors keep the cart's paths (`lines[i]…` is the
     * i-th pick kept). A lean `detail` gives a `LeanQuote`.
     */
    quote(order: Order, options: LeanQuoteOptions): LeanQuote;
    quote(order: Order, options?: FullQuoteOptions): Quote;
    quote(order: Order, options?: QuoteOptions): Quote | LeanQuote;
}



/** Yuan as a decimal string with exactly two decimals, e.g. "12.30". */
export type Money = string;
/** Yuan in: "12.30", "12.3", "12" or a JS number (read through its shortest form). */
export type MoneyInput = string | number;
/** A decimal fraction as a string, e.g. "0.85" (八五折 pays 85 %) or "0.006" (0.6 %). */
export type Rate = string;
/** A decimal number as a string. */
export type Decimal = string;
/** A time out: ISO-8601 with offset, e.g. "2026-11-11T20:00:00+08:00". */
export type Timestamp = string;
/** A time in: ISO-8601 text (a bare date where noted) or epoch milliseconds. */
export type TimestampInput = string | number;
/** A unit count in: a whole number (a numeric string is read too). */
export type Quantity = number | string;
/** A spreadsheet-style value: text (numbers and booleans are read as text). */
export type Text = string;
/** verifyOrder's options: the server's clock (default: now), the coupon ids this buyer holds
 * (absent: the order's coupons are taken by id, on the catalog's terms), the allowed skew. */
export interface VerifyOrderOptions {
    now?: TimestampInput;
    wallet?: string[];
    maxClockSkewSeconds?: number;
}
/** The properties of every Error this module throws. */
export interface XiaodianError extends Error {
    code: string;
    path: string;
    message: string;
    messageEn: string;
}


/**
 * A VAT rate with where it comes from.
 */
export interface TaxRate {
    rate: Rate;
    source: string;
}

/**
 * A category's rules with its ancestors' and its platform's folded in.
 */
export interface CategoryRules {
    qualifications: string[];
    requiredAttributes: string[];
    minImages?: number;
    dated: boolean;
    isbn: boolean;
    guidePriceFloor?: Rate;
    ingredients: boolean;
    virtual: boolean;
    /**
     * Every attribute a listing here must fill in: `requiredAttributes` plus ISBN, 定价 and
     * 全成分 where the flags above ask for them (what a listing form should offer).
     */
    listingAttributes: string[];
}

/**
 * A coupon in the buyer's wallet or a promotion the shop runs.
 */
export interface Offer {
    id: string;
    kind: OfferKind;
    title?: string;
    /**
     * The title in English, for pages shown in English (the zh title otherwise).
     */
    titleEn?: string;
    threshold?: MoneyInput;
    amount?: MoneyInput;
    rate?: Rate;
    cap?: MoneyInput;
    scope?: Scope;
    exclusive?: boolean;
    stackGroup?: string;
    /**
     * May combine with other offers of its layer and shop.
     */
    stackable?: boolean;
    validFrom?: TimestampInput;
    /**
     * Exclusive end; a bare date means through the end of that day (+08:00).
     */
    validTo?: TimestampInput;
    memberOnly?: boolean;
    minMemberLevel?: number;
    newCustomerOnly?: boolean;
    minQuantity?: number;
    /**
     * tiered: what `tiers[].min` counts (default amount).
     */
    basis?: TierBasis;
    tiers?: Tier[];
    /**
     * nthItem: the group size.
     */
    n?: number;
    /**
     * bundle: units per group.
     */
    count?: number;
    /**
     * bundle: what a full group costs.
     */
    price?: MoneyInput;
    /**
     * addOn: the SKUs on offer and their add-on prices.
     */
    items?: AddOnItem[];
    /**
     * addOn: most add-on units per order.
     */
    limit?: number;
    /**
     * Uses left of this offer (0 → USAGE_LIMIT_REACHED).
     */
    usesLeft?: number;
    /**
     * Budget left: the discount is capped at it (0 → BUDGET_EXHAUSTED).
     */
    budgetLeft?: MoneyInput;
}

/**
 * A coupon or promotion that was not used, with its reason code.
 */
export interface Rejected {
    id: string;
    source: Source;
    code: string;
    /**
     * The offer's `titleEn` when it has one.
     */
    titleEn?: string;
    /**
     * THRESHOLD_NOT_MET: how much more eligible goods are needed.
     */
    missing?: Money;
    /**
     * MIN_QUANTITY_NOT_MET: how many more items.
     */
    missingQuantity?: number;
    message: string;
    messageEn: string;
    /**
     * `message` without the offer's name in front (未达使用门槛，还差 ¥29.00).
     */
    reason: string;
    reasonEn: string;
}

/**
 * A coupon or promotion that was used, with the basis of its amount.
 */
export interface Applied {
    id: string;
    source: Source;
    kind: OfferKind;
    layer: Layer;
    title: string;
    /**
     * The offer's `titleEn` when it has one.
     */
    titleEn?: string;
    shopId?: string;
    amount: Money;
    /**
     * The eligible lines' amount the threshold and discount were computed on.
     */
    eligibleAmount: Money;
    threshold?: Money;
    rate?: Rate;
    cap?: Money;
    capHit: boolean;
    /**
     * 每满减: how many full thresholds.
     */
    times?: number;
    shopsFreed?: string[];
    message: string;
    messageEn: string;
    /**
     * `message` without the offer's name in front (免运费 ¥8.00), for a page that shows the
     * name beside it.
     */
    reason: string;
    reasonEn: string;
}

/**
 * A coupon this return gives back: every unit it covered has now been returned.
 */
export interface CouponBack {
    id: string;
    /**
     * "valid", "expired", or "unknown" (the coupon's validTo was not given).
     */
    validity: string;
    message: string;
    messageEn: string;
}

/**
 * A gift of a reached tier.
 */
export interface QuoteGift {
    skuId: string;
    quantity: number;
    offerId: string;
    /**
     * The offer's shop, or the shop of its lines when they are all in one.
     */
    shopId?: string;
    title?: string;
    /**
     * The gift's `titleEn` when it has one.
     */
    titleEn?: string;
}

/**
 * A line's share of one discount.
 */
export interface LineDiscount {
    id: string;
    amount: Money;
}

/**
 * A listing attribute's display names.
 */
export interface Attribute {
    id: string;
    name: string;
    nameEn: string;
}

/**
 * A node of the category tree as nested data, for pickers.
 */
export interface CategoryNode {
    id: string;
    name: string;
    nameEn: string;
    /**
     * Empty for a leaf (the level listings need).
     */
    children: CategoryNode[];
}

/**
 * A node of the category tree. Rules set here hold for every descendant.
 */
export interface Category {
    id: string;
    name: string;
    nameEn: string;
    qualifications?: string[];
    minImages?: number;
    requiredAttributes?: string[];
    /**
     * Food-like: production date and shelf life apply.
     */
    dated?: boolean;
    isbn?: boolean;
    /**
     * Price at least this share of the publisher's guide price (图书 50 %).
     */
    guidePriceFloor?: Rate;
    /**
     * A full ingredient list (全成分表) is required.
     */
    ingredients?: boolean;
    virtual?: boolean;
    source?: string;
}

/**
 * A price option that did not win, and why.
 */
export interface PriceNote {
    rule: PriceRule;
    unitPrice?: Money;
    reason: string;
    reasonEn: string;
}

/**
 * A refund preview with its consequences.
 */
export interface RefundOutcome extends RefundPreview {
    /**
     * Deducted points given back (of `quote.points.used`), exact over successive returns.
     */
    pointsReturned?: number;
    /**
     * Earned points taken back (of the lines' `pointsEarned`).
     */
    pointsClawback?: number;
    /**
     * The shop's shipping refunded with this return (rulebook `refund.shipping`).
     */
    shippingRefund: Money;
    /**
     * Goods refund + shipping refund.
     */
    totalRefund: Money;
    /**
     * Of `totalRefund`: back to stored value, and to the original cash payment.
     */
    storedValueReturned?: Money;
    cashReturned?: Money;
    couponsReturned?: CouponBack[];
    consequences: string;
    consequencesEn: string;
}

/**
 * A region abolished since the table's source data (`# removed:` in `data/regions.txt`).
 */
export interface RemovedRegion {
    /**
     * Its former name (下城区).
     */
    name: string;
    /**
     * The regions that took it over (拱墅区), those in the table.
     */
    replacedBy: Region[];
}

/**
 * A region as a picker shows it: six-digit code and official name.
 */
export interface Region {
    code: string;
    name: string;
}

/**
 * A way to unlock more saving, cheapest first.
 */
export interface Hint {
    /**
     * "freeShipping", "threshold" or "everyThreshold".
     */
    kind: string;
    id?: string;
    shopId?: string;
    addAmount: Money;
    saving: Money;
    message: string;
    messageEn: string;
}

/**
 * An add-on SKU and what it costs once the offer's threshold is reached.
 */
export interface AddOnItem {
    skuId: string;
    unitPrice: MoneyInput;
}

/**
 * An address as a cart gives it: `{ regionCode, detail?, name?, phone? }`, or the object
 * `wx.chooseAddress` returns (`provinceName`, `cityName`, `countyName`, `detailInfo`,
 * `nationalCode`, `userName`, `telNumber`, `postalCode`, `errMsg`; also `streetName` and
 * `detailInfoNew`, which newer base libraries add). The two shapes are not mixed.
 */
export interface Address {
    regionCode?: string;
    detail?: string;
    name?: string;
    phone?: string;
    provinceName?: string;
    cityName?: string;
    countyName?: string;
    streetName?: string;
    detailInfo?: string;
    detailInfoNew?: string;
    nationalCode?: string;
    userName?: string;
    telNumber?: string;
    postalCode?: string;
    errMsg?: string;
}

/**
 * An address resolved against the table: the most specific region code, its province / city /
 * district, and the free text.
 */
export interface ResolvedAddress {
    regionCode: string;
    province: Region;
    city?: Region;
    district?: Region;
    detail: string;
    name?: string;
    phone?: string;
    postalCode?: string;
}

/**
 * An image: its URL, or the URL with what is known of it.
 */
export type ListingImage = string | ImageInfo;

/**
 * Free when the template's lines reach `minAmount` and/or `minCount` (both when both are given)
 * for an address under `codes` (no codes: everywhere).
 */
export interface FreeRule {
    codes?: string[];
    minAmount?: MoneyInput;
    minCount?: number;
}

/**
 * How `payable` is paid: storedValue + cash = payable, storedValue ≤ payable.
 */
export interface Payment {
    storedValue: Money;
    cash: Money;
    balance: Money;
    balanceAfter: Money;
    /**
     * Stored value on goods (Σ lines' storedValue) and on shipping, per shop.
     */
    goods: Money;
    shipping: ShopStoredValue[];
    message: string;
    messageEn: string;
}

/**
 * How `pointsEarned` came about.
 */
export interface EarnResult {
    /**
     * What points were earned on: goods paid after discounts and points, no shipping.
     */
    base: Money;
    perYuan: string;
    multiplier: string;
    /**
     * ⌊base × perYuan × multiplier⌋.
     */
    byRate: number;
    /**
     * Σ lines' pointsPerUnit × quantity.
     */
    byLines: number;
    /**
     * Added by other sources (promotion rewards) through `add_points`.
     */
    other: number;
    source: string;
    message: string;
    messageEn: string;
}

/**
 * How a shop's shipping was set, for display: "满 ¥99 包邮，还差 ¥12.00".
 */
export interface ShippingBasis {
    reason: string;
    reasonEn: string;
    /**
     * Goods still to add for free shipping, when a threshold exists and is not met.
     */
    missingForFree?: Money;
}

/**
 * How much of the quote to build.
 */
export type Detail = "totals" | "lines" | "full";

/**
 * How several templates in one shop parcel combine.
 */
export type Merge = "sum" | "maxFirst";

/**
 * Listing rules (WeChat Shop product API and the advertising law).
 */
export interface ListingRules {
    title: TitleRule;
    shortTitleMaxChars: number;
    productIdMaxChars: number;
    images: ImageRule;
    skus: SkuRule;
    /**
     * One SKU's price × stock at most this.
     */
    stockValueCap: Money;
    stockValueSource: string;
    /**
     * Warn when one product's SKU prices differ more than this many times.
     */
    priceSpreadWarning: number;
    priceSpreadSource: string;
    /**
     * A word this many times in a title is keyword stuffing.
     */
    stuffingRepeat: number;
    stuffingSource: string;
    ingredientsMinItems: number;
    ingredientsSource: string;
    /**
     * Warn when less than this share of the shelf life remains.
     */
    nearExpiryShare: Rate;
    nearExpirySource: string;
    /**
     * Absolute words banned by the advertising law (广告法极限词).
     */
    bannedWords: string[];
    /**
     * Common words that contain a banned one but are not claims (最近).
     */
    bannedWordExceptions: string[];
    bannedWordsSource: string;
    /**
     * Disease and efficacy claims (广告法 art. 17) barred outside the categories below.
     */
    medicalClaims?: string[];
    medicalClaimsSource?: string;
    /**
     * Categories (and their descendants) where such claims are the product's purpose.
     */
    medicalClaimsAllowedIn?: string[];
    /**
     * CATEGORY_MISMATCH when another leaf scores this much and the chosen one nothing.
     */
    categoryMismatchMinScore?: number;
    categoryMismatchSource?: string;
}

/**
 * One amount with the rule behind it.
 */
export interface FeeLine {
    /**
     * deposit, transactionFee, channelFee, withdrawalFee, tool:<id>, certification.
     */
    item: string;
    name: string;
    nameEn: string;
    amount: Money;
    per: Per;
    basis: string;
    basisEn: string;
    source: string;
}

/**
 * One listing's result in a batch.
 */
export interface RowResult {
    /**
     * Position in the input, from 0.
     */
    index: number;
    /**
     * CSV: the data row (from 1) and the file line it starts on.
     */
    row?: number;
    line?: number;
    ok: boolean;
    findings: Finding[];
    /**
     * The row's title and SKU id as given, so a result table can name the product.
     */
    title?: string;
    skuId?: string;
}

/**
 * One member level: reached at `minGrowth` growth points.
 */
export interface LevelRule {
    level: number;
    minGrowth: number;
    name: string;
    nameEn: string;
}

/**
 * One pick changed while building the cart: `quantity` is what the cart holds now (0: dropped).
 */
export interface Adjustment {
    skuId: string;
    requested: number;
    quantity: number;
    code: AdjustmentCode;
    message: string;
    messageEn: string;
}

/**
 * One product to list. Fields may also come from the batch options (merchant context).
 */
export interface Listing {
    title?: Text;
    shortTitle?: Text;
    /**
     * The merchant's own product id (商品编码).
     */
    productId?: Text;
    categoryId?: Text;
    price?: MoneyInput;
    /**
     * 划线价.
     */
    marketPrice?: MoneyInput;
    skus?: ListingSku[];
    images?: ListingImage[];
    /**
     * Attribute id → value (`productionDate`, `shelfLife`, `isbn`, `guidePrice`, …).
     */
    attributes?: Record<string, string | number>;
    description?: Text;
    subject?: SubjectKind;
    /**
     * Qualification ids the merchant holds; when neither the listing nor the options say,
     * category qualifications are reminders (warnings) rather than errors.
     */
    qualifications?: string[];
    existingProductCount?: number;
}

/**
 * One shop's shipping paid by stored value.
 */
export interface ShopStoredValue {
    shopId: string;
    storedValue: Money;
}

/**
 * One step of a `tiered` offer: reached when the eligible lines come to `min`.
 */
export interface Tier {
    /**
     * Yuan (basis amount) or units (basis count).
     */
    min: MoneyInput;
    /**
     * 减: off the eligible lines.
     */
    amount?: MoneyInput;
    /**
     * 折: the fraction paid (满3件8折 = 0.8).
     */
    rate?: Rate;
    /**
     * The offer's shops ship free.
     */
    freeShipping?: boolean;
    /**
     * 满赠: goods given at ¥0 (listed in `quote.gifts`, not as lines).
     */
    gifts?: Gift[];
    /**
     * Points promised after payment.
     */
    points?: number;
    /**
     * Coupon template ids issued after payment.
     */
    issueCoupons?: string[];
}

/**
 * Promised after payment by the reached tiers.
 */
export interface Rewards {
    points: number;
    /**
     * Coupon template ids to issue.
     */
    coupons: string[];
}

/**
 * Shipping rules: one per shop, with a default for shops not listed.
 */
export interface Shipping {
    default?: ShippingRule;
    shops?: Record<string, ShippingRule>;
    /**
     * 运费模板 by id; lines name theirs in `templateId`.
     */
    templates?: Record<string, Template>;
    /**
     * How several templates in one shop parcel combine: "sum" (default) or "maxFirst".
     */
    merge?: Merge;
}

/**
 * Shop-health thresholds; an absent entry is not checked on that platform.
 */
export interface Operations {
    manualReviewReturnRate?: Rate;
    blockListingsReturnRate?: Rate;
    dsrSearchWeight?: Decimal;
    shipWithinHours?: number;
    presaleShipWithinHours?: number;
    eventShipWithinHours?: number;
    falseShippingPenaltyRate?: Rate;
    latePickupPenaltyRate?: Rate;
    badgeReviewDays?: number;
    returnDays?: number;
    afterSalesDays?: number;
    source?: string;
}

/**
 * Some units of a line at one price.
 */
export interface PriceSegment {
    rule: PriceRule;
    unitPrice: Money;
    quantity: number;
    amount: Money;
    reason: string;
    reasonEn: string;
}

/**
 * The `totals` and `lines` result: the full quote's amounts, no explanations.
 */
export interface LeanQuote {
    detail: Detail;
    subtotal: Money;
    discount: Money;
    shipping: Money;
    pointsDeduction: Money;
    payable: Money;
    listSubtotal: Money;
    priceSavings: Money;
    freight: Money;
    insurance: Money;
    merchantInsurance: Money;
    shippingSaved: Money;
    saving: Money;
    itemCount: number;
    selection: string;
    /**
     * Only at `detail: "lines"`.
     */
    lines?: LeanLine[];
    shops: LeanShop[];
    applied: LeanApplied[];
    points?: PointsResult;
    gifts?: QuoteGift[];
    rewards?: Rewards;
    adjustment?: AdjustmentResult;
    pointsEarned?: number;
    growthEarned?: number;
    memberLevel?: MemberLevel;
    payment?: Payment;
    evaluatedAt: Timestamp;
    engine: string;
    rulebook: string;
    fingerprint: string;
    adjustments?: Adjustment[];
    /**
     * As in the full quote: what stops the order (不配送, address needed).
     */
    blockers?: Blocker[];
    /**
     * As in the full quote: written (false) only when the search stopped at its budget.
     */
    selectionOptimal?: boolean;
}

/**
 * The buyer's growth before this order, to show the level after it.
 */
export interface GrowthInput {
    current?: number;
}

/**
 * The buyer's stored value and how much of it to pay with.
 */
export interface StoredValueInput {
    balance: MoneyInput;
    use: "max" | string | number;
}

/**
 * The buyer's wallet and the time, to say whether a coupon that comes back is still valid.
 */
export interface RefundContext {
    now?: TimestampInput;
    coupons?: { id: string; validTo?: TimestampInput }[];
}

/**
 * The merchant context a batch shares.
 */
export interface ListingOptions {
    platform?: string;
    subject?: SubjectKind;
    qualifications?: string[];
    existingProductCount?: number;
    now?: TimestampInput;
    /**
     * CSV: the field separator (default ",").
     */
    delimiter?: string;
    /**
     * CSV: extra header → field mappings (`{ "货号": "productId" }`).
     */
    columns?: Record<string, string>;
}

/**
 * The price change as applied.
 */
export interface AdjustmentResult {
    /**
     * Signed: "-10.00" made the goods ¥10 cheaper.
     */
    amount: string;
    reason?: string;
    /**
     * Goods after offers, before the change.
     */
    goodsBefore: Money;
    message: string;
    messageEn: string;
}

/**
 * Titles and categories come from the cart the quote was made from (a quote has neither).
 */
export interface InvoiceOptions {
    /**
     * The quoted cart (only its lines' skuId, shopId, title, categoryId are read).
     */
    cart?: { lines: { skuId: string; shopId?: string; title?: string; categoryId?: string }[] };
    /**
     * Category id → rate, over the rulebook's (a category's rate holds for its descendants).
     */
    rates?: Record<string, string>;
    /**
     * SKU id → rate, over everything else.
     */
    skuRates?: Record<string, string>;
    shippingRate?: Rate;
}

/**
 * What a merchant asks: may I sell in this category?
 */
export interface Application {
    platform?: string;
    subject: SubjectKind;
    categoryId: string;
    /**
     * Qualification ids the merchant holds.
     */
    qualifications?: string[];
    /**
     * Products already listed in the shop.
     */
    productCount?: number;
    /**
     * Shops this WeChat ID already has.
     */
    shopsOwned?: number;
    annualTrade?: MoneyInput;
}

/**
 * What a template charges by: pieces, weight (kg, ≤ 3 decimals) or volume (m³, ≤ 4 decimals).
 */
export type ChargeBy = "count" | "weight" | "volume";

/**
 * What points are earned on. Only "goods" for now: goods after discounts and points.
 */
export type EarnBase = "goods";

/**
 * What the header says. `format`, `width` and `height` are absent when the bytes are not a
 * readable image; `finding` then says why (UNREADABLE_IMAGE).
 */
export interface ImageHeader {
    format?: ImageFormat;
    width?: number;
    height?: number;
    /**
     * The file's size in bytes.
     */
    bytes: number;
    finding?: Finding;
}

/**
 * What the shopper picked: SKUs and quantities, who they are, and when.
 */
export interface Order {
    picks: Pick[];
    buyer?: Buyer;
    now?: TimestampInput;
    /**
     * The buyer's wallet. Absent: none, or a `Storefront`'s kept wallet (`setWallet`); given
     * (even `[]`): exactly these.
     */
    coupons?: Offer[];
    couponSelection?: "auto" | string[];
    points?: PointsInput;
    shippingInsurance?: ShippingInsurance;
    /**
     * After the price, passed to the cart as is (see `Cart`).
     */
    adjustment?: AdjustmentInput;
    pointsEarn?: PointsEarnInput;
    growth?: GrowthInput;
    storedValue?: StoredValueInput;
    /**
     * Where the parcel goes, as on a cart.
     */
    address?: Address;
    delivery?: Delivery;
}

/**
 * What the table says about a region code, known or not: for a page restoring a saved address
 * whose region may have been abolished since (杭州 下城区 330103, 2021), so it can keep the
 * levels that survive and ask only for the rest.
 */
export interface RegionLookup {
    /**
     * The code itself is in the table.
     */
    known: boolean;
    /**
     * Province first (as [`Regions::path`]). Known: down to the code. Unknown: down to the
     * nearest level above it still in the table, by GB/T 2260 (its city `xxyy00`, a
     * municipality's `xx0100`, its province `xx0000`); empty for text that is not a six-digit
     * code or whose province is gone too.
     */
    path: Region[];
    /**
     * An unknown code the table's header names as removed: what it was and what replaced it.
     */
    removed?: RemovedRegion;
}

/**
 * What 地址智能识别 made of a text. `regionCode` is the most specific code found.
 * `confidence` (0–1, in tenths) adds up what was found: the region to district level 0.6 (to
 * a city without districts 0.6, a city 0.4, a province 0.2), a phone 0.2, a name 0.1 and some
 * detail 0.1; below 0.9 a person should look at the fields. `candidates` lists the regions an
 * ambiguous name could be (full names), with an `AMBIGUOUS_REGION` finding.
 */
export interface ParsedAddress {
    name?: string;
    phone?: string;
    province?: Region;
    city?: Region;
    district?: Region;
    regionCode?: string;
    detail: string;
    confidence: number;
    candidates?: Region[];
    findings: Finding[];
}

/**
 * When a return refunds the shop's shipping.
 */
export type ShippingRefund = "whenShopFullyReturned" | "never";

/**
 * Which language's text to send.
 */
export type Locale = "zh-CN" | "en" | "both";

/**
 * Why a pick was changed.
 */
export type AdjustmentCode = "OUT_OF_STOCK" | "PURCHASE_LIMIT_EXCEEDED" | "UNAVAILABLE";

/**
 * Why the order cannot go ahead as quoted: `NOT_DELIVERABLE` at `lines[i]`, or
 * `ADDRESS_REQUIRED` at `address` (region rates need it; base rates are shown).
 */
export interface Blocker {
    code: string;
    path: string;
    message: string;
    messageEn: string;
    /**
     * NOT_DELIVERABLE: the region the line's template does not deliver to (the rule's code,
     * which covers the address's), named in the messages.
     */
    regionCode?: string;
}

/**
 * `quote`'s second argument.
 */
export interface QuoteOptions {
    detail?: Detail;
    locale?: Locale;
}

/**
 * 个人, 个体工商户 or 企业.
 */
export type SubjectKind = "individual" | "individualBusiness" | "enterprise";

/**
 * 会员价: for members at `level` or above, a fixed price or a rate of the list price.
 */
export interface MemberPrice {
    level: number;
    unitPrice?: MoneyInput;
    rate?: Rate;
}

/**
 * 会员等级: levels by growth, and growth earned per yuan paid for goods.
 */
export interface MembershipRule {
    growthPerYuan: string;
    levels: LevelRule[];
    source: string;
}

/**
 * 快递 (default) or 到店自提, which ships free and needs no address.
 */
export type Delivery = "express" | "pickup";

/**
 * 拼团: a price when the buyer starts or joins a group (`Line.joinGroup`).
 */
export interface GroupBuy {
    unitPrice: MoneyInput;
    /**
     * People needed to complete the group (shown to the buyer).
     */
    groupSize?: number;
}

/**
 * 改价: `amount` added to the goods (negative = cheaper), with the merchant's reason.
 */
export interface AdjustmentInput {
    amount: string | number;
    reason?: string;
}

/**
 * 电子发票 tax rates: a default, by category, and for shipping.
 */
export interface InvoiceRule {
    defaultRate: TaxRate;
    byCategory?: CategoryTaxRate[];
    shippingRate: TaxRate;
}

/**
 * 砍价: the bargained-down price, for `quantity` units (default 1).
 */
export interface Bargain {
    unitPrice: MoneyInput;
    quantity?: number;
}

/**
 * 秒杀: a price valid in [start, end), for at most `limitPerBuyer` units per buyer in total.
 */
export interface FlashSale {
    unitPrice: MoneyInput;
    start: TimestampInput;
    end: TimestampInput;
    limitPerBuyer?: number;
    /**
     * Units this buyer already bought in this sale (counts against the limit).
     */
    purchased?: number;
}

/**
 * 积分 used: how many, for how much, and the most that was allowed.
 */
export interface PointsResult {
    balance: number;
    requested: number;
    used: number;
    deduction: Money;
    maxDeduction: Money;
    pointsPerYuan: number;
    /**
     * The most points this cart can take (balance or the cap, whichever is lower): a slider's
     * upper end.
     */
    maxUsable: number;
}

/**
 * 积分: how many points make ¥1, and the largest share of the goods amount they may pay.
 */
export interface PointsRule {
    pointsPerYuan: number;
    maxDeductionRate: Rate;
    source: string;
    /**
     * 积分赠送 defaults (checkout/steps/earn.rs).
     */
    earn?: EarnRule;
}

/**
 * 积分: spend points against the goods. Defaults for the rate and cap come from the rulebook.
 */
export interface PointsInput {
    balance: number;
    /**
     * A number of points, or "max" for the most allowed.
     */
    use: number | "max";
    pointsPerYuan?: number;
    maxDeductionRate?: Rate;
}

/**
 * 积分赠送 defaults: points per yuan paid for goods, and a multiplier per member level (the
 * highest level listed at or below the buyer's applies).
 */
export interface EarnRule {
    perYuan: string;
    levelMultipliers?: Record<string, string>;
    source: string;
}

/**
 * 积分赠送 for this order; every field defaults to the rulebook's `points.earn`.
 */
export interface PointsEarnInput {
    perYuan?: string | number;
    /**
     * Member level → multiplier; the highest level listed at or below the buyer's applies.
     */
    levelMultipliers?: Record<string, string | number>;
    base?: EarnBase;
}

/**
 * 运费模板: `fee` covers the first `includedItems` pieces (default 1), each further piece adds
 * `extraPerItem`; free when the shop's goods amount reaches `freeThreshold` (包邮门槛).
 */
export interface ShippingRule {
    fee: MoneyInput;
    freeThreshold?: MoneyInput;
    extraPerItem?: MoneyInput;
    includedItems?: number;
}

/**
 * 运费模板: `firstFee` for the first `first` units, `extraFee` for each further `extra` (or part).
 */
export interface Template {
    /**
     * Display name in shipping text (the id never is shown); absent: the lines' titles.
     */
    name?: string;
    nameEn?: string;
    charge: ChargeBy;
    first: string | number;
    firstFee: MoneyInput;
    extra: string | number;
    extraFee: MoneyInput;
    /**
     * 指定地区运费: the most specific rule covering the address wins.
     */
    regions?: RegionRates[];
    /**
     * 指定条件包邮.
     */
    free?: FreeRule[];
    /**
     * 不配送区域: region codes.
     */
    noDelivery?: string[];
}

/**
 * 运费险: a fee per shop parcel, paid by the buyer (added to shipping) or the merchant.
 */
export interface ShippingInsurance {
    fee: MoneyInput;
    paidBy: Payer;
}

/**
 * 阶梯价: from `minQuantity` units on, every unit costs `unitPrice`.
 */
export interface LadderTier {
    minQuantity: number;
    unitPrice: MoneyInput;
}

export interface AmountInput {
    ok: boolean;
    /**
     * The amount, when it could be read.
     */
    amount?: Money;
    /**
     * For people, in zh-CN and English, when it could not.
     */
    message?: string;
    messageEn?: string;
}

export interface BannedClass {
    id: string;
    name: string;
    nameEn: string;
    categoryIds: string[];
    source: string;
}

export interface BatchReport {
    total: number;
    ok: number;
    failed: number;
    errors: number;
    warnings: number;
    /**
     * CSV: findings about the header (unknown or missing columns); empty otherwise.
     */
    columns: Finding[];
    results: RowResult[];
}

export interface Buyer {
    id?: string;
    /**
     * Member level (0 = not a member). A member price for level L applies to levels ≥ L.
     */
    memberLevel?: number;
    newCustomer?: boolean;
}

export interface Cart {
    lines: Line[];
    buyer?: Buyer;
    shipping?: Shipping;
    /**
     * Automatic shop campaigns (满减活动 …), always considered.
     */
    promotions?: Offer[];
    /**
     * The buyer's wallet.
     */
    coupons?: Offer[];
    /**
     * "auto" (default): the best valid combination; or the ids the buyer picked.
     */
    couponSelection?: "auto" | string[];
    points?: PointsInput;
    /**
     * 运费险, one policy per shop parcel.
     */
    shippingInsurance?: ShippingInsurance;
    /**
     * Evaluation time; defaults to the caller's clock.
     */
    now?: TimestampInput;
    /**
     * Where the parcel goes (运费模板 rates by region); an unknown code is UNKNOWN_REGION.
     */
    address?: Address;
    /**
     * "express" (default) or "pickup" (到店自提: no freight, no address needed).
     */
    delivery?: Delivery;
    /**
     * After the price (checkout/steps/{adjustment,earn,stored_value}.rs): 改价, points
     * earned, the buyer's growth, 储值 as payment.
     */
    adjustment?: AdjustmentInput;
    pointsEarn?: PointsEarnInput;
    growth?: GrowthInput;
    storedValue?: StoredValueInput;
    /**
     * What building this cart from a catalog order changed (capped or dropped picks), carried
     * into the quote's `adjustments`. Not priced.
     */
    adjustments?: Adjustment[];
}

export interface Catalog {
    shops: Shop[];
    products: Product[];
    /**
     * The shops' running campaigns (满减活动 …), applied automatically.
     */
    promotions?: Offer[];
    /**
     * Coupons the shops hand out (领券中心); a buyer claims them into their wallet.
     */
    coupons?: Offer[];
    /**
     * 运费险 offered at checkout: its fee per parcel and who pays it.
     */
    shippingInsurance?: ShippingInsurance;
}

export interface CategoryCheck {
    allowed: boolean;
    /**
     * Every qualification id this subject needs for this category (the checklist), in order.
     */
    required: string[];
    /**
     * Qualification ids still needed.
     */
    missing: string[];
    findings: Finding[];
    /**
     * The category's names root first, when it exists.
     */
    path: string[];
    pathEn: string[];
    rules?: CategoryRules;
    /**
     * Valid leaf ids near an unknown or non-leaf category.
     */
    suggestions: string[];
}

export interface CategoryDeposit {
    categoryIds: string[];
    amount: Money;
    /**
     * Higher deposits once monthly GMV is above a level.
     */
    gmvTiers?: GmvTier[];
    source: string;
}

export interface CategoryList {
    categoryIds: string[];
    qualifications?: string[];
    attributes?: string[];
    source: string;
}

export interface CategoryRate {
    categoryIds: string[];
    rate: Rate;
    source: string;
}

export interface CategorySuggestion {
    categoryId: string;
    /**
     * Names root first.
     */
    path: string[];
    pathEn: string[];
    /**
     * Sum of the weights of the leaf's terms found in the title.
     */
    score: number;
}

export interface CategoryTaxRate {
    /**
     * Dotted category ids; a rate holds for the category's descendants too.
     */
    categoryIds: string[];
    rate: Rate;
    source: string;
}

export interface Charge {
    amount: Money;
    per: Period;
    source: string;
}

export interface Deposit {
    /**
     * The deposit the rules set.
     */
    amount: Money;
    /**
     * Cash actually held (zero when covered by deposit insurance).
     */
    cash: Money;
    insured: boolean;
    rule: string;
    ruleEn: string;
    /**
     * Days after closing, with no dispute, until it comes back.
     */
    refundDays?: number;
}

export interface DepositRule {
    base: Money;
    max: Money;
    byCategory?: CategoryDeposit[];
    /**
     * Steps by monthly order count (快手).
     */
    orderTiers?: OrderTier[];
    /**
     * Subjects that may cover the deposit with deposit insurance.
     */
    insuranceSubjects?: string[];
    basis: string;
    source: string;
}

export interface FeeInput {
    platform?: string;
    subject: SubjectKind;
    categoryId: string;
    monthlyGmv: MoneyInput;
    /**
     * Orders a month (快手 deposits step by it).
     */
    orderCount?: number;
    /**
     * Paid tools, by id (`livePlugin`, `membership`).
     */
    tools?: string[];
    /**
     * Money withdrawn a month; defaults to GMV less the month's fees.
     */
    monthlyWithdrawal?: MoneyInput;
    newShop?: boolean;
    /**
     * Cover the deposit with deposit insurance where the subject may.
     */
    depositInsurance?: boolean;
    /**
     * An enterprise that applied for faster settlement (D+0 on WeChat).
     */
    fastSettlement?: boolean;
    /**
     * Include the platform's annual certification (mini-program ¥300/year). Default true.
     */
    certification?: boolean;
    /**
     * When an order's settlement clock starts (receipt confirmed / after-sales closed).
     */
    confirmedAt?: TimestampInput;
}

export interface FeePreview {
    platform: string;
    platformName: string;
    platformNameEn: string;
    deposit: Deposit;
    monthly: Monthly;
    yearly: Yearly;
    settlement: Settlement;
    lines: FeeLine[];
}

export interface FeeRule {
    default: Rate;
    byCategory?: CategoryRate[];
    /**
     * A payment-channel fee charged on top (小红书).
     */
    channelFee?: SourcedRate;
    source: string;
}

export interface Finding {
    code: string;
    severity: Severity;
    path: string;
    message: string;
    messageEn: string;
    fix?: string;
    fixEn?: string;
    /**
     * The rulebook source tag of the rule behind the finding, when it cites one.
     */
    source?: string;
    /**
     * CSV reports: the column a person looks for, in zh-CN and English (the file's own header
     * when it has one, else the field's name); `path` stays the listing path.
     */
    column?: string;
    columnEn?: string;
}

export interface Gift {
    skuId: string;
    quantity: Quantity;
    title?: string;
    /**
     * The title in English, for pages shown in English.
     */
    titleEn?: string;
}

export interface GmvTier {
    above: Money;
    amount: Money;
}

export interface HealthMetrics {
    platform?: string;
    returnRate?: Rate;
    /**
     * Store rating, 0 to 5 ("4.8").
     */
    dsr?: MoneyInput;
    /**
     * The slowest time to ship in the period, in hours.
     */
    shipHours?: number;
    presale?: boolean;
    /**
     * During a platform event (抖音 ships within 12 h then).
     */
    event?: boolean;
    /**
     * Value of orders marked shipped without shipping (虚假发货).
     */
    falseShipmentValue?: MoneyInput;
    /**
     * Value of orders picked up late (抖音).
     */
    latePickupValue?: MoneyInput;
    /**
     * Date of the last 交易保障 badge review, `YYYY-MM-DD`.
     */
    lastBadgeReview?: string;
}

export interface HealthReport {
    platform: string;
    findings: Finding[];
    penalties: FeeLine[];
    /**
     * DSR high enough to earn search weight.
     */
    searchWeight?: boolean;
    nextBadgeReview?: string;
}

export interface IdentityCheck {
    valid: boolean;
    /**
     * What is wrong: LENGTH, FORMAT, CHARSET, PROVINCE, BIRTH_DATE, CHECKSUM.
     */
    code?: string;
    message?: string;
    messageEn?: string;
    /**
     * The value as checked (spaces removed, upper case).
     */
    normalized: string;
    /**
     * ID card: the birth date it encodes.
     */
    birthDate?: string;
    /**
     * The value to show on screen, print or export: a personal number (ID card, bank card,
     * corporate account) keeps only its last 4 characters (`**************4258`); the
     * 统一社会信用代码 is public and stays whole.
     */
    masked: string;
}

export interface ImageInfo {
    url?: string;
    width?: number;
    height?: number;
    bytes?: number;
    /**
     * As inspectImage names it: `jpeg`, `png`, `gif`, `webp` (`jpg` is read as `jpeg`).
     */
    format?: string;
}

export interface ImageRule {
    min: number;
    max: number;
    minWidth: number;
    minHeight: number;
    maxBytes: number;
    source: string;
    limitsSource: string;
    /**
     * Accepted formats as inspectImage names them (`jpeg`, `png`, `gif`, `webp`); empty:
     * every format is accepted.
     */
    formats?: string[];
    formatsSource?: string;
}

export interface Invoice {
    lines: InvoiceLine[];
    shipping?: InvoiceShipping;
    totals: InvoiceAmounts;
}

export interface InvoiceAmounts {
    amount: Money;
    amountExTax: Money;
    tax: Money;
}

export interface InvoiceLine {
    skuId: string;
    title: string;
    quantity: number;
    amount: Money;
    taxRate: Rate;
    amountExTax: Money;
    tax: Money;
    /**
     * Where the rate comes from: a rulebook source tag, "assumed", or "override".
     */
    source: string;
}

export interface InvoiceShipping {
    amount: Money;
    taxRate: Rate;
    amountExTax: Money;
    tax: Money;
    source: string;
}

export interface LeanApplied {
    id: string;
    source: Source;
    kind: OfferKind;
    layer: Layer;
    shopId?: string;
    amount: Money;
    eligibleAmount: Money;
    threshold?: Money;
    rate?: Rate;
    cap?: Money;
    capHit: boolean;
    times?: number;
    shopsFreed?: string[];
}

export interface LeanLine {
    skuId: string;
    shopId: string;
    quantity: number;
    listPrice: Money;
    subtotal: Money;
    discount: Money;
    pointsDeduction: Money;
    payable: Money;
    discounts: LineDiscount[];
    priceRule: PriceRule;
    adjustment?: string;
    pointsEarned?: number;
    storedValue?: Money;
}

export interface LeanShop {
    shopId: string;
    subtotal: Money;
    discount: Money;
    shipping: Money;
    freight: Money;
    payable: Money;
    /**
     * Goods still to add for free shipping.
     */
    missingForFree?: Money;
}

export interface Line {
    skuId: string;
    /**
     * List price of one unit.
     */
    unitPrice: MoneyInput;
    quantity: Quantity;
    shopId?: string;
    categoryId?: string;
    title?: string;
    /**
     * The title in English, for the English messages that name the line (the zh one otherwise).
     */
    titleEn?: string;
    /**
     * Units in stock; the quantity may not exceed it.
     */
    stock?: number;
    /**
     * 限购: most units one order may take.
     */
    limitPerOrder?: number;
    memberPrices?: MemberPrice[];
    flashSale?: FlashSale;
    groupBuy?: GroupBuy;
    /**
     * The buyer starts or joins a 拼团 group for this line.
     */
    joinGroup?: boolean;
    bargain?: Bargain;
    ladder?: LadderTier[];
    /**
     * The 运费模板 (key of `shipping.templates`) that charges this line; none: the shop's rule.
     */
    templateId?: string;
    /**
     * Weight of one unit in kg (≤ 3 decimals), for a template charging by weight.
     */
    weight?: string | number;
    /**
     * Volume of one unit in m³ (≤ 4 decimals), for a template charging by volume.
     */
    volume?: string | number;
    /**
     * Nothing to ship (充值, 卡券): no freight.
     */
    virtual?: boolean;
    /**
     * 加价购: the id of the addOn offer this line is bought under.
     */
    addOnOf?: string;
    /**
     * 积分赠送: points per unit on top of the cart's rate.
     */
    pointsPerUnit?: number;
}

export interface ListingReport {
    ok: boolean;
    errors: number;
    warnings: number;
    findings: Finding[];
}

export interface ListingSku {
    skuId?: Text;
    price?: MoneyInput;
    marketPrice?: MoneyInput;
    stock?: number | string;
}

export interface MemberLevel {
    growth: number;
    level: number;
    name: string;
    nameEn: string;
    next?: NextLevel;
    message: string;
    messageEn: string;
}

export interface Monthly {
    transactionFee: Money;
    withdrawalFee: Money;
    tools: Money;
    total: Money;
}

export interface NextLevel {
    level: number;
    name: string;
    nameEn: string;
    minGrowth: number;
    /**
     * Growth still needed.
     */
    missing: number;
    /**
     * Goods to pay for to earn it (at the rulebook's growth per yuan), when growth is earned.
     */
    missingAmount?: Money;
}

export interface OrderDifference {
    path: string;
    client: string | undefined;
    server: string | undefined;
    code: string;
}

export interface OrderTier {
    atLeast: number;
    amount: Money;
}

export interface OrderVerification {
    /**
     * No differences: the client's quote is the server's.
     */
    ok: boolean;
    /**
     * The server's quote (the one to charge).
     */
    quote: Quote;
    differences: OrderDifference[];
}

export interface Pick {
    skuId: string;
    quantity: Quantity;
    joinGroup?: boolean;
    /**
     * 加价购: bought under this addOn promotion.
     */
    addOnOf?: string;
}

export interface Platform {
    id: string;
    name: string;
    nameEn: string;
    source: string;
    deposit: DepositRule;
    transactionFee: FeeRule;
    withdrawal?: WithdrawalRule;
    settlement: SettlementRule;
    /**
     * When the month's commission is deducted ("firstOfNextMonth").
     */
    commissionDeduction?: string;
    /**
     * Days after closing, with no dispute, until the deposit is returned.
     */
    depositRefundDays?: number;
    certification?: Charge;
    tools?: Tool[];
    /**
     * Extra qualifications this platform asks for in some categories.
     */
    categoryQualifications?: CategoryList[];
    /**
     * Extra listing attributes this platform asks for in some categories.
     */
    requiredAttributes?: CategoryList[];
    operations?: Operations;
    /**
     * Extra shop-level qualifications this platform asks of some subjects (WeChat: a
     * real-name WeChat account for individuals).
     */
    subjectRequirements?: SubjectRequirement[];
}

export interface Product {
    id: string;
    shopId: string;
    categoryId: string;
    title: string;
    titleEn?: string;
    /**
     * A picture for the demo (an emoji); real catalogs use image URLs.
     */
    image?: string;
    skus: Sku[];
}

export interface Qualification {
    id: string;
    name: string;
    nameEn: string;
    source: string;
}

export interface Quote {
    /**
     * Σ line subtotals: goods at their item prices (member, 秒杀, … already applied).
     */
    subtotal: Money;
    /**
     * Coupon and promotion discounts.
     */
    discount: Money;
    shipping: Money;
    pointsDeduction: Money;
    /**
     * subtotal − discount − pointsDeduction + shipping.
     */
    payable: Money;
    /**
     * Goods at list price, and what item prices saved against it.
     */
    listSubtotal: Money;
    priceSavings: Money;
    /**
     * Shipping split: freight after 免邮, and 运费险 paid by the buyer (both inside `shipping`).
     */
    freight: Money;
    insurance: Money;
    /**
     * 运费险 the merchant pays (not in `payable`).
     */
    merchantInsurance: Money;
    /**
     * Shipping that 免邮 offers saved.
     */
    shippingSaved: Money;
    /**
     * What the chosen offers save in all: discounts plus shipping saved against using none.
     */
    saving: Money;
    itemCount: number;
    /**
     * "auto" or "manual".
     */
    selection: string;
    lines: QuoteLine[];
    shops: ShopQuote[];
    applied: Applied[];
    rejected: Rejected[];
    hints: Hint[];
    points?: PointsResult;
    /**
     * 满赠: goods the reached tiers give at ¥0 (not lines: line sums stay as they are).
     */
    gifts?: QuoteGift[];
    /**
     * Points and coupons the reached tiers promise after payment.
     */
    rewards?: Rewards;
    /**
     * 改价, when the cart has one (inside every line's payable).
     */
    adjustment?: AdjustmentResult;
    /**
     * 积分赠送: points this order earns (Σ lines' pointsEarned), and how.
     */
    pointsEarned?: number;
    earning?: EarnResult;
    /**
     * Growth (成长值) this order earns, and the member level after it.
     */
    growthEarned?: number;
    memberLevel?: MemberLevel;
    /**
     * 储值 paying part of `payable`: a payment, not a discount.
     */
    payment?: Payment;
    evaluatedAt: Timestamp;
    /**
     * What stops the order as it stands: a line not delivered to the address, an address
     * needed for region rates. Empty (and left out) when the order can go ahead.
     */
    blockers?: Blocker[];
    engine: string;
    rulebook: string;
    fingerprint: string;
    /**
     * What was changed in a catalog order to make it quotable (a pick capped to stock or 限购,
     * or dropped); empty, and absent from JSON, for a cart quoted as given.
     */
    adjustments?: Adjustment[];
    /**
     * False when the offer search hit its node budget (README "Limits"): the offers are the
     * best combination found, maybe not the optimum. Written only then.
     */
    selectionOptimal?: boolean;
}

export interface QuoteLine {
    skuId: string;
    shopId: string;
    quantity: number;
    listPrice: Money;
    listSubtotal: Money;
    subtotal: Money;
    discount: Money;
    pointsDeduction: Money;
    payable: Money;
    /**
     * The line's share of each discount, by offer id.
     */
    discounts: LineDiscount[];
    /**
     * The rule that priced most units.
     */
    priceRule: PriceRule;
    pricing: PriceSegment[];
    priceNotes: PriceNote[];
    /**
     * False when the line's 运费模板 does not deliver to the address (written only then).
     */
    deliverable?: boolean;
    /**
     * The line's share of 改价 (signed), of points earned, and of 储值 paid.
     */
    adjustment?: string;
    pointsEarned?: number;
    storedValue?: Money;
}

export interface RefundPreview {
    skuId: string;
    quantity: number;
    /**
     * Money back to the buyer.
     */
    refund: Money;
    /**
     * The returned units' goods value before discounts and points.
     */
    goods: Money;
    /**
     * Each discount's share that is not refunded.
     */
    discounts: LineDiscount[];
    pointsDeduction: Money;
    /**
     * Points given back for the points deduction share.
     */
    pointsRefunded: number;
    /**
     * Units still kept after this return.
     */
    remainingQuantity: number;
    message: string;
    messageEn: string;
}

export interface RefundRule {
    shipping: ShippingRefund;
    source: string;
}

export interface RegionRates {
    codes: string[];
    first: string | number;
    firstFee: MoneyInput;
    extra: string | number;
    extraFee: MoneyInput;
}

export interface Rulebook {
    schema: number;
    version: string;
    updated: string;
    currency: string;
    timezone: string;
    /**
     * Source tag → what it is. Every rule cites one of these tags.
     */
    sources: Map<string, string>;
    platforms: Platform[];
    points: PointsRule;
    /**
     * After the price (checkout/loyalty.rs): member levels, invoice tax rates, refunds.
     */
    membership?: MembershipRule;
    invoice?: InvoiceRule;
    refund?: RefundRule;
    subjects: Subject[];
    qualifications: Qualification[];
    /**
     * The category tree as dotted ids (`food.snacks.nuts`); a node's rules hold for its
     * descendants too.
     */
    categories: Category[];
    /**
     * Listings must use a category this deep (3: a third-level category).
     */
    categoryLevels: number;
    individualBannedClasses: BannedClass[];
    attributes: Attribute[];
    listing: ListingRules;
    /**
     * Classes no subject may sell (禁售): PROHIBITED_CATEGORY for everyone.
     */
    prohibitedClasses?: BannedClass[];
    /**
     * Leaf id → term → weight: what suggestCategory reads in a title.
     */
    categoryKeywords?: Map<string, Map<string, number>>;
    /**
     * A variant a merchant writes → the keyword it stands for (笔电 → 笔记本电脑).
     */
    keywordSynonyms?: Map<string, string>;
}

export interface Scope {
    level?: ScopeLevel;
    skuIds?: string[];
    /**
     * A category id covers its sub-categories (`food.snacks` covers `food.snacks.nuts`).
     */
    categoryIds?: string[];
    shopId?: string;
}

export interface Settlement {
    rule: string;
    days: number;
    /**
     * buyerConfirmsReceipt or afterSalesClose.
     */
    after: string;
    /**
     * The date an order confirmed at `confirmedAt` settles.
     */
    date?: string;
    /**
     * The date that month's commission is deducted.
     */
    commissionDeductedOn?: string;
    note: string;
    noteEn: string;
}

export interface SettlementRule {
    /**
     * "T+1" and the like.
     */
    rule: string;
    days: number;
    newShopDays?: number;
    /**
     * Days for an enterprise that applied for faster settlement (D+0).
     */
    enterpriseDays?: number;
    /**
     * What starts the clock: "buyerConfirmsReceipt" or "afterSalesClose".
     */
    after: string;
    source: string;
}

export interface Shop {
    id: string;
    name: string;
    nameEn?: string;
    shipping?: ShippingRule;
    /**
     * The shop's 运费模板 by id (unique across the catalog); SKUs name theirs.
     */
    templates?: Record<string, Template>;
}

export interface ShopInsurance {
    fee: Money;
    paidBy: Payer;
}

export interface ShopQuote {
    shopId: string;
    /**
     * Indexes into `lines`.
     */
    lines: number[];
    itemCount: number;
    subtotal: Money;
    discount: Money;
    pointsDeduction: Money;
    /**
     * freight + buyer-paid 运费险.
     */
    shipping: Money;
    freight: Money;
    insurance?: ShopInsurance;
    shippingBasis: ShippingBasis;
    payable: Money;
}

export interface Sku {
    skuId: string;
    spec?: string;
    specEn?: string;
    unitPrice: Money;
    /**
     * 划线价, shown struck through.
     */
    marketPrice?: Money;
    stock?: number;
    limitPerOrder?: number;
    memberPrices?: MemberPrice[];
    flashSale?: FlashSale;
    groupBuy?: GroupBuy;
    bargain?: Bargain;
    ladder?: LadderTier[];
    /**
     * As on a cart line: the template that charges it, its weight (kg) or volume (m³), virtual.
     */
    templateId?: string;
    weight?: string | number;
    volume?: string | number;
    virtual?: boolean;
}

export interface SkuRule {
    min: number;
    max: number;
    source: string;
}

export interface SourcedRate {
    rate: Rate;
    source: string;
}

export interface Subject {
    id: string;
    name: string;
    nameEn: string;
    /**
     * Qualifications every shop of this subject needs.
     */
    requires: string[];
    maxShopsPerWechatId: number;
    maxProducts?: number;
    maxTeamMembers?: number;
    /**
     * May sell virtual-goods categories.
     */
    virtualGoods: boolean;
    depositInsurance?: boolean;
    /**
     * Above this annual trade a business licence is advised (电子商务法).
     */
    licenceAdvisedAboveAnnualTrade?: Money;
    source: string;
}

export interface SubjectRequirement {
    subjects: string[];
    qualifications: string[];
    source: string;
}

export interface TitleRule {
    minValidChars: number;
    maxChars: number;
    /**
     * Besides Chinese characters, digits and Latin letters, only these.
     */
    allowedSpecial: string;
    source: string;
}

export interface Tool {
    id: string;
    name: string;
    nameEn: string;
    amount: Money;
    per: Period;
    source: string;
}

export interface Version {
    engine: string;
    rulebook: string;
}

export interface WithdrawalRule {
    /**
     * Monthly flow withdrawn free; the rate applies beyond it.
     */
    freeMonthlyFlow: Money;
    rate: Rate;
    maxSingle: Money;
    source: string;
}

export interface Yearly {
    transactionFee: Money;
    withdrawalFee: Money;
    tools: Money;
    certification: Money;
    total: Money;
}

export type IdentityKind = "uscc" | "idCard" | "bankCard" | "corporateAccount";

export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

export type Layer = "item" | "shop" | "platform" | "shipping";

export type OfferKind = "threshold" | "everyThreshold" | "percent" | "fixed" | "freeShipping" | "tiered" | "nthItem" | "bundle" | "addOn";

export type Payer = "buyer" | "merchant";

export type Per = "once" | "month" | "year";

export type Period = "month" | "year";

export type PriceRule = "list" | "member" | "ladder" | "group" | "flash" | "bargain";

export type ScopeLevel = "item" | "shop" | "platform";

export type Severity = "error" | "warning";

export type Source = "promotion" | "coupon";

export type TierBasis = "amount" | "count";


/**
 * A catalog read once and kept inside the module, so a page quoting on every cart change sends
 * only the order across the boundary, not the whole catalog each time. The object JS holds is
 * only a handle (slot and generation) into a table here, checked on every call: one used
 * after `free()` is INVALID_INPUT "this Storefront was freed", never a read of freed memory.
 */
export class Storefront {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The cart for an order, adjusted to stock and 限购 (see `catalogCart`).
     */
    cart(order: Order): Cart;
    /**
     * The kept catalog, as read.
     */
    catalog(): Catalog;
    /**
     * Read and keep a catalog (errors at `catalog.…`).
     */
    constructor(catalog: Catalog);
    /**
     * Keep a shopper's wallet for the orders that send no `coupons` of their own (an order
     * with `coupons`, even `[]`, is quoted with exactly those): a page quoting on every tap
     * then sends only the picks. Checked once here (terms, unique ids; errors at
     * `coupons[i]…`); a refused wallet leaves the kept one as it was. `[]` clears it.
     */
    setWallet(coupons: Offer[]): void;
    /**
     * The kept wallet (`[]` when none was set).
     */
    wallet(): Offer[];
}

/**
 * Turn a shopper's picks into a cart against a catalog: picks above stock or 限购 capped, gone
 * or sold-out SKUs dropped, each change in `cart.adjustments` (carried into its quote).
 */
export function catalogCart(catalog: Catalog, order: Order): Cart;

/**
 * The rulebook's categories as a tree (`{ id, name, nameEn, children }`), for pickers.
 */
export function categoryTree(rulebook: Rulebook | undefined): CategoryNode[];

/**
 * May this subject sell in this category, and what is missing?
 */
export function checkCategory(application: Application, rulebook: Rulebook | undefined): CategoryCheck;

/**
 * Check a 统一社会信用代码 (`uscc`), 居民身份证 (`idCard`) or bank card (`bankCard`).
 */
export function checkIdentity(kind: IdentityKind, value: string): IdentityCheck;

/**
 * The same preview on every platform, cheapest year first.
 */
export function compareFees(input: FeeInput, rulebook: Rulebook | undefined): FeePreview[];

/**
 * The demo shop's catalog.
 */
export function demoCatalog(): Catalog;

/**
 * An image file's format and size from its header: `{ format, width, height, bytes }`, or a
 * `finding` (UNREADABLE_IMAGE) for bytes that are not a known image. Pixels are not decoded.
 */
export function inspectImage(bytes: Uint8Array | ArrayBuffer): ImageHeader;

/**
 * 电子发票 lines of a quote: amounts after discounts and points, VAT by category.
 */
export function invoice(quote: Quote, options: InvoiceOptions | undefined): Invoice;

/**
 * Read the regions table (the text of `data/regions.txt`) and keep it; a later call replaces
 * it. Returns `{ source, count }`; a broken text is INVALID_INPUT at `regions`.
 */
export function loadRegions(text: string): { source: string, count: number };

/**
 * The current time as the engine writes every timestamp (`2026-12-02T21:27:41.512+08:00`), for
 * a page that stamps an export: `Date.toISOString()` would say UTC.
 */
export function localTime(): string;

/**
 * What the table says about a region code, known or not: `{ known, province?, city?,
 * district?, removed? }`. A saved address's abolished code keeps the levels above it that are
 * still in the table (GB/T 2260 digits), so a page asks only for the rest.
 */
export function lookupRegion(code: string): RegionLookup;

/**
 * The member level a growth reaches, and the next one (rulebook `membership`, or a given
 * rulebook's).
 */
export function memberLevel(growth: number, rulebook: { membership: MembershipRule } | undefined): MemberLevel;

/**
 * 地址智能识别 of pasted text: name, phone, province / city / district, detail, findings.
 */
export function parseAddress(text: string): ParsedAddress;

/**
 * An amount typed by a person ("20,000", "２００００", "¥199", "1.5万") read leniently:
 * `{ ok, amount }` or `{ ok: false, message, messageEn }`. API money fields stay strict.
 */
export function parseAmountInput(text: string): AmountInput;

/**
 * A merchant's deposit, fees and settlement on one platform (default WeChat).
 */
export function previewFees(input: FeeInput, rulebook: Rulebook | undefined): FeePreview;

/**
 * What returning `quantity` units of a line refunds, consistent with the quote's allocation,
 * with its consequences (points, 储值, coupons, shipping: checkout/refund_after.rs).
 * `returned`: units of that line already returned, or `{ [skuId]: count }` for every line;
 * `context`: `{ now?, coupons? }` to say whether a coupon that comes back is still valid.
 */
export function refundPreview(quote: Quote, skuId: string, quantity: number, returned: number | Record<string, number> | undefined, context: RefundContext | undefined): RefundOutcome;

/**
 * For pickers: the provinces, or the children of `parentCode` (UNKNOWN_REGION if unknown).
 */
export function regions(parentCode: string | undefined): Region[];

/**
 * A cart's address (`{ regionCode, … }` or wx.chooseAddress's object) resolved to a region.
 */
export function resolveAddress(address: Address): ResolvedAddress;

/**
 * The embedded default rulebook.
 */
export function rulebook(): Rulebook;

/**
 * Shop-health findings against the platform's operations thresholds.
 */
export function shopHealth(metrics: HealthMetrics, rulebook: Rulebook | undefined): HealthReport;

/**
 * The best leaf categories for a product title: `[{ categoryId, path, pathEn, score }]`, best
 * first (at most 5), from the rulebook's keyword data.
 */
export function suggestCategory(title: string, rulebook: Rulebook | undefined): CategorySuggestion[];

/**
 * Validate a CSV of listings (Chinese or English headers). Findings name the CSV column.
 */
export function validateCsv(text: string, options: ListingOptions | undefined, on_progress: ((done: number, total: number) => void) | undefined): BatchReport;

/**
 * What the platform audit would reject in one listing: `{ ok, errors, warnings, findings }`.
 */
export function validateListing(listing: Listing, options: ListingOptions | undefined): ListingReport;

/**
 * Validate many listings; a malformed one is reported in its own result. `onProgress(done,
 * total)` is called as it goes.
 */
export function validateListings(listings: Listing[], on_progress: ((done: number, total: number) => void) | undefined, options: ListingOptions | undefined): BatchReport;

/**
 * Check a rulebook of the embedded schema; returns it as read, or throws INVALID_RULEBOOK.
 */
export function validateRulebook(rulebook: Rulebook): Rulebook;

/**
 * A server's check of a client's order: the cart rebuilt from the server's catalog, coupons
 * only from `options.wallet`, the server's clock; differences with the client's quote listed.
 */
export function verifyOrder(catalog: Catalog, order: Order, client_quote: Quote, options: VerifyOrderOptions | undefined): OrderVerification;

/**
 * `{ engine, rulebook }` version strings.
 */
export function version(): Version;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_storefront_free: (a: number, b: number) => void;
    readonly catalogCart: (a: any, b: any) => [number, number, number];
    readonly categoryTree: (a: any) => [number, number, number];
    readonly checkCategory: (a: any, b: any) => [number, number, number];
    readonly checkIdentity: (a: any, b: any) => [number, number, number];
    readonly compareFees: (a: any, b: any) => [number, number, number];
    readonly demoCatalog: () => [number, number, number];
    readonly inspectImage: (a: any) => [number, number, number];
    readonly invoice: (a: any, b: any) => [number, number, number];
    readonly loadRegions: (a: any) => [number, number, number];
    readonly localTime: () => [number, number];
    readonly lookupRegion: (a: any) => [number, number, number];
    readonly memberLevel: (a: any, b: any) => [number, number, number];
    readonly parseAddress: (a: any) => [number, number, number];
    readonly parseAmountInput: (a: any) => [number, number, number];
    readonly previewFees: (a: any, b: any) => [number, number, number];
    readonly quote: (a: any, b: any) => [number, number, number];
    readonly refundPreview: (a: any, b: any, c: any, d: any, e: any) => [number, number, number];
    readonly regions: (a: any) => [number, number, number];
    readonly resolveAddress: (a: any) => [number, number, number];
    readonly rulebook: () => [number, number, number];
    readonly shopHealth: (a: any, b: any) => [number, number, number];
    readonly storefront_cart: (a: number, b: any) => [number, number, number];
    readonly storefront_catalog: (a: number) => [number, number, number];
    readonly storefront_new: (a: any) => [number, number, number];
    readonly storefront_quote: (a: number, b: any, c: any) => [number, number, number];
    readonly storefront_setWallet: (a: number, b: any) => [number, number];
    readonly storefront_wallet: (a: number) => [number, number, number];
    readonly suggestCategory: (a: any, b: any) => [number, number, number];
    readonly validateCsv: (a: any, b: any, c: any) => [number, number, number];
    readonly validateListing: (a: any, b: any) => [number, number, number];
    readonly validateListings: (a: any, b: any, c: any) => [number, number, number];
    readonly validateRulebook: (a: any) => [number, number, number];
    readonly verifyOrder: (a: any, b: any, c: any, d: any) => [number, number, number];
    readonly version: () => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
