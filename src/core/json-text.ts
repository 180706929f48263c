/**
 * JSON parsing with a position on failure. `JSON.parse` messages differ by
 * engine and often carry no position, so a small RFC 8259 scanner finds the
 * first bad character when parsing fails.
 */

export interface IJsonSyntaxError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export type JsonParseResult =
  { ok: true; value: unknown } | { ok: false; error: IJsonSyntaxError };

export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: locateJsonError(text) };
  }
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Position and reason of the first syntax error in `text`. A loop over an
 * explicit stack of open containers: a million nested `[` from a broken
 * server cannot overflow the call stack.
 */
export function locateJsonError(text: string): IJsonSyntaxError {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.indexOf(text[i]) !== -1) {
      i++;
    }
  };
  const describe = () =>
    i >= text.length ? 'the end of the text' : JSON.stringify(text[i]);
  const fail = (expected: string): never => {
    throw new Stop(i, `expected ${expected} but found ${describe()}`);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) {
      i += word.length;
    } else {
      fail('a value');
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) {
        throw new Stop(i, 'a line break or control character inside a string');
      }
      if (text[i] === '\\') {
        i++;
        if (
          text[i] === 'u' &&
          /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))
        ) {
          i += 4;
        } else if ('"\\/bfnrt'.indexOf(text[i]) === -1 || i >= text.length) {
          throw new Stop(i - 1, 'an invalid escape sequence in a string');
        }
      }
      i++;
    }
    if (i >= text.length) {
      fail('a closing "');
    }
    i++;
  };
  const number = () => {
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) {
      fail('a value');
    }
    i = NUMBER.lastIndex;
  };
  const key = () => {
    ws();
    if (text[i] !== '"') {
      fail('a property name in double quotes');
    }
    string();
    ws();
    if (text[i] !== ':') {
      fail('":"');
    }
    i++;
  };
  /** Scans one value; false when it opened a container that is not empty. */
  const value = (open: string[]): boolean => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return true;
      }
      open.push(close);
      if (close === '}') {
        key();
      }
      return false;
    }
    if (ch === '"') {
      string();
    } else if (ch === 't' || ch === 'f' || ch === 'n') {
      literal(ch === 't' ? 'true' : ch === 'f' ? 'false' : 'null');
    } else {
      number();
    }
    return true;
  };
  /** After a member: closes containers, or reads "," and the next key. */
  const next = (open: string[]): void => {
    while (open.length > 0) {
      const close = open[open.length - 1];
      ws();
      if (text[i] === close) {
        i++;
        open.pop();
        continue;
      }
      if (text[i] !== ',') {
        fail(`"," or "${close}"`);
      }
      i++;
      ws();
      if (text[i] === close) {
        fail('another entry after "," (JSON allows no trailing comma)');
      }
      if (close === '}') {
        key();
      }
      return;
    }
  };

  let stop: Stop;
  try {
    const open: string[] = [];
    do {
      if (value(open)) {
        next(open);
      }
    } while (open.length > 0);
    ws();
    stop =
      i < text.length
        ? new Stop(i, `unexpected ${describe()} after the JSON value`)
        : new Stop(i, 'invalid JSON');
  } catch (e) {
    if (!(e instanceof Stop)) {
      throw e;
    }
    stop = e;
  }
  const before = text.slice(0, stop.offset).split('\n');
  return {
    message: stop.message,
    line: before.length,
    column: before[before.length - 1].length + 1
  };
}
