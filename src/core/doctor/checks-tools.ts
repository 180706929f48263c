/**
 * Point 1: the tools — Kerberos client (MIT or Heimdal), curl with GSS-API,
 * and sparkmagic importable by the Python that runs the Sparkmagic kernels.
 */
import { SPARKMAGIC_KERNELSPECS } from '../profile';
import { ICheckInput } from './input';
import { sectionOf, sectionParts, sectionsOf } from './output';
import { fail, pass, tail, warn } from './result';
import { IDoctorResult } from './types';

const INSTALL_KRB5 =
  'Install the Kerberos client tools on the Jupyter server: sudo apt-get install krb5-user ' +
  '(Debian/Ubuntu) or sudo yum install krb5-workstation (Amazon Linux, RHEL).';

/** `kinit /usr/bin/kinit` lines of the tools section. */
function toolPaths(text: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of (sectionParts(text).get('') ?? '').split('\n')) {
    const m = /^(\S+) (\S.*)$/.exec(line);
    if (m) {
      paths.set(m[1], m[2]);
    }
  }
  return paths;
}

export function kerberosFlavor(input: ICheckInput): {
  flavor: 'mit' | 'heimdal' | null;
  version: string;
} {
  const parts = sectionParts(sectionOf(input.out, 'tools')?.text ?? '');
  const mit = /Kerberos 5 version (\S+)/.exec(parts.get('klist-V') ?? '');
  if (mit) {
    return { flavor: 'mit', version: mit[1] };
  }
  const heimdal = /Heimdal ([\w.]+)/.exec(parts.get('klist-version') ?? '');
  return heimdal
    ? { flavor: 'heimdal', version: heimdal[1] }
    : { flavor: null, version: '' };
}

export function checkKerberosTools(input: ICheckInput): IDoctorResult {
  const id = 'tools.kerberos';
  const title = 'Kerberos client tools';
  const paths = toolPaths(sectionOf(input.out, 'tools')?.text ?? '');
  const absent = ['kinit', 'klist'].filter(t => !paths.has(t));
  if (absent.length > 0) {
    return fail(
      id,
      title,
      'UNKNOWN',
      `Not found on PATH: ${absent.join(', ')}.`,
      INSTALL_KRB5
    );
  }
  const { flavor, version } = kerberosFlavor(input);
  const where = `kinit ${paths.get('kinit')}, klist ${paths.get('klist')}`;
  if (flavor === 'heimdal') {
    return warn(
      id,
      title,
      `Heimdal ${version} (${where}). Heimdal has no KRB5_TRACE, so the doctor cannot show which ` +
        'service name the client asks for.',
      'For the full check install MIT Kerberos (krb5-user / krb5-workstation); Heimdal works for signing in.'
    );
  }
  if (flavor === null) {
    return warn(
      id,
      title,
      `Unknown Kerberos flavour (${where}).`,
      INSTALL_KRB5
    );
  }
  const missing = ['kvno', 'timeout'].filter(t => !paths.has(t));
  if (missing.length > 0) {
    return warn(
      id,
      title,
      `MIT Kerberos ${version} (${where}); missing: ${missing.join(', ')}.`,
      missing.indexOf('kvno') !== -1
        ? INSTALL_KRB5
        : 'Install GNU coreutils (timeout): without it a hung KDC makes each step wait ~30 s.'
    );
  }
  return pass(id, title, `MIT Kerberos ${version} (${where}).`);
}

export function checkCurl(input: ICheckInput): IDoctorResult {
  const id = 'tools.curl';
  const title = 'curl with GSS-API';
  const text = sectionOf(input.out, 'curlv')?.text ?? '';
  const features = /^Features: (.*)$/m.exec(text)?.[1] ?? '';
  const version = /^curl (\S+)/m.exec(text)?.[1];
  if (!version) {
    return fail(
      id,
      title,
      'UNKNOWN',
      'curl is not installed: the doctor needs it to talk to Livy as Sparkmagic does.',
      'sudo apt-get install curl (Debian/Ubuntu) or sudo yum install curl (Amazon Linux, RHEL).'
    );
  }
  const has = (f: string) => features.split(' ').indexOf(f) !== -1;
  if (!has('GSS-API') || !has('SPNEGO')) {
    return fail(
      id,
      title,
      'UNKNOWN',
      `curl ${version} lacks ${['GSS-API', 'SPNEGO'].filter(f => !has(f)).join(' and ')} (curl -V Features: ${features}).`,
      "Use the distribution's curl, which is built with GSS-API (apt-get install curl / yum install curl), " +
        'first on PATH; a conda or static curl often is not.'
    );
  }
  return pass(id, title, `curl ${version} with GSS-API and SPNEGO.`);
}

interface IKernelSpec {
  python: string;
  env: Record<string, string>;
  dir: string;
  /** Kernelspecs of the same name further down the search path: never used. */
  shadowed?: string[];
}

export function checkSparkmagic(input: ICheckInput): IDoctorResult {
  const id = 'tools.sparkmagic';
  const title = 'Sparkmagic kernels and their Python';
  const text = (sectionOf(input.out, 'kspec')?.text ?? '').split('\n')[0];
  const installKernels =
    'pip install sparkmagic, then register the kernels: jupyter-kernelspec install --user ' +
    '"$(python -c \'import os, sparkmagic; print(os.path.dirname(sparkmagic.__file__))\')/kernels/pysparkkernel" ' +
    '(and sparkkernel, sparkrkernel), with the Python that runs Jupyter.';
  let specs: Record<string, IKernelSpec> & { error?: string };
  try {
    specs = JSON.parse(text);
  } catch {
    return fail(
      id,
      title,
      'UNKNOWN',
      'No Python with jupyter_client was found to list the kernels (is Jupyter installed here?).',
      installKernels
    );
  }
  if (typeof specs.error === 'string') {
    return fail(
      id,
      title,
      'UNKNOWN',
      `Listing kernelspecs failed: ${specs.error}`,
      installKernels
    );
  }
  const names = Object.keys(specs);
  if (names.length === 0) {
    return fail(
      id,
      title,
      'UNKNOWN',
      'No Sparkmagic kernel is installed.',
      installKernels
    );
  }
  const broken = sectionsOf(input.out, 'pyimport').filter(s => s.rc !== 0);
  if (broken.length > 0) {
    const s = broken[0];
    return fail(
      id,
      title,
      'UNKNOWN',
      `${s.arg} cannot import sparkmagic and requests_kerberos: ${tail(s.text, 2)}`,
      `${s.arg} -m pip install sparkmagic requests-kerberos (the kernels run with this Python).`
    );
  }
  const versions = sectionsOf(input.out, 'pyimport')
    .map(s => s.text.replace(/\n/g, ', '))
    .join('; ');
  const wanted = input.profile.kernels.map(k => SPARKMAGIC_KERNELSPECS[k]);
  const absent = wanted.filter(k => names.indexOf(k) === -1);
  const detail = `Kernels: ${names.join(', ')}; ${versions}.`;
  const shadowed = names.filter(n => (specs[n].shadowed ?? []).length > 0);
  if (shadowed.length > 0) {
    const n = shadowed[0];
    return warn(
      id,
      title,
      `${detail} The server uses ${n} from ${specs[n].dir}; ${specs[n].shadowed!.join(', ')} ` +
        'of the same name is never used (a virtualenv or conda server prefers its own kernelspecs), so ' +
        'an env block written there does not reach the kernels.',
      'Remove the duplicate, or give the server JUPYTER_PREFER_ENV_PATH=0 so user-level kernelspecs win ' +
        `(then restart it); the doctor checks the one in use: ${specs[n].dir}.`
    );
  }
  if (absent.length > 0) {
    return warn(
      id,
      title,
      `${detail} The profile also names ${absent.join(', ')}, which is not installed.`,
      installKernels
    );
  }
  return pass(id, title, detail);
}
