import * as fc from 'fast-check';
import {
  SparkmagicConfigError,
  mergeSparkmagicConfig,
  parseSparkmagicConfig,
  renderSparkmagicConfig,
  validateSparkmagicConfig
} from '../../src/core/sparkmagic/config';
import { InvalidProfileError } from '../../src/core/validate/profile';
import { sampleProfile } from './sample-profile';

const URL = 'https://livy-nlb.example.test:8998';

describe('renderSparkmagicConfig', () => {
  it('writes credentials and kerberos_auth_configuration for a new file', () => {
    const text = renderSparkmagicConfig(sampleProfile(), null);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "kernel_python_credentials": {\n    "url"');
    expect(JSON.parse(text)).toEqual({
      kernel_python_credentials: { url: URL, auth: 'Kerberos' },
      kernel_scala_credentials: { url: URL, auth: 'Kerberos' },
      kernel_r_credentials: { url: URL, auth: 'Kerberos' },
      kerberos_auth_configuration: {
        mutual_authentication: 1,
        service: 'HTTP'
      },
      livy_session_startup_timeout_seconds: 300,
      livy_server_heartbeat_timeout_seconds: 300
    });
  });

  it('treats empty text as an empty file and drops a BOM', () => {
    expect(
      JSON.parse(renderSparkmagicConfig(sampleProfile(), ' \n'))
    ).toHaveProperty('kernel_r_credentials');
    expect(
      renderSparkmagicConfig(sampleProfile(), '\uFEFF{"use_auto_viz": false}')
    ).toMatch(/^\{\n {2}"use_auto_viz": false,/);
  });

  it('refuses invalid JSON with line and column', () => {
    const text = '{\n  "a": 1,\n  "b": ,\n}\n';
    let thrown: unknown;
    try {
      renderSparkmagicConfig(sampleProfile(), text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SparkmagicConfigError);
    const err = thrown as SparkmagicConfigError;
    expect([err.line, err.column]).toEqual([3, 8]);
    expect(err.message).toMatch(
      /not valid JSON \(line 3, column 8: expected a value but found ","\)/
    );
    expect(err.message).toMatch(/nothing was written/);
  });

  it('refuses a file that is not an object', () => {
    expect(() => parseSparkmagicConfig('[1]')).toThrow(/must be a JSON object/);
    expect(() =>
      mergeSparkmagicConfig([] as unknown as object, sampleProfile())
    ).toThrow(SparkmagicConfigError);
  });

  it('refuses a profile without a valid Livy URL', () => {
    expect(() =>
      renderSparkmagicConfig(sampleProfile({ livyUrl: 'livy:8998' }), null)
    ).toThrow(InvalidProfileError);
  });
});

describe('mergeSparkmagicConfig', () => {
  const existing = {
    kernel_python_credentials: {
      username: 'old',
      password: 'secret',
      url: 'http://old:8998',
      auth: 'Basic_Access',
      note: 'mine'
    },
    kernel_python3_credentials: { url: 'http://old:8998' },
    kernel_scala_credentials: {
      base64_password: 'c2VjcmV0',
      url: 'x',
      auth: 'None'
    },
    session_configs: { driverMemory: '1000M', conf: { 'spark.x': '1' } },
    livy_session_startup_timeout_seconds: 120,
    kerberos_auth_configuration: {
      mutual_authentication: 'REQUIRED',
      principal: 'old@EC2.INTERNAL',
      password: 'pw',
      canonicalize: true
    },
    ignore_ssl_errors: true,
    custom_headers: { 'X-Requested-By': 'me' }
  };

  it('keeps every key it does not own and overwrites the ones it does', () => {
    const { config, warnings } = mergeSparkmagicConfig(
      existing,
      sampleProfile({ kernels: ['python', 'scala'] })
    );
    expect(config).toEqual({
      kernel_python_credentials: { url: URL, auth: 'Kerberos', note: 'mine' },
      kernel_python3_credentials: { url: URL, auth: 'Kerberos' },
      kernel_scala_credentials: { url: URL, auth: 'Kerberos' },
      session_configs: { driverMemory: '1000M', conf: { 'spark.x': '1' } },
      livy_session_startup_timeout_seconds: 300,
      kerberos_auth_configuration: {
        mutual_authentication: 1,
        service: 'HTTP'
      },
      custom_headers: { 'X-Requested-By': 'me' },
      livy_server_heartbeat_timeout_seconds: 300
    });
    expect(warnings).toEqual([
      'Removed the password stored in kernel_python_credentials: Kerberos does not use it.',
      'Removed the password stored in kernel_scala_credentials: Kerberos does not use it.',
      'Removed kerberos_auth_configuration.principal: the signed-in principal of the ticket cache is used.',
      'Removed the password stored in kerberos_auth_configuration; sign in with kinit instead.',
      'Removed kerberos_auth_configuration.canonicalize: requests-kerberos does not accept it and the kernel would fail to start.',
      'Turned certificate checks for Livy back on (ignore_ssl_errors was true).'
    ]);
    expect(existing.kernel_python_credentials.password).toBe('secret');
  });

  it('adds python3 credentials only when the file has them', () => {
    const { config } = mergeSparkmagicConfig({}, sampleProfile());
    expect(config).not.toHaveProperty('kernel_python3_credentials');
  });

  it('writes non-default requests-kerberos options and the TLS choices', () => {
    const profile = sampleProfile({
      kerberosAuth: {
        mutual_authentication: 'OPTIONAL',
        service: 'HTTP',
        delegate: true,
        force_preemptive: true,
        hostname_override: 'livy-internal.ec2.internal',
        sanitize_mutual_error_response: false,
        send_cbt: false
      },
      tls: { caBundle: '/etc/pki/livy-ca.pem', ignoreSslErrors: true }
    });
    const { config, warnings } = mergeSparkmagicConfig(null, profile);
    expect(config.kerberos_auth_configuration).toEqual({
      mutual_authentication: 2,
      service: 'HTTP',
      delegate: true,
      force_preemptive: true,
      hostname_override: 'livy-internal.ec2.internal',
      sanitize_mutual_error_response: false,
      send_cbt: false
    });
    expect(config.ignore_ssl_errors).toBe(true);
    expect(warnings).toEqual([
      'The CA bundle is not used while ignore_ssl_errors is on.',
      expect.stringMatching(/^Certificate checks for Livy are off/)
    ]);
  });

  it('keeps a misplaced kerberos_auth_configuration and reports it', () => {
    const { config, warnings } = mergeSparkmagicConfig(
      {
        authenticators: {
          kerberos_auth_configuration: { mutual_authentication: 1 }
        }
      },
      sampleProfile()
    );
    expect(config.authenticators).toEqual({
      kerberos_auth_configuration: { mutual_authentication: 1 },
      Kerberos: 'sparkmagic.auth.kerberos.Kerberos'
    });
    expect(warnings).toEqual([
      expect.stringMatching(/^Added Kerberos to authenticators/),
      expect.stringMatching(
        /inside authenticators, where sparkmagic ignores it/
      )
    ]);
  });

  it('strips a trailing slash from the Livy URL', () => {
    const { config } = mergeSparkmagicConfig(
      null,
      sampleProfile({ livyUrl: URL + '/' })
    );
    expect(config.kernel_r_credentials).toEqual({ url: URL, auth: 'Kerberos' });
  });

  it('never drops a key it does not own and is idempotent (property)', () => {
    const owned =
      /^(kernel_(python|python3|scala|r)_credentials|kerberos_auth_configuration|ignore_ssl_errors)$/;
    fc.assert(
      fc.property(
        // As read from a file: JSON text has no -0.
        fc
          .dictionary(fc.string(), fc.jsonValue())
          .map(d => JSON.parse(JSON.stringify(d)) as Record<string, unknown>),
        existingConfig => {
          const profile = sampleProfile();
          const once = mergeSparkmagicConfig(existingConfig, profile).config;
          for (const key of Object.keys(existingConfig)) {
            if (!owned.test(key) && key !== 'authenticators') {
              expect(once[key]).toEqual(existingConfig[key]);
            }
          }
          const text = renderSparkmagicConfig(
            profile,
            JSON.stringify(existingConfig)
          );
          expect(renderSparkmagicConfig(profile, text)).toBe(text);
          expect(
            validateSparkmagicConfig(once, profile).filter(
              p => p.severity === 'error' && owned.test(p.path.split('/')[0])
            )
          ).toEqual([]);
        }
      ),
      { numRuns: 300 }
    );
  });
});
