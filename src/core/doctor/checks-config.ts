/**
 * Point 2, the rest: the ticket cache the kernels use (type FILE vs
 * KEYRING/KCM), the Sparkmagic config they read, and kernels started before
 * the last apply (Sparkmagic reads its config once, at kernel start).
 */
import { parseJsonText } from '../json-text';
import { validateSparkmagicConfig } from '../sparkmagic/config';
import { ICheckInput } from './input';
import { sectionOf, sectionParts, sectionsOf } from './output';
import { fail, pass, warn } from './result';
import { IDoctorResult } from './types';

/** The cache klist used, from `Ticket cache: X` or the name in its error. */
export function cacheName(klistText: string): string | null {
  const patterns = [
    /^(?:Ticket|Credentials) cache: (\S+)/m,
    /No credentials cache found \(filename: ([^)]+)\)/,
    /No ticket file: (\S+)/,
    /Credentials cache keyring '([^']+)' not found/,
    /Credentials cache '([^']+)' not found/
  ];
  for (const [i, re] of patterns.entries()) {
    const m = re.exec(klistText);
    if (m) {
      return i === 3 ? `KEYRING:${m[1]}` : m[1];
    }
  }
  return /KCM/.test(klistText) ? 'KCM:' : null;
}

/** FILE, DIR, KEYRING, KCM, API, MEMORY; a bare path is FILE. */
export function cacheType(name: string): string {
  const m = /^([A-Z]+):/.exec(name);
  return m ? m[1] : 'FILE';
}

export function checkCache(input: ICheckInput): IDoctorResult {
  const id = 'config.ccache';
  const title = 'Ticket cache the kernels use';
  const name = cacheName(sectionOf(input.out, 'klist')?.text ?? '');
  const defcache = sectionOf(input.out, 'defcache');
  const defName = defcache ? cacheName(defcache.text) : name;
  const setting = input.krb5.get('libdefaults', 'default_ccache_name');
  const where = setting
    ? `default_ccache_name = ${setting.value} in ${setting.file}`
    : 'no default_ccache_name (MIT uses FILE:/tmp/krb5cc_<uid>)';
  const fix =
    `Set default_ccache_name = FILE:/tmp/krb5cc_%{uid} under [libdefaults] in ${input.krb5.files[0]}, ` +
    'before any includedir line (the first value read wins, and a drop-in such as sssd-kcm sets KCM:), ' +
    'then sign in again and restart the Sparkmagic kernels.';
  if (name === null) {
    return warn(id, title, `klist did not name its cache (${where}).`, fix);
  }
  const type = cacheType(name);
  if (type !== 'FILE' && type !== 'DIR') {
    return warn(
      id,
      title,
      `The kernels use ${name} (${type}; ${where}). ${type} caches are often invisible to kernels in containers and other sessions.`,
      fix,
      'NO_CREDENTIALS'
    );
  }
  if (defName !== null && defName !== name && cacheType(defName) !== 'FILE') {
    return warn(
      id,
      title,
      `The kernels use ${name} (KRB5CCNAME), but a terminal without KRB5CCNAME signs in to ${defName} (${where}).`,
      fix,
      'NO_CREDENTIALS'
    );
  }
  return pass(id, title, `${name} (${type}; ${where}).`);
}

export function checkSparkmagicConfig(input: ICheckInput): IDoctorResult {
  const id = 'config.sparkmagic';
  const title = 'Sparkmagic config the kernels read';
  const [kernels, profiles] = sectionsOf(input.out, 'smconf');
  const apply =
    'Apply the profile again (panel: Apply; CLI: sparkmagic-kerberos render-sparkmagic --profile FILE ' +
    '--existing PATH > PATH.new && mv PATH.new PATH), then restart the Sparkmagic kernels.';
  if (!kernels) {
    return fail(
      id,
      title,
      'SPARKMAGIC_CONFIG_INVALID',
      'The config file was not read.',
      apply
    );
  }
  if (profiles) {
    return fail(
      id,
      title,
      'SPARKMAGIC_CONFIG_INVALID',
      `The kernels read ${kernels.arg}, but the profile writes ${profiles.arg}.`,
      "Clear the profile's Sparkmagic config path (so it writes where the kernels look), or set " +
        "SPARKMAGIC_CONF_DIR to its directory in the kernels' environment."
    );
  }
  if (kernels.rc !== 0) {
    return fail(
      id,
      title,
      'SPARKMAGIC_CONFIG_INVALID',
      `The kernels read ${kernels.arg}, which does not exist: they use Sparkmagic's defaults (http://localhost:8998, no Kerberos).`,
      apply
    );
  }
  const content = sectionParts(kernels.text).get('content') ?? '';
  const parsed = parseJsonText(content.replace(/^\uFEFF/, '') || '{}');
  if (!parsed.ok) {
    const e = parsed.error;
    return fail(
      id,
      title,
      'SPARKMAGIC_CONFIG_INVALID',
      `${kernels.arg} line ${e.line}, column ${e.column}: ${e.message}. The kernels fail to start.`,
      `Fix the JSON at that position, or restore the backup next to it (${kernels.arg}.*); then ${apply}`
    );
  }
  const problems = validateSparkmagicConfig(parsed.value, input.profile);
  const errors = problems.filter(p => p.severity === 'error');
  const list = (ps: typeof problems) =>
    ps.map(p => `${p.path || '(top)'}: ${p.message}`).join(' ');
  if (errors.length > 0) {
    return fail(
      id,
      title,
      'SPARKMAGIC_CONFIG_INVALID',
      `${kernels.arg}: ${list(errors)}`,
      apply
    );
  }
  if (problems.length > 0) {
    return warn(id, title, `${kernels.arg}: ${list(problems)}`, apply);
  }
  return pass(
    id,
    title,
    `${kernels.arg}: every profile kernel uses Kerberos with ${input.target.url}; kerberos_auth_configuration is valid.`
  );
}

const KINDS = /sparkmagic\.kernels\.(\w+)/;

export function checkStaleKernels(input: ICheckInput): IDoctorResult {
  const id = 'kernels.stale';
  const title = 'Running Sparkmagic kernels use the current config';
  const lines = (sectionOf(input.out, 'kernels')?.text ?? '').split('\n');
  const now = Number(lines[0]);
  const kernels = lines
    .slice(1)
    .map(l => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => ({
      pid: m[1],
      started: now - Number(m[2]),
      kind: KINDS.exec(m[3])?.[1] ?? 'kernel'
    }));
  const smconf = sectionOf(input.out, 'smconf');
  const mtime = Number(/^mtime (\d+)$/m.exec(smconf?.text ?? '')?.[1] ?? NaN);
  const applied =
    input.context.appliedAt !== undefined
      ? input.context.appliedAt / 1000
      : mtime;
  if (kernels.length === 0) {
    return pass(id, title, 'No Sparkmagic kernel is running.');
  }
  if (!isFinite(applied) || !isFinite(now)) {
    return pass(
      id,
      title,
      `${kernels.length} running; no apply time to compare with.`
    );
  }
  const stale = kernels.filter(k => k.started < applied);
  if (stale.length === 0) {
    return pass(
      id,
      title,
      `${kernels.length} running, all started after the configuration was written.`
    );
  }
  const names = stale
    .map(
      k =>
        `${k.kind} (pid ${k.pid}, ${Math.round((applied - k.started) / 60)} min before)`
    )
    .join(', ');
  return warn(
    id,
    title,
    `${stale.length} kernel(s) started before the configuration was last written: ${names}. They still use the old settings.`,
    'Restart them (Kernel > Restart Kernel, or the panel\'s "Restart Sparkmagic kernels"): Sparkmagic reads ' +
      'its config once, when the kernel starts.'
  );
}
