import * as fc from 'fast-check';
import {
  IKrb5Document,
  IKrb5Item,
  Krb5ParseError,
  desiredKrb5,
  isOwnedPath,
  mergeProfileIntoKrb5,
  parseKrb5Conf,
  renderKrb5Conf,
  renderKrb5ForProfile,
  walkRelations
} from '../../src/core/krb5';
import { tagProblem } from '../../src/core/krb5/render';
import { krb5Profile, krb5Text, numRuns } from './krb5-arbitraries';

const RUNS = numRuns(300);
/** 10 000 cases take about a minute on a busy 2-core machine. */
const TIMEOUT = 600000;
const text = krb5Text({
  includeFile: '/etc/krb5.extra.conf',
  includeDir: '/etc/krb5.conf.d/'
});

/** Parses, or null when MIT would reject the text too (and only then). */
function tryParse(source: string): IKrb5Document | null {
  try {
    return parseKrb5Conf(source);
  } catch (e) {
    if (e instanceof Krb5ParseError) {
      return null;
    }
    throw e;
  }
}

/** Relation values by path, in parse order: what MIT's tree holds. */
function relationsByPath(
  doc: IKrb5Document,
  keep = (path: string[]) => true
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { path, relation } of walkRelations(doc)) {
    if (keep(path)) {
      const key = JSON.stringify(path);
      map.set(key, [...(map.get(key) ?? []), relation.value]);
    }
  }
  return map;
}

/** The same document with every source line forgotten: rendered canonically. */
function forgetSource(doc: IKrb5Document): IKrb5Document {
  const strip = (item: IKrb5Item): IKrb5Item => {
    if (item.kind === 'relation' || item.kind === 'directive') {
      return { ...item, raw: undefined };
    }
    if (item.kind === 'group') {
      return {
        kind: 'group',
        tag: item.tag,
        final: item.final,
        items: item.items.map(strip)
      };
    }
    return item;
  };
  return {
    ...doc,
    preamble: doc.preamble.map(item =>
      item.kind === 'directive' ? { ...item, raw: undefined } : item
    ),
    sections: doc.sections.map(s => ({
      ...s,
      raw: undefined,
      items: s.items.map(strip)
    }))
  };
}

function renderable(doc: IKrb5Document): boolean {
  return [...walkRelations(doc)].every(
    ({ relation }) => tagProblem(relation.tag) === null
  );
}

describe('krb5.conf properties', () => {
  it(
    'render(parse(text)) gives the text back, or parsing fails with Krb5ParseError',
    () => {
      fc.assert(
        fc.property(text, source => {
          const doc = tryParse(source);
          return doc === null || renderKrb5Conf(doc) === source;
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );

  it(
    'parse(render(x)) is stable for documents rendered canonically',
    () => {
      fc.assert(
        fc.property(text, source => {
          const parsed = tryParse(source);
          fc.pre(parsed !== null && renderable(parsed));
          const doc = forgetSource(parsed as IKrb5Document);
          const once = renderKrb5Conf(doc);
          const again = parseKrb5Conf(once);
          expect(renderKrb5Conf(again)).toBe(once);
          expect(relationsByPath(again)).toEqual(relationsByPath(doc));
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );

  it(
    'a merge keeps every relation it does not own, in order, and sets its own first',
    () => {
      fc.assert(
        fc.property(text, krb5Profile, (source, profile) => {
          const doc = tryParse(source);
          fc.pre(
            doc !== null &&
              !doc.preamble.some(
                i => i.kind === 'directive' && i.directive === 'module'
              )
          );
          const want = desiredKrb5(profile);
          const notOwned = (path: string[]) => !isOwnedPath(want, path);
          const merged = mergeProfileIntoKrb5(doc as IKrb5Document, profile);
          expect(relationsByPath(merged, notOwned)).toEqual(
            relationsByPath(doc as IKrb5Document, notOwned)
          );
          const out = renderKrb5ForProfile(profile, source);
          expect(renderKrb5Conf(parseKrb5Conf(out))).toBe(out);
          expect(renderKrb5ForProfile(profile, out)).toBe(out);
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );
});
