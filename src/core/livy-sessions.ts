/**
 * Livy's interactive sessions as the panel lists them: GET /sessions through
 * the load balancer with the kernels' Kerberos settings (the same requests
 * Verify Spark makes), reduced to the signed-in user's sessions.
 */
import { curlFailure } from './doctor/checks-network';
import { clip } from './doctor/result';
import { parseHttp, explainLivy } from './doctor/verify';
import { isLivyId, MAX_ANSWER_BYTES } from './doctor/verify-commands';
import type { IExplanation } from './explain/explain';
import { sessionReason, yarnDiagnostics, yarnState } from './livy-session-log';
import type { IProfile } from './profile';
import { isObject } from './sparkmagic/validate';

export interface ILivySession {
  id: number;
  kind: string;
  state: string;
  owner: string;
  proxyUser: string;
  appId: string;
  /** The application's last YARN state Spark's client reported ('' if none). */
  yarnState: string;
  /** While starting: YARN's diagnostics; once dead, error or killed: why. */
  reason: string;
  /** Livy's `appInfo` links (http or https only; '' if none). */
  driverLogUrl: string;
  sparkUiUrl: string;
}

/** Livy's states of a session that is over. */
export const ENDED_STATES = ['dead', 'error', 'killed', 'success'];

/** A field as shown: text only, and no longer than a line of the panel. */
const text = (v: unknown) => (typeof v === 'string' ? clip(v, 200) : '');
/** A log line or a link: text only, cut at `max` (a reason is one line of it). */
const long = (v: unknown, max = 4096) =>
  typeof v === 'string' ? v.slice(0, max) : '';

/** A link Livy reports, when it is a web address (never `javascript:` and the like). */
function webLink(v: unknown): string {
  const url = long(v, 2048);
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:' ? url : '';
  } catch {
    return '';
  }
}

function fromLivy(s: Record<string, unknown>): ILivySession {
  const state = text(s.state);
  // Livy lists a session's last 10 log lines.
  const log = Array.isArray(s.log) ? s.log.slice(-10).map(l => long(l)) : [];
  const info = isObject(s.appInfo) ? s.appInfo : {};
  return {
    id: s.id as number,
    kind: text(s.kind),
    state,
    owner: text(s.owner),
    proxyUser: text(s.proxyUser),
    appId: text(s.appId),
    yarnState: yarnState(log),
    reason: ENDED_STATES.includes(state)
      ? sessionReason(log)
      : state === 'starting' || state === 'not_started'
        ? yarnDiagnostics(log)
        : '',
    driverLogUrl: webLink(info.driverLogUrl),
    sparkUiUrl: webLink(info.sparkUiUrl)
  };
}

/** The Livy user of a principal: its first component (Livy's DEFAULT name rule). */
export function livyUser(principal: string): string {
  return principal.replace(/[/@].*$/, '');
}

export type LivyAnswer =
  { ok: true; sessions: ILivySession[] } | { ok: false; error: IExplanation };

/** A failed request, explained with the codes the doctor uses. */
function failure(stdout: string, profile: IProfile, what: string): LivyAnswer {
  const http = parseHttp(stdout);
  const said = clip(
    http.body.slice(-2000).split('\n').slice(-3).join(' ').trim(),
    300
  );
  // No HTTP answer: curl's exit code (`curl: (6) ...`) says why, as in the doctor.
  const curlExit = /^curl: \((\d+)\)/m.exec(http.body);
  const why =
    http.status === 0 && curlExit
      ? curlFailure(Number(curlExit[1]), http.body, profile.livyUrl)
      : explainLivy(http, profile);
  return {
    ok: false,
    error: {
      code: why.code ?? 'UNKNOWN',
      title:
        http.status === 0
          ? `${what}: Livy did not answer (${said || 'no output'}).`
          : `${what}: HTTP ${http.status}${said ? ` — ${said}` : ''}.`,
      fix: why.fix
    }
  };
}

/** The user's sessions from GET /sessions output (body, then `@@HTTP code`). */
export function parseSessionList(
  stdout: string,
  profile: IProfile,
  user: string
): LivyAnswer {
  const http = parseHttp(stdout);
  const list = http.json?.sessions;
  if (http.cut) {
    return {
      ok: false,
      error: {
        code: 'UNKNOWN',
        title: `GET /sessions: Livy's answer is over ${MAX_ANSWER_BYTES / 1024 / 1024} MB; the panel reads no more.`,
        fix: 'Check that the Livy URL reaches Livy itself, and delete sessions no longer needed in the Livy UI.'
      }
    };
  }
  if (http.status !== 200 || !Array.isArray(list)) {
    return failure(stdout, profile, 'GET /sessions');
  }
  const sessions = list
    .filter(isObject)
    .filter(s => isLivyId(s.id))
    .map(fromLivy)
    .filter(s => s.owner === user || s.proxyUser === user);
  return { ok: true, sessions };
}

/**
 * Why an ended session ended, from GET /sessions/ID/log output: the session
 * list holds only its log's last lines, often a stack trace's frames.
 */
export function parseLogReason(stdout: string): string {
  const log = parseHttp(stdout).json?.log;
  return Array.isArray(log) ? sessionReason(log.map(l => long(l))) : '';
}

/** null when DELETE /sessions/ID succeeded (or the session was gone already). */
export function parseDelete(
  stdout: string,
  profile: IProfile,
  id: number
): IExplanation | null {
  const status = parseHttp(stdout).status;
  if (status === 200 || status === 204 || status === 404) {
    return null;
  }
  const answer = failure(stdout, profile, `DELETE /sessions/${id}`);
  return answer.ok ? null : answer.error;
}
