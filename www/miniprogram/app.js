// Loads the engine once at launch; pages await getApp().engine before calling it.
const xd = require("./xiaodian/index.js");

App({
  onLaunch() {
    this.engine = xd.init();
    // Keep the promise from rejecting unobserved; pages show the error themselves.
    this.engine.catch(() => {});
  },
});
