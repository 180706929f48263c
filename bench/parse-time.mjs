#!/usr/bin/env node
/**
 * Parsing time on hostile input: `explain`, `parseKlist` and the sign-in
 * terminal's watcher, built from a baseline commit and from the working
 * tree, measured in the same run, each case in its own process.
 *
 *   node bench/parse-time.mjs [--base main] [--timeout 60]
 *
 * Prints milliseconds (the fastest of three runs, one past a second) and the ratio
 * baseline / working tree; a case past the timeout prints `> N s`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SELF), '..');
// Each module under its current path and its earlier one, so a baseline
// from before the source moved into folders builds too.
const ENTRIES = {
  explain: ['core/explain/explain', 'core/explain'],
  klist: ['core/klist/parse', 'core/klist'],
  terminal: ['lab/visible-terminal', 'model/visible-terminal']
};
const present = (root, ext) =>
  Object.values(ENTRIES).map(paths =>
    paths.find(p => fs.existsSync(path.join(root, `${p}${ext}`)))
  );
const KB = 1024;
const MB = KB * KB;
const NOW = new Date('2026-11-25T17:15:00Z');

const repeatTo = (unit, length) => unit.repeat(Math.ceil(length / unit.length));
const spaces = n => ' '.repeat(n);

/** Each case: its input, built in the measuring process, and what runs it. */
const CASES = {
  'explain: 800 KB of `GSS initiate failed`': lib =>
    run(lib, 'explain', repeatTo('GSS initiate failed\n', 800 * KB)),
  'explain: `SSL: certificate subject name ` x 40k': lib =>
    run(lib, 'explain', 'SSL: certificate subject name '.repeat(40000)),
  'explain: 10 MB of `GSS initiate failed`': lib =>
    run(lib, 'explain', repeatTo('GSS initiate failed\n', 10 * MB)),
  'klist: a line with 40k blanks inside': lib =>
    run(lib, 'klist', `Ticket cache: FILE:/tmp/cc${spaces(40000)}x\n`),
  'klist: a 10 MB line of blanks inside': lib =>
    run(lib, 'klist', `Ticket cache: FILE:/tmp/cc${spaces(10 * MB)}x\n`),
  'terminal: 7 000 messages of 1 KB': lib =>
    run(lib, 'terminal', repeatTo('kinit: still waiting\r\n', KB), 7000),
  'terminal: 10 240 messages of 1 KB (10 MB)': lib =>
    run(lib, 'terminal', repeatTo('kinit: still waiting\r\n', KB), 10240)
};

function load(require, lib, what) {
  const at = ENTRIES[what].find(p => fs.existsSync(path.join(lib, `${p}.js`)));
  return require(`./${at}.js`);
}

async function run(lib, what, text, count = 1) {
  const require = createRequire(path.join(lib, 'x.js'));
  const best = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    if (what === 'explain') {
      load(require, lib, 'explain').explain(text);
    } else if (what === 'klist') {
      load(require, lib, 'klist').parseKlist(text, NOW);
    } else {
      await watch(load(require, lib, 'terminal'), text, count);
    }
    best.push(performance.now() - start);
    if (best[i] > 1000) {
      break;
    }
  }
  return Math.min(...best);
}

/** typeAndWatch on a terminal that answers the typed line with `count` messages, then the report. */
async function watch(terminal, message, count) {
  const marker = terminal.newMarker();
  const report = `\x1b]7781;${marker}:0\x07`;
  const handlers = new Set();
  const emit = content =>
    handlers.forEach(h => h(null, { type: 'stdout', content: [content] }));
  const opened = {
    session: {
      name: '1',
      messageReceived: {
        connect: h => handlers.add(h),
        disconnect: h => handlers.delete(h)
      },
      send: () =>
        setTimeout(() => {
          for (let i = 0; i < count; i++) {
            emit(message);
          }
          emit(report.slice(0, 9));
          emit(report.slice(9));
        }, 0)
    },
    closed: new Promise(() => undefined),
    close: () => undefined,
    closeLater: () => undefined
  };
  const outcome = terminal.typeAndWatch(opened, 'x', marker);
  emit('$ ');
  const { exitCode } = await outcome;
  if (exitCode !== 0) {
    throw new Error(`exit code ${exitCode}`);
  }
}

/** Compiles the parsers of `src` (a directory holding src/) to CommonJS in `out`. */
function build(root, out) {
  fs.symlinkSync(
    path.join(REPO, 'node_modules'),
    path.join(root, 'node_modules')
  );
  const config = {
    compilerOptions: {
      module: 'commonjs',
      target: 'ES2020',
      lib: ['DOM', 'ES2020'],
      outDir: out,
      rootDir: path.join(root, 'src'),
      strict: true,
      skipLibCheck: true,
      types: []
    },
    files: present(path.join(root, 'src'), '.ts').map(e =>
      path.join(root, 'src', `${e}.ts`)
    )
  };
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(config));
  execFileSync(path.join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', root], {
    stdio: 'inherit'
  });
}

function measure(lib, name, timeoutS) {
  const child = spawnSync(
    process.execPath,
    [SELF, '--case', name, '--lib', lib],
    {
      encoding: 'utf8',
      timeout: timeoutS * 1000
    }
  );
  const error = /** @type {NodeJS.ErrnoException | undefined} */ (child.error);
  if (error?.code === 'ETIMEDOUT' || child.signal) {
    return null;
  }
  if (child.status !== 0) {
    throw new Error(`${name}: ${child.stderr}`);
  }
  return Number(child.stdout);
}

async function main(argv) {
  const arg = (flag, fallback) => {
    const at = argv.indexOf(flag);
    return at < 0 ? fallback : argv[at + 1];
  };
  if (argv.includes('--case')) {
    process.stdout.write(String(await CASES[arg('--case')](arg('--lib'))));
    return;
  }
  const base = arg('--base', 'main');
  const timeoutS = Number(arg('--timeout', '60'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-time-'));
  try {
    const baseSrc = path.join(tmp, 'base');
    fs.mkdirSync(baseSrc);
    const archive = execFileSync('git', ['-C', REPO, 'archive', base, 'src']);
    execFileSync('tar', ['-x', '-C', baseSrc], { input: archive });
    const headSrc = path.join(tmp, 'head');
    fs.mkdirSync(headSrc);
    fs.cpSync(path.join(REPO, 'src'), path.join(headSrc, 'src'), {
      recursive: true
    });
    build(baseSrc, path.join(tmp, 'base-lib'));
    build(headSrc, path.join(tmp, 'head-lib'));
    const shown = ms => (ms === null ? `> ${timeoutS} s` : ms.toFixed(1));
    console.log(
      `${'case'.padEnd(46)} ${base.padStart(10)} ${'now'.padStart(10)} ${'ratio'.padStart(8)}`
    );
    for (const name of Object.keys(CASES)) {
      const before = measure(path.join(tmp, 'base-lib'), name, timeoutS);
      const after = measure(path.join(tmp, 'head-lib'), name, timeoutS);
      const ratio =
        after === null
          ? '-'
          : `${before === null ? '>' : ''}${((before ?? timeoutS * 1000) / Math.max(after, 0.01)).toFixed(0)}x`;
      console.log(
        `${name.padEnd(46)} ${shown(before).padStart(10)} ${shown(after).padStart(10)} ${ratio.padStart(8)}`
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
