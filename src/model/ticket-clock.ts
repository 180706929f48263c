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
import {
  ICacheSnapshot,
  UNKNOWN_SNAPSHOT,
  stateAt
} from '../core/ticket/status';
import { ISignal, Signal } from '@lumino/signaling';

/** Automatic renewal runs at most this often (a failed one is not retried in a loop). */
const RENEW_RETRY_MS = 5 * 60_000;

/** setTimeout keeps at most ~24.8 days; a later event is planned again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The renewal policy and the warning time, read at each planning. */
export interface IClockSettings extends IRenewalPolicy {
  warnMs: number;
}

export class TicketClock {
  constructor(options: TicketClock.IOptions) {
    this._now = options.now;
    this._settings = options.settings;
    this._busy = options.busy;
  }

  /** The ticket entered the warning window (once per ticket). */
  get warn(): ISignal<this, ICacheSnapshot> {
    return this._warn;
  }

  /** Automatic renewal is due (at most every few minutes). */
  get renewDue(): ISignal<this, void> {
    return this._renewDue;
  }

  /** Something time-dependent may have changed. */
  get tick(): ISignal<this, void> {
    return this._tick;
  }

  /** Re-plans from the current snapshot and acts on what is due now. */
  update(snapshot: ICacheSnapshot = this._snapshot): void {
    clearTimeout(this._timer);
    this._snapshot = snapshot;
    const now = this._now();
    const settings = this._settings();
    const expires = snapshot.main?.expires ?? null;
    const candidates: number[] = [];
    if (expires !== null) {
      candidates.push(expires - settings.warnMs - now, expires - now);
    }
    const renewIn = nextRenewalCheck(snapshot, settings, now);
    if (renewIn !== null) {
      candidates.push(renewIn);
    }
    this._due(now, settings, expires);
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
    Signal.clearData(this);
  }

  private _due(
    now: number,
    settings: IClockSettings,
    expires: number | null
  ): void {
    const snapshot = this._snapshot;
    if (
      stateAt(snapshot, now, settings.warnMs) === 'expiring' &&
      expires !== this._warnedFor
    ) {
      this._warnedFor = expires;
      this._warn.emit(snapshot);
    }
    if (
      !this._busy() &&
      renewalAction(snapshot, settings, now) !== 'none' &&
      now - this._renewTriedAt >= RENEW_RETRY_MS
    ) {
      this._renewTriedAt = now;
      this._renewDue.emit();
    }
    this._tick.emit();
  }

  private _now: () => number;
  private _settings: () => IClockSettings;
  private _busy: () => boolean;
  private _snapshot: ICacheSnapshot = UNKNOWN_SNAPSHOT;
  private _warn = new Signal<this, ICacheSnapshot>(this);
  private _renewDue = new Signal<this, void>(this);
  private _tick = new Signal<this, void>(this);
  private _timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _warnedFor: number | null = null;
  private _renewTriedAt = -Infinity;
}

export namespace TicketClock {
  export interface IOptions {
    now: () => number;
    settings: () => IClockSettings;
    /** True while an action runs (no automatic renewal then). */
    busy: () => boolean;
  }
}
