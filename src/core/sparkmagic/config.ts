/**
 * Sparkmagic config.json: merge a profile into the existing file and render
 * it. We own the credentials of the profile's kernels (url, auth),
 * `kerberos_auth_configuration`, `ignore_ssl_errors`, the start-up timeout and
 * heartbeat keys, and the session defaults the profile sets; every other key,
 * and unknown keys inside the credentials and session defaults, are kept.
 */
import { parseJsonText } from '../json-text';
import { IProfile, KernelKind } from '../profile';
import {
  KERBEROS_AUTH,
  KERBEROS_AUTHENTICATOR,
  KERBEROS_AUTH_DEFAULTS,
  configUrl,
  credentialsKey,
  kerberosAuthConfiguration
} from './keys';
import { mergeSessionSettings } from './session-settings';
import { isObject, validateSparkmagicConfig } from './validate';
import { assertValidProfile } from '../validate/profile';

export type { IConfigProblem } from './validate';
export { validateSparkmagicConfig } from './validate';

/** The existing configuration cannot be used; nothing may be written. */
export class SparkmagicConfigError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null
  ) {
    super(message);
    this.name = 'SparkmagicConfigError';
  }
}

export interface ISparkmagicMerge {
  config: Record<string, unknown>;
  /** Things the user should know: removed secrets, keys sparkmagic ignores, TLS. */
  warnings: string[];
}

/** Parses existing file text; null or blank text is an empty configuration. */
export function parseSparkmagicConfig(
  text: string | null
): Record<string, unknown> | null {
  if (text === null) {
    return null;
  }
  // A BOM makes Python's json.loads fail; dropping it repairs the file.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return {};
  }
  const parsed = parseJsonText(body);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new SparkmagicConfigError(
      `The Sparkmagic configuration is not valid JSON (line ${line}, column ${column}: ${message}). ` +
        'Fix or move the file; nothing was written.',
      line,
      column
    );
  }
  if (!isObject(parsed.value)) {
    throw new SparkmagicConfigError(
      'The Sparkmagic configuration must be a JSON object ({ … }); nothing was written.'
    );
  }
  return parsed.value;
}

/** The profile merged into `existing` (which is not modified). */
export function mergeSparkmagicConfig(
  existing: object | null,
  profile: IProfile
): ISparkmagicMerge {
  assertValidProfile(profile, [
    'livyUrl',
    'kernels',
    'kerberosAuth',
    'tls',
    'session'
  ]);
  if (existing !== null && !isObject(existing)) {
    throw new SparkmagicConfigError(
      'The Sparkmagic configuration must be a JSON object ({ … }); nothing was written.'
    );
  }
  const config: Record<string, unknown> = existing
    ? JSON.parse(JSON.stringify(existing))
    : {};
  const warnings: string[] = [];

  const kernels: (KernelKind | 'python3')[] = [...profile.kernels];
  if (
    profile.kernels.includes('python') &&
    'kernel_python3_credentials' in config
  ) {
    kernels.push('python3');
  }
  for (const kernel of kernels) {
    const key = credentialsKey(kernel);
    const before = config[key];
    const creds = isObject(before) ? before : {};
    for (const secret of ['password', 'base64_password']) {
      if (typeof creds[secret] === 'string' && creds[secret] !== '') {
        warnings.push(
          `Removed the password stored in ${key}: Kerberos does not use it.`
        );
      }
      delete creds[secret];
    }
    delete creds.username;
    creds.url = configUrl(profile.livyUrl);
    creds.auth = KERBEROS_AUTH;
    config[key] = creds;
  }

  const previous = config.kerberos_auth_configuration;
  if (isObject(previous)) {
    for (const key of Object.keys(previous)) {
      if (key === 'password' && previous.password) {
        warnings.push(
          'Removed the password stored in kerberos_auth_configuration; sign in with kinit instead.'
        );
      } else if (key === 'principal') {
        warnings.push(
          'Removed kerberos_auth_configuration.principal: the signed-in principal of the ticket cache is used.'
        );
      } else if (!(key in KERBEROS_AUTH_DEFAULTS)) {
        warnings.push(
          `Removed kerberos_auth_configuration.${key}: requests-kerberos does not accept it and the kernel would fail to start.`
        );
      }
    }
  }
  config.kerberos_auth_configuration = kerberosAuthConfiguration(
    profile.kerberosAuth
  );

  // An authenticators map replaces sparkmagic's own; ours needs Kerberos in it.
  const authenticators = config.authenticators;
  if (isObject(authenticators) && authenticators[KERBEROS_AUTH] === undefined) {
    authenticators[KERBEROS_AUTH] = KERBEROS_AUTHENTICATOR;
    warnings.push(
      "Added Kerberos to authenticators (the existing list replaced sparkmagic's own and lacked it)."
    );
  }

  if (profile.tls.ignoreSslErrors) {
    config.ignore_ssl_errors = true;
  } else {
    if (config.ignore_ssl_errors === true) {
      warnings.push(
        'Turned certificate checks for Livy back on (ignore_ssl_errors was true).'
      );
    }
    delete config.ignore_ssl_errors;
  }
  if (profile.tls.caBundle !== '' && profile.tls.ignoreSslErrors) {
    warnings.push('The CA bundle is not used while ignore_ssl_errors is on.');
  }

  mergeSessionSettings(config, profile.session);

  for (const problem of validateSparkmagicConfig(config, profile)) {
    if (warnings.indexOf(problem.message) === -1) {
      warnings.push(problem.message);
    }
  }
  return { config, warnings };
}

/** The merged file text: 2-space JSON with a trailing newline. */
export function renderSparkmagicConfig(
  profile: IProfile,
  existing: string | null
): string {
  return sparkmagicConfigText(
    mergeSparkmagicConfig(parseSparkmagicConfig(existing), profile).config
  );
}

/** The file text of a merged config: two-space JSON and a final newline. */
export function sparkmagicConfigText(config: object): string {
  return JSON.stringify(config, null, 2) + '\n';
}
