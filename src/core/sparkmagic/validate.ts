/**
 * Checks a Sparkmagic config.json as sparkmagic and requests-kerberos will
 * read it; the doctor shows these problems, the merge passes them on as
 * warnings.
 */
import { IProfile } from '../profile';
import {
  CREDENTIAL_KERNELS,
  KERBEROS_AUTH,
  KERBEROS_AUTH_DEFAULTS,
  SPARKMAGIC_KEYS,
  configUrl,
  credentialsKey,
  kerberosAuthConfiguration
} from './keys';
import { checkSessionKeys } from './session-validate';

export interface IConfigProblem {
  /** Key path in the file, e.g. `kerberos_auth_configuration/foo`. */
  path: string;
  severity: 'error' | 'warning';
  message: string;
}

type Json = Record<string, unknown>;

const DEFAULT_AUTHENTICATORS = ['Kerberos', 'None', 'Basic_Access'];

const HINTS: Record<string, string> = {
  max_results_sql:
    ' (the example config has it, but the setting is default_maxrows)'
};

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Every problem found; an empty list means sparkmagic will use it as intended. */
export function validateSparkmagicConfig(
  config: unknown,
  profile?: IProfile
): IConfigProblem[] {
  const problems: IConfigProblem[] = [];
  const error = (path: string, message: string) =>
    problems.push({ path, severity: 'error', message });
  const warning = (path: string, message: string) =>
    problems.push({ path, severity: 'warning', message });

  if (!isObject(config)) {
    error('', 'The Sparkmagic configuration must be a JSON object ({ … }).');
    return problems;
  }
  for (const key of Object.keys(config)) {
    if (SPARKMAGIC_KEYS.indexOf(key) !== -1) {
      continue;
    }
    if (key in KERBEROS_AUTH_DEFAULTS) {
      error(
        key,
        `'${key}' belongs inside kerberos_auth_configuration; at the top level sparkmagic ignores it.`
      );
    } else {
      warning(key, `Sparkmagic does not read '${key}'${HINTS[key] ?? ''}.`);
    }
  }
  const authNames = checkAuthenticators(config.authenticators, error);
  checkCredentials(config, authNames, profile, error);
  checkKerberosAuth(
    config.kerberos_auth_configuration,
    profile,
    error,
    warning
  );
  checkSessionKeys(config, profile, error, warning);

  const ignore = config.ignore_ssl_errors;
  if (ignore !== undefined && typeof ignore !== 'boolean') {
    error('ignore_ssl_errors', 'ignore_ssl_errors must be true or false.');
  } else if (ignore === true) {
    (profile && !profile.tls.ignoreSslErrors ? error : warning)(
      'ignore_ssl_errors',
      'Certificate checks for Livy are off (ignore_ssl_errors): anyone on the network path can pose as Livy and receive your session.'
    );
  }
  return problems;
}

/** The auth names sparkmagic will know. */
function checkAuthenticators(
  value: unknown,
  error: (path: string, message: string) => void
): string[] {
  if (value === undefined) {
    return DEFAULT_AUTHENTICATORS;
  }
  if (!isObject(value)) {
    error(
      'authenticators',
      'authenticators must be an object mapping auth names to classes.'
    );
    return [];
  }
  if (isObject(value.kerberos_auth_configuration)) {
    error(
      'authenticators/kerberos_auth_configuration',
      'kerberos_auth_configuration is inside authenticators, where sparkmagic ignores it: it must be a top-level key.'
    );
  }
  for (const name of Object.keys(value)) {
    const cls = value[name];
    if (
      name !== 'kerberos_auth_configuration' &&
      (typeof cls !== 'string' || !/^\w+(\.\w+)+$/.test(cls))
    ) {
      error(
        `authenticators/${name}`,
        `authenticators.${name} must name a class, e.g. "sparkmagic.auth.kerberos.Kerberos".`
      );
    }
  }
  return Object.keys(value);
}

function checkCredentials(
  config: Json,
  authNames: string[],
  profile: IProfile | undefined,
  error: (path: string, message: string) => void
): void {
  for (const kernel of CREDENTIAL_KERNELS) {
    const key = credentialsKey(kernel);
    const creds = config[key];
    const wanted =
      profile !== undefined &&
      (kernel === 'python3'
        ? creds !== undefined && profile.kernels.includes('python')
        : profile.kernels.includes(kernel));
    if (creds === undefined) {
      if (wanted) {
        error(
          key,
          `${key} is missing: that kernel would use http://localhost:8998 without authentication.`
        );
      }
      continue;
    }
    if (!isObject(creds)) {
      error(key, `${key} must be an object with url and auth.`);
      continue;
    }
    const auth = creds.auth ?? null;
    if (wanted && auth !== KERBEROS_AUTH) {
      error(
        `${key}/auth`,
        `${key}.auth is ${show(auth)}; it must be "Kerberos" (sparkmagic never picks Kerberos by itself).`
      );
    } else if (
      auth !== null &&
      (typeof auth !== 'string' ||
        (auth !== 'None' && !authNames.includes(auth)))
    ) {
      error(
        `${key}/auth`,
        `${key}.auth ${show(auth)} is not one of the authenticators (${authNames.join(', ')}): the kernel fails with "Auth not supported".`
      );
    }
    if (typeof creds.url !== 'string' || creds.url === '') {
      error(`${key}/url`, `${key}.url must be the Livy URL.`);
    } else if (wanted && configUrl(creds.url) !== configUrl(profile.livyUrl)) {
      error(
        `${key}/url`,
        `${key}.url is ${creds.url}, but the profile's Livy URL is ${configUrl(profile.livyUrl)}.`
      );
    }
  }
}

function checkKerberosAuth(
  value: unknown,
  profile: IProfile | undefined,
  error: (path: string, message: string) => void,
  warning: (path: string, message: string) => void
): void {
  const base = 'kerberos_auth_configuration';
  if (value === undefined) {
    if (profile) {
      error(
        base,
        `${base} is missing: sparkmagic then uses only mutual_authentication REQUIRED, not the profile's options.`
      );
    }
    return;
  }
  if (!isObject(value)) {
    error(base, `${base} must be an object.`);
    return;
  }
  const flagged = new Set<string>();
  const bad = (path: string, message: string) => {
    flagged.add(path);
    error(path, message);
  };
  for (const key of Object.keys(value)) {
    const v = value[key];
    const path = `${base}/${key}`;
    if (!(key in KERBEROS_AUTH_DEFAULTS)) {
      bad(
        path,
        `requests-kerberos does not accept '${key}': the kernel fails with a TypeError as it starts. Accepted: ${Object.keys(KERBEROS_AUTH_DEFAULTS).join(', ')}.`
      );
    } else if (
      key === 'mutual_authentication' &&
      v !== 1 &&
      v !== 2 &&
      v !== 3
    ) {
      bad(
        path,
        `mutual_authentication must be 1 (REQUIRED), 2 (OPTIONAL) or 3 (DISABLED), not ${show(v)}: requests-kerberos compares numbers, so a string silently skips the mutual authentication check.`
      );
    } else if (
      typeof KERBEROS_AUTH_DEFAULTS[key] === 'boolean' &&
      typeof v !== 'boolean'
    ) {
      bad(path, `${key} must be true or false.`);
    } else if (key === 'service' && (typeof v !== 'string' || v === '')) {
      bad(
        path,
        'service must be the service name of the Livy principal, usually "HTTP".'
      );
    } else if (
      KERBEROS_AUTH_DEFAULTS[key] === null &&
      v !== null &&
      typeof v !== 'string'
    ) {
      bad(path, `${key} must be text or null.`);
    } else if (key === 'password' && v !== null) {
      warning(
        path,
        'A password is stored in clear text in the Sparkmagic configuration; sign in with kinit instead.'
      );
    }
  }
  if (profile) {
    const expected = kerberosAuthConfiguration(profile.kerberosAuth);
    for (const key of Object.keys(profile.kerberosAuth)) {
      const want =
        key in expected ? expected[key] : KERBEROS_AUTH_DEFAULTS[key];
      const actual = key in value ? value[key] : KERBEROS_AUTH_DEFAULTS[key];
      if (actual !== want && !flagged.has(`${base}/${key}`)) {
        error(
          `${base}/${key}`,
          `${key} is ${show(actual)}, but the profile sets ${show(want)}.`
        );
      }
    }
  }
}
