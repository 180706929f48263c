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

/** The last lines of a long text, for a detail field. */
export function tail(text: string, lines = 6): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
