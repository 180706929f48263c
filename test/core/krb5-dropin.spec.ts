import * as fs from 'fs';
import * as path from 'path';
import {
  KRB5_DROPIN_NAME,
  Krb5ParseError,
  dropinNameFor,
  getRelation,
  includedirAccepts,
  krb5FormFor,
  parseKrb5Conf,
  renderKrb5Dropin,
  sortIncludedir
} from '../../src/core/krb5';
import { withDefaults } from '../../src/core/profile';

const FIXTURES = path.join(__dirname, 'fixtures', 'krb5conf');
const fixture = (name: string): string =>
  fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const PROFILE = withDefaults({
  realm: 'EC2.INTERNAL',
  kdcs: ['kdc1.ec2.internal'],
  livyUrl: 'https://livy-nlb.example.test:8998',
  clusterDomain: 'ec2.internal',
  principal: 'user1'
});

describe('includedir file names (prof_parse.c valid_name)', () => {
  it.each([
    [KRB5_DROPIN_NAME, true],
    ['kcm_default_ccache', true],
    ['crypto-policies', true],
    ['enable_sssd_conf_dir', true],
    ['x.conf', true],
    ['.conf', false],
    ['.hidden.conf', false],
    ['a.conf.rpmsave', false],
    ['krb5.conf~', false],
    ['00-x.bak', false],
    ['with space', false],
    ['\u00e9t\u00e9', false],
    ['\u00e9t\u00e9.conf', true]
  ])('%s → %s', (name, accepted) => {
    expect(includedirAccepts(name)).toBe(accepted);
  });

  it('sorts like strcmp: "-" < digits < upper case < "_" < lower case', () => {
    expect(
      sortIncludedir(['b', 'a.conf', '_x', 'Z', '9', '-1', 'x~', '.a'])
    ).toEqual(['-1', '9', 'Z', '_x', 'a.conf', 'b']);
  });

  it('uses its name only when nothing else would be read first', () => {
    expect(dropinNameFor([])).toBe(KRB5_DROPIN_NAME);
    expect(
      dropinNameFor(['kcm_default_ccache', 'crypto-policies', KRB5_DROPIN_NAME])
    ).toBe(KRB5_DROPIN_NAME);
    expect(dropinNameFor(['00-aaa', 'kcm_default_ccache'])).toBeNull();
    expect(dropinNameFor(['0.conf'])).toBeNull();
    expect(dropinNameFor(['00-aaa~', '.00'])).toBe(KRB5_DROPIN_NAME);
  });
});

describe('renderKrb5Dropin', () => {
  it('holds only our sections, after comments, so an included file starts right', () => {
    const text = renderKrb5Dropin(PROFILE);
    const doc = parseKrb5Conf(text);
    expect(doc.sections.map(s => s.name)).toEqual([
      'libdefaults',
      'realms',
      'domain_realm'
    ]);
    expect(
      doc.preamble.every(i => i.kind === 'trivia' && i.trivia !== 'ignored')
    ).toBe(true);
    expect(getRelation(doc, 'libdefaults', 'default_ccache_name')).toBe(
      'FILE:/tmp/krb5cc_%{uid}'
    );
    expect(getRelation(doc, 'realms', ['EC2.INTERNAL', 'admin_server'])).toBe(
      'kdc1.ec2.internal:749'
    );
  });
});

describe('krb5FormFor', () => {
  const form = (text: string | null) =>
    krb5FormFor(text === null ? null : parseKrb5Conf(text), PROFILE);

  it('a file with a leading includedir and nothing of ours before it takes a drop-in', () => {
    expect(form(fixture('fedora-includedir.conf'))).toMatchObject({
      form: 'dropin',
      dropinDir: '/etc/krb5.conf.d/'
    });
    expect(form(fixture('ipa-include-in-section.conf')).form).toBe('dropin');
  });

  it.each([
    ['no file', null, /no krb5.conf yet/],
    ['no includedir', fixture('emr.conf'), /no "includedir"/],
    [
      'an include first',
      'include /etc/x.conf\nincludedir /d\n',
      /"include \/etc\/x.conf" \(line 1\)/
    ],
    [
      'a value of ours before the includedir',
      '[libdefaults]\n  rdns = true\nincludedir /d\n',
      /Line 2 sets libdefaults \/ rdns before/
    ],
    [
      'a final section before the includedir',
      '[libdefaults]*\nincludedir /d\n',
      /\[libdefaults\]\* \(line 1\) is final/
    ],
    [
      'KDCs of our realm anywhere in the file',
      'includedir /d\n[realms]\n EC2.INTERNAL = {\n  kdc = old:88\n }\n',
      /Line 4 lists a KDC for EC2.INTERNAL/
    ]
  ])('%s needs a merge', (_, text, reason) => {
    const advice = form(text);
    expect(advice.form).toBe('merge');
    expect(advice.dropinDir).toBeNull();
    expect(advice.reason).toMatch(reason);
  });

  it('refuses a module file', () => {
    expect(() => form('module /x.so:y\n')).toThrow(Krb5ParseError);
  });
});
