import { ERROR_CODES } from '../../src/core/explain/codes';
import { diagnose, overallStatus } from '../../src/core/doctor/diagnose';
import { DoctorStatus } from '../../src/core/doctor/types';
import { doctorFixture } from './doctor-fixtures';

/** Recorded fault → the check that must name it. */
const CASES: [string, string, DoctorStatus, string | undefined, RegExp?][] = [
  ['kdc-stopped', 'krb.signin', 'fail', 'KDC_UNREACHABLE', /tcp [\d.]+:88/],
  [
    'kdc-hung',
    'krb.signin',
    'fail',
    'KDC_UNREACHABLE',
    /TCP connects, but the KDC never answers/
  ],
  ['kdc-hung', 'net.kdc', 'pass', undefined],
  ['wrong-password', 'krb.signin', 'fail', 'WRONG_PASSWORD'],
  ['unknown-user', 'krb.signin', 'fail', 'UNKNOWN_PRINCIPAL', /nosuchuser/],
  ['password-expired', 'krb.signin', 'fail', 'PASSWORD_EXPIRED'],
  ['service-missing', 'krb.service', 'fail', 'UNKNOWN_SERVICE'],
  ['service-missing', 'krb.signin', 'fail', 'UNKNOWN_SERVICE'],
  [
    'service-upper-case',
    'krb.service',
    'fail',
    'UNKNOWN_SERVICE',
    /HTTP\/[A-Z0-9.-]+@EC2\.INTERNAL in upper case/
  ],
  ['clock-skew', 'krb.clock', 'fail', 'CLOCK_SKEW'],
  ['ticket-expired', 'krb.ticket', 'fail', 'TICKET_EXPIRED'],
  [
    'rdns-trap',
    'krb.spn',
    'fail',
    'UNKNOWN_SERVICE',
    /ip-10-0-0-\d+\.ec2\.internal/
  ],
  ['rdns-trap', 'config.krb5', 'warn', undefined, /Missing NLB-safe settings/],
  ['keyring-cache', 'config.ccache', 'warn', 'NO_CREDENTIALS', /KEYRING/],
  [
    'sparkmagic-misplaced-key',
    'config.sparkmagic',
    'fail',
    'SPARKMAGIC_CONFIG_INVALID',
    /authenticators/
  ],
  ['krb5-syntax', 'config.krb5', 'fail', 'CONFIG_SYNTAX'],
  [
    'livy-no-ticket',
    'livy.auth',
    'fail',
    'NO_CREDENTIALS',
    /No credentials were supplied/
  ],
  ['kvno-mismatch', 'livy.auth', 'fail', 'KVNO_MISMATCH', /HTTP 403/],
  ['tls-untrusted', 'net.tls', 'fail', 'TLS_ERROR', /SSL certificate problem/],
  ['tls-untrusted', 'livy.auth', 'fail', 'TLS_ERROR'],
  [
    'rdns-trap-livy',
    'krb.spn',
    'fail',
    'UNKNOWN_SERVICE',
    /asks for HTTP\/ip-10-0-0-\d+\.ec2\.internal@/
  ],
  [
    'rdns-trap-livy',
    'livy.auth',
    'fail',
    'UNKNOWN_SERVICE',
    /Matching credential not found/
  ],
  ['healthy', 'livy.auth', 'pass', undefined, /HTTP 200/],
  ['healthy', 'net.tls', 'pass', undefined],
  ['healthy', 'krb.clock', 'pass', undefined],
  [
    'dropin-wins',
    'config.ccache',
    'warn',
    'NO_CREDENTIALS',
    /KEYRING:persistent:%\{uid\} in \S+krb5\.conf\.d\/kcm_default_ccache/
  ],
  ['tgt-mode', 'krb.service', 'pass', undefined, /kvno \d+/],
  ['tgt-mode-livy', 'livy.auth', 'pass', undefined],
  ['kerberos-healthy', 'krb.ticket', 'pass', undefined],
  ['kerberos-healthy', 'krb.spn', 'pass', undefined],
  ['kerberos-healthy', 'config.krb5', 'pass', undefined]
];

describe('diagnose on recorded runs of the real stack', () => {
  const rows = CASES.map(
    ([n, i, s, c, d]) => [n, i, s, c ?? null, d ?? null] as const
  );

  it.each(rows)('%s: %s is %s %s', (name, id, status, code, detail) => {
    const f = doctorFixture(name);
    const result = diagnose(f.profile, f.output).find(r => r.id === id);
    expect(result).toBeDefined();
    expect([result!.status, result!.code ?? null]).toEqual([status, code]);
    if (detail) {
      expect(result!.detail).toMatch(detail);
    }
  });

  const names = [...new Set(CASES.map(c => c[0]))];

  it.each(names)('%s: every failure has a known code and a fix', name => {
    const f = doctorFixture(name);
    const results = diagnose(f.profile, f.output);
    expect(results.length).toBeGreaterThanOrEqual(15);
    expect(new Set(results.map(r => r.id)).size).toBe(results.length);
    for (const r of results) {
      if (r.status !== 'pass') {
        expect(r.fix).not.toBe('');
      }
      if (r.status === 'fail') {
        expect(ERROR_CODES).toContain(r.code);
      }
    }
  });

  it('a healthy run has no failure', () => {
    const f = doctorFixture('healthy');
    const results = diagnose(f.profile, f.output);
    expect(results.filter(r => r.status === 'fail')).toEqual([]);
    expect(overallStatus(results)).not.toBe('fail');
  });

  it('the first failure of a stopped KDC is the sign-in, not a symptom', () => {
    const f = doctorFixture('kdc-stopped');
    const results = diagnose(f.profile, f.output);
    expect(overallStatus(results)).toBe('fail');
    expect(
      results.find(
        r =>
          r.status === 'fail' &&
          !r.id.startsWith('net.livy') &&
          !r.id.startsWith('livy.')
      )?.id
    ).toBe('krb.signin');
  });

  it('the kadmin fix for a missing service names the principal and the keytab step', () => {
    const f = doctorFixture('service-missing');
    const service = diagnose(f.profile, f.output).find(
      r => r.id === 'krb.service'
    )!;
    const host = new URL(f.profile.livyUrl).hostname;
    expect(service.fix).toContain(
      `kadmin -q "addprinc -randkey HTTP/${host}@EC2.INTERNAL"`
    );
    expect(service.fix).toContain('livy.server.auth.kerberos.keytab');
  });

  it('reports a cut-off run', () => {
    const f = doctorFixture('kerberos-healthy');
    const cut = f.output.slice(0, f.output.indexOf('@@SMKDOC BEGIN dns'));
    const results = diagnose(f.profile, cut);
    expect(results[0]).toMatchObject({
      id: 'doctor.run',
      status: 'fail',
      code: 'UNKNOWN'
    });
  });

  it('compares running kernels with the apply time the panel passes', () => {
    const f = doctorFixture('stale-kernel');
    const now = Number(/^\|now (\d+)$/m.exec(f.output)![1]);
    const staleAt = diagnose(f.profile, f.output, { appliedAt: now * 1000 });
    const stale = staleAt.find(r => r.id === 'kernels.stale')!;
    expect(stale.status).toBe('warn');
    expect(stale.detail).toMatch(/pysparkkernel \(pid \d+, 0 min before\)/);
    const before = diagnose(f.profile, f.output, {
      appliedAt: (now - 3600) * 1000
    });
    expect(before.find(r => r.id === 'kernels.stale')!.status).toBe('pass');
  });
});
