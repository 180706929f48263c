import * as fc from 'fast-check';
import { locateJsonError } from '../../src/core/json-text';
import {
  mergeSparkmagicConfig,
  validateSparkmagicConfig
} from '../../src/core/sparkmagic/config';
import { sampleProfile } from './sample-profile';

const URL = 'https://livy-nlb.example.test:8998';

describe('validateSparkmagicConfig', () => {
  const profile = sampleProfile();
  const good = () => mergeSparkmagicConfig(null, profile).config;
  const paths = (config: unknown) =>
    validateSparkmagicConfig(config, profile).map(
      p => `${p.severity} ${p.path}`
    );

  it('accepts what the merge writes', () => {
    expect(validateSparkmagicConfig(good(), profile)).toEqual([]);
    expect(validateSparkmagicConfig(good())).toEqual([]);
    expect(validateSparkmagicConfig({})).toEqual([]);
  });

  it('finds each kind of problem', () => {
    expect(paths('x')).toEqual(['error ']);
    expect(paths({ ...good(), kernel_r_credentials: undefined })).toEqual([
      'error kernel_r_credentials'
    ]);
    expect(
      paths({
        ...good(),
        kernel_python_credentials: { url: 'http://other:8998', auth: 'None' },
        kernel_scala_credentials: { url: URL },
        kernel_r_credentials: 'x'
      })
    ).toEqual([
      'error kernel_python_credentials/auth',
      'error kernel_python_credentials/url',
      'error kernel_scala_credentials/auth',
      'error kernel_r_credentials'
    ]);
    expect(
      paths({
        ...good(),
        kerberos_auth_configuration: {
          mutual_authentication: 'REQUIRED',
          service: 'HTTP',
          send_cbt: 'yes',
          principal: 5,
          password: 'pw',
          canonicalize: true
        }
      })
    ).toEqual([
      'error kerberos_auth_configuration/mutual_authentication',
      'error kerberos_auth_configuration/send_cbt',
      'error kerberos_auth_configuration/principal',
      'warning kerberos_auth_configuration/password',
      'error kerberos_auth_configuration/canonicalize'
    ]);
    expect(
      paths({
        ...good(),
        kerberos_auth_configuration: {
          mutual_authentication: 3,
          service: 'livy'
        }
      })
    ).toEqual([
      'error kerberos_auth_configuration/mutual_authentication',
      'error kerberos_auth_configuration/service'
    ]);
    expect(
      paths({ ...good(), kerberos_auth_configuration: undefined })
    ).toEqual(['error kerberos_auth_configuration']);
    expect(
      paths({
        ...good(),
        authenticators: {
          kerberos_auth_configuration: {},
          None: 'sparkmagic.auth.customauth.Authenticator'
        },
        mutual_authentication: 1,
        max_results_sql: 10,
        ignore_ssl_errors: true
      })
    ).toEqual([
      'error mutual_authentication',
      'warning max_results_sql',
      'error authenticators/kerberos_auth_configuration',
      'error kernel_python_credentials/auth',
      'error kernel_scala_credentials/auth',
      'error kernel_r_credentials/auth',
      'error ignore_ssl_errors'
    ]);
  });

  it('explains the messages a user will read', () => {
    const [stringMutual] = validateSparkmagicConfig({
      kerberos_auth_configuration: { mutual_authentication: 'REQUIRED' }
    });
    expect(stringMutual.message).toMatch(
      /a string silently skips the mutual authentication check/
    );
    const [unknown] = validateSparkmagicConfig({
      kerberos_auth_configuration: { foo: 1 }
    });
    expect(unknown.message).toMatch(/does not accept 'foo'.*TypeError/);
    const [hint] = validateSparkmagicConfig({ max_results_sql: 1 });
    expect(hint.message).toMatch(/default_maxrows/);
  });
});

describe('locateJsonError', () => {
  it.each([
    ['', 1, 1, 'expected a value but found the end of the text'],
    ['{"a": 1,}', 1, 9, 'another entry after ","'],
    ["{'a': 1}", 1, 2, 'a property name in double quotes'],
    ['{"a" 1}', 1, 6, 'expected ":"'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['{"a": "x\ny"}', 1, 9, 'line break'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape'],
    ['{"a": 1} x', 1, 10, 'unexpected "x" after the JSON value'],
    ['[1 2]', 1, 4, 'expected "," or "]"'],
    ['{\n  "a": [\n    01\n  ]\n}', 3, 6, 'expected "," or "]"'],
    ['{"a": "x', 1, 9, 'a closing "']
  ])('%j → line %d column %d', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const err = locateJsonError(text);
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.message).toContain(message);
  });

  it('finds an error in every text JSON.parse rejects (property)', () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n'),
        (json, at, junk) => {
          const i = at % (json.length + 1);
          const text = json.slice(0, i) + junk + json.slice(i);
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          if (!valid) {
            const err = locateJsonError(text);
            expect(err.line).toBeGreaterThanOrEqual(1);
            expect(err.message).not.toBe('invalid JSON');
          }
        }
      ),
      { numRuns: 2000 }
    );
  });
});
