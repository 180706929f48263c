/**
 * The protocol spoken with the hidden terminal's shell.
 *
 * A pty stream carries echo, prompts, banners, `\r\n` and replayed history,
 * and the line discipline acts on control characters (^C, ^U, ^D, ...) and
 * truncates lines past ~4 KB. So nothing of a command is typed as is: the
 * command text and its stdin travel as base64 in short lines, the shell
 * function `__skr` decodes and runs them, and it prints the command's
 * stdout and stderr as base64 between markers that carry a per-command
 * nonce. The typed text never contains a marker (the nonce is typed as a
 * separate word), so an echo cannot be mistaken for a result.
 */

import { base64Decode, base64Encode, utf8Encode } from './encoding';
import { shellQuote } from './shell';

/** Longest base64 run typed on one line (the pty truncates near 4 KB). */
export const LINE_CHARS = 900;

/**
 * Commands typed as they are: printable ASCII and newlines only, nothing
 * the line discipline acts on. Not a tab: where /bin/sh is bash (Amazon
 * Linux, RHEL) readline takes it for completion.
 */
const RAW = /^[\x20-\x7e\n]*$/;
/** Longest command typed as text; longer ones travel as base64. */
const RAW_CHARS = 32 * 1024;

/** Nonces are lower-case letters and digits, so they are single shell words. */
export const NONCE = /^[a-z0-9]{16,64}$/;

/** Names terminado accepts in its REST and websocket routes (`\w+`). */
export const TERMINAL_NAME = /^\w+$/;

/** Exit code `timeout` uses when it had to kill the command. */
export const TIMEOUT_EXIT_CODES = [124, 137];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces whatever login shell terminado started by a plain, quiet sh.
 * bash saves its history before `exec`: without HISTFILE it has nowhere to,
 * and the leading space keeps the line out where HISTCONTROL ignores spaces.
 */
export function shellStartLine(): string {
  return ' unset HISTFILE; exec env LC_ALL=C TZ=UTC PS1= PS2= ENV= HISTFILE=/dev/null /bin/sh\n';
}

/**
 * Defines `__skr` in the fresh sh. The command runs in its own process
 * group under `timeout` when GNU timeout exists, so a timeout kills the
 * whole command and the shell stays usable; stdin is /dev/null unless the
 * caller sends input, so a command can never swallow the next typed line.
 */
export function shellInitLines(
  env: Readonly<Record<string, string>> = {}
): string {
  const exports = Object.keys(env).map(name => {
    if (!ENV_NAME.test(name)) {
      throw new Error(`'${name}' is not a valid environment variable name.`);
    }
    return `export ${name}=${shellQuote(env[name])}`;
  });
  return (
    [
      // Where /bin/sh is bash (Amazon Linux, RHEL) it is interactive here
      // and would expand `!` in what we type.
      'case $- in *H*) set +H ;; esac; stty -echo 2>/dev/null; PS1=; PS2=',
      // Nor does it keep what is typed, or run a PROMPT_COMMAND it inherited.
      'unset PROMPT_COMMAND; [ -z "${BASH_VERSION-}" ] || set +o history',
      ...exports,
      // Scratch files live in a private directory named after this shell's
      // PID; those of shells that died without cleaning up are removed here.
      'for __skr_d in "${TMPDIR:-/tmp}"/sparkmagic-kerberos-[0-9]*.??????; do __skr_p=${__skr_d##*/sparkmagic-kerberos-}; __skr_p=${__skr_p%.*}; ' +
        'case $__skr_p in *[!0-9]*) continue ;; esac; [ -d "$__skr_d" ] && [ -O "$__skr_d" ] && ! kill -0 "$__skr_p" 2>/dev/null && rm -rf "$__skr_d"; done',
      // Without a scratch directory every command reports no status, and the
      // runner says the shell could not start.
      'if __skr_dir=$(mktemp -d "${TMPDIR:-/tmp}/sparkmagic-kerberos-$$.XXXXXX"); then ' +
        'trap \'rm -rf "$__skr_dir"\' EXIT; else __skr_dir=/dev/null/skr; fi; ' +
        '__skr_err=$__skr_dir/err; __skr_rcf=$__skr_dir/rc; __skr_cmd=$__skr_dir/cmd; __skr_b64=$__skr_dir/cmd.b64; : >"$__skr_err"; : >"$__skr_b64"',
      "trap 'exit 129' HUP; trap 'exit 143' TERM",
      '__skr_to=; timeout -k 1 9 true 2>/dev/null && __skr_to=1',
      // Long commands arrive in several lines, appended to a file (a growing
      // variable would be copied on every line).
      '__skr_a() { printf \'%s\\n\' "$1" >>"$__skr_b64"; }',
      // Every command runs from the private file, never as an argument: any
      // local user can read a process's arguments in /proc/PID/cmdline, and
      // commands carry file contents.
      // Sourced by a fixed sh -c, so $0 is `sh` and there are no arguments.
      '__skr_r=\'__skr_f=$1; shift; . "$__skr_f"\'',
      '__skr_y() { if [ -n "$__skr_to" ]; then timeout -k 2 "$1" sh -c "$__skr_r" sh "$__skr_cmd"; else sh -c "$__skr_r" sh "$__skr_cmd"; fi; }',
      '__skr_x() { if [ "$2" = i ]; then base64 -d | __skr_y "$1"; else __skr_y "$1" </dev/null; fi; }',
      // The frame is printed with one printf: a single write reaches the
      // browser as one websocket message, which Nagle's algorithm cannot delay.
      // Short printable commands arrive as a quoted word, saved by the
      // printf builtin; others as base64 lines. Both end up in the file,
      // emptied once the command has run.
      '__skr() { if [ "$2" = - ]; then printf \'%s\' "$5" >"$__skr_cmd"; ' +
        'else printf \'%s\\n\' "$2" >>"$__skr_b64"; base64 -d <"$__skr_b64" >"$__skr_cmd"; fi; : >"$__skr_b64"; : >"$__skr_rcf"; ' +
        '__skr_o=$( { __skr_x "$3" "$4" 2>"$__skr_err"; echo $? >"$__skr_rcf"; } | base64 ); : >"$__skr_cmd"; ' +
        'read -r __skr_rc <"$__skr_rcf" || __skr_rc=; __skr_e=; ' +
        'if [ -s "$__skr_err" ]; then __skr_e=$(base64 <"$__skr_err"); : >"$__skr_err"; fi; ' +
        'printf \'\\nSKR_B_%s\\n%s\\nSKR_X_%s\\n%s\\nSKR_E_%s:%s\\n\' "$1" "$__skr_o" "$1" "$__skr_e" "$1" "$__skr_rc"; }'
    ].join('\n') + '\n'
  );
}

/** Splits base64 text into typed lines. */
function lines(b64: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < b64.length; i += LINE_CHARS) {
    out.push(b64.slice(i, i + LINE_CHARS));
  }
  return out;
}

/**
 * The text typed to run one command: the command in base64 (accumulated
 * over several `__skr_a` lines when long), then `__skr`, then the stdin as a
 * quoted here-document of base64 lines when there is input.
 */
export function commandText(
  nonce: string,
  command: string,
  timeoutSeconds: number,
  input?: Uint8Array
): string {
  if (!NONCE.test(nonce)) {
    throw new Error(`Invalid nonce '${nonce}'.`);
  }
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
    throw new Error(
      `Invalid timeout ${timeoutSeconds}: use whole seconds, at least 1.`
    );
  }
  const text = command === '' ? ':' : command;
  const out: string[] = [];
  const inputDoc = input === undefined ? '' : ` <<'SKR_I_${nonce}'`;
  const flag = input === undefined ? 'n' : 'i';
  const raw = RAW.test(text) && text.length <= RAW_CHARS;
  const quoted = raw ? shellQuote(text) : '';
  if (raw && quoted.split('\n').every(l => l.length <= LINE_CHARS)) {
    // A single-quoted word: the shell takes it literally, newlines included.
    out.push(
      `__skr ${nonce} - ${timeoutSeconds} ${flag} ${quoted}${inputDoc}\n`
    );
  } else {
    const parts = lines(base64Encode(utf8Encode(text)));
    const last = parts.pop() as string;
    out.push(...parts.map(p => `__skr_a ${p}\n`));
    out.push(`__skr ${nonce} ${last} ${timeoutSeconds} ${flag}${inputDoc}\n`);
  }
  if (input !== undefined) {
    out.push(...lines(base64Encode(input)).map(l => l + '\n'));
    out.push(`SKR_I_${nonce}\n`);
  }
  return out.join('');
}

/** A finished frame: raw bytes of stdout and stderr, and the exit status. */
export interface IFrame {
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Null when the shell printed no status (the command was interrupted). */
  exitCode: number | null;
}

/** Output that contains both markers for a nonce but nothing decodable between. */
export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * Finds the frame for `nonce` in pty output, or returns null while its end
 * marker has not arrived. Output before the begin marker (echo, prompts,
 * replayed history) is ignored.
 */
export function parseFrame(output: string, nonce: string): IFrame | null {
  const text = output.replace(/\r/g, '');
  const endMarker = `SKR_E_${nonce}:`;
  const endAt = text.indexOf('\n' + endMarker);
  if (endAt === -1) {
    return null;
  }
  const statusStart = endAt + 1 + endMarker.length;
  const lineEnd = text.indexOf('\n', statusStart);
  if (lineEnd === -1) {
    return null;
  }
  const status = text.slice(statusStart, lineEnd);
  if (!/^\d*$/.test(status)) {
    throw new FrameError(`Unreadable exit status '${status}'.`);
  }
  const beginMarker = `\nSKR_B_${nonce}\n`;
  const beginAt = text.lastIndexOf(beginMarker, endAt);
  if (beginAt === -1) {
    throw new FrameError('The end of a command arrived without its start.');
  }
  const body = text.slice(beginAt + beginMarker.length, endAt + 1);
  const errMarker = `SKR_X_${nonce}\n`;
  const errAt = body.indexOf(errMarker);
  const out = errAt === -1 ? body : body.slice(0, errAt);
  const err = errAt === -1 ? '' : body.slice(errAt + errMarker.length);
  try {
    return {
      stdout: base64Decode(out),
      stderr: base64Decode(err),
      exitCode: status === '' ? null : Number(status)
    };
  } catch (e) {
    throw new FrameError(`Garbled command output: ${(e as Error).message}`);
  }
}
