/**
 * The two Jupyter servers of the start-up benchmark: each in its own
 * temporary HOME, config, data, workspaces and root directory, differing
 * only in `LabApp.labextensions_path`.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..'
);
export const VENV_BIN = path.join(REPO, '.venv', 'bin');
export const NAME = JSON.parse(
  fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')
).name;

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
const servers = [];

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** SIGTERM to each server's process group; SIGKILL after 10 s. */
export async function stopServers() {
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

/**
 * Starts a server on `port`, with or without this extension; `env` adds to
 * its environment, `settings` are this extension's user settings.
 */
export async function startServer(
  label,
  port,
  withExtension,
  { env: extraEnv = {}, settings = null } = {}
) {
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
    // User kernelspecs first, as outside a virtualenv: an apply in the
    // benchmark writes kernelspecs in its own HOME, never the virtualenv's.
    JUPYTER_PREFER_ENV_PATH: '0',
    PATH: `${VENV_BIN}:${env.PATH}`,
    ...extraEnv
  });
  if (settings) {
    const dir = path.join(dirs.config, 'lab', 'user-settings', NAME);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'plugin.jupyterlab-settings'),
      JSON.stringify(settings)
    );
  }
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
export async function reset(server) {
  fs.rmSync(server.dirs.workspaces, { recursive: true, force: true });
  fs.mkdirSync(server.dirs.workspaces);
  /** @type {[string, (it: any) => string][]} */
  const kinds = [
    ['/api/terminals', t => `/api/terminals/${t.name}`],
    ['/api/sessions', s => `/api/sessions/${s.id}`],
    ['/api/kernels', k => `/api/kernels/${k.id}`]
  ];
  for (const [list, item] of kinds) {
    const items = await (await fetch(server.url + list)).json();
    for (const it of items) {
      await fetch(server.url + item(it), { method: 'DELETE' });
    }
  }
}
