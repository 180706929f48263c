/**
 * The doctor in the panel: runs the doctor script and "Verify Spark" through
 * the hidden terminal runner and keeps the report. Failures of the channel
 * itself (terminals disabled, a cut-off run) become report lines too.
 */
import { UUID } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { ChannelProblem, channelResult } from '../core/doctor/channel';
import { diagnose } from '../core/doctor/diagnose';
import { redactDoctorOutput } from '../core/doctor/redact';
import { renderDoctorScript } from '../core/doctor/script';
import type { IDoctorContext, IDoctorResult } from '../core/doctor/types';
import { ShellExec, verifySpark } from '../core/doctor/verify';
import type { IProfile } from '../core/profile';
import {
  ChannelClosedError,
  CommandTimeoutError,
  TerminalsUnavailableError
} from '../exec/errors';
import type { ICommandRunner } from '../exec/runner-types';

/** The script bounds itself (≤ 8 s); the runner limit only catches a stuck shell. */
const DOCTOR_TIMEOUT_MS = 30000;

export type DoctorPhase = 'idle' | 'doctor' | 'verify';

export function channelProblem(error: unknown): ChannelProblem {
  if (error instanceof TerminalsUnavailableError) {
    return 'terminals-unavailable';
  }
  if (error instanceof CommandTimeoutError) {
    return 'timeout';
  }
  return error instanceof ChannelClosedError ? 'closed' : 'error';
}

export class DoctorModel implements IDisposable {
  constructor(options: DoctorModel.IOptions) {
    this._runner = options.runner;
    this._now = options.now ?? (() => Date.now());
  }

  /** Emitted whenever the phase, progress or report changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get phase(): DoctorPhase {
    return this._phase;
  }

  /** The last report, or null before the first run. */
  get results(): IDoctorResult[] | null {
    return this._results;
  }

  /** The last "Verify Spark" result. */
  get verifyResult(): IDoctorResult | null {
    return this._verify;
  }

  /** What is happening now (a Verify Spark step), or ''. */
  get progress(): string {
    return this._progress;
  }

  /** Profile name of the last report. */
  get profileName(): string | null {
    return this._profileName;
  }

  /** How long the last doctor run took, ms. */
  get elapsedMs(): number | null {
    return this._elapsed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Runs every check for the profile; resolves to the report. */
  async run(
    profile: IProfile,
    context: IDoctorContext = {}
  ): Promise<IDoctorResult[]> {
    if (this._phase !== 'idle') {
      throw new Error('The doctor is already running.');
    }
    this._set('doctor', 'Running the checks…');
    this._profileName = profile.name;
    this._verify = null;
    const started = this._now();
    let results: IDoctorResult[];
    try {
      const script = renderDoctorScript(profile);
      const out = await this._runner.run(script, {
        timeoutMs: DOCTOR_TIMEOUT_MS
      });
      results = diagnose(profile, redactDoctorOutput(out.stdout), context);
    } catch (e) {
      results = [channelResult(channelProblem(e), (e as Error).message)];
    } finally {
      this._phase = 'idle';
      this._progress = '';
    }
    this._elapsed = this._now() - started;
    this._results = results;
    this._changed.emit();
    return results;
  }

  /** Creates a Livy session, runs one statement, deletes it. */
  async verify(profile: IProfile): Promise<IDoctorResult> {
    if (this._phase !== 'idle') {
      throw new Error('The doctor is already running.');
    }
    this._set('verify', 'Starting…');
    // The first failure of the channel itself, reported instead of the step it broke.
    let broken: unknown = null;
    const exec: ShellExec = async (command, timeoutMs) => {
      try {
        const r = await this._runner.run(command, { timeoutMs });
        return { stdout: r.stdout, exitCode: r.exitCode };
      } catch (e) {
        broken = broken ?? e;
        throw e;
      }
    };
    let result: IDoctorResult;
    try {
      result = await verifySpark(profile, exec, {
        nonce: UUID.uuid4().replace(/-/g, ''),
        onProgress: p => this._set('verify', p.message),
        now: this._now
      });
    } catch (e) {
      broken = broken ?? e;
      result = channelResult(channelProblem(e), (e as Error).message);
    } finally {
      // Whatever went wrong, the doctor can run again.
      this._phase = 'idle';
      this._progress = '';
    }
    if (broken !== null) {
      result = channelResult(channelProblem(broken), (broken as Error).message);
    }
    this._verify = result;
    this._changed.emit();
    return result;
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    Signal.clearData(this);
  }

  private _set(phase: DoctorPhase, progress: string): void {
    this._phase = phase;
    this._progress = progress;
    this._changed.emit();
  }

  private _runner: ICommandRunner;
  private _now: () => number;
  private _phase: DoctorPhase = 'idle';
  private _progress = '';
  private _results: IDoctorResult[] | null = null;
  private _verify: IDoctorResult | null = null;
  private _profileName: string | null = null;
  private _elapsed: number | null = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

export namespace DoctorModel {
  export interface IOptions {
    runner: ICommandRunner;
    /** Clock (tests); default Date.now. */
    now?: () => number;
  }
}
