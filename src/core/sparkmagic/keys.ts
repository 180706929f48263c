/**
 * What sparkmagic 0.23 and requests-kerberos 0.15 read, taken from their
 * sources (sparkmagic/utils/configuration.py, requests_kerberos/kerberos_.py).
 */
import { IKerberosAuthOptions, KernelKind } from '../profile';
import { trimTrailingSlashes } from '../trailing-slashes';

/** Top-level keys sparkmagic reads; each replaces its default as a whole. */
export const SPARKMAGIC_KEYS: readonly string[] = [
  'authenticators',
  'session_configs',
  'session_configs_defaults',
  'kernel_python_credentials',
  'kernel_python3_credentials',
  'kernel_scala_credentials',
  'kernel_r_credentials',
  'logging_config',
  'http_session_config',
  'events_handler_class',
  'wait_for_idle_timeout_seconds',
  'livy_session_startup_timeout_seconds',
  'fatal_error_suggestion',
  'resource_limit_mitigation_suggestion',
  'ignore_ssl_errors',
  'coerce_dataframe',
  'use_auto_viz',
  'default_maxrows',
  'default_samplemethod',
  'default_samplefraction',
  'pyspark_dataframe_encoding',
  'heartbeat_refresh_seconds',
  'heartbeat_retry_seconds',
  'livy_server_heartbeat_timeout_seconds',
  'server_extension_default_kernel_name',
  'custom_headers',
  'retry_policy',
  'retry_seconds_to_sleep_list',
  'configurable_retry_policy_max_retries',
  'shutdown_session_on_spark_statement_errors',
  'all_errors_are_fatal',
  'cleanup_all_sessions_on_exit',
  'kerberos_auth_configuration'
];

export const KERBEROS_AUTH = 'Kerberos';
export const KERBEROS_AUTHENTICATOR = 'sparkmagic.auth.kerberos.Kerberos';

export function credentialsKey(kernel: KernelKind | 'python3'): string {
  return `kernel_${kernel}_credentials`;
}

export const CREDENTIAL_KERNELS: readonly (KernelKind | 'python3')[] = [
  'python',
  'python3',
  'scala',
  'r'
];

/**
 * Keyword arguments of `HTTPKerberosAuth.__init__` with their defaults;
 * sparkmagic passes `kerberos_auth_configuration` as `**kwargs`, so any
 * other key is a TypeError when the kernel creates its session.
 */
export const KERBEROS_AUTH_DEFAULTS: Readonly<Record<string, unknown>> = {
  mutual_authentication: 1,
  service: 'HTTP',
  delegate: false,
  force_preemptive: false,
  principal: null,
  hostname_override: null,
  sanitize_mutual_error_response: true,
  send_cbt: true,
  password: null
};

/** requests-kerberos compares these numbers; a string silently skips the check. */
export const MUTUAL_AUTHENTICATION: Readonly<Record<string, number>> = {
  REQUIRED: 1,
  OPTIONAL: 2,
  DISABLED: 3
};

/**
 * The `kerberos_auth_configuration` for the profile's options. Only values
 * that differ from requests-kerberos defaults are written (besides
 * `mutual_authentication` and `service`), so older requests-kerberos
 * releases without e.g. `send_cbt` still accept the file.
 */
export function kerberosAuthConfiguration(
  options: IKerberosAuthOptions
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    mutual_authentication: MUTUAL_AUTHENTICATION[options.mutual_authentication],
    service: options.service
  };
  const values: Record<string, unknown> = {
    delegate: options.delegate,
    force_preemptive: options.force_preemptive,
    hostname_override:
      options.hostname_override === '' ? null : options.hostname_override,
    sanitize_mutual_error_response: options.sanitize_mutual_error_response,
    send_cbt: options.send_cbt
  };
  for (const key of Object.keys(values)) {
    if (values[key] !== KERBEROS_AUTH_DEFAULTS[key]) {
      out[key] = values[key];
    }
  }
  return out;
}

/** The Livy URL as written: sparkmagic strips trailing slashes itself. */
export function configUrl(livyUrl: string): string {
  return trimTrailingSlashes(livyUrl);
}
