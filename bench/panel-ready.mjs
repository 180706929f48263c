#!/usr/bin/env node
/**
 * `app.restored` to the panel's first actionable state, in Debian's
 * Chromium driven by Playwright (ui-tests/node_modules), against a real
 * KDC (and, through bench/panel-ready.sh, the demo's stack). Run it with
 * bench/panel-ready.sh, which starts what it needs and passes:
 *
 *   node bench/panel-ready.mjs --profile FILE --keytab FILE [--runs 10] [--port 8940]
 *
 * Two Jupyter servers with the extension, each in its own temporary HOME
 * and ticket cache, the profile in its user settings (its files in user
 * mode, sign-in from the keytab):
 *   - first run: nothing applied, no ticket; ready is "No ticket" with
 *     Apply the guide's enabled primary button;
 *   - signed in: applied and signed in once through the panel (one load
 *     before the runs); ready is "Signed in" with Open a notebook primary.
 * Each load is cold (fresh browser context; layout, terminals and kernels
 * of the last load removed, so the hidden terminal starts anew). The panel
 * is opened as `app.restored` resolves; ready is the first DOM change after
 * which the ticket state is not "Checking…" and the guide's primary button
 * is enabled, in the page's clock. Loads alternate between the servers and
 * between idle and loaded (two busy-loop processes beside the browser,
 * stopped after each load). Once ready, five `klist` round trips through
 * the same hidden terminal (the model's refresh) give the baseline the
 * ready times are divided by. Prints medians and ratios, asserts nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hookRestored } from './startup/page.mjs';
import { median } from './startup/report.mjs';
import {
  NAME,
  REPO,
  reset,
  startServer,
  stopServers
} from './startup/servers.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    port: { type: 'string', default: '8940' },
    profile: { type: 'string' },
    keytab: { type: 'string' }
  }
});
const RUNS = Number(opts.runs);
const PORT = Number(opts.port);
if (!(RUNS >= 1) || !(PORT > 0) || !opts.profile || !opts.keytab) {
  console.error(
    'usage: node bench/panel-ready.mjs --profile FILE --keytab FILE [--runs N] [--port P]'
  );
  process.exit(2);
}
const uiTests = createRequire(path.join(REPO, 'ui-tests', 'x.js'));
const { chromium } = uiTests('playwright-core');
const CHROMIUM = uiTests('./chromium.js');
const PANEL = '#jp-SparkKerberos-panel';
const LOAD_TIMEOUT = 300000;

/** At `app.restored`: open the panel and wait for its first actionable state. */
function watchReady() {
  window.addEventListener('bench:restored', () => {
    /** @type {any} */ (window).jupyterapp.shell.activateById(
      'jp-SparkKerberos-panel'
    );
    const ready = () => {
      const panel = document.getElementById('jp-SparkKerberos-panel');
      const state = panel?.querySelector('.jp-SparkKerberos-state');
      const primary = /** @type {HTMLButtonElement | null | undefined} */ (
        panel?.querySelector('.jp-SparkKerberos-guide button.jp-mod-accept')
      );
      return (
        !!state &&
        !state.classList.contains('jp-mod-unknown') &&
        !!primary &&
        !primary.disabled
      );
    };
    const observer = new MutationObserver(() => {
      if (ready()) {
        window.__benchReady = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true
    });
  });
}

/** Milliseconds of `count` klist round trips through the panel's hidden terminal. */
async function klistTimes(page, count) {
  return page.evaluate(
    async ({ name, count }) => {
      const container = /** @type {any} */ (window)._JUPYTERLAB[name];
      const { ISparkKerberos } = (await container.get('./extension'))();
      const app = /** @type {any} */ (window).jupyterapp;
      const handle = await app.resolveRequiredService(ISparkKerberos);
      const model = await handle.ready;
      await model.refresh();
      const times = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        await model.refresh();
        times.push(performance.now() - start);
      }
      return times;
    },
    { name: NAME, count }
  );
}

/** Two busy loops beside the browser until the returned stop is called. */
function cpuLoad() {
  const loops = [0, 1].map(() =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  );
  return () => loops.forEach(child => child.kill('SIGKILL'));
}

/** One cold load; the times of ready and of klist, in ms. */
async function load(browser, server, { klist = 5 } = {}) {
  await reset(server);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(hookRestored);
    await page.addInitScript(watchReady);
    await page.goto(`${server.url}/lab`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__benchReady !== undefined, null, {
      timeout: LOAD_TIMEOUT,
      polling: 100
    });
    const [restored, ready, label] = await page.evaluate(() => [
      window.__benchRestored ?? 0,
      window.__benchReady ?? 0,
      document.querySelector('#jp-SparkKerberos-panel .jp-SparkKerberos-state')
        ?.textContent
    ]);
    return {
      ready: ready - restored,
      label,
      klist: klist ? await klistTimes(page, klist) : []
    };
  } finally {
    await context.close();
  }
}

/** Applies the profile's files and signs in from the keytab, through the panel. */
async function signIn(browser, server) {
  await reset(server);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/lab`);
    await page.locator(`.jp-SideBar [data-id="${PANEL.slice(1)}"]`).click();
    const button = name =>
      page.locator(PANEL).getByRole('button', { name, exact: true }).first();
    await button('Apply Configuration…').click({ timeout: LOAD_TIMEOUT });
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: /Write files|Close/ })
      .click({ timeout: LOAD_TIMEOUT });
    await button('Sign In').click({ timeout: LOAD_TIMEOUT });
    await page
      .locator(`${PANEL} .jp-SparkKerberos-stateLabel`)
      .filter({ hasText: 'Signed in' })
      .waitFor({ timeout: LOAD_TIMEOUT });
  } finally {
    await context.close();
  }
}

async function main() {
  const profile = {
    ...JSON.parse(fs.readFileSync(opts.profile, 'utf8')),
    signIn: 'keytab',
    keytab: path.resolve(opts.keytab),
    files: {
      krb5Target: 'user',
      userKrb5Conf: '~/.config/sparkmagic-kerberos/krb5.conf',
      dropinDir: '/etc/krb5.conf.d',
      sparkmagicConfig: ''
    }
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-panel-ready-'));
  const site = path.join(work, 'krb5.conf');
  fs.writeFileSync(site, '');
  const serverOptions = label => ({
    settings: { profiles: [profile] },
    env: {
      KRB5_CONFIG: site,
      KRB5CCNAME: `FILE:${path.join(work, `${label}.cc`)}`
    }
  });
  console.log(
    `bench/panel-ready.mjs: ${RUNS} loads each way, ports ${PORT}-${PORT + 1}, profile ${profile.name}`
  );
  const servers = [
    await startServer('first-run', PORT, true, serverOptions('first-run')),
    await startServer('signed-in', PORT + 1, true, serverOptions('signed-in'))
  ];
  const browser = await chromium.launch(CHROMIUM);
  /** @type {Record<string, {ready: number, klist: number[]}[]>} */
  const results = {};
  try {
    await signIn(browser, servers[1]);
    for (const server of servers) {
      await load(browser, server, { klist: 0 }); // Warm-up, discarded.
    }
    for (let i = 0; i < RUNS; i++) {
      for (const loaded of i % 2 ? [true, false] : [false, true]) {
        for (const server of i % 2 ? [...servers].reverse() : servers) {
          const stop = loaded ? cpuLoad() : () => undefined;
          let r;
          try {
            r = await load(browser, server);
          } finally {
            stop();
          }
          const key = `${server.label}, ${loaded ? 'loaded' : 'idle'}`;
          (results[key] ??= []).push(r);
          console.log(
            `  ${String(i + 1).padStart(2)} ${key.padEnd(18)} ready ${Math.round(r.ready).toString().padStart(6)} ms (${r.label})  klist ${median(r.klist).toFixed(1)} ms`
          );
        }
      }
    }
  } finally {
    await browser.close();
    await stopServers();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\napp.restored to the panel's first actionable state, median of ${RUNS} cold loads; klist through the same hidden terminal, median of ${RUNS}×5:`
  );
  for (const [key, rs] of Object.entries(results)) {
    const ready = median(rs.map(r => r.ready));
    const klist = median(rs.flatMap(r => r.klist));
    console.log(
      `  ${key.padEnd(18)} ready ${Math.round(ready).toString().padStart(6)} ms  klist ${klist.toFixed(1).padStart(6)} ms  ratio ready / klist ${(ready / klist).toFixed(1).padStart(6)}`
    );
  }
  console.log('goal: ready ≤ 1500 ms idle');
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error.stack || String(error));
    process.exit(1);
  }
);
