/**
 * State of the active profile: the ticket cache, the last apply and
 * renewal, the last failure explained. klist runs on a slow `Poll` (standby
 * while the page is hidden), on window focus, after every action and when
 * the panel opens, never twice at once; countdowns are computed from the
 * last snapshot. Timers renew before expiry and announce the warning time.
 */
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { klistCommand, servicePrincipal, userPrincipal } from '../core/kinit';
import { parseKlist } from '../core/klist';
import type { IProfile } from '../core/profile';
import type { ICommandRunner, IFileAccess } from '../exec/tokens';
import type { IApplyPlan, IApplyRecord, IKernelSpecInfo } from './apply';
import { explainError, explainOutput } from './explanations';
import type { IKernelControl, IRunningKernel } from './kernels';
import { nextRenewalCheck, renewalAction } from './renewal';
import { ProfileStore } from './settings';
import { SessionActions } from './session-actions';
import {
  ICacheSnapshot,
  IExplanation,
  TicketState,
  UNKNOWN_SNAPSHOT,
  emptySnapshot,
  readCache,
  stateAt
} from './status';
import { IEnvironment, ITargets, resolveTargets } from './targets';
import type { ITerminalOpener } from './visible-terminal';

/** Automatic renewal runs at most this often (a failed one is not retried in a loop). */
const RENEW_RETRY_MS = 5 * 60_000;

/** A running action, for the panel's busy state. */
export type Activity =
  'sign-in' | 'sign-out' | 'switch-user' | 'renew' | 'apply' | 'restart';

export class KerberosModel {
  constructor(options: KerberosModel.IOptions) {
    this._store = options.store;
    this._runner = options.runner;
    this._files = options.files;
    this._probe = options.probe;
    this._kernelspecs = options.kernelspecs;
    this._kernels = options.kernels;
    this._terminalsAvailable = options.terminalsAvailable;
    this._now = options.now ?? Date.now;
    this._actions = new SessionActions({
      runner: options.runner,
      terminals: options.terminals,
      kernels: options.kernels,
      store: options.store,
      timeoutMs: () => this._store.options.commandTimeoutSeconds * 1000
    });
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

  get environment(): IEnvironment | null {
    return this._environment;
  }

  get activity(): Activity | null {
    return this._activity;
  }

  get lastApply(): IApplyRecord | null {
    return this._lastApply;
  }

  get lastRenewal(): number | null {
    return this._lastRenewal;
  }

  /** The last action's failure, explained; null after a success. */
  get lastError(): IExplanation | null {
    return this._lastError;
  }

  /** Sparkmagic kernels started before the last apply that changed files. */
  get staleKernels(): IRunningKernel[] {
    return this._stale;
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
    await this._act('sign-in', async (profile, targets) => {
      await this._requireKrb5(targets);
      await this._actions.signIn(profile, targets.kerberosEnv);
    });
  }

  async signOut(): Promise<void> {
    await this._act('sign-out', async (_, targets) => {
      await this._actions.signOut(targets.kerberosEnv);
    });
  }

  /** Shuts down Sparkmagic kernels, signs out, signs in as `principal`, restarts them. */
  async switchUser(principal: string, keytab?: string): Promise<void> {
    await this._act('switch-user', async (profile, targets) => {
      await this._actions.switchUser(
        profile,
        targets.kerberosEnv,
        principal,
        keytab
      );
    });
  }

  async renew(): Promise<void> {
    await this._act('renew', async (profile, targets) => {
      if (
        await this._actions.renew(
          profile,
          targets.kerberosEnv,
          this._snapshot,
          this._now()
        )
      ) {
        this._lastRenewal = this._now();
      }
    });
  }

  /** What Apply would write, with no side effects. */
  async planApply(): Promise<IApplyPlan> {
    const profile = this._requireProfile();
    const environment = await this._loadEnvironment(true);
    // The krb5.conf and Sparkmagic renderers load with the first preview.
    const { planApply } = await import('./apply');
    return planApply({
      profile,
      targets: resolveTargets(profile, environment, {
        useSudo: this._store.options.useSudo
      }),
      files: this._files,
      kernelspecs: await this._kernelspecs()
    });
  }

  /** Writes a plan from `planApply`; running Sparkmagic kernels become stale. */
  async apply(plan: IApplyPlan): Promise<IApplyRecord | null> {
    let record: IApplyRecord | null = null;
    await this._act('apply', async () => {
      const { executeApply } = await import('./apply');
      const written = await executeApply(plan, this._files);
      record = { profile: plan.profile.name, time: this._now(), written };
      this._lastApply = record;
      if (written.some(w => w.changed)) {
        this._stale = await this._kernels.running();
      }
    });
    return record;
  }

  /** Restarts the stale kernels so they read the new configuration. */
  async restartStale(): Promise<void> {
    const stale = this._stale;
    await this._act('restart', async () => {
      await this._kernels.restart(stale);
      this._stale = [];
    });
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poll.dispose();
    clearTimeout(this._timer);
    this._store.changed.disconnect(this._onSettings, this);
    Signal.clearData(this);
  }

  /** Runs one action: no other action at the same time, failures explained, then a refresh. */
  private async _act(
    activity: Activity,
    body: (profile: IProfile, targets: ITargets) => Promise<void>
  ): Promise<void> {
    if (this._activity) {
      throw new Error(`Busy: ${this._activity} is still running.`);
    }
    this._activity = activity;
    this._lastError = null;
    this._changed.emit();
    try {
      const profile = this._requireProfile();
      const environment = await this._loadEnvironment(false);
      await body(
        profile,
        resolveTargets(profile, environment, {
          useSudo: this._store.options.useSudo
        })
      );
      this._lastError = this._actions.lastError;
    } catch (reason) {
      this._lastError =
        reason instanceof ExplainedError
          ? reason.explanation
          : (this._actions.lastError ?? (await explainError(reason)));
      throw reason;
    } finally {
      this._activity = null;
      this._changed.emit();
      await this.refresh();
    }
  }

  /** A user-mode krb5.conf must exist before kinit can use it. */
  private async _requireKrb5(targets: ITargets): Promise<void> {
    if (
      targets.krb5Mode === 'user' &&
      (await this._files.read(targets.krb5Path)) === null
    ) {
      throw new ExplainedError({
        code: 'UNKNOWN_REALM',
        title: `${targets.krb5Path} has not been written yet.`,
        fix: 'Apply the configuration first (Apply configuration in the Spark Kerberos panel), then sign in.'
      });
    }
  }

  private _requireProfile(): IProfile {
    const profile = this._store.active;
    if (!profile) {
      throw new Error(
        'No cluster profile: add one in the Spark Kerberos panel or the settings editor.'
      );
    }
    return profile;
  }

  private async _loadEnvironment(fresh: boolean): Promise<IEnvironment> {
    if (!this._environment || fresh) {
      this._environment = await this._probe();
    }
    return this._environment;
  }

  private async _check(): Promise<ICacheSnapshot> {
    const now = this._now();
    if (!this._terminalsAvailable) {
      return this._setSnapshot(emptySnapshot('no-terminals', now));
    }
    try {
      const environment = await this._loadEnvironment(false);
      const profile = this._store.active;
      if (environment.kerberosTools === null) {
        return this._setSnapshot(emptySnapshot('no-tools', now));
      }
      const env = profile
        ? resolveTargets(profile, environment, {
            useSudo: this._store.options.useSudo
          }).kerberosEnv
        : {};
      const result = await this._runner.run(klistCommand({ env }), {
        timeoutMs: this._store.options.commandTimeoutSeconds * 1000
      });
      if (result.exitCode === 127) {
        return this._setSnapshot(emptySnapshot('no-tools', now));
      }
      const parsed = parseKlist(result.stdout, new Date(now));
      const snapshot = readCache(parsed, principalsOf(profile), now);
      if (snapshot.kind === 'error') {
        snapshot.error = await explainOutput(result.stdout, profile);
      }
      return this._setSnapshot(snapshot);
    } catch (reason) {
      return this._setSnapshot(
        emptySnapshot('error', now, await explainError(reason))
      );
    }
  }

  private _setSnapshot(snapshot: ICacheSnapshot): ICacheSnapshot {
    this._snapshot = snapshot;
    this._changed.emit();
    this._schedule();
    return snapshot;
  }

  /** One timer to the next moment something changes: renewal, warning or expiry. */
  private _schedule(): void {
    clearTimeout(this._timer);
    const now = this._now();
    const options = this._store.options;
    const expires = this._snapshot.main?.expires ?? null;
    const candidates: number[] = [];
    if (expires !== null) {
      candidates.push(
        expires - options.warnBeforeMinutes * 60_000 - now,
        expires - now
      );
    }
    const renewIn = nextRenewalCheck(this._snapshot, this._policy(), now);
    if (renewIn !== null) {
      candidates.push(renewIn);
    }
    const next = candidates.filter(ms => ms > 0);
    this._onTick();
    if (next.length) {
      // setTimeout keeps at most ~24.8 days; a later event is re-planned then.
      this._timer = setTimeout(
        () => this._schedule(),
        Math.min(Math.min(...next) + 50, 2 ** 31 - 1)
      );
    }
  }

  private _onTick(): void {
    const now = this._now();
    const state = this.state(now);
    const expires = this._snapshot.main?.expires ?? null;
    if (
      state === 'expiring' &&
      expires !== null &&
      this._warnedFor !== expires
    ) {
      this._warnedFor = expires;
      this._expiring.emit(this._snapshot);
    }
    if (
      !this._activity &&
      renewalAction(this._snapshot, this._policy(), now) !== 'none' &&
      now - this._renewTriedAt >= RENEW_RETRY_MS
    ) {
      this._renewTriedAt = now;
      void this.renew().catch(() => undefined);
    }
    this._changed.emit();
  }

  private _policy() {
    const options = this._store.options;
    return {
      autoRenew: options.autoRenew,
      renewBeforeMs: options.renewBeforeMinutes * 60_000,
      signIn: this._store.active?.signIn ?? 'password'
    };
  }

  private _onSettings(): void {
    const interval = this._store.options.pollIntervalSeconds * 1000;
    if (this._poll.frequency.interval !== interval) {
      this._poll.frequency = { interval, backoff: true, max: 10 * interval };
    }
    this._changed.emit();
    void this.refresh();
  }

  private _store: ProfileStore;
  private _runner: ICommandRunner;
  private _files: IFileAccess;
  private _probe: () => Promise<IEnvironment>;
  private _kernelspecs: () => Promise<IKernelSpecInfo[]>;
  private _kernels: IKernelControl;
  private _terminalsAvailable: boolean;
  private _now: () => number;
  private _actions: SessionActions;
  private _poll: Poll;
  private _inflight: Promise<ICacheSnapshot> | null = null;
  private _snapshot: ICacheSnapshot = UNKNOWN_SNAPSHOT;
  private _environment: IEnvironment | null = null;
  private _activity: Activity | null = null;
  private _lastApply: IApplyRecord | null = null;
  private _lastRenewal: number | null = null;
  private _lastError: IExplanation | null = null;
  private _stale: IRunningKernel[] = [];
  private _timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _warnedFor: number | null = null;
  private _renewTriedAt = -Infinity;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _expiring = new Signal<this, ICacheSnapshot>(this);
}

export namespace KerberosModel {
  export interface IOptions {
    store: ProfileStore;
    runner: ICommandRunner;
    files: IFileAccess;
    terminals: ITerminalOpener;
    kernels: IKernelControl;
    /** Reads what kernels will see (environment probe). */
    probe: () => Promise<IEnvironment>;
    /** Installed kernelspecs. */
    kernelspecs: () => Promise<IKernelSpecInfo[]>;
    /** False when the server has terminals disabled. */
    terminalsAvailable: boolean;
    /** Clock (epoch ms), replaceable in tests. */
    now?: () => number;
  }
}

/** The profile's principals, or blanks when the profile is not valid yet. */
function principalsOf(profile: IProfile | null): {
  userPrincipal: string;
  servicePrincipal: string | null;
} {
  if (!profile) {
    return { userPrincipal: '', servicePrincipal: null };
  }
  let user = '';
  let service: string | null = null;
  try {
    user = userPrincipal(profile);
  } catch {
    user = '';
  }
  try {
    service =
      profile.ticketMode === 'service' ? servicePrincipal(profile) : null;
  } catch {
    service = null;
  }
  return { userPrincipal: user, servicePrincipal: service };
}

/** A failure that already carries its explanation. */
class ExplainedError extends Error {
  constructor(readonly explanation: IExplanation) {
    super(explanation.title);
  }
}
