/**
 * The steps of the on-start script, in the order they run. Each starts with
 * `step NAME`, so a failure names it. Values from the profile are quoted
 * with shellQuote; texts the extension renders are staged in $T by
 * `stageFiles` and copied from there.
 */
import { shellQuote as q } from '../terminal/shell';
import { KRB5_DROPIN_NAME } from '../krb5';
import { SAGEMAKER } from './options';

/** Texts written into $T before the steps run (name → content). */
export function stageFiles(files: Record<string, string>): string {
  return Object.keys(files)
    .map(name => `printf %s ${q(files[name])} >"$T/${name}"\n`)
    .join('');
}

/**
 * Two texts that end alike (krb5.conf and its drop-in) staged with the
 * common end written once, in $B; each file is still exactly its text.
 */
export function stagePair(
  names: [string, string],
  texts: [string, string]
): string {
  const [a, b] = texts;
  let n = 0;
  while (
    n < Math.min(a.length, b.length) &&
    a[a.length - 1 - n] === b[b.length - 1 - n]
  ) {
    n++;
  }
  // Split at a line start, so the script stays readable.
  n -= a.slice(a.length - n).indexOf('\n') + 1;
  if (n < 64) {
    return stageFiles({ [names[0]]: a, [names[1]]: b });
  }
  return (
    `B=${q(a.slice(a.length - n))}\n` +
    names
      .map((name, i) => {
        const head = texts[i].slice(0, texts[i].length - n);
        return `printf %s ${head === '' ? "''" : q(head)} "$B" >"$T/${name}"\n`;
      })
      .join('')
  );
}

/** Installs MIT Kerberos in the background when kinit is missing. */
export const KRB5_CLIENT = String.raw`step krb5-client "Kerberos client"
if command -v kinit >/dev/null; then
  log "kinit found: $(command -v kinit)"
else
  PM=$(command -v dnf || command -v yum) || fail "kinit is missing and there is no dnf or yum to install krb5-workstation"
  log "kinit missing: $PM install -y krb5-workstation in the background (log: $BG)"
  # shellcheck disable=SC2016
  nohup sh -c '"$1" install -y krb5-workstation && echo "[sparkmagic-kerberos] krb5-client: installed" || echo "[sparkmagic-kerberos] krb5-client: FAILED: $1 install -y krb5-workstation"' sh "$PM" >>"$BG" 2>&1 &
fi
`;

/**
 * Reads the JupyterLab version. The environment belongs to the notebook user,
 * so its Python runs as the environment's owner: a `.pth` file or
 * `sitecustomize` planted there must never run as root.
 */
export const JUPYTERLAB = String.raw`step jupyterlab "JupyterLab version in $E"
O=$(stat -c %U "$E" 2>/dev/null) || O=$U
labversion() {
  "$E/bin/python" -c 'from importlib.metadata import version; print(version("jupyterlab"))' 2>/dev/null ||
    "$E/bin/python" -c 'import jupyterlab; print(jupyterlab.__version__)' 2>/dev/null
}
V=$(as "$O" labversion) || V=
case $V in
  4.*) log "JupyterLab $V (owner $O)" ;;
  '') log "no JupyterLab in $E; the Spark Kerberos panel needs JupyterLab 4: setting up Kerberos and Sparkmagic only" ;;
  *) log "JupyterLab $V found; the Spark Kerberos panel needs JupyterLab 4: not installing it, setting up Kerberos and Sparkmagic only" ;;
esac
`;

/** What the restart step compares: the panel, the preset and the kernel environment. */
export const FINGERPRINT = String.raw`fp() { cat "$X" "$S" "$J" 2>/dev/null | cksum || true; }
F0=$(fp)
`;

/** Read with the user's rights (root follows no link of theirs) into root's $T. */
const ROOT_READ = String.raw`  # shellcheck disable=SC2024
  sudo -u "$U" -- cat -- "$W0" >"$W" || fail "cannot read $W0 as $U"
`;

/**
 * Fetches the wheel (S3 or the persistent volume) into root's own $T, checks
 * the SHA-256 embedded at generation time and installs that very copy
 * offline, so nothing the user can write is swapped in between.
 */
export function wheelStep(
  options: {
    wheelS3Uri?: string;
    wheelPath?: string;
    wheelSha256?: string;
  },
  volume = SAGEMAKER.volume,
  read = ROOT_READ
): string {
  const sum = q((options.wheelSha256 ?? '').toLowerCase());
  if (options.wheelS3Uri !== undefined) {
    const uri = options.wheelS3Uri;
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    return String.raw`if [[ $V == 4.* ]]; then
  W3=${q(uri)}
  step wheel "copying $W3"
  W=$T/${q(name)}
  A=$(command -v aws || echo /usr/local/bin/aws)
  "$A" s3 cp --only-show-errors "$W3" "$W" || fail "cannot copy $W3 (the IAM role of the notebook or space needs s3:GetObject on it)"
  [ -f "$W" ] || fail "wheel not found: $W"
${verify(sum)}${INSTALL}fi
`;
  }
  if (options.wheelPath !== undefined) {
    const path = options.wheelPath;
    const name = path.slice(path.lastIndexOf('/') + 1);
    return String.raw`if [[ $V == 4.* ]]; then
  step wheel "wheel on the persistent volume"
  W0=${q(path)}
  [ -f "$W0" ] || fail "wheel not found: $W0 (keep it under ${volume}/)"
  W=$T/${q(name)}
${read}${verify(sum)}${INSTALL}fi
`;
  }
  return String.raw`if [[ $V == 4.* ]]; then
  step wheel "no wheel given (--wheel-s3-uri or --wheel-path): the panel is not installed"
fi
`;
}

function verify(sum: string): string {
  return String.raw`  chmod 644 "$W"
  WS=$(sha256sum <"$W" | cut -d' ' -f1)
  [ "$WS" = ${sum} ] || fail "SHA-256 mismatch: the wheel has $WS, the script was made for ${sum}; nothing installed"
  log "SHA-256 $WS verified"
`;
}

const INSTALL = String.raw`  step install "pip install --no-deps --no-index $W into $E as $O"
  pipinstall() { "$E/bin/python" -m pip install --no-deps --no-index --disable-pip-version-check -q "$1"; }
  as "$O" pipinstall "$W"
`;

/** The overrides.d preset: the profile as the administrator's default. */
export const PRESET = String.raw`step preset "settings preset $S"
preset() { mkdir -p "$(dirname "$S")"; put "$S" 644 <"$T/preset.json"; }
if [ -d "$E" ]; then as "$O" preset; else log "no $E: no preset"; fi
`;

/**
 * krb5.conf: the drop-in when /etc/krb5.conf reads an `includedir` before
 * anything else, mentions our realm nowhere and the directory holds no other
 * file MIT would read (older MIT reads them unsorted); otherwise the
 * profile's file is included first, so its values are the ones MIT keeps.
 */
export function krb5Step(realm: string, form: 'auto' | 'first'): string {
  const dropin = String.raw`D=$(awk -v r=${q(realm)} '/^[ \t]*([#;]|$)/ {next} !n++ && /^includedir[ \t]/ {d=$2; sub(/\/+$/, "", d)} index($0, r) {d=""; exit} END {print d}' "$K" 2>/dev/null) || D=
F=
if [ -n "$D" ]; then for f in "$D"/*; do
  n=$(basename "$f"); if [ "$n" != ${KRB5_DROPIN_NAME} ] && [[ $n =~ ^[A-Za-z0-9_-]+$|\.conf$ ]]; then F=$n; fi
done; fi
if [ -n "$D" ] && [ -z "$F" ]; then
  log "$K reads $D first: writing the drop-in $D/${KRB5_DROPIN_NAME}"
  mkdir -p "$D"
  put "$D/${KRB5_DROPIN_NAME}" 644 <"$T/krb5-dropin"
elif`;
  return String.raw`step krb5 "Kerberos settings"
K=/etc/krb5.conf
I=/etc/krb5-sparkmagic-kerberos.conf
${form === 'auto' ? dropin : 'if'} [ ! -e "$K" ]; then
  log "no $K yet: writing it"
  put "$K" 644 <"$T/krb5.conf"
else
  log "our settings first: $K includes $I before anything else"
  put "$I" 644 <"$T/krb5.conf"
  if [ "$(sed -n 2p "$K")" != "include $I" ]; then
    { printf '%s\n' '# Added by jupyterlab-sparkmagic-kerberos: read its settings first.' "include $I"; cat "$K"; } >"$T/k"
    put "$K" 644 <"$T/k"
  fi
fi
`;
}

/** Persistent user state: directories, links into place, keytab. */
export function stateStep(keytab: string): string {
  return String.raw`step state "user state on the persistent volume $P"
state() {
  umask 077
  mkdir -p "$P/sparkmagic" "$P/lab-settings" "$P/keytabs" "$H/.jupyter/lab/user-settings"
  keep "$H/.sparkmagic" "$P/sparkmagic"
  keep "$H/.jupyter/lab/user-settings/jupyterlab-sparkmagic-kerberos" "$P/lab-settings"
  chmod 700 "$P" "$P/sparkmagic" "$P/lab-settings" "$P/keytabs"
  find "$P/keytabs" -type f ! -perm 600 -exec chmod 600 {} +
${keytabLines(keytab)}}
as "$U" state
`;
}

function keytabLines(keytab: string): string {
  if (keytab === '' || keytab.startsWith(SAGEMAKER.state + '/')) {
    return '';
  }
  if (keytab.startsWith(SAGEMAKER.volume + '/')) {
    return String.raw`  if [ -f ${q(keytab)} ]; then chmod 600 ${q(keytab)}; fi
`;
  }
  const name = keytab.slice(keytab.lastIndexOf('/') + 1);
  return String.raw`  local k=${q(keytab)} c="$P"/keytabs/${q(name)}
  if [ -f "$k" ] && [ ! -L "$k" ] && [ ! -e "$c" ]; then cp -p "$k" "$c"; chmod 600 "$c"; log "copied $k to $c"; fi
  if [ "$(readlink "$k")" = "$c" ]; then log "keytab: $k -> $c"
  elif [ -f "$k" ] && [ ! -L "$k" ] && ! cmp -s "$k" "$c"; then log "WARNING: $k differs from $c; both kept, kinit reads $k"
  elif [ -e "$c" ]; then mkdir -p "$(dirname "$k")"; ln -sfn "$c" "$k"; log "linked $k -> $c"
  else log "no keytab yet: put it at $c (linked to $k at every start)"; fi
`;
}

/** Sparkmagic config: merged by the embedded Python, written only when it changes. */
export function sparkmagicStep(config: string): string {
  return String.raw`step sparkmagic "Sparkmagic config ${config}"
PY=$E/bin/python
[ -x "$PY" ] || PY=$(command -v python3) || fail "no Python to merge the Sparkmagic config"
sparkmagic() {
  local c=${config} t
  t=$(mktemp)
  "$1" "$T/merge.py" "$c" >"$t" || { rm -f "$t"; fail "$c was left as it was"; }
  put "$c" 600 <"$t"
  rm -f "$t"
}
as "$U" sparkmagic "$PY"
`;
}

export const SPARKMAGIC = sparkmagicStep('$P/sparkmagic/config.json');

/** REQUESTS_CA_BUNDLE for the kernels, the way SageMaker passes variables to Jupyter. */
export function kernelEnvStep(caBundle: string): string {
  return String.raw`step kernel-env "REQUESTS_CA_BUNDLE for the kernels in $J"
{ grep -v '^export REQUESTS_CA_BUNDLE=' "$J" 2>/dev/null || true; echo ${q('export REQUESTS_CA_BUNDLE=' + q(caBundle))}; } >"$T/env"
put "$J" 644 <"$T/env"
`;
}

/** Restarts Jupyter when the panel, preset or kernel environment changed. */
export const RESTART = String.raw`step restart "Jupyter"
if [ "$(fp)" = "$F0" ]; then
  log "panel, preset and kernel environment unchanged: no restart needed"
elif command -v systemctl >/dev/null; then
  systemctl --no-block restart jupyter-server.service || log "WARNING: restart failed"
elif command -v initctl >/dev/null; then
  initctl restart jupyter-server --no-wait || log "WARNING: restart failed"
else
  log "WARNING: no systemctl or initctl; restart Jupyter to load the panel"
fi
step finish "done"
`;
