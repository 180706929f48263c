/**
 * Spark session failures as Sparkmagic and Livy word them (sparkmagic 0.23
 * livysession.py, Livy 0.9 SessionServlet and InteractiveSession, YARN's
 * scheduler diagnostics). YARN_PENDING and SESSION_START_TIMEOUT come after
 * the cluster-side causes; SESSION_DEAD and SESSION_GONE after the Kerberos
 * ones, so a log naming a more specific cause names that.
 */
import { sessionReason } from '../livy-session-log';
import type { IPattern } from './patterns';
import type { IRule } from './rules';

/** `Session 0 unexpectedly reached final status 'dead'. See logs:` and the reason in them. */
const FINAL_STATUS =
  /Session \d+ unexpectedly reached final status '(?<state>[a-z_]+)'\./;

const deadSession: IPattern = {
  exec(text) {
    const m = FINAL_STATUS.exec(text);
    if (!m?.groups) {
      return null;
    }
    const after = text.slice(m.index + m[0].length).split('\n');
    const detail = sessionReason(after);
    return { groups: { state: m.groups.state, ...(detail ? { detail } : {}) } };
  }
};

export const PENDING_RULES: IRule[] = [
  {
    code: 'YARN_PENDING',
    patterns: [
      /waiting for resources to be assigned for AM/,
      /Queue's AM resource limit exceeded/,
      /waiting for AM container to be allocated/
    ]
  },
  {
    code: 'SESSION_START_TIMEOUT',
    patterns: [
      /Session \d+ did not start up in (?<seconds>\d+) seconds/,
      /Session \d+ did not reach idle status in time/
    ]
  }
];

export const LOST_RULES: IRule[] = [
  { code: 'SESSION_DEAD', patterns: [deadSession] },
  {
    code: 'SESSION_GONE',
    patterns: [/Session '?\d+'? not found/, /Session isn't active/]
  }
];
