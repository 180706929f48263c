import { Terminal } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { FrameError, IFrame, parseFrame } from '../core/frame';
import { ChannelClosedError } from './errors';

/** Largest websocket message we send; terminado handles each as one pty write. */
const MESSAGE_CHARS = 64 * 1024;

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
