/**
 * Kerberos faults on the real stack (MIT KDC behind HAProxy as the NLB,
 * TCP 88 only): each injects one fault, runs the doctor CLI as a user would,
 * asserts the code it names, and restores everything.
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  IStack,
  kadmin,
  loadStack,
  sha256,
  withKdcChange,
  Workspace
} from './harness';
import {
  alive,
  faketimeLib,
  hungListener,
  kernelPids,
  replace,
  waitFor
} from './fault-tools';

const HUNG_PORT = 65093;
const SPN = (s: IStack) => `HTTP/${s.nlb}@${s.realm}`;

let stack: IStack;
let ws: Workspace;
const adminFiles: string[] = [];
let adminHashes: (string | null)[] = [];

beforeAll(() => {
  stack = loadStack();
  adminFiles.push(
    join(stack.kdcDir, 'krb5.conf'),
    join(stack.kdcDir, 'kdc.conf'),
    stack.livyKeytab,
    join(stack.kdcDir, 'user1.keytab')
  );
  adminHashes = adminFiles.map(sha256);
});

afterAll(() => {
  // The stack's own files are as they were: every fault was undone.
  expect(adminFiles.map(sha256)).toEqual(adminHashes);
});

beforeEach(() => {
  ws = new Workspace(stack);
});

afterEach(() => {
  ws.dispose();
});

describe('baseline', () => {
  it('passes every Kerberos check with a fresh service ticket', () => {
    ws.kinit('user1', 'user1pw');
    const run = ws.doctor({ record: 'kerberos-healthy' });
    for (const id of [
      'config.krb5',
      'config.ccache',
      'config.sparkmagic',
      'net.dns',
      'net.kdc',
      'krb.signin',
      'krb.ticket',
      'krb.service',
      'krb.spn'
    ]) {
      expect([id, run.byId(id).status]).toEqual([id, 'pass']);
    }
  });
});

describe('faults', () => {
  it('KDC stopped: KDC_UNREACHABLE', async () => {
    const pidFile = join(stack.kdcDir, 'krb5kdc.pid');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGTERM');
    try {
      await waitFor(() => !alive(pid));
      const run = ws.doctor({ record: 'kdc-stopped' });
      expect(run.byId('krb.signin').code).toBe('KDC_UNREACHABLE');
      expect(run.byId('krb.signin').detail).toContain(`tcp ${stack.addr}:88`);
    } finally {
      execFileSync(
        join(__dirname, '../kdc/realm.sh'),
        ['start', stack.kdcDir, stack.realm, String(stack.kdcPort)],
        {
          // As stack.sh starts it: HTTP/<nlb> is the EMR step's.
          env: { ...process.env, SERVICE_HOSTS: '', LIVY_HOST: 'localhost' },
          stdio: 'ignore'
        }
      );
    }
  });

  it('KDC hung (accepts TCP, never answers): KDC_UNREACHABLE within the 8 s budget', async () => {
    const hung = await hungListener(HUNG_PORT);
    try {
      ws = replace(
        ws,
        new Workspace(stack, { kdcs: [`127.0.0.1:${HUNG_PORT}`] })
      );
      const run = ws.doctor({ record: 'kdc-hung' });
      const signin = run.byId('krb.signin');
      expect(signin.code).toBe('KDC_UNREACHABLE');
      expect(signin.detail).toMatch(/within 5 s/);
      expect(signin.detail).toMatch(/TCP connects, but the KDC never answers/);
      expect(run.byId('net.kdc').status).toBe('pass');
      expect(run.elapsedMs).toBeLessThanOrEqual(8000);
    } finally {
      hung.close();
    }
  });

  it('wrong password (a keytab whose key is not the password): WRONG_PASSWORD', () => {
    const keytab = join(ws.dir, 'stale.keytab');
    const r = spawnSync('ktutil', [], {
      input: `addent -password -p user1@${stack.realm} -k 1 -e aes256-cts-hmac-sha1-96\nnot-the-password\nwkt ${keytab}\nquit\n`,
      encoding: 'utf8'
    });
    expect(r.status).toBe(0);
    ws.setProfile({ ...stack.profile, signIn: 'keytab', keytab });
    const run = ws.doctor({ record: 'wrong-password', watch: [keytab] });
    expect(run.byId('krb.signin').code).toBe('WRONG_PASSWORD');
  });

  it('unknown user: UNKNOWN_PRINCIPAL', () => {
    ws.setProfile({ ...stack.profile, principal: 'nosuchuser' });
    const run = ws.doctor({ record: 'unknown-user' });
    expect(run.byId('krb.signin').code).toBe('UNKNOWN_PRINCIPAL');
  });

  it('expired password (must change at first sign-in): PASSWORD_EXPIRED', () => {
    ws.setProfile({ ...stack.profile, principal: 'user3' });
    const run = ws.doctor({ record: 'password-expired' });
    expect(run.byId('krb.signin').code).toBe('PASSWORD_EXPIRED');
  });

  it('HTTP/<nlb> principal missing: UNKNOWN_SERVICE with the kadmin fix', async () => {
    await withKdcChange(
      stack,
      () => kadmin(stack, `delprinc -force ${SPN(stack)}`),
      async () => {
        const run = ws.doctor({ record: 'service-missing' });
        const service = run.byId('krb.service');
        expect(service.code).toBe('UNKNOWN_SERVICE');
        expect(service.fix).toContain(
          `kadmin -q "addprinc -randkey ${SPN(stack)}"`
        );
        expect(service.fix).toContain('ktadd');
      }
    );
  });

  it('NLB host registered in upper case: UNKNOWN_SERVICE naming the case', async () => {
    const upper = `HTTP/${stack.nlb.toUpperCase()}@${stack.realm}`;
    await withKdcChange(
      stack,
      () => kadmin(stack, `renprinc -force ${SPN(stack)} ${upper}`),
      async () => {
        const run = ws.doctor({ record: 'service-upper-case' });
        const service = run.byId('krb.service');
        expect(service.code).toBe('UNKNOWN_SERVICE');
        expect(service.detail).toContain(upper);
        expect(service.detail).toMatch(/case-sensitive/);
      }
    );
  });

  it('client clock skewed (faketime, kdc_timesync = 0): CLOCK_SKEW', () => {
    writeFileSync(
      ws.krb5conf,
      readFileSync(ws.krb5conf, 'utf8').replace(
        '[libdefaults]\n',
        '[libdefaults]\n    kdc_timesync = 0\n'
      )
    );
    ws.setProfile({
      ...stack.profile,
      signIn: 'keytab',
      keytab: join(stack.kdcDir, 'user1.keytab')
    });
    const run = ws.doctor({
      record: 'clock-skew',
      env: ws.env({
        LD_PRELOAD: faketimeLib(),
        FAKETIME: '+1h',
        DONT_FAKE_MONOTONIC: '1'
      })
    });
    expect(run.byId('krb.clock').code).toBe('CLOCK_SKEW');
  });

  it('expired ticket: TICKET_EXPIRED', async () => {
    ws.kinit('user1', 'user1pw', ['-l', '5s', '-S', SPN(stack)]);
    await new Promise(r => setTimeout(r, 7000));
    const run = ws.doctor({ record: 'ticket-expired' });
    expect(run.byId('krb.ticket').code).toBe('TICKET_EXPIRED');
  });

  it("MIT's default canonicalization with the NLB's reverse name (the rdns trap): UNKNOWN_SERVICE", () => {
    const mitDefaults = readFileSync(ws.krb5conf, 'utf8').replace(
      /^\s*(rdns|dns_canonicalize_hostname) = false\n/gm,
      ''
    );
    writeFileSync(ws.krb5conf, mitDefaults);
    ws.kinit('user1', 'user1pw');
    const run = ws.doctor({ record: 'rdns-trap' });
    const spn = run.byId('krb.spn');
    expect(spn.code).toBe('UNKNOWN_SERVICE');
    expect(spn.detail).toContain(stack.ptr);
    expect(spn.fix).toMatch(
      /rdns = false and dns_canonicalize_hostname = false/
    );
  });

  it('KEYRING default cache: a warning with NO_CREDENTIALS and the default_ccache_name fix', () => {
    writeFileSync(
      ws.krb5conf,
      readFileSync(ws.krb5conf, 'utf8').replace(
        /default_ccache_name = .*/,
        'default_ccache_name = KEYRING:persistent:%{uid}'
      )
    );
    const env = ws.env();
    delete env.KRB5CCNAME;
    const run = ws.doctor({ record: 'keyring-cache', env });
    const cache = run.byId('config.ccache');
    expect([cache.status, cache.code]).toEqual(['warn', 'NO_CREDENTIALS']);
    expect(cache.fix).toContain(
      'default_ccache_name = FILE:/tmp/krb5cc_%{uid}'
    );
  });

  it('a drop-in read first wins over the main file (the effective value after includes)', () => {
    const dir = join(ws.dir, 'krb5.conf.d');
    mkdirSync(dir);
    const dropin = join(dir, 'kcm_default_ccache');
    writeFileSync(
      dropin,
      '[libdefaults]\n    default_ccache_name = KEYRING:persistent:%{uid}\n'
    );
    writeFileSync(
      ws.krb5conf,
      `includedir ${dir}/\n` + readFileSync(ws.krb5conf, 'utf8')
    );
    const env = ws.env();
    delete env.KRB5CCNAME;
    const run = ws.doctor({ record: 'dropin-wins', env, watch: [dropin] });
    const cache = run.byId('config.ccache');
    expect([cache.status, cache.code]).toEqual(['warn', 'NO_CREDENTIALS']);
    expect(cache.detail).toContain(`KEYRING:persistent:%{uid} in ${dropin}`);
    expect(cache.fix).toMatch(/before any includedir line/);
  });

  it('TGT mode: the service principal is checked with kvno through the TGT', () => {
    ws.setProfile({ ...stack.profile, ticketMode: 'tgt' });
    ws.kinit('user1', 'user1pw', []);
    const run = ws.doctor({ record: 'tgt-mode' });
    expect(run.byId('krb.ticket').status).toBe('pass');
    expect(run.byId('krb.service').detail).toMatch(/kvno \d+/);
  });

  it('kerberos_auth_configuration inside authenticators: SPARKMAGIC_CONFIG_INVALID', () => {
    const config = JSON.parse(readFileSync(ws.smconf, 'utf8'));
    config.authenticators = {
      Kerberos: 'sparkmagic.auth.kerberos.Kerberos',
      kerberos_auth_configuration: config.kerberos_auth_configuration
    };
    delete config.kerberos_auth_configuration;
    writeFileSync(ws.smconf, JSON.stringify(config, null, 2));
    const run = ws.doctor({ record: 'sparkmagic-misplaced-key' });
    expect(run.byId('config.sparkmagic').code).toBe(
      'SPARKMAGIC_CONFIG_INVALID'
    );
  });

  it('Sparkmagic kernel started before the last apply: a stale-kernel warning', async () => {
    // A real pysparkkernel (jupyter_client's KernelApp runs it until SIGTERM).
    const app = spawn('jupyter', ['kernel', '--kernel=pysparkkernel'], {
      env: ws.env(),
      stdio: 'ignore'
    });
    let kernels: number[] = [];
    try {
      await waitFor(
        () => (kernels = kernelPids(app.pid ?? -1)).length > 0,
        90000
      );
      await new Promise(r => setTimeout(r, 1500));
      const run = ws.doctor({
        record: 'stale-kernel',
        args: ['--applied-at', new Date().toISOString()]
      });
      const stale = run.byId('kernels.stale');
      expect(stale.status).toBe('warn');
      expect(stale.detail).toContain(`pysparkkernel (pid ${kernels[0]}`);
      expect(stale.fix).toMatch(/Restart/);
    } finally {
      app.kill('SIGTERM');
      await waitFor(
        () => app.exitCode !== null || app.signalCode !== null,
        30000
      );
      await waitFor(() => !kernels.some(alive), 30000);
    }
  });

  it('krb5.conf syntax error: CONFIG_SYNTAX naming the file', () => {
    writeFileSync(
      ws.krb5conf,
      readFileSync(ws.krb5conf, 'utf8').replace('[realms]', '[realms')
    );
    const run = ws.doctor({ record: 'krb5-syntax' });
    const conf = run.byId('config.krb5');
    expect(conf.code).toBe('CONFIG_SYNTAX');
    expect(conf.detail).toContain(ws.krb5conf);
  });
});
