import { IKrb5Document, IKrb5Item, IKrb5Section } from './model';
import { isBlank } from './syntax';

/**
 * Renders a document: nodes read from a file give back their own lines byte
 * for byte; new or changed nodes are written in the canonical form, with the
 * document's indentation and line ending.
 */
export function renderKrb5Conf(doc: IKrb5Document): string {
  const out = new Writer(doc);
  doc.preamble.forEach(item => out.item(item, 0));
  doc.sections.forEach(section => out.section(section));
  return out.text();
}

/** Why a tag cannot be written as `tag = …`, or null when it can. */
export function tagProblem(tag: string): string | null {
  if (tag === '') {
    return 'is empty';
  }
  if (/[\s=*\0]/.test(tag)) {
    return 'contains a blank, "=", "*" or NUL';
  }
  if ('[}#;'.includes(tag[0])) {
    return 'starts with "[", "}", "#" or ";"';
  }
  return null;
}

/** Why a value cannot be written at all, or null when it can. */
function valueProblem(value: string): string | null {
  return value.includes('\0') ? 'contains a NUL byte' : null;
}

/** A value as MIT reads it back: quoted when blanks or specials would be lost. */
export function formatValue(value: string): string {
  const plain =
    value !== '' &&
    !isBlank(value[0]) &&
    !isBlank(value[value.length - 1]) &&
    value[0] !== '"' &&
    !/^\{\s*$/.test(value) &&
    !/[\n\t\b]/.test(value);
  if (plain) {
    return value;
  }
  const escaped = value.replace(/[\\"\n\t\b]/g, ch =>
    ch === '\n' ? '\\n' : ch === '\t' ? '\\t' : ch === '\b' ? '\\b' : `\\${ch}`
  );
  return `"${escaped}"`;
}

class Writer {
  constructor(private readonly _doc: IKrb5Document) {}

  section(section: IKrb5Section): void {
    if (section.raw !== undefined) {
      this._lines.push(section.raw);
    } else {
      if (/[\]\n\0]/.test(section.name)) {
        throw new RangeError(
          `section name ${JSON.stringify(section.name)} cannot be written`
        );
      }
      this._new(`[${section.name}]${section.final ? '*' : ''}`);
    }
    section.items.forEach(item => this.item(item, 1));
  }

  item(item: IKrb5Item, depth: number): void {
    const pad = this._doc.indent.repeat(depth);
    switch (item.kind) {
      case 'trivia':
        this._lines.push(item.raw);
        return;
      case 'directive':
        if (item.raw !== undefined) {
          this._lines.push(item.raw);
        } else {
          if (item.target === '' || /[\n\0]/.test(item.target)) {
            throw new RangeError(
              `${item.directive} target ${JSON.stringify(item.target)} cannot be written`
            );
          }
          this._new(`${item.directive} ${item.target}`);
        }
        return;
      case 'relation':
        if (item.raw !== undefined) {
          this._lines.push(item.raw);
        } else {
          this._checkTag(item.tag);
          if (valueProblem(item.value)) {
            throw new RangeError(
              `value of ${item.tag} ${valueProblem(item.value)}`
            );
          }
          this._new(
            `${pad}${item.tag}${item.final ? '*' : ''} = ${formatValue(item.value)}`
          );
        }
        return;
      case 'group': {
        const before = item.itemsBeforeBrace ?? 0;
        if (item.openRaw) {
          this._lines.push(item.openRaw[0]);
          item.items
            .slice(0, before)
            .forEach(child => this.item(child, depth + 1));
          this._lines.push(...item.openRaw.slice(1));
        } else {
          this._checkTag(item.tag);
          this._new(`${pad}${item.tag}${item.final ? '*' : ''} = {`);
        }
        const rest = item.openRaw ? item.items.slice(before) : item.items;
        rest.forEach(child => this.item(child, depth + 1));
        if (typeof item.closeRaw === 'string') {
          this._lines.push(item.closeRaw);
        } else if (item.closeRaw === undefined) {
          this._new(`${pad}}`);
        }
        return;
      }
    }
  }

  text(): string {
    if (this._lines.length === 0) {
      return '';
    }
    return this._lines.join('\n') + (this._doc.finalEol ? '\n' : '');
  }

  private _checkTag(tag: string): void {
    const problem = tagProblem(tag);
    if (problem) {
      throw new RangeError(`tag ${JSON.stringify(tag)} ${problem}`);
    }
  }

  private _new(line: string): void {
    this._lines.push(this._doc.eol === '\r\n' ? `${line}\r` : line);
  }

  private _lines: string[] = [];
}
