/**
 * "Verify Spark": create a Livy session as the signed-in user (with the
 * session settings the Sparkmagic config gives), run one statement, delete
 * the session, and name the cause of any failure from what Livy returns —
 * its start-up log holds the cluster's errors (impersonation, missing OS user,
 * HDFS home, a cluster service's expired keytab). Runs outside the doctor's
 * time budget and reports progress between steps.
 */
import type { ErrorCode } from '../explain/codes';
import { explain } from '../explain/explain';
import { parseJsonText } from '../json-text';
import { IProfile } from '../profile';
import { isObject } from '../sparkmagic/validate';
import { doctorTarget } from './script';
import { parseDoctorOutput, sectionOf, sectionParts } from './output';
import { redactJsonSecrets } from './redact';
import { fail, pass, tail, warn } from './result';
import { IDoctorResult } from './types';
import { isLivyId, verifyCommands, VERIFY_CODE } from './verify-commands';
import { sessionFailure } from './verify-session';

export type VerifyPhase =
  'prepare' | 'create' | 'start' | 'statement' | 'delete';

export interface IVerifyProgress {
  phase: VerifyPhase;
  message: string;
}

/** Runs one shell command (the panel's runner, or a local shell for the CLI). */
export type ShellExec = (
  command: string,
  timeoutMs: number
) => Promise<{ stdout: string; exitCode: number }>;

export interface IVerifyOptions {
  /** 8–64 letters and digits, unique per run (names the private directory). */
  nonce: string;
  onProgress?: (progress: IVerifyProgress) => void;
  /** How long a session may take to start (default 240 s). */
  startSeconds?: number;
  /** Clock for elapsed times (default Date.now). */
  now?: () => number;
}

interface IHttp {
  status: number;
  body: string;
  json: Record<string, unknown> | null;
  /** The answer was longer than MAX_ANSWER_BYTES; `body` is its start. */
  cut: boolean;
}

const CUT = '\n@@CUT\n';

/** The body and `@@HTTP <code>` line one verify command prints. */
export function parseHttp(stdout: string): IHttp {
  const text = stdout.replace(/\r\n?/g, '\n');
  const m = /\n?@@HTTP (\d{3})\s*$/.exec(text);
  const all = m ? text.slice(0, m.index) : text;
  const at = all.indexOf(CUT);
  const body = (at < 0 ? all : all.slice(0, at)).trim();
  const parsed = at < 0 ? parseJsonText(body) : null;
  return {
    status: m ? Number(m[1]) : 0,
    body,
    json: parsed?.ok && isObject(parsed.value) ? parsed.value : null,
    cut: at >= 0
  };
}

function merge(a: unknown, b: unknown): unknown {
  if (!isObject(a) || !isObject(b)) {
    return b === undefined ? a : b;
  }
  const out: Record<string, unknown> = { ...a };
  for (const key of Object.keys(b)) {
    out[key] = merge(a[key], b[key]);
  }
  return out;
}

/** POST /sessions body as Sparkmagic's PySpark kernel sends it. */
export function sessionBody(configText: string): string {
  const parsed = parseJsonText(configText.replace(/^\uFEFF/, '') || '{}');
  const config = parsed.ok && isObject(parsed.value) ? parsed.value : {};
  const merged = merge(
    config.session_configs_defaults ?? {},
    config.session_configs ?? {}
  );
  return JSON.stringify({
    ...(isObject(merged) ? merged : {}),
    kind: 'pyspark'
  });
}

/** Livy's own check (0.7 prints the target as `Some(user)`). */
const LIVY_IMPERSONATION =
  /User '([^']+)' not allowed to impersonate '(?:Some\()?([^')]+)\)?'/;

/** Names a failed Livy request; Livy's own impersonation refusal has its own fix. */
export function explainLivy(
  http: IHttp,
  profile: IProfile
): { code: ErrorCode | undefined; fix: string } {
  const target = doctorTarget(profile);
  const context = {
    realm: profile.realm,
    nlbHost: target.spn.replace(/^[^/]*\/|@.*$/g, ''),
    principal: target.principal
  };
  const livy = LIVY_IMPERSONATION.exec(http.body);
  if (livy) {
    return {
      code: 'IMPERSONATION_DENIED',
      fix:
        `Livy refuses to let ${livy[1]} run sessions as ${livy[2]}: remove proxyUser from session_configs in the ` +
        `Sparkmagic config (the session then runs as ${livy[1]}), or on the cluster add ${livy[1]} to ` +
        'livy.superusers in livy.conf and restart Livy.'
    };
  }
  const why = explain(`${http.body}\nHTTP/1.1 ${http.status}\n`, context);
  if (why.code === 'UNKNOWN' && http.status === 401) {
    return {
      code: 'LIVY_UNAUTHORIZED',
      fix: explain("Invalid status code '401'", context).fix
    };
  }
  if (why.code === 'UNKNOWN' && http.status >= 400) {
    return {
      code: 'UNKNOWN',
      fix:
        `Livy itself refused (HTTP ${http.status}), after Kerberos let the request through: the cause is on the ` +
        "cluster. Read Livy's message above and the Livy server log (livy.conf, livy-server.out); " +
        'Sparkmagic shows the same message when it starts a session.'
    };
  }
  return { code: why.code, fix: why.fix };
}

function logLines(http: IHttp): string[] {
  const log = http.json?.log;
  return Array.isArray(log) ? log.map(String) : [];
}

function logText(http: IHttp): string {
  return http.json && Array.isArray(http.json.log)
    ? logLines(http).join('\n')
    : http.body;
}

export async function verifySpark(
  profile: IProfile,
  exec: ShellExec,
  options: IVerifyOptions
): Promise<IDoctorResult> {
  const id = 'spark.verify';
  const title = 'Verify Spark: session, statement, clean-up';
  const now = options.now ?? (() => Date.now());
  const started = now();
  const secs = () => Math.round((now() - started) / 1000);
  const progress = (phase: VerifyPhase, message: string) =>
    options.onProgress?.({ phase, message });
  const cmd = verifyCommands(profile, options.nonce);
  const http = async (command: string, timeoutMs = 45000) =>
    parseHttp((await exec(command, timeoutMs)).stdout);
  let session: number | null = null;
  try {
    progress(
      'prepare',
      'Reading the kernels’ environment and Sparkmagic config'
    );
    const prepared = parseDoctorOutput((await exec(cmd.prepare, 30000)).stdout);
    const smconf = sectionOf(prepared, 'smconf');
    const config =
      smconf?.rc === 0 ? (sectionParts(smconf.text).get('content') ?? '') : '';
    const body = sessionBody(config);
    // session_configs may hold secrets (an S3 key in conf): shown redacted.
    progress('create', `POST /sessions ${redactJsonSecrets(body)}`);
    const created = await http(cmd.create(body));
    if (
      created.status < 200 ||
      created.status > 299 ||
      !isLivyId(created.json?.id)
    ) {
      const why = explainLivy(created, profile);
      return fail(
        id,
        title,
        why.code ?? 'UNKNOWN',
        `POST /sessions: HTTP ${created.status} ${tail(created.body, 4)}`,
        why.fix
      );
    }
    session = created.json.id as number;
    const who = `owner ${String(created.json.owner ?? '?')}, proxyUser ${String(created.json.proxyUser ?? '-')}`;
    const limit = options.startSeconds ?? 240;
    let state = String(created.json.state ?? 'starting');
    while (
      ['not_started', 'starting'].indexOf(state) !== -1 &&
      secs() < limit
    ) {
      progress('start', `Session ${session} is ${state} (${secs()} s)`);
      const polled = await http(cmd.state(session, 20), 60000);
      state = String(
        polled.json?.state ??
          (polled.status === 0 ? 'unreachable' : `HTTP ${polled.status}`)
      );
    }
    if (state !== 'idle') {
      const logged = await http(cmd.log(session));
      const log = logText(logged);
      const why = sessionFailure(explain(log), state, logLines(logged), limit);
      return fail(
        id,
        title,
        why.code,
        `Session ${session} (${who}) ended as ${state} after ${secs()} s. Livy log: ${tail(log, 8)}`,
        why.code === 'UNKNOWN'
          ? `Read the whole log: GET /sessions/${session}/log; ${why.fix}`
          : why.fix
      );
    }
    const startSecs = secs();
    progress('statement', `Running ${VERIFY_CODE}`);
    const posted = await http(cmd.statement(session, VERIFY_CODE));
    let result = posted;
    if (isLivyId(posted.json?.id)) {
      result = await http(
        cmd.statementState(session, posted.json.id, 120),
        180000
      );
    }
    const output = isObject(result.json?.output) ? result.json.output : null;
    if (!output || output.status !== 'ok') {
      const text = output
        ? `${String(output.ename)}: ${String(output.evalue)}\n${Array.isArray(output.traceback) ? output.traceback.join('') : ''}`
        : result.body;
      const why = explain(text);
      return fail(
        id,
        title,
        why.code,
        `Statement in session ${session} (${who}): ${tail(text, 6)}`,
        why.fix
      );
    }
    const data = isObject(output.data)
      ? String(output.data['text/plain'] ?? '')
      : '';
    const detail = `Session ${session} (${who}) started in ${startSecs} s; ${VERIFY_CODE} returned ${data}.`;
    const configured =
      /"livy_session_startup_timeout_seconds"\s*:\s*(\d+)/.exec(config);
    const sparkmagicLimit = configured ? Number(configured[1]) : 60;
    if (startSecs > sparkmagicLimit) {
      return warn(
        id,
        title,
        `${detail} Sparkmagic gives up after ${sparkmagicLimit} s.`,
        `Raise the profile's start-up timeout (Spark session) above ${startSecs} s and apply it (livy_session_startup_timeout_seconds in the Sparkmagic config).`
      );
    }
    return pass(id, title, detail);
  } catch (e) {
    return fail(
      id,
      title,
      'UNKNOWN',
      `Verify Spark stopped: ${(e as Error).message}`,
      'Run the doctor first and fix what it reports.'
    );
  } finally {
    // Nothing here may throw: the caller's state waits on this promise.
    if (session !== null) {
      progress('delete', `Deleting session ${session}`);
      await Promise.resolve(session)
        .then(id => exec(cmd.remove(id), 45000))
        .catch(() => undefined);
    }
    await exec(cmd.cleanup, 10000).catch(() => undefined);
  }
}
