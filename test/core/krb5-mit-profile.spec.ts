/**
 * The parser against MIT's own profile library (libkrb5, through
 * krb5-profile-dump.c): the same errors and the same tree for generated files
 * and edge cases, and merged files that MIT reads with our values first.
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import {
  IKrb5Document,
  Krb5ParseError,
  desiredKrb5,
  getRelation,
  getRelations,
  isOwnedPath,
  parseKrb5Conf,
  renderKrb5ForProfile
} from '../../src/core/krb5';
import { krb5Profile, krb5Text, numRuns } from './krb5-arbitraries';
import {
  MitProfileReader,
  MitWorkspace,
  relationsByPath,
  tryParse
} from './krb5-mit-harness';
import { mitTreeDump } from './krb5-mit-tree';

const RUNS = numRuns(300);
const TIMEOUT = 600000;
const ws = new MitWorkspace();
const text = krb5Text({
  includeFile: ws.includeFile,
  includeDir: ws.includeDir
});
let reader: MitProfileReader;

beforeAll(() => {
  ws.create();
  reader = MitProfileReader.build(ws.dir);
});

afterAll(() => {
  reader?.stop();
  ws.remove();
});

describe('MIT profile library (libkrb5) reads what the parser reads', () => {
  it(
    'same errors and the same tree for generated files, includes read from disk',
    async () => {
      await fc.assert(
        fc.asyncProperty(text, async source => {
          const file = ws.write(source);
          const mitRead = await reader.read(file);
          fs.unlinkSync(file);
          const ours = tryParse(source);
          if (ours instanceof Krb5ParseError) {
            expect(mitRead).toEqual({ error: ours.code });
          } else {
            expect(mitRead).toEqual({ dump: mitTreeDump(ours, ws.resolve) });
          }
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );

  it.each([
    ['star inside a tag', '[a]\n  x*y = 1\n  x = 2\n'],
    ['a bare star tag', '[a]\n  * = 1\n'],
    ['final header with text after it', '[a]*x\n'],
    ['blank before the header star', '[a] *\n'],
    ['text after a closing brace', '[a]\n g = {\n  k = v\n } trailing\n'],
    ['unterminated quote', '[a]\n  q = "abc\n'],
    ['escaped quote and trailing backslash', '[a]\n  q = "a\\"b\\\n'],
    ['only a CR on a line', '[a]\n\r\n  k = v\r\n'],
    ['empty section name', '[]\n  k = v\n'],
    ['"[" alone', '[\n'],
    ['vertical tab and form feed as blanks', '[a]\n\v k\f=\vv\f\n'],
    ['blank line where "{" is expected', '[a]\n g =\n\n {\n }\n'],
    ['comment where "{" is expected', '[a]\n g =\n # c\n {\n }\n'],
    ['include with a tab', '[a]\ninclude\tINCLUDE\n'],
    [
      'include inside a group',
      '[realms]\n R = {\ninclude INCLUDE\n  kdc = k\n }\n'
    ],
    ['section repeated after a final marker', '[a]*\n k = 1\n[a]\n k = 2\n'],
    [
      'group and relation with the same tag',
      '[a]\n g = 1\n g = {\n  h = 2\n }\n g = 3\n'
    ],
    [
      'header on the first line after a BOM',
      '\ufeff[a]\n k = 1\n[b]\n k = 2\n'
    ],
    [
      'tags sorted by bytes',
      '[a]\n b = 1\n B = 2\n _ = 3\n \u00e9 = 4\n a = 5\n'
    ]
  ])('reads an edge case as MIT does: %s', async (_, template) => {
    const source = template.replace(/INCLUDE/g, ws.includeFile);
    const mitRead = await reader.read(ws.write(source));
    const ours = tryParse(source);
    expect(mitRead).toEqual(
      ours instanceof Krb5ParseError
        ? { error: ours.code }
        : { dump: mitTreeDump(ours, ws.resolve) }
    );
  });

  it(
    'merged files: MIT reads them as we do, our values first, all others kept',
    async () => {
      await fc.assert(
        fc.asyncProperty(text, krb5Profile, async (source, profile) => {
          const doc = tryParse(source);
          fc.pre(!(doc instanceof Krb5ParseError));
          const merged = renderKrb5ForProfile(profile, source);
          const file = ws.write(merged);
          const mitRead = await reader.read(file);
          fs.unlinkSync(file);
          const after = parseKrb5Conf(merged);
          expect(mitRead).toEqual({ dump: mitTreeDump(after, ws.resolve) });
          const want = desiredKrb5(profile);
          for (const [tag, value] of want.libdefaults) {
            expect([
              tag,
              getRelation(after, 'libdefaults', tag, ws.resolve)
            ]).toEqual([tag, value]);
          }
          const kdcs = want.realmBlock
            .filter(([t]) => t === 'kdc')
            .map(([, v]) => v);
          const readKdcs = getRelations(
            after,
            'realms',
            [want.realm, 'kdc'],
            ws.resolve
          );
          expect(readKdcs.slice(0, kdcs.length)).toEqual(kdcs);
          for (const [host, realm] of want.domainRealm) {
            expect(getRelation(after, 'domain_realm', host, ws.resolve)).toBe(
              realm
            );
          }
          const owned = (p: string[]) => isOwnedPath(want, p);
          expect(relationsByPath(after, ws.resolve, owned)).toEqual(
            relationsByPath(doc as IKrb5Document, ws.resolve, owned)
          );
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );
});
