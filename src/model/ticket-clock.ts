/**
 * One timer to the next moment the ticket's state changes without a klist:
 * the renewal time, the warning time and the expiry. At each, the model
 * re-derives its state, warns once per ticket and renews when due.
 */
import {
  IRenewalPolicy,
  nextRenewalCheck,
  renewalAction
} from '../core/ticket/renewal';
import { ICacheSnapshot, stateAt } from '../core/ticket/status';

/** Automatic renewal runs at most this often (a failed one is not retried in a loop). */
const RENEW_RETRY_MS = 5 * 60_000;

/** setTimeout keeps at most ~24.8 days; a later event is planned again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface IClockHost {
  now(): number;
  snapshot(): ICacheSnapshot;
  policy(): IRenewalPolicy;
  warnMs(): number;
  /** True while an action runs (no automatic renewal then). */
  busy(): boolean;
  /** The ticket entered the warning window (once per ticket). */
  warn(snapshot: ICacheSnapshot): void;
  renew(): void;
  /** Something time-dependent may have changed. */
  tick(): void;
}

export class TicketClock {
  constructor(private _host: IClockHost) {}

  /** Re-plans from the current snapshot and acts on what is due now. */
  update(): void {
    clearTimeout(this._timer);
    const host = this._host;
    const now = host.now();
    const snapshot = host.snapshot();
    const expires = snapshot.main?.expires ?? null;
    const candidates: number[] = [];
    if (expires !== null) {
      candidates.push(expires - host.warnMs() - now, expires - now);
    }
    const renewIn = nextRenewalCheck(snapshot, host.policy(), now);
    if (renewIn !== null) {
      candidates.push(renewIn);
    }
    this._due(now, snapshot, expires);
    const next = candidates.filter(ms => ms > 0);
    if (next.length) {
      this._timer = setTimeout(
        () => this.update(),
        Math.min(Math.min(...next) + 50, MAX_DELAY_MS)
      );
    }
  }

  dispose(): void {
    clearTimeout(this._timer);
  }

  private _due(
    now: number,
    snapshot: ICacheSnapshot,
    expires: number | null
  ): void {
    const host = this._host;
    if (
      stateAt(snapshot, now, host.warnMs()) === 'expiring' &&
      expires !== this._warnedFor
    ) {
      this._warnedFor = expires;
      host.warn(snapshot);
    }
    if (
      !host.busy() &&
      renewalAction(snapshot, host.policy(), now) !== 'none' &&
      now - this._renewTriedAt >= RENEW_RETRY_MS
    ) {
      this._renewTriedAt = now;
      host.renew();
    }
    host.tick();
  }

  private _timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _warnedFor: number | null = null;
  private _renewTriedAt = -Infinity;
}
