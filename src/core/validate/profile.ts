/**
 * Profile validation: one message per wrong field, keyed by a JSON-pointer
 * style path (`kdcs/0`, `kerberosAuth/service`) so the panel can show it next
 * to the field and the CLI can print it.
 */
import { IProfile } from '../profile';
import {
  validateHostName,
  validateHostPort,
  validateLivyUrl,
  validatePrincipal,
  validateRealm,
  validateServiceName
} from './names';
import {
  MAX_TEXT_LENGTH,
  TOO_LONG,
  hasControlCharacter,
  validateDuration,
  validateKeytabPath,
  validatePath
} from './values';
import { validateSessionSettings } from './session';

export * from './names';
export * from './values';

export interface IValidationError {
  /** Field path, e.g. `realm`, `kdcs/0`, `tls/caBundle`. */
  path: string;
  message: string;
}

/** A profile that cannot be used for what was asked; `errors` says why. */
export class InvalidProfileError extends Error {
  constructor(readonly errors: IValidationError[]) {
    super(
      'The profile is not valid:\n' +
        errors.map(e => `  ${e.path}: ${e.message}`).join('\n')
    );
    this.name = 'InvalidProfileError';
  }
}

const ENUMS: Record<string, readonly unknown[]> = {
  ticketMode: ['service', 'tgt'],
  signIn: ['password', 'keytab'],
  'kerberosAuth/mutual_authentication': ['REQUIRED', 'OPTIONAL', 'DISABLED'],
  'files/krb5Target': ['auto', 'system', 'dropin', 'user']
};

const BOOLEANS = [
  'kerberosAuth/delegate',
  'kerberosAuth/force_preemptive',
  'kerberosAuth/sanitize_mutual_error_response',
  'kerberosAuth/send_cbt',
  'tls/ignoreSslErrors'
];

const KERNELS = ['python', 'scala', 'r'];

/** The schema's `maxItems` of `kdcs`. */
export const MAX_KDCS = 32;

/** Text fields: path → check of a non-empty value ('' allowed when `optional`). */
const TEXT: [string, boolean, (v: string, p: IProfile) => string | null][] = [
  [
    'name',
    false,
    v =>
      hasControlCharacter(v)
        ? 'A name cannot contain control characters.'
        : null
  ],
  ['realm', false, validateRealm],
  ['adminServer', true, v => validateHostPort(v)],
  [
    'livyUrl',
    false,
    (v, p) => validateLivyUrl(v, str(p.kerberosAuth?.hostname_override))
  ],
  ['clusterDomain', true, v => validateHostName(v.replace(/^\./, ''))],
  ['principal', false, validatePrincipal],
  ['lifetime', false, validateDuration],
  ['renewLifetime', true, validateDuration],
  ['kerberosAuth/service', false, validateServiceName],
  [
    'kerberosAuth/hostname_override',
    true,
    v => validateHostName(v, { spn: true })
  ],
  ['tls/caBundle', true, v => validatePath(v, { home: false })],
  ['files/userKrb5Conf', false, v => validatePath(v)],
  ['files/dropinDir', false, v => validatePath(v, { home: false })],
  ['files/sparkmagicConfig', true, v => validatePath(v)]
];

const EMPTY_MESSAGES: Record<string, string> = {
  name: 'Give the profile a name.',
  realm: validateRealm('') as string,
  livyUrl: validateLivyUrl('') as string,
  principal: validatePrincipal('') as string,
  lifetime: validateDuration('') as string,
  'kerberosAuth/service': validateServiceName('') as string
};

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function get(profile: IProfile, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>(
      (o, key) =>
        o !== null && typeof o === 'object'
          ? (o as Record<string, unknown>)[key]
          : undefined,
      profile
    );
}

/**
 * The last validation of each profile object with the text it was made
 * from: apply, sign-in and the renderers each guard their input, and a
 * profile that has not changed is checked once.
 */
const checked = new WeakMap<
  IProfile,
  { text: string; errors: IValidationError[] }
>();

/** Every problem in a profile (an empty list means it is usable). */
export function validateProfile(profile: IProfile): IValidationError[] {
  if (typeof profile !== 'object' || profile === null) {
    return findProblems(profile);
  }
  const text = JSON.stringify(profile);
  const known = checked.get(profile);
  if (known?.text === text) {
    return [...known.errors];
  }
  const errors = findProblems(profile);
  checked.set(profile, { text, errors });
  return [...errors];
}

function findProblems(profile: IProfile): IValidationError[] {
  const errors: IValidationError[] = [];
  const add = (path: string, message: string | null) => {
    if (message) {
      errors.push({ path, message });
    }
  };
  for (const [path, optional, check] of TEXT) {
    const value = get(profile, path);
    if (typeof value !== 'string') {
      add(path, 'Must be text.');
    } else if (value === '') {
      add(path, optional ? null : (EMPTY_MESSAGES[path] ?? 'Enter a path.'));
    } else if (value.length > MAX_TEXT_LENGTH) {
      add(path, TOO_LONG);
    } else {
      add(path, check(value, profile));
    }
  }
  for (const path of Object.keys(ENUMS)) {
    const allowed = ENUMS[path];
    if (!allowed.includes(get(profile, path))) {
      add(path, `Must be one of ${allowed.join(', ')}.`);
    }
  }
  for (const path of BOOLEANS) {
    if (typeof get(profile, path) !== 'boolean') {
      add(path, 'Must be true or false.');
    }
  }
  validateKdcs(profile.kdcs, add);
  validateKernels(profile.kernels, add);
  validateSessionSettings(profile.session, add);
  if (
    typeof profile.keytab === 'string' &&
    profile.keytab.length > MAX_TEXT_LENGTH
  ) {
    add('keytab', TOO_LONG);
  } else if (profile.signIn === 'keytab') {
    add('keytab', validateKeytabPath(str(profile.keytab)));
  } else if (typeof profile.keytab !== 'string') {
    add('keytab', 'Must be text.');
  } else if (profile.keytab !== '') {
    add('keytab', validateKeytabPath(profile.keytab));
  }
  return errors;
}

function validateKdcs(
  kdcs: unknown,
  add: (path: string, message: string | null) => void
): void {
  if (!Array.isArray(kdcs) || kdcs.length === 0) {
    add(
      'kdcs',
      'Add at least one KDC (host or host:port, e.g. kdc.example.com:88).'
    );
    return;
  }
  if (kdcs.length > MAX_KDCS) {
    add('kdcs', `List at most ${MAX_KDCS} KDCs.`);
    return;
  }
  const seen = new Set<string>();
  kdcs.forEach((kdc, i) => {
    if (typeof kdc !== 'string' || kdc === '') {
      add(`kdcs/${i}`, 'Enter a KDC host or host:port.');
    } else if (kdc.length > MAX_TEXT_LENGTH) {
      add(`kdcs/${i}`, TOO_LONG);
    } else if (seen.has(kdc)) {
      add(`kdcs/${i}`, `'${kdc}' is listed twice.`);
    } else {
      seen.add(kdc);
      add(`kdcs/${i}`, validateHostPort(kdc));
    }
  });
}

function validateKernels(
  kernels: unknown,
  add: (path: string, message: string | null) => void
): void {
  if (!Array.isArray(kernels) || kernels.length === 0) {
    add('kernels', 'Choose at least one Sparkmagic kernel (python, scala, r).');
    return;
  }
  kernels.forEach((kernel, i) => {
    if (!KERNELS.includes(kernel)) {
      add(`kernels/${i}`, `Must be one of ${KERNELS.join(', ')}.`);
    } else if (kernels.indexOf(kernel) !== i) {
      add(`kernels/${i}`, `'${kernel}' is listed twice.`);
    }
  });
}

/**
 * Throws InvalidProfileError when a field under one of `prefixes` (or any
 * field, without prefixes) is wrong.
 */
export function assertValidProfile(
  profile: IProfile,
  prefixes?: readonly string[]
): void {
  const errors = validateProfile(profile).filter(
    e =>
      !prefixes ||
      prefixes.some(p => e.path === p || e.path.startsWith(p + '/'))
  );
  if (errors.length > 0) {
    throw new InvalidProfileError(errors);
  }
}
