// The fixture of the integration suites: a real Jupyter server from the
// project's virtualenv (@jupyterlab/testing's JupyterServer) per spec file,
// and counts of its terminals and processes taken from the server itself and
// from `ps`.
import { execFileSync } from 'child_process';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { ServerConnection, TerminalManager } from '@jupyterlab/services';
import { JupyterServer } from '@jupyterlab/testing';
import type { JSONObject } from '@lumino/coreutils';

import { TerminalRunner } from '../../src/exec/runner';

/** Fails loudly when the prerequisites of the suite are missing. */
function requireTools(): void {
  for (const tool of ['jupyter-lab', 'klist', 'kinit', 'timeout', 'flock']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' });
    } catch {
      throw new Error(
        `'${tool}' is not on PATH; run the suite through test/exec/run.sh (it puts .venv/bin first).`
      );
    }
  }
}

export interface IServerOptions {
  configData?: JSONObject;
  pageConfig?: Record<string, string>;
  additionalKernelSpecs?: JSONObject;
}

/** What a spec file's server starts with. */
export interface IServerSetup {
  server?: IServerOptions;
  /** Options of a hidden-shell runner on the fixture's manager; none without. */
  runner?: Omit<TerminalRunner.IOptions, 'terminals' | 'serviceManager'>;
}

export interface IServerFixture {
  /** The terminal manager of the file's server. */
  readonly manager: TerminalManager;
  /** The runner `IServerSetup.runner` asked for. */
  readonly runner: TerminalRunner;
}

/**
 * The spec file's server, started before its tests (with a runner when asked
 * for) and shut down after them. `setup` runs first, after the
 * `beforeAll` hooks declared before this call: a function prepares what the
 * options name, and a failing one starts no server. Afterwards the runner's
 * terminal is gone from the server, and a server a test killed is not shut
 * down again.
 */
export function useServer(
  setup: IServerSetup | (() => IServerSetup | Promise<IServerSetup>) = {}
): IServerFixture {
  const server = new JupyterServer();
  let pid = 0;
  let manager: TerminalManager | undefined;
  let runner: TerminalRunner | undefined;
  // Made on first use: a server without terminals answers a manager's polls with 404s.
  const terminals = (): TerminalManager => {
    if (!pid) {
      throw new Error('The server of this file has not started.');
    }
    manager ??= newManager();
    return manager;
  };

  beforeAll(async () => {
    const options = typeof setup === 'function' ? await setup() : setup;
    await startServer(server, options.server);
    pid = serverPid();
    if (options.runner) {
      runner = new TerminalRunner({
        ...options.runner,
        terminals: terminals()
      });
    }
  }, 120000);

  afterAll(async () => {
    const killed = pid !== 0 && !isAlive(pid);
    await runner?.shutdown();
    manager?.dispose();
    if (runner && !killed) {
      expect(await listTerminals()).toEqual([]);
    }
    if (!killed) {
      await server.shutdown();
    }
  });

  return {
    get manager(): TerminalManager {
      return terminals();
    },
    get runner(): TerminalRunner {
      if (!runner) {
        throw new Error('The server fixture of this file has no runner.');
      }
      return runner;
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a server as root-safe as CI needs it; quiet enough to read. */
async function startServer(
  server: JupyterServer,
  options: IServerOptions = {}
): Promise<void> {
  requireTools();
  const extra = options.configData ?? {};
  await server.start({
    ...options,
    configData: {
      ...extra,
      // CI runs as root; INFO still prints the URL JupyterServer waits for.
      ServerApp: {
        allow_root: true,
        log_level: 'INFO',
        port_retries: 50,
        ...((extra.ServerApp as JSONObject) ?? {})
      },
      LabApp: { log_level: 'INFO' }
    }
  });
}

export function settings(): ServerConnection.ISettings {
  return ServerConnection.makeSettings();
}

export function newManager(): TerminalManager {
  return new TerminalManager({ serverSettings: settings(), standby: 'never' });
}

export async function listTerminals(): Promise<string[]> {
  const s = settings();
  const response = await ServerConnection.makeRequest(
    URLExt.join(s.baseUrl, 'api', 'terminals'),
    {},
    s
  );
  const data = (await response.json()) as { name: string }[];
  return data.map(t => t.name).sort();
}

export async function deleteTerminal(name: string): Promise<number> {
  const s = settings();
  const response = await ServerConnection.makeRequest(
    URLExt.join(s.baseUrl, 'api', 'terminals', name),
    { method: 'DELETE' },
    s
  );
  return response.status;
}

export async function createTerminal(name: string): Promise<void> {
  const s = settings();
  const response = await ServerConnection.makeRequest(
    URLExt.join(s.baseUrl, 'api', 'terminals'),
    { method: 'POST', body: JSON.stringify({ name }) },
    s
  );
  if (response.status !== 200) {
    throw new Error(`POST /api/terminals: ${response.status}`);
  }
}

interface IProc {
  pid: number;
  ppid: number;
  args: string;
}

function processes(): IProc[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], {
    encoding: 'utf8'
  })
    .split('\n')
    .filter(l => l.trim())
    .map(l => {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l) as RegExpExecArray;
      return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3] };
    });
}

/** PID of the jupyter-lab process this jest worker started. */
export function serverPid(): number {
  const mine = processes().filter(
    p => p.ppid === process.pid && /jupyter-lab/.test(p.args)
  );
  if (mine.length !== 1) {
    throw new Error(
      `Expected one jupyter-lab child of ${process.pid}, found ${mine.length}.`
    );
  }
  return mine[0].pid;
}

/** Every process below `pid` (its terminals' shells and their commands). */
export function descendants(pid: number): IProc[] {
  const all = processes();
  const out: IProc[] = [];
  const walk = (parent: number) => {
    for (const p of all) {
      if (p.ppid === parent) {
        out.push(p);
        walk(p.pid);
      }
    }
  };
  walk(pid);
  return out;
}

/** Descendants of the server other than kernels and the ps we ran. */
export function serverChildren(): IProc[] {
  return descendants(serverPid());
}

export function baseUrl(): string {
  return PageConfig.getBaseUrl();
}
