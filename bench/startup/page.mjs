/**
 * One cold load of JupyterLab in a fresh browser context, timed in the
 * page's clock: `app.restored`, network quiet, and a sidebar tab's first
 * open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NAME, reset, sleep } from './servers.mjs';

export const OWN_FILES = `/lab/extensions/${NAME}/`;
const PANEL_TAB = '.jp-SideBar [data-id="jp-SparkKerberos-panel"]';
const PANEL_CONTENT = '#jp-SparkKerberos-panel .jp-SparkKerberos-state';
const TOC_TAB = '.jp-SideBar [data-id="table-of-contents"]';
const TOC_CONTENT = '#table-of-contents .jp-TableOfContents-placeholder';
const LOAD_TIMEOUT = 180000;

/**
 * Records, in the page's clock, when `app.restored` resolves, and tells
 * the page's other scripts with a `bench:restored` event.
 */
export function hookRestored() {
  performance.setResourceTimingBufferSize(5000);
  let app;
  Object.defineProperty(window, 'jupyterapp', {
    configurable: true,
    get: () => app,
    set: value => {
      app = value;
      void value.restored.then(() => {
        window.__benchRestored = performance.now();
        window.dispatchEvent(new Event('bench:restored'));
      });
    }
  });
}

/** Pointerdown on `tab` to `content` being visible, in the page's clock. */
async function firstOpen(page, tab, content) {
  await page.locator(tab).waitFor({ state: 'visible', timeout: 60000 });
  await page.evaluate(selector => {
    window.__benchShown = undefined;
    document.addEventListener(
      'pointerdown',
      () => {
        const down = performance.now();
        const poll = () => {
          const el = document.querySelector(selector);
          if (el && el.checkVisibility()) {
            window.__benchShown = performance.now() - down;
          } else {
            requestAnimationFrame(poll);
          }
        };
        poll();
      },
      { capture: true, once: true }
    );
  }, content);
  await page.locator(tab).click();
  await page.waitForFunction(() => window.__benchShown !== undefined, null, {
    timeout: 60000
  });
  return page.evaluate(() => window.__benchShown);
}

/** Waits until no request has been in flight for `ms`. */
async function quiet(page, inFlight, ms = 500, max = 20000) {
  const end = Date.now() + max;
  let since = Date.now();
  while (Date.now() < end) {
    if (inFlight.size) {
      since = Date.now();
    } else if (Date.now() - since >= ms) {
      return;
    }
    await sleep(50);
  }
}

/** Loads `/lab` once; `open` also times the first open of a tab. */
export async function load(browser, server, { open = true } = {}) {
  await reset(server);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }
  });
  try {
    const page = await context.newPage();
    const own = [];
    const inFlight = new Set();
    page.on('request', r => {
      inFlight.add(r);
      if (r.url().includes(OWN_FILES)) {
        own.push(r);
      }
    });
    const done = r => inFlight.delete(r);
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await page.addInitScript(hookRestored);
    await page.goto(`${server.url}/lab`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => window.__benchRestored !== undefined,
      null,
      {
        timeout: LOAD_TIMEOUT,
        polling: 100
      }
    );
    const restored = await page.evaluate(() => window.__benchRestored);
    await quiet(page, inFlight);
    const settled = await page.evaluate(() =>
      Math.max(
        .../** @type {PerformanceResourceTiming[]} */ (
          performance.getEntriesByType('resource')
        ).map(e => e.responseEnd)
      )
    );
    let opened = null;
    if (open) {
      opened = server.withExtension
        ? await firstOpen(page, PANEL_TAB, PANEL_CONTENT)
        : await firstOpen(page, TOC_TAB, TOC_CONTENT);
      await quiet(page, inFlight);
    }
    const files = await page.evaluate(
      prefix =>
        /** @type {PerformanceResourceTiming[]} */ (
          performance.getEntriesByType('resource')
        )
          .filter(e => e.name.includes(prefix))
          .map(e => ({
            name: new URL(e.name).pathname.split(prefix)[1],
            start: e.startTime,
            size: e.encodedBodySize
          })),
      OWN_FILES
    );
    return {
      restored,
      settled,
      opened,
      remoteEntry: own.some(r => r.url().includes('remoteEntry.')),
      files
    };
  } finally {
    await context.close();
  }
}

/** What a load fetches of the extension when `disabledExtensions` names it. */
export async function disabledCheck(browser, server) {
  const dir = path.join(server.dirs.config, 'labconfig');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'page_config.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ disabledExtensions: { [NAME]: true } })
  );
  try {
    return await load(browser, server, { open: false });
  } finally {
    fs.rmSync(file);
  }
}
