import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, buildCli, expectUsageError, runCli } from './run-cli';

beforeAll(buildCli, 120000);

/** Each subcommand with the options its help lists. */
const COMMANDS: [string, string[]][] = [
  ['parse-klist', ['--now ISO8601']],
  ['explain', []],
  ['render-krb5', ['--profile FILE', '--existing FILE']],
  ['render-sparkmagic', ['--profile FILE', '--existing FILE']],
  [
    'doctor',
    [
      '--profile FILE',
      '--json',
      '--verify-spark',
      '--applied-at ISO8601',
      '--save-output FILE'
    ]
  ],
  [
    'lifecycle',
    [
      '--profile FILE',
      '--wheel-s3-uri URI',
      '--wheel-path PATH',
      '--wheel-file LOCAL',
      '--wheel-sha256 HEX',
      '--on-create',
      '--base64'
    ]
  ],
  [
    'emr-step',
    ['--profile FILE', '--users u1,u2', '--livy-keytab PATH', '--restart']
  ]
];

describe('sparkmagic-kerberos --version', () => {
  it("prints the package's version on stdout, exit 0", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = runCli(['--version']);
    expect([r.status, r.stdout, r.stderr]).toEqual([
      0,
      `sparkmagic-kerberos ${pkg.version}\n`,
      ''
    ]);
  });
});

describe('sparkmagic-kerberos --help', () => {
  it.each([['--help'], ['-h']])(
    '%s lists the commands and the exit statuses',
    flag => {
      const r = runCli([flag]);
      expect([r.status, r.stderr]).toEqual([0, '']);
      for (const [name] of COMMANDS) {
        expect(r.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
      }
      expect(r.stdout).toContain('--version');
      for (const code of ['0', '1', '2', '3']) {
        expect(r.stdout).toMatch(new RegExp(`^ {2}${code} +\\S`, 'm'));
      }
    }
  );
});

describe.each(COMMANDS)('sparkmagic-kerberos %s --help', (name, options) => {
  it.each([['--help'], ['-h']])(
    '%s: usage and options on stdout, exit 0',
    flag => {
      const r = runCli([name, flag]);
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(r.stdout.startsWith(`usage: sparkmagic-kerberos ${name}`)).toBe(
        true
      );
      for (const option of [...options, '-h, --help']) {
        expect(r.stdout).toMatch(
          new RegExp(`^ {2}${option.replace(/[-]/g, '\\-')} +\\S`, 'm')
        );
      }
      expect(r.stdout).toContain('exit status:');
    }
  );

  it('wins over other mistakes on the line, and runs nothing', () => {
    const r = runCli([name, '--no-such-option', 'extra', '--help']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.startsWith(`usage: sparkmagic-kerberos ${name}`)).toBe(
      true
    );
  });

  it('an unknown option is one line pointing to this help, exit 2', () => {
    expectUsageError(runCli([name, '--no-such-option']), name);
  });
});

describe('usage errors', () => {
  it.each([
    [['doctor']],
    [['doctor', '--profile']],
    [['doctor', '--profile', 'p.json', '--json=yes']],
    [['doctor', '--profile', 'p.json', '--json', '--json']],
    [['render-krb5', '--profile', '-h']],
    [
      [
        'lifecycle',
        '--profile',
        'p.json',
        '--wheel-file',
        'a',
        '--wheel-sha256',
        'b'
      ]
    ],
    [
      [
        'lifecycle',
        '--profile',
        'p.json',
        '--wheel-s3-uri',
        'a',
        '--wheel-path',
        'b'
      ]
    ],
    [['parse-klist', '--', '--now']]
  ])("%j: one line pointing to the command's --help, exit 2", args => {
    expectUsageError(runCli(args), args[0]);
  });

  it.each([[['--no-such-option']], [['--versions']]])(
    "%j: one line pointing to the program's --help, exit 2",
    args => {
      expectUsageError(runCli(args));
    }
  );
});
