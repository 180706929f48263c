/**
 * A krb5.conf (MIT profile format) as a tree that remembers its source text.
 *
 * Every node read from a file keeps its original line(s) in `raw`, so rendering
 * an unchanged node gives back the same bytes. Nodes built or changed by code
 * have no `raw` and are rendered in the canonical form.
 */

/**
 * A line that MIT skips: blank, a comment (`#` or `;` after optional blanks),
 * or, before the first section header, any text at all (`ignored`).
 */
export interface IKrb5Trivia {
  kind: 'trivia';
  trivia: 'blank' | 'comment' | 'ignored';
  raw: string;
}

/** `include FILE`, `includedir DIR` or `module PATH:RESIDUAL`, kept in place. */
export interface IKrb5Directive {
  kind: 'directive';
  directive: 'include' | 'includedir' | 'module';
  /** The argument as MIT reads it: the rest of the line, trailing blanks kept. */
  target: string;
  raw?: string;
}

/** `tag = value`; `tag* = value` marks it final. */
export interface IKrb5Relation {
  kind: 'relation';
  tag: string;
  /** The value MIT stores: unquoted and unescaped. */
  value: string;
  final: boolean;
  raw?: string;
}

/** `tag = {` … `}`, possibly nested; final with `tag* =` or `}*`. */
export interface IKrb5Group {
  kind: 'group';
  tag: string;
  final: boolean;
  items: IKrb5Item[];
  /** One line (`tag = {`) or two (`tag =` then a line starting with `{`). */
  openRaw?: string[];
  /** With a two-line opening: how many leading items (include lines) sit between them. */
  itemsBeforeBrace?: number;
  /** The closing line; `null` when the file ends first, which MIT accepts. */
  closeRaw?: string | null;
}

export type IKrb5Item =
  IKrb5Trivia | IKrb5Directive | IKrb5Relation | IKrb5Group;

/** `[name]`, or `[name]*` (final), and everything up to the next header. */
export interface IKrb5Section {
  kind: 'section';
  name: string;
  final: boolean;
  items: IKrb5Item[];
  raw?: string;
}

export interface IKrb5Document {
  /** Lines before the first section header: trivia and directives. */
  preamble: (IKrb5Trivia | IKrb5Directive)[];
  sections: IKrb5Section[];
  /** Line ending for new lines: the one most lines of the source use. */
  eol: '\n' | '\r\n';
  /** Whether the text ends with a line ending. */
  finalEol: boolean;
  /** Indentation unit for new lines, taken from the source when it has any. */
  indent: string;
}

/** A fresh, empty document. */
export function emptyDocument(): IKrb5Document {
  return {
    preamble: [],
    sections: [],
    eol: '\n',
    finalEol: true,
    indent: '    '
  };
}
