/**
 * POSIX shell quoting. Everything this extension sends to a shell goes
 * through here: single quotes make every byte literal in sh, dash and bash
 * (no expansion, no globbing, no history), and a `'` inside is written as
 * `'\''`. NUL cannot be passed to a shell at all, so it is refused.
 */

/** A string that cannot be quoted for a shell (it contains NUL). */
export class ShellQuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellQuoteError';
  }
}

/**
 * Characters that mean nothing to a POSIX shell in any word position.
 * `=` is left out (a first word `a=b` would be an assignment), `~` too
 * (tilde expansion).
 */
const SAFE = /^[A-Za-z0-9_@%+:,./-]+$/;

/** Environment variable names a shell accepts in an assignment. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes one word; the shell reads it back byte for byte. */
export function shellQuote(s: string): string {
  if (s.indexOf('\0') !== -1) {
    throw new ShellQuoteError(
      'Cannot pass a value containing a NUL character to a shell.'
    );
  }
  if (SAFE.test(s)) {
    return s;
  }
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** Quotes each argument and joins them with spaces. */
export function shellJoin(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}

/**
 * Quotes a path; `~/rest` becomes `"$HOME"/'rest'` so the shell expands the
 * home directory and nothing else.
 */
export function shellQuotePath(path: string): string {
  if (path === '~') {
    return '"$HOME"';
  }
  if (path.startsWith('~/')) {
    const rest = path.slice(2);
    return rest === '' ? '"$HOME"/' : '"$HOME"/' + shellQuote(rest);
  }
  return shellQuote(path);
}

/**
 * `NAME=value NAME2=value2 ` prefix for a command; values are quoted as
 * paths (a leading `~/` means the home directory).
 */
export function shellEnvPrefix(env: Readonly<Record<string, string>>): string {
  return Object.keys(env)
    .map(name => {
      if (!ENV_NAME.test(name)) {
        throw new ShellQuoteError(
          `'${name}' is not a valid environment variable name (letters, digits and _, not starting with a digit).`
        );
      }
      return `${name}=${shellQuotePath(env[name])} `;
    })
    .join('');
}
