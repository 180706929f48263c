/**
 * The first half of the doctor script: framing helpers, then everything
 * local and quick, run in order — tools, the environment Sparkmagic kernels
 * get, the files they read, the ticket cache, the running kernels.
 *
 * Output protocol (parsed by output.ts): each step is framed as
 *   @@SMKDOC BEGIN <id> <arg>
 *   |<output line>            (every line prefixed with "|")
 *   @@SMKDOC END <id> <rc> <ms>
 * and a section may hold parts introduced by `@@PART <name>` lines.
 * Nothing here writes outside the script's own temporary directory.
 */
export const SCRIPT_BASE = `export LC_ALL=C TZ=UTC
umask 077
D=$(mktemp -d "\${TMPDIR:-/tmp}/smk-doctor.XXXXXX") || exit 70
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
# sec ID ARG CMD...: run CMD now and print its framed section.
sec() {
  _id=$1 _arg=$2
  shift 2
  _s=$(now_ms)
  "$@" >"$D/_sec" 2>&1 </dev/null
  _rc=$?
  printf '@@SMKDOC BEGIN %s %s\\n' "$_id" "$_arg"
  sed 's/^/|/' "$D/_sec"
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
    sed 's/^/|/' "$D/bg$_i.out"
    printf '@@SMKDOC END %s %s %s\\n' "$(cut -d' ' -f1 "$D/bg$_i.id")" "$_rc" "$_ms"
  done
}
# MIT trace without key fingerprints (lines ending in enctype/XXXX).
trace() { [ -f "$1" ] && sed '/[a-z0-9-]\\/[0-9A-F]\\{4\\}$/d' "$1" | head -n 200; }

meta() {
  echo "now $(date +%s)"
  echo "uid $(id -u)"
  echo "server \${SRV:-none}"
  echo "python \${PY:-none}"
}
tools() {
  for _c in kinit klist kvno curl timeout getent bash; do
    echo "$_c $(command -v "$_c")"
  done
  echo "@@PART klist-V"
  klist -V 2>&1 | head -n 2
  echo "@@PART klist-version"
  klist --version 2>&1 | head -n 2
}

# The Jupyter server: the nearest ancestor running it (a panel terminal);
# none when run from a plain shell (the CLI).
find_server() {
  _p=$PPID
  while [ -n "$_p" ] && [ "$_p" -gt 1 ]; do
    if tr '\\0' ' ' <"/proc/$_p/cmdline" 2>/dev/null |
      grep -Eq 'jupyter[-_ ]?(lab|server|notebook)|jupyterhub-singleuser|-m notebook'; then
      echo "$_p"
      return 0
    fi
    _p=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$_p/status" 2>/dev/null)
  done
  return 1
}
KVARS='KRB5_CONFIG|KRB5CCNAME|SPARKMAGIC_CONF_DIR|SPARKMAGIC_CONF_FILE|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|HOME|PATH'
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
KSPEC='import json, shutil, sys
try:
    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().get_all_specs()
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
    out[name] = {"python": py, "env": d["spec"].get("env") or {}, "dir": d["resource_dir"]}
print(json.dumps(out))
pick = out.get("pysparkkernel") or next(iter(out.values()), None)
for k, v in ((pick or {}).get("env") or {}).items():
    if "\\n" not in str(v):
        print("E\\t%s\\t%s" % (k, v))
for py in sorted(set(s["python"] for s in out.values())):
    print("P\\t%s" % py)'
kspec() { [ -n "$PY" ] && t 5 "$PY" -c "$KSPEC"; }
sec kspec '' kspec
sed -n "s/^E$TAB//p" "$D/_sec" | tr "$TAB" = | grep -E "^($KVARS)=" >>"$D/kenv"
sed -n "s/^P$TAB//p" "$D/_sec" >"$D/pythons"
for _v in KRB5_CONFIG KRB5CCNAME SPARKMAGIC_CONF_DIR SPARKMAGIC_CONF_FILE REQUESTS_CA_BUNDLE CURL_CA_BUNDLE; do
  if khas "$_v"; then export "$_v=$(kget "$_v")"; else unset "$_v"; fi
done
KHOME=$(kget HOME)
KHOME=\${KHOME:-$HOME}
sec meta '' meta
sec tools '' tools
sec curlv '' curl -V
sec kenv "\${SRV:-shell}" cat "$D/kenv"

# krb5.conf as MIT reads it for the kernels: KRB5_CONFIG (a colon list) or
# /etc/krb5.conf, and every file its include/includedir lines bring in.
KSEEN=' '
krb5_file() {
  case $KSEEN in *" $1 "*) return 0 ;; esac
  KSEEN="$KSEEN$1 "
  [ "$2" -gt 5 ] && return 0
  sec krb5file "$1" cat "$1"
  [ -r "$1" ] || return 0
  sed -n 's/^include[[:space:]][[:space:]]*//p; s/^includedir[[:space:]][[:space:]]*/+/p' "$1" >"$D/inc.$2"
  while IFS= read -r _l; do
    case $_l in
      +*) krb5_dir "\${_l#+}" $(($2 + 1)) ;;
      /*) krb5_file "$_l" $(($2 + 1)) ;;
    esac
  done <"$D/inc.$2"
}
krb5_dir() {
  for _f in "$1"/*; do
    case \${_f##*/} in .*) continue ;; *.conf) ;; *[!A-Za-z0-9_-]*) continue ;; esac
    [ -f "$_f" ] && krb5_file "$_f" "$2"
  done
}
echo "\${KRB5_CONFIG:-/etc/krb5.conf}" | tr ':' '\\n' >"$D/krb5files"
while IFS= read -r _k; do [ -n "$_k" ] && krb5_file "$_k" 0; done <"$D/krb5files"

# The Sparkmagic config the kernels read, and the one the profile names.
SMKERNEL="\${SPARKMAGIC_CONF_DIR:-$KHOME/.sparkmagic}/\${SPARKMAGIC_CONF_FILE:-config.json}"
# shellcheck disable=SC2088
case $SMKERNEL in "~/"*) SMKERNEL="$KHOME/\${SMKERNEL#"~/"}" ;; esac
smconf() { stat -c 'mtime %Y' "$1" && echo '@@PART content' && head -c 200000 "$1"; }
sec smconf "$SMKERNEL" smconf "$SMKERNEL"
[ -n "$P_SMCONF" ] && [ "$P_SMCONF" != "$SMKERNEL" ] && sec smconf "$P_SMCONF" smconf "$P_SMCONF"

# The kernels' ticket cache; probes use a copy so the cache stays untouched.
sec klist '' t 5 klist -f
CC=$(sed -n 's/^Ticket cache: //p; s/^Credentials cache: //p' "$D/_sec" | head -n 1)
HAS_TGT=0
grep -q 'krbtgt/' "$D/_sec" && HAS_TGT=1
[ -n "\${KRB5CCNAME:-}" ] && sec defcache '' env -u KRB5CCNAME klist
case $CC in FILE:*) _c=\${CC#FILE:} ;; DIR::*) _c=\${CC#DIR::} ;; /*) _c=$CC ;; *) _c= ;; esac
PROBE_CC=$CC
[ -n "$_c" ] && cp "$_c" "$D/cc" 2>/dev/null && PROBE_CC="FILE:$D/cc"
# shellcheck disable=SC2009
kernels() { date +%s && ps -eo pid=,etimes=,args= | grep '[s]parkmagic[./]kernels'; }
sec kernels '' kernels
`;
