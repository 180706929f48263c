/**
 * Constructors for report lines, so every check reads the same way.
 */
import { DoctorCode, IDoctorResult } from './types';

export function pass(id: string, title: string, detail: string): IDoctorResult {
  return { id, title, status: 'pass', detail, fix: '' };
}

export function warn(
  id: string,
  title: string,
  detail: string,
  fix: string,
  code?: DoctorCode
): IDoctorResult {
  return code
    ? { id, title, status: 'warn', code, detail, fix }
    : { id, title, status: 'warn', detail, fix };
}

export function fail(
  id: string,
  title: string,
  code: DoctorCode,
  detail: string,
  fix: string
): IDoctorResult {
  return { id, title, status: 'fail', code, detail, fix };
}

/** The most characters `tail` and `clip` keep: a detail is read, not scrolled. */
export const MAX_DETAIL = 2000;

/** The last lines of a long text, for a detail field (its end if still long). */
export function tail(text: string, lines = 6): string {
  const last = text.trim().split('\n').slice(-lines).join('\n');
  return last.length > MAX_DETAIL ? '…' + last.slice(-MAX_DETAIL) : last;
}

/** The start of a text chosen by a server, at most `max` characters. */
export function clip(text: string, max = MAX_DETAIL): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}
