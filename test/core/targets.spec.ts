import { withDefaults } from '../../src/core/profile';
import {
  IEnvironment,
  expandHome,
  resolveTargets
} from '../../src/core/environment/targets';
import { sampleProfile } from './sample-profile';

const ENV: IEnvironment = {
  home: '/home/ec2-user',
  krb5Config: null,
  sparkmagicConfDir: null,
  sparkmagicConfFile: null,
  jupyterDataDir: null,
  systemKrb5Writable: false,
  sudo: false,
  kerberosTools: 'mit',
  preferEnvPath: null,
  sparkmagicSpecs: []
};

describe('resolveTargets', () => {
  it('uses /etc/krb5.conf when it is writable', () => {
    const t = resolveTargets(
      sampleProfile(),
      { ...ENV, systemKrb5Writable: true },
      { useSudo: false }
    );
    expect(t.krb5Mode).toBe('system');
    expect(t.krb5Path).toBe('/etc/krb5.conf');
    expect(t.sudo).toBe(false);
    expect(t.kerberosEnv).toEqual({});
    expect(t.sparkmagicPath).toBe('/home/ec2-user/.sparkmagic/config.json');
  });

  it('uses sudo only when allowed by the setting and available', () => {
    expect(
      resolveTargets(
        sampleProfile(),
        { ...ENV, sudo: true },
        { useSudo: false }
      ).krb5Mode
    ).toBe('user');
    const t = resolveTargets(
      sampleProfile(),
      { ...ENV, sudo: true },
      { useSudo: true }
    );
    expect([t.krb5Mode, t.sudo]).toEqual(['system', true]);
  });

  it('falls back to a user file that kinit and kernels read through KRB5_CONFIG', () => {
    const t = resolveTargets(sampleProfile(), ENV, { useSudo: false });
    expect(t.krb5Mode).toBe('user');
    expect(t.krb5Path).toBe(
      '/home/ec2-user/.config/sparkmagic-kerberos/krb5.conf'
    );
    // Ours first, then the file that would be read without it.
    expect(t.kerberosEnv).toEqual({
      KRB5_CONFIG: `${t.krb5Path}:/etc/krb5.conf`
    });
    expect(t.kernelEnv).toEqual(t.kerberosEnv);
    expect(t.kernelspecDir).toBe('/home/ec2-user/.local/share/jupyter/kernels');
  });

  it('never picks /etc/krb5.conf when the server sets KRB5_CONFIG', () => {
    const t = resolveTargets(
      sampleProfile(),
      { ...ENV, systemKrb5Writable: true, krb5Config: '/opt/krb5.conf' },
      { useSudo: false }
    );
    expect(t.krb5Mode).toBe('user');
    expect(t.kerberosEnv.KRB5_CONFIG).toBe(`${t.krb5Path}:/opt/krb5.conf`);
    // Applying again does not list our file twice.
    const again = resolveTargets(
      sampleProfile(),
      { ...ENV, krb5Config: `${t.krb5Path}:/opt/krb5.conf` },
      { useSudo: false }
    );
    expect(again.kerberosEnv.KRB5_CONFIG).toBe(`${t.krb5Path}:/opt/krb5.conf`);
  });

  it('honours explicit targets, SPARKMAGIC_CONF_DIR and the CA bundle', () => {
    const profile = sampleProfile({
      files: {
        ...withDefaults({}).files,
        krb5Target: 'dropin',
        dropinDir: '/etc/krb5.conf.d/'
      },
      tls: { caBundle: '~/ca.pem', ignoreSslErrors: false }
    });
    const t = resolveTargets(
      profile,
      {
        ...ENV,
        sparkmagicConfDir: '/srv/sm',
        sparkmagicConfFile: 'sm.json',
        jupyterDataDir: '/srv/jd'
      },
      { useSudo: false }
    );
    expect(t.krb5Path).toBe('/etc/krb5.conf.d/00-sparkmagic-kerberos');
    expect(t.sparkmagicPath).toBe('/srv/sm/sm.json');
    expect(t.kernelEnv).toEqual({
      REQUESTS_CA_BUNDLE: '/home/ec2-user/ca.pem'
    });
    expect(t.kernelspecDir).toBe('/srv/jd/kernels');
  });

  it('expands ~ only at the start', () => {
    expect(expandHome('~', '/h')).toBe('/h');
    expect(expandHome('~/a/~b', '/h/')).toBe('/h/a/~b');
    expect(expandHome('/x/~/y', '/h')).toBe('/x/~/y');
  });
});
