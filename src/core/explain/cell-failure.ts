/**
 * A Sparkmagic cell's failure, read from the notebook's own outputs: which
 * outputs can hold one, their text, which codes are Spark session failures
 * the panel acts on, and the one action that makes the next cell work.
 */
import type { ErrorCode } from './codes';

/** The output fields read (nbformat 4 outputs). */
export interface ICellOutput {
  output_type?: unknown;
  name?: unknown;
  text?: unknown;
  traceback?: unknown;
}

/** The codes of a cell whose Spark session failed. */
export const SESSION_CODES: readonly ErrorCode[] = [
  'SESSION_START_TIMEOUT',
  'SESSION_GONE',
  'SESSION_DEAD',
  'YARN_PENDING',
  'HDFS_HOME_MISSING'
];

/**
 * `timeout`: raise the profile's start-up timeout, apply, restart the
 * kernel (Sparkmagic keeps its fatal error until then); `restart`: a new
 * session; `none`: the fix is on the cluster.
 */
export type Remedy = 'timeout' | 'restart' | 'none';

export function remedyOf(code: ErrorCode): Remedy {
  switch (code) {
    case 'SESSION_START_TIMEOUT':
    case 'YARN_PENDING':
      return 'timeout';
    case 'SESSION_GONE':
    case 'SESSION_DEAD':
      return 'restart';
    default:
      return 'none';
  }
}

/** The profile's ceiling for the start-up timeout (schema maximum). */
const MAX_TIMEOUT = 86400;

/** The raised start-up timeout: at least 300 s, else twice the current one. */
export function raisedTimeout(current: number): number {
  return Math.min(MAX_TIMEOUT, Math.max(300, current * 2));
}

/** Longest text read from one cell: Sparkmagic's messages and a log's tail fit. */
export const CELL_TEXT_CHARS = 64 * 1024;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function joined(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return Array.isArray(value)
    ? value.filter(v => typeof v === 'string').join('')
    : '';
}

/**
 * What a failure says: the cell's stderr streams and error tracebacks (where
 * Sparkmagic writes its errors), without colours; '' when it has none.
 */
export function failureText(outputs: readonly ICellOutput[]): string {
  const parts: string[] = [];
  for (const o of outputs) {
    if (o.output_type === 'stream' && o.name === 'stderr') {
      parts.push(joined(o.text));
    } else if (o.output_type === 'error' && Array.isArray(o.traceback)) {
      parts.push(joined(o.traceback.map(String).join('\n')));
    }
  }
  const text = parts.join('\n').replace(ANSI, '');
  return text.length > CELL_TEXT_CHARS ? text.slice(-CELL_TEXT_CHARS) : text;
}
