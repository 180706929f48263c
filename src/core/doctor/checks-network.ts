/**
 * Point 3: the network — DNS (forward and reverse) of the load balancer and
 * the KDCs, TCP to the KDCs, Livy through the load balancer, and TLS trust.
 */
import { explain } from '../explain/explain';
import { ICheckInput } from './input';
import { sectionsOf } from './output';
import { headerValue } from './script-readers';
import { fail, pass, tail, warn } from './result';
import { IDoctorResult, TIMED_OUT } from './types';

export interface IDnsAnswer {
  host: string;
  address: string | null;
  /** The first name `getent hosts` gives: the canonical name (a CNAME's target). */
  canonical: string | null;
  /** The name the address resolves back to, when it was looked up. */
  reverse: string | null;
  timedOut: boolean;
}

export function dnsAnswers(input: ICheckInput): IDnsAnswer[] {
  return sectionsOf(input.out, 'dns').map(s => {
    const forward = /^forward (\S+)(?:\s+(\S+))?/m.exec(s.text);
    const reverse = /^reverse \S+\s+(\S+)/m.exec(s.text);
    return {
      host: s.arg,
      address: forward ? forward[1] : null,
      canonical: forward?.[2] ?? null,
      reverse: reverse ? reverse[1] : null,
      timedOut: s.rc === TIMED_OUT
    };
  });
}

export function checkDns(input: ICheckInput): IDoctorResult {
  const id = 'net.dns';
  const title = 'DNS of the load balancer and the KDCs';
  const answers = dnsAnswers(input);
  const kdcHosts = input.target.kdcs.map(k => k.host);
  const bad = answers.find(a => a.address === null);
  if (bad) {
    const isKdc = kdcHosts.indexOf(bad.host) !== -1;
    return fail(
      id,
      title,
      isKdc ? 'KDC_UNREACHABLE' : 'UNKNOWN',
      `${bad.host} does not resolve${bad.timedOut ? ' (the lookup timed out)' : ''}.`,
      "Check the name in the profile, the resolver (/etc/resolv.conf; the VPC's DNS for an internal NLB) " +
        `or add it to /etc/hosts; test with getent hosts ${bad.host}.`
    );
  }
  if (answers.length === 0) {
    return pass(id, title, 'The profile names only IP addresses.');
  }
  return pass(
    id,
    title,
    answers
      .map(
        a =>
          `${a.host} → ${a.address}${a.reverse ? ` (reverse: ${a.reverse})` : ''}`
      )
      .join('; ') + '.'
  );
}

export function checkKdcTcp(input: ICheckInput): IDoctorResult {
  const id = 'net.kdc';
  const title = 'TCP to the KDC (port 88)';
  const probes = sectionsOf(input.out, 'tcp');
  const open = probes.filter(s => s.rc === 0).map(s => s.arg);
  const closed = probes.filter(s => s.rc !== 0 && s.rc !== 127);
  if (probes.length > 0 && probes.every(s => s.rc === 127)) {
    return warn(
      id,
      title,
      'Not checked: bash is not installed.',
      'Install bash to check TCP reachability.'
    );
  }
  if (closed.length > 0 && open.length === 0) {
    const s = closed[0];
    const why =
      s.rc === TIMED_OUT
        ? 'no TCP connection within 3 s (a firewall or security group drops it)'
        : `the connection was refused (${tail(s.text, 1) || 'nothing listens there'})`;
    return fail(
      id,
      title,
      'KDC_UNREACHABLE',
      `${closed.map(c => c.arg).join(', ')}: ${why}.`,
      'Open TCP 88 (and 464, 749 for password changes) from this machine to the KDC, or through the ' +
        "load balancer's listener to the KDC target; check the kdc entries under [realms] in krb5.conf."
    );
  }
  if (closed.length > 0) {
    return warn(
      id,
      title,
      `Open: ${open.join(', ')}; not reachable: ${closed.map(c => c.arg).join(', ')}.`,
      'Remove the unreachable KDC from the profile or open TCP 88 to it: each dead entry costs a timeout.'
    );
  }
  return pass(id, title, `TCP connects to ${open.join(', ')}.`);
}

export function curlFailure(
  rc: number,
  stderr: string,
  url: string
): { code: 'TLS_ERROR' | 'UNKNOWN'; fix: string } {
  if (
    /SSL_ERROR_SYSCALL|unexpected eof|Connection reset by peer/i.test(stderr)
  ) {
    return {
      code: 'UNKNOWN',
      fix:
        'The connection was accepted and then closed before any answer: the load balancer has no healthy ' +
        'Livy target (check the target group health, and that Livy runs and listens on its port).'
    };
  }
  if (/wrong version number/i.test(stderr)) {
    return {
      code: 'TLS_ERROR',
      fix: `The port speaks plain HTTP: use http:// in the Livy URL (${url}).`
    };
  }
  if (rc === 35 || /SSL|TLS/.test(stderr)) {
    return { code: 'TLS_ERROR', fix: explain(stderr).fix };
  }
  const fixes: Record<number, string> = {
    6: 'The host name does not resolve: check the Livy URL and DNS (getent hosts).',
    7:
      "Nothing accepts connections there: check the port (8998), the load balancer's listener and that " +
      'its target group points at a running Livy.',
    28:
      'No answer in time: a security group or network ACL drops the traffic, or Livy hangs; open the Livy ' +
      'port from this machine to the load balancer and from it to the cluster.',
    52: `The port answered nothing to HTTP: if it serves TLS, use https:// in the Livy URL (${url}).`,
    56:
      'The connection was closed: the load balancer has no healthy Livy target (check the target group ' +
      'health and that Livy runs on the primary node).'
  };
  return {
    code: 'UNKNOWN',
    fix:
      fixes[rc] ??
      `curl failed (exit ${rc}); try curl -v ${url}/sessions from a terminal.`
  };
}

export function checkLivyReach(input: ICheckInput): IDoctorResult {
  const id = 'net.livy';
  const title = 'Livy through the load balancer';
  const r = input.reach;
  if (!r) {
    return fail(
      id,
      title,
      'UNKNOWN',
      'The probe did not run.',
      'Run the doctor again.'
    );
  }
  if (r.rc !== 0) {
    const f = curlFailure(r.rc, r.stderr, input.target.url);
    return fail(
      id,
      title,
      f.code,
      `${input.target.url}: ${tail(r.stderr, 2) || `curl exit ${r.rc}`}`,
      f.fix
    );
  }
  const challenge = headerValue(r.headers, 'WWW-Authenticate');
  const server = headerValue(r.headers, 'Server');
  const via = `${input.target.host}:${input.target.port} (${r.ip}${server ? `, ${server}` : ''})`;
  if (r.status === 401 && challenge && /^Negotiate/i.test(challenge)) {
    return pass(
      id,
      title,
      `${via} answers 401 with a Negotiate challenge: Livy asks for Kerberos.`
    );
  }
  if (r.status === 200) {
    return warn(
      id,
      title,
      `${via} answered 200 without credentials: Livy does not require Kerberos.`,
      'On the cluster set livy.server.auth.type = kerberos (with livy.server.auth.kerberos.principal and keytab) ' +
        'in livy.conf, or use a profile without Kerberos.'
    );
  }
  return fail(
    id,
    title,
    'UNKNOWN',
    `${via} answered HTTP ${r.status} to GET /sessions${challenge ? ` (WWW-Authenticate: ${challenge})` : ''}.`,
    r.status >= 500
      ? 'The load balancer or Livy failed: check the target group health and the Livy server log on the cluster.'
      : 'Check that the Livy URL points at Livy (port 8998, no extra path).'
  );
}

/** The bundle curl checked against, from its verbose output. */
function caFile(stderr: string): string {
  return /^\*\s+CAfile: (.*)$/m.exec(stderr)?.[1] ?? 'the system store';
}

export function checkTls(input: ICheckInput): IDoctorResult | null {
  if (!input.target.https) {
    return null;
  }
  const id = 'net.tls';
  const title = "Livy's TLS certificate";
  const n = input.neg;
  if (input.profile.tls.ignoreSslErrors) {
    return warn(
      id,
      title,
      'Not checked: the profile sets ignore_ssl_errors, so Sparkmagic accepts any certificate (anyone on the path can pose as Livy).',
      "Set the profile's TLS CA bundle to the PEM that signed Livy's certificate and turn ignore_ssl_errors off.",
      'TLS_ERROR'
    );
  }
  const problem =
    /SSL certificate problem: [^\n]*|SSL: (?:no alternative certificate subject name|certificate subject name)[^\n]*/.exec(
      n?.stderr ?? ''
    )?.[0];
  const bundle = caFile(n?.stderr ?? '');
  if (problem) {
    return fail(
      id,
      title,
      'TLS_ERROR',
      `${input.target.host}: ${problem} (checked against ${bundle}).`,
      "Set the profile's TLS CA bundle to the PEM file that signed Livy's certificate and apply (the kernels get " +
        'REQUESTS_CA_BUNDLE=<that file>); only for a test cluster, set "Ignore TLS errors" (ignore_ssl_errors).'
    );
  }
  if (/SSL certificate verify ok/.test(n?.stderr ?? '')) {
    return pass(
      id,
      title,
      `The certificate of ${input.target.host} is trusted (${bundle}).`
    );
  }
  return warn(
    id,
    title,
    'Not checked: the TLS handshake did not complete.',
    'Fix the Livy connection first.'
  );
}
