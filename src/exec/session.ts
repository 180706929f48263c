import { Terminal } from '@jupyterlab/services';
import { UUID } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { utf8Decode } from '../core/terminal/encoding';
import {
  FrameError,
  IFrame,
  commandText,
  parseFrame,
  shellInitLines,
  shellStartLine
} from '../core/terminal/frame';
import { ChannelClosedError } from './errors';

/** Largest websocket message we send; terminado handles each as one pty write. */
const MESSAGE_CHARS = 64 * 1024;
/** Time the shell gets beyond the command's own timeout to report it. */
const GRACE_MS = 3000;
/** Time for the shell to answer after ^C. */
const RESYNC_SECONDS = 5;

/** What `exec` resolves with when the command's time is up. */
export const TIMED_OUT = Symbol('timed out');

/** Random lower-case hex, for nonces and terminal names. */
export function newId(): string {
  return UUID.uuid4().replace(/-/g, '').toLowerCase();
}

/**
 * One hidden terminal connection. It is single-use: when the socket drops
 * or the pty ends it reports `closed` once and never reconnects (a
 * reconnected socket may lead to a different shell, or replay history), so
 * the runner starts a fresh terminal instead.
 */
export class TerminalSession implements IDisposable {
  constructor(options: TerminalSession.IOptions) {
    this.connection = options.connection;
    this.connection.messageReceived.connect(this._onMessage, this);
    this.connection.connectionStatusChanged.connect(this._onStatus, this);
    this.connection.disposed.connect(() => this._close(), this);
  }

  readonly connection: Terminal.ITerminalConnection;

  get name(): string {
    return this.connection.name;
  }

  /** Emitted once, when the socket or the pty is gone. */
  get closed(): ISignal<this, void> {
    return this._closed;
  }

  get isClosed(): boolean {
    return this._isClosed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Types text into the terminal, split into bounded websocket messages. */
  send(text: string): void {
    if (this._isClosed) {
      throw new ChannelClosedError();
    }
    for (let i = 0; i < text.length; i += MESSAGE_CHARS) {
      this.connection.send({
        type: 'stdin',
        content: [text.slice(i, i + MESSAGE_CHARS)]
      });
    }
  }

  /** An empty input message: nothing reaches the shell, and the server counts it as activity. */
  beat(): void {
    if (!this._isClosed) {
      this.connection.send({ type: 'stdin', content: [''] });
    }
  }

  /**
   * Replaces the login shell by the framed /bin/sh (frame.ts); resolves
   * false when it does not answer within `seconds`.
   */
  async start(env: Record<string, string>, seconds: number): Promise<boolean> {
    this.send(shellStartLine() + shellInitLines(env));
    const ready = await this.exec('echo ready', seconds).catch(() => null);
    return (
      !!ready && ready !== TIMED_OUT && utf8Decode(ready.stdout) === 'ready\n'
    );
  }

  /** Runs one framed command; resolves with its frame, or TIMED_OUT. */
  async exec(
    command: string,
    seconds: number,
    input?: Uint8Array
  ): Promise<IFrame | typeof TIMED_OUT> {
    const nonce = newId();
    const result = this.waitFor(nonce);
    this.send(commandText(nonce, command, seconds, input));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<typeof TIMED_OUT>(resolve => {
      timer = setTimeout(() => resolve(TIMED_OUT), seconds * 1000 + GRACE_MS);
    });
    try {
      const outcome = await Promise.race([result, expired]);
      if (outcome === TIMED_OUT) {
        this.abandon(new ChannelClosedError('Timed out.'));
        result.catch(() => undefined);
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /** After a timeout: ^C, then proves the shell answers a fresh frame. */
  async recover(): Promise<boolean> {
    try {
      this.send('\x03');
      const frame = await this.exec(':', RESYNC_SECONDS);
      return frame !== TIMED_OUT && frame.exitCode === 0;
    } catch {
      return false;
    }
  }

  /** Asks the shell to exit (its EXIT trap removes its scratch files). */
  retire(): void {
    if (!this._isClosed) {
      this.send('exit\n');
    }
  }

  /**
   * Resolves with the frame for `nonce`, parsing only output that arrives
   * from now on. Rejects with ChannelClosedError when the session closes.
   */
  waitFor(nonce: string): Promise<IFrame> {
    if (this._isClosed) {
      return Promise.reject(new ChannelClosedError());
    }
    this._pending?.reject(
      new ChannelClosedError('Superseded by another command.')
    );
    return new Promise<IFrame>((resolve, reject) => {
      this._buffer = '';
      this._pending = { nonce, resolve, reject };
    });
  }

  /** Stops waiting for the current frame (after a timeout). */
  abandon(reason: Error): void {
    const pending = this._pending;
    this._pending = null;
    pending?.reject(reason);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._close();
    Signal.clearData(this);
  }

  private _onMessage(
    _: Terminal.ITerminalConnection,
    msg: Terminal.IMessage
  ): void {
    if (msg.type !== 'stdout' || !this._pending) {
      return;
    }
    const from = Math.max(0, this._buffer.length - 100);
    this._buffer += String(msg.content?.[0] ?? '');
    // Parse only once the end marker may be there: output can be large.
    if (this._buffer.indexOf(`SKR_E_${this._pending.nonce}`, from) === -1) {
      return;
    }
    let frame: IFrame | null;
    try {
      frame = parseFrame(this._buffer, this._pending.nonce);
    } catch (e) {
      const error = e instanceof FrameError ? e : new FrameError(String(e));
      this.abandon(new ChannelClosedError(error.message));
      this._close();
      return;
    }
    if (frame) {
      const pending = this._pending;
      this._pending = null;
      this._buffer = '';
      pending.resolve(frame);
    }
  }

  private _onStatus(
    _: Terminal.ITerminalConnection,
    status: Terminal.ConnectionStatus
  ): void {
    if (status === 'connected') {
      this._wasConnected = true;
    } else if (this._wasConnected || status === 'disconnected') {
      this._close();
    }
  }

  private _close(): void {
    if (this._isClosed) {
      return;
    }
    this._isClosed = true;
    this.abandon(new ChannelClosedError());
    // Disposing stops the connection's own reconnect attempts. Deferred: a
    // status change comes from inside its reconnect, which schedules the
    // next attempt after emitting; dispose() then cancels that attempt.
    void Promise.resolve().then(() => {
      if (!this.connection.isDisposed) {
        this.connection.dispose();
      }
    });
    this._closed.emit();
  }

  private _buffer = '';
  private _pending: {
    nonce: string;
    resolve: (frame: IFrame) => void;
    reject: (error: Error) => void;
  } | null = null;
  private _wasConnected = false;
  private _isClosed = false;
  private _isDisposed = false;
  private _closed = new Signal<this, void>(this);
}

export namespace TerminalSession {
  export interface IOptions {
    /** A connection to a terminal this session owns. */
    connection: Terminal.ITerminalConnection;
  }
}
