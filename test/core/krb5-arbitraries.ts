/**
 * fast-check generators for krb5.conf text in MIT's profile format: mostly
 * well-formed files in many layouts (indentation, CRLF, quotes, final
 * markers, two-line group openings, includes, a BOM), with some lines that
 * MIT rejects mixed in.
 */
import * as fc from 'fast-check';
import { IProfile, withDefaults } from '../../src/core/profile';

/** Cases per property: FC_NUM_RUNS (at least 10 000 under CI=true). */
export function numRuns(localDefault: number): number {
  const requested = Number(process.env.FC_NUM_RUNS ?? localDefault);
  return process.env.CI === 'true' ? Math.max(10000, requested) : requested;
}

export interface IKrb5TextOptions {
  /** Targets for `include` and `includedir` lines. */
  includeFile: string;
  includeDir: string;
}

const SECTIONS = [
  'libdefaults',
  'realms',
  'domain_realm',
  'logging',
  'capaths',
  'a b',
  ''
];
const TAGS = [
  'default_realm',
  'rdns',
  'dns_canonicalize_hostname',
  'default_ccache_name',
  'forwardable',
  'ticket_lifetime',
  'kdc',
  'admin_server',
  'EC2.INTERNAL',
  'OTHER.TEST',
  'livy-nlb.example.test',
  '.ec2.internal',
  'ec2.internal',
  'includes',
  'modules',
  'x',
  'b.c',
  '\u00e9',
  '{',
  'x]'
];
const VALUES = [
  'true',
  'false',
  'EC2.INTERNAL',
  'FILE:/tmp/krb5cc_%{uid}',
  'KCM:',
  'kdc1.ec2.internal:88',
  'a b',
  'x # y',
  '{}',
  '"',
  ''
];

const blankChar = fc.constantFrom(' ', ' ', '\t', '\v', '\f');
const blanks = (max: number) =>
  fc.array(blankChar, { maxLength: max }).map(a => a.join(''));
const star = fc.constantFrom('', '', '', '*');
const tag = fc.constantFrom(...TAGS);
const valueChar = fc.constantFrom(
  ...'aZ09 .:_-/%{}[]#;=*"\\\t\r'.split(''),
  '\u00e9',
  '\u00a0',
  '\ufeff',
  '\u65e5'
);
const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.array(valueChar, { maxLength: 10 }).map(a => a.join(''))
);

/** `"…"` with MIT escapes, sometimes unterminated or followed by text. */
const quoted = fc
  .tuple(value, fc.constantFrom('"', '"', '', '" trailing'))
  .map(([v, end]) => `"${v.replace(/"/g, '\\"').replace(/\n/g, '\\n')}${end}`);

/** Relations whose value is empty or `{` open a group; groups come from `group`. */
const OPENS_GROUP =
  /^[ \t\v\f]*[^ \t\v\f=]*[ \t\v\f]*=[ \t\v\f\r]*(\{[ \t\v\f\r]*)?$/;

const relation = fc
  .tuple(
    blanks(4),
    tag,
    star,
    blanks(2),
    blanks(2),
    fc.oneof(value, quoted),
    blanks(2)
  )
  .map(([i, t, s, b1, b2, v, trail]) => `${i}${t}${s}${b1}=${b2}${v}${trail}`)
  .filter(line => !OPENS_GROUP.test(line));

const comment = fc
  .tuple(blanks(3), fc.constantFrom('#', ';'), value)
  .map(([i, c, v]) => `${i}${c}${v}`);

const header = fc
  .tuple(fc.constantFrom(...SECTIONS), star, blanks(2))
  .map(([name, s, b]) => `[${name}]${s}${b}`);

/** Lines MIT rejects or reads surprisingly. */
const odd = fc.constantFrom(
  '}',
  '[unclosed',
  '[a] junk',
  'no equals sign',
  '  = value',
  'a b = c',
  ' include /nowhere',
  '  [indented]',
  '}* trailing',
  'x =',
  '{'
);

function lines(options: IKrb5TextOptions): fc.Arbitrary<string[]> {
  const include = fc.constantFrom(
    `include ${options.includeFile}`,
    `include\t${options.includeFile}`,
    `includedir ${options.includeDir}`
  );
  const leaf = fc.oneof(
    { weight: 8, arbitrary: relation.map(l => [l]) },
    { weight: 2, arbitrary: comment.map(l => [l]) },
    { weight: 2, arbitrary: blanks(2).map(l => [l]) },
    { weight: 1, arbitrary: include.map(l => [l]) }
  );
  const group = (inner: fc.Arbitrary<string[]>): fc.Arbitrary<string[]> =>
    fc
      .tuple(
        blanks(3),
        tag,
        star,
        fc.boolean(),
        fc.array(inner, { maxLength: 4 }),
        fc.constantFrom('}', '}', '}*', '} ignored', '')
      )
      .map(([i, t, s, twoLines, body, close]) => [
        ...(twoLines
          ? [`${i}${t}${s} =`, `${i}{ ignored`]
          : [`${i}${t}${s} = {`]),
        ...body.flat(),
        ...(close === '' ? [] : [`${i}${close}`])
      ]);
  const depth2 = fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: group(leaf) }
  );
  const depth1 = fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: group(depth2) }
  );
  const section = fc
    .tuple(header, fc.array(depth1, { maxLength: 6 }))
    .map(([h, body]) => [h, ...body.flat()]);
  const preamble = fc.array(
    fc.oneof(
      comment,
      blanks(2),
      include,
      fc.constantFrom('Managed by ops.', '  [libdefaults]')
    ),
    { maxLength: 3 }
  );
  return fc
    .tuple(
      preamble,
      fc.array(section, { maxLength: 5 }),
      fc.array(odd, { maxLength: 1 }),
      fc.nat()
    )
    .map(([pre, sections, extra, at]) => {
      const all = [...pre, ...sections.flat()];
      if (extra.length > 0 && all.length > 0) {
        all.splice(at % (all.length + 1), 0, ...extra);
      }
      return all;
    });
}

/** krb5.conf text: lines joined with LF or CRLF, maybe a BOM, maybe no final newline. */
export function krb5Text(options: IKrb5TextOptions): fc.Arbitrary<string> {
  return fc
    .tuple(
      lines(options),
      fc.array(fc.constantFrom('\n', '\n', '\n', '\r\n'), {
        minLength: 64,
        maxLength: 64
      }),
      fc.constantFrom('', '', '', '', '\ufeff'),
      fc.boolean()
    )
    .map(([ls, eols, bom, finalEol]) => {
      const text = ls
        .map((l, i) => l + (i < ls.length - 1 ? eols[i % 64] : ''))
        .join('');
      return (
        bom + text + (finalEol && ls.length > 0 ? eols[ls.length % 64] : '')
      );
    });
}

/** Profiles whose realm, hosts and domain collide with the generated files. */
export const krb5Profile: fc.Arbitrary<IProfile> = fc
  .record({
    realm: fc.constantFrom('EC2.INTERNAL', 'OTHER.TEST'),
    kdcs: fc.subarray(['kdc1.ec2.internal', '127.0.0.1:61088', '[::1]:88'], {
      minLength: 1
    }),
    adminServer: fc.constantFrom('', 'admin.ec2.internal', '127.0.0.1:61090'),
    livyUrl: fc.constantFrom(
      'https://livy-nlb.example.test:8998',
      'http://b.ec2.internal:8998'
    ),
    clusterDomain: fc.constantFrom('', 'ec2.internal'),
    lifetime: fc.constantFrom('10h', '1d'),
    renewLifetime: fc.constantFrom('', '7d')
  })
  .map(fields => withDefaults({ ...fields, principal: 'user1' }));
