/**
 * The rendered doctor script: valid sh (dash and bash parse it, shellcheck
 * finds nothing), every profile value reaches the shell byte for byte, and
 * no value can run as a command.
 */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  doctorTarget,
  renderDoctorScript,
  scriptParams,
  upperSpn
} from '../../src/core/doctor/script';
import { verifyCommands } from '../../src/core/doctor/verify-commands';
import { sampleProfile } from './sample-profile';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '200');
const dir = mkdtempSync(join(tmpdir(), 'doctor-script-'));
const canary = join(dir, 'executed');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sh(
  shell: string,
  script: string
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(shell, ['-c', script], { encoding: 'utf8' });
}

describe('renderDoctorScript', () => {
  const profiles = [
    sampleProfile(),
    sampleProfile({
      signIn: 'keytab',
      keytab: "~/keys/it's mine.keytab",
      ticketMode: 'tgt'
    }),
    sampleProfile({
      tls: { caBundle: '/etc/pki/ca "x".pem', ignoreSslErrors: true }
    }),
    sampleProfile({
      kerberosAuth: {
        ...sampleProfile().kerberosAuth,
        hostname_override: 'livy-internal.example.test'
      }
    })
  ];

  it.each(profiles.map((p, i) => [i, p]))(
    'profile %i parses in dash and bash',
    (_, profile) => {
      const script = renderDoctorScript(profile);
      for (const shell of ['dash', 'bash']) {
        const r = spawnSync(shell, ['-n'], { input: script, encoding: 'utf8' });
        expect([shell, r.status, r.stderr]).toEqual([shell, 0, '']);
      }
    }
  );

  it('passes shellcheck', () => {
    const file = join(dir, 'doctor.sh');
    writeFileSync(file, '#!/bin/sh\n' + renderDoctorScript(profiles[1]));
    const r = spawnSync('shellcheck', ['-s', 'sh', '-S', 'warning', file], {
      encoding: 'utf8'
    });
    if (r.error) {
      throw new Error(
        'shellcheck is not installed (scripts/setup.sh installs it)'
      );
    }
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('derives the target from the profile: lower-case SPN, default ports', () => {
    const t = doctorTarget(
      sampleProfile({
        kdcs: ['kdc1.example.test', 'kdc2.example.test:8888'],
        livyUrl: 'http://livy-nlb.example.test/'
      })
    );
    expect(t).toMatchObject({
      url: 'http://livy-nlb.example.test',
      port: 80,
      https: false,
      spn: 'HTTP/livy-nlb.example.test@EC2.INTERNAL'
    });
    expect(t.kdcs).toEqual([
      { host: 'kdc1.example.test', port: 88 },
      { host: 'kdc2.example.test', port: 8888 }
    ]);
    expect(upperSpn(t.spn)).toBe('HTTP/LIVY-NLB.EXAMPLE.TEST@EC2.INTERNAL');
  });

  it('refuses an invalid profile before rendering anything', () => {
    expect(() =>
      renderDoctorScript(sampleProfile({ realm: 'ec2.internal' }))
    ).toThrow(/realm/i);
  });

  it('hands every path to the shell byte for byte and runs none of it', () => {
    const piece = fc.constantFrom(
      "'",
      '"',
      '\\',
      '$',
      '`',
      '$(touch ' + canary + ')',
      ';',
      '&',
      '|',
      ' ',
      '*',
      '~',
      '#',
      'a',
      'é',
      '${HOME}'
    );
    const path = fc
      .array(piece, { minLength: 1, maxLength: 12 })
      .map(parts => '/tmp/' + parts.join(''));
    // One shell per batch of pairs, each pair in its own subshell: a spawn per
    // case made this the slowest unit spec by far at CI's 10 000 runs.
    const batch = fc.array(fc.tuple(path, path), {
      minLength: 1,
      maxLength: 40
    });
    fc.assert(
      fc.property(batch, pairs => {
        const script = pairs
          .map(([keytab, config]) => {
            const profile = sampleProfile({
              signIn: 'keytab',
              keytab,
              files: { ...sampleProfile().files, sparkmagicConfig: config }
            });
            return `(\n${scriptParams(profile).join('\n')}\nprintf '%s\\n%s\\n' "$P_KEYTAB" "$P_SMCONF"\n)`;
          })
          .join('\n');
        const r = sh('sh', script);
        expect(r.stdout).toBe(pairs.map(([k, c]) => `${k}\n${c}\n`).join(''));
      }),
      { numRuns: Math.max(1, Math.ceil(RUNS / 20)) }
    );
    expect(spawnSync('test', ['-e', canary]).status).toBe(1);
  });
});

describe('verifyCommands', () => {
  it('renders commands that parse in dash', () => {
    const c = verifyCommands(sampleProfile(), 'abcdefgh12345678');
    for (const script of [
      c.prepare,
      c.create('{"kind":"pyspark"}'),
      c.state(1, 20),
      c.log(1),
      c.statement(1, 'x'),
      c.statementState(1, 2, 60),
      c.remove(1),
      c.cleanup
    ]) {
      const r = spawnSync('dash', ['-n'], { input: script, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
    }
  });
});
