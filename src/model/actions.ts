/**
 * Runs the panel's actions one at a time against the active profile:
 * resolves the profile and what kernels will see, keeps the failure
 * explained and refreshes the cache afterwards. An action that has to
 * wait for the environment probe says so (`waiting`) while it waits.
 */
import { ExplainedError, explainError } from '../core/explain/explained-error';
import type { ITitleAndFix } from '../core/explain/fixes';
import {
  IEnvironment,
  ITargets,
  resolveTargets
} from '../core/environment/targets';
import type { IProfile } from '../core/profile';
import type { EnvironmentCheck } from './environment';
import type { ICacheSnapshot, IExplanation } from '../core/ticket/status';
import {
  IActionDeps,
  IActionResult,
  renew,
  requireKrb5,
  signIn,
  signOut,
  switchUser
} from './ticket-actions';

/** A running action, for the panel's busy state. */
export type Activity =
  'sign-in' | 'sign-out' | 'switch-user' | 'renew' | 'apply' | 'restart';

/** What waits for the environment probe: an action, or the Apply preview. */
export type Waiting = Activity | 'preview';

/** How much of the environment probe a step needs. */
export type Need = 'basic' | 'complete';

/** What the actions read from and report to the model. */
export interface IActionHost {
  deps: IActionDeps;
  environment: EnvironmentCheck;
  now(): number;
  snapshot(): ICacheSnapshot;
  /** The activity or the failure shown changed. */
  changed(): void;
  /** Reads the cache again after an action. */
  refresh(): Promise<unknown>;
}

export class Actions {
  constructor(private _host: IActionHost) {}

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
    return this._warning;
  }

  /** The latest step that waits for the environment probe, or null. */
  get waiting(): Waiting | null {
    return this._waiting[this._waiting.length - 1] ?? null;
  }

  signIn(): Promise<void> {
    return this.run('sign-in', async (profile, targets) => {
      await requireKrb5(this._host.deps.files, targets);
      return signIn(this._host.deps, profile, targets.kerberosEnv);
    });
  }

  signOut(): Promise<void> {
    return this.run('sign-out', (_, targets) =>
      signOut(this._host.deps, targets.kerberosEnv)
    );
  }

  switchUser(principal: string, keytab?: string): Promise<void> {
    return this.run('switch-user', (profile, targets) =>
      switchUser(this._host.deps, profile, targets.kerberosEnv, {
        principal,
        keytab
      })
    );
  }

  renew(): Promise<void> {
    const host = this._host;
    return this.run('renew', async (profile, targets) => {
      const result = await renew(host.deps, profile, targets.kerberosEnv, {
        snapshot: host.snapshot(),
        now: host.now()
      });
      if (!result.error) {
        this._lastRenewal = host.now();
      }
      return result;
    });
  }

  /** Runs one action: no other action at the same time, failures explained, then a refresh. */
  async run(
    activity: Activity,
    body: (
      profile: IProfile,
      targets: ITargets
    ) => Promise<IActionResult | void>
  ): Promise<void> {
    if (this._activity) {
      throw new Error(`Busy: ${this._activity} is still running.`);
    }
    this._activity = activity;
    this._lastError = null;
    this._host.changed();
    try {
      const profile = this.requireProfile();
      const environment = await this.environment('basic', activity);
      const result = await body(profile, this.targets(profile, environment));
      this._lastError = result?.error ?? null;
      if (result?.warning !== undefined) {
        this._warning = result.warning;
      }
    } catch (reason) {
      this._lastError =
        reason instanceof ExplainedError
          ? reason.explanation
          : await explainError(reason);
      throw reason;
    } finally {
      this._activity = null;
      this._host.changed();
      await this._host.refresh();
    }
  }

  targets(profile: IProfile, environment: IEnvironment): ITargets {
    return resolveTargets(profile, environment, {
      useSudo: this._host.deps.store.options.useSudo
    });
  }

  requireProfile(): IProfile {
    const profile = this._host.deps.store.active;
    if (!profile) {
      throw new Error(
        'No cluster profile: add one in the Spark Kerberos panel or the settings editor.'
      );
    }
    return profile;
  }

  /**
   * What kernels will see, as far as `need` goes; while the probe has not
   * answered yet, `waiting` names `as` (null: a background check, silent).
   */
  async environment(need: Need, as: Waiting | null): Promise<IEnvironment> {
    const check = this._host.environment;
    const wait = need === 'basic' ? check.basic() : check.complete();
    const ready = need === 'basic' ? check.basicReady : check.ready;
    if (ready || as === null) {
      return wait;
    }
    this._waiting.push(as);
    this._host.changed();
    try {
      return await wait;
    } finally {
      this._waiting.splice(this._waiting.indexOf(as), 1);
      this._host.changed();
    }
  }

  private _waiting: Waiting[] = [];
  private _activity: Activity | null = null;
  private _lastRenewal: number | null = null;
  private _lastError: IExplanation | null = null;
  private _warning: ITitleAndFix | null = null;
}
