import { IProfile } from '../profile';
import { IKrb5Desired, desiredKrb5, isOwnedPath } from './desired';
import { Krb5ParseError } from './errors';
import {
  IKrb5Document,
  IKrb5Group,
  IKrb5Item,
  IKrb5Relation,
  IKrb5Section,
  IKrb5Trivia
} from './model';
import { firstInclude, lineNumbers, moduleDirective } from './position';

/**
 * Merges one profile into a document and returns a new one; the input is not
 * changed. Relations the profile owns (see `isOwnedPath`) are removed
 * wherever they are, then written once where MIT reads them first: at the top
 * of the first `[libdefaults]`, `[realms] REALM = {` and `[domain_realm]` that
 * come before any `include`/`includedir`, or in new sections placed just above
 * the first include (MIT keeps the first value it parses, and included files
 * such as sssd's `default_ccache_name = KCM:` would otherwise win). Everything
 * else (other realms, sections, comments, unknown relations) stays as it was.
 *
 * @throws Krb5ParseError when the file hands its configuration to a `module`.
 * @throws InvalidProfileError when the profile cannot be written.
 */
export function mergeProfileIntoKrb5(
  doc: IKrb5Document,
  profile: IProfile
): IKrb5Document {
  return mergeDesired(doc, desiredKrb5(profile));
}

/** The merge for values already derived from a profile (`desiredKrb5`). */
export function mergeDesired(
  doc: IKrb5Document,
  want: IKrb5Desired
): IKrb5Document {
  const out = cloneDocument(doc);
  rejectModule(out);
  normaliseGroups(out);
  removeOwned(out, want);
  new Placer(out, want).place();
  return out;
}

/** A `module` line means MIT reads a plugin's configuration instead of this file. */
export function rejectModule(doc: IKrb5Document): void {
  const module = moduleDirective(doc);
  if (module) {
    throw new Krb5ParseError(
      'module',
      lineNumbers(doc).get(module) ?? 0,
      `"module ${module.target}": MIT takes its configuration from that module ` +
        'and ignores the rest of this file, so values written here would have no effect'
    );
  }
}

function cloneDocument(doc: IKrb5Document): IKrb5Document {
  return JSON.parse(JSON.stringify(doc)) as IKrb5Document;
}

/**
 * Writes unusual groups canonically: include lines between `tag =` and `{`,
 * and a group left open at the end of the file. The meaning stays the same,
 * and new lines can then go at the top of the group or after it.
 */
function normaliseGroups(doc: IKrb5Document): void {
  const visit = (items: IKrb5Item[]): void => {
    for (const item of items) {
      if (item.kind === 'group') {
        if ((item.itemsBeforeBrace ?? 0) > 0 || item.closeRaw === null) {
          delete item.openRaw;
          delete item.itemsBeforeBrace;
          delete item.closeRaw;
        }
        visit(item.items);
      }
    }
  };
  doc.sections.forEach(section => visit(section.items));
}

function removeOwned(doc: IKrb5Document, want: IKrb5Desired): void {
  const prune = (items: IKrb5Item[], path: string[]): IKrb5Item[] =>
    items.filter(item => {
      if (item.kind === 'relation') {
        return !isOwnedPath(want, [...path, item.tag]);
      }
      if (item.kind === 'group') {
        item.items = prune(item.items, [...path, item.tag]);
      }
      return true;
    });
  for (const section of doc.sections) {
    section.items = prune(section.items, [section.name]);
  }
}

class Placer {
  constructor(
    private readonly _doc: IKrb5Document,
    private readonly _want: IKrb5Desired
  ) {
    const include = firstInclude(_doc);
    const lines = lineNumbers(_doc);
    this._lines = lines;
    this._limit = include ? (lines.get(include) ?? Infinity) : Infinity;
  }

  place(): void {
    const { libdefaults, realm, realmBlock, domainRealm } = this._want;
    const added: IKrb5Section[] = [];
    const put = (name: string, items: IKrb5Item[]): void => {
      const section = this._firstSection(name);
      if (section) {
        section.items.unshift(...items);
      } else {
        added.push({ kind: 'section', name, final: false, items });
      }
    };
    put(
      'libdefaults',
      libdefaults.map(([tag, value]) => relation(tag, value))
    );
    const block = realmBlock.map(([tag, value]) => relation(tag, value));
    const group = this._firstRealmGroup(realm);
    if (group) {
      group.items.unshift(...block);
    } else {
      put('realms', [
        { kind: 'group', tag: realm, final: false, items: block }
      ]);
    }
    if (domainRealm.length > 0) {
      put(
        'domain_realm',
        domainRealm.map(([host, value]) => relation(host, value))
      );
    }
    if (added.length > 0) {
      this._insert(added);
    }
  }

  /** The first section of that name MIT reads before any included file. */
  private _firstSection(name: string): IKrb5Section | undefined {
    return this._doc.sections.find(s => s.name === name && this._early(s));
  }

  private _firstRealmGroup(realm: string): IKrb5Group | undefined {
    for (const section of this._doc.sections) {
      if (section.name === 'realms') {
        const group = section.items.find(
          (item): item is IKrb5Group =>
            item.kind === 'group' && item.tag === realm
        );
        if (group && this._early(group)) {
          return group;
        }
      }
    }
    return undefined;
  }

  private _early(node: IKrb5Section | IKrb5Group): boolean {
    return (this._lines.get(node) ?? Infinity) < this._limit;
  }

  /**
   * Puts new sections just above the first include (above the section that
   * holds it), or at the end when there is none. Comment lines right above
   * that spot stay with what they describe, below the new sections.
   */
  private _insert(added: IKrb5Section[]): void {
    const doc = this._doc;
    let holder = -1;
    doc.sections.forEach((section, i) => {
      if ((this._lines.get(section) ?? 0) < this._limit) {
        holder = i;
      }
    });
    let at = holder;
    let tail: IKrb5Item[] = [];
    if (this._limit === Infinity) {
      at = doc.sections.length;
      doc.finalEol = true;
    } else if (holder >= 0) {
      tail = takeTrailingComments(
        holder === 0 ? doc.preamble : doc.sections[holder - 1].items
      );
    } else {
      at = 0;
      const include = doc.preamble.findIndex(
        item => this._lines.get(item) === this._limit
      );
      tail = doc.preamble
        .splice(startOfComments(doc.preamble, include))
        .map(asComment);
    }
    const before = at === 0 ? doc.preamble : doc.sections[at - 1].items;
    if (before.length > 0 && !isBlankItem(before[before.length - 1])) {
      before.push(this._blank());
    }
    const followed = tail.length > 0 || at < doc.sections.length;
    added.forEach((section, i) => {
      if (i < added.length - 1 || followed) {
        section.items.push(this._blank());
      }
    });
    added[added.length - 1].items.push(...tail);
    doc.sections.splice(at, 0, ...added);
  }

  private _blank(): IKrb5Trivia {
    return {
      kind: 'trivia',
      trivia: 'blank',
      raw: this._doc.eol === '\r\n' ? '\r' : ''
    };
  }

  private readonly _lines: Map<unknown, number>;
  private readonly _limit: number;
}

function relation(tag: string, value: string): IKrb5Relation {
  return { kind: 'relation', tag, value, final: false };
}

function isBlankItem(item: IKrb5Item): boolean {
  return item.kind === 'trivia' && item.trivia === 'blank';
}

/** Index where the run of comment lines ending just before `end` starts. */
function startOfComments(items: IKrb5Item[], end: number): number {
  let start = end;
  while (start > 0) {
    const item = items[start - 1];
    if (item.kind !== 'trivia' || item.trivia !== 'comment') {
      break;
    }
    start--;
  }
  return start;
}

function takeTrailingComments(items: IKrb5Item[]): IKrb5Item[] {
  return items.splice(startOfComments(items, items.length));
}

/**
 * Text that MIT skipped only because no section had started yet would be read
 * once it follows a section: keep it as a comment.
 */
function asComment(item: IKrb5Item): IKrb5Item {
  return item.kind === 'trivia' && item.trivia === 'ignored'
    ? { kind: 'trivia', trivia: 'comment', raw: `#${item.raw}` }
    : item;
}
