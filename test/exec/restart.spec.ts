// The server dies (SIGKILL) in the middle of a write and comes back on the
// same port with the same token: the old file is intact, nothing is left
// behind, and the runner carries on with a fresh terminal.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { URLExt } from '@jupyterlab/coreutils';

import { ChannelClosedError } from '../../src/exec/errors';
import { TerminalFiles } from '../../src/exec/files';
import { TerminalRunner } from '../../src/exec/runner';
import {
  baseUrl,
  listTerminals,
  serverChildren,
  serverPid,
  useServer
} from './server';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-restart-'));
let runner: TerminalRunner;
let files: TerminalFiles;
let restarted: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Processes still alive (zombies count as gone). */
function alive(pids: number[]): number[] {
  if (pids.length === 0) {
    return [];
  }
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,stat=', '-p', pids.join(',')], {
      encoding: 'utf8'
    });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map(l => l.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number
): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) {
      return true;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return check();
}

// A fixed port, so that the restarted server answers at the same URL.
const lab = useServer(async () => ({
  server: {
    configData: { ServerApp: { port: await freePort(), port_retries: 0 } }
  },
  runner: { timeoutMs: 60000 }
}));

beforeAll(() => {
  runner = lab.runner;
  files = new TerminalFiles({ runner, timeoutMs: 60000 });
});

// The fixture leaves the server it started, which the test killed, alone; the
// runner it shut down was on the restarted one, which is this file's to stop.
afterAll(async () => {
  if (restarted) {
    expect(await listTerminals()).toEqual([]);
    const child = restarted;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(root, { recursive: true, force: true });
});

it('survives a server killed mid-write and reconnects after its restart', async () => {
  const file = path.join(root, '.sparkmagic', 'config.json');
  const old = '{"old": true}\n';
  await files.write(file, old, { mode: 0o600 });
  const big = 'x'.repeat(8 * 1024 * 1024);

  const pid = serverPid();
  const env = fs
    .readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .filter(Boolean)
    .reduce<Record<string, string>>((acc, kv) => {
      const i = kv.indexOf('=');
      acc[kv.slice(0, i)] = kv.slice(i + 1);
      return acc;
    }, {});
  const started = Date.now();
  const writing = files.write(file, big);
  writing.catch(() => undefined);
  // An 8 MB write takes seconds through the pty; kill well inside it.
  await new Promise(resolve => setTimeout(resolve, 700));
  const below = serverChildren().map(p => p.pid);
  expect(below.length).toBeGreaterThan(0);
  process.kill(pid, 'SIGKILL');

  await expect(writing).rejects.toBeInstanceOf(ChannelClosedError);
  expect(Date.now() - started).toBeLessThan(15000);
  expect(fs.readFileSync(file, 'utf8')).toBe(old);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readdirSync(path.dirname(file))).toEqual(['config.json']);
  // The terminal's shell and everything it ran die with the pty.
  expect(await waitFor(() => alive(below).length === 0, 5000)).toBe(true);

  await expect(runner.run('echo while down')).rejects.toBeInstanceOf(
    ChannelClosedError
  );

  restarted = spawn('jupyter-lab', [], { env, stdio: 'ignore' });
  const up = await waitFor(async () => {
    try {
      return (await fetch(URLExt.join(baseUrl(), 'api'))).ok;
    } catch {
      return false;
    }
  }, 30000);
  expect(up).toBe(true);

  expect((await runner.run('echo back')).stdout).toBe('back\n');
  expect(await listTerminals()).toEqual([runner.terminalName]);
  const result = await files.write(file, '{"new": true}\n');
  expect(fs.readFileSync(file, 'utf8')).toBe('{"new": true}\n');
  expect(fs.readFileSync(result.backupPath as string, 'utf8')).toBe(old);
  expect(
    fs.readdirSync(path.dirname(file)).filter(f => f.includes('.skr-tmp.'))
  ).toEqual([]);
});
