/**
 * Point 2, krb5.conf: the file(s) the kernels read, compared with the
 * profile — realm and KDCs, the NLB-safe [libdefaults], and [domain_realm]
 * for the load balancer — using the values MIT takes (first parsed wins,
 * includes expanded), each traced to the file that sets it.
 */
import { ErrorCode } from '../explain/codes';
import { explain } from '../explain/explain';
import { ICheckInput } from './input';
import { krb5Bool } from './krb5-view';
import { fail, pass, warn } from './result';
import { DoctorStatus, IDoctorResult } from './types';

interface IIssue {
  status: Exclude<DoctorStatus, 'pass'>;
  code?: ErrorCode;
  detail: string;
  fix: string;
}

const ID = 'config.krb5';
const TITLE = 'krb5.conf the kernels read';

/** The realm MIT maps a host to: exact name first, then `.domain` suffixes. */
export function domainRealm(
  entries: { tag: string; value: string }[],
  host: string
): { key: string; realm: string } | null {
  const lower = host.toLowerCase();
  const find = (key: string) => entries.find(e => e.tag.toLowerCase() === key);
  const exact = find(lower);
  if (exact) {
    return { key: exact.tag, realm: exact.value };
  }
  for (let i = lower.indexOf('.'); i !== -1; i = lower.indexOf('.', i + 1)) {
    const suffix = find(lower.slice(i));
    if (suffix) {
      return { key: suffix.tag, realm: suffix.value };
    }
  }
  return null;
}

/** `host:port` with MIT's default port, lower-cased, for comparing KDC lists. */
export function kdcKey(value: string): string {
  const v = value.trim().toLowerCase();
  return /:\d+$/.test(v) && !/^[^[]*:.*:/.test(v) ? v : `${v}:88`;
}

export function checkKrb5Conf(input: ICheckInput): IDoctorResult {
  const { krb5, profile, target } = input;
  const realm = profile.realm;
  const first = krb5.files[0];
  if (krb5.errors.length > 0) {
    const e = krb5.errors[0];
    const why = explain('Improper format of Kerberos configuration file');
    return fail(
      ID,
      TITLE,
      'CONFIG_SYNTAX',
      `${e.file}: ${e.message}`,
      `Edit ${e.file}. ${why.fix}`
    );
  }
  if (krb5.missing.length === krb5.files.length) {
    return fail(
      ID,
      TITLE,
      'NO_DEFAULT_REALM',
      `The kernels read ${krb5.files.join(':')}, and none of it exists or is readable.`,
      `Apply the profile so ${first} is written (or point KRB5_CONFIG in the kernels' environment at the file the panel wrote).`
    );
  }
  const issues: IIssue[] = [];
  const add = (issue: IIssue) => issues.push(issue);
  const at = (file: string | undefined) => file ?? first;

  const kdcs = krb5.all('realms', realm, 'kdc');
  if (kdcs.length === 0) {
    const why = explain(`Cannot find KDC for realm "${realm}"`, input.explain);
    add({
      status: 'fail',
      code: 'UNKNOWN_REALM',
      detail: `No [realms] ${realm} kdc entry.`,
      fix: why.fix
    });
  } else {
    const have = kdcs.map(k => kdcKey(k.value)).sort();
    const want = target.kdcs.map(k => kdcKey(`${k.host}:${k.port}`)).sort();
    if (have.join(' ') !== want.join(' ')) {
      add({
        status: 'warn',
        detail: `[realms] ${realm} kdc = ${kdcs.map(k => k.value).join(', ')} (${kdcs[0].file}); the profile says ${profile.kdcs.join(', ')}.`,
        fix: `Apply the profile again, or edit kdc under [realms] ${realm} in ${kdcs[0].file}.`
      });
    }
  }
  const defaultRealm = krb5.get('libdefaults', 'default_realm');
  if (defaultRealm?.value !== realm) {
    add({
      status: 'warn',
      code: defaultRealm ? undefined : 'NO_DEFAULT_REALM',
      detail: defaultRealm
        ? `default_realm is ${defaultRealm.value} (${defaultRealm.file}), not ${realm}.`
        : 'No default_realm.',
      fix: `Set default_realm = ${realm} under [libdefaults] in ${at(defaultRealm?.file)} (names without @REALM use it).`
    });
  }
  const rdns = krb5.get('libdefaults', 'rdns');
  const canon = krb5.get('libdefaults', 'dns_canonicalize_hostname');
  const safe: string[] = [];
  if (canon?.value.toLowerCase() !== 'false') {
    safe.push(
      `dns_canonicalize_hostname = false (now ${canon ? `${canon.value}, ${canon.file}` : 'unset: true'})`
    );
  }
  if (krb5Bool(rdns?.value, true)) {
    safe.push(
      `rdns = false (now ${rdns ? `${rdns.value}, ${rdns.file}` : 'unset: true'})`
    );
  }
  if (safe.length > 0) {
    add({
      status: 'warn',
      detail: `Missing NLB-safe settings: ${safe.join('; ')}. MIT may then replace the load balancer's name with its DNS or reverse-DNS name.`,
      fix:
        `Under [libdefaults] in ${first}, before any include line: rdns = false and dns_canonicalize_hostname = false ` +
        '(the first value MIT reads wins).'
    });
  }
  const udp = krb5.get('libdefaults', 'udp_preference_limit');
  if (udp?.value.trim() !== '1') {
    add({
      status: 'warn',
      detail: `udp_preference_limit is ${udp ? `${udp.value} (${udp.file})` : 'unset'}: kinit tries UDP first, which load balancers and security groups often drop.`,
      fix: `Set udp_preference_limit = 1 under [libdefaults] in ${at(udp?.file)}.`
    });
  }
  const host = input.explain.nlbHost ?? target.host;
  const mapped = domainRealm(krb5.relations('domain_realm'), host);
  if (mapped === null) {
    add({
      status: 'warn',
      detail: `No [domain_realm] entry for ${host}: MIT relies on the KDC's referral for its realm.`,
      fix: `Add ${host} = ${realm} under [domain_realm] in ${first}.`
    });
  } else if (mapped.realm !== realm) {
    add({
      status: 'fail',
      code: 'UNKNOWN_SERVICE',
      detail: `[domain_realm] maps ${host} to ${mapped.realm} (entry ${mapped.key}), not ${realm}: clients ask for HTTP/${host}@${mapped.realm}.`,
      fix: `Change it to ${mapped.key} = ${realm} under [domain_realm], or add ${host} = ${realm} before it.`
    });
  }
  const files = krb5.files
    .filter(f => krb5.missing.indexOf(f) === -1)
    .join(', ');
  if (issues.length === 0) {
    return pass(
      ID,
      TITLE,
      `${files}: realm ${realm} with kdc ${kdcs.map(k => k.value).join(', ')}; rdns and dns_canonicalize_hostname false; ${host} mapped to ${realm}.`
    );
  }
  const failed = issues.find(i => i.status === 'fail');
  const detail = `${files}: ` + issues.map(i => i.detail).join(' ');
  const fix = issues.map(i => i.fix).join(' ');
  return failed
    ? fail(ID, TITLE, failed.code ?? 'UNKNOWN', detail, fix)
    : warn(ID, TITLE, detail, fix, issues.find(i => i.code)?.code);
}
