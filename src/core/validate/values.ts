/**
 * Validators for file paths and kinit durations. Each returns a message for
 * the user, or null when the value is fine.
 */

/** The schema's `maxLength` of every text field: the longest path (PATH_MAX). */
export const MAX_TEXT_LENGTH = 4096;

export const TOO_LONG = `At most ${MAX_TEXT_LENGTH} characters.`;

/** True when `s` has a C0 control character or DEL (tab and newline included). */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }
  return false;
}

export interface IPathOptions {
  /** Accept `~/…` (the user's home, expanded by the shell). */
  home?: boolean;
}

export function validatePath(
  path: string,
  options: IPathOptions = { home: true }
): string | null {
  if (path === '') {
    return 'Enter a path.';
  }
  if (/[\n\r]/.test(path) || path.indexOf('\0') !== -1) {
    return 'A path cannot contain line breaks or NUL characters.';
  }
  if (hasControlCharacter(path)) {
    return 'A path cannot contain control characters.';
  }
  if (path.startsWith('/')) {
    return null;
  }
  if (options.home && path.startsWith('~/') && path.length > 2) {
    return null;
  }
  return options.home
    ? `'${path}' must be absolute (/…) or in your home directory (~/…).`
    : `'${path}' must be an absolute path (/…).`;
}

export function validateKeytabPath(path: string): string | null {
  if (path === '') {
    return 'Enter the path of your keytab file, e.g. ~/alice.keytab.';
  }
  const problem = validatePath(path);
  if (problem) {
    return problem;
  }
  return path.endsWith('/')
    ? `'${path}' is a directory; name the keytab file itself.`
    : null;
}

/** kinit's upper bound: durations are signed 32-bit seconds. */
const MAX_SECONDS = 2147483647;

const UNITS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** Seconds in a duration of the accepted forms, or null (no range check). */
function durationSeconds(value: string): number | null {
  const v = value.toLowerCase();
  if (/^\d+$/.test(v)) {
    return Number(v);
  }
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(v);
  if (clock) {
    return (
      Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)
    );
  }
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
  if (!m || v === '') {
    return null;
  }
  return ['d', 'h', 'm', 's'].reduce(
    (sum, unit, i) => sum + Number(m[i + 1] ?? 0) * UNITS[unit],
    0
  );
}

/**
 * Why `value` is not a kinit duration, or null. Accepts the forms MIT
 * `kinit -l` and `-r` read (`krb5_string_to_deltat`): plain seconds
 * (`36000`), units in order (`7d`, `10h`, `1h30m`, `1d2h3m4s`) and
 * `h:mm[:ss]`.
 */
export function validateDuration(value: string): string | null {
  if (value === '') {
    return 'Enter a duration, e.g. 10h, 7d or 1h30m.';
  }
  const seconds = durationSeconds(value);
  if (seconds === null) {
    return `'${value}' is not a kinit duration: write e.g. 10h, 7d, 1h30m, 1d2h, 90m, 3600 (seconds) or 1:30 (h:mm).`;
  }
  if (seconds === 0) {
    return 'A duration must be longer than zero.';
  }
  return seconds > MAX_SECONDS
    ? 'A duration can be at most 24855 days (kinit counts seconds in 32 bits).'
    : null;
}
