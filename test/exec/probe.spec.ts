// The environment probe against a real server with real kernelspecs: the
// server's environment (not the terminal shell's), MIT klist, the cache
// type real klist reports per kernel environment, and whether each
// Sparkmagic kernel's Python can import sparkmagic.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { IEnvironmentProbe } from '../../src/core/environment/probe-types';
import { PROBED_VARIABLES } from '../../src/core/environment/probe-script';
import { probeEnvironment } from '../../src/exec/probe';
import { serverPid, useServer } from './server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-probe-'));
const VENV_PYTHON = path.resolve(__dirname, '../../.venv/bin/python');
const MODULE = 'sparkmagic.kernels.pysparkkernel.pysparkkernel';
let probe: IEnvironmentProbe;

function conf(name: string, ccache: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    `includedir ${dir}/conf.d/\n[libdefaults]\n default_realm = EC2.INTERNAL\n default_ccache_name = ${ccache}\n`
  );
  return file;
}

function spec(argv0: string, env: Record<string, string>) {
  return {
    argv: [argv0, '-m', MODULE, '-f', '{connection_file}'],
    display_name: 'PySpark',
    language: 'python',
    env
  };
}

const lab = useServer(() => {
  process.env.AWS_SECRET_ACCESS_KEY = 'aws-canary';
  process.env.JUPYTER_CANARY_NOTE = 'jupyter-canary';
  fs.mkdirSync(path.join(dir, 'conf.d'));
  return {
    server: {
      additionalKernelSpecs: {
        // Not 'pysparkkernel': a spec of that name in the virtualenv wins (jupyter_core
        // prefers the environment's data path over the user's).
        sparkwithenv: spec('python', {
          KRB5_CONFIG: `${dir}/krb5.conf:/etc/krb5.conf`,
          KRB5CCNAME: `FILE:${dir}/cc`,
          SPARKMAGIC_CONF_DIR: `${dir}/sm`
        }),
        keyringspark: spec(VENV_PYTHON, {
          KRB5_CONFIG: conf('keyring.conf', 'KEYRING:persistent:%{uid}')
        }),
        kcmspark: spec(VENV_PYTHON, { KRB5_CONFIG: conf('kcm.conf', 'KCM:') }),
        dirspark: spec(VENV_PYTHON, {
          KRB5_CONFIG: conf('dir.conf', `DIR:${dir}/dircc`)
        }),
        brokenspark: spec('/usr/bin/python3', {})
      }
    },
    // The terminal shell's environment differs from the server's on purpose.
    runner: { env: { KRB5CCNAME: 'FILE:/tmp/shell-only' } }
  };
});

beforeAll(async () => {
  probe = await probeEnvironment(lab.runner, { useSudo: true });
}, 120000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('reads the server environment, not the shell one', () => {
  expect(probe.errors).toEqual([]);
  expect(probe.serverPid).toBe(serverPid());
  expect(probe.uid).toBe(process.getuid?.());
  expect(probe.serverEnv.JUPYTER_CONFIG_DIR).toMatch(
    /^\/tmp\/jupyterServer\/config/
  );
  expect(probe.serverEnv.KRB5CCNAME).toBeUndefined();
  expect(probe.shellDiffers).toContain('KRB5CCNAME');
  // The server's token and anything else it does not use stay there.
  for (const name of Object.keys(probe.serverEnv)) {
    expect(PROBED_VARIABLES).toContain(name);
  }
  expect(JSON.stringify(probe)).not.toContain('canary');
});

it('finds MIT kinit and klist with their version', () => {
  expect(probe.klist).toEqual({
    path: expect.stringMatching(/\/klist$/),
    flavor: 'mit',
    version: expect.stringMatching(/^1\.\d+/)
  });
  expect(probe.kinit.path).toMatch(/\/kinit$/);
  expect(probe.kinit.flavor).toBe('mit');
});

it('reports sudo, /etc/krb5.conf and the server Python', () => {
  expect(probe.sudo).toBe('ok');
  expect(probe.etcKrb5Conf.writable).toBe(true);
  expect(fs.realpathSync(probe.python as string)).toBe(
    fs.realpathSync(VENV_PYTHON)
  );
  expect(probe.server?.krb5ConfigPaths).toEqual(['/etc/krb5.conf']);
  expect(probe.server?.cacheType).not.toBeNull();
});

it('lists the Sparkmagic kernelspecs with what each kernel sees', () => {
  expect(probe.sparkmagicKernelspecs).toEqual(
    expect.arrayContaining([
      'brokenspark',
      'dirspark',
      'kcmspark',
      'keyringspark',
      'sparkwithenv'
    ])
  );
  expect(probe.sparkmagicKernelspecs).not.toContain('echo');
  const names = probe.kernelspecs.map(k => k.name);
  expect(names).toContain('echo');
  const pyspark = probe.kernelspecs.find(k => k.name === 'sparkwithenv')!;
  expect(fs.realpathSync(pyspark.python as string)).toBe(
    fs.realpathSync(VENV_PYTHON)
  );
  expect(pyspark.sparkmagicImportable).toBe(true);
  expect(pyspark.sparkmagicVersion).toBe('0.23.0');
  expect(pyspark.view).toMatchObject({
    krb5ConfigPaths: [`${dir}/krb5.conf`, '/etc/krb5.conf'],
    krb5ccname: `FILE:${dir}/cc`,
    cacheType: 'FILE',
    cacheName: `FILE:${dir}/cc`,
    sparkmagicConfigPath: `${dir}/sm/config.json`
  });
});

it('tells FILE, DIR, KEYRING and KCM default caches apart from real klist', () => {
  const view = (name: string) =>
    probe.kernelspecs.find(k => k.name === name)!.view!;
  expect(view('keyringspark').cacheType).toBe('KEYRING');
  expect(view('kcmspark').cacheType).toBe('KCM');
  expect(view('dirspark')).toMatchObject({
    cacheType: 'DIR',
    cacheName: `DIR:${dir}/dircc`
  });
  expect(view('keyringspark').krb5Includes).toEqual([
    `includedir ${dir}/conf.d/`
  ]);
});

it('flags a Sparkmagic kernel whose Python cannot import sparkmagic', () => {
  const broken = probe.kernelspecs.find(k => k.name === 'brokenspark')!;
  expect(broken.sparkmagicImportable).toBe(false);
  expect(broken.importError).toMatch(/No module named 'sparkmagic'/);
});
