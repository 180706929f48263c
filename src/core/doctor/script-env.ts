/**
 * The start of every doctor script: framing helpers, then the environment
 * Sparkmagic kernels get — the Jupyter server's variables (or this shell's,
 * from the CLI) overlaid with the Sparkmagic kernelspec's `env` — exported
 * so every later step sees what a kernel sees.
 *
 * Output protocol (parsed by output.ts): each step is framed as
 *   @@SMKDOC BEGIN <id> <arg>
 *   |<output line>            (every line prefixed with "|")
 *   @@SMKDOC END <id> <rc> <ms>
 * and a section may hold parts introduced by `@@PART <name>` lines.
 * Nothing here writes outside the script's own temporary directory.
 */
export const SCRIPT_HELPERS = `export LC_ALL=C TZ=UTC
umask 077
# A run killed outright (SIGKILL skips the EXIT trap) leaves its directory
# with a copy of the ticket cache: removed here once its shell is gone.
for _d in "\${TMPDIR:-/tmp}"/smk-doctor-[0-9]*.??????; do
  _p=\${_d##*/smk-doctor-}
  _p=\${_p%.*}
  case $_p in *[!0-9]*) continue ;; esac
  [ -d "$_d" ] && [ ! -L "$_d" ] && [ -O "$_d" ] && ! kill -0 "$_p" 2>/dev/null && rm -rf "$_d"
done
D=$(mktemp -d "\${TMPDIR:-/tmp}/smk-doctor-$$.XXXXXX") || exit 70
trap 'rm -rf "$D"' EXIT
trap 'exit 129' HUP INT TERM
TAB=$(printf '\\t')
if command -v timeout >/dev/null 2>&1; then
  t() { _t=$1; shift; timeout -k 1 "$_t" "$@"; }
else
  t() { shift; "$@"; }
fi
now_ms() {
  _n=$(date +%s%N)
  case $_n in *N) echo $(($(date +%s) * 1000)) ;; *) echo $((_n / 1000000)) ;; esac
}
# A step's output, each line prefixed with "|", ending in a newline.
body() {
  sed 's/^/|/' "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo; fi
}
# sec ID ARG CMD...: run CMD now and print its framed section.
sec() {
  _id=$1 _arg=$2
  shift 2
  _s=$(now_ms)
  "$@" >"$D/_sec" 2>&1 </dev/null
  _rc=$?
  printf '@@SMKDOC BEGIN %s %s\\n' "$_id" "$_arg"
  body "$D/_sec"
  printf '@@SMKDOC END %s %s %s\\n' "$_id" "$_rc" "$(($(now_ms) - _s))"
}
# bg ID ARG CMD...: run CMD in the background; flush prints its section.
BG=0
bg() {
  BG=$((BG + 1))
  printf '%s %s\\n' "$1" "$2" >"$D/bg$BG.id"
  _f="$D/bg$BG"
  shift 2
  (
    _s=$(now_ms)
    "$@" >"$_f.out" 2>&1 </dev/null
    echo "$? $(($(now_ms) - _s))" >"$_f.rc"
  ) &
}
flush() {
  wait
  _i=0
  while [ "$_i" -lt "$BG" ]; do
    _i=$((_i + 1))
    _rc=-1 _ms=
    [ -f "$D/bg$_i.rc" ] && read -r _rc _ms <"$D/bg$_i.rc"
    printf '@@SMKDOC BEGIN %s\\n' "$(cat "$D/bg$_i.id")"
    body "$D/bg$_i.out"
    printf '@@SMKDOC END %s %s %s\\n' "$(cut -d' ' -f1 "$D/bg$_i.id")" "$_rc" "$_ms"
  done
}
# MIT trace without key fingerprints (lines ending in enctype/XXXX), and
# without what an offline password guess needs: the encrypted timestamp, the
# salt, the PA-FX-COOKIE and any other long hex blob.
trace() {
  [ -f "$1" ] && sed -e '/[a-z0-9-]\\/[0-9A-F]\\{4\\}$/d' \\
    -e 's/\\(Encrypted timestamp ([^)]*)\\):.*/\\1: <redacted>/' \\
    -e 's/salt "[^"]*"/salt <redacted>/g' \\
    -e 's/\\(Received cookie:\\).*/\\1 <redacted>/' \\
    -e 's/[0-9A-Fa-f]\\{32,\\}/<redacted>/g' "$1" | head -n 200
}
`;

export const SCRIPT_ENV = `# The Jupyter server: the nearest ancestor running it (a panel terminal);
# none when run from a plain shell (the CLI).
SERVER_RE='^([^ ]*/)?(python[0-9.]* )?([^ ]*/)?(jupyter-(lab|server|notebook|labhub)|jupyterhub-singleuser|jupyter (lab|server|notebook)) |^([^ ]*/)?python[0-9.]* -m (jupyterlab|jupyter_server|notebook) '
find_server() {
  _p=$PPID
  while [ -n "$_p" ] && [ "$_p" -gt 1 ]; do
    # Only the program and its first arguments count: a shell running this
    # very script has these words further on in its command line.
    if tr '\\0' '\\n' <"/proc/$_p/cmdline" 2>/dev/null | head -n 3 | tr '\\n' ' ' |
      grep -Eq "$SERVER_RE"; then
      echo "$_p"
      return 0
    fi
    _p=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$_p/status" 2>/dev/null)
  done
  return 1
}
KVARS='KRB5_CONFIG|KRB5CCNAME|SPARKMAGIC_CONF_DIR|SPARKMAGIC_CONF_FILE|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|HOME|PATH|JUPYTER_PATH|JUPYTER_DATA_DIR|JUPYTER_CONFIG_DIR|JUPYTER_PREFER_ENV_PATH'
SRV=$(find_server) || SRV=
if [ -n "$SRV" ] && [ -r "/proc/$SRV/environ" ]; then
  tr '\\0' '\\n' <"/proc/$SRV/environ"
else
  env
fi | grep -E "^($KVARS)=" >"$D/kenv"
kget() { sed -n "s/^$1=//p" "$D/kenv" | tail -n 1; }
khas() { grep -q "^$1=" "$D/kenv"; }

# The Python that runs the Sparkmagic kernels: the server's interpreter.
PY=
if [ -n "$SRV" ]; then
  PY=$(tr '\\0' '\\n' <"/proc/$SRV/cmdline" | head -n 1)
  case $PY in
    */*) ;;
    *python*) PY=$(PATH=$(kget PATH) command -v "$PY") ;;
    *) PY= ;;
  esac
fi
if [ -z "$PY" ] && _j=$(command -v jupyter 2>/dev/null); then
  # shellcheck disable=SC2046
  set -- $(sed -n '1s/^#![[:space:]]*//p' "$_j")
  [ "\${1##*/}" = env ] && shift
  PY=\${1:-}
fi
case $PY in */python*) [ -x "$PY" ] || PY= ;; *) PY= ;; esac
[ -n "$PY" ] || PY=$(command -v python3 2>/dev/null)
KSPEC='import json, os, shutil, sys
try:
    from jupyter_client.kernelspec import KernelSpecManager
    ksm = KernelSpecManager()
    specs = ksm.get_all_specs()
except Exception as e:
    print(json.dumps({"error": repr(e)}))
    sys.exit(0)
out = {}
own = ("python", "python3", "python%d.%d" % sys.version_info[:2])
for name, d in sorted(specs.items()):
    argv = d["spec"].get("argv") or [""]
    if not any("sparkmagic" in a for a in argv):
        continue
    py = sys.executable if argv[0] in own else (shutil.which(argv[0]) or argv[0])
    same = [os.path.join(k, name) for k in ksm.kernel_dirs if os.path.isfile(os.path.join(k, name, "kernel.json"))]
    out[name] = {"python": py, "env": d["spec"].get("env") or {}, "dir": d["resource_dir"], "shadowed": same[1:]}
print(json.dumps(out))
pick = out.get("pysparkkernel") or next(iter(out.values()), None)
for k, v in ((pick or {}).get("env") or {}).items():
    if "\\n" not in str(v):
        print("E\\t%s\\t%s" % (k, v))
for py in sorted(set(s["python"] for s in out.values())):
    print("P\\t%s" % py)'
# The server's kernelspec search path (JUPYTER_*; in a virtualenv or conda
# environment its own kernelspecs shadow user-level ones of the same name).
kspec() {
  for _v in JUPYTER_PATH JUPYTER_DATA_DIR JUPYTER_CONFIG_DIR JUPYTER_PREFER_ENV_PATH; do
    if khas "$_v"; then export "$_v=$(kget "$_v")"; else unset "$_v"; fi
  done
  [ -n "$PY" ] && t 5 "$PY" -c "$KSPEC"
}
sec kspec '' kspec
sed -n "s/^E$TAB//p" "$D/_sec" | tr "$TAB" = | grep -E "^($KVARS)=" >>"$D/kenv"
sed -n "s/^P$TAB//p" "$D/_sec" >"$D/pythons"
for _v in KRB5_CONFIG KRB5CCNAME SPARKMAGIC_CONF_DIR SPARKMAGIC_CONF_FILE REQUESTS_CA_BUNDLE CURL_CA_BUNDLE; do
  if khas "$_v"; then export "$_v=$(kget "$_v")"; else unset "$_v"; fi
done
KHOME=$(kget HOME)
KHOME=\${KHOME:-$HOME}
# Python's expanduser falls back to the password database, and so do we.
[ -n "$KHOME" ] || KHOME=$(getent passwd "$(id -u)" | cut -d: -f6)
# Where the kernels look for the Sparkmagic config (sparkmagic's own rule).
SMKERNEL="\${SPARKMAGIC_CONF_DIR:-$KHOME/.sparkmagic}/\${SPARKMAGIC_CONF_FILE:-config.json}"
# shellcheck disable=SC2088
case $SMKERNEL in "~/"*) SMKERNEL="$KHOME/\${SMKERNEL#"~/"}" ;; esac
smconf() { stat -c 'mtime %Y' "$1" && echo '@@PART content' && head -c 200000 "$1"; }
`;
