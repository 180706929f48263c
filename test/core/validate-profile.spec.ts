import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_PROFILE, IProfile } from '../../src/core/profile';
import {
  InvalidProfileError,
  MAX_KDCS,
  MAX_TEXT_LENGTH,
  assertValidProfile,
  validateProfile
} from '../../src/core/validate/profile';
import { sampleProfile } from './sample-profile';

describe('validateProfile', () => {
  it('finds nothing wrong with a complete profile', () => {
    expect(validateProfile(sampleProfile())).toEqual([]);
  });

  it('lists the fields a fresh default profile still needs', () => {
    expect(validateProfile(DEFAULT_PROFILE).map(e => e.path)).toEqual([
      'realm',
      'livyUrl',
      'principal',
      'kdcs'
    ]);
  });

  it('reports every wrong field by path', () => {
    const profile = {
      ...sampleProfile(),
      name: 'a\u0007',
      realm: 'ec2.internal',
      kdcs: ['kdc:88', 'kdc:88', 'bad host', 5],
      adminServer: 'kdc:0',
      livyUrl: 'https://NLB:8998',
      clusterDomain: '.ec2..internal',
      ticketMode: 'both',
      principal: 'a b',
      signIn: 'keytab',
      keytab: 'alice.keytab',
      lifetime: '10 hours',
      renewLifetime: '0',
      kernels: ['python', 'java', 'python'],
      kerberosAuth: {
        ...sampleProfile().kerberosAuth,
        mutual_authentication: 1,
        service: 'HTTP/x',
        delegate: 'no',
        hostname_override: 'Livy'
      },
      tls: { caBundle: '~/ca.pem', ignoreSslErrors: 'yes' },
      files: {
        krb5Target: 'etc',
        userKrb5Conf: 'krb5.conf',
        dropinDir: '~/d',
        sparkmagicConfig: '/ok/config.json'
      }
    } as unknown as IProfile;
    const byPath = Object.fromEntries(
      validateProfile(profile).map(e => [e.path, e.message])
    );
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'name',
        'realm',
        'kdcs/1',
        'kdcs/2',
        'kdcs/3',
        'adminServer',
        'clusterDomain',
        'ticketMode',
        'principal',
        'keytab',
        'lifetime',
        'renewLifetime',
        'kernels/1',
        'kernels/2',
        'kerberosAuth/mutual_authentication',
        'kerberosAuth/service',
        'kerberosAuth/delegate',
        'kerberosAuth/hostname_override',
        'tls/caBundle',
        'tls/ignoreSslErrors',
        'files/krb5Target',
        'files/userKrb5Conf',
        'files/dropinDir'
      ].sort()
    );
    expect(byPath['kdcs/1']).toMatch(/twice/);
    expect(byPath['kernels/1']).toMatch(/python, scala, r/);
    expect(byPath['kerberosAuth/hostname_override']).toMatch(/lowercase/);
  });

  it('checks the Livy host when no override names the service host', () => {
    const errors = validateProfile(
      sampleProfile({ livyUrl: 'https://NLB:8998' })
    );
    expect(errors).toEqual([
      { path: 'livyUrl', message: expect.stringMatching(/lowercase/) }
    ]);
  });

  it('assertValidProfile throws only for the fields asked about', () => {
    const profile = sampleProfile({ realm: '' });
    expect(() => assertValidProfile(profile, ['livyUrl'])).not.toThrow();
    expect(() => assertValidProfile(profile, ['realm'])).toThrow(
      InvalidProfileError
    );
    let thrown: unknown = null;
    try {
      assertValidProfile(profile);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as InvalidProfileError).errors).toEqual([
      { path: 'realm', message: expect.stringMatching(/Enter/) }
    ]);
    expect((thrown as Error).message).toMatch(/realm: Enter/);
  });
});

describe('validateProfile, checked once per unchanged profile', () => {
  it('sees a change made to the same object after a first check', () => {
    const profile = sampleProfile();
    expect(validateProfile(profile)).toEqual([]);
    profile.realm = 'ec2.internal';
    expect(validateProfile(profile).map(e => e.path)).toEqual(['realm']);
    profile.realm = 'EC2.INTERNAL';
    expect(validateProfile(profile)).toEqual([]);
  });

  it('hands out copies: a caller editing the list changes no later answer', () => {
    const profile = { ...sampleProfile(), realm: 'bad realm' };
    validateProfile(profile).length = 0;
    expect(validateProfile(profile)).toHaveLength(1);
  });
});

describe('bounds', () => {
  const schema = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../schema/plugin.json'), 'utf8')
  );

  it('the schema bounds every free text field and the KDC list as the validator does', () => {
    const unbounded: string[] = [];
    const walk = (node: Record<string, unknown>, at: string): void => {
      if (node.type === 'string' && !node.enum) {
        if (node.maxLength !== MAX_TEXT_LENGTH) {
          unbounded.push(at);
        }
      }
      for (const [key, value] of Object.entries(node)) {
        if (value !== null && typeof value === 'object') {
          walk(value as Record<string, unknown>, `${at}/${key}`);
        }
      }
    };
    walk(schema.definitions.profile, 'profile');
    walk(schema.properties.activeProfile, 'activeProfile');
    expect(unbounded).toEqual([]);
    expect(schema.definitions.profile.properties.kdcs.maxItems).toBe(MAX_KDCS);
  });

  it('refuses a text field or a KDC past the bound, and more KDCs than it', () => {
    const long = '/' + 'k'.repeat(MAX_TEXT_LENGTH);
    const paths = (p: Partial<IProfile>) =>
      validateProfile(sampleProfile(p)).map(e => `${e.path}: ${e.message}`);
    expect(
      paths({
        keytab: long,
        files: { ...sampleProfile().files, dropinDir: long }
      })
    ).toEqual([
      'files/dropinDir: At most 4096 characters.',
      'keytab: At most 4096 characters.'
    ]);
    expect(
      paths({ kdcs: ['kdc', 'k'.repeat(MAX_TEXT_LENGTH + 1), 'kdc'] })
    ).toEqual([
      'kdcs/1: At most 4096 characters.',
      "kdcs/2: 'kdc' is listed twice."
    ]);
    const most = Array.from({ length: MAX_KDCS }, (_, i) => `kdc${i}`);
    expect(paths({ kdcs: most })).toEqual([]);
    expect(paths({ kdcs: [...most, 'kdc-last'] })).toEqual([
      'kdcs: List at most 32 KDCs.'
    ]);
  });
});
