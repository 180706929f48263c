/**
 * The environment probe's shell half, and the command that starts its
 * Python half (probe-python.ts). The shell half finds the Jupyter server
 * process (the first ancestor of the hidden shell that is not on its pty),
 * prints its environment, the Kerberos tools, /etc/krb5.conf access, sudo
 * and the interpreters that may be the server's as NUL-separated records
 * (read by parseProbe in probe.ts). It starts no Python: it is all klist
 * and kinit need, so the ticket is read before the kernelspecs are.
 */
import { shellQuote } from '../terminal/shell';
import { NO_JUPYTER_CLIENT, PROBE_PYTHON } from './probe-python';
import { STUDIO_VARIABLES } from './studio';

/**
 * The variables the probe reports, chosen on the server: the rest of an
 * environment (JUPYTER_TOKEN, cloud keys, proxy passwords) never leaves it.
 */
export const PROBED_VARIABLES = [
  'HOME',
  'USER',
  'LOGNAME',
  'PATH',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'CONDA_DEFAULT_ENV',
  'JUPYTER_PATH',
  'JUPYTER_DATA_DIR',
  'JUPYTER_CONFIG_DIR',
  'JUPYTER_CONFIG_PATH',
  'JUPYTER_RUNTIME_DIR',
  'JUPYTER_PREFER_ENV_PATH',
  'JUPYTER_PLATFORM_DIRS',
  'KRB5_CONFIG',
  'KRB5CCNAME',
  'KRB5_KTNAME',
  'KRB5_CLIENT_KTNAME',
  'KRB5_TRACE',
  'SPARKMAGIC_CONF_DIR',
  'SPARKMAGIC_CONF_FILE',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  ...STUDIO_VARIABLES
] as const;

export interface IProbeOptions {
  /** Whether sudo may be tried (`sudo -n true` logs, and may mail, an incident). */
  useSudo: boolean;
}

const SHELL = (options: IProbeOptions) => [
  'rec() { printf \'%s\\0%s\\0\' "$1" "$2"; }',
  // Only the probed variables, NUL-separated (GNU grep -z); nothing when grep cannot.
  `envb64() { grep -zE '^(${PROBED_VARIABLES.join('|')})=' "$1" 2>/dev/null | base64 | tr -d '\\n'; }`,
  // PPID and controlling tty of a process, from /proc/PID/stat (comm may hold spaces).
  'st() { s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*)}; set -- $s; echo "$2 $5"; }',
  'spid=',
  'if set -- $(st $$) && [ $# = 2 ]; then',
  '  mytty=$2 p=$1',
  '  while [ "${p:-0}" -gt 1 ] && set -- $(st "$p") && [ $# = 2 ]; do',
  '    if [ "$2" != "$mytty" ]; then spid=$p; break; fi',
  '    p=$1',
  '  done',
  'fi',
  'rec server.pid "$spid"',
  'rec uid "$(id -u)"; rec user "$(id -un 2>/dev/null)"',
  'rec shell.environ "$(envb64 /proc/$$/environ)"',
  'spath=$PATH argv0= exe=',
  'if [ -n "$spid" ]; then',
  '  rec server.environ "$(envb64 "/proc/$spid/environ")"',
  "  p=$(tr '\\0' '\\n' <\"/proc/$spid/environ\" | sed -n 's/^PATH=//p' | head -n 1); spath=${p:-$PATH}",
  '  argv0=$(tr \'\\0\' \'\\n\' <"/proc/$spid/cmdline" | head -n 1); exe=$(readlink "/proc/$spid/exe")',
  '  case $argv0 in */*) case $argv0 in /*) ;; *) argv0="/proc/$spid/cwd/$argv0" ;; esac ;; *) argv0=$(PATH=$spath; command -v "$argv0") ;; esac',
  'fi',
  'for t in kinit klist; do rec "tool.$t" "$(PATH=$spath; command -v $t)"; done',
  'kl=$(PATH=$spath; command -v klist)',
  'if [ -n "$kl" ]; then rec klist.V "$(LC_ALL=C "$kl" -V 2>&1)"; rec klist.version "$(LC_ALL=C "$kl" --version 2>&1)"; fi',
  'if [ -e /etc/krb5.conf ]; then rec etc.exists 1; [ -w /etc/krb5.conf ] && rec etc.writable 1; elif [ -w /etc ]; then rec etc.writable 1; fi',
  options.useSudo
    ? 'if command -v sudo >/dev/null 2>&1; then if sudo -n true 2>/dev/null; then rec sudo ok; else rec sudo password; fi; else rec sudo missing; fi'
    : 'rec sudo off',
  'rec py.argv0 "$argv0"; rec py.exe "$exe"; rec py.path "$(PATH=$spath; command -v python3)"'
];

/** The shell half, as one command for the runner. */
export function shellProbeScript(options: IProbeOptions): string {
  return SHELL(options).join('\n') + '\n';
}

/** The shell half's records the Python half starts from. */
export interface IPythonStart {
  /** PID of the Jupyter server, or '' when the shell half did not find it. */
  serverPid: string;
  /** Interpreters that may be the server's, best first. */
  candidates: string[];
}

/**
 * The Python half, as one command for the runner: the first candidate
 * with jupyter_client runs it (anything not named like a Python is
 * skipped: `-c` would mean something else to it).
 */
export function pythonProbeScript(start: IPythonStart): string {
  const candidates = [...new Set(start.candidates.filter(c => c !== ''))];
  if (candidates.length === 0) {
    return ':\n';
  }
  return (
    [
      'rec() { printf \'%s\\0%s\\0\' "$1" "$2"; }',
      `for py in ${candidates.map(shellQuote).join(' ')}; do`,
      '  case ${py##*/} in *python*) ;; *) continue ;; esac',
      `  out=$("$py" -c ${shellQuote(PROBE_PYTHON)} ${shellQuote(start.serverPid)} 2>&1); rc=$?`,
      `  case $rc in ${NO_JUPYTER_CLIENT}|126|127) continue ;; esac`,
      '  rec python "$py"; rec python.out "$out"; break',
      'done'
    ].join('\n') + '\n'
  );
}
