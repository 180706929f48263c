/**
 * The second half of the doctor script: network and Kerberos checks, all
 * started at once in the background, each bounded by `timeout`, so a hung
 * KDC or DNS costs one bound (5 s), not one per step.
 *
 * Nothing here changes the user's files or ticket cache: kinit writes into
 * the script's temporary directory, kvno and curl use a copy of the cache.
 */
export const SCRIPT_CHECKS = `# Importing all of sparkmagic takes seconds (pandas, IPython); the kernels'
# Kerberos part (requests_kerberos and its GSSAPI binding) is imported for
# real, sparkmagic itself located.
pyimport() {
  t 5 "$1" -c 'import importlib.metadata as m, importlib.util as u
import requests_kerberos
if u.find_spec("sparkmagic") is None:
    raise ModuleNotFoundError("No module named sparkmagic")
print("sparkmagic", m.version("sparkmagic"))
print("requests_kerberos", m.version("requests-kerberos"))'
}
dns() {
  _o=$(t 2 getent hosts "$1" | head -n 1)
  echo "forward $_o"
  _a=$(echo "$_o" | cut -d' ' -f1)
  [ -n "$_a" ] || return 2
  echo "reverse $(t 2 getent hosts "$_a" | head -n 1)"
}
tcp() {
  command -v bash >/dev/null 2>&1 || return 127
  # shellcheck disable=SC2016
  t 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' tcp "$1" "$2"
}
# Curl as Sparkmagic's requests would verify: the kernels' CA bundle, else
# the profile's, else the system store; -k only when the profile asks.
CACERT=\${REQUESTS_CA_BUNDLE:-\${CURL_CA_BUNDLE:-$P_CACERT}}
# (-w reads a file when its argument starts with @, hence the newline first.)
WOUT='\\n@@PART write-out\\ncode %{http_code}\\nconnect %{time_connect}\\nip %{remote_ip}\\n'
# Livy without credentials (and without checking the certificate, which the
# SPNEGO probe does): TCP through the load balancer, the Date header, the
# Negotiate challenge.
reach() {
  set -- -sS -k -o /dev/null -D "$D/reach.head" -m 5 -w "$WOUT"
  echo "@@PART clock"
  date +%s
  t 5 curl "$@" "$P_URL/sessions" 2>"$D/reach.err"
  _rc=$?
  echo "@@PART after"
  date +%s
  echo "@@PART headers"
  sed '/^[Ss]et-[Cc]ookie:/d' "$D/reach.head" 2>/dev/null
  echo "@@PART stderr"
  cat "$D/reach.err"
  return $_rc
}
# The SPNEGO request Sparkmagic makes: GET /sessions with the kernels'
# krb5.conf and cache; the MIT trace names the service principal asked for.
neg() {
  set -- -sS -v --negotiate -u : -m 5 -o "$D/neg.body" -D "$D/neg.head" -w "$WOUT"
  [ -n "$CACERT" ] && set -- "$@" --cacert "$CACERT"
  [ "$P_INSECURE" = 1 ] && set -- "$@" -k
  _url=$P_URL
  if [ -n "$P_OVERRIDE" ]; then
    set -- "$@" --connect-to "$P_OVERRIDE:$P_PORT:$P_HOST:$P_PORT"
    _url=$P_URL_OVERRIDE
  fi
  echo "@@PART clock"
  date +%s
  KRB5CCNAME=\${PROBE_CC:-\${KRB5CCNAME:-}} KRB5_TRACE="$D/neg.trace" t 5 curl "$@" "$_url/sessions" 2>"$D/neg.err"
  _rc=$?
  echo "@@PART after"
  date +%s
  echo "@@PART headers"
  sed '/^[Ss]et-[Cc]ookie:/d; s/^\\(WWW-Authenticate: Negotiate\\) .*/\\1 <token>/I' "$D/neg.head" 2>/dev/null
  echo "@@PART stderr"
  sed 's/^\\([<>] *[A-Za-z-]*: *Negotiate\\) .*/\\1 <token>/I; /^[<>] *[Ss]et-[Cc]ookie:/d; /^[<>] *[Cc]ookie:/d' "$D/neg.err"
  echo "@@PART body"
  head -c 4000 "$D/neg.body" 2>/dev/null
  echo
  echo "@@PART trace"
  trace "$D/neg.trace"
  return $_rc
}
# A sign-in into a throwaway cache: with the keytab the real one; without it
# an AS request with no password, which the KDC still answers (unknown
# user or service, expired password, a live KDC) before asking for proof.
kprobe() {
  _cc="FILE:$D/probe.cc"
  echo "@@PART out"
  if [ "$P_SIGNIN" = keytab ]; then
    set -- -c "$_cc" -k -t "$P_KEYTAB"
    [ "$P_MODE" = service ] && set -- "$@" -S "$P_SPN"
    KRB5_TRACE="$D/kinit.trace" t 5 kinit "$@" "$P_PRINC"
  elif [ "$FLAVOR" = heimdal ]; then
    t 5 kinit -c "$_cc" --password-file=/dev/null -S "$P_SPN" "$P_PRINC"
  else
    KRB5_TRACE="$D/kinit.trace" t 5 kinit -c "$_cc" -S "$P_SPN" "$P_PRINC"
  fi
  _rc=$?
  echo "@@PART rc"
  echo "$_rc"
  echo "@@PART trace"
  trace "$D/kinit.trace"
  [ "$_rc" = 0 ] || return $_rc
  echo "@@PART klist"
  date +%s
  klist -c "$_cc"
  if [ "$P_MODE" = tgt ]; then
    echo "@@PART kvno"
    KRB5CCNAME="$_cc" t 5 kvno "$P_SPN" 2>&1
  fi
  return 0
}
# The same request for the service name in upper case: tells a principal
# registered with the wrong case from a missing one.
kupper() { t 5 kinit -c "FILE:$D/upper.cc" -S "$P_SPN_UPPER" "$P_PRINC"; }
# The service principal through the cached TGT, as Sparkmagic would get it.
kvnocached() { KRB5CCNAME="$PROBE_CC" KRB5_TRACE="$D/kvno.trace" t 5 kvno "$P_SPN"; }

FLAVOR=mit
klist -V 2>&1 | grep -q 'Kerberos 5 version' || FLAVOR=heimdal
while IFS= read -r _py; do [ -n "$_py" ] && bg pyimport "$_py" pyimport "$_py"; done <"$D/pythons"
for _h in $P_DNS; do bg dns "$_h" dns "$_h"; done
for _k in $P_KDCS; do bg tcp "$_k" tcp "\${_k%:*}" "\${_k##*:}"; done
bg reach '' reach
bg neg '' neg
bg kprobe '' kprobe
[ "$FLAVOR" = mit ] && [ "$P_SPN_UPPER" != "$P_SPN" ] && bg kupper '' kupper
[ "$HAS_TGT" = 1 ] && bg kvno '' kvnocached
flush
echo '@@SMKDOC DONE'
`;
