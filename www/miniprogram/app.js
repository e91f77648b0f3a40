// Loads the engine once at launch; pages await getApp().engine before calling it.
const xd = require("./xiaodian/index.js");

App({
  onLaunch() {
    this.engine = xd.init();
    // Keep the promise from rejecting unobserved; pages show the error themselves.
    this.engine.catch(() => {});
  },

  /** Waits for the engine; on failure shows why on `page` and returns false. */
  async engineReady(page) {
    try {
      await this.engine;
      return true;
    } catch (e) {
      page.setData({ error: `引擎加载失败：${e.message}` });
      return false;
    }
  },
});
