/**
 * The local part of the doctor script, run in order after SCRIPT_ENV: tools,
 * the files the kernels read (krb5.conf with its includes, the Sparkmagic
 * config), the ticket cache and the running kernels. All quick; nothing
 * here touches the network.
 */
export const SCRIPT_BASE = `meta() {
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
sec smconf "$SMKERNEL" smconf "$SMKERNEL"
[ -n "$P_SMCONF" ] && [ "$P_SMCONF" != "$SMKERNEL" ] && sec smconf "$P_SMCONF" smconf "$P_SMCONF"
# Who can read the keytab (it signs in without a password).
[ "$P_SIGNIN" = keytab ] && sec keytab "$P_KEYTAB" stat -L -c %a "$P_KEYTAB"

# The kernels' ticket cache; probes use a copy so the cache stays untouched.
sec klist '' t 5 klist -f
CC=$(sed -n 's/^Ticket cache: //p; s/^Credentials cache: //p' "$D/_sec" | head -n 1)
HAS_TGT=0
grep -q 'krbtgt/' "$D/_sec" && HAS_TGT=1
[ -n "\${KRB5CCNAME:-}" ] && sec defcache '' t 5 env -u KRB5CCNAME klist
case $CC in FILE:*) _c=\${CC#FILE:} ;; DIR::*) _c=\${CC#DIR::} ;; /*) _c=$CC ;; *) _c= ;; esac
PROBE_CC=$CC
[ -n "$_c" ] && cp "$_c" "$D/cc" 2>/dev/null && PROBE_CC="FILE:$D/cc"
# shellcheck disable=SC2009
kernels() { date +%s && ps -u "$(id -u)" -o pid=,etimes=,args= | grep '[s]parkmagic[./]kernels'; }
sec kernels '' kernels
`;
