/**
 * The line typed into a sign-in terminal. It replaces the login shell with a
 * non-interactive `sh` at once, so nothing the user types is ever run as a
 * command or written to a history file; echo is off from the first moment,
 * so a password typed before kinit's prompt is not shown either (kinit reads
 * it as the password). The screen is cleared so only a plain description and
 * kinit's own prompts are seen; the outcome is reported in an OSC sequence
 * the terminal does not display.
 */
import { serviceHost, userPrincipal } from './kinit';
import type { IProfile } from '../profile';
import { shellQuote } from '../terminal/shell';

/** OSC number of the outcome report: `ESC ] 7781 ; <marker>:<exit code> BEL`. */
export const OUTCOME_OSC = '7781';

// Cursor home, erase the screen, erase the scrollback.
const CLEAR_CODES = ['[H', '[2J', '[3J'];

/** Clears the screen and the scrollback: the typed line leaves no trace on screen. */
export const CLEAR_SCREEN = CLEAR_CODES.map(c => '\x1b' + c).join('');

const PRESS_ENTER = 'Press Enter to close this terminal.\\n';

export interface ISignInScriptOptions {
  /** The kinit command, built by `kinitCommand`. */
  kinit: string;
  /** Prints the ticket's expiry after a successful kinit (may print nothing). */
  expiry: string;
  /** The one line shown before kinit runs. */
  intro: string;
  /** A fresh nonce; the report carries it so output cannot fake one. */
  marker: string;
  /** Whether the extension closes the terminal itself after success. */
  autoClose: boolean;
}

// Typed-ahead input is drained without blocking (non-canonical, min 0 time 0)
// before echo comes back. `trap : INT` keeps the wrapper alive on Ctrl-C
// while kinit still gets the default action (an ignored signal would be
// inherited by kinit).
const BODY = [
  'trap : INT',
  'stty -echo 2>/dev/null',
  `printf '${CLEAR_CODES.map(c => '\\033' + c).join('')}%s\\n\\n' "$1"`,
  '__KINIT__',
  'rc=$?',
  'stty -icanon min 0 time 0 2>/dev/null; cat >/dev/null 2>&1; stty icanon 2>/dev/null',
  'if [ "$rc" -eq 0 ]; then',
  '  until=$(__EXPIRY__)',
  '  if [ -n "$until" ]; then printf \'\\nSigned in. The ticket is valid until %s.\\n\' "$until"; else printf \'\\nSigned in.\\n\'; fi',
  '  printf "$3"',
  'else',
  `  printf '\\nSign-in failed: the Spark Kerberos panel says why and what to do.\\n${PRESS_ENTER}'`,
  'fi',
  `printf '\\033]${OUTCOME_OSC};%s:%s\\007' "$2" "$rc"`,
  'read -r _',
  'stty echo 2>/dev/null'
].join('\n');

/** The whole line, to be typed followed by a carriage return. */
export function signInLine(options: ISignInScriptOptions): string {
  // Function replacements: a string one would read `$$`, `$'` or `$&` in a
  // principal or path as a pattern.
  const script = BODY.replace('__KINIT__', () => options.kinit).replace(
    '__EXPIRY__',
    () => options.expiry
  );
  const after = options.autoClose
    ? 'This terminal closes in a few seconds.\\n'
    : PRESS_ENTER;
  // The leading space keeps the line out of history where HISTCONTROL allows.
  return ` exec sh -c ${shellQuote(script)} sh ${shellQuote(options.intro)} ${options.marker} ${shellQuote(after)}`;
}

/** How the outcome report for `marker` begins in raw terminal output. */
export function outcomeHead(marker: string): string {
  return `\x1b]${OUTCOME_OSC};${marker}:`;
}

/** The exit code reported for `marker` in raw terminal output, or null. */
export function findOutcome(raw: string, marker: string): number | null {
  const head = outcomeHead(marker);
  const at = raw.indexOf(head);
  if (at < 0) {
    return null;
  }
  const end = raw.indexOf('\x07', at + head.length);
  const code = end < 0 ? '' : raw.slice(at + head.length, end);
  return /^\d{1,3}$/.test(code) ? Number(code) : null;
}

/**
 * `klist` in the C locale, the expiry of the first ticket (MIT layout:
 * start date, start time, end date, end time, principal); nothing for other
 * layouts.
 */
export function expiryCommand(envPrefix: string): string {
  return `${envPrefix}LC_ALL=C klist 2>/dev/null | awk '/^[0-9]/ && NF >= 5 { print $3 " " $4; exit }'`;
}

/** "Signing in as user@REALM for Livy at HOST through the KDC HOST:PORT". */
export function signInIntro(profile: IProfile): string {
  const kdc = profile.kdcs[0] ?? '';
  const where = kdc === '' ? '' : ` through the KDC ${withPort(kdc, 88)}`;
  return `Signing in as ${userPrincipal(profile)} for Livy at ${serviceHost(profile)}${where}`;
}

function withPort(hostPort: string, port: number): string {
  return /:\d+$/.test(hostPort) ? hostPort : `${hostPort}:${port}`;
}
