import type {
  IEnvironmentProbe,
  IKerberosView
} from '../../src/core/environment/probe-types';
import { toEnvironment } from '../../src/core/environment/from-probe';

const VIEW: IKerberosView = {
  home: '/home/ec2-user',
  krb5Config: null,
  krb5ConfigPaths: ['/etc/krb5.conf'],
  krb5ConfigWritable: false,
  krb5Includes: [],
  krb5ccname: null,
  cacheType: 'FILE',
  cacheName: 'FILE:/tmp/krb5cc_1000',
  sparkmagicConfDir: null,
  sparkmagicConfFile: null,
  sparkmagicConfigPath: '/home/ec2-user/.sparkmagic/config.json',
  klist: '/usr/bin/klist'
};

function probe(overrides: Partial<IEnvironmentProbe> = {}): IEnvironmentProbe {
  return {
    serverPid: 42,
    uid: 1000,
    user: 'ec2-user',
    serverEnv: { HOME: '/home/ec2-user' },
    shellDiffers: [],
    kinit: { path: '/usr/bin/kinit', flavor: 'mit', version: '1.20.1' },
    klist: { path: '/usr/bin/klist', flavor: 'mit', version: '1.20.1' },
    server: VIEW,
    etcKrb5Conf: { exists: true, writable: false },
    sudo: 'password',
    python: '/opt/conda/bin/python',
    kernelspecs: [
      {
        name: 'python3',
        displayName: 'Python 3',
        language: 'python',
        argv: ['python', '-m', 'ipykernel_launcher'],
        env: {},
        resourceDir: '/opt/conda/share/jupyter/kernels/python3',
        sparkmagic: false,
        python: null,
        sparkmagicImportable: null,
        sparkmagicVersion: null,
        importError: null,
        view: null
      },
      {
        name: 'pysparkkernel',
        displayName: 'PySpark',
        language: 'python',
        argv: [
          'python',
          '-m',
          'sparkmagic.kernels.pysparkkernel.pysparkkernel',
          '-f',
          '{connection_file}'
        ],
        env: { SPARKMAGIC_CONF_DIR: '/srv/sm' },
        resourceDir: '/opt/conda/share/jupyter/kernels/pysparkkernel',
        sparkmagic: true,
        python: '/opt/conda/bin/python',
        sparkmagicImportable: true,
        sparkmagicVersion: '0.23.0',
        importError: null,
        view: {
          ...VIEW,
          sparkmagicConfDir: '/srv/sm',
          sparkmagicConfigPath: '/srv/sm/config.json'
        }
      }
    ],
    sparkmagicKernelspecs: ['pysparkkernel'],
    errors: [],
    ...overrides
  };
}

describe('toEnvironment', () => {
  it('keeps what the decisions need, with the Sparkmagic kernel’s own view of its config', () => {
    const env = toEnvironment(probe());
    expect(env).toMatchObject({
      home: '/home/ec2-user',
      krb5Config: null,
      sparkmagicConfDir: '/srv/sm',
      systemKrb5Writable: false,
      sudo: false,
      kerberosTools: 'mit',
      preferEnvPath: null
    });
    expect(env.sparkmagicSpecs.map(s => [s.name, s.resourceDir])).toEqual([
      ['pysparkkernel', '/opt/conda/share/jupyter/kernels/pysparkkernel']
    ]);
  });

  it('reads JUPYTER_PREFER_ENV_PATH, passwordless sudo, Heimdal and missing tools', () => {
    const falsy = toEnvironment(
      probe({ serverEnv: { HOME: '/h', JUPYTER_PREFER_ENV_PATH: 'no' } })
    );
    expect(falsy.preferEnvPath).toBe(false);
    expect(
      toEnvironment(probe({ serverEnv: { JUPYTER_PREFER_ENV_PATH: '1' } }))
        .preferEnvPath
    ).toBe(true);
    expect(toEnvironment(probe({ sudo: 'ok' })).sudo).toBe(true);
    expect(
      toEnvironment(
        probe({
          klist: { path: '/usr/bin/klist', flavor: 'heimdal', version: '7' }
        })
      ).kerberosTools
    ).toBe('heimdal');
    expect(
      toEnvironment(
        probe({ klist: { path: null, flavor: null, version: null } })
      ).kerberosTools
    ).toBeNull();
  });
});
