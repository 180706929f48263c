import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import {
  kdestroyCommand,
  kinitCommand,
  klistCommand,
  renewCommand,
  serviceHost,
  servicePrincipal,
  userPrincipal
} from '../../src/core/sign-in/kinit';
import { DEFAULT_KERBEROS_AUTH } from '../../src/core/profile';
import {
  InvalidProfileError,
  validatePrincipal
} from '../../src/core/validate/profile';
import { sampleProfile } from './sample-profile';

const SPN = 'HTTP/livy-nlb.example.test@EC2.INTERNAL';

describe('principals', () => {
  it('names the Livy service from the URL host, the service option and the override', () => {
    expect(servicePrincipal(sampleProfile())).toBe(SPN);
    const profile = sampleProfile({
      livyUrl: 'https://10.0.0.5:8998/livy',
      kerberosAuth: {
        ...DEFAULT_KERBEROS_AUTH,
        service: 'livy',
        hostname_override: 'ip-10-0-0-5.ec2.internal'
      }
    });
    expect(serviceHost(profile)).toBe('ip-10-0-0-5.ec2.internal');
    expect(servicePrincipal(profile)).toBe(
      'livy/ip-10-0-0-5.ec2.internal@EC2.INTERNAL'
    );
  });

  it('refuses an uppercase Livy host instead of guessing the SPN', () => {
    expect(() =>
      servicePrincipal(
        sampleProfile({ livyUrl: 'https://My-NLB.example.test:8998' })
      )
    ).toThrow(/lowercase.*case-sensitive/s);
  });

  it('adds the realm to a bare user name only', () => {
    expect(userPrincipal(sampleProfile({ principal: 'alice' }))).toBe(
      'alice@EC2.INTERNAL'
    );
    expect(userPrincipal(sampleProfile({ principal: 'alice/admin' }))).toBe(
      'alice/admin@EC2.INTERNAL'
    );
    expect(
      userPrincipal(sampleProfile({ principal: 'alice@CORP.EXAMPLE.COM' }))
    ).toBe('alice@CORP.EXAMPLE.COM');
    expect(userPrincipal(sampleProfile({ principal: 'a\\@b' }))).toBe(
      'a\\@b@EC2.INTERNAL'
    );
  });
});

describe('kinitCommand', () => {
  it('service mode with a password prompt', () => {
    expect(kinitCommand(sampleProfile())).toBe(
      `kinit -l 10h -r 7d -S ${SPN} user1@EC2.INTERNAL`
    );
  });

  it('service mode with a keytab in the home directory', () => {
    const profile = sampleProfile({
      signIn: 'keytab',
      keytab: '~/my keys/user1.keytab'
    });
    expect(kinitCommand(profile)).toBe(
      `kinit -k -t "$HOME"/'my keys/user1.keytab' -l 10h -r 7d -S ${SPN} user1@EC2.INTERNAL`
    );
    expect(
      kinitCommand(sampleProfile(), { keytab: '/etc/security/u.keytab' })
    ).toBe(
      `kinit -k -t /etc/security/u.keytab -l 10h -r 7d -S ${SPN} user1@EC2.INTERNAL`
    );
  });

  it('TGT mode is plain kinit; no -r without a renewable lifetime', () => {
    expect(
      kinitCommand(sampleProfile({ ticketMode: 'tgt', renewLifetime: '' }))
    ).toBe('kinit -l 10h user1@EC2.INTERNAL');
  });

  it('prefixes quoted environment variables', () => {
    const env = { KRB5_CONFIG: '~/.config/sparkmagic-kerberos/krb5.conf' };
    expect(kinitCommand(sampleProfile({ ticketMode: 'tgt' }), { env })).toBe(
      'KRB5_CONFIG="$HOME"/.config/sparkmagic-kerberos/krb5.conf kinit -l 10h -r 7d user1@EC2.INTERNAL'
    );
  });

  it('refuses invalid fields with the field path', () => {
    const cases: [Partial<Parameters<typeof sampleProfile>[0]>, string][] = [
      [{ principal: '-kt' }, 'principal'],
      [{ realm: 'ec2.internal' }, 'realm'],
      [{ lifetime: '10 hours' }, 'lifetime'],
      [{ renewLifetime: '7 days' }, 'renewLifetime'],
      [{ signIn: 'keytab', keytab: '' }, 'keytab'],
      [{ livyUrl: 'https://u:p@livy' }, 'livyUrl']
    ];
    for (const [overrides, path] of cases) {
      let thrown: unknown = null;
      try {
        kinitCommand(sampleProfile(overrides));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InvalidProfileError);
      expect((thrown as InvalidProfileError).errors.map(e => e.path)).toEqual([
        path
      ]);
    }
    expect(() =>
      kinitCommand(sampleProfile(), { keytab: 'rel.keytab' })
    ).toThrow(/absolute/);
    expect(() =>
      kinitCommand(sampleProfile(), { env: { 'BAD NAME': 'x' } })
    ).toThrow(/not a valid/);
  });

  it('the shell hands kinit exactly the intended arguments (property)', () => {
    const component = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        '0',
        '.',
        '-',
        '_',
        '$',
        "'",
        '"',
        '`',
        '(',
        ';',
        '*',
        '\u00e9'
      ),
      minLength: 1,
      maxLength: 8
    });
    const keytab = fc.string({
      unit: fc.constantFrom(
        'a',
        ' ',
        "'",
        '$',
        '(',
        ')',
        '`',
        '\\',
        '*',
        '\u00e9',
        '/'
      ),
      minLength: 1,
      maxLength: 10
    });
    fc.assert(
      fc.property(component, keytab, fc.boolean(), (user, file, home) => {
        const principal = user.startsWith('-') ? 'x' + user : user;
        fc.pre(validatePrincipal(principal) === null && !file.endsWith('/'));
        const path = (home ? '~/' : '/') + file;
        const profile = sampleProfile({
          principal,
          signIn: 'keytab',
          keytab: path
        });
        const script =
          'kinit() { printf "%s\\0" "$@"; }\n' + kinitCommand(profile);
        const out = spawnSync('sh', ['-c', script], {
          env: { ...process.env, HOME: '/home/u' }
        }).stdout;
        expect(out.toString('utf8').split('\0')).toEqual([
          '-k',
          '-t',
          (home ? '/home/u/' : '/') + file,
          '-l',
          '10h',
          '-r',
          '7d',
          '-S',
          SPN,
          `${principal}@EC2.INTERNAL`,
          ''
        ]);
      }),
      { numRuns: 150 }
    );
  });
});

describe('renew, kdestroy and klist commands', () => {
  it('renews with -S in service mode and plainly in TGT mode', () => {
    expect(renewCommand(sampleProfile())).toBe(
      `kinit -R -S ${SPN} user1@EC2.INTERNAL`
    );
    expect(renewCommand(sampleProfile({ ticketMode: 'tgt' }))).toBe('kinit -R');
    expect(
      renewCommand(sampleProfile({ ticketMode: 'tgt' }), {
        env: { KRB5CCNAME: 'FILE:/tmp/c c' }
      })
    ).toBe("KRB5CCNAME='FILE:/tmp/c c' kinit -R");
  });

  it('kdestroy and klist in the C locale and UTC with stderr folded in', () => {
    expect(kdestroyCommand()).toBe('kdestroy');
    expect(kdestroyCommand({ env: { KRB5CCNAME: 'FILE:/tmp/cc' } })).toBe(
      'KRB5CCNAME=FILE:/tmp/cc kdestroy'
    );
    expect(klistCommand()).toBe('LC_ALL=C TZ=UTC klist -f 2>&1');
    expect(
      klistCommand({
        env: { KRB5_CONFIG: '/etc/krb5.conf', LC_ALL: 'de_DE.UTF-8' }
      })
    ).toBe('KRB5_CONFIG=/etc/krb5.conf LC_ALL=C TZ=UTC klist -f 2>&1');
  });
});
