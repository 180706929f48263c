/**
 * Environment probe: what Sparkmagic kernels will see on this server. The
 * script is in probe-script.ts; this file reads its output.
 *
 * Kernels inherit the Jupyter server's environment plus their kernelspec's
 * `env`, not the environment of a terminal's login shell. The script finds
 * the server process (the first ancestor of the hidden shell that is not on
 * its pty) and reads its environment from /proc; its Python half
 * (probe-python.ts) runs with the server's interpreter. Output of both:
 * NUL-separated key/value records, read back by parseProbe.
 */

import { base64Decode, utf8Decode } from '../terminal/encoding';
import { IPythonStart, PROBED_VARIABLES } from './probe-script';

import {
  CACHE_TYPES,
  CacheType,
  IEnvironmentProbe,
  IKerberosView,
  IKernelSpecInfo,
  IToolInfo
} from './probe-types';

/** Variables that decide what Kerberos, Sparkmagic and requests do. */
const RELEVANT: ReadonlySet<string> = new Set(PROBED_VARIABLES);

function parseEnviron(b64: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  if (!b64) {
    return env;
  }
  for (const item of utf8Decode(base64Decode(b64)).split('\0')) {
    const i = item.indexOf('=');
    if (i > 0) {
      env[item.slice(0, i)] = item.slice(i + 1);
    }
  }
  return env;
}

function pick(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(env).sort()) {
    if (RELEVANT.has(key)) {
      out[key] = env[key];
    }
  }
  return out;
}

/** Flavour and version from `klist -V` (MIT) and `klist --version` (Heimdal). */
export function parseKlistVersion(
  v: string,
  version: string
): Omit<IToolInfo, 'path'> {
  const mit = /Kerberos 5 version (\S+)/.exec(v);
  if (mit) {
    return { flavor: 'mit', version: mit[1] };
  }
  const heimdal =
    /Heimdal\s+([0-9][^\s)]*)/.exec(version) ??
    /Heimdal\s+([0-9][^\s)]*)/.exec(v);
  if (heimdal) {
    return { flavor: 'heimdal', version: heimdal[1] };
  }
  return { flavor: null, version: null };
}

/**
 * MIT's `(filename: PATH)` ending a line, as `[line, PATH]`. Read line by
 * line: `/\(filename: (.+)\)\s*$/m` rescans to the line's end from every
 * repetition of the phrase.
 */
function filenameLine(text: string): [string, string] | null {
  const open = '(filename: ';
  for (const line of text.split('\n')) {
    const end = line.trimEnd();
    const at = end.indexOf(open);
    if (at >= 0 && end.endsWith(')') && end.length - 1 > at + open.length) {
      return [end, end.slice(at + open.length, -1)];
    }
  }
  return null;
}

/** The cache type klist uses, from KRB5CCNAME or from what klist printed. */
export function cacheFrom(
  krb5ccname: string | null,
  klistOutput: string
): { type: CacheType | null; name: string | null } {
  const typed = (s: string) => {
    const m = /^([A-Z]+):/.exec(s);
    if (!m) {
      return { type: 'FILE' as const, name: `FILE:${s}` };
    }
    return {
      type: CACHE_TYPES.includes(m[1] as CacheType)
        ? (m[1] as CacheType)
        : null,
      name: s
    };
  };
  const cache =
    /^Ticket cache: (\S.*)$/m.exec(klistOutput) ??
    /^Credentials cache: (\S.*)$/m.exec(klistOutput);
  if (cache) {
    return typed(cache[1].trim());
  }
  if (krb5ccname) {
    return typed(krb5ccname);
  }
  const file =
    filenameLine(klistOutput) ?? /No ticket file: (\S.*)$/m.exec(klistOutput);
  if (file) {
    const path = file[1].trim();
    // MIT shows a DIR collection's primary cache as <dir>/tkt...
    return /\/tkt[^/]*$/.test(path)
      ? { type: 'DIR', name: `DIR:${path.replace(/\/tkt[^/]*$/, '')}` }
      : { type: 'FILE', name: `FILE:${path}` };
  }
  const keyring = /keyring '([^']*)'/.exec(klistOutput);
  if (keyring) {
    return { type: 'KEYRING', name: `KEYRING:${keyring[1]}` };
  }
  if (/\bKCM\b/.test(klistOutput)) {
    return { type: 'KCM', name: 'KCM:' };
  }
  return { type: null, name: null };
}

/** What the Python probe prints; each field may be missing. */
type RawView = Partial<IKerberosView> & { klistOutput?: string };
interface IRawKernelSpec extends Partial<Omit<IKernelSpecInfo, 'view'>> {
  view?: RawView;
}
interface IRawProbe {
  kernelspecs?: IRawKernelSpec[];
  server?: RawView;
  errors?: unknown[];
}

function toView(raw: RawView | null | undefined): IKerberosView | null {
  if (!raw || typeof raw !== 'object') {
    return null;
  }
  const cache = cacheFrom(
    raw.krb5ccname ?? null,
    String(raw.klistOutput ?? '')
  );
  return {
    home: raw.home ?? null,
    krb5Config: raw.krb5Config ?? null,
    krb5ConfigPaths: Array.isArray(raw.krb5ConfigPaths)
      ? raw.krb5ConfigPaths.map(String)
      : [],
    krb5ConfigWritable: raw.krb5ConfigWritable === true,
    krb5Includes: Array.isArray(raw.krb5Includes)
      ? raw.krb5Includes.map(String)
      : [],
    krb5ccname: raw.krb5ccname ?? null,
    cacheType: cache.type,
    cacheName: cache.name,
    sparkmagicConfDir: raw.sparkmagicConfDir ?? null,
    sparkmagicConfFile: raw.sparkmagicConfFile ?? null,
    sparkmagicConfigPath: String(raw.sparkmagicConfigPath ?? ''),
    klist: raw.klist ?? null
  };
}

function records(stdout: string): Record<string, string> {
  const parts = stdout.split('\0');
  const rec: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    rec[parts[i]] = parts[i + 1];
  }
  return rec;
}

/** What the Python half starts from, out of the shell half's output. */
export function pythonStart(shellStdout: string): IPythonStart {
  const rec = records(shellStdout);
  return {
    serverPid: /^\d+$/.test(rec['server.pid'] ?? '') ? rec['server.pid'] : '',
    candidates: [rec['py.argv0'], rec['py.exe'], rec['py.path']].filter(
      (c): c is string => !!c
    )
  };
}

/**
 * Reads the probe's output (both halves, one after the other) into one
 * object. With `kernelspecs: false` it is the shell half's alone: the
 * kernelspecs and the server's own view are not known yet, which is no
 * error.
 */
export function parseProbe(
  stdout: string,
  options: { kernelspecs: boolean } = { kernelspecs: true }
): IEnvironmentProbe {
  const rec = records(stdout);
  const errors: string[] = [];
  const serverPid = rec['server.pid'] ? Number(rec['server.pid']) : null;
  const shellEnv = pick(parseEnviron(rec['shell.environ']));
  const serverEnv = serverPid
    ? pick(parseEnviron(rec['server.environ']))
    : shellEnv;
  if (!serverPid) {
    errors.push(
      'Could not find the Jupyter server process; showing the terminal shell environment instead.'
    );
  }
  const differs = Object.keys({ ...serverEnv, ...shellEnv })
    .filter(k => k !== 'PATH' && !/^(LC_ALL|TZ|JUPYTER_SERVER_\w+)$/.test(k))
    .filter(k => serverEnv[k] !== shellEnv[k])
    .sort();
  let py: IRawProbe | null = null;
  if (rec['python.out'] !== undefined) {
    // The JSON is the last line; warnings Python printed come before it.
    const lines = rec['python.out'].trim().split('\n');
    try {
      py = JSON.parse(lines[lines.length - 1]);
    } catch {
      errors.push(`The Python probe failed: ${rec['python.out'].slice(-500)}`);
    }
  } else if (options.kernelspecs) {
    errors.push(
      'No Python with jupyter_client found for the server: kernelspecs unknown.'
    );
  }
  const kernelspecs: IKernelSpecInfo[] = Array.isArray(py?.kernelspecs)
    ? py.kernelspecs.map((k: IRawKernelSpec) => ({
        name: String(k.name),
        displayName: String(k.displayName ?? k.name),
        language: String(k.language ?? ''),
        argv: Array.isArray(k.argv) ? k.argv.map(String) : [],
        env: k.env && typeof k.env === 'object' ? k.env : {},
        resourceDir: String(k.resourceDir ?? ''),
        sparkmagic: k.sparkmagic === true,
        python: k.python ?? null,
        sparkmagicImportable:
          typeof k.sparkmagicImportable === 'boolean'
            ? k.sparkmagicImportable
            : null,
        sparkmagicVersion: k.sparkmagicVersion ?? null,
        importError: k.importError ?? null,
        view: toView(k.view)
      }))
    : [];
  errors.push(...(Array.isArray(py?.errors) ? py.errors.map(String) : []));
  const klistInfo = parseKlistVersion(
    rec['klist.V'] ?? '',
    rec['klist.version'] ?? ''
  );
  return {
    serverPid,
    uid: rec.uid ? Number(rec.uid) : null,
    user: rec.user || null,
    serverEnv,
    shellDiffers: differs,
    kinit: {
      path: rec['tool.kinit'] || null,
      ...(rec['tool.kinit'] ? klistInfo : { flavor: null, version: null })
    },
    klist: { path: rec['tool.klist'] || null, ...klistInfo },
    server: toView(py?.server),
    etcKrb5Conf: {
      exists: rec['etc.exists'] === '1',
      writable: rec['etc.writable'] === '1'
    },
    sudo:
      (['ok', 'password', 'off'] as const).find(v => v === rec.sudo) ??
      'missing',
    python: rec.python || null,
    kernelspecs,
    sparkmagicKernelspecs: kernelspecs
      .filter(k => k.sparkmagic)
      .map(k => k.name),
    errors
  };
}
