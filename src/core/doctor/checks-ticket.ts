/**
 * Point 4, the ticket and the sign-in: what the kernels' cache holds, and a
 * sign-in attempt against the KDC into a throwaway cache.
 */
import { explain } from '../explain/explain';
import { keytabModeWarning } from '../sign-in/keytab-mode';
import { parseKlist } from '../klist/parse';
import { isoUtc } from '../klist/time';
import { ICheckInput } from './input';
import { sectionOf, sectionParts } from './output';
import { kdcAnswered, kdcContacts, kdcErrors } from './script-readers';
import { fail, pass, tail, warn } from './result';
import { IDoctorResult, TIMED_OUT } from './types';

function minutes(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m >= 120 ? `${Math.round(m / 60)} h` : `${m} min`;
}

export function checkTicket(input: ICheckInput): IDoctorResult {
  const id = 'krb.ticket';
  const title = 'Ticket in the kernels’ cache';
  const text = sectionOf(input.out, 'klist')?.text ?? '';
  const listing = parseKlist(text, new Date(input.now * 1000));
  const { spn, principal } = input.target;
  const realm = input.profile.realm;
  if (listing.error) {
    const why = explain(text, input.explain);
    return fail(id, title, listing.error, tail(text, 2), why.fix);
  }
  const tgt = listing.tickets.find(
    t => t.server === `krbtgt/${realm}@${realm}`
  );
  const service = listing.tickets.find(t => t.server === spn);
  const wanted =
    input.profile.ticketMode === 'service' ? (service ?? tgt) : tgt;
  const owner = listing.defaultPrincipal ?? '?';
  if (!wanted) {
    const held = listing.tickets.map(t => t.server).join(', ') || 'no tickets';
    const why = explain('Matching credential not found', input.explain);
    return fail(
      id,
      title,
      'NO_TGT',
      `${listing.cache}: ${owner} holds ${held}; Sparkmagic needs ${input.profile.ticketMode === 'service' ? spn : `krbtgt/${realm}@${realm}`}.`,
      why.fix
    );
  }
  const expires = wanted.expires !== null ? wanted.expires / 1000 : NaN;
  const start = wanted.start !== null ? wanted.start / 1000 : NaN;
  const at = (ms: number | null): string | null =>
    ms === null ? null : isoUtc(ms);
  const what = `${wanted.server} for ${owner} (${listing.cache})`;
  if (wanted.expired || expires <= input.now) {
    const why = explain('Ticket expired', input.explain);
    return fail(
      id,
      title,
      'TICKET_EXPIRED',
      `${what} expired at ${at(wanted.expires) ?? 'an unknown time'}.`,
      why.fix
    );
  }
  if (start > input.now + 300) {
    const why = explain('Ticket not yet valid', input.explain);
    return fail(
      id,
      title,
      'TICKET_NOT_YET_VALID',
      `${what} starts at ${at(wanted.start)}.`,
      why.fix
    );
  }
  const left = expires - input.now;
  const renew = wanted.renewUntil
    ? `, renewable until ${at(wanted.renewUntil)}`
    : '';
  const detail = `${what}, valid until ${at(wanted.expires)} (${minutes(left)} left${renew}).`;
  if (owner !== principal) {
    return warn(
      id,
      title,
      `${detail} The profile signs in as ${principal}, but the cache belongs to ${owner}.`,
      `Sign out and sign in as ${principal} (kdestroy, then the panel's Sign in), then restart the Sparkmagic kernels.`
    );
  }
  if (left < (input.context.warnBeforeMinutes ?? 15) * 60) {
    const why = explain('Ticket expired', input.explain);
    return warn(
      id,
      title,
      `${detail} It expires soon.`,
      why.fix,
      'TICKET_EXPIRED'
    );
  }
  return pass(id, title, detail);
}

/** The sign-in probe's output as one text, for explain(). */
export function probeText(input: ICheckInput): {
  text: string;
  rc: number;
  answered: boolean;
} {
  const s = sectionOf(input.out, 'kprobe');
  const parts = sectionParts(s?.text ?? '');
  const trace = parts.get('trace') ?? '';
  const errors = kdcErrors(trace);
  return {
    text: [parts.get('out') ?? '', ...errors].join('\n'),
    rc: s ? Number(parts.get('rc')?.trim() || s.rc) : -1,
    answered: kdcAnswered(trace)
  };
}

export function checkSignIn(input: ICheckInput): IDoctorResult {
  const id = 'krb.signin';
  const title = 'Sign-in at the KDC';
  const keytab = input.profile.signIn === 'keytab';
  const s = sectionOf(input.out, 'kprobe');
  if (!s) {
    return fail(
      id,
      title,
      'UNKNOWN',
      'The sign-in probe did not run.',
      'Run the doctor again.'
    );
  }
  const probe = probeText(input);
  const trace = sectionParts(s.text).get('trace') ?? '';
  const contacts = kdcContacts(trace);
  const tried = contacts.length
    ? ` (tried ${[...new Set(contacts.map(c => `${c.transport} ${c.address}`))].join(', ')})`
    : '';
  if (probe.rc === TIMED_OUT || s.rc === TIMED_OUT) {
    const tcp = input.out.sections.some(x => x.id === 'tcp' && x.rc === 0)
      ? ' TCP connects, but the KDC never answers (hung or a half-open load balancer target).'
      : '';
    const why = explain('Cannot contact any KDC', input.explain);
    return fail(
      id,
      title,
      'KDC_UNREACHABLE',
      `No answer from the KDC within 5 s${tried}.${tcp}`,
      why.fix
    );
  }
  const how = keytab
    ? `kinit -k -t ${input.profile.keytab}${input.profile.ticketMode === 'service' ? ` -S ${input.target.spn}` : ''} ${input.target.principal}`
    : `an AS request for ${input.target.principal} (no password sent)`;
  if (probe.rc === 0) {
    return pass(id, title, `${how} succeeded into a throwaway cache${tried}.`);
  }
  const why = explain(probe.text, input.explain);
  const noPassword = !keytab && why.code === 'NO_PASSWORD';
  if (noPassword && (probe.answered || !contacts.length)) {
    return pass(
      id,
      title,
      `The KDC answered ${how}${tried}: the account${input.profile.ticketMode === 'service' || !keytab ? ' and the Livy service' : ''} exist and the password is not expired. The password itself is checked when you sign in.`
    );
  }
  if (
    why.code === 'UNKNOWN_SERVICE' &&
    input.profile.ticketMode === 'tgt' &&
    !keytab
  ) {
    return pass(
      id,
      title,
      `The KDC knows ${input.target.principal}${tried} (the Livy service is checked below).`
    );
  }
  const transportError = /(?:TCP|UDP) error [^\n]*/.exec(trace)?.[0];
  return fail(
    id,
    title,
    why.code,
    `${how}${tried}: ${tail(probe.text, 3)}${transportError ? ` (${transportError})` : ''}`,
    why.fix
  );
}

/** A keytab profile's keytab must be private (only when the doctor could stat it). */
export function checkKeytabMode(input: ICheckInput): IDoctorResult | null {
  const s = sectionOf(input.out, 'keytab');
  if (input.profile.signIn !== 'keytab' || !s || s.rc !== 0) {
    return null;
  }
  const id = 'krb.keytab';
  const title = 'Keytab permissions';
  const found = keytabModeWarning(input.profile.keytab, s.text);
  return found
    ? warn(id, title, found.title, found.fix)
    : pass(
        id,
        title,
        `${input.profile.keytab} is readable by its owner only (mode ${s.text.trim()}).`
      );
}
