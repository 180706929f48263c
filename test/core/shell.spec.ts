import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  ShellQuoteError,
  shellEnvPrefix,
  shellJoin,
  shellQuote,
  shellQuotePath
} from '../../src/core/terminal/shell';

/** Strings run through real shells; at least 10 000 under CI. */
const requested = Number(process.env.SHELL_QUOTE_CASES ?? '10000');
const CASES =
  process.env.CI === 'true' ? Math.max(10000, requested) : requested;
const BATCH = 250;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-quote-'));
const canary = path.join(dir, 'executed');

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Pieces that mean something to a shell, including commands that leave a canary. */
const TOKENS = [
  "'",
  '"',
  '\\',
  '$',
  '`',
  '$(',
  ')',
  '${HOME}',
  '$HOME',
  '$1',
  '$@',
  '$?',
  '!',
  '!!',
  '*',
  '?',
  '[a-z]',
  '{a,b}',
  '~',
  '~/',
  ';',
  '&',
  '&&',
  '|',
  '>',
  '<',
  '#',
  '=',
  '\n',
  '\r',
  '\t',
  ' ',
  '-',
  '--',
  '-n',
  '-e',
  '%s',
  '\\0',
  '\u00e9',
  '\u65e5\u672c',
  '\ud83d\ude00',
  '\u200b',
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `'; touch ${canary}; '`,
  `"; touch ${canary}; "`,
  `; touch ${canary}`,
  `\ntouch ${canary}\n`
];

const unit = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
);
const shellString = fc
  .string({ unit, maxLength: 12 })
  .filter(s => s.indexOf('\0') === -1);

/** Runs `printf '%s\0' <quoted...>` in SHELL and returns the NUL-split output. */
function roundTrip(shell: string, values: string[]): Buffer[] {
  const script = "printf '%s\\0' " + shellJoin(values);
  const result = spawnSync(shell, ['-c', script], {
    cwd: dir,
    maxBuffer: 1 << 26
  });
  if (result.status !== 0) {
    throw new Error(`${shell} failed: ${result.stderr.toString()}`);
  }
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < result.stdout.length; i++) {
    if (result.stdout[i] === 0) {
      parts.push(result.stdout.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

function expectSame(shell: string, batch: string[]): void {
  const back = roundTrip(shell, batch);
  expect(back.length).toBe(batch.length);
  batch.forEach((s, i) => {
    expect(back[i].equals(Buffer.from(s, 'utf8'))).toBe(true);
  });
}

describe('shellQuote', () => {
  it('leaves plain words readable and quotes the rest', () => {
    expect(shellQuote('HTTP/livy-nlb.example.test@EC2.INTERNAL')).toBe(
      'HTTP/livy-nlb.example.test@EC2.INTERNAL'
    );
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('a=b')).toBe("'a=b'");
    expect(shellQuote('~/x')).toBe("'~/x'");
  });

  it('refuses NUL with a typed error', () => {
    expect(() => shellQuote('a\0b')).toThrow(ShellQuoteError);
    expect(() => shellJoin(['ok', '\0'])).toThrow(/NUL/);
  });

  it(`round-trips ${CASES} random strings through bash and sh byte for byte, none executed`, () => {
    fc.assert(
      fc.property(
        fc.array(shellString, { minLength: BATCH, maxLength: BATCH }),
        batch => {
          expectSame('bash', batch);
          expect(fs.existsSync(canary)).toBe(false);
        }
      ),
      { numRuns: Math.ceil(CASES / BATCH) }
    );
    // The same quoting under the POSIX /bin/sh the terminal channel starts.
    fc.assert(
      fc.property(
        fc.array(shellString, { minLength: BATCH, maxLength: BATCH }),
        batch => expectSame('sh', batch)
      ),
      { numRuns: 4 }
    );
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('the canary itself works when not quoted', () => {
    const probe = path.join(dir, 'probe');
    spawnSync('bash', ['-c', `echo $(touch ${probe})`]);
    expect(fs.existsSync(probe)).toBe(true);
  });
});

describe('shellQuotePath and shellEnvPrefix', () => {
  it('expands only the home directory', () => {
    const home = path.join(dir, "h o'me");
    fs.mkdirSync(home);
    const cmd =
      "printf '%s\\0' " +
      ['~/a b/$(x)', '~', '/etc/krb5.conf', "~user/x'"]
        .map(shellQuotePath)
        .join(' ');
    const out = spawnSync('sh', ['-c', cmd], {
      env: { ...process.env, HOME: home }
    }).stdout.toString();
    expect(out.split('\0').slice(0, 4)).toEqual([
      `${home}/a b/$(x)`,
      home,
      '/etc/krb5.conf',
      "~user/x'"
    ]);
  });

  it('builds a quoted assignment prefix', () => {
    const prefix = shellEnvPrefix({
      KRB5_CONFIG: '~/.config/k 5.conf',
      KRB5CCNAME: 'FILE:/tmp/krb5cc_1000'
    });
    expect(prefix).toBe(
      'KRB5_CONFIG="$HOME"/\'.config/k 5.conf\' KRB5CCNAME=FILE:/tmp/krb5cc_1000 '
    );
    const out = spawnSync(
      'sh',
      ['-c', prefix + 'sh -c \'printf "%s|%s" "$KRB5_CONFIG" "$KRB5CCNAME"\''],
      { env: { ...process.env, HOME: '/home/u' } }
    ).stdout.toString();
    expect(out).toBe('/home/u/.config/k 5.conf|FILE:/tmp/krb5cc_1000');
    expect(() => shellEnvPrefix({ 'A-B': 'x' })).toThrow(ShellQuoteError);
    expect(() => shellEnvPrefix({ '1A': 'x' })).toThrow(/not a valid/);
  });
});
