import * as fs from 'fs';
import {
  Krb5ParseError,
  getRelation,
  getRelations,
  mergeProfileIntoKrb5,
  parseKrb5Conf,
  renderKrb5Conf,
  renderKrb5ForProfile
} from '../../src/core/krb5';
import { InvalidProfileError } from '../../src/core/validate/profile';
import {
  FIXTURES,
  OURS,
  PROFILE,
  droppedLines,
  expectEffective,
  fixture
} from './krb5-expect';

describe('renderKrb5ForProfile', () => {
  it('writes a new file with the NLB-safe values of DESIGN.md', () => {
    expect(renderKrb5ForProfile(PROFILE, null)).toBe(
      [
        '# Written by jupyterlab-sparkmagic-kerberos.',
        '',
        '[libdefaults]',
        ...OURS.map(([tag, value]) => `    ${tag} = ${value}`),
        '',
        '[realms]',
        '    EC2.INTERNAL = {',
        '        kdc = kdc1.ec2.internal:88',
        '        kdc = kdc2.ec2.internal:8888',
        '        admin_server = kdc1.ec2.internal:749',
        '    }',
        '',
        '[domain_realm]',
        '    livy-nlb.example.test = EC2.INTERNAL',
        '    .ec2.internal = EC2.INTERNAL',
        '    ec2.internal = EC2.INTERNAL',
        ''
      ].join('\n')
    );
    expect(renderKrb5ForProfile(PROFILE, '')).toBe(
      renderKrb5ForProfile(PROFILE, null)
    );
  });

  it('replaces the values it owns in an EMR file and keeps the rest line for line', () => {
    const before = fixture('emr.conf');
    const after = renderKrb5ForProfile(PROFILE, before);
    expectEffective(after);
    expect(droppedLines(before, after)).toEqual([
      '    dns_lookup_kdc = false',
      '    rdns = true',
      '    ticket_lifetime = 24h',
      '    udp_preference_limit = 1000000',
      '        kdc = ip-10-0-0-12.ec2.internal:88',
      '        admin_server = ip-10-0-0-12.ec2.internal:749',
      '     ec2.internal = EC2.INTERNAL'
    ]);
    const doc = parseKrb5Conf(after);
    expect(getRelation(doc, 'realms', ['EC2.INTERNAL', 'default_domain'])).toBe(
      'ec2.internal'
    );
    expect(getRelation(doc, 'logging', 'kdc')).toBe(
      'FILE:/var/log/kerberos/krb5kdc.log'
    );
    expect(getRelation(doc, 'libdefaults', 'permitted_enctypes')).toMatch(
      /^aes256/
    );
  });

  it('keeps the other realms, mappings and comments of the Debian sample', () => {
    const before = fixture('debian.conf');
    const after = renderKrb5ForProfile(PROFILE, before);
    expectEffective(after);
    expect(droppedLines(before, after)).toEqual([
      '\tdefault_realm = ATHENA.MIT.EDU',
      '\tforwardable = true',
      '        rdns = false'
    ]);
    const doc = parseKrb5Conf(after);
    expect(getRelations(doc, 'realms', ['ATHENA.MIT.EDU', 'kdc'])).toHaveLength(
      3
    );
    expect(getRelation(doc, 'domain_realm', '.mit.edu')).toBe('ATHENA.MIT.EDU');
    expect(after).toContain(
      '\tEC2.INTERNAL = {\n\t\tkdc = kdc1.ec2.internal:88\n'
    );
  });

  it('removes duplicates of its values, also in the realm block and realm libdefaults', () => {
    const before = [
      '[libdefaults]',
      ' rdns = true',
      ' EC2.INTERNAL = {',
      '  forwardable = false',
      '  clockskew = 600',
      ' }',
      ' OTHER.REALM = {',
      '  forwardable = false',
      ' }',
      '[realms]',
      ' EC2.INTERNAL = {',
      '  kdc = old:88',
      ' }',
      ' EC2.INTERNAL = {',
      '  kdc = older:88',
      '  kpasswd_server = pw:464',
      ' }',
      '[libdefaults]',
      ' rdns* = true',
      ''
    ].join('\n');
    const after = renderKrb5ForProfile(PROFILE, before);
    expectEffective(after);
    const doc = parseKrb5Conf(after);
    expect(getRelations(doc, 'libdefaults', 'rdns')).toEqual(['false']);
    expect(
      getRelations(doc, 'libdefaults', ['EC2.INTERNAL', 'forwardable'])
    ).toEqual([]);
    expect(getRelation(doc, 'libdefaults', ['EC2.INTERNAL', 'clockskew'])).toBe(
      '600'
    );
    expect(
      getRelation(doc, 'libdefaults', ['OTHER.REALM', 'forwardable'])
    ).toBe('false');
    expect(getRelation(doc, 'realms', ['EC2.INTERNAL', 'kpasswd_server'])).toBe(
      'pw:464'
    );
    expect(after).not.toContain('old');
  });

  it('is idempotent on every fixture', () => {
    for (const name of fs.readdirSync(FIXTURES)) {
      const once = renderKrb5ForProfile(PROFILE, fixture(name));
      expect(renderKrb5ForProfile(PROFILE, once)).toBe(once);
    }
  });

  it('keeps a two-line group opening and writes inside it', () => {
    const after = renderKrb5ForProfile(
      PROFILE,
      '[realms]\n  EC2.INTERNAL =\n  {\n    kdc = old:88\n    default_domain = x\n  }\n'
    );
    expect(after).toContain(
      '[realms]\n  EC2.INTERNAL =\n  {\n    kdc = kdc1.ec2.internal:88\n'
    );
    expect(after).toContain('    default_domain = x\n  }\n');
    expectEffective(after);
  });

  it('keeps CRLF line ends for the lines it adds', () => {
    const after = renderKrb5ForProfile(
      PROFILE,
      '[libdefaults]\r\n  rdns = true\r\n'
    );
    expect(
      after
        .split('\n')
        .slice(0, -1)
        .every(l => l.endsWith('\r'))
    ).toBe(true);
    expectEffective(after);
  });

  it('closes a group left open at the end before adding sections after it', () => {
    const after = renderKrb5ForProfile(
      PROFILE,
      '[realms]\n OTHER = {\n  kdc = k\n'
    );
    expect(getRelation(parseKrb5Conf(after), 'realms', ['OTHER', 'kdc'])).toBe(
      'k'
    );
    expectEffective(after);
  });

  it('leaves a BOM-hidden section hidden and adds a readable one', () => {
    const before = '\ufeff[libdefaults]\n default_realm = HIDDEN\n[realms]\n';
    const after = renderKrb5ForProfile(PROFILE, before);
    expect(after.startsWith(before.slice(0, 40))).toBe(true);
    expectEffective(after);
  });

  it('does not change the document it is given', () => {
    const doc = parseKrb5Conf(fixture('emr.conf'));
    const copy = JSON.stringify(doc);
    mergeProfileIntoKrb5(doc, PROFILE);
    expect(JSON.stringify(doc)).toBe(copy);
    expect(renderKrb5Conf(doc)).toBe(fixture('emr.conf'));
  });

  it('refuses a file that hands its configuration to a module', () => {
    const error = (() => {
      try {
        renderKrb5ForProfile(PROFILE, '# c\nmodule /usr/lib/x.so:r\n');
      } catch (e) {
        return e as Krb5ParseError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(Krb5ParseError);
    expect([error?.code, error?.line]).toEqual(['module', 2]);
  });

  it('refuses an unparsable file with its line number', () => {
    expect(() =>
      renderKrb5ForProfile(PROFILE, '[libdefaults]\n\n  rdns false\n')
    ).toThrow(/^krb5.conf line 3: /);
  });

  it('refuses a profile it cannot write', () => {
    expect(() =>
      renderKrb5ForProfile({ ...PROFILE, realm: 'bad realm' }, null)
    ).toThrow(InvalidProfileError);
    expect(() => renderKrb5ForProfile({ ...PROFILE, kdcs: [] }, null)).toThrow(
      InvalidProfileError
    );
  });

  it('fills ports, keeps IPv6 brackets and skips address-only Livy hosts', () => {
    const profile = {
      ...PROFILE,
      kdcs: ['[::1]', '127.0.0.1:60088'],
      adminServer: 'admin.ec2.internal',
      livyUrl: 'http://10.0.0.5:8998',
      kerberosAuth: {
        ...PROFILE.kerberosAuth,
        hostname_override: 'livy-nlb.example.test'
      },
      clusterDomain: '.EC2.Internal',
      renewLifetime: ''
    };
    const doc = parseKrb5Conf(
      renderKrb5ForProfile(profile, '[libdefaults]\n renew_lifetime = 1d\n')
    );
    expect(getRelations(doc, 'realms', ['EC2.INTERNAL', 'kdc'])).toEqual([
      '[::1]:88',
      '127.0.0.1:60088'
    ]);
    expect(getRelation(doc, 'realms', ['EC2.INTERNAL', 'admin_server'])).toBe(
      'admin.ec2.internal:749'
    );
    expect(getRelations(doc, 'domain_realm', '10.0.0.5')).toEqual([]);
    expect(getRelation(doc, 'domain_realm', 'livy-nlb.example.test')).toBe(
      'EC2.INTERNAL'
    );
    expect(getRelation(doc, 'domain_realm', '.ec2.internal')).toBe(
      'EC2.INTERNAL'
    );
    expect(getRelation(doc, 'libdefaults', 'renew_lifetime')).toBe('1d');
  });
});
