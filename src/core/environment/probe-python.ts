/**
 * The Python half of the environment probe (its shell half is in
 * probe-script.ts). It runs with the server's interpreter and environment:
 * it lists kernelspecs as the server does (jupyter_client), builds each
 * Sparkmagic kernel's environment (server environment plus the spec's
 * `env`) and asks that environment's klist and Python what a kernel will
 * see; it prints one JSON object as its last line.
 *
 * It is the only Python start when it can be: without jupyter_client it
 * exits with NO_JUPYTER_CLIENT before doing anything (the shell then tries
 * the next interpreter); Sparkmagic's version comes from package metadata
 * (importing sparkmagic loads pandas and widgets: seconds), read in this
 * process when the kernel runs this interpreter with the same Python
 * variables, otherwise once per distinct interpreter; one klist runs per
 * distinct kernel environment.
 */

/** Exit code of the Python half when the interpreter lacks jupyter_client. */
export const NO_JUPYTER_CLIENT = 3;

/** Where sparkmagic is and its version, without importing it (run as is in another interpreter). */
const SPARKMAGIC_LOOKUP = `
import importlib.util
def sparkmagic_lookup():
    try:
        found = importlib.util.find_spec('sparkmagic') is not None
    except Exception as e:
        return [False, None, str(e)]
    if not found:
        return [False, None, "No module named 'sparkmagic'"]
    try:
        from importlib.metadata import version
        return [True, version('sparkmagic'), None]
    except Exception:
        return [True, None, None]
`;

export const PROBE_PYTHON = `
import json, os, re, shutil, subprocess, sys
LOOKUP = ${JSON.stringify(SPARKMAGIC_LOOKUP)}
exec(LOOKUP)

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

views = {}
def view(env):
    key = json.dumps(sorted(env.items()))
    if key not in views:
        views[key] = read_view(env)
    return views[key]

def read_view(env):
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

# What decides where an interpreter finds its packages.
PY_VARS = ('PYTHONPATH', 'PYTHONHOME', 'PYTHONNOUSERSITE', 'PYTHONUSERBASE', 'PYTHONSAFEPATH', 'HOME')
started = dict(os.environ)
lookups = {}
def sparkmagic_in(exe, env):
    here = os.path.abspath(exe) == os.path.abspath(sys.executable) and \\
        all(env.get(k) == started.get(k) for k in PY_VARS)
    key = json.dumps([exe] + [env.get(k) for k in PY_VARS])
    if here:
        lookups[key] = sparkmagic_lookup()
    elif key not in lookups:
        code, text = run([exe, '-c', LOOKUP + 'import json; print(json.dumps(sparkmagic_lookup()))'], env, 60)
        lines = text.strip().splitlines() or ['failed']
        try:
            lookups[key] = json.loads(lines[-1]) if code == 0 else [False, None, lines[-1]]
        except ValueError:
            lookups[key] = [False, None, lines[-1]]
    return lookups[key]

pid = sys.argv[1] if len(sys.argv) > 1 else ''
server_env = read_environ(pid) if pid else dict(os.environ)
os.environ.clear()
os.environ.update(server_env)
try:
    from jupyter_client.kernelspec import KernelSpecManager
except ImportError:
    sys.exit(${NO_JUPYTER_CLIENT})
out = {'python': sys.executable, 'server': view(server_env), 'kernelspecs': [], 'errors': []}
try:
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
        found, version, error = sparkmagic_in(exe, kenv)
        info['python'] = exe
        info['sparkmagicImportable'] = found
        info['sparkmagicVersion'] = version
        info['importError'] = error
        info['view'] = view(kenv)
    out['kernelspecs'].append(info)
print(json.dumps(out))
`;
