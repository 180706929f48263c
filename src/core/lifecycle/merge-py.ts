/**
 * The Sparkmagic merge as a small Python program, for lifecycle scripts that
 * run at boot where there is no Node. It applies the rules of
 * `mergeSparkmagicConfig` (src/core/sparkmagic.ts) to the file named by its
 * first argument and prints the text `renderSparkmagicConfig` would give,
 * byte for byte: JavaScript's key order (array-index keys first), number
 * formatting and string escaping are reproduced. A missing or blank file is
 * an empty configuration. Invalid JSON, a non-object or text that is not
 * UTF-8 exits with status 2 and a message; nothing is printed then.
 * test/core/lifecycle-merge.spec.ts proves the equivalence on random files.
 *
 * Python 3.6 or later (the oldest JupyterSystemEnv); output is UTF-8 bytes
 * whatever the locale. No single quotes, so the program reads plainly inside
 * the shell script's single-quoted string.
 */
import { IProfile } from '../profile';
import {
  KERBEROS_AUTH,
  KERBEROS_AUTHENTICATOR,
  configUrl,
  credentialsKey,
  kerberosAuthConfiguration
} from '../sparkmagic/keys';
import {
  sessionDefaults,
  sessionTopLevel
} from '../sparkmagic/session-settings';
import { assertValidProfile } from '../validate/profile';

const PROGRAM = String.raw`import json, re, sys
from decimal import Decimal
S = json.loads(SPEC, parse_int=float)

def bad(why):
    sys.stderr.write("[sparkmagic-kerberos] cannot merge %s: %s; nothing written\n" % (sys.argv[1], why))
    sys.exit(2)

def obj(pairs):
    d = dict(pairs)
    ix = sorted([k for k in d if re.fullmatch("0|[1-9][0-9]{0,9}", k) and int(k) < 4294967295], key=int)
    return dict([(k, d[k]) for k in ix] + [(k, d[k]) for k in d if k not in ix])

def num(x):
    if x != x or abs(x) == float("inf"):
        return "null"
    if x <= 0:
        return "-" + num(-x) if x else "0"
    t = Decimal(repr(x)).as_tuple()
    d = "".join(map(str, t.digits)).rstrip("0")
    n, k = t.exponent + len(t.digits), len(d)
    if k <= n <= 21:
        return d + "0" * (n - k)
    if 0 < n <= 21:
        return d[:n] + "." + d[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + d
    return d[0] + (k > 1 and "." + d[1:] or "") + "e" + (n > 0 and "+" or "-") + str(abs(n - 1))

def dump(v, i=""):
    j = i + "  "
    if isinstance(v, dict):
        return v and "{\n" + ",\n".join(j + dump(k) + ": " + dump(x, j) for k, x in v.items()) + "\n" + i + "}" or "{}"
    if isinstance(v, list):
        return v and "[\n" + ",\n".join(j + dump(x, j) for x in v) + "\n" + i + "]" or "[]"
    if isinstance(v, float):
        return num(v)
    return re.sub("[\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group()), json.dumps(v, ensure_ascii=False))

def const(x):
    bad("it is not valid JSON (%s)" % x)

try:
    t = open(sys.argv[1], "rb").read().decode("utf-8")
except FileNotFoundError:
    t = ""
except UnicodeDecodeError:
    bad("it is not UTF-8 text")
t = t[t[:1] == "\ufeff":]
c = {}
if t.strip("\t\n\v\f\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(8192, 8203)))):
    try:
        c = json.loads(t, object_pairs_hook=obj, parse_int=float, parse_float=float, parse_constant=const)
    except ValueError as e:
        bad("it is not valid JSON (%s)" % e)
    if not isinstance(c, dict):
        bad("it is not a JSON object")
for k in S["keys"] + ["kernel_python3_credentials"] * (S["python3"] and "kernel_python3_credentials" in c):
    r = c.get(k)
    r = r if isinstance(r, dict) else {}
    for x in ("password", "base64_password", "username"):
        r.pop(x, None)
    r["url"], r["auth"] = S["url"], S["auth"][0]
    c[k] = r
c["kerberos_auth_configuration"] = S["kerberos"]
a = c.get("authenticators")
if isinstance(a, dict) and S["auth"][0] not in a:
    a[S["auth"][0]] = S["auth"][1]
if S["ignoreSsl"]:
    c["ignore_ssl_errors"] = True
else:
    c.pop("ignore_ssl_errors", None)
c.update(S["top"])
DEFAULTS
sys.stdout.buffer.write((dump(c) + "\n").encode("utf-8"))
`;

/** The session defaults merged key by key, written only when the profile has some. */
const DEFAULTS = String.raw`d = S["defaults"]
o = c.get("session_configs_defaults")
o = o if isinstance(o, dict) else {}
f = d.pop("conf", None)
o.update(d)
if f:
    p = o.get("conf")
    o["conf"] = obj(list((p if isinstance(p, dict) else {}).items()) + list(f.items()))
c["session_configs_defaults"] = o`;

/** The merge program with the profile's values built in. */
export function sparkmagicMergeProgram(profile: IProfile): string {
  assertValidProfile(profile, [
    'livyUrl',
    'kernels',
    'kerberosAuth',
    'tls',
    'session'
  ]);
  const spec = {
    keys: profile.kernels.map(credentialsKey),
    python3: profile.kernels.includes('python'),
    url: configUrl(profile.livyUrl),
    auth: [KERBEROS_AUTH, KERBEROS_AUTHENTICATOR],
    kerberos: kerberosAuthConfiguration(profile.kerberosAuth),
    ignoreSsl: profile.tls.ignoreSslErrors,
    top: sessionTopLevel(profile.session)
  };
  const defaults = sessionDefaults(profile.session);
  const some = Object.keys(defaults).length > 0;
  // JSON as a raw triple-quoted Python string: JSON text never holds three
  // quotes in a row nor ends in a backslash, and its quotes need no escape,
  // which keeps the script within SageMaker's size limit.
  return PROGRAM.replace(
    'json.loads(SPEC,',
    () =>
      `json.loads(r"""${JSON.stringify(some ? { ...spec, defaults } : spec)}""",`
  ).replace('DEFAULTS\n', () => (some ? DEFAULTS + '\n' : ''));
}
