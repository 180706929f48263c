import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  parseHostPort,
  parseLivyUrl,
  validateDuration,
  validateHostName,
  validateHostPort,
  validateKeytabPath,
  validateLivyUrl,
  validatePath,
  validatePrincipal,
  validateRealm
} from '../../src/core/validate/profile';

describe('validateRealm', () => {
  it('accepts realm names', () => {
    for (const r of ['EC2.INTERNAL', 'CORP.EXAMPLE.COM', 'A', 'MY_REALM-1']) {
      expect(validateRealm(r)).toBeNull();
    }
  });
  it('asks for capitals and explains bad characters', () => {
    expect(validateRealm('ec2.internal')).toMatch(/use 'EC2.INTERNAL'/);
    expect(validateRealm('EC2 INTERNAL')).toMatch(/not a realm name/);
    expect(validateRealm('.EC2')).toMatch(/not a realm name/);
    expect(validateRealm('')).toMatch(/Enter/);
  });
});

describe('validatePrincipal', () => {
  it('accepts user, user/instance and escaped separators', () => {
    for (const p of [
      'alice',
      'alice@EC2.INTERNAL',
      'alice/admin@EC2.INTERNAL',
      'svc$acct@CORP.EXAMPLE.COM',
      'a\\@b',
      'j.doe-1'
    ]) {
      expect(validatePrincipal(p)).toBeNull();
    }
  });
  it('explains each mistake', () => {
    expect(validatePrincipal('')).toMatch(/Enter/);
    expect(validatePrincipal('al ice')).toMatch(/spaces/);
    expect(validatePrincipal('alice\n')).toMatch(/line breaks/);
    expect(validatePrincipal('-kt')).toMatch(/option/);
    expect(validatePrincipal('a@B@C')).toMatch(/at most one "@"/);
    expect(validatePrincipal('a/b/c')).toMatch(/3 components/);
    expect(validatePrincipal('/x')).toMatch(/empty name component/);
    expect(validatePrincipal('alice@')).toMatch(/Realm part.*Enter/);
    expect(validatePrincipal('alice@ec2.internal')).toMatch(/EC2.INTERNAL/);
    expect(validatePrincipal('a\\x')).toMatch(/may only escape/);
  });
});

describe('validateHostName', () => {
  it('accepts DNS names and IPv4 addresses', () => {
    for (const h of [
      'livy-nlb.example.test',
      'ip-10-0-0-1.ec2.internal',
      'kdc',
      '10.0.0.1'
    ]) {
      expect(validateHostName(h)).toBeNull();
    }
    expect(validateHostName('KDC.Example.COM')).toBeNull();
  });
  it('requires lowercase for service principal hosts and says why', () => {
    const message = validateHostName('My-NLB.elb.amazonaws.com', { spn: true });
    expect(message).toMatch(/lowercase: 'my-nlb.elb.amazonaws.com'/);
    expect(message).toMatch(/case-sensitive/);
    expect(validateHostName('10.0.0.1', { spn: true })).toMatch(
      /hostname_override/
    );
  });
  it('explains underscores, IDN, dots and labels', () => {
    expect(validateHostName('my_host.example.com')).toMatch(/RFC 1123/);
    expect(validateHostName('bücher.example')).toMatch(/xn--/);
    expect(validateHostName('host.example.')).toMatch(/trailing dot/);
    expect(validateHostName('a..b')).toMatch(/empty label/);
    expect(validateHostName('-a.b')).toMatch(/not a valid part/);
    expect(validateHostName('a'.repeat(64) + '.b')).toMatch(/63/);
    expect(validateHostName('1.2.3.999')).toMatch(/IP address/);
    expect(validateHostName('a b')).toMatch(/spaces/);
  });
});

describe('host:port', () => {
  it('splits host, port and bracketed IPv6', () => {
    expect(parseHostPort('kdc.example.com:88')).toEqual({
      host: 'kdc.example.com',
      port: 88
    });
    expect(parseHostPort('kdc')).toEqual({ host: 'kdc', port: null });
    expect(parseHostPort('[fd00::1]:88')).toEqual({
      host: 'fd00::1',
      port: 88
    });
    expect(validateHostPort('[fd00::1]')).toBeNull();
  });
  it('rejects bad ports and addresses', () => {
    expect(validateHostPort('kdc:0')).toMatch(/1 to 65535/);
    expect(validateHostPort('kdc:70000')).toMatch(/1 to 65535/);
    expect(validateHostPort('kdc:88:1')).toMatch(/1 to 65535/);
    expect(validateHostPort('fd00::1')).toMatch(/1 to 65535/);
    expect(validateHostPort('[kdc]:88')).toMatch(/not an IPv6/);
    expect(validateHostPort('kdc_1:88')).toMatch(/RFC 1123/);
  });
});

describe('Livy URL', () => {
  it('accepts http(s) with host, port and path', () => {
    expect(
      parseLivyUrl('https://livy-nlb.example.test:8998/gateway/livy/')
    ).toEqual({
      scheme: 'https',
      host: 'livy-nlb.example.test',
      port: 8998,
      path: '/gateway/livy/'
    });
    expect(validateLivyUrl('http://livy')).toBeNull();
  });
  it('explains every rejection', () => {
    expect(validateLivyUrl('')).toMatch(/Enter the Livy URL/);
    expect(validateLivyUrl('livy:8998')).toMatch(/not a URL/);
    expect(validateLivyUrl('ftp://livy')).toMatch(/http:\/\/ or https:\/\//);
    expect(validateLivyUrl('HTTPS://livy')).toMatch(/not HTTPS/);
    expect(validateLivyUrl('https://u:p@livy:8998')).toMatch(
      /user name and password/
    );
    expect(validateLivyUrl('https://livy:8998/?a=1')).toMatch(/query/);
    expect(validateLivyUrl('https://livy:8998/a b')).toMatch(/percent-encoded/);
    expect(validateLivyUrl('https://livy:99999')).toMatch(/65535/);
    expect(validateLivyUrl('https://Livy-NLB:8998')).toMatch(/lowercase/);
    expect(validateLivyUrl('https://10.0.0.5:8998')).toMatch(
      /hostname_override/
    );
    expect(validateLivyUrl('https://[fd00::5]:8998')).toMatch(/IPv6/);
  });
  it('lets hostname_override name the service host', () => {
    expect(
      validateLivyUrl('https://10.0.0.5:8998', 'livy.example.test')
    ).toBeNull();
    expect(validateLivyUrl('https://NLB:8998', 'livy.example.test')).toBeNull();
  });
});

describe('paths', () => {
  it('accepts absolute and home paths', () => {
    expect(validatePath('/etc/krb5.conf')).toBeNull();
    expect(validatePath('~/x y/z')).toBeNull();
    expect(validateKeytabPath('~/alice.keytab')).toBeNull();
  });
  it('explains the rejections', () => {
    expect(validatePath('krb5.conf')).toMatch(/absolute/);
    expect(validatePath('~')).toMatch(/absolute/);
    expect(validatePath('~bob/x')).toMatch(/absolute/);
    expect(validatePath('~/x', { home: false })).toMatch(
      /must be an absolute path/
    );
    expect(validatePath('/a\nb')).toMatch(/line breaks/);
    expect(validatePath('/a\0b')).toMatch(/NUL/);
    expect(validatePath('/a\tb')).toMatch(/control/);
    expect(validateKeytabPath('/home/u/')).toMatch(/directory/);
    expect(validateKeytabPath('')).toMatch(/keytab/);
  });
});

describe('durations', () => {
  it('explains the rejections', () => {
    expect(validateDuration('')).toMatch(/Enter/);
    expect(validateDuration('0')).toMatch(/longer than zero/);
    expect(validateDuration('0h0m')).toMatch(/longer than zero/);
    expect(validateDuration('10 hours')).toMatch(/not a kinit duration/);
    expect(validateDuration('1m1h')).toMatch(/not a kinit duration/);
    expect(validateDuration('99999999d')).toMatch(/24855 days/);
  });

  it('accepts only what real MIT kinit accepts', () => {
    // kinit checks -l before it looks for a KDC: a realm it cannot find
    // separates "Bad lifetime value" from an accepted one, offline.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duration-'));
    const conf = path.join(dir, 'krb5.conf');
    fs.writeFileSync(conf, '[libdefaults]\n dns_lookup_kdc = false\n');
    const samples = fc.sample(
      fc.string({
        unit: fc.constantFrom(
          '0',
          '1',
          '2',
          '5',
          '9',
          'd',
          'h',
          'm',
          's',
          ':',
          'H'
        ),
        minLength: 1,
        maxLength: 7
      }),
      { numRuns: 300, seed: 42 }
    );
    const accepted = [...new Set(samples)].filter(
      s => validateDuration(s) === null
    );
    expect(accepted.length).toBeGreaterThan(20);
    accepted.push('10h', '7d', '1h30m', '1:30:00', '2147483647');
    const script = accepted
      .map(s => `kinit -l '${s}' nobody@NOPE.TEST </dev/null 2>&1 | head -1`)
      .join('\n');
    const out = spawnSync('sh', ['-c', script], {
      env: { ...process.env, KRB5_CONFIG: conf, KRB5CCNAME: `FILE:${dir}/cc` }
    }).stdout.toString();
    fs.rmSync(dir, { recursive: true, force: true });
    const lines = out.trim().split('\n');
    expect(lines.length).toBe(accepted.length);
    lines.forEach((line, i) => {
      expect([accepted[i], line]).toEqual([
        accepted[i],
        expect.stringMatching(/Cannot find KDC/)
      ]);
    });
  });
});
