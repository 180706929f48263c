import * as fs from 'fs';
import * as path from 'path';
import {
  IKrb5Group,
  IKrb5Relation,
  Krb5ParseError,
  getRelation,
  getRelations,
  parseKrb5Conf,
  renderKrb5Conf
} from '../../src/core/krb5';

const FIXTURES = path.join(__dirname, 'fixtures', 'krb5conf');
const fixture = (name: string): string =>
  fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function parseError(text: string): Krb5ParseError {
  try {
    parseKrb5Conf(text);
  } catch (e) {
    if (e instanceof Krb5ParseError) {
      return e;
    }
    throw e;
  }
  throw new Error(`parsed without error: ${JSON.stringify(text)}`);
}

describe('parseKrb5Conf', () => {
  it.each(fs.readdirSync(FIXTURES))(
    'renders fixture %s back byte for byte',
    name => {
      const text = fixture(name);
      expect(renderKrb5Conf(parseKrb5Conf(text))).toBe(text);
    }
  );

  it('reads the Debian sample: sections, realm blocks, comments between relations', () => {
    const doc = parseKrb5Conf(fixture('debian.conf'));
    expect(doc.sections.map(s => s.name)).toEqual([
      'libdefaults',
      'realms',
      'domain_realm'
    ]);
    expect(getRelation(doc, 'libdefaults', 'default_realm')).toBe(
      'ATHENA.MIT.EDU'
    );
    expect(getRelation(doc, 'libdefaults', 'rdns')).toBe('false');
    expect(getRelations(doc, 'realms', ['ATHENA.MIT.EDU', 'kdc'])).toEqual([
      'kerberos.mit.edu',
      'kerberos-1.mit.edu',
      'kerberos-2.mit.edu:88'
    ]);
    expect(getRelation(doc, 'realms', ['stanford.edu', 'master_kdc'])).toBe(
      'krb5auth1.stanford.edu'
    );
    expect(getRelation(doc, 'domain_realm', '.utoronto.ca')).toBe(
      'UTORONTO.CA'
    );
    expect(doc.indent).toBe('\t');
  });

  it('keeps include lines in place and reads quoted values', () => {
    const doc = parseKrb5Conf(fixture('fedora-includedir.conf'));
    expect(doc.preamble.map(i => i.kind)).toEqual([
      'trivia',
      'trivia',
      'directive',
      'trivia'
    ]);
    expect(doc.preamble[2]).toMatchObject({
      directive: 'includedir',
      target: '/etc/krb5.conf.d/'
    });
    expect(getRelation(doc, 'libdefaults', 'qualify_shortname')).toBe('');
    expect(getRelation(doc, 'libdefaults', 'default_ccache_name')).toBe(
      'KEYRING:persistent:%{uid}'
    );
  });

  it('is case-sensitive and merges repeated sections and groups in order', () => {
    const doc = parseKrb5Conf(
      '[realms]\n R = {\n  kdc = a\n }\n[Realms]\n R = {\n  kdc = x\n }\n[realms]\n R = {\n  kdc = b\n }\n'
    );
    expect(getRelations(doc, 'realms', ['R', 'kdc'])).toEqual(['a', 'b']);
    expect(getRelations(doc, 'Realms', ['R', 'kdc'])).toEqual(['x']);
  });

  it('reads final markers on sections, relations, group tags and closing braces', () => {
    const doc = parseKrb5Conf('[a]*\n x* = 1\n g* = {\n }\n h = {\n }*\n');
    const [x, g, h] = doc.sections[0].items as [
      IKrb5Relation,
      IKrb5Group,
      IKrb5Group
    ];
    expect(doc.sections[0].final).toBe(true);
    expect([x.tag, x.final, g.tag, g.final, h.tag, h.final]).toEqual([
      'x',
      true,
      'g',
      true,
      'h',
      true
    ]);
  });

  it('follows MIT on values: trailing blanks dropped, # kept, escapes in quotes', () => {
    const doc = parseKrb5Conf(
      '[s]\n a = one two  \t\n b = x # not a comment\n c = "a\\tb\\\\c\\"d" ignored\n d = {}\n e=f\n'
    );
    expect(getRelation(doc, 's', 'a')).toBe('one two');
    expect(getRelation(doc, 's', 'b')).toBe('x # not a comment');
    expect(getRelation(doc, 's', 'c')).toBe('a\tb\\c"d');
    expect(getRelation(doc, 's', 'd')).toBe('{}');
    expect(getRelation(doc, 's', 'e')).toBe('f');
  });

  it('opens a group on the next line after "tag =", with include lines between', () => {
    const text = '[realms]\n R =\ninclude /x\n  {  ignored\n  kdc = k\n }\n';
    const doc = parseKrb5Conf(text);
    const group = doc.sections[0].items[0] as IKrb5Group;
    expect(group.items.map(i => i.kind)).toEqual(['directive', 'relation']);
    expect(getRelation(doc, 'realms', ['R', 'kdc'])).toBe('k');
    expect(renderKrb5Conf(doc)).toBe(text);
  });

  it('accepts a group left open at the end of the file, as MIT does', () => {
    const text = '[realms]\n R = {\n  kdc = k\n';
    const doc = parseKrb5Conf(text);
    expect(getRelation(doc, 'realms', ['R', 'kdc'])).toBe('k');
    expect(renderKrb5Conf(doc)).toBe(text);
  });

  it('ignores every line before the first "[" at column 0, including a BOM-prefixed header', () => {
    const text =
      '\ufeff[libdefaults]\n default_realm = HIDDEN\n  [indented]\n[realms]\n';
    const doc = parseKrb5Conf(text);
    expect(
      doc.preamble.map(i => (i.kind === 'trivia' ? i.trivia : i.kind))
    ).toEqual(['ignored', 'ignored', 'ignored']);
    expect(getRelation(doc, 'libdefaults', 'default_realm')).toBeUndefined();
    expect(doc.sections.map(s => s.name)).toEqual(['realms']);
    expect(renderKrb5Conf(doc)).toBe(text);
  });

  it('takes include only at column 0 and followed by a blank', () => {
    const doc = parseKrb5Conf(
      '[s]\ninclude\t/a\nincludedir /d  \n includes = 1\n'
    );
    const kinds = doc.sections[0].items.map(i =>
      i.kind === 'directive' ? `${i.directive}:${i.target}` : i.kind
    );
    expect(kinds).toEqual(['include:/a', 'includedir:/d  ', 'relation']);
  });

  it('treats "module" before the first section as a directive and ignores the rest', () => {
    const doc = parseKrb5Conf('module /x.so:res\n[broken\n');
    expect(doc.preamble[0]).toMatchObject({
      directive: 'module',
      target: '/x.so:res'
    });
    expect(doc.sections).toEqual([]);
  });

  it('tolerates CRLF and keeps it, including for new lines', () => {
    const text =
      '[libdefaults]\r\n  rdns = true\r\n\r\n[realms]\r\n  R = {\r\n    kdc = k\r\n  }\r\n';
    const doc = parseKrb5Conf(text);
    expect(doc.eol).toBe('\r\n');
    expect(getRelation(doc, 'libdefaults', 'rdns')).toBe('true');
    expect(getRelation(doc, 'realms', ['R', 'kdc'])).toBe('k');
    expect(renderKrb5Conf(doc)).toBe(text);
  });

  it('keeps a missing final newline and an empty file', () => {
    expect(renderKrb5Conf(parseKrb5Conf('[a]\n b = c'))).toBe('[a]\n b = c');
    expect(renderKrb5Conf(parseKrb5Conf(''))).toBe('');
    expect(renderKrb5Conf(parseKrb5Conf('\n'))).toBe('\n');
  });
});

describe('parseKrb5Conf errors (MIT: "Improper format of Kerberos configuration file")', () => {
  it.each([
    [
      'relation without "="',
      '[libdefaults]\n  rdns false\n',
      2,
      'relation-syntax'
    ],
    ['unclosed section header', '# c\n[libdefaults\n', 2, 'section-syntax'],
    ['text after a header', '[a] x\n', 1, 'section-syntax'],
    ['stray "}"', '[realms]\n  R = {\n  }\n  }\n', 4, 'extra-brace'],
    [
      'section inside a group',
      '[realms]\n R = {\n[libdefaults]\n',
      3,
      'section-not-top'
    ],
    ['blank inside a tag', '[a]\n  b c = d\n', 2, 'relation-syntax'],
    ['"=" first', '[a]\n  = d\n', 2, 'relation-syntax'],
    ['no "{" after "tag ="', '[realms]\n R =\n  kdc = k\n', 3, 'missing-brace'],
    ['indented include', '[a]\n include /x\n', 2, 'relation-syntax'],
    ['module after a section', '[a]\nmodule x:y\n', 2, 'relation-syntax'],
    ['NUL byte', '[a]\n b = c\0d\n', 2, 'nul-byte'],
    [
      'line longer than fgets reads',
      `[a]\n b = ${'x'.repeat(2100)}\n`,
      2,
      'line-too-long'
    ]
  ])('%s', (_, text, line, code) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(new RegExp(`^krb5.conf line ${line}: `));
  });

  it('carries the profile library message', () => {
    expect(parseError('[a]\n  }\n').mitMessage).toBe(
      'Extra closing brace in profile'
    );
  });
});
