/**
 * The rendered config.json read by real sparkmagic 0.23 and requests-kerberos
 * from the project virtualenv, the way a Sparkmagic kernel reads it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  mergeSparkmagicConfig,
  renderSparkmagicConfig,
  validateSparkmagicConfig
} from '../../src/core/sparkmagic/config';
import { IProfile } from '../../src/core/profile';
import { sampleProfile } from './sample-profile';

const PYTHON = path.resolve(__dirname, '../../.venv/bin/python');
const PROBE = path.join(__dirname, 'sparkmagic_probe.py');
const URL = 'https://livy-nlb.example.test:8998';

interface IKernelReport {
  credentials: { url: string; auth: string };
  class?: string;
  endpoint?: string;
  options?: Record<string, unknown>;
  error?: string;
}

interface IProbeReport {
  kerberos_auth_configuration: Record<string, unknown>;
  ignore_ssl_errors: boolean;
  requests_verify: unknown;
  session_configs: Record<string, unknown>;
  kernels: Record<'python' | 'scala' | 'r', IKernelReport>;
}

let dir: string;

beforeAll(() => {
  if (!fs.existsSync(PYTHON)) {
    throw new Error(
      `${PYTHON} is missing: create the project virtualenv with sparkmagic (scripts/setup.sh).`
    );
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkmagic-real-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `text` as config.json in a fresh directory and runs the probe on it. */
function probe(text: string, env: Record<string, string> = {}): IProbeReport {
  const confDir = fs.mkdtempSync(path.join(dir, 'conf-'));
  fs.writeFileSync(path.join(confDir, 'config.json'), text);
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env
  };
  delete childEnv.REQUESTS_CA_BUNDLE;
  delete childEnv.CURL_CA_BUNDLE;
  const result = spawnSync(PYTHON, [PROBE], {
    env: { ...childEnv, ...env, SPARKMAGIC_CONF_DIR: confDir, HOME: dir },
    encoding: 'utf8'
  });
  if (result.status !== 0) {
    throw new Error(`probe failed (${result.status}): ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

const DEFAULT_OPTIONS = {
  mutual_authentication: 1,
  service: 'HTTP',
  delegate: false,
  force_preemptive: false,
  principal: null,
  hostname_override: null,
  sanitize_mutual_error_response: true,
  send_cbt: true
};

function expectKerberosKernels(
  report: IProbeReport,
  options: Record<string, unknown>
): void {
  for (const lang of ['python', 'scala', 'r'] as const) {
    const kernel = report.kernels[lang];
    expect(kernel.error).toBeUndefined();
    expect(kernel.credentials).toMatchObject({ url: URL, auth: 'Kerberos' });
    expect(kernel.class).toBe('sparkmagic.auth.kerberos.Kerberos');
    expect(kernel.endpoint).toBe(URL);
    expect(kernel.options).toEqual(options);
  }
}

describe('sparkmagic reads the rendered config.json', () => {
  it('gives every kernel a Kerberos authenticator with the profile options and keeps other keys', () => {
    const existing = JSON.stringify({
      kernel_python_credentials: {
        username: 'u',
        password: 'p',
        url: 'http://old:8998',
        auth: 'Basic_Access'
      },
      session_configs: { driverMemory: '2g' },
      livy_session_startup_timeout_seconds: 120
    });
    const report = probe(renderSparkmagicConfig(sampleProfile(), existing));
    expectKerberosKernels(report, DEFAULT_OPTIONS);
    expect(report.kerberos_auth_configuration).toEqual({
      mutual_authentication: 1,
      service: 'HTTP'
    });
    expect(report.session_configs).toEqual({ driverMemory: '2g' });
    expect(report.ignore_ssl_errors).toBe(false);
  });

  it('passes non-default requests-kerberos options and the TLS settings through', () => {
    const profile: IProfile = sampleProfile({
      kerberosAuth: {
        mutual_authentication: 'DISABLED',
        service: 'HTTP',
        delegate: true,
        force_preemptive: true,
        hostname_override: 'livy-internal.ec2.internal',
        sanitize_mutual_error_response: false,
        send_cbt: false
      },
      tls: { caBundle: '/etc/pki/livy-ca.pem', ignoreSslErrors: false }
    });
    const { config } = mergeSparkmagicConfig(null, profile);
    // What the kernelspecs' env carries for a private CA (resolveTargets).
    const report = probe(JSON.stringify(config, null, 2) + '\n', {
      REQUESTS_CA_BUNDLE: profile.tls.caBundle
    });
    expectKerberosKernels(report, {
      mutual_authentication: 3,
      service: 'HTTP',
      delegate: true,
      force_preemptive: true,
      principal: null,
      hostname_override: 'livy-internal.ec2.internal',
      sanitize_mutual_error_response: false,
      send_cbt: false
    });
    // requests takes the bundle from the kernel environment (sparkmagic passes verify=True).
    expect(report.requests_verify).toBe('/etc/pki/livy-ca.pem');

    const insecure = sampleProfile({
      tls: { caBundle: '', ignoreSslErrors: true }
    });
    expect(
      probe(renderSparkmagicConfig(insecure, null)).ignore_ssl_errors
    ).toBe(true);
  });

  it('an unknown key in kerberos_auth_configuration makes the authenticator fail, and validation says so', () => {
    const config = JSON.parse(renderSparkmagicConfig(sampleProfile(), null));
    config.kerberos_auth_configuration.canonicalize_hostname = false;
    const report = probe(JSON.stringify(config));
    for (const lang of ['python', 'scala', 'r'] as const) {
      expect(report.kernels[lang].class).toBeUndefined();
      expect(report.kernels[lang].error).toMatch(
        /^TypeError: .*unexpected keyword argument 'canonicalize_hostname'/
      );
    }
    expect(validateSparkmagicConfig(config)).toEqual([
      expect.objectContaining({
        path: 'kerberos_auth_configuration/canonicalize_hostname',
        severity: 'error'
      })
    ]);
    // The merge removes the key again and the kernels start.
    expectKerberosKernels(
      probe(renderSparkmagicConfig(sampleProfile(), JSON.stringify(config))),
      DEFAULT_OPTIONS
    );
  });

  it('an authenticators map without Kerberos breaks the kernels until the merge adds it', () => {
    const broken = {
      authenticators: {
        kerberos_auth_configuration: { mutual_authentication: 1 }
      },
      kernel_python_credentials: { url: URL, auth: 'Kerberos' }
    };
    expect(probe(JSON.stringify(broken)).kernels.python.error).toBe(
      "BadUserConfigurationException: Auth 'Kerberos' not supported"
    );
    expectKerberosKernels(
      probe(renderSparkmagicConfig(sampleProfile(), JSON.stringify(broken))),
      DEFAULT_OPTIONS
    );
  });

  it('a string mutual_authentication reaches requests-kerberos unconverted', () => {
    const report = probe(
      JSON.stringify({
        kernel_python_credentials: { url: URL, auth: 'Kerberos' },
        kerberos_auth_configuration: { mutual_authentication: 'REQUIRED' }
      })
    );
    // requests-kerberos checks `in (REQUIRED, OPTIONAL)` against 1 and 2, so this disables the check.
    expect(report.kernels.python.options?.mutual_authentication).toBe(
      'REQUIRED'
    );
  });
});
