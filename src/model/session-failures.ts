/**
 * The last Spark session failure a Sparkmagic notebook showed, and its one
 * action: raise the profile's start-up timeout, apply and restart that
 * kernel; or restart that kernel for a new session.
 */
import { ISignal, Signal } from '@lumino/signaling';
import {
  Remedy,
  SESSION_CODES,
  failureText,
  raisedTimeout,
  remedyOf
} from '../core/explain/cell-failure';
import type { IExplanation } from '../core/explain/explain';
import { explainOutput } from '../core/explain/explained-error';
import type { IRanCells } from '../lab/cell-watch';
import type { KerberosModel } from './model';

export interface ISessionFailure {
  /** The notebook's path. */
  notebook: string;
  explanation: IExplanation;
  remedy: Remedy;
  /** Restarts the notebook's kernel. */
  restart: () => Promise<unknown>;
}

export class SessionFailures {
  constructor(private _model: KerberosModel) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get current(): ISessionFailure | null {
    return this._current;
  }

  get busy(): boolean {
    return this._busy;
  }

  /** The last action's failure, or null. */
  get error(): string | null {
    return this._error;
  }

  /** The start-up timeout the action would set (null: it sets none). */
  get raisedTo(): number | null {
    const profile = this._model.profile;
    return this._current?.remedy === 'timeout' && profile
      ? raisedTimeout(profile.session.startupTimeoutSeconds)
      : null;
  }

  /** Cells of a Sparkmagic notebook ran: a session failure among them, or none any more. */
  async onRan(ran: IRanCells): Promise<void> {
    for (const outputs of ran.outputs) {
      const text = failureText(outputs);
      if (text === '') {
        continue;
      }
      const explanation = await explainOutput(text, this._model.profile);
      if (SESSION_CODES.includes(explanation.code)) {
        this.report({
          notebook: ran.notebook,
          explanation,
          remedy: remedyOf(explanation.code),
          restart: ran.restart
        });
        return;
      }
    }
    this.clear(ran.notebook);
  }

  report(failure: ISessionFailure): void {
    this._current = failure;
    this._error = null;
    this._changed.emit();
  }

  /** A later cell of `notebook` worked (or the user dismissed it). */
  clear(notebook?: string): void {
    if (this._current && (!notebook || this._current.notebook === notebook)) {
      this._current = null;
      this._error = null;
      this._changed.emit();
    }
  }

  /** The one action; the failure is cleared once the kernel restarted. */
  async act(): Promise<void> {
    const failure = this._current;
    if (!failure || this._busy || failure.remedy === 'none') {
      return;
    }
    this._busy = true;
    this._error = null;
    this._changed.emit();
    try {
      const seconds = this.raisedTo;
      if (seconds !== null) {
        await this._raiseTimeout(seconds);
      }
      await failure.restart();
      this._current = null;
    } catch (e) {
      this._error = (e as Error).message;
    } finally {
      this._busy = false;
      this._changed.emit();
    }
  }

  private async _raiseTimeout(seconds: number): Promise<void> {
    const model = this._model;
    const profile = model.profile;
    if (!profile) {
      throw new Error('No active profile.');
    }
    await model.store.save(profile.name, {
      ...profile,
      session: { ...profile.session, startupTimeoutSeconds: seconds }
    });
    if (model.profile?.session.startupTimeoutSeconds !== seconds) {
      throw new Error('The settings did not take the new start-up timeout.');
    }
    const plan = await model.planApply();
    if (plan.errors.length > 0) {
      throw new Error(plan.errors.join(' '));
    }
    if ((await model.apply(plan)) === null) {
      throw new Error(
        'The Sparkmagic config could not be written: see the panel.'
      );
    }
  }

  private _current: ISessionFailure | null = null;
  private _busy = false;
  private _error: string | null = null;
  private _changed = new Signal<this, void>(this);
}
