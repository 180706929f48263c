/**
 * Runs the panel's actions one at a time against the active profile:
 * resolves the profile and what kernels will see, explains failures and
 * refreshes the cache afterwards. Sign-in, sign-out, switch-user and
 * renewal go through `SessionActions`.
 */
import type { ITitleAndFix } from '../core/explain/fixes';
import type { IProfile } from '../core/profile';
import type { ICommandRunner, IFileAccess } from '../exec/tokens';
import { ExplainedError, explainError } from '../core/explain/explained-error';
import type { IKernelControl } from '../lab/kernels';
import type { ProfileStore } from '../lab/settings';
import { SessionActions } from './session-actions';
import type { ICacheSnapshot, IExplanation } from '../core/ticket/status';
import {
  IEnvironment,
  ITargets,
  resolveTargets
} from '../core/environment/targets';
import type { ITerminalOpener } from '../lab/visible-terminal';

/** A running action, for the panel's busy state. */
export type Activity =
  'sign-in' | 'sign-out' | 'switch-user' | 'renew' | 'apply' | 'restart';

export class ActionRunner {
  constructor(options: ActionRunner.IOptions) {
    this._store = options.store;
    this._probe = options.probe;
    this._now = options.now;
    this._snapshot = options.snapshot;
    this._changed = options.changed;
    this._refresh = options.refresh;
    this._actions = new SessionActions({
      runner: options.runner,
      files: options.files,
      terminals: options.terminals,
      kernels: options.kernels,
      store: options.store,
      timeoutMs: () => this._store.options.commandTimeoutSeconds * 1000
    });
  }

  get activity(): Activity | null {
    return this._activity;
  }

  get lastRenewal(): number | null {
    return this._lastRenewal;
  }

  /** The last action's failure, explained; null after a success. */
  get lastError(): IExplanation | null {
    return this._lastError;
  }

  /** A warning the last keytab sign-in left (a keytab others can read). */
  get warning(): ITitleAndFix | null {
    return this._actions.warning;
  }

  async signIn(): Promise<void> {
    await this.run('sign-in', async (profile, targets) => {
      await this._actions.requireKrb5(targets);
      await this._actions.signIn(profile, targets.kerberosEnv);
    });
  }

  async signOut(): Promise<void> {
    await this.run('sign-out', async (_, targets) => {
      await this._actions.signOut(targets.kerberosEnv);
    });
  }

  async switchUser(principal: string, keytab?: string): Promise<void> {
    await this.run('switch-user', async (profile, targets) => {
      await this._actions.switchUser(
        profile,
        targets.kerberosEnv,
        principal,
        keytab
      );
    });
  }

  async renew(): Promise<void> {
    await this.run('renew', async (profile, targets) => {
      if (
        await this._actions.renew(
          profile,
          targets.kerberosEnv,
          this._snapshot(),
          this._now()
        )
      ) {
        this._lastRenewal = this._now();
      }
    });
  }

  /** Runs one action: no other action at the same time, failures explained, then a refresh. */
  async run(
    activity: Activity,
    body: (profile: IProfile, targets: ITargets) => Promise<void>
  ): Promise<void> {
    if (this._activity) {
      throw new Error(`Busy: ${this._activity} is still running.`);
    }
    this._activity = activity;
    this._lastError = null;
    this._changed();
    try {
      const profile = this.requireProfile();
      const environment = await this.loadEnvironment(false);
      await body(profile, this.targets(profile, environment));
      this._lastError = this._actions.lastError;
    } catch (reason) {
      this._lastError =
        reason instanceof ExplainedError
          ? reason.explanation
          : (this._actions.lastError ?? (await explainError(reason)));
      throw reason;
    } finally {
      this._activity = null;
      this._changed();
      await this._refresh();
    }
  }

  targets(profile: IProfile, environment: IEnvironment): ITargets {
    return resolveTargets(profile, environment, {
      useSudo: this._store.options.useSudo
    });
  }

  requireProfile(): IProfile {
    const profile = this._store.active;
    if (!profile) {
      throw new Error(
        'No cluster profile: add one in the Spark Kerberos panel or the settings editor.'
      );
    }
    return profile;
  }

  /** The environment probe's result, kept until `fresh` asks for a new one. */
  async loadEnvironment(fresh: boolean): Promise<IEnvironment> {
    if (!this._environment || fresh) {
      this._environment = await this._probe();
    }
    return this._environment;
  }

  private _store: ProfileStore;
  private _probe: () => Promise<IEnvironment>;
  private _now: () => number;
  private _snapshot: () => ICacheSnapshot;
  private _changed: () => void;
  private _refresh: () => Promise<unknown>;
  private _actions: SessionActions;
  private _environment: IEnvironment | null = null;
  private _activity: Activity | null = null;
  private _lastRenewal: number | null = null;
  private _lastError: IExplanation | null = null;
}

export namespace ActionRunner {
  export interface IOptions {
    store: ProfileStore;
    runner: ICommandRunner;
    files: IFileAccess;
    terminals: ITerminalOpener;
    kernels: IKernelControl;
    /** Reads what kernels will see (environment probe). */
    probe: () => Promise<IEnvironment>;
    now: () => number;
    /** The last cache snapshot, for renewal. */
    snapshot: () => ICacheSnapshot;
    /** Called when the activity or the failure shown changes. */
    changed: () => void;
    /** Reads the cache again after an action. */
    refresh: () => Promise<unknown>;
  }
}
