/**
 * Output that repeats a phrase without end (a retry loop in a Livy log, a
 * klist line padded with blanks, a chatty terminal) is read in time linear
 * in its length: each input here took seconds to over a minute with
 * backtracking patterns and whole-output rescans.
 */
import fc from 'fast-check';
import { negotiateEvidence } from '../../src/core/doctor/checks-livy';
import { parseDoctorOutput } from '../../src/core/doctor/output';
import { explain, explainWindow } from '../../src/core/explain/explain';
import { parseKlist } from '../../src/core/klist/parse';
import { cacheFrom } from '../../src/core/environment/probe';
import { SignInScan } from '../../src/core/sign-in/scan';
import { CLEAR_SCREEN, outcomeHead } from '../../src/core/sign-in/script';
import { configUrl } from '../../src/core/sparkmagic/keys';
import { doctorTarget } from '../../src/core/doctor/script';
import { expandHome, resolveTargets } from '../../src/core/environment/targets';
import { validateProfile } from '../../src/core/validate/profile';
import { sampleProfile } from './sample-profile';

/** Far above the milliseconds these take, far below the seconds they took. */
const LIMIT_MS = 1500;
const NOW = new Date('2026-11-25T17:15:00Z');
const SPACES = ' '.repeat(40000);

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length));
}

describe('explain on hostile input', () => {
  it('800 KB of repeated `GSS initiate failed`', () => {
    const log = repeatTo('GSS initiate failed\n', 800 * 1024);
    const alone = timed(() => explain(log));
    expect(alone.value.code).toBe('UNKNOWN');
    expect(alone.ms).toBeLessThan(LIMIT_MS);
    const ended = timed(() =>
      explain(log + 'Failed to find any Kerberos tgt\n')
    );
    expect(ended.value.code).toBe('CLUSTER_KEYTAB_EXPIRED');
    expect(ended.ms).toBeLessThan(LIMIT_MS);
  });

  it('`SSL: certificate subject name ` 40 000 times on one line', () => {
    const line = 'SSL: certificate subject name '.repeat(40000);
    const alone = timed(() => explain(line));
    expect(alone.value.code).toBe('UNKNOWN');
    expect(alone.ms).toBeLessThan(LIMIT_MS);
    const ended = timed(() =>
      explain(line + "'x' does not match target host name 'livy'")
    );
    expect(ended.value.code).toBe('TLS_ERROR');
    expect(ended.ms).toBeLessThan(LIMIT_MS);
  });

  it('`SSL: certificate subject name … does not match target host` only on one line', () => {
    const tail = "'x' does not match target host name 'livy'";
    expect(explain(`SSL: certificate subject name ${tail}`).code).toBe(
      'TLS_ERROR'
    );
    expect(explain(`SSL: certificate subject name \n${tail}`).code).toBe(
      'UNKNOWN'
    );
  });

  it('reads the head and the tail of a long text, cut at line ends', () => {
    const filler = repeatTo('INFO retrying\n', 1024 * 1024);
    const text = `kinit: Clock skew too great\n${filler}Password incorrect\n`;
    const cut = explainWindow(text);
    expect(cut.length).toBeLessThan(260 * 1024);
    expect(
      cut
        .split('\n')
        .every(
          l =>
            l === '' ||
            l === 'INFO retrying' ||
            l.startsWith('kinit') ||
            l === 'Password incorrect'
        )
    ).toBe(true);
    expect(explain(text).code).toBe('CLOCK_SKEW');
    expect(explain(filler + 'Password incorrect\n').code).toBe(
      'WRONG_PASSWORD'
    );
  });
});

describe('klist on hostile input', () => {
  it('MIT: a line with 40 000 blanks inside', () => {
    const text = `Ticket cache: FILE:/tmp/krb5cc_1000${SPACES}x\nDefault principal: user1@EC2.INTERNAL${SPACES}y\n`;
    const r = timed(() => parseKlist(text, NOW));
    expect(r.value.flavor).toBe('mit');
    expect(r.value.cache).toBe(`FILE:/tmp/krb5cc_1000${SPACES}x`);
    expect(r.value.defaultPrincipal).toBe(`user1@EC2.INTERNAL${SPACES}y`);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('MIT -l: a row with 40 000 colons', () => {
    const text = `Principal name                 Cache name\n--------------                 ----------\nuser1@EC2.INTERNAL ${':'.repeat(40000)} x\nuser1@EC2.INTERNAL             FILE:/tmp/krb5cc_1000\n`;
    const r = timed(() => parseKlist(text, NOW));
    expect(r.value.cache).toBe('FILE:/tmp/krb5cc_1000');
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('Heimdal: a line with 40 000 blanks inside', () => {
    const text = `Credentials cache: FILE:/tmp/krb5cc_1000${SPACES}x\n        Principal: user1@EC2.INTERNAL${SPACES}y\n`;
    const r = timed(() => parseKlist(text, NOW));
    expect(r.value.flavor).toBe('heimdal');
    expect(r.value.cache).toBe(`FILE:/tmp/krb5cc_1000${SPACES}x`);
    expect(r.value.defaultPrincipal).toBe(`user1@EC2.INTERNAL${SPACES}y`);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });
});

describe('other readers of command output', () => {
  it('klist: `(filename: ` 20 000 times before the line naming the cache', () => {
    const text = `${'(filename: '.repeat(20000)}\nklist: No credentials cache found (filename: /tmp/krb5cc_1000)\n`;
    const r = timed(() => cacheFrom(null, text));
    expect(r.value).toEqual({ type: 'FILE', name: 'FILE:/tmp/krb5cc_1000' });
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('doctor: a line of 100 000 carriage returns', () => {
    const r = timed(() =>
      parseDoctorOutput(`${'\r'.repeat(100000)}@@SMKDOC BEGIN a\n`)
    );
    expect(r.value.complete).toBe(false);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('Livy: an error page with 100 000 `<` and no `>`', () => {
    const page = `<title>Error 401 Unauthorized</title>${'<'.repeat(100000)}`;
    const r = timed(() => negotiateEvidence('', page));
    expect(r.value).toContain('Error 401 Unauthorized');
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });
});

describe('sign-in terminal output', () => {
  it('7 000 messages of 1 KB, then a report split across two', () => {
    const marker = 'skrb0123456789abcdef';
    const report = `${outcomeHead(marker)}3\x07`;
    const scan = new SignInScan(marker);
    const r = timed(() => {
      scan.push(`$ typed line\r\n${CLEAR_SCREEN}Signing in\r\n`);
      const kilobyte = repeatTo('kinit: still waiting\r\n', 1024);
      for (let i = 0; i < 7000; i++) {
        expect(scan.push(kilobyte)).toBeNull();
      }
      expect(scan.push(`done\r\n${report.slice(0, 9)}`)).toBeNull();
      return scan.push(report.slice(9));
    });
    expect(r.value).toBe(3);
    expect(r.ms).toBeLessThan(LIMIT_MS);
    const shown = scan.shown();
    expect(shown.startsWith('Signing in\r\n')).toBe(true);
    expect(shown.endsWith('done\r\n')).toBe(true);
  });
});

describe('settings values', () => {
  // Not trailing: the end pattern retried from every slash of the run.
  const SLASHES = `${'/'.repeat(100000)}x`;
  const URL = `https://livy-nlb.example.test:8998${SLASHES}`;

  it('a Livy URL or a directory with 100 000 slashes inside', () => {
    const env = {
      home: `/home/u${SLASHES}`,
      krb5Config: null,
      sparkmagicConfDir: `/c${SLASHES}`,
      sparkmagicConfFile: null,
      jupyterDataDir: `/d${SLASHES}`,
      systemKrb5Writable: false,
      sudo: false,
      kerberosTools: 'mit' as const,
      preferEnvPath: null,
      sparkmagicSpecs: []
    };
    const r = timed(() => {
      expect(configUrl(URL)).toBe(URL);
      expect(expandHome('~/k', env.home)).toBe(`${env.home}/k`);
      const t = resolveTargets(
        sampleProfile({
          files: {
            ...sampleProfile().files,
            krb5Target: 'dropin',
            dropinDir: `/e${SLASHES}`
          }
        }),
        env,
        { useSudo: false }
      );
      expect(t.kernelspecDir).toBe(`${env.jupyterDataDir}/kernels`);
      return t;
    });
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('a profile with such a Livy URL is refused as too long, not rendered', () => {
    const profile = sampleProfile({ livyUrl: URL });
    const r = timed(() => {
      expect(() => doctorTarget(profile)).toThrow(/At most 4096 characters/);
      return validateProfile(profile);
    });
    expect(r.value).toEqual([
      { path: 'livyUrl', message: 'At most 4096 characters.' }
    ]);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });

  it('50 000 KDCs', () => {
    const kdcs = Array.from(
      { length: 50000 },
      (_, i) => `kdc${i}.example.test`
    );
    const r = timed(() => validateProfile(sampleProfile({ kdcs })));
    expect(r.value).toEqual([
      { path: 'kdcs', message: 'List at most 32 KDCs.' }
    ]);
    expect(r.ms).toBeLessThan(LIMIT_MS);
  });
});

describe('time grows at most linearly with input size', () => {
  // Timing runs stay few whatever FC_NUM_RUNS asks: each one parses 1 MB.
  const RUNS = 20;
  const PHRASES = [
    'GSS initiate failed',
    'SSL: certificate subject name ',
    'Password expired',
    'renew',
    'sparkmagic',
    'Client (',
    'Server (',
    "Credentials cache '",
    'Ticket cache: ',
    'Default principal: ',
    'Credentials cache: ',
    '        Principal: ',
    ' ',
    ':',
    '\n',
    '\t',
    '/'
  ];
  const unit = fc
    .array(fc.constantFrom(...PHRASES), { minLength: 1, maxLength: 4 })
    .map(parts => parts.join(''));
  const fastest = (run: () => unknown): number =>
    Math.min(...[0, 1, 2].map(() => timed(run).ms));

  it.each([
    ['explain', (t: string) => explain(t)],
    ['parseKlist', (t: string) => parseKlist(t, NOW)],
    ['configUrl', (t: string) => configUrl(`https://livy/${t}x`)],
    ['expandHome', (t: string) => expandHome('~/k', `/home/${t}x`)],
    [
      'validateProfile (KDC list)',
      (t: string) => validateProfile(sampleProfile({ kdcs: t.split('/') }))
    ]
  ])('%s: 8 times the input takes at most ~8 times as long', (_name, run) => {
    fc.assert(
      fc.property(unit, u => {
        const small = repeatTo(u, 16 * 1024);
        const large = repeatTo(u, 128 * 1024);
        const ratio =
          (fastest(() => run(large)) + 1) / (fastest(() => run(small)) + 1);
        // Quadratic growth would be 64.
        expect(ratio).toBeLessThan(24);
      }),
      { numRuns: RUNS }
    );
  });
});
