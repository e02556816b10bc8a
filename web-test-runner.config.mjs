// Browser tests: real Chromium, Firefox and WebKit against the real sandbox, mounted same-origin.
// Which engines run, and where the WebKit driver listens, is decided by scripts/test-browsers.mjs
// (it finds the browsers and starts Xvfb + WebKitWebDriver) and handed over in environment variables.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { defaultReporter } from '@web/test-runner';
import { register } from 'tsx/esm/api';
import { createRequire } from 'node:module';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { forcedColorsPlugin } from './scripts/forced-colors-plugin.mjs';

register();

// @web/test-runner-webdriver 0.9 (WebKit here): IFrameManager.sendKeys switches the driver into the test's iframe and
// never back, so the next command (a second sendKeys, or ending the session) looks for the iframe inside itself and
// fails ("Invalid frame ID object", "iframe.addEventListener" of null). Switch back afterwards, and keep the other
// frame-sensitive commands (a test file starting or ending in the same WebKit window) out of that window of time.
{
  const { IFrameManager } = createRequire(import.meta.url)(
    './node_modules/@web/test-runner-webdriver/dist/IFrameManager.js',
  );
  const serial = (fn) =>
    async function (...args) {
      const run = (this.__recruboQueue ?? Promise.resolve()).then(() => fn.apply(this, args));
      this.__recruboQueue = run.catch(() => {});
      return run;
    };
  IFrameManager.prototype.sendKeys = serial(async function (sessionId, keys) {
    const frame = await this.driver.$(`iframe#${this.getFrameId(sessionId)}`);
    await this.driver.switchToFrame(frame);
    try {
      // Keys go to the focused frame: make it this test's frame, and put the focus back on the element (in whatever
      // shadow root) that the test focused, which focusing the frame may have reset.
      await this.driver.execute(`
        var target = document.activeElement;
        while (target && target.shadowRoot && target.shadowRoot.activeElement) target = target.shadowRoot.activeElement;
        window.focus();
        if (target && target !== document.body && target.focus) target.focus();
      `);
      return await this.driver.keys(keys);
    } finally {
      await this.driver.switchToParentFrame();
    }
  });
  for (const name of ['startSession', 'stopSession'])
    IFrameManager.prototype[name] = serial(IFrameManager.prototype[name]);
}

// Firefox delivers synthesized keys to the focused window only; with two test files open at once the other one may
// hold the focus, so `sendKeys` brings its own page to the front first.
function keysToFront(launcher) {
  const getPage = launcher.getPage.bind(launcher);
  launcher.getPage = (id) => {
    const page = getPage(id);
    const keyboard = page.keyboard;
    if (!keyboard.__recruboFront) {
      keyboard.__recruboFront = true;
      for (const name of ['type', 'press', 'down', 'up']) {
        const original = keyboard[name].bind(keyboard);
        keyboard[name] = async (...args) => {
          await page.bringToFront();
          return original(...args);
        };
      }
    }
    return page;
  };
  return launcher;
}

// @web/test-runner-webdriver (WebKit, one test file at a time): after each file the driver navigated to about:blank;
// now and then WebKitGTK never answered that navigation and the run hung for five minutes, failing the file. The
// next file's navigation replaces the page anyway, so only read the results here (the same as the original, minus
// the detour), and never wait on the page for long.
{
  const { SessionManager } = createRequire(import.meta.url)(
    './node_modules/@web/test-runner-webdriver/dist/SessionManager.js',
  );
  SessionManager.prototype.stopSession = async function (id) {
    const result = await Promise.race([
      this.driver.execute('return (function () { return { testCoverage: window.__coverage__ }; })();'),
      new Promise((resolve) => setTimeout(() => resolve({}), 15000)),
    ]);
    this.urlMap.delete(id);
    return { testCoverage: this.config.coverage ? result?.testCoverage : undefined };
  };
}

const { createSandbox } = await import('./sandbox/app.ts');
const { koaMiddleware, startSandboxServer } = await import('./scripts/sandbox-mounts.ts');
const { testApplyRouter, startForeignApplyServer } = await import('./scripts/apply-mounts.ts');
const { koaHandler, startHandlerServer } = await import('./scripts/push-mounts.ts');
const { createMemoryBroker, createRecruboEventStream, createRecruboWebhookReceiver } =
  await import('./src/proxy/index.ts');

const env = process.env;
const wanted = (env.RECRUBO_BROWSERS ?? 'chromium').split(',').filter(Boolean);

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: env.RECRUBO_CHROMIUM_PATH,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    keysToFront(
      puppeteerLauncher({
        launchOptions: { browser: 'firefox', executablePath: env.RECRUBO_FIREFOX_PATH, headless: true },
        // A window per test file, not a tab: bringing one to the front (below) must not hide the others.
        createPage: ({ context }) => context.newPage({ type: 'window' }),
      }),
    ),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: 'localhost',
      port: Number(env.RECRUBO_WEBKIT_DRIVER_PORT ?? 4444),
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: env.RECRUBO_MINIBROWSER_PATH, args: ['--automation'] },
      },
    }),
};

// One sandbox for the same-origin mount (tests take a private tenant each), and a second one on its own port
// so that tests can make real cross-origin requests (CORS, preflight with Authorization).
// A test uses its tenant for seconds: one untouched for 30 s is done with, so a full run (about 600 tenants over
// three engines) stays under the cap; the default tenant may be controlled from a page (a developer's own server).
const sandbox = createSandbox({ speed: 20, maxTenants: 500, tenantIdleMs: 30_000, defaultTenantControl: true });
const crossOrigin = await startSandboxServer({ port: 0, host: '127.0.0.1', speed: 20 });
// Control routes are same-origin only (a page elsewhere must not reset a developer's sandbox), so the tenant the
// cross-origin Retry-After test reads is set up here, from Node.
crossOrigin.sandbox.tenant('cors-rate-limited').setFaults({ rateLimitRate: 1, retryAfter: 7 });
// <recrubo-apply>: createRecruboApply per test tenant, same origin (`/__apply/<tenant>/apply`), and one on another
// origin that does not allow the test page (the refusal a career site on the wrong domain sees).
const applyRouter = testApplyRouter(sandbox);
const foreignApply = await startForeignApplyServer(sandbox);

// Push (test/browser/push): a tenant's webhooks (set per tenant through the control endpoint) go over real HTTP to a
// receiver on its own port; the page reads the event stream same-origin at /__push/events. One broker between them.
const PUSH_SECRET = 'test-webhook-secret';
const pushBroker = createMemoryBroker();
const pushReceiver = await startHandlerServer(
  createRecruboWebhookReceiver({ secret: PUSH_SECRET, broker: pushBroker }),
);
const pushStream = createRecruboEventStream({
  broker: pushBroker,
  allowedOrigins: (origin) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin),
  basePath: '/__push/events',
  heartbeatMs: 5000,
  // The test pages sign in to nothing: a demo stream. Every test page is one anonymous client, so its cap is wide.
  demo: true,
  maxStreamsPerClient: 200,
});
// A guarded stream, as a multi-tenant ATS runs it (test/browser/push/authorize-ids.test.ts): the page's token says
// who it is and which runs it may see (`allow:<id>,<id>`); authorizeIds refuses every other id.
const guardedStream = createRecruboEventStream({
  broker: pushBroker,
  allowedOrigins: (origin) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin),
  basePath: '/__push/guarded-events',
  heartbeatMs: 5000,
  maxStreamsPerClient: 200,
  authorize: (request) => {
    const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    return token.startsWith('allow:') ? { id: token, allowed: token.slice(6).split(',') } : false;
  },
  authorizeIds: (identity, _type, ids) => ids.filter((id) => identity.allowed.includes(id)),
});

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: Number(env.RECRUBO_TEST_CONCURRENCY ?? 1),
  concurrentBrowsers: 3,
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
  browsers: wanted.map((name) => launchers[name]()),
  reporters: [defaultReporter(), summaryReporter()],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), forcedColorsPlugin()],
  middleware: [
    koaMiddleware(sandbox),
    koaHandler('/__push/events', pushStream),
    koaHandler('/__push/guarded-events', guardedStream),
    async (ctx, next) => {
      if (!ctx.url.startsWith('/__apply/')) return next();
      ctx.respond = false;
      if (!(await applyRouter(ctx.req, ctx.res))) {
        ctx.respond = true;
        return next();
      }
    },
  ],
  testFramework: { config: { timeout: 15000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"></head><body>
<script>window.__RECRUBO_TEST__ = ${JSON.stringify({ crossOriginBaseUrl: `${crossOrigin.url}/public/v2`, foreignApplyUrl: `${foreignApply.url}/apply`, push: { webhookUrl: pushReceiver.url, secret: PUSH_SECRET, eventsUrl: '/__push/events', guardedEventsUrl: '/__push/guarded-events' } })};</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
};
