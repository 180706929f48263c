/**
 * Secrets out of the doctor's output: the Sparkmagic config it reads may
 * hold passwords (other endpoints, `kernel_*_credentials.password`), tokens
 * in `custom_headers`, or a password inside a URL; a kernelspec's `env` may
 * hold a proxy URL with a password, or a token. Reports get saved and
 * attached to support tickets, so these values never reach one.
 *
 * The scanner works on JSON text token by token, in one pass, and keeps the
 * line structure: a config that is not valid JSON is still redacted, and the
 * checks still report the line of its syntax error.
 */

export const REDACTED = '<redacted>';

/** Keys whose values are secrets. `auth` (the method) and `username` stay readable. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|secret|token|api_?key|private_?key|cookie|authorization|bearer|session_?key|^key$/i;
/** Keys whose whole value is redacted (every header may carry credentials). */
const BLOCK_KEY = /headers?$/i;

/** Index just past the JSON string starting at `start` (a quote); stops at a line end. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if (c === '\n') {
      return i;
    } else {
      i++;
    }
  }
  return text.length;
}

function keyOf(token: string): string {
  try {
    return String(JSON.parse(token));
  } catch {
    return token.replace(/^"|"$/g, '');
  }
}

/** `"scheme://user:pw@host…"` → `"scheme://user:<redacted>@host…"`, found with indexOf only. */
export function redactUrlPassword(token: string): string {
  const scheme = token.indexOf('://');
  if (scheme < 0) {
    return token;
  }
  const from = scheme + 3;
  let end = token.length;
  for (const stop of ['/', '?', '#', '"']) {
    const at = token.indexOf(stop, from);
    if (at >= 0 && at < end) {
      end = at;
    }
  }
  const at = token.lastIndexOf('@', end - 1);
  if (at < from) {
    return token;
  }
  const colon = token.indexOf(':', from);
  if (colon < 0 || colon > at) {
    return token;
  }
  return `${token.slice(0, colon + 1)}${REDACTED}${token.slice(at)}`;
}

const SPACE = new Set([' ', '\t', '\r', '\n']);
const STOP = new Set([',', '}', ']', ' ', '\t', '\r', '\n']);

/** The JSON text with secret-looking values replaced by "<redacted>". */
export function redactJsonSecrets(text: string): string {
  const out: string[] = [];
  // Per open object or array: whether everything inside is redacted.
  const block: boolean[] = [];
  let key: string | null = null;
  let i = 0;
  const inBlock = () => block.length > 0 && block[block.length - 1];
  const secret = () => inBlock() || (key !== null && SECRET_KEY.test(key));
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      let j = end;
      while (j < text.length && SPACE.has(text[j])) {
        j++;
      }
      if (text[j] === ':') {
        key = keyOf(token);
        out.push(token);
      } else {
        out.push(secret() ? `"${REDACTED}"` : redactUrlPassword(token));
        key = null;
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') {
      block.push(
        inBlock() ||
          (key !== null && (BLOCK_KEY.test(key) || SECRET_KEY.test(key)))
      );
      key = null;
    } else if (c === '}' || c === ']') {
      block.pop();
      key = null;
    } else if (c === ',') {
      key = null;
    } else if (!SPACE.has(c) && c !== ':' && secret()) {
      // A number, true/false/null or stray text as a secret's value.
      let j = i;
      while (j < text.length && !STOP.has(text[j])) {
        j++;
      }
      out.push(`"${REDACTED}"`);
      key = null;
      i = j;
      continue;
    }
    out.push(c);
    i++;
  }
  return out.join('');
}

const BEGIN = /^@@SMKDOC BEGIN (\S+)/;

/**
 * One line of the `kspec` section (script-env.ts `KSPEC`): the kernelspecs
 * as JSON with their `env`, or `E<TAB>NAME<TAB>VALUE` for the chosen one's
 * variables. A kernelspec may carry `HTTPS_PROXY=http://user:pw@…` or a
 * token; the values the checks read (paths, KRB5_*) stay as they are.
 */
function redactKernelspecLine(line: string): string {
  if (line.startsWith('{')) {
    return redactJsonSecrets(line);
  }
  const env = /^E\t([^\t]*)\t/.exec(line);
  if (!env) {
    return line;
  }
  const value = line.slice(env[0].length);
  return (
    env[0] + (SECRET_KEY.test(env[1]) ? REDACTED : redactUrlPassword(value))
  );
}

/**
 * The doctor script's raw output with secrets redacted: the Sparkmagic
 * config content of every `smconf` section (script-env.ts `smconf`) and the
 * kernelspecs' `env` in the `kspec` section; everything else as is.
 */
export function redactDoctorOutput(output: string): string {
  const lines = output.split('\n');
  let section = '';
  let content: number[] | null = null;
  const flush = () => {
    const at = content ?? [];
    const text = at.map(n => lines[n].slice(1)).join('\n');
    redactJsonSecrets(text)
      .split('\n')
      .forEach((l, k) => {
        if (k < at.length) {
          lines[at[k]] = `|${l}`;
        }
      });
    content = null;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (section === 'kspec' && line.startsWith('|')) {
      lines[n] = `|${redactKernelspecLine(line.slice(1))}`;
      continue;
    }
    if (section === 'smconf' && line.startsWith('|')) {
      if (content) {
        content.push(n);
      } else if (line.replace(/\r$/, '') === '|@@PART content') {
        content = [];
      }
      continue;
    }
    flush();
    section = BEGIN.exec(line)?.[1] ?? '';
  }
  flush();
  return lines.join('\n');
}
