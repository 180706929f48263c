/**
 * Timestamps as klist prints them under `LC_ALL=C TZ=UTC` (local time = UTC, no zone).
 *
 * MIT (krb5_timestamp_to_sfstring) takes the first strftime format that fits 19
 * characters: in the C locale `%x %X` = `11/24/26 09:14:42` (MM/DD/YY). A
 * 4-digit-year `%x` and the ISO fallbacks are accepted too. Heimdal prints
 * ctime() without the weekday: `Nov 24 09:09:40 2026`, day padded with a space.
 */

/** One MIT timestamp (no anchors, no groups: it is embedded in line patterns). */
export const MIT_TIME =
  '\\d{1,2}/\\d{1,2}/\\d{2}(?:\\d{2})? \\d{1,2}:\\d{2}(?::\\d{2})?' +
  '|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2})?';

/** One Heimdal timestamp. */
export const HEIMDAL_TIME =
  '[A-Z][a-z]{2} [ \\d]?\\d \\d{1,2}:\\d{2}:\\d{2} \\d{4}';

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec'
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The instant in epoch milliseconds, or null when the fields are no real date. */
function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number
): number | null {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  if (
    !Number.isFinite(ms) ||
    d.getUTCFullYear() !== year ||
    d.getUTCMonth() !== month - 1 ||
    d.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  ) {
    return null;
  }
  return ms;
}

/** `YYYY-MM-DDTHH:MM:SSZ`: how the command line's JSON and the doctor write a ticket time. */
export function isoUtc(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`
  );
}

/** strftime's %y: 69–99 are 19xx, 00–68 are 20xx (the POSIX strptime rule). */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) {
    return y;
  }
  return y >= 69 ? 1900 + y : 2000 + y;
}

/** Parses one MIT timestamp; null if it is not one. */
export function parseMitTime(text: string): number | null {
  const s = text.trim();
  let m =
    /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(
      s
    );
  if (m) {
    return utcMs(fullYear(m[3]), +m[1], +m[2], +m[4], +m[5], +(m[6] ?? 0));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    return utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
  }
  return null;
}

/** Parses one Heimdal timestamp; null if it is not one. */
export function parseHeimdalTime(text: string): number | null {
  const m =
    /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (\d{4})$/.exec(
      text.trim()
    );
  if (!m) {
    return null;
  }
  const month = MONTHS.indexOf(m[1]) + 1;
  if (month === 0) {
    return null;
  }
  return utcMs(+m[6], month, +m[2], +m[3], +m[4], +m[5]);
}

/** klist's own rule: a ticket is valid while its end time is after now. */
export function isExpired(expires: number | null, now: Date): boolean {
  return expires === null || expires <= now.getTime();
}
