// Loads the shopper's engine once at launch; pages await getApp().engineReady(page) before calling
// it. The merchant sub-package's page loads the full engine itself, when opened.
const xd = require("./xiaodian/index.js");

App({
  onLaunch() {
    this.engine = xd.init();
    // Keep the promise from rejecting unobserved; pages show the error themselves.
    this.engine.catch(() => {});
  },

  /**
   * Waits for an engine (the main package's by default; the merchant sub-package passes its
   * own loader's init()); on failure shows why on `page` and returns false.
   */
  async engineReady(page, engine = this.engine) {
    try {
      await engine;
      return true;
    } catch (e) {
      page.setData({ error: `引擎加载失败：${e.message}` });
      return false;
    }
  },
});
