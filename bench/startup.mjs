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
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENV_BIN = path.join(REPO, '.venv', 'bin');
const NAME = JSON.parse(
  fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')
).name;
const OWN_FILES = `/lab/extensions/${NAME}/`;
const PANEL_TAB = '.jp-SideBar [data-id="jp-SparkKerberos-panel"]';
const PANEL_CONTENT = '#jp-SparkKerberos-panel .jp-SparkKerberos-state';
const TOC_TAB = '.jp-SideBar [data-id="table-of-contents"]';
const TOC_CONTENT = '#table-of-contents .jp-TableOfContents-placeholder';
const LOAD_TIMEOUT = 180000;

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
const { chromium } = createRequire(path.join(REPO, 'ui-tests', 'x.js'))(
  'playwright-core'
);

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
const servers = [];

/** SIGTERM to each server's process group; SIGKILL after 10 s. */
async function stopServers() {
  const signal = (child, name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  const running = servers.splice(0).filter(c => c.exitCode === null);
  await Promise.all(
    running.map(child => {
      const gone = new Promise(resolve => child.once('exit', resolve));
      signal(child, 'SIGTERM');
      return Promise.race([gone, sleep(10000)]).then(() =>
        signal(child, 'SIGKILL')
      );
    })
  );
}
// Last resort on an error or a signal: the servers must not outlive the run.
process.on('exit', () => {
  for (const child of servers) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  fs.rmSync(WORK, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130));
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The prebuilt extensions this JupyterLab finds, the first path winning. */
function prebuiltExtensions(env) {
  const paths = JSON.parse(
    execFileSync(path.join(VENV_BIN, 'jupyter'), ['--paths', '--json'], {
      env,
      encoding: 'utf8'
    })
  );
  const found = new Map();
  for (const data of paths.data) {
    const dir = path.join(data, 'labextensions');
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const names = entry.startsWith('@')
        ? fs.readdirSync(path.join(dir, entry)).map(s => `${entry}/${s}`)
        : [entry];
      for (const name of names) {
        const target = path.join(dir, name);
        if (
          !found.has(name) &&
          fs.existsSync(path.join(target, 'package.json'))
        ) {
          found.set(name, fs.realpathSync(target));
        }
      }
    }
  }
  return found;
}

async function startServer(label, port, withExtension) {
  const base = path.join(WORK, label);
  const dirs = {
    home: path.join(base, 'home'),
    root: path.join(base, 'root'),
    config: path.join(base, 'home', '.jupyter'),
    data: path.join(base, 'home', '.local', 'share', 'jupyter'),
    workspaces: path.join(base, 'workspaces'),
    labextensions: path.join(base, 'labextensions')
  };
  for (const dir of Object.values(dirs)) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const env = { ...process.env };
  delete env.JUPYTER_PATH;
  delete env.JUPYTER_CONFIG_PATH;
  Object.assign(env, {
    HOME: dirs.home,
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_RUNTIME_DIR: path.join(base, 'runtime'),
    PATH: `${VENV_BIN}:${env.PATH}`
  });
  const extensions = prebuiltExtensions(env);
  if (!extensions.has(NAME)) {
    throw new Error(`${NAME} is not installed in ${REPO}/.venv`);
  }
  for (const [name, target] of extensions) {
    if (name === NAME && !withExtension) {
      continue;
    }
    const link = path.join(dirs.labextensions, name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
  }
  const config = path.join(base, 'jupyter_server_config.py');
  fs.writeFileSync(
    config,
    [
      `c.ServerApp.port = ${port}`,
      'c.ServerApp.port_retries = 0',
      'c.ServerApp.ip = "127.0.0.1"',
      'c.ServerApp.open_browser = False',
      'c.ServerApp.allow_root = True',
      `c.ServerApp.root_dir = ${JSON.stringify(dirs.root)}`,
      'c.ServerApp.disable_check_xsrf = True',
      'c.IdentityProvider.token = ""',
      'c.ServerApp.password = ""',
      'c.LabApp.expose_app_in_browser = True',
      `c.LabApp.workspaces_dir = ${JSON.stringify(dirs.workspaces)}`,
      `c.LabApp.labextensions_path = [${JSON.stringify(dirs.labextensions)}]`,
      'c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"',
      ''
    ].join('\n')
  );
  const log = fs.openSync(path.join(base, 'server.log'), 'a');
  const child = spawn(
    path.join(VENV_BIN, 'jupyter'),
    ['lab', '--config', config],
    { env, cwd: dirs.root, detached: true, stdio: ['ignore', log, log] }
  );
  servers.push(child);
  const serverLog = () =>
    fs.readFileSync(path.join(base, 'server.log'), 'utf8').slice(-3000);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${label} server exited, see its log:\n` + serverLog());
    }
    try {
      if ((await fetch(`${url}/api/status`)).ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`${label} server did not start on port ${port}`);
    }
    await sleep(250);
  }
  return { label, url, dirs, withExtension };
}

/** No state of one load reaches the next: layout, terminals, kernels. */
async function reset(server) {
  fs.rmSync(server.dirs.workspaces, { recursive: true, force: true });
  fs.mkdirSync(server.dirs.workspaces);
  for (const [list, item] of [
    ['/api/terminals', t => `/api/terminals/${t.name}`],
    ['/api/sessions', s => `/api/sessions/${s.id}`],
    ['/api/kernels', k => `/api/kernels/${k.id}`]
  ]) {
    const items = await (await fetch(server.url + list)).json();
    for (const it of items) {
      await fetch(server.url + item(it), { method: 'DELETE' });
    }
  }
}

/** Records, in the page's clock, when `app.restored` resolves. */
function hookRestored() {
  performance.setResourceTimingBufferSize(5000);
  let app;
  Object.defineProperty(window, 'jupyterapp', {
    configurable: true,
    get: () => app,
    set: value => {
      app = value;
      void value.restored.then(() => {
        window.__benchRestored = performance.now();
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

async function load(browser, server, { open = true } = {}) {
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
        ...performance.getEntriesByType('resource').map(e => e.responseEnd)
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
        performance
          .getEntriesByType('resource')
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
async function disabledCheck(browser, server) {
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

const fmt = ms => `${Math.round(ms)}`.padStart(6);
const kb = bytes => `${(bytes / 1024).toFixed(1)} KB`;
const list = files =>
  `${files.length} files, ${kb(files.reduce((n, f) => n + f.size, 0))}` +
  (files.length ? `: ${files.map(f => f.name).join(', ')}` : '');

function summary(results, disabled) {
  const xs = (label, key) => results[label].map(r => r[key]);
  const row = (title, label, key) => {
    const v = xs(label, key);
    const spread = `(min ${Math.round(Math.min(...v))}, max ${Math.round(Math.max(...v))})`;
    return `  ${title.padEnd(28)} ${fmt(median(v))}  ${spread}`;
  };
  const ratio = (title, a, b) =>
    `  ${title.padEnd(28)} ${(median(a) / median(b)).toFixed(3).padStart(6)}`;
  const sample = results.with[0];
  const early = sample.files.filter(f => f.start <= sample.restored);
  const late = sample.files.filter(f => f.start > sample.restored);
  return [
    `Start-up, median of ${RUNS} cold loads each, ms from navigation start:`,
    row('app.restored, without', 'without', 'restored'),
    row('app.restored, with', 'with', 'restored'),
    ratio(
      'ratio with / without',
      xs('with', 'restored'),
      xs('without', 'restored')
    ),
    row('network quiet, without', 'without', 'settled'),
    row('network quiet, with', 'with', 'settled'),
    ratio(
      'ratio with / without',
      xs('with', 'settled'),
      xs('without', 'settled')
    ),
    'First open, pointerdown on the sidebar tab to its content visible, median, ms:',
    row('Table of Contents (without)', 'without', 'opened'),
    row('this panel (with)', 'with', 'opened'),
    ratio('ratio panel / ToC', xs('with', 'opened'), xs('without', 'opened')),
    'Files of the extension in a "with" load:',
    `  before app.restored: ${list(early)}`,
    `  after (lazy start, first open): ${list(late)}`,
    `With disabledExtensions naming ${NAME}, a load still fetches ${list(disabled.files)}`
  ].join('\n');
}

async function main() {
  console.log(
    `bench/startup.mjs: ${RUNS} loads each, ports ${PORT}-${PORT + 1}`
  );
  const withExt = await startServer('with', PORT, true);
  const without = await startServer('without', PORT + 1, false);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
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
    console.log('\n' + summary(results, disabled));
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
