#!/usr/bin/env node
/**
 * Shipped JavaScript of the prebuilt extension against two published ones,
 * measured in the same run: the remoteEntry plus the chunks JupyterLab loads
 * at start-up (those of the `./extension` and `./style` modules), gzipped.
 * Chunks only reached through dynamic import() are reported apart.
 *
 *   node bench/bundle-size.mjs [--no-build]
 *
 * Builds the production labextension (unless --no-build), installs
 * sagemaker-jupyterlab-emr-extension and jupyterlab-git from PyPI
 * (--no-deps) into a temporary virtualenv, and prints sizes and ratios.
 * Goal: ≤ 40 KB gzipped and ≤ 1/3 of sagemaker-jupyterlab-emr-extension.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VENV_BIN = path.join(REPO, '.venv', 'bin');
// jupyterlab-git 0.52 and later on the index ship no labextension (server part
// only), so the last release with its frontend is pinned.
const BASELINES = [
  'sagemaker-jupyterlab-emr-extension',
  'jupyterlab-git==0.51.4'
];
const GOAL_BYTES = 40 * 1024;

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options
  });
}

const gzip = file => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Startup chunk ids of one federated module in a remoteEntry. */
function startupChunks(remoteEntry, module) {
  // Development: `"./extension": () => { return __webpack_require__.e("id")...`;
  // production: `"./extension":()=>Promise.all([t.e(923),t.e(29)]).then(...)`.
  const start = remoteEntry.search(
    new RegExp(`"${module.replace('.', '\\.')}":\\s*\\(\\)\\s*=>`)
  );
  if (start === -1) {
    return [];
  }
  const body = remoteEntry.slice(start, remoteEntry.indexOf('.then(', start));
  return [...body.matchAll(/\.e\("?([\w-]+)"?\)/g)].map(m => m[1]);
}

/** Sizes of a labextension directory (the one holding package.json and static/). */
export function measure(dir) {
  const pkg = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8')
  );
  const build = pkg.jupyterlab._build;
  const staticDir = path.join(dir, 'static');
  const entryFile = path.join(dir, build.load);
  const entry = fs.readFileSync(entryFile, 'utf8');
  const ids = new Set(
    [build.extension, build.mimeExtension, build.style]
      .filter(Boolean)
      .flatMap(m => startupChunks(entry, m))
  );
  const js = fs.readdirSync(staticDir).filter(f => f.endsWith('.js'));
  const eager = js.filter(f => [...ids].some(id => f.startsWith(`${id}.`)));
  const entryName = path.basename(build.load);
  const lazy = js.filter(
    f => f !== entryName && !eager.includes(f) && f !== 'style.js'
  );
  const sum = files =>
    files.reduce((n, f) => n + gzip(path.join(staticDir, f)), 0);
  const raw = files =>
    files.reduce((n, f) => n + fs.statSync(path.join(staticDir, f)).size, 0);
  return {
    name: pkg.name,
    version: pkg.version,
    startupGzip: gzip(entryFile) + sum(eager),
    startupRaw: fs.statSync(entryFile).size + raw(eager),
    lazyGzip: sum(lazy),
    files: 1 + eager.length
  };
}

function installBaselines() {
  const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-size-'));
  run(path.join(VENV_BIN, 'python'), ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--no-deps',
    ...BASELINES
  ]);
  const root = path.join(venv, 'share', 'jupyter', 'labextensions');
  const dirs = [];
  const walk = d => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (
          fs.existsSync(path.join(full, 'package.json')) &&
          fs.existsSync(path.join(full, 'static'))
        ) {
          dirs.push(full);
        } else {
          walk(full);
        }
      }
    }
  };
  walk(root);
  return { venv, dirs };
}

const kb = n => `${(n / 1024).toFixed(1)} KB`;

function main() {
  if (!process.argv.includes('--no-build')) {
    const env = { ...process.env, PATH: `${VENV_BIN}:${process.env.PATH}` };
    run('npm', ['run', '--silent', 'build:lib:prod'], {
      cwd: REPO,
      env,
      stdio: 'inherit'
    });
    run('npm', ['run', '--silent', 'build:labextension'], {
      cwd: REPO,
      env,
      stdio: 'inherit'
    });
  }
  const ours = measure(
    path.join(REPO, 'jupyterlab_sparkmagic_kerberos', 'labextension')
  );
  const { venv, dirs } = installBaselines();
  try {
    const baselines = dirs.map(measure);
    const rows = [ours, ...baselines];
    console.log(
      'package                                   version   startup gz  (raw)       files  lazy gz'
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(42)}${String(r.version).padEnd(10)}${kb(r.startupGzip).padEnd(12)}${`(${kb(r.startupRaw)})`.padEnd(12)}${String(r.files).padEnd(7)}${kb(r.lazyGzip)}`
      );
    }
    for (const b of baselines) {
      console.log(
        `ours / ${b.name}: ${(ours.startupGzip / b.startupGzip).toFixed(3)}`
      );
    }
    const emr = baselines.find(b => b.name.includes('emr'));
    console.log(
      `goal ≤ ${kb(GOAL_BYTES)} gz: ${ours.startupGzip <= GOAL_BYTES ? 'met' : 'NOT met'}`
    );
    if (emr) {
      console.log(
        `goal ≤ 1/3 of ${emr.name}: ${ours.startupGzip * 3 <= emr.startupGzip ? 'met' : 'NOT met'}`
      );
    }
  } finally {
    fs.rmSync(venv, { recursive: true, force: true });
  }
}

main();
