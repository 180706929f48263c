/**
 * What kernels will see, probed once per page and kept: the probe runs
 * again only when something it reports can have changed (an apply, a
 * kernelspec change, an explicit refresh), and never twice at once. It has
 * two halves: the shell's (server environment, tools, /etc, sudo) is all
 * klist and kinit need, so the ticket is read as soon as it answers; the
 * Python half (kernelspecs) follows, after that first klist.
 */
import type { IEnvironment } from '../core/environment/targets';

/** One run of the probe: its shell half started, the Python half on demand. */
export interface IStagedProbe {
  /** The environment from the shell half (no kernelspecs yet). */
  basic: Promise<IEnvironment>;
  /** Runs the Python half (once) after the shell half: the whole environment. */
  complete(): Promise<IEnvironment>;
}

interface IRun {
  staged: IStagedProbe;
  complete: Promise<IEnvironment> | null;
  /** The shell half has answered. */
  basicDone: boolean;
  /** The whole probe has answered. */
  done: boolean;
}

export class EnvironmentCheck {
  constructor(options: EnvironmentCheck.IOptions) {
    this._options = options;
  }

  /** Whether `complete()` has its answer at hand (no probe to wait for). */
  get ready(): boolean {
    return !this._stale && this._run?.done === true;
  }

  /** Whether `basic()` has its answer at hand. */
  get basicReady(): boolean {
    return this._run?.basicDone === true && (!this._stale || !!this._flight);
  }

  /**
   * Enough for klist and kinit: the shell half of the current probe. It
   * never waits for a probe to finish (while one made stale is still in
   * flight, its shell half's answer will do).
   */
  basic(): Promise<IEnvironment> {
    if (this._stale && this._flight && this._run) {
      return this._run.staged.basic;
    }
    return this._current().staged.basic;
  }

  /** The whole environment, kernelspecs included. */
  complete(): Promise<IEnvironment> {
    if (this._stale && this._flight) {
      return this._flight.then(() => this.complete());
    }
    const run = this._current();
    if (!run.complete) {
      run.complete = this._track(
        run,
        run.staged.basic
          .then(() => this._options.first())
          .then(() => run.staged.complete())
          .then(environment => {
            run.done = true;
            this._options.changed();
            return environment;
          })
      );
    }
    return run.complete;
  }

  /**
   * What the probe reports may have changed: the next request probes
   * again (after the run in flight, if any).
   */
  invalidate(): void {
    if (this._run) {
      this._stale = true;
      this._options.changed();
    }
  }

  private _current(): IRun {
    if (!this._run || this._stale) {
      this._stale = false;
      const staged = this._options.probe();
      const run: IRun = {
        staged,
        complete: null,
        basicDone: false,
        done: false
      };
      this._run = run;
      this._track(run, staged.basic).then(
        () => (run.basicDone = true),
        () => undefined
      );
    }
    return this._run;
  }

  /** Keeps `_flight` on the run's last part; a failed run is dropped. */
  private _track(
    run: IRun,
    part: Promise<IEnvironment>
  ): Promise<IEnvironment> {
    const settled = part.then(
      () => undefined,
      () => {
        if (this._run === run) {
          this._run = null;
        }
      }
    );
    const flight = (this._flight ?? Promise.resolve()).then(() => settled);
    this._flight = flight;
    void flight.then(() => {
      if (this._flight === flight) {
        this._flight = null;
      }
    });
    return part;
  }

  private _options: EnvironmentCheck.IOptions;
  private _run: IRun | null = null;
  private _stale = false;
  private _flight: Promise<void> | null = null;
}

export namespace EnvironmentCheck {
  export interface IOptions {
    /** Starts a probe run: its shell half at once. */
    probe: () => IStagedProbe;
    /** Resolves once the ticket check in flight (if any) is done: it goes first. */
    first: () => Promise<unknown>;
    /** `ready` changed. */
    changed: () => void;
  }
}
