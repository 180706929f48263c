/**
 * A parsed klist, the one form a ticket has from the parser to the status
 * bar: times are epoch milliseconds. `klistContract` writes them as the ISO
 * strings of the command line's JSON.
 */
import { ErrorCode } from '../explain/codes';

export type KlistFlavor = 'mit' | 'heimdal';

export interface IKlistTicket {
  /** The real service: for referral entries the `Ticket server:` name. */
  server: string;
  /** Epoch milliseconds; null where the tool prints no date (Heimdal `>>>Expired<<<`). */
  start: number | null;
  expires: number | null;
  renewUntil: number | null;
  /** klist's letters (`FRIA`); null when they were not printed. */
  flags: string | null;
  /** Expired per klist (Heimdal marks it; MIT is compared with the clock). */
  expired: boolean;
}

export interface IKlistResult {
  flavor: KlistFlavor | null;
  cache: string | null;
  defaultPrincipal: string | null;
  tickets: IKlistTicket[];
  error: ErrorCode | null;
}

/** What a flavour-specific parser found, before expiry and errors are worked out. */
export interface IKlistListing {
  cache: string | null;
  defaultPrincipal: string | null;
  tickets: Omit<IKlistTicket, 'expired'>[];
  /** Lines that are no part of a listing: error messages, prompts, noise. */
  otherLines: string[];
  /** A cause known from the format itself (Heimdal `--json` prints `{}` without a cache). */
  error?: ErrorCode;
}

/** The JSON `sparkmagic-kerberos parse-klist` prints; scripts read its fields. */
export interface IKlistContract extends Omit<IKlistResult, 'tickets'> {
  tickets: (Omit<IKlistTicket, 'start' | 'expires' | 'renewUntil'> & {
    /** `YYYY-MM-DDTHH:MM:SSZ`. */
    start: string | null;
    expires: string | null;
    renewUntil: string | null;
  })[];
}
