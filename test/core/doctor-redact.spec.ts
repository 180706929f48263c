import * as fc from 'fast-check';
import { diagnose } from '../../src/core/doctor/diagnose';
import { sectionOf, sectionParts } from '../../src/core/doctor/output';
import { parseDoctorOutput } from '../../src/core/doctor/output';
import {
  REDACTED,
  redactDoctorOutput,
  redactJsonSecrets,
  redactUrlPassword
} from '../../src/core/doctor/redact';
import { doctorFixture } from './doctor-fixtures';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '300');

describe('redactJsonSecrets', () => {
  it('hides passwords, tokens, headers and URL passwords; keeps the rest', () => {
    const config = {
      kernel_python_credentials: {
        username: 'svc',
        password: 'pw1',
        url: 'https://svc:pw2@nlb.example.test:8998/livy?x=1',
        auth: 'Kerberos'
      },
      custom_headers: { Authorization: 'Bearer tok3', 'X-N': 7 },
      session_configs: {
        conf: { 'spark.ssl.keyStorePassword': 'pw4', 'spark.x': 'keep' },
        token: 12345
      },
      authenticators: { Kerberos: 'sparkmagic.auth.kerberos.Kerberos' }
    };
    const out = JSON.parse(redactJsonSecrets(JSON.stringify(config, null, 2)));
    expect(out).toEqual({
      kernel_python_credentials: {
        username: 'svc',
        password: REDACTED,
        url: `https://svc:${REDACTED}@nlb.example.test:8998/livy?x=1`,
        auth: 'Kerberos'
      },
      custom_headers: { Authorization: REDACTED, 'X-N': REDACTED },
      session_configs: {
        conf: { 'spark.ssl.keyStorePassword': REDACTED, 'spark.x': 'keep' },
        token: REDACTED
      },
      authenticators: { Kerberos: 'sparkmagic.auth.kerberos.Kerberos' }
    });
  });

  it('redacts text that is not valid JSON and keeps its lines', () => {
    const text = '{\n  "password": "pw1",\n  "url": "http://a:b@h"\n  oops\n';
    const out = redactJsonSecrets(text);
    expect(out).not.toContain('pw1');
    expect(out).toContain(`"url": "http://a:${REDACTED}@h"`);
    expect(out.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('never lets a secret value through and never changes the line count', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9!#%&*+=?@^~ -]{1,24}$/);
    const key = fc.constantFrom('password', 'secret', 'X-Token', 'api_key');
    // Values that look like neither a secret's key nor a URL with userinfo.
    const plain = (v: unknown) =>
      !/:\/\/|pass|secret|token|key|cookie|bearer|header|authorization|§/i.test(
        JSON.stringify(v)
      );
    const other = fc.stringMatching(/^[a-z_]{1,12}$/).filter(plain);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, secret), { minLength: 1, maxLength: 5 }),
        fc.dictionary(other, fc.jsonValue({ maxDepth: 2 }).filter(plain)),
        fc.integer({ min: 0, max: 4 }),
        (secrets, rest, indent) => {
          const marked = secrets.map(([k, v], n) => [k, `S${n}§${v}`]);
          const config = {
            nested: {
              headers: { a: 'S-h§x' },
              list: [Object.fromEntries(marked)]
            },
            ...Object.fromEntries(marked),
            other: rest
          };
          const text = JSON.stringify(config, null, indent);
          const out = redactJsonSecrets(text);
          expect(out).not.toContain('§');
          expect(out.split('\n')).toHaveLength(text.split('\n').length);
          expect(JSON.parse(out).other).toEqual(JSON.parse(text).other);
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('reads a URL with indexOf only', () => {
    expect(redactUrlPassword('"http://host:8998"')).toBe('"http://host:8998"');
    expect(redactUrlPassword('"http://u@host"')).toBe('"http://u@host"');
    expect(redactUrlPassword('"http://host/a:b@c"')).toBe(
      '"http://host/a:b@c"'
    );
    const long = `"http://${':'.repeat(300000)}"`;
    const started = Date.now();
    expect(redactUrlPassword(long)).toBe(long);
    expect(redactJsonSecrets(`{"url": ${long}}`)).toContain(long);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('redactDoctorOutput', () => {
  it('redacts only the config content and keeps every check result', () => {
    const f = doctorFixture('healthy');
    const raw = f.output.replace(
      '"auth": "Kerberos"',
      '"auth": "Kerberos", "password": "pw9"'
    );
    expect(raw).toContain('pw9');
    const out = redactDoctorOutput(raw);
    expect(out).not.toContain('pw9');
    expect(out.split('\n')).toHaveLength(raw.split('\n').length);
    const smconf = sectionOf(parseDoctorOutput(out), 'smconf');
    expect(sectionParts(smconf!.text).get('content')).toContain(
      `"password": "${REDACTED}"`
    );
    const codes = (o: string) =>
      diagnose(f.profile, o).map(r => [r.id, r.status]);
    expect(codes(out)).toEqual(codes(raw));
    expect(redactDoctorOutput(f.output)).toBe(f.output);
  });
});
