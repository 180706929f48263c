/** Where a merge puts its values so that MIT reads them before any include. */
import {
  IKrb5Directive,
  getRelation,
  parseKrb5Conf,
  renderKrb5ForProfile
} from '../../src/core/krb5';
import { PROFILE, droppedLines, expectEffective, fixture } from './krb5-expect';

describe('merge placement with includes', () => {
  it('puts its sections above a leading includedir, which would otherwise win', () => {
    const before = fixture('fedora-includedir.conf');
    const dropin = parseKrb5Conf(fixture('sssd-kcm_default_ccache'));
    const resolve = (d: IKrb5Directive) =>
      d.target === '/etc/krb5.conf.d/' ? [dropin] : [];
    expect(
      getRelation(
        parseKrb5Conf(before),
        'libdefaults',
        'default_ccache_name',
        resolve
      )
    ).toBe('KCM:');
    const after = renderKrb5ForProfile(PROFILE, before);
    expectEffective(after, resolve);
    expect(after.indexOf('[domain_realm]')).toBeLessThan(
      after.indexOf('includedir')
    );
    expect(after).toContain(
      '\n\n# To opt out of the system crypto-policies configuration of krb5, remove the\n'
    );
    expect(droppedLines(before, after)).toEqual(
      [
        'dns_lookup_realm = false',
        'ticket_lifetime = 24h',
        'renew_lifetime = 7d',
        'forwardable = true',
        'rdns = false',
        'dns_canonicalize_hostname = fallback',
        'default_realm = EXAMPLE.COM',
        'default_ccache_name = KEYRING:persistent:%{uid}'
      ].map(l => `    ${l}`)
    );
  });

  it('a naive merge (values appended to the existing [libdefaults]) loses to the include', () => {
    const dropin = parseKrb5Conf(fixture('sssd-kcm_default_ccache'));
    const naive = parseKrb5Conf(
      fixture('fedora-includedir.conf').replace(
        '[libdefaults]\n',
        '[libdefaults]\n    default_ccache_name = FILE:/tmp/krb5cc_%{uid}\n'
      )
    );
    expect(
      getRelation(naive, 'libdefaults', 'default_ccache_name', () => [dropin])
    ).toBe('KCM:');
  });

  it('writes at the top of a [libdefaults] whose include comes later in it', () => {
    const before =
      '[libdefaults]\n  ticket_lifetime = 24h\nincludedir /d\n  rdns = true\n';
    const after = renderKrb5ForProfile(PROFILE, before);
    expectEffective(after, () => [
      parseKrb5Conf('[libdefaults]\n rdns = true\n')
    ]);
    expect(after.indexOf('rdns = false')).toBeLessThan(
      after.indexOf('includedir /d')
    );
    expect(after).toContain(
      '\n[libdefaults]\n  default_realm = EC2.INTERNAL\n'
    );
  });

  it('inserts new sections above the section that holds the first include', () => {
    const before =
      '[logging]\n  default = FILE:/x\n\n# libdefaults follow\n[libdefaults]\n  noaddresses = true\ninclude /etc/extra.conf\n[realms]\n';
    const after = renderKrb5ForProfile(PROFILE, before);
    expectEffective(after, () => [
      parseKrb5Conf('[libdefaults]\n rdns = true\n')
    ]);
    expect(after).toMatch(
      /^\[logging\]\n {2}default = FILE:\/x\n\n\[realms\]\n {2}EC2.INTERNAL = \{\n/
    );
    expect(after).toContain(
      '\n\n# libdefaults follow\n[libdefaults]\n  default_realm = '
    );
  });

  it('comments out text that MIT ignored only because it came before any section', () => {
    const before =
      'includedir /d\nManaged by the platform team.\n[libdefaults]\n';
    const after = renderKrb5ForProfile(PROFILE, before);
    expect(after).toContain(
      '\nincludedir /d\n#Managed by the platform team.\n[libdefaults]\n'
    );
    expectEffective(after);
  });
});
