/**
 * What a Livy session's log says about its start: Livy's log of a YARN
 * session is spark-submit's output (`stdout: `, `\nstderr: ` blocks) and then
 * the ResourceManager's diagnostics (`\nYARN Diagnostics: `); the last Spark
 * client report names the application's YARN state.
 */

const DIAGNOSTICS = 'YARN Diagnostics:';
/** Spark's YARN client: `Application report for application_… (state: ACCEPTED)`. */
const REPORT =
  /Application report for (application_\d+_\d+) \(state: ([A-Z_]+)\)/g;
/** A line naming an exception, from its name on (no logger prefix). */
const EXCEPTION = /(?:^|\s)([\w$.]*(?:Exception|Error)\b:?[^\n]*)/;
/** Else a logger's error line. */
const ERROR_LINE = /\bERROR\b[^\n]*/;

/** Longest reason shown on one line. */
export const REASON_CHARS = 300;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_CHARS
    ? flat.slice(0, REASON_CHARS - 1) + '…'
    : flat;
}

/** The ResourceManager's diagnostics in the log, '' when it has none. */
export function yarnDiagnostics(lines: readonly string[]): string {
  const at = lines.findIndex(l => l.trim() === DIAGNOSTICS);
  if (at < 0) {
    return '';
  }
  return oneLine(lines.slice(at + 1).join(' '));
}

/** The last YARN state Spark's client reported, '' when none. */
export function yarnState(lines: readonly string[]): string {
  let state = '';
  for (const line of lines) {
    for (const m of line.matchAll(REPORT)) {
      state = m[2];
    }
  }
  return state;
}

/** spark-submit's own failure, before any YARN application. */
const SUBMIT_FAILED = /Exception in thread "[^"]*" (\S[^\n]*)/;

/**
 * One line saying why a session failed: spark-submit's exception (Livy's
 * diagnostics then only say "spark-submit start failed"), else YARN's
 * diagnostics, else the last line naming an exception or error, else ''.
 */
export function sessionReason(lines: readonly string[]): string {
  for (const line of lines) {
    const m = SUBMIT_FAILED.exec(line);
    if (m) {
      return oneLine(m[1]);
    }
  }
  const diagnostics = yarnDiagnostics(lines);
  if (diagnostics) {
    return diagnostics;
  }
  for (const pattern of [EXCEPTION, ERROR_LINE]) {
    for (let i = lines.length - 1; i >= 0; i--) {
      const m = pattern.exec(lines[i]);
      if (m) {
        return oneLine(m[1] ?? m[0]);
      }
    }
  }
  return '';
}
