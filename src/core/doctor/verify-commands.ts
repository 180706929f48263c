/**
 * Shell commands for "Verify Spark": one Livy request each, so the caller can
 * report progress between them. `prepare` works out the kernels' environment
 * once (as the doctor does) and saves it in a private directory that every
 * later command sources; `cleanup` removes it.
 */
import { IProfile } from '../profile';
import { shellQuote } from '../terminal/shell';
import { scriptParams } from './script';
import { SCRIPT_ENV, SCRIPT_HELPERS } from './script-env';
import { trimTrailingSlashes } from '../trailing-slashes';

/** The one-line statement run in the session; prints `[0, 1, 2]`. */
export const VERIFY_CODE = 'sc.parallelize(range(100), 2).take(3)';

export interface IVerifyCommands {
  /** Saves the kernels' environment, then prints the Sparkmagic config. */
  prepare: string;
  /** Saves the kernels' environment only (the session list needs no config). */
  prepareRequests: string;
  /** POST /sessions with this JSON body. */
  create(body: string): string;
  /** GET /sessions/ID/state, polling up to `seconds` while it is starting. */
  state(id: number, seconds: number): string;
  /** GET /sessions/ID/log: the start-up log, where cluster errors show. */
  log(id: number): string;
  statement(id: number, code: string): string;
  /** GET /sessions/ID/statements/SID, polling up to `seconds` while it runs. */
  statementState(id: number, sid: number, seconds: number): string;
  remove(id: number): string;
  /** GET /sessions: every session the user may see. */
  list: string;
  cleanup: string;
}

function checkNonce(nonce: string): string {
  if (!/^[A-Za-z0-9]{8,64}$/.test(nonce)) {
    throw new Error('The verify nonce must be 8 to 64 letters and digits.');
  }
  return nonce;
}

/**
 * Creates the private directory for one run with `mktemp -d`: a name no one
 * can plant a link or directory at beforehand.
 */
function makeDir(nonce: string): string {
  return `V=$(mktemp -d "\${TMPDIR:-/tmp}/smk-verify-${checkNonce(nonce)}.XXXXXXXXXX") || exit 70`;
}

/** Finds the run's directory again: ours, a real directory, not a link. */
function dir(nonce: string): string {
  return `V=; for _d in "\${TMPDIR:-/tmp}"/smk-verify-${checkNonce(nonce)}.*; do [ -d "$_d" ] && [ ! -L "$_d" ] && [ -O "$_d" ] && V=$_d; done`;
}

const SAVE_ENV = `for _v in KRB5_CONFIG KRB5CCNAME; do
  if khas "$_v"; then kget "$_v" >"$V/$_v"; else rm -f "$V/$_v"; fi
done
printf '%s\\n' "\${REQUESTS_CA_BUNDLE:-\${CURL_CA_BUNDLE:-$P_CACERT}}" >"$V/CACERT"`;
const PRINT_CONFIG = 'sec smconf "$SMKERNEL" smconf "$SMKERNEL"';
const DONE = "echo '@@SMKDOC DONE'";

/**
 * The most of one Livy answer read (a thousand sessions take far less): a
 * broken or hostile server cannot fill the browser with its output.
 */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/**
 * One curl through the kernels' settings; prints the body (its first
 * MAX_ANSWER_BYTES, then `@@CUT` on its own line if there was more), curl's
 * errors, then `@@HTTP <code>` on its own line. The status comes from the
 * headers file: the body goes through `head -c`, which would cut off
 * anything curl printed after it.
 */
function request(
  profile: IProfile,
  nonce: string,
  method: string,
  path: string,
  body?: string
): string {
  const url = trimTrailingSlashes(profile.livyUrl) + path;
  const lines = [
    dir(nonce),
    '[ -n "$V" ] && [ -f "$V/CACERT" ] || { echo "verify: not prepared"; exit 3; }',
    'for _v in KRB5_CONFIG KRB5CCNAME; do',
    '  if [ -f "$V/$_v" ]; then export "$_v=$(cat "$V/$_v")"; else unset "$_v"; fi',
    'done',
    'CACERT=$(cat "$V/CACERT")',
    `set -- -sS --negotiate -u : -m 30 -X ${method} -H 'Content-Type: application/json' -H 'X-Requested-By: sparkmagic-kerberos' -D "$V/H"`,
    '[ -n "$CACERT" ] && set -- "$@" --cacert "$CACERT"'
  ];
  if (profile.tls.ignoreSslErrors) {
    lines.push('set -- "$@" -k');
  }
  const cap = `head -c ${MAX_ANSWER_BYTES + 1} >"$V/B"`;
  lines.push(': >"$V/H"');
  if (body === undefined) {
    lines.push(`curl "$@" ${shellQuote(url)} 2>"$V/E" | ${cap}`);
  } else {
    lines.push(
      `curl "$@" --data-binary @- ${shellQuote(url)} 2>"$V/E" <<'SMK_JSON_END' | ${cap}`,
      body,
      'SMK_JSON_END'
    );
  }
  lines.push(
    `if [ "$(wc -c <"$V/B")" -gt ${MAX_ANSWER_BYTES} ]; then head -c ${MAX_ANSWER_BYTES} "$V/B"; printf '\\n@@CUT\\n'; else cat "$V/B"; fi`,
    'cat "$V/E"',
    'awk \'/^HTTP\\//{c=$2} END{sub(/\\r$/, "", c); printf "\\n@@HTTP %s\\n", c == "" ? "000" : c}\' "$V/H"',
    'rm -f "$V/B" "$V/E" "$V/H"'
  );
  return lines.join('\n');
}

/** Repeats a GET while the JSON `state` is one of `busy` (every 2 s, up to `seconds`). */
function poll(get: string, busy: string[], seconds: number): string {
  const rounds = Math.max(1, Math.ceil(seconds / 2));
  return [
    '_i=0',
    'while :; do',
    `  _o=$( ${get.split('\n').join('\n  ')}`,
    '  )',
    '  _i=$((_i + 1))',
    `  case $_o in ${busy.map(b => `*'"state":"${b}"'*`).join('|')}) ;; *) break ;; esac`,
    `  [ "$_i" -ge ${rounds} ] && break`,
    '  sleep 2',
    'done',
    'printf \'%s\\n\' "$_o"'
  ].join('\n');
}

/** Livy numbers sessions and statements 0, 1, 2, …: anything else is refused. */
export function isLivyId(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

export function verifyCommands(
  profile: IProfile,
  nonce: string
): IVerifyCommands {
  const req = (method: string, path: string, body?: string) =>
    request(profile, nonce, method, path, body);
  const int = (n: number) => {
    if (!isLivyId(n)) {
      throw new Error(`Not a Livy id: ${n}`);
    }
    return n;
  };
  const start = [...scriptParams(profile), SCRIPT_HELPERS];
  const save = [makeDir(nonce), SAVE_ENV];
  return {
    prepare: [...start, SCRIPT_ENV, ...save, PRINT_CONFIG, DONE].join('\n'),
    // What SCRIPT_ENV reports (the kernelspecs with their env) is not sent.
    prepareRequests: [
      ...start,
      '{',
      SCRIPT_ENV,
      '} >/dev/null 2>&1',
      ...save,
      DONE
    ].join('\n'),
    create: body => req('POST', '/sessions', body),
    state: (id, seconds) =>
      poll(
        req('GET', `/sessions/${int(id)}/state`),
        ['not_started', 'starting'],
        seconds
      ),
    log: id => req('GET', `/sessions/${int(id)}/log?from=0&size=300`),
    statement: (id, code) =>
      req('POST', `/sessions/${int(id)}/statements`, JSON.stringify({ code })),
    statementState: (id, sid, seconds) =>
      poll(
        req('GET', `/sessions/${int(id)}/statements/${int(sid)}`),
        ['waiting', 'running'],
        seconds
      ),
    remove: id => req('DELETE', `/sessions/${int(id)}`),
    list: req('GET', '/sessions?from=0&size=1000'),
    cleanup: `${dir(nonce)}\n[ -z "$V" ] || rm -rf "$V"`
  };
}
