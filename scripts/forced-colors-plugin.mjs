// A test-runner command, `forced-colors`, that turns Chromium's forced-colours emulation (Windows High Contrast)
// on or off for the calling page over CDP (`Emulation.setEmulatedMedia`). @web/test-runner-commands' emulateMedia
// passes `forcedColors` only to Playwright; Firefox's and WebKit's drivers here cannot emulate it at all, so the
// command answers false there and the test says why it skips. The CDP session is kept per page: an emulation ends
// with the session that set it.
export function forcedColorsPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'recrubo-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer' || !/^Chrom/.test(session.browser.name)) return false;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) sessions.set(page, (cdp = await page.createCDPSession()));
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
      });
      return true;
    },
  };
}
