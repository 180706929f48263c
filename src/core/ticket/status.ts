/**
 * What the ticket cache means for the active profile. `readCache` turns a
 * parsed `klist` into a snapshot once; `stateAt` derives the state for any
 * clock value, so countdowns and the expiring/expired switch need no klist.
 */

import type { IExplanation } from '../explain/explain';
import type { IKlistResult, IKlistTicket } from '../klist/types';

export type { IExplanation };

export type TicketState =
  | 'unknown'
  | 'signed-in'
  | 'expiring'
  | 'expired'
  | 'no-ticket'
  | 'no-tools'
  | 'no-terminals'
  | 'error';

/** One ticket as klist lists it (times in epoch milliseconds). */
export type ITicket = IKlistTicket;

/** The cache as last read; `kind` is what klist allowed us to conclude. */
export interface ICacheSnapshot {
  kind:
    'tickets' | 'no-ticket' | 'no-tools' | 'no-terminals' | 'error' | 'unknown';
  principal: string | null;
  cache: string | null;
  flavor: 'mit' | 'heimdal' | null;
  tickets: ITicket[];
  /** The ticket Livy needs: the HTTP service ticket, else the TGT, else the first. */
  main: ITicket | null;
  /** The cache belongs to another principal than the profile's. */
  otherPrincipal: boolean;
  error: IExplanation | null;
  /** When klist ran (epoch ms). */
  checkedAt: number;
}

export const UNKNOWN_SNAPSHOT: ICacheSnapshot = {
  kind: 'unknown',
  principal: null,
  cache: null,
  flavor: null,
  tickets: [],
  main: null,
  otherPrincipal: false,
  error: null,
  checkedAt: 0
};

/** klist's own "no cache / empty cache" results, by `explain` CODE. */
const NO_TICKET_CODES = new Set(['NO_CREDENTIALS', 'TICKET_EXPIRED']);

/** A snapshot that says nothing but its kind (no tools, terminals disabled...). */
export function emptySnapshot(
  kind: ICacheSnapshot['kind'],
  now: number,
  error: IExplanation | null = null
): ICacheSnapshot {
  return { ...UNKNOWN_SNAPSHOT, kind, error, checkedAt: now };
}

/**
 * Reads a parsed klist for a profile. `userPrincipal` and `servicePrincipal`
 * are the profile's fully qualified names (`user@REALM`, `HTTP/host@REALM`).
 */
export function readCache(
  klist: IKlistResult,
  names: { userPrincipal: string; servicePrincipal: string | null },
  now: number
): ICacheSnapshot {
  const tickets = klist.tickets;
  if (tickets.length === 0) {
    const kind =
      klist.error && !NO_TICKET_CODES.has(klist.error) ? 'error' : 'no-ticket';
    return {
      ...emptySnapshot(kind, now),
      principal: klist.defaultPrincipal,
      cache: klist.cache,
      flavor: klist.flavor
    };
  }
  return {
    kind: 'tickets',
    principal: klist.defaultPrincipal,
    cache: klist.cache,
    flavor: klist.flavor,
    tickets,
    main: mainTicket(tickets, names.servicePrincipal),
    otherPrincipal:
      !!klist.defaultPrincipal &&
      !!names.userPrincipal &&
      klist.defaultPrincipal !== names.userPrincipal,
    error: null,
    checkedAt: now
  };
}

/** The state at `now`; `warnMs` before expiry the ticket is "expiring". */
export function stateAt(
  snapshot: ICacheSnapshot,
  now: number,
  warnMs: number
): TicketState {
  if (snapshot.kind !== 'tickets') {
    return snapshot.kind;
  }
  const main = snapshot.main;
  if (!main || main.expired || (main.expires !== null && main.expires <= now)) {
    return 'expired';
  }
  if (main.expires !== null && main.expires - now <= warnMs) {
    return 'expiring';
  }
  return 'signed-in';
}

/** Milliseconds left on the main ticket at `now` (0 when expired, null when unknown). */
export function timeLeft(snapshot: ICacheSnapshot, now: number): number | null {
  const expires = snapshot.main?.expires ?? null;
  return expires === null ? null : Math.max(0, expires - now);
}

function mainTicket(tickets: ITicket[], service: string | null): ITicket {
  if (service) {
    // Referral entries are listed as `HTTP/host@` (empty realm): match the prefix.
    const prefix = service.slice(0, service.indexOf('@') + 1).toLowerCase();
    const found = tickets.find(
      t => t.server === service || t.server.toLowerCase() === prefix
    );
    if (found) {
      return found;
    }
  }
  return tickets.find(t => t.server.startsWith('krbtgt/')) ?? tickets[0];
}
