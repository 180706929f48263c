import { ServiceManager, Terminal } from '@jupyterlab/services';
import { UUID } from '@lumino/coreutils';
import { Poll } from '@lumino/polling';

import { utf8Decode, utf8Encode } from '../core/encoding';
import {
  TERMINAL_NAME,
  TIMEOUT_EXIT_CODES,
  commandText,
  shellInitLines,
  shellStartLine
} from '../core/frame';
import {
  ChannelClosedError,
  CommandTimeoutError,
  TerminalsUnavailableError
} from './errors';
import { TerminalSession } from './session';
import { TerminalsAPI, startFailure } from './terminals-api';
import { ICommandRunner, IRunOptions, IRunResult } from './tokens';

/** Time the shell gets beyond the command's own timeout to report it. */
const GRACE_MS = 3000;
/** Time for a new terminal to run its login shell and start /bin/sh. */
const STARTUP_MS = 20000;
/** Time for the shell to answer after ^C. */
const RESYNC_MS = 5000;

const TIMED_OUT = Symbol('timed out');

/**
 * Runs commands in one hidden terminal per browser tab.
 *
 * The terminal is started on first use and reused; commands are queued so
 * they never interleave. If the socket drops, the server restarts or a
 * command cannot be stopped, the terminal is discarded and the next command
 * starts a fresh one. A heartbeat keeps the terminal's `last_activity`
 * fresh, so terminals whose tab died without unloading can be told apart
 * and are shut down by the next runner that starts a terminal.
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
    this._staleMs = options.staleMs ?? 10 * 60 * 1000;
    this._env = { ...(options.env ?? {}) };
    this._api = new TerminalsAPI({ serverSettings: terminals.serverSettings });
    this._heartbeat = new Poll({
      auto: false,
      factory: () => this._beat(),
      frequency: { interval: options.heartbeatMs ?? 60000, backoff: false },
      name: 'jupyterlab-sparkmagic-kerberos:TerminalRunner#heartbeat',
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
    return this._enqueue(() => this._execute(command, options, true));
  }

  /** Disposes the runner and waits until its terminal is shut down. */
  async shutdown(): Promise<void> {
    const session = this._session;
    if (session && !session.isClosed) {
      // Let the shell exit by itself first, so its EXIT trap cleans up.
      const exited = new Promise<void>(resolve =>
        session.closed.connect(() => resolve())
      );
      retire(session);
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
    this._heartbeat.dispose();
    const session = this._session;
    this._session = null;
    if (session) {
      this._discard(session);
    }
  }

  private async _execute(
    command: string,
    options: IRunOptions,
    start: boolean
  ): Promise<IRunResult> {
    if (this._isDisposed) {
      throw new ChannelClosedError('The command runner was disposed.');
    }
    const session = start ? await this._ensure() : this._session;
    if (!session || session.isClosed) {
      throw new ChannelClosedError();
    }
    const timeoutMs = options.timeoutMs ?? this._timeoutMs;
    const input =
      options.input === undefined ? undefined : utf8Encode(options.input);
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const started = Date.now();
    const frame = await this._frame(session, command, seconds, input);
    if (frame === TIMED_OUT) {
      await this._recover(session);
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

  /** Sends one framed command; resolves with its frame or TIMED_OUT. */
  private async _frame(
    session: TerminalSession,
    command: string,
    seconds: number,
    input?: Uint8Array
  ) {
    const nonce = newId();
    const result = session.waitFor(nonce);
    session.send(commandText(nonce, command, seconds, input));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<typeof TIMED_OUT>(resolve => {
      timer = setTimeout(() => resolve(TIMED_OUT), seconds * 1000 + GRACE_MS);
    });
    try {
      const outcome = await Promise.race([result, expired]);
      if (outcome === TIMED_OUT) {
        session.abandon(new ChannelClosedError('Timed out.'));
        result.catch(noop);
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /** After a timeout: ^C, then prove the shell answers, else discard it. */
  private async _recover(session: TerminalSession): Promise<void> {
    try {
      session.send('\x03');
      const frame = await this._frame(
        session,
        ':',
        Math.ceil(RESYNC_MS / 1000)
      );
      if (frame !== TIMED_OUT && frame.exitCode === 0) {
        return;
      }
    } catch {
      // The session closed while recovering: discard it below.
    }
    this._discard(session);
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
        name: `${this._prefix}_${newId()}`
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
    session.send(shellStartLine() + shellInitLines(this._env));
    const ready = await this._frame(
      session,
      'echo ready',
      Math.ceil(STARTUP_MS / 1000)
    ).catch(() => null);
    if (
      !ready ||
      ready === TIMED_OUT ||
      utf8Decode(ready.stdout) !== 'ready\n'
    ) {
      this._discard(session);
      throw new ChannelClosedError(
        `The hidden terminal did not start /bin/sh within ${STARTUP_MS / 1000} s.`
      );
    }
    void this._heartbeat.start();
    return session;
  }

  /** Shuts down this runner's terminals of closed tabs: same prefix, no activity for staleMs. */
  private async _reap(): Promise<void> {
    const { terminals, serverNow } = await this._api.list();
    const mine = new RegExp(`^${this._prefix}_[a-z0-9]+$`);
    const stale = terminals.filter(
      t => mine.test(t.name) && !(serverNow - t.lastActivity < this._staleMs)
    );
    await Promise.all(stale.map(t => this._api.shutdown(t.name).catch(noop)));
  }

  /** Keeps `last_activity` fresh; never starts a terminal. */
  private async _beat(): Promise<void> {
    if (this._session && !this._session.isClosed && this._queued === 0) {
      await this._enqueue(() =>
        this._execute(':', { timeoutMs: 10000 }, false)
      ).catch(noop);
    }
  }

  private _enqueue<T>(job: () => Promise<T>): Promise<T> {
    this._queued++;
    const task = this._tail.then(job);
    this._tail = task.then(noop, noop).then(() => {
      this._queued--;
    });
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
    retire(session);
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
  private _staleMs: number;
  private _env: Record<string, string>;
  private _heartbeat: Poll;
  private _window: Window | null;
  private _session: TerminalSession | null = null;
  private _tail: Promise<void> = Promise.resolve();
  private _queued = 0;
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
    /** Interval of the keep-alive command; default 60 s. */
    heartbeatMs?: number;
    /** A runner terminal idle this long belongs to a closed tab; default 10 min. */
    staleMs?: number;
    /** Window whose `pagehide` shuts the terminal down; default the global one. */
    window?: Window | null;
  }
}

function newId(): string {
  return UUID.uuid4().replace(/-/g, '').toLowerCase();
}

/** Asks the shell to exit (its EXIT trap removes its scratch files). */
function retire(session: TerminalSession): void {
  if (!session.isClosed) {
    session.send('exit\n');
  }
}

function noop(): void {
  // Errors of best-effort cleanup are ignored.
}
