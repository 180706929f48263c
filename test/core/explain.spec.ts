import fc from 'fast-check';
import { ERROR_CODES } from '../../src/core/explain/codes';
import { classifyError, explain } from '../../src/core/explain/explain';
import { FIXES } from '../../src/core/explain/fixes';
import {
  IFixture,
  errorFixtures,
  ownKrb5Fixtures,
  sharedKrb5Fixtures
} from '../fixtures/load';
import { SPECIFICITY, TRIGGERS } from '../fixtures/triggers';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '300');
const ALL = [...ownKrb5Fixtures(), ...sharedKrb5Fixtures(), ...errorFixtures()];
const EXPECTED = ALL.filter(f => f.expect !== null).map(
  f => [f.id, f] as [string, IFixture]
);

describe('recorded real outputs', () => {
  it.each(EXPECTED)('%s', (_id, f) => {
    const r = explain(f.text);
    expect(r.code).toBe(f.expect);
    expect(r.title).not.toBe('');
    expect(r.fix).not.toBe('');
  });

  it('every code but UNKNOWN is produced by a recorded output or a contract phrase', () => {
    const seen = new Set([
      ...EXPECTED.map(([, f]) => f.expect),
      ...TRIGGERS.map(([, code]) => code)
    ]);
    expect(ERROR_CODES.filter(c => c !== 'UNKNOWN' && !seen.has(c))).toEqual(
      []
    );
  });
});

describe('the trigger table of the CLI contract', () => {
  const named = (rows: [string, string][]) =>
    rows.map(([text, code]) => [JSON.stringify(text).slice(1, 80), text, code]);

  it.each(named(TRIGGERS))('%s', (_name, text, code) => {
    expect(explain(text).code).toBe(code);
    expect(classifyError(text)).toBe(code);
  });

  it.each(named(SPECIFICITY))('most specific wins: %s', (_name, text, code) => {
    expect(explain(text).code).toBe(code);
  });

  it('a trigger still wins inside unrelated output (property)', () => {
    const noise = fc
      .array(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), {
        maxLength: 8
      })
      .map(lines => lines.join('\n'));
    fc.assert(
      fc.property(
        fc.constantFrom(...TRIGGERS),
        noise,
        noise,
        ([text, code], before, after) => {
          fc.pre(
            classifyError(before) === null && classifyError(after) === null
          );
          expect(explain(`${before}\n${text}\n${after}`).code).toBe(code);
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('never throws; unknown text is UNKNOWN with a fix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), text => {
        const r = explain(text);
        expect(ERROR_CODES).toContain(r.code);
        expect(r.fix.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS }
    );
    expect(explain('').code).toBe('UNKNOWN');
  });
});

describe('fixes', () => {
  it('every code has a title and a fix', () => {
    for (const code of ERROR_CODES) {
      const { title, fix } = FIXES[code]({
        realm: 'R',
        principal: 'u@R',
        nlb: 'h',
        spn: 'HTTP/h@R'
      });
      expect(title.length).toBeGreaterThan(0);
      expect(fix.length).toBeGreaterThan(20);
    }
  });

  it("name the profile's values when given", () => {
    const r = explain('kinit: No credentials cache found', {
      realm: 'EC2.INTERNAL',
      nlbHost: 'LIVY-NLB.example.test',
      principal: 'user1'
    });
    expect(r.fix).toContain(
      'kinit -S HTTP/livy-nlb.example.test@EC2.INTERNAL user1@EC2.INTERNAL'
    );
    const renew = explain(
      'kinit: Matching credential not found (filename: /tmp/krb5cc_0) while renewing credentials',
      {
        realm: 'EC2.INTERNAL',
        nlbHost: 'livy-nlb.example.test',
        principal: 'user1@EC2.INTERNAL'
      }
    );
    expect(renew.fix).toContain(
      'kinit -R -S HTTP/livy-nlb.example.test@EC2.INTERNAL user1@EC2.INTERNAL'
    );
  });

  it('use what the message names, placeholders otherwise', () => {
    expect(
      explain(
        'kinit: Cannot find KDC for realm "NOPE.TEST" while getting initial credentials'
      ).fix
    ).toContain('NOPE.TEST');
    expect(
      explain(
        "kinit: Key table file '/home/u/u.keytab' not found while getting initial credentials"
      ).fix
    ).toContain('/home/u/u.keytab');
    expect(
      explain('Password for user1@EC2.INTERNAL: \nkinit: Password incorrect')
        .fix
    ).toContain('kinit user1@EC2.INTERNAL');
    expect(explain('kinit: Cannot read password').fix).toContain(
      '<user>@<REALM>'
    );
    expect(
      explain(
        'Server krbtgt/EXAMPLE.TEST@EC2.INTERNAL not found in Kerberos database'
      ).fix
    ).toContain('[domain_realm]');
    expect(
      explain(
        "HTTPKerberosAuth.__init__() got an unexpected keyword argument 'principal_name'"
      ).fix
    ).toContain('"principal_name"');
  });
});
