/**
 * Password sign-in: a visible Jupyter terminal with the kinit command typed
 * in. The user types the password there (it never passes through this code);
 * a completion marker printed after kinit tells us when it is done and with
 * which exit code.
 */
import type { Terminal } from '@jupyterlab/services';
import type { CommandRegistry } from '@lumino/commands';
import type { ISignal } from '@lumino/signaling';

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
}

export interface ITerminalOpener {
  open(): Promise<IOpenedTerminal>;
}

export interface ITerminalOutcome {
  /** kinit's exit code; null when the terminal was closed before it finished. */
  exitCode: number | null;
  /** What the terminal printed after the command was typed (no password: kinit does not echo it). */
  output: string;
}

/** How long to wait for the shell's first prompt before typing anyway. */
const PROMPT_WAIT_MS = 3000;

// ANSI escape sequences start with the ESC control character.
const ANSI =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#][0-9A-Za-z]|\x1b[=>78]/g;

/** Terminal output as plain text lines. */
export function plainText(raw: string): string {
  return raw.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

/** A fresh marker; printed as `<marker>:<exit code>` after the command. */
export function newMarker(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return (
    'skrb' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')
  );
}

/**
 * The line typed into the terminal. The marker is split by an empty quote
 * pair so the echoed command line never contains `<marker>:<digits>`.
 */
export function markedCommand(command: string, marker: string): string {
  const cut = Math.floor(marker.length / 2);
  return `${command}; echo "${marker.slice(0, cut)}""${marker.slice(cut)}:$?"`;
}

/** The exit code printed after `marker`, or null when it has not appeared yet. */
export function findExitCode(text: string, marker: string): number | null {
  const match = new RegExp(`${marker}:(\\d+)`).exec(text);
  return match ? Number(match[1]) : null;
}

/** Types `command` into the terminal and waits for its completion marker. */
export async function typeAndWatch(
  terminal: IOpenedTerminal,
  command: string,
  marker: string = newMarker()
): Promise<ITerminalOutcome> {
  const session = terminal.session;
  let raw = '';
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
    raw += String(msg.content?.[0] ?? '');
    const text = plainText(raw);
    const exitCode = findExitCode(text, marker);
    if (exitCode !== null) {
      finish({ exitCode, output: text.slice(0, text.lastIndexOf(marker)) });
    }
  };
  session.messageReceived.connect(onMessage);
  void terminal.closed.then(() =>
    finish({ exitCode: null, output: plainText(raw) })
  );
  try {
    await Promise.race([prompt, delay(PROMPT_WAIT_MS), terminal.closed]);
    sent = true;
    session.send({
      type: 'stdin',
      content: [markedCommand(command, marker) + '\r']
    });
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

  async open(): Promise<IOpenedTerminal> {
    const main = (await this._commands.execute(
      'terminal:create-new'
    )) as ITerminalWidget;
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
    return {
      session,
      closed,
      close: () => {
        main.dispose();
        void session.shutdown().finally(() => session.dispose());
      }
    };
  }

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
  content: { session: { name: string } };
  readonly isAttached: boolean;
  disposed: ISignal<unknown, void>;
  dispose(): void;
}
