import { execFileSync } from 'child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  cacheFrom,
  parseKlistVersion,
  parseProbe,
  pythonStart
} from '../../src/core/environment/probe';
import {
  pythonProbeScript,
  shellProbeScript
} from '../../src/core/environment/probe-script';

/** Real klist outputs, recorded by test/fixtures/probe/capture.sh. */
const fixture = (name: string) =>
  readFileSync(join(__dirname, '../fixtures/probe', name), 'utf8');

describe('parseKlistVersion', () => {
  it('reads MIT from klist -V and Heimdal from klist --version', () => {
    expect(
      parseKlistVersion(
        fixture('mit-klist-V.txt'),
        fixture('mit-klist-version.txt')
      )
    ).toEqual({
      flavor: 'mit',
      version: '1.20.1'
    });
    expect(
      parseKlistVersion(
        fixture('heimdal-klist-V.txt'),
        fixture('heimdal-klist-version.txt')
      )
    ).toEqual({
      flavor: 'heimdal',
      version: '7.8.0'
    });
    expect(parseKlistVersion('sh: klist: not found', '')).toEqual({
      flavor: null,
      version: null
    });
  });
});

describe('cacheFrom', () => {
  it('names the default cache type from what real klist prints', () => {
    expect(cacheFrom(null, fixture('mit-klist-default-file.txt'))).toEqual({
      type: 'FILE',
      name: 'FILE:/tmp/krb5cc_0'
    });
    expect(cacheFrom(null, fixture('mit-klist-default-dir.txt'))).toEqual({
      type: 'DIR',
      name: 'DIR:/tmp/probe-dircc'
    });
    expect(cacheFrom(null, fixture('mit-klist-default-keyring.txt'))).toEqual({
      type: 'KEYRING',
      name: 'KEYRING:persistent:0:0'
    });
    expect(cacheFrom(null, fixture('mit-klist-default-kcm.txt'))).toEqual({
      type: 'KCM',
      name: 'KCM:'
    });
    expect(cacheFrom(null, fixture('mit-klist-default-memory.txt'))).toEqual({
      type: null,
      name: null
    });
  });

  it('prefers the cache klist lists, then KRB5CCNAME', () => {
    expect(
      cacheFrom('FILE:/x', 'Ticket cache: KCM:0\nDefault principal: a@B\n')
    ).toEqual({ type: 'KCM', name: 'KCM:0' });
    expect(cacheFrom('/tmp/plain', '')).toEqual({
      type: 'FILE',
      name: 'FILE:/tmp/plain'
    });
    expect(cacheFrom('DIR::/run/user/0/krb5cc/tkt', '')).toEqual({
      type: 'DIR',
      name: 'DIR::/run/user/0/krb5cc/tkt'
    });
    expect(cacheFrom('XYZ:odd', '')).toEqual({ type: null, name: 'XYZ:odd' });
  });
});

describe('the probe script outside a Jupyter terminal', () => {
  it('runs in a real sh and reports tools, user and sudo', () => {
    const out = execFileSync(
      '/bin/sh',
      ['-c', shellProbeScript({ useSudo: true })],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: '/nonexistent',
          KRB5CCNAME: 'FILE:/tmp/probe-unit'
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60000
      }
    );
    const probe = parseProbe(out, { kernelspecs: false });
    expect(probe.serverPid).toBeNull();
    expect(probe.errors).toHaveLength(1);
    expect(probe.errors[0]).toMatch(
      /Could not find the Jupyter server process/
    );
    expect(probe.serverEnv.KRB5CCNAME).toBe('FILE:/tmp/probe-unit');
    expect(probe.serverEnv.HOME).toBe('/nonexistent');
    expect(probe.klist.flavor).toBe('mit');
    expect(probe.uid).toBe(process.getuid?.());
    expect(['ok', 'password', 'missing']).toContain(probe.sudo);
  });
});

describe('what the probe sends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-send-'));
  const called = join(dir, 'sudo-called');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A sudo that records being run (and says yes).
  writeFileSync(join(dir, 'sudo'), `#!/bin/sh\ntouch '${called}'\nexit 0\n`);
  chmodSync(join(dir, 'sudo'), 0o755);
  const run = (useSudo: boolean) =>
    execFileSync('/bin/sh', ['-c', shellProbeScript({ useSudo })], {
      encoding: 'utf8',
      env: {
        PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: '/nonexistent',
        KRB5CCNAME: 'FILE:/tmp/probe-unit',
        JUPYTER_TOKEN: 'token-canary-1',
        JUPYTER_SECRET_NOTE: 'jupyter-canary-2',
        AWS_SECRET_ACCESS_KEY: 'aws-canary-3'
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60000
    });

  it('keeps every other variable on the server', () => {
    const out = run(false);
    const fields = out.split('\0');
    const sent = fields
      .map(f => Buffer.from(f, 'base64').toString('utf8'))
      .concat(fields)
      .join('\n');
    expect(sent).toContain('FILE:/tmp/probe-unit');
    expect(sent).not.toMatch(/canary/);
    const probe = parseProbe(out);
    expect(probe.serverEnv).toEqual({
      HOME: '/nonexistent',
      KRB5CCNAME: 'FILE:/tmp/probe-unit',
      PATH: expect.stringContaining(dir)
    });
  });

  it('runs sudo only when the setting allows it', () => {
    expect(parseProbe(run(false)).sudo).toBe('off');
    expect(existsSync(called)).toBe(false);
    expect(parseProbe(run(true)).sudo).toBe('ok');
    expect(existsSync(called)).toBe(true);
  });
});

describe('the Python half', () => {
  const venvPython = join(__dirname, '..', '..', '.venv', 'bin', 'python');
  const run = (candidates: string[]) =>
    execFileSync(
      '/bin/sh',
      ['-c', pythonProbeScript({ serverPid: '', candidates })],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: '/nonexistent'
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60000
      }
    );

  // Outside a Jupyter terminal there is no server process to find.
  const NO_SERVER =
    'Could not find the Jupyter server process; showing the terminal shell environment instead.';

  it('starts the first Python that has jupyter_client, and nothing else', () => {
    // Debian's python3 has no jupyter_client; echo is no Python at all.
    const out = run(['/bin/echo', '/usr/bin/python3', venvPython]);
    const probe = parseProbe(out);
    expect(probe.python).toBe(venvPython);
    expect(probe.errors).toEqual([NO_SERVER]);
    expect(probe.server?.home).toBe('/nonexistent');
  });

  it('says so when no candidate has jupyter_client', () => {
    const probe = parseProbe(run(['/usr/bin/python3']));
    expect(probe.python).toBeNull();
    expect(probe.errors).toEqual([
      NO_SERVER,
      'No Python with jupyter_client found for the server: kernelspecs unknown.'
    ]);
  });

  it('starts from the shell half’s server PID and interpreters', () => {
    const shell = [
      'server.pid',
      '42',
      'py.argv0',
      '/opt/py/bin/python3.11',
      'py.exe',
      '/usr/bin/python3.11',
      'py.path',
      '',
      ''
    ].join('\0');
    expect(pythonStart(shell)).toEqual({
      serverPid: '42',
      candidates: ['/opt/py/bin/python3.11', '/usr/bin/python3.11']
    });
    expect(pythonStart('server.pid\0\0').serverPid).toBe('');
  });
});
