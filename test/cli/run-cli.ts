/**
 * Drives the built CLI: `npm run build:cli` once per change of its sources
 * (serialised between jest workers by a lock directory), then
 * `node lib-cli/cli/main.js ...`.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

export const ROOT = resolve(__dirname, '../..');
export const MAIN = join(ROOT, 'lib-cli/cli/main.js');

export interface ICliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(ROOT, 'src/core'));
  walk(join(ROOT, 'src/cli'));
  for (const f of ['tsconfig.json', 'tsconfig.cli.json', 'package.json']) {
    newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  }
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function buildCli(): void {
  const key = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
  const lock = join(tmpdir(), `sparkmagic-kerberos-cli-build-${key}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A build that died leaves its lock: take it over after two minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120000) {
        rmSync(lock, { recursive: true, force: true });
      }
      sleep(200);
    }
  }
  try {
    if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < newestSource()) {
      const r = spawnSync('npm', ['run', '-s', 'build:cli'], {
        cwd: ROOT,
        encoding: 'utf8'
      });
      if (r.status !== 0) {
        throw new Error(`npm run build:cli failed:\n${r.stdout}${r.stderr}`);
      }
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function runCli(
  args: string[],
  stdin = '',
  env: NodeJS.ProcessEnv = process.env
): ICliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    env,
    input: stdin,
    encoding: 'utf8',
    timeout: 20000
  });
  if (r.error) {
    throw r.error;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Wrong usage as the CLI reports it: exit 2, nothing on stdout, one line on
 * stderr that points to the right `--help`.
 */
export function expectUsageError(r: ICliResult, command?: string): void {
  const help = `sparkmagic-kerberos ${command ? `${command} ` : ''}--help`;
  expect([r.status, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toMatch(/^sparkmagic-kerberos: [^\n]+\n$/);
  expect(r.stderr.endsWith(` (see '${help}')\n`)).toBe(true);
}
