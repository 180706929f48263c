import { Krb5ParseError } from './errors';
import { classifyTrivia, readDirective, trivia, unquote } from './lines';
import {
  IKrb5Directive,
  IKrb5Document,
  IKrb5Group,
  IKrb5Item,
  IKrb5Section,
  IKrb5Trivia,
  emptyDocument
} from './model';
import {
  MAX_LINE_BYTES,
  isBlank,
  skipBlanks,
  stripEol,
  trimBlanksEnd,
  utf8Length
} from './syntax';

/**
 * Parses krb5.conf text the way MIT's profile library does (prof_parse.c,
 * krb5 1.20 to 1.22), keeping every line for a lossless render.
 *
 * Faithful details: a line is split on LF only and trailing CRs are dropped;
 * before the first `[` at column 0 every line is ignored (so a UTF-8 BOM hides
 * the first section, as in MIT); `include`/`includedir` count only at column 0
 * and anywhere in the file; `module` only before the first section, and MIT
 * then ignores the rest of the file; `#`/`;` comments are whole lines; a
 * missing `}` at the end of the file is accepted.
 *
 * @throws Krb5ParseError where MIT fails with "Improper format of Kerberos
 * configuration file", and for lines MIT would split or truncate.
 */
export function parseKrb5Conf(text: string): IKrb5Document {
  return new Parser(text).run();
}

type State = 'init' | 'std' | 'obrace' | 'module';

class Parser {
  constructor(text: string) {
    this._lines = text.split('\n');
    this._finalEol = this._lines[this._lines.length - 1] === '';
    if (this._finalEol) {
      this._lines.pop();
    }
  }

  run(): IKrb5Document {
    const doc = this._doc;
    this._lines.forEach((raw, i) => {
      this._lineNo = i + 1;
      this._checkLimits(raw, i < this._lines.length - 1 || this._finalEol);
      this._line(raw, i < this._lines.length - 1 || this._finalEol);
    });
    for (const group of this._stack) {
      group.closeRaw = null;
    }
    doc.finalEol = this._finalEol;
    const crlf = this._lines.filter(l => l.endsWith('\r')).length;
    doc.eol = crlf * 2 > this._lines.length ? '\r\n' : '\n';
    doc.indent = this._indent ?? doc.indent;
    return doc;
  }

  private _checkLimits(raw: string, newline: boolean): void {
    if (raw.includes('\0')) {
      this._fail(
        'nul-byte',
        'contains a NUL byte, which MIT reads as the end of the line'
      );
    }
    const bytes = utf8Length(raw) + (newline ? 1 : 0);
    if (bytes > MAX_LINE_BYTES) {
      this._fail(
        'line-too-long',
        `is ${bytes} bytes long; MIT reads at most ${MAX_LINE_BYTES} bytes per line and would split it`
      );
    }
  }

  private _line(raw: string, newline: boolean): void {
    if (this._state === 'module') {
      this._doc.preamble.push(trivia('ignored', raw));
      return;
    }
    const directive = readDirective(raw, newline, ['include', 'includedir']);
    if (directive) {
      this._add(directive);
      if (this._state === 'obrace') {
        const group = this._stack[this._stack.length - 1];
        group.itemsBeforeBrace = (group.itemsBeforeBrace ?? 0) + 1;
      }
      return;
    }
    if (this._state === 'init') {
      const module = readDirective(raw, newline, ['module']);
      if (module) {
        this._doc.preamble.push(module);
        this._state = 'module';
        return;
      }
      if (raw[0] !== '[') {
        this._doc.preamble.push(classifyTrivia(raw, 'ignored'));
        return;
      }
      this._state = 'std';
    }
    if (this._state === 'obrace') {
      if (raw[skipBlanks(raw)] !== '{') {
        this._fail(
          'missing-brace',
          'expected a line starting with "{" after "tag ="'
        );
      }
      this._stack[this._stack.length - 1].openRaw?.push(raw);
      this._state = 'std';
      return;
    }
    this._stdLine(raw);
  }

  private _stdLine(raw: string): void {
    const start = skipBlanks(raw);
    if (raw[start] === '#' || raw[start] === ';') {
      this._add(trivia('comment', raw));
      return;
    }
    const body = stripEol(raw.slice(start));
    if (body === '') {
      this._add(trivia('blank', raw));
      return;
    }
    if (body[0] === '[') {
      this._section(body, raw);
    } else if (body[0] === '}') {
      this._close(body, raw);
    } else {
      this._relation(body, raw);
    }
  }

  private _section(body: string, raw: string): void {
    if (this._stack.length > 0) {
      this._fail(
        'section-not-top',
        'a section header inside "{ }": a "}" is missing above'
      );
    }
    const end = body.indexOf(']');
    if (end < 0) {
      this._fail('section-syntax', 'section header without "]"');
    }
    let rest = body.slice(end + 1);
    const final = rest[0] === '*';
    if (final) {
      rest = rest.slice(1);
    }
    if (skipBlanks(rest) < rest.length) {
      this._fail('section-syntax', 'text after the section header');
    }
    const section: IKrb5Section = {
      kind: 'section',
      name: body.slice(1, end),
      final,
      items: [],
      raw
    };
    this._doc.sections.push(section);
    this._current = section;
  }

  private _close(body: string, raw: string): void {
    const group = this._stack.pop();
    if (!group) {
      this._fail('extra-brace', '"}" without a matching "tag = {"');
    }
    group.closeRaw = raw;
    if (body[1] === '*') {
      group.final = true;
    }
  }

  private _relation(body: string, raw: string): void {
    const eq = body.indexOf('=');
    if (eq <= 0) {
      this._fail(
        'relation-syntax',
        'expected "tag = value", "tag = {", "[section]" or "}"'
      );
    }
    const left = body.slice(0, eq);
    let tagEnd = 0;
    while (tagEnd < left.length && !isBlank(left[tagEnd])) {
      tagEnd++;
    }
    if (skipBlanks(left, tagEnd) < left.length) {
      this._fail(
        'relation-syntax',
        `blank inside the tag "${trimBlanksEnd(left)}"`
      );
    }
    const star = left.slice(0, tagEnd).indexOf('*');
    const tag = left.slice(0, star >= 0 ? star : tagEnd);
    const final = star >= 0;
    const value = body.slice(skipBlanks(body, eq + 1));
    this._recordIndent(raw);
    if (
      value === '' ||
      (value[0] === '{' && skipBlanks(value, 1) === value.length)
    ) {
      const group: IKrb5Group = {
        kind: 'group',
        tag,
        final,
        items: [],
        openRaw: [raw]
      };
      if (value === '') {
        group.itemsBeforeBrace = 0;
        this._state = 'obrace';
      }
      this._add(group);
      this._stack.push(group);
      return;
    }
    this._add({
      kind: 'relation',
      tag,
      value: value[0] === '"' ? unquote(value.slice(1)) : trimBlanksEnd(value),
      final,
      raw
    });
  }

  private _recordIndent(raw: string): void {
    if (this._indent === undefined && this._stack.length === 0) {
      const width = skipBlanks(raw);
      if (width > 0) {
        this._indent = raw.slice(0, width);
      }
    }
  }

  private _add(item: IKrb5Item): void {
    if (this._stack.length > 0) {
      this._stack[this._stack.length - 1].items.push(item);
    } else if (this._current) {
      this._current.items.push(item);
    } else {
      this._doc.preamble.push(item as IKrb5Trivia | IKrb5Directive);
    }
  }

  private _fail(code: Krb5ParseError['code'], detail: string): never {
    throw new Krb5ParseError(code, this._lineNo, detail);
  }

  private _lines: string[];
  private _finalEol: boolean;
  private _doc = emptyDocument();
  private _state: State = 'init';
  private _current: IKrb5Section | null = null;
  private _stack: IKrb5Group[] = [];
  private _indent: string | undefined = undefined;
  private _lineNo = 0;
}
