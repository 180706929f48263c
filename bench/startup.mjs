#!/usr/bin/env node
/**
 * JupyterLab start-up with and without the extension, and the panel's first
 * open, in Debian's Chromium driven by Playwright (ui-tests/node_modules).
 *
 *   node bench/startup.mjs [--runs 12] [--port 8930]
 *
 * Two Jupyter servers from .venv run side by side (ports PORT and PORT+1),
 * each with its own temporary HOME, config, data, workspaces and root
 * directory. They differ in one setting only, `LabApp.labextensions_path`:
 * a temporary directory of links to every prebuilt extension the venv's
 * JupyterLab would find, with this extension's link left out for "without".
 * So "without" is JupyterLab as if the extension were not installed, while
 * the installed build (the venv's link) stays in place for other users of
 * the venv. `disabledExtensions` is no substitute: JupyterLab still fetches
 * the remoteEntry and the `./extension` module of a disabled extension and
 * only skips its style and plugins; the run checks that once on the "with"
 * server and prints what a disabled extension still fetches.
 *
 * Each load is a cold one in a fresh browser context (empty cache and
 * storage) with the saved workspace, terminals and sessions removed before
 * it. Loads alternate with / without, swapping the order every pair, after
 * one discarded warm-up load of each. Measured in the page's clock:
 *   - start-up: navigation start to `app.restored` resolving;
 *   - first open: once the page is quiet (no request for 500 ms), the
 *     pointerdown on a sidebar tab to its content being visible: this
 *     panel's ticket state in the "with" loads, JupyterLab's Table of
 *     Contents in the "without" loads (the reference, clicked at the
 *     same point).
 * Every "with" load must fetch the extension's remoteEntry and no
 * "without" load may; the run stops otherwise. Prints medians and ratios.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OWN_FILES, disabledCheck, load } from './startup/page.mjs';
import { fmt, summary } from './startup/report.mjs';
import {
  REPO,
  VENV_BIN,
  startServer,
  stopServers
} from './startup/servers.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '12' },
    port: { type: 'string', default: '8930' }
  }
});
const RUNS = Number(opts.runs);
const PORT = Number(opts.port);
if (!(RUNS >= 1) || !(PORT > 0)) {
  console.error('usage: node bench/startup.mjs [--runs N] [--port P]');
  process.exit(2);
}
if (!fs.existsSync(path.join(VENV_BIN, 'jupyter-lab'))) {
  console.error(`bench/startup.mjs: ${VENV_BIN}/jupyter-lab is missing`);
  process.exit(1);
}
const uiTests = createRequire(path.join(REPO, 'ui-tests', 'x.js'));
const { chromium } = uiTests('playwright-core');
const CHROMIUM = uiTests('./chromium.js');

async function main() {
  console.log(
    `bench/startup.mjs: ${RUNS} loads each, ports ${PORT}-${PORT + 1}`
  );
  const withExt = await startServer('with', PORT, true);
  const without = await startServer('without', PORT + 1, false);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const disabled = await disabledCheck(browser, withExt);
    await load(browser, withExt);
    await load(browser, without);
    const results = { with: [], without: [] };
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? [without, withExt] : [withExt, without];
      for (const server of order) {
        const r = await load(browser, server);
        if (r.remoteEntry !== server.withExtension) {
          throw new Error(
            `a "${server.label}" load ${r.remoteEntry ? 'fetched' : 'did not fetch'} ${OWN_FILES}remoteEntry`
          );
        }
        results[server.label].push(r);
        console.log(
          `  ${String(i + 1).padStart(2)} ${server.label.padEnd(7)}  restored ${fmt(r.restored)}  quiet ${fmt(r.settled)}  first open ${fmt(r.opened)}`
        );
      }
    }
    console.log('\n' + summary(results, disabled, RUNS));
  } finally {
    await browser.close();
    await stopServers();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error.stack || String(error));
    process.exit(1);
  }
);
