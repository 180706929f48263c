/**
 * Point 4, the service name: what the KDC has (`kinit -S` / `kvno`), what a
 * real `curl --negotiate` under the kernels' environment asks for (read from
 * MIT's KRB5_TRACE, not re-derived), and the clock against Livy's.
 */
import { emrStepFix } from '../emr-step/command';
import { explain } from '../explain/explain';
import { parseKlist } from '../klist/parse';
import { kerberosFlavor } from './checks-tools';
import { dnsAnswers } from './checks-network';
import { probeText } from './checks-ticket';
import { ICheckInput } from './input';
import { krb5Bool } from './krb5-view';
import { sectionOf, sectionParts } from './output';
import { clockSkew, requestedSpns, spnHost } from './script-readers';
import { fail, pass, tail, warn } from './result';
import { IDoctorResult } from './types';

const NOT_FOUND = /Server (?:\S+ )?not found in Kerberos database/;

function addService(input: ICheckInput): string {
  const { spn } = input.target;
  return (
    `On the KDC: kadmin -q "addprinc -randkey ${spn}", then kadmin -q "ktadd -k <keytab> ${spn}" into the ` +
    'keytab named by livy.server.auth.kerberos.keytab in livy.conf, set livy.server.auth.kerberos.principal ' +
    `to ${spn} (or *), and restart Livy. The host part is the load balancer's DNS name in lower case. ` +
    emrStepFix()
  );
}

export function checkService(input: ICheckInput): IDoctorResult {
  const id = 'krb.service';
  const title = 'The KDC knows the Livy service principal';
  const { spn } = input.target;
  const kvno = sectionOf(input.out, 'kvno')?.text ?? '';
  const probeKvno =
    sectionParts(sectionOf(input.out, 'kprobe')?.text ?? '').get('kvno') ?? '';
  const probe = probeText(input);
  const askedProbe =
    input.profile.signIn === 'password' ||
    input.profile.ticketMode === 'service';
  const missing = [kvno, probeKvno, askedProbe ? probe.text : ''].find(t =>
    NOT_FOUND.test(t)
  );
  if (missing !== undefined) {
    const upper = sectionOf(input.out, 'kupper');
    const upperExists =
      upper !== undefined &&
      !NOT_FOUND.test(upper.text) &&
      /Password for|Cannot read password/.test(upper.text);
    const upperSpn = spn.replace(
      /\/([^@]+)@/,
      (_, h: string) => `/${h.toUpperCase()}@`
    );
    return fail(
      id,
      title,
      'UNKNOWN_SERVICE',
      `The KDC has no ${spn}: ${tail(missing, 1)}` +
        (upperExists
          ? ` It has ${upperSpn} in upper case: principal names are case-sensitive, and clients always ask for the lower-case host.`
          : ''),
      addService(input)
    );
  }
  const version = /: kvno = (\d+)/.exec(kvno || probeKvno)?.[1];
  if (version) {
    return pass(
      id,
      title,
      `The KDC issues tickets for ${spn} (kvno ${version}).`
    );
  }
  const cached = parseKlist(
    sectionOf(input.out, 'klist')?.text ?? '',
    new Date(input.now * 1000)
  ).tickets.some(t => t.server === spn);
  if ((askedProbe && (probe.rc === 0 || probe.answered)) || cached) {
    return pass(id, title, `The KDC issues tickets for ${spn}.`);
  }
  return warn(
    id,
    title,
    `Not confirmed: the KDC gave no answer about ${spn}.`,
    'Fix the sign-in problem above, then run the doctor again.'
  );
}

/** The name MIT will derive for the host with these settings and this DNS. */
function predictedHost(input: ICheckInput, host: string): string {
  const canon = (
    input.krb5.get('libdefaults', 'dns_canonicalize_hostname')?.value ?? 'true'
  ).toLowerCase();
  if (canon === 'false') {
    return host;
  }
  const dns = dnsAnswers(input).find(a => a.host === host);
  const rdns = krb5Bool(input.krb5.get('libdefaults', 'rdns')?.value, true);
  if (canon === 'fallback' || !dns) {
    return host;
  }
  return ((rdns && dns.reverse) || dns.canonical || host).toLowerCase();
}

export function trapFix(input: ICheckInput): string {
  return (
    `Under [libdefaults] in ${input.krb5.files[0]}, before any include line: rdns = false and ` +
    'dns_canonicalize_hostname = false (apply the profile again to write them), then restart the Sparkmagic kernels. ' +
    "MIT otherwise replaces the load balancer's name with its DNS/reverse-DNS name (ip-….ec2.internal)."
  );
}

export function checkRequestedSpn(input: ICheckInput): IDoctorResult {
  const id = 'krb.spn';
  const title = 'Service name the client really asks for';
  const expected = input.explain.nlbHost ?? input.target.host;
  if (kerberosFlavor(input).flavor === 'heimdal') {
    return warn(
      id,
      title,
      'Not observable with Heimdal (no KRB5_TRACE).',
      'Use MIT Kerberos for this check.'
    );
  }
  const asked = requestedSpns(input.neg?.trace ?? '').filter(
    s => !/^krbtgt\//.test(s)
  );
  const canon = input.krb5.get('libdefaults', 'dns_canonicalize_hostname');
  const rdns = input.krb5.get('libdefaults', 'rdns');
  const settings =
    `dns_canonicalize_hostname = ${canon ? `${canon.value} (${canon.file})` : 'unset (true)'}, ` +
    `rdns = ${rdns ? `${rdns.value} (${rdns.file})` : 'unset (true)'}`;
  if (asked.length > 0) {
    const host = spnHost(asked[0]);
    if (host === expected) {
      return pass(
        id,
        title,
        `curl --negotiate with the kernels' settings asks for ${asked[0]}.`
      );
    }
    return fail(
      id,
      title,
      'UNKNOWN_SERVICE',
      `curl --negotiate with the kernels' settings asks for ${asked[0]}, not HTTP/${expected}@${input.profile.realm} (${settings}).`,
      trapFix(input)
    );
  }
  const predicted = predictedHost(input, input.target.host);
  if (predicted !== expected) {
    return fail(
      id,
      title,
      'UNKNOWN_SERVICE',
      `With ${settings} and DNS answering ${predicted} for the load balancer, clients will ask for HTTP/${predicted} (predicted: no request could be observed).`,
      trapFix(input)
    );
  }
  const why =
    input.neg?.status === 401
      ? 'no ticket to try with'
      : 'Livy gave no Negotiate challenge to answer';
  return pass(
    id,
    title,
    `Not observed (${why}); with ${settings} the name stays HTTP/${expected}.`
  );
}

export function checkClock(input: ICheckInput): IDoctorResult {
  const id = 'krb.clock';
  const title = 'Clock against Livy and the KDC';
  const probe = probeText(input);
  const mentioned = [
    probe.text,
    input.neg?.stderr ?? '',
    input.neg?.body ?? ''
  ].find(t => /Clock skew too great/.test(t));
  const skews: string[] = [];
  let worst = 0;
  for (const p of [input.reach, input.neg]) {
    const skew = p ? clockSkew(p) : null;
    if (skew !== null) {
      skews.push(`${Math.round(skew)} s against Livy's Date header`);
      worst = Math.abs(skew) > Math.abs(worst) ? skew : worst;
      break;
    }
  }
  const fresh = sectionParts(sectionOf(input.out, 'kprobe')?.text ?? '').get(
    'klist'
  );
  if (fresh) {
    const now = Number(/^\d+$/m.exec(fresh)?.[0]);
    const start = parseKlist(fresh, new Date(now * 1000)).tickets[0]?.start;
    if (start && isFinite(now)) {
      const skew = now - start / 1000;
      skews.push(`${Math.round(skew)} s against a fresh ticket's start time`);
      worst = Math.abs(skew) > Math.abs(worst) ? skew : worst;
    }
  }
  const why = explain('Clock skew too great', input.explain);
  const ahead = worst > 0 ? 'ahead of' : 'behind';
  if (mentioned !== undefined || Math.abs(worst) > 300) {
    return fail(
      id,
      title,
      'CLOCK_SKEW',
      `This machine's clock is ${Math.abs(Math.round(worst))} s ${ahead} the cluster's (${skews.join('; ') || 'measured by the KDC'})` +
        (mentioned
          ? `: ${tail(
              mentioned
                .split('\n')
                .filter(l => /Clock skew/.test(l))
                .join('\n'),
              1
            )}`
          : '.'),
      why.fix
    );
  }
  if (skews.length === 0) {
    return warn(
      id,
      title,
      'Not measured: neither Livy nor a fresh ticket gave a time.',
      'Fix the connection to Livy first.'
    );
  }
  if (Math.abs(worst) > 60) {
    return warn(
      id,
      title,
      `Off by ${skews.join('; ')}; Kerberos allows 300 s.`,
      why.fix
    );
  }
  return pass(
    id,
    title,
    `Within ${Math.abs(Math.round(worst))} s (${skews.join('; ')}).`
  );
}
