/**
 * Names the cause of a failed kinit / klist / kvno / curl / sparkmagic / Livy call
 * from its output (MIT and Heimdal texts, Java GSS texts from Livy and Hadoop logs).
 * The most specific cause wins (see explain-rules.ts).
 */
import { ErrorCode } from './codes';
import { FIXES, IFixValues, ITitleAndFix } from './fixes';
import { IRule, RULES } from './rules';

/**
 * How much of a long text `explain` reads: Livy bodies and logs have no
 * bound. The cause of a failure is named where a command starts (the first
 * error) or where it ends (the final one, a stack trace's last lines).
 */
export const EXPLAIN_HEAD_CHARS = 64 * 1024;
export const EXPLAIN_TAIL_CHARS = 192 * 1024;
/** How far a cut moves to the nearest line end; a longer line is cut inside. */
const LINE_SLACK = 4 * 1024;

export interface IExplainContext {
  realm?: string;
  /** Load balancer (or Livy) host the service ticket is for. */
  nlbHost?: string;
  /** `user` or `user@REALM`. */
  principal?: string;
}

export interface IExplanation extends ITitleAndFix {
  code: ErrorCode;
}

/** `Password for user1@R:`, `Client 'x@R' not found`: who the message is about. */
const PROMPT_PRINCIPAL = /Password for (?<principal>[^\s:]+):/;

function fixValues(
  context: IExplainContext,
  groups: Record<string, string | undefined>,
  text: string
): IFixValues {
  const messageRealm = groups.realm;
  const named = groups.user ?? PROMPT_PRINCIPAL.exec(text)?.groups?.principal;
  const namedRealm = named?.includes('@')
    ? named.slice(named.lastIndexOf('@') + 1)
    : undefined;
  const realm = context.realm || namedRealm || messageRealm || '<REALM>';
  let principal = context.principal || named || '<user>';
  if (!principal.includes('@')) {
    principal = `${principal}@${realm}`;
  }
  const nlb = (context.nlbHost || '<nlb-host>').toLowerCase();
  return {
    realm,
    principal,
    nlb,
    spn: `HTTP/${nlb}@${realm}`,
    keytab: groups.keytab,
    user: groups.user,
    service: groups.service,
    key: groups.key,
    messageRealm,
    seconds: groups.seconds,
    state: groups.state,
    detail: groups.detail
  };
}

/**
 * The head and tail windows of `text`, cut at a line end within LINE_SLACK
 * of each cut (no message is read half), without carriage returns.
 */
export function explainWindow(text: string): string {
  if (text.length <= EXPLAIN_HEAD_CHARS + EXPLAIN_TAIL_CHARS) {
    return text.replace(/\r/g, '');
  }
  const headLine = text.lastIndexOf('\n', EXPLAIN_HEAD_CHARS - 1);
  const headEnd =
    headLine >= EXPLAIN_HEAD_CHARS - LINE_SLACK ? headLine : EXPLAIN_HEAD_CHARS;
  const tailCut = text.length - EXPLAIN_TAIL_CHARS;
  const tailLine = text.indexOf('\n', tailCut);
  const tailStart =
    tailLine >= 0 && tailLine < tailCut + LINE_SLACK ? tailLine + 1 : tailCut;
  return (text.slice(0, headEnd) + '\n' + text.slice(tailStart)).replace(
    /\r/g,
    ''
  );
}

function firstMatch(
  rule: IRule,
  text: string
): { groups?: Record<string, string> } | null {
  if (rule.also && !rule.also.every(p => p.exec(text) !== null)) {
    return null;
  }
  for (const pattern of rule.patterns) {
    const match = pattern.exec(text);
    if (match) {
      return match;
    }
  }
  return null;
}

/** The most specific cause named in `text`, `UNKNOWN` when none is. */
export function explain(
  text: string,
  context: IExplainContext = {}
): IExplanation {
  const clean = explainWindow(text);
  for (const rule of RULES) {
    const match = firstMatch(rule, clean);
    if (match) {
      const values = fixValues(context, { ...match.groups }, clean);
      return { code: rule.code, ...(rule.fix ?? FIXES[rule.code])(values) };
    }
  }
  return { code: 'UNKNOWN', ...FIXES.UNKNOWN(fixValues(context, {}, clean)) };
}

/** Only the code; `null` when the text names no known cause. */
export function classifyError(text: string): ErrorCode | null {
  const clean = explainWindow(text);
  const rule = RULES.find(
    r => r.code !== 'UNKNOWN' && firstMatch(r, clean) !== null
  );
  return rule ? rule.code : null;
}
