/**
 * The EMR step generator: the script file and every rendered step are clean
 * for bash -n and shellcheck; each value reaches bash byte for byte or is
 * refused, and no value (quotes, $(…), backticks, newlines) ever runs.
 */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  EMR_STEP_KEYTAB,
  EmrStepError,
  IEmrStepOptions,
  renderEmrStep
} from '../../src/core/emr-step';
import { IProfile } from '../../src/core/profile';
import { sampleProfile } from './sample-profile';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '200');
const FILE = join(__dirname, '../../src/core/emr-step/emr-step.sh');
const HADOOP = join(__dirname, '../../src/core/emr-step/emr-step-hadoop.sh');
const dir = mkdtempSync(join(tmpdir(), 'emr-step-'));
const canary = join(dir, 'executed');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = [
  'PROFILE',
  'REALM',
  'NLB_HOST',
  'SERVICE',
  'LIVY_URL',
  'KEYTAB',
  'USERS',
  'RESTART'
];
const VALUES =
  /^# The values of the profile[^\n]*\n([\s\S]*?^RESTART=[^\n]*\n)/m;

function shellcheck(file: string): string {
  const r = spawnSync('shellcheck', ['-s', 'bash', '-S', 'style', file], {
    encoding: 'utf8'
  });
  if (r.error) {
    throw new Error(
      'shellcheck is not installed (scripts/setup.sh installs it)'
    );
  }
  return r.stdout + r.stderr;
}

/** The values block of a rendered step. */
function valuesBlock(script: string): string {
  const m = VALUES.exec(script);
  if (!m) {
    throw new Error('no values block in the step');
  }
  return m[1];
}

/**
 * Runs the values blocks of many steps in one bash and returns, per step,
 * the variables as bash holds them.
 */
function readBack(scripts: string[]): string[][] {
  const body = scripts
    .map(
      s =>
        `${valuesBlock(s)}printf '%s\\0' ${NAMES.map(n => `"$${n}"`).join(' ')}\n`
    )
    .join('');
  // On stdin: thousands of steps exceed the limit of one argument.
  const r = spawnSync('bash', ['-s'], {
    input: body,
    encoding: 'utf8',
    maxBuffer: 1 << 28
  });
  if (r.error) {
    throw r.error;
  }
  expect(r.stderr).toBe('');
  const fields = r.stdout.split('\0').slice(0, -1);
  const out: string[][] = [];
  for (let i = 0; i < fields.length; i += NAMES.length) {
    out.push(fields.slice(i, i + NAMES.length));
  }
  return out;
}

function expected(profile: IProfile, options: IEmrStepOptions): string[] {
  return [
    profile.name,
    profile.realm,
    'livy-nlb.example.test',
    'HTTP',
    profile.livyUrl,
    options.livyKeytab ?? EMR_STEP_KEYTAB,
    (options.users ?? []).join(' '),
    options.restart ? '1' : '0'
  ];
}

function problems(profile: IProfile, options: IEmrStepOptions = {}): string[] {
  try {
    renderEmrStep(profile, options);
  } catch (e) {
    if (e instanceof EmrStepError) {
      return e.problems;
    }
    throw e;
  }
  return [];
}

const HOSTILE = [
  "it's",
  '$(touch CANARY)',
  '`touch CANARY`',
  '"; touch CANARY; "',
  "'; touch CANARY; '",
  'a\nb\n# @@END\ntouch CANARY',
  '${PATH}',
  '\\',
  'line\r\nbreak'
].map(s => s.replace(/CANARY/g, canary));

describe('the script files', () => {
  it.each([FILE, HADOOP])(
    '%s passes shellcheck (all severities) and bash -n',
    f => {
      expect(shellcheck(f)).toBe('');
      const r = spawnSync('bash', ['-n', f], { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
    }
  );
});

describe('renderEmrStep', () => {
  it('keeps the script and replaces only its values', () => {
    const file = readFileSync(FILE, 'utf8');
    const half = readFileSync(HADOOP, 'utf8');
    const step = renderEmrStep(sampleProfile(), { users: ['alice'] });
    expect(step.startsWith('#!/bin/bash\n')).toBe(true);
    expect(step).not.toMatch(/@@VALUES|@@HADOOP/);
    const marker = file.indexOf('# @@HADOOP');
    const tail = file.slice(file.indexOf('\n', marker) + 1);
    const between = file.slice(file.indexOf('# @@END\n') + 8, marker);
    const halfBody = half.slice(half.indexOf('\n') + 1);
    expect(step.endsWith(between + halfBody + tail)).toBe(true);
  });

  it.each([
    [{}, {}],
    [{ name: "Ana's cluster" }, { users: ['alice', 'bob.b'], restart: true }],
    [
      { livyUrl: 'https://livy-nlb.example.test:8998/livy' },
      { livyKeytab: '/etc/livy/conf/http+livy.keytab' }
    ]
  ] as [Partial<IProfile>, IEmrStepOptions][])(
    'renders a clean script: %j %j',
    (overrides, options) => {
      const file = join(dir, 'step.sh');
      writeFileSync(file, renderEmrStep(sampleProfile(overrides), options));
      expect(shellcheck(file)).toBe('');
      const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
    }
  );

  it('carries hostile profile values byte for byte and runs none of them', () => {
    const cases: [IProfile, IEmrStepOptions][] = HOSTILE.flatMap(h => [
      [sampleProfile({ name: h }), {}],
      [
        sampleProfile({
          livyUrl: `https://livy-nlb.example.test:8998/${h.replace(/[^A-Za-z0-9._~!$&'()*+,;=:@%/-]/g, '')}`
        }),
        { restart: true }
      ]
    ]);
    const scripts = cases.map(([p, o]) => renderEmrStep(p, o));
    expect(readBack(scripts)).toEqual(cases.map(([p, o]) => expected(p, o)));
    expect(existsSync(canary)).toBe(false);
  });

  it('refuses hostile users and keytab paths', () => {
    for (const h of HOSTILE) {
      expect(problems(sampleProfile(), { users: [h] })).toHaveLength(1);
      expect(
        problems(sampleProfile(), { livyKeytab: `/etc/${h}.keytab` })
      ).toHaveLength(1);
    }
    expect(
      problems(sampleProfile(), { livyKeytab: 'livy.keytab' })
    ).toHaveLength(1);
    expect(
      problems(sampleProfile(), { livyKeytab: '/etc/../livy.keytab' })
    ).toHaveLength(1);
    expect(problems(sampleProfile(), { users: ['alice', 'alice'] })).toEqual([
      "User 'alice' is listed twice."
    ]);
    expect(problems(sampleProfile(), { users: ['Alice'] })).toHaveLength(1);
  });

  it('refuses an upper-case or invalid NLB host', () => {
    const auth = sampleProfile().kerberosAuth;
    for (const profile of [
      sampleProfile({ livyUrl: 'https://Livy-NLB.example.test:8998' }),
      sampleProfile({ livyUrl: 'https://10.0.0.24:8998' }),
      sampleProfile({ livyUrl: 'https://livy_nlb.example.test:8998' }),
      sampleProfile({ livyUrl: 'https://livy-nlb.example.test.:8998' }),
      sampleProfile({
        kerberosAuth: { ...auth, hostname_override: 'Livy-NLB.example.test' }
      }),
      sampleProfile({ kerberosAuth: { ...auth, service: 'livy' } })
    ]) {
      const found = problems(profile);
      expect([profile.livyUrl, found.length]).toEqual([profile.livyUrl, 1]);
    }
    expect(
      problems(
        sampleProfile({ livyUrl: 'https://Livy-NLB.example.test:8998' })
      )[0]
    ).toMatch(/lowercase: 'livy-nlb\.example\.test'/);
  });

  it('takes the host of hostname_override, as the clients ask for it', () => {
    const profile = sampleProfile({
      livyUrl: 'https://10.0.0.24:8998',
      kerberosAuth: {
        ...sampleProfile().kerberosAuth,
        hostname_override: 'livy-nlb.example.test'
      }
    });
    expect(readBack([renderEmrStep(profile)])[0][2]).toBe(
      'livy-nlb.example.test'
    );
  });

  it('property: any name, user list or keytab path is refused or reaches bash as it was', () => {
    const text = fc
      .string({ unit: 'binary', maxLength: 40 })
      .filter(s => !s.includes('\0'));
    const user = fc.oneof(text, fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,31}$/));
    const keytab = fc.oneof(
      text,
      fc.stringMatching(
        /^\/[A-Za-z0-9._+-]{1,20}(\/[A-Za-z0-9._+-]{1,20}){0,3}$/
      )
    );
    const samples = fc.sample(
      fc.record({
        name: text,
        users: fc.array(user, { maxLength: 3 }),
        livyKeytab: keytab,
        restart: fc.boolean()
      }),
      { numRuns: RUNS }
    );
    const rendered: [IProfile, IEmrStepOptions, string][] = [];
    for (const { name, ...options } of samples) {
      const profile = sampleProfile({ name });
      if (problems(profile, options).length === 0) {
        rendered.push([profile, options, renderEmrStep(profile, options)]);
      }
    }
    expect(rendered.length).toBeGreaterThan(samples.length / 20);
    expect(readBack(rendered.map(r => r[2]))).toEqual(
      rendered.map(([p, o]) => expected(p, o))
    );
    expect(existsSync(canary)).toBe(false);
  });
});
