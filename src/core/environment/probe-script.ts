import { shellQuote } from '../terminal/shell';
import { STUDIO_VARIABLES } from './studio';

/**
 * The environment probe's script. The shell half finds the Jupyter server
 * process (the first ancestor of the hidden shell that is not on its pty),
 * prints its environment, the Kerberos tools, /etc/krb5.conf access and
 * sudo as NUL-separated records (read by parseProbe in probe.ts). The Python
 * half runs with the server's own interpreter and environment: it lists
 * kernelspecs as the server does (jupyter_client), builds each Sparkmagic
 * kernel's environment (server environment plus the spec's `env`), and asks
 * that environment's klist and Python what a kernel will see; it prints one
 * JSON object as the last record.
 */
const PROBE_PYTHON = `
import json, os, re, shutil, subprocess, sys

def read_environ(pid):
    env = {}
    with open('/proc/%s/environ' % pid, 'rb') as f:
        for item in f.read().split(b'\\0'):
            if b'=' in item:
                k, v = item.split(b'=', 1)
                env[k.decode('utf-8', 'replace')] = v.decode('utf-8', 'replace')
    return env

def run(argv, env, timeout=20):
    try:
        r = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return r.returncode, r.stdout.decode('utf-8', 'replace')
    except Exception as e:
        return None, str(e)

def includes(paths):
    out = []
    for p in paths:
        try:
            with open(p, encoding='utf-8', errors='replace') as f:
                for line in f:
                    m = re.match(r'\\s*(include|includedir|module)\\s+(\\S.*?)\\s*$', line)
                    if m:
                        out.append('%s %s' % (m.group(1), m.group(2)))
        except OSError:
            pass
    return out

def writable(path):
    if os.path.exists(path):
        return os.access(path, os.W_OK)
    parent = os.path.dirname(path) or '.'
    while not os.path.exists(parent) and parent not in ('/', ''):
        parent = os.path.dirname(parent)
    return os.access(parent, os.W_OK)

def view(env):
    home = env.get('HOME') or os.path.expanduser('~')
    paths = [p for p in env.get('KRB5_CONFIG', '/etc/krb5.conf').split(':') if p]
    conf_dir = env.get('SPARKMAGIC_CONF_DIR', '~/.sparkmagic')
    if conf_dir.startswith('~'):
        conf_dir = home + conf_dir[1:]
    klist = shutil.which('klist', path=env.get('PATH', os.defpath))
    kenv = dict(env, LC_ALL='C', TZ='UTC')
    code, text = run([klist], kenv) if klist else (None, '')
    return {
        'home': env.get('HOME'),
        'krb5Config': env.get('KRB5_CONFIG'),
        'krb5ConfigPaths': paths,
        'krb5ConfigWritable': bool(paths) and writable(paths[0]),
        'krb5Includes': includes(paths),
        'krb5ccname': env.get('KRB5CCNAME'),
        'sparkmagicConfDir': env.get('SPARKMAGIC_CONF_DIR'),
        'sparkmagicConfFile': env.get('SPARKMAGIC_CONF_FILE'),
        'sparkmagicConfigPath': os.path.join(conf_dir, env.get('SPARKMAGIC_CONF_FILE', 'config.json')),
        'klist': klist,
        'klistExit': code,
        'klistOutput': text[-2000:],
    }

pid = sys.argv[1] if len(sys.argv) > 1 else ''
server_env = read_environ(pid) if pid else dict(os.environ)
out = {'python': sys.executable, 'server': view(server_env), 'kernelspecs': [], 'errors': []}
os.environ.clear()
os.environ.update(server_env)
try:
    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().get_all_specs()
except Exception as e:
    specs = {}
    out['errors'].append('Cannot list kernelspecs: %s' % e)
for name, entry in sorted(specs.items()):
    spec = entry.get('spec', {})
    argv = [str(a) for a in spec.get('argv', [])]
    senv = {str(k): str(v) for k, v in (spec.get('env') or {}).items()}
    info = {
        'name': name,
        'displayName': spec.get('display_name', name),
        'language': spec.get('language', ''),
        'argv': argv,
        'env': senv,
        'resourceDir': entry.get('resource_dir', ''),
        'sparkmagic': any('sparkmagic' in a for a in argv),
    }
    if info['sparkmagic'] and argv:
        kenv = dict(server_env)
        kenv.update(senv)
        exe = argv[0]
        # jupyter_client starts 'python' kernels with the server's interpreter.
        if exe in ('python', 'python%d' % sys.version_info[0], 'python%d.%d' % sys.version_info[:2]):
            exe = sys.executable
        elif os.sep not in exe:
            exe = shutil.which(exe, path=kenv.get('PATH', os.defpath)) or exe
        code, text = run([exe, '-c', 'import sparkmagic; print(getattr(sparkmagic, "__version__", ""))'], kenv, 60)
        info['python'] = exe
        info['sparkmagicImportable'] = code == 0
        info['sparkmagicVersion'] = text.strip().splitlines()[-1] if code == 0 and text.strip() else None
        info['importError'] = None if code == 0 else (text.strip().splitlines() or ['failed'])[-1]
        info['view'] = view(kenv)
    out['kernelspecs'].append(info)
print(json.dumps(out))
`;

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
  'py=',
  'for c in "$argv0" "$exe" "$(PATH=$spath; command -v python3)"; do',
  '  [ -n "$c" ] && "$c" -c "import jupyter_client" 2>/dev/null && { py=$c; break; }',
  'done',
  'rec python "$py"',
  `if [ -n "$py" ]; then rec python.out "$("$py" -c ${shellQuote(PROBE_PYTHON)} "$spid" 2>&1)"; fi`
];

/** The probe, as one command for the runner (generous timeout: it starts Python a few times). */
export function probeScript(options: IProbeOptions): string {
  return SHELL(options).join('\n') + '\n';
}
