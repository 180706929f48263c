/**
 * State of the active profile: the ticket cache, the last apply and
 * renewal, the last failure explained. klist runs on a slow `Poll` (standby
 * while the page is hidden), on window focus, after every action and when
 * the panel opens, never twice at once; countdowns are computed from the
 * last snapshot. Timers renew before expiry and announce the warning time.
 * What kernels will see is probed once (environment.ts): klist needs only
 * the probe's shell half, so the ticket is known before the kernelspecs.
 */
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import type { ITitleAndFix } from '../core/explain/fixes';
import type { IProfile } from '../core/profile';
import { Actions, Activity, Waiting } from './actions';
import { EnvironmentCheck, IStagedProbe } from './environment';
import type { IActionDeps } from './ticket-actions';
import type { IApplyPlan, IApplyRecord } from './apply';
import { ApplyState, StaleReason } from './apply-state';
import { checkActiveCache } from './cache-check';
import { FilesCheck, IFilesState, filesFromPlan } from './files-check';
import type { IRunningKernel } from '../lab/kernels';
import type { ProfileStore } from '../lab/settings';
import {
  ICacheSnapshot,
  IExplanation,
  TicketState,
  UNKNOWN_SNAPSHOT,
  stateAt
} from '../core/ticket/status';
import { TicketClock } from './ticket-clock';

export type { Activity, Waiting } from './actions';

/** States in which a Sparkmagic kernel can start a Livy session. */
const LIVE: readonly TicketState[] = ['signed-in', 'expiring'];

export class KerberosModel {
  constructor(options: KerberosModel.IOptions) {
    this._deps = options;
    this._store = options.store;
    this._now = options.now ?? Date.now;
    this._environment = new EnvironmentCheck({
      probe: options.probe,
      first: () => this._inflight ?? Promise.resolve(),
      changed: () => this._changed.emit()
    });
    this._actions = new Actions({
      deps: options,
      environment: this._environment,
      now: this._now,
      snapshot: () => this._snapshot,
      changed: () => this._changed.emit(),
      refresh: () => this.refresh()
    });
    this._apply = new ApplyState({
      ...options,
      now: this._now,
      keepBackups: () => this._store.options.keepBackups
    });
    this._files = new FilesCheck({
      plan: () => this._plan(null),
      profile: () => this._store.active?.name ?? null,
      changed: () => this._changed.emit()
    });
    this._clock = new TicketClock({
      now: this._now,
      settings: () => ({
        autoRenew: this._store.options.autoRenew,
        renewBeforeMs: this._store.options.renewBeforeMinutes * 60_000,
        signIn: this._store.active?.signIn ?? 'password',
        warnMs: this._store.options.warnBeforeMinutes * 60_000
      }),
      busy: () => this._actions.activity !== null
    });
    this._clock.warn.connect((_, snapshot) => this._expiring.emit(snapshot));
    this._clock.renewDue.connect(
      () => void this.renew().catch(() => undefined)
    );
    this._clock.tick.connect(() => this._changed.emit());
    const interval = this._store.options.pollIntervalSeconds * 1000;
    this._poll = new Poll({
      auto: false,
      factory: () => this.refresh(),
      frequency: { interval, backoff: true, max: 10 * interval },
      standby: 'when-hidden',
      name: 'sparkmagic-kerberos:klist'
    });
    this._store.changed.connect(this._onSettings, this);
  }

  /** Emits whenever anything shown changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Emits once per ticket when it enters the warning window without being renewed. */
  get expiring(): ISignal<this, ICacheSnapshot> {
    return this._expiring;
  }

  get store(): ProfileStore {
    return this._store;
  }

  get profile(): IProfile | null {
    return this._store.active;
  }

  get snapshot(): ICacheSnapshot {
    return this._snapshot;
  }

  get activity(): Activity | null {
    return this._actions.activity;
  }

  /** An action (or the Apply preview) waiting for the environment probe. */
  get waiting(): Waiting | null {
    return this._actions.waiting;
  }

  get lastApply(): IApplyRecord | null {
    return this._apply.lastApply;
  }

  get lastRenewal(): number | null {
    return this._actions.lastRenewal;
  }

  /** The last action's failure, explained; null after a success. */
  get lastError(): IExplanation | null {
    return this._actions.lastError;
  }

  /** A warning the last keytab sign-in left (a keytab others can read). */
  get warning(): ITitleAndFix | null {
    return this._actions.warning;
  }

  /** Sparkmagic kernels started before the last apply that changed files. */
  get staleKernels(): IRunningKernel[] {
    return this._apply.stale;
  }

  /** Why `staleKernels` lists them: a config change, or a sign-in after a lapse. */
  get staleReason(): StaleReason {
    return this._apply.staleReason;
  }

  /** Whether Apply has anything left to write for the active profile. */
  get files(): IFilesState {
    return this._files.state(this.profile?.name ?? null);
  }

  /** Compares the active profile's files with what Apply would write. */
  checkFiles(): Promise<IFilesState> {
    return this._files.check();
  }

  get now(): number {
    return this._now();
  }

  /** The state at `now` (defaults to the clock). */
  state(now = this._now()): TicketState {
    return stateAt(
      this._snapshot,
      now,
      this._store.options.warnBeforeMinutes * 60_000
    );
  }

  /** Starts the slow poll and the first check. */
  start(): void {
    void this._poll.start();
    void this.refresh();
  }

  /**
   * Reads the cache and probes the environment again (an explicit
   * refresh: the server's set-up may have changed), then the files.
   */
  async refreshAll(): Promise<ICacheSnapshot> {
    this._environment.invalidate();
    const snapshot = await this.refresh();
    await this.checkFiles();
    return snapshot;
  }

  /** The kernelspecs changed: what the probe found may have. */
  kernelspecsChanged(): void {
    this._environment.invalidate();
    void this.checkFiles();
  }

  /** Reads the cache now; joins the klist already running, if any. */
  refresh(): Promise<ICacheSnapshot> {
    if (!this._inflight) {
      this._inflight = this._check().finally(() => {
        this._inflight = null;
      });
    }
    return this._inflight;
  }

  async signIn(): Promise<void> {
    const lapsed = !LIVE.includes(this.state());
    await this._actions.signIn();
    if (lapsed && LIVE.includes(this.state())) {
      await this._apply.afterLapse();
      this._changed.emit();
    }
  }

  signOut(): Promise<void> {
    return this._actions.signOut();
  }

  /** Shuts down Sparkmagic kernels, signs out, signs in as `principal`, restarts them. */
  switchUser(principal: string, keytab?: string): Promise<void> {
    return this._actions.switchUser(principal, keytab);
  }

  renew(): Promise<void> {
    return this._actions.renew();
  }

  /**
   * What Apply would write, with no side effects. Before the environment
   * probe has answered it waits for it, and `waiting` says so.
   */
  planApply(): Promise<IApplyPlan> {
    return this._plan('preview');
  }

  /** Writes a plan from `planApply`; running Sparkmagic kernels become stale. */
  async apply(plan: IApplyPlan): Promise<IApplyRecord | null> {
    let record: IApplyRecord | null = null;
    await this._actions.run('apply', async () => {
      try {
        record = await this._apply.write(plan);
      } finally {
        // The kernelspecs the server uses may be the new copies now.
        this._environment.invalidate();
      }
      this._files.set(filesFromPlan({ ...plan, changes: [] }));
    });
    return record;
  }

  /** Restarts the stale kernels so they read the new configuration. */
  async restartStale(): Promise<void> {
    await this._actions.run('restart', () => this._apply.restartStale());
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poll.dispose();
    this._clock.dispose();
    this._store.changed.disconnect(this._onSettings, this);
    Signal.clearData(this);
  }

  private async _plan(waiting: Waiting | null): Promise<IApplyPlan> {
    const profile = this._actions.requireProfile();
    const environment = await this._actions.environment('complete', waiting);
    const targets = this._actions.targets(profile, environment);
    const plan = await this._apply.plan(profile, targets, environment);
    this._files.set(filesFromPlan(plan));
    return plan;
  }

  private async _check(): Promise<ICacheSnapshot> {
    return this._setSnapshot(
      await checkActiveCache({
        deps: this._deps,
        actions: this._actions,
        now: this._now()
      })
    );
  }

  private _setSnapshot(snapshot: ICacheSnapshot): ICacheSnapshot {
    this._snapshot = snapshot;
    this._changed.emit();
    this._clock.update(snapshot);
    return snapshot;
  }

  private _onSettings(): void {
    const interval = this._store.options.pollIntervalSeconds * 1000;
    if (this._poll.frequency.interval !== interval) {
      this._poll.frequency = { interval, backoff: true, max: 10 * interval };
    }
    this._changed.emit();
    void this.refresh();
    void this.checkFiles();
  }

  private _store: ProfileStore;
  private _deps: KerberosModel.IOptions;
  private _now: () => number;
  private _actions: Actions;
  private _environment: EnvironmentCheck;
  private _poll: Poll;
  private _inflight: Promise<ICacheSnapshot> | null = null;
  private _snapshot: ICacheSnapshot = UNKNOWN_SNAPSHOT;
  private _clock: TicketClock;
  private _apply: ApplyState;
  private _files: FilesCheck;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _expiring = new Signal<this, ICacheSnapshot>(this);
}

export namespace KerberosModel {
  /** Passed as they are to the actions, which act through the same parts. */
  export interface IOptions extends IActionDeps {
    /** Starts a probe of what kernels will see (environment.ts). */
    probe: () => IStagedProbe;
    /** Whether the server's user may write in a directory. */
    isWritable: (dir: string) => Promise<boolean>;
    /** False when the server has terminals disabled. */
    terminalsAvailable: boolean;
    /** Clock (epoch ms), replaceable in tests. */
    now?: () => number;
  }
}
