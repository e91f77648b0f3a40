// The listing-check page: pick the subject and category, type a listing, and see the category
// check and the listing's findings as you type. It is in the merchant sub-package with the full
// engine (listing and category checks), so shoppers never download that module.
const xd = require("../../xiaodian/index.js");

const SUBJECTS = [
  { id: "individual", name: "个人" },
  { id: "individualBusiness", name: "个体工商户" },
  { id: "enterprise", name: "企业" },
];

/** Every leaf of the category tree with its full path, for a single picker column. */
function leaves(nodes, path = []) {
  return nodes.flatMap((n) => (n.children.length
    ? leaves(n.children, [...path, n.name])
    : [{ id: n.id, name: [...path, n.name].join(" > ") }]));
}

Page({
  data: {
    ready: false, error: "", subjects: SUBJECTS, subjectIndex: 0, categories: [], categoryIndex: 0,
    form: { title: "", price: "", stock: "", images: "" }, category: null, report: null,
  },

  async onLoad() {
    if (!(await getApp().engineReady(this, xd.init()))) return;
    this.setData({ ready: true, categories: leaves(xd.categoryTree()) });
    this.check();
  },

  pickSubject(e) {
    this.setData({ subjectIndex: Number(e.detail.value) });
    this.check();
  },

  pickCategory(e) {
    this.setData({ categoryIndex: Number(e.detail.value) });
    this.check();
  },

  input(e) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
    this.check();
  },

  check() {
    const subject = SUBJECTS[this.data.subjectIndex].id;
    const categoryId = this.data.categories[this.data.categoryIndex].id;
    const f = this.data.form;
    try {
      const category = xd.checkCategory({ subject, categoryId, qualifications: [] });
      const report = xd.validateListing({
        title: f.title, categoryId, subject,
        skus: [{ skuId: "sku-1", price: f.price, stock: f.stock }],
        images: f.images.split(/\s+/).filter(Boolean),
      });
      this.setData({ category, report, error: "" });
    } catch (e) {
      this.setData({ error: e.message });
    }
  },
});
