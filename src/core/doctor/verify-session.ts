/**
 * Verify Spark's name for a session that did not become idle, when its log
 * names no more specific cause.
 */
import type { ErrorCode } from '../explain/codes';
import type { IExplanation } from '../explain/explain';
import { FIXES } from '../explain/fixes';
import { sessionReason, yarnState } from '../livy-session-log';

/**
 * A session that did not become idle, when its log names no more specific
 * cause: still waiting in YARN, not started within the bound, or ended.
 */
export function sessionFailure(
  why: IExplanation,
  state: string,
  lines: string[],
  limit: number
): IExplanation {
  if (why.code !== 'UNKNOWN') {
    return why;
  }
  const values = { realm: '', principal: '', nlb: '', spn: '' };
  const code: ErrorCode =
    state === 'starting' || state === 'not_started'
      ? yarnState(lines) === 'ACCEPTED'
        ? 'YARN_PENDING'
        : 'SESSION_START_TIMEOUT'
      : 'SESSION_DEAD';
  const detail = sessionReason(lines) || undefined;
  return {
    code,
    ...FIXES[code]({ ...values, state, detail, seconds: String(limit) })
  };
}
