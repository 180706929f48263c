/** Readers for single krb5.conf lines, following prof_parse.c. */
import { IKrb5Directive, IKrb5Trivia } from './model';
import { isBlank, skipBlanks, stripEol } from './syntax';

export function trivia(kind: IKrb5Trivia['trivia'], raw: string): IKrb5Trivia {
  return { kind: 'trivia', trivia: kind, raw };
}

/** Blank and comment lines as MIT sees them inside a section; anything else is `other`. */
export function classifyTrivia(
  raw: string,
  other: IKrb5Trivia['trivia']
): IKrb5Trivia {
  const start = skipBlanks(raw);
  if (start === raw.length) {
    return trivia('blank', raw);
  }
  return trivia(
    raw[start] === '#' || raw[start] === ';' ? 'comment' : other,
    raw
  );
}

/**
 * `word` at column 0 followed by a blank (the line's own newline counts).
 * MIT skips blanks after it and drops the line ending, nothing else.
 */
export function readDirective(
  raw: string,
  newline: boolean,
  words: IKrb5Directive['directive'][]
): IKrb5Directive | null {
  for (const word of words) {
    const next =
      raw.length === word.length && newline ? '\n' : raw[word.length];
    if (raw.startsWith(word) && isBlank(next)) {
      const target = stripEol(raw.slice(skipBlanks(raw, word.length)));
      return { kind: 'directive', directive: word, target, raw };
    }
  }
  return null;
}

/** The inside of a `"…"` value: ends at an unescaped `"`; \n \t \b escapes. */
export function unquote(text: string): string {
  let out = '';
  for (let i = 0; i < text.length && text[i] !== '"'; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      i++;
      const ch = text[i];
      out += ch === 'n' ? '\n' : ch === 't' ? '\t' : ch === 'b' ? '\b' : ch;
    } else {
      out += text[i];
    }
  }
  return out;
}
