/**
 * When to renew. A renewable ticket is renewed `renewBeforeMs` before it
 * expires (`kinit -R`, with `-S` in service mode); once its renewable
 * lifetime is used up, a keytab profile signs in again and a password
 * profile is left to the expiry notification.
 */
import type { SignInMethod } from '../profile';
import type { ICacheSnapshot, ITicket } from './status';

export type RenewalAction = 'none' | 'renew' | 'keytab';

export interface IRenewalPolicy {
  autoRenew: boolean;
  renewBeforeMs: number;
  signIn: SignInMethod;
}

/** A renewal that would add less than this is not worth a KDC round trip. */
const MIN_GAIN_MS = 60_000;

/** Whether the ticket can still be renewed at `now`. */
export function canRenew(ticket: ITicket | null, now: number): boolean {
  if (!ticket || ticket.expires === null || ticket.renewUntil === null) {
    return false;
  }
  return (
    (ticket.flags ?? '').includes('R') &&
    ticket.expires > now &&
    ticket.renewUntil - ticket.expires >= MIN_GAIN_MS
  );
}

/** What automatic renewal should do now. */
export function renewalAction(
  snapshot: ICacheSnapshot,
  policy: IRenewalPolicy,
  now: number
): RenewalAction {
  const main = snapshot.main;
  if (!policy.autoRenew || snapshot.kind !== 'tickets' || !main) {
    return 'none';
  }
  // Someone else's ticket (signed in by hand in a terminal) is theirs to manage.
  if (snapshot.otherPrincipal || main.expires === null) {
    return 'none';
  }
  if (main.expires - now > policy.renewBeforeMs) {
    return 'none';
  }
  if (canRenew(main, now)) {
    return 'renew';
  }
  return policy.signIn === 'keytab' ? 'keytab' : 'none';
}

/** Milliseconds from `now` until `renewalAction` may change its answer (null: never). */
export function nextRenewalCheck(
  snapshot: ICacheSnapshot,
  policy: IRenewalPolicy,
  now: number
): number | null {
  const expires = snapshot.main?.expires ?? null;
  if (!policy.autoRenew || snapshot.kind !== 'tickets' || expires === null) {
    return null;
  }
  return Math.max(0, expires - policy.renewBeforeMs - now);
}
