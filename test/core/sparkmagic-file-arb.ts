/**
 * Sparkmagic config files as bytes, for the merge properties: valid JSON
 * with our keys and odd ones, wrapped in blanks or a BOM, cut short,
 * not UTF-8, or missing (null).
 */
import * as fc from 'fast-check';

const OUR_KEYS = [
  'kernel_python_credentials',
  'kernel_python3_credentials',
  'kernel_scala_credentials',
  'kernel_r_credentials',
  'kerberos_auth_configuration',
  'authenticators',
  'ignore_ssl_errors',
  'livy_session_startup_timeout_seconds',
  'livy_server_heartbeat_timeout_seconds',
  'heartbeat_refresh_seconds',
  'session_configs_defaults'
];
const INNER_KEYS = [
  'url',
  'auth',
  'username',
  'password',
  'base64_password',
  'Kerberos',
  'principal',
  'service',
  'mutual_authentication',
  'conf',
  'queue',
  'driverMemory',
  'spark.a'
];
const ODD_KEYS = [
  '0',
  '1',
  '10',
  '4294967294',
  '4294967295',
  '01',
  '-1',
  '__proto__',
  '',
  'constructor'
];

/** Number literals as files hold them, including ones JSON.parse rounds or overflows. */
const rawNumber = fc.oneof(
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map(n => JSON.stringify(n)),
  fc.integer().map(String),
  fc.constantFrom(
    '-0',
    '1.0',
    '1E400',
    '-1e400',
    '1e21',
    '1e-7',
    '0.000001',
    '123456789012345678901234567890',
    '5e-324',
    '2.5e-5',
    '100e-2',
    '0.1e1'
  )
);

/** String literals, with escapes JSON allows (lone surrogates included). */
const rawString = fc.oneof(
  fc.string({ unit: 'binary' }).map(s => JSON.stringify(s)),
  fc.constantFrom(
    '"\\ud800"',
    '"\\udfff x"',
    '"\\ud83d\\ude00"',
    '"\\u0000\\/\\b"',
    '"\u2028\u00e9"'
  )
);

const key = fc.oneof(
  fc.constantFrom(...OUR_KEYS, ...INNER_KEYS, ...ODD_KEYS),
  fc.string()
);

/** JSON text with duplicate keys, odd numbers and random spacing. */
const rawValue = fc.letrec<{ value: string; object: string; array: string }>(
  tie => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      rawNumber,
      rawString,
      fc.constantFrom('true', 'false', 'null'),
      tie('object'),
      tie('array')
    ),
    object: fc
      .array(fc.tuple(key, tie('value'), fc.constantFrom('', ' ', '\n  ')), {
        maxLength: 6
      })
      .map(
        pairs =>
          '{' +
          pairs
            .map(([k, v, ws]) => `${ws}${JSON.stringify(k)}:${ws}${v}`)
            .join(',') +
          '}'
      ),
    array: fc
      .array(tie('value'), { maxLength: 4 })
      .map(items => '[' + items.join(',') + ']')
  })
).value;

/** A top-level object that often holds the keys the merge touches. */
const topObject = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...OUR_KEYS), key),
      fc.oneof(
        rawValue,
        fc.constant(
          '{"url":"http://old:8998","auth":"None","password":"pw","1":2}'
        )
      )
    ),
    { maxLength: 8 }
  )
  .map(
    pairs =>
      '{' +
      pairs.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(',\n') +
      '}'
  );

const BLANKS = [
  '',
  ' ',
  '\n',
  '\t\r\n',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\u3000',
  '\x1c',
  '\x85',
  '\v\f'
];

/** Whole file contents: valid, wrapped, broken, blank, not UTF-8, or missing. */
export const fileBytes: fc.Arbitrary<Buffer | null> = fc.oneof(
  { weight: 6, arbitrary: topObject.map(t => Buffer.from(t)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...BLANKS),
        topObject,
        fc.constantFrom(...BLANKS),
        fc.boolean()
      )
      .map(([a, t, b, bom]) => Buffer.from((bom ? '\ufeff' : '') + a + t + b))
  },
  { weight: 1, arbitrary: rawValue.map(t => Buffer.from(t)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        topObject,
        fc.nat(),
        fc.constantFrom('', ',', 'NaN', "'", '}', 'Infinity', '// x')
      )
      .map(([t, cut, junk]) =>
        Buffer.from(t.slice(0, cut % (t.length + 1)) + junk)
      )
  },
  { weight: 1, arbitrary: fc.constantFrom(...BLANKS).map(b => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0x7b, 0xff, 0x7d]),
      Buffer.from('{"a":"\xe9"}', 'latin1')
    )
  },
  { weight: 1, arbitrary: fc.constant(null) }
);
