import { ServiceManager, Terminal } from '@jupyterlab/services';
import { Poll } from '@lumino/polling';

import { utf8Decode, utf8Encode } from '../core/terminal/encoding';
import { TERMINAL_NAME, TIMEOUT_EXIT_CODES } from '../core/terminal/frame';
import type { IDisposable } from '@lumino/disposable';
import { everyMs } from './beat';
import {
  ChannelClosedError,
  CommandTimeoutError,
  TerminalsUnavailableError
} from './errors';
import { TIMED_OUT, TerminalSession, newId } from './session';
import { IReapRule, TerminalsAPI, startFailure } from './terminals-api';
import { ICommandRunner, IRunOptions, IRunResult } from './runner-types';

/** Time for a new terminal to run its login shell and start /bin/sh. */
const STARTUP_SECONDS = 20;

/** Interval of the beat a live page sends over its terminal's socket. */
const BEAT_MS = 10000;

/**
 * Runs commands in one hidden terminal per browser tab.
 *
 * The terminal is started on first use and reused; commands are queued so
 * they never interleave. If the socket drops, the server restarts or a
 * command cannot be stopped, the terminal is discarded and the next command
 * starts a fresh one. While the page lives it sends an empty message over
 * the terminal's socket every 10 s (from a worker's timer, which a hidden
 * page does not throttle), and the server counts each as activity; a
 * terminal left by a page that ended without unloading (a crashed tab, a
 * closed laptop) gets none, goes stale after the 45 s lease and is shut
 * down by a live page's runner when it starts its terminal, once more a
 * lease later, and every minute after. Terminals of an older version of
 * this extension (names without the `t`) keep the old ten-minute rule.
 */
export class TerminalRunner implements ICommandRunner {
  constructor(options: TerminalRunner.IOptions) {
    const terminals = options.terminals ?? options.serviceManager?.terminals;
    if (!terminals) {
      throw new Error(
        'TerminalRunner needs a terminal manager or a service manager.'
      );
    }
    this._terminals = terminals;
    this._prefix = options.namePrefix ?? 'sparkmagic_kerberos';
    if (!TERMINAL_NAME.test(this._prefix)) {
      throw new Error(
        `Invalid terminal name prefix '${this._prefix}': use letters, digits and _.`
      );
    }
    this._timeoutMs = options.timeoutMs ?? 30000;
    this._beatMs = options.beatMs ?? BEAT_MS;
    const prefix = this._prefix;
    this._leaseMs = options.leaseMs ?? 4.5 * this._beatMs;
    this._rules = [
      { pattern: new RegExp(`^${prefix}_t[a-z0-9]+$`), staleMs: this._leaseMs },
      {
        pattern: new RegExp(`^${prefix}_[0-9a-f]+$`),
        staleMs: options.staleMs ?? 10 * 60 * 1000
      }
    ];
    this._env = { ...(options.env ?? {}) };
    this._api = new TerminalsAPI({ serverSettings: terminals.serverSettings });
    this._reaper = new Poll({
      auto: false,
      factory: () => this._reap(),
      frequency: { interval: options.reapMs ?? 60000, backoff: false },
      name: 'jupyterlab-sparkmagic-kerberos:TerminalRunner#reaper',
      standby: 'never'
    });
    this._window =
      options.window === undefined
        ? typeof window === 'undefined'
          ? null
          : window
        : options.window;
    this._window?.addEventListener('pagehide', this._onPageHide);
  }

  /** Name of the hidden terminal in use, or null before the first command. */
  get terminalName(): string | null {
    return this._session && !this._session.isClosed ? this._session.name : null;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  run(command: string, options: IRunOptions = {}): Promise<IRunResult> {
    return this._enqueue(() => this._execute(command, options));
  }

  /** Disposes the runner and waits until its terminal is shut down. */
  async shutdown(): Promise<void> {
    const session = this._session;
    if (session && !session.isClosed) {
      // Let the shell exit by itself first, so its EXIT trap cleans up.
      const exited = new Promise<void>(resolve =>
        session.closed.connect(() => resolve())
      );
      session.retire();
      await Promise.race([
        exited,
        new Promise(resolve => setTimeout(resolve, 2000))
      ]);
    }
    this.dispose();
    if (session) {
      await this._api.shutdown(session.name).catch(noop);
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._window?.removeEventListener('pagehide', this._onPageHide);
    this._reaper.dispose();
    this._beat?.dispose();
    clearTimeout(this._reapAgain);
    const session = this._session;
    this._session = null;
    if (session) {
      this._discard(session);
    }
  }

  private async _execute(
    command: string,
    options: IRunOptions
  ): Promise<IRunResult> {
    if (this._isDisposed) {
      throw new ChannelClosedError('The command runner was disposed.');
    }
    const session = await this._ensure();
    if (session.isClosed) {
      throw new ChannelClosedError();
    }
    const timeoutMs = options.timeoutMs ?? this._timeoutMs;
    const input =
      options.input === undefined ? undefined : utf8Encode(options.input);
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const started = Date.now();
    const frame = await session.exec(command, seconds, input);
    if (frame === TIMED_OUT) {
      if (!(await session.recover())) {
        this._discard(session);
      }
      throw new CommandTimeoutError(command, timeoutMs);
    }
    const exitCode = frame.exitCode;
    if (exitCode === null) {
      throw new ChannelClosedError('The command was interrupted.');
    }
    if (
      TIMEOUT_EXIT_CODES.includes(exitCode) &&
      Date.now() - started >= seconds * 1000 - 50
    ) {
      throw new CommandTimeoutError(command, timeoutMs);
    }
    return {
      stdout: utf8Decode(frame.stdout),
      stderr: utf8Decode(frame.stderr),
      exitCode
    };
  }

  private async _ensure(): Promise<TerminalSession> {
    if (this._session && !this._session.isClosed) {
      return this._session;
    }
    if (!this._terminals.isAvailable()) {
      throw new TerminalsUnavailableError();
    }
    await this._reap();
    let connection: Terminal.ITerminalConnection;
    try {
      connection = await this._terminals.startNew({
        name: `${this._prefix}_t${newId()}`
      });
    } catch (e) {
      throw startFailure(e);
    }
    const session = new TerminalSession({ connection });
    if (this._isDisposed) {
      this._discard(session);
      throw new ChannelClosedError('The command runner was disposed.');
    }
    this._session = session;
    session.closed.connect(this._onClosed, this);
    if (!(await session.start(this._env, STARTUP_SECONDS))) {
      this._discard(session);
      throw new ChannelClosedError(
        `The hidden terminal did not start /bin/sh within ${STARTUP_SECONDS} s.`
      );
    }
    // Terminals that were not stale yet are once the lease has passed.
    clearTimeout(this._reapAgain);
    this._reapAgain = setTimeout(() => void this._reap(), this._leaseMs + 5000);
    void this._reaper.start();
    this._beat ??= everyMs(this._beatMs, () => this._sendBeat());
    return session;
  }

  /** An empty input message: the server counts it as the terminal's activity. */
  private _sendBeat(): void {
    this._session?.beat();
  }

  /** Shuts down the terminals of this runner's kind whose page is gone. */
  private async _reap(): Promise<void> {
    await this._api.reap(this._rules, this._session?.name).catch(noop);
  }

  private _enqueue<T>(job: () => Promise<T>): Promise<T> {
    const task = this._tail.then(job);
    this._tail = task.then(noop, noop);
    return task;
  }

  private _onClosed(session: TerminalSession): void {
    if (this._session === session) {
      this._session = null;
    }
    session.dispose();
    // The socket may be gone while the pty lives on: shut it down.
    void this._api.shutdown(session.name).catch(noop);
  }

  private _discard(session: TerminalSession, keepalive = false): void {
    if (this._session === session) {
      this._session = null;
    }
    session.retire();
    session.dispose();
    void this._api.shutdown(session.name, keepalive).catch(noop);
  }

  private _onPageHide = (): void => {
    if (this._session) {
      this._discard(this._session, true);
    }
  };

  private _terminals: Terminal.IManager;
  private _api: TerminalsAPI;
  private _prefix: string;
  private _timeoutMs: number;
  private _beatMs: number;
  private _beat: IDisposable | null = null;
  private _leaseMs: number;
  private _rules: IReapRule[];
  private _env: Record<string, string>;
  private _reaper: Poll;
  private _reapAgain: ReturnType<typeof setTimeout> | undefined = undefined;
  private _window: Window | null;
  private _session: TerminalSession | null = null;
  private _tail: Promise<void> = Promise.resolve();
  private _isDisposed = false;
}

export namespace TerminalRunner {
  export interface IOptions {
    /** The app's terminal manager (`app.serviceManager.terminals`). */
    terminals?: Terminal.IManager;
    /** Alternative to `terminals`. */
    serviceManager?: ServiceManager.IManager;
    /** Terminal names are `<prefix>_<random>`; default `sparkmagic_kerberos`. */
    namePrefix?: string;
    /** Default per-command timeout; default 30 s. */
    timeoutMs?: number;
    /** Variables exported in the hidden shell (e.g. KRB5_CONFIG, KRB5CCNAME). */
    env?: Record<string, string>;
    /** Interval of the page's beat over the terminal's socket; default 10 s. */
    beatMs?: number;
    /** A terminal without a beat this long belongs to a page that is gone; default 4.5 beats. */
    leaseMs?: number;
    /** The same for terminals of older versions (no ticks); default 10 min. */
    staleMs?: number;
    /** Interval of the reaping; default 60 s. */
    reapMs?: number;
    /** Window whose `pagehide` shuts the terminal down; default the global one. */
    window?: Window | null;
  }
}

function noop(): void {
  // Errors of best-effort cleanup are ignored.
}
