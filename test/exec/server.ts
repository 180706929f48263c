// Helpers for the integration suites: a real Jupyter server from the
// project's virtualenv (@jupyterlab/testing's JupyterServer), and counts of
// its terminals and processes taken from the server itself and from `ps`.
import { execFileSync } from 'child_process';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { ServerConnection, TerminalManager } from '@jupyterlab/services';
import { JupyterServer } from '@jupyterlab/testing';
import type { JSONObject } from '@lumino/coreutils';

/** Fails loudly when the prerequisites of the suite are missing. */
export function requireTools(): void {
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

/** Starts a server as root-safe as CI needs it; quiet enough to read. */
export async function startServer(
  server: JupyterServer,
  options: {
    configData?: JSONObject;
    pageConfig?: Record<string, string>;
    additionalKernelSpecs?: JSONObject;
  } = {}
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
