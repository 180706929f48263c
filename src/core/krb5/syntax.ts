/**
 * Character rules of MIT's profile parser (src/util/profile/prof_parse.c),
 * which runs `isspace()` in the C locale on raw bytes.
 */

/** C `isspace`: space, tab, newline, vertical tab, form feed, carriage return. */
export function isBlank(ch: string | undefined): boolean {
  return (
    ch === ' ' ||
    ch === '\t' ||
    ch === '\n' ||
    ch === '\v' ||
    ch === '\f' ||
    ch === '\r'
  );
}

/** Index of the first non-blank character at or after `from`. */
export function skipBlanks(text: string, from = 0): number {
  let i = from;
  while (i < text.length && isBlank(text[i])) {
    i++;
  }
  return i;
}

/** Drops trailing CR/LF characters, as `strip_line` does. */
export function stripEol(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) {
    end--;
  }
  return text.slice(0, end);
}

/** Drops trailing blanks. */
export function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) {
    end--;
  }
  return text.slice(0, end);
}

/** UTF-8 length of a string, in bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** MIT reads lines with `fgets` into 2048 bytes: longer ones are split mid-line. */
export const MAX_LINE_BYTES = 2047;

/** Compares by Unicode code point, i.e. the byte order of UTF-8 (`strcmp`). */
export function compareBytes(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = (ca[i].codePointAt(0) ?? 0) - (cb[i].codePointAt(0) ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return ca.length - cb.length;
}
