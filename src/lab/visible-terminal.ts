/**
 * Password sign-in: a visible Jupyter terminal running the sign-in line of
 * core/sign-in-script. The user types the password there (it never passes
 * through this code); the line's outcome report tells us when kinit is done
 * and with which exit code.
 */
import type { Terminal } from '@jupyterlab/services';
import type { CommandRegistry } from '@lumino/commands';
import type { ISignal } from '@lumino/signaling';
import { SignInScan } from '../core/sign-in/scan';

/** The part of a terminal connection the sign-in flow uses. */
export interface ITerminalSessionLike {
  readonly name: string;
  send(message: { type: 'stdin'; content: string[] }): void;
  readonly messageReceived: ISignal<any, { type: string; content?: unknown[] }>;
}

export interface IOpenedTerminal {
  readonly session: ITerminalSessionLike;
  /** Resolves when the user closes the terminal. */
  readonly closed: Promise<void>;
  /** Closes the tab and shuts the terminal down. */
  close(): void;
  /** Closes it after a few seconds, so its last lines can be read. */
  closeLater(): void;
}

export interface ITerminalOpener {
  /** Opens a terminal titled `title`; a sign-in terminal still open is closed first. */
  open(title: string): Promise<IOpenedTerminal>;
}

export interface ITerminalOutcome {
  /** kinit's exit code; null when the terminal was closed before it finished. */
  exitCode: number | null;
  /** What the terminal showed while kinit ran (echo is off: no password). */
  output: string;
}

/** How long a successful sign-in terminal stays, showing the ticket's expiry. */
const CLOSE_AFTER_MS = 4000;

/** How long to wait for the shell's first prompt before typing anyway. */
const PROMPT_WAIT_MS = 3000;

/**
 * The longest line typed before the login shell reads it: until then the
 * tty's canonical line buffer (4095 bytes) holds it and drops the rest.
 */
const MAX_EARLY_LINE = 4000;

// ANSI escape sequences start with the ESC control character.
const ANSI =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#][0-9A-Za-z]|\x1b[=>78]/g;

/** Terminal output as plain text lines. */
export function plainText(raw: string): string {
  return raw.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

/** A fresh nonce for the outcome report. */
export function newMarker(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return (
    'skrb' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')
  );
}

/**
 * Types `line` (from `signInLine`, carrying `marker`) into the terminal and
 * waits for its outcome report.
 */
export async function typeAndWatch(
  terminal: IOpenedTerminal,
  line: string,
  marker: string
): Promise<ITerminalOutcome> {
  const session = terminal.session;
  const scan = new SignInScan(marker);
  let sent = false;
  let finish: (outcome: ITerminalOutcome) => void = () => undefined;
  let prompted: () => void = () => undefined;
  const done = new Promise<ITerminalOutcome>(resolve => (finish = resolve));
  const prompt = new Promise<void>(resolve => (prompted = resolve));
  const onMessage = (
    _: unknown,
    msg: { type: string; content?: unknown[] }
  ): void => {
    if (msg.type !== 'stdout') {
      return;
    }
    if (!sent) {
      prompted();
      return;
    }
    const exitCode = scan.push(String(msg.content?.[0] ?? ''));
    if (exitCode !== null) {
      finish({ exitCode, output: plainText(scan.shown()) });
    }
  };
  session.messageReceived.connect(onMessage);
  void terminal.closed.then(() =>
    finish({ exitCode: null, output: plainText(scan.shown()) })
  );
  try {
    // Typed at once, the line is queued by the tty ahead of anything the
    // user types later, so a password typed while the login shell is still
    // starting (a slow .bashrc) is read by kinit, never run by the shell.
    if (new TextEncoder().encode(line).length > MAX_EARLY_LINE) {
      await Promise.race([prompt, delay(PROMPT_WAIT_MS), terminal.closed]);
    }
    sent = true;
    // Ctrl-U first: whatever was typed at the shell prompt is discarded.
    session.send({ type: 'stdin', content: ['\x15' + line + '\r'] });
    return await done;
  } finally {
    session.messageReceived.disconnect(onMessage);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Opens terminals with the app's own `terminal:create-new`, so the user's
 * terminal settings apply. The command is typed and watched through a
 * connection of our own: in Notebook 7 the terminal opens in a new browser
 * tab and the widget created in this page is dropped at once.
 */
export class LabTerminalOpener implements ITerminalOpener {
  constructor(options: LabTerminalOpener.IOptions) {
    this._commands = options.commands;
    this._terminals = options.terminals;
  }

  async open(title: string): Promise<IOpenedTerminal> {
    this._last?.close();
    // A name of our own: the server gives a new terminal the lowest free
    // number, so a numbered one can take the name of the sign-in terminal
    // just shut down, and a terminal list still naming that one would
    // close the new terminal with it.
    const main = (await this._commands.execute('terminal:create-new', {
      name: `kerberos_sign_in_${newMarker()}`
    })) as ITerminalWidget;
    // The terminal names itself ("Terminal N") once connected, and its
    // main-area tab copies that: the title is set again whenever it changes.
    const keepTitle = () => {
      if (main.content.title.label !== title) {
        main.content.title.label = title;
      }
      main.content.title.caption = title;
    };
    keepTitle();
    main.content.title.changed.connect(keepTitle);
    main.title.label = title;
    main.title.caption = title;
    const name = main.content.session.name;
    const session = this._terminals.connectTo({ model: { name } });
    const closed = new Promise<void>(resolve => {
      // A widget shown in this page and closed by the user cancels; one
      // dropped unshown (Notebook 7 opened a tab instead) does not.
      const shown = main.isAttached;
      main.disposed.connect(() => {
        if (shown) {
          resolve();
        }
      });
      session.disposed.connect(() => resolve());
      session.connectionStatusChanged.connect((_, status) => {
        if (status === 'disconnected') {
          resolve();
        }
      });
    });
    const opened: IOpenedTerminal = {
      session,
      closed,
      close: () => {
        if (this._last === opened) {
          this._last = null;
        }
        main.dispose();
        if (!session.isDisposed) {
          void session.shutdown().finally(() => session.dispose());
        }
      },
      closeLater: () => this._closeLater(opened)
    };
    this._last = opened;
    return opened;
  }

  private _closeLater(opened: IOpenedTerminal): void {
    setTimeout(() => opened.close(), CLOSE_AFTER_MS);
  }

  private _last: IOpenedTerminal | null = null;

  private _commands: CommandRegistry;
  private _terminals: Terminal.IManager;
}

export namespace LabTerminalOpener {
  export interface IOptions {
    commands: CommandRegistry;
    /** The app's terminal manager, for our own connection to the terminal. */
    terminals: Terminal.IManager;
  }
}

/** The part of the MainAreaWidget returned by `terminal:create-new` used here. */
interface ITerminalWidget {
  content: {
    session: { name: string };
    readonly title: {
      label: string;
      caption: string;
      changed: ISignal<unknown, unknown>;
    };
  };
  readonly title: { label: string; caption: string };
  readonly isAttached: boolean;
  disposed: ISignal<unknown, void>;
  dispose(): void;
}
