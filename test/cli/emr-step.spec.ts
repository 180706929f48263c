import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildCli, expectUsageError, runCli } from './run-cli';

beforeAll(buildCli, 120000);

const dir = mkdtempSync(join(tmpdir(), 'smk-cli-emr-step-'));
let files = 0;
function profileFile(livyUrl: string): string {
  const file = join(dir, `profile-${++files}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: 'emr',
      realm: 'EC2.INTERNAL',
      kdcs: ['livy-nlb.example.test:88'],
      livyUrl,
      principal: 'user1'
    })
  );
  return file;
}
const good = profileFile('https://livy-nlb.example.test:8998');

describe('emr-step', () => {
  it('prints a bash script with the values of the profile and the options', () => {
    const r = runCli([
      'emr-step',
      '--profile',
      good,
      '--users',
      'alice, bob',
      '--livy-keytab',
      '/etc/livy/conf/nlb.keytab',
      '--restart'
    ]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.startsWith('#!/bin/bash\n')).toBe(true);
    for (const line of [
      'REALM=EC2.INTERNAL',
      'NLB_HOST=livy-nlb.example.test',
      "USERS='alice bob'",
      'KEYTAB=/etc/livy/conf/nlb.keytab',
      'RESTART=1'
    ]) {
      expect(r.stdout).toContain(`\n${line}\n`);
    }
    const n = spawnSync('bash', ['-n'], { input: r.stdout, encoding: 'utf8' });
    expect([n.status, n.stderr]).toEqual([0, '']);
  });

  it('defaults: the keytab beside EMR own, no users, no restart', () => {
    const r = runCli(['emr-step', '--profile', good]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\nKEYTAB=/etc/livy-nlb.keytab\n');
    expect(r.stdout).toContain("\nUSERS=''\n");
    expect(r.stdout).toContain('\nRESTART=0\n');
  });

  it.each([
    [[], /livyUrl: Write the host in lowercase/],
    [['--users', 'alice,$(id)'], /User '\$\(id\)' is not a cluster user name/],
    [['--users', 'alice,'], /User '' is not/],
    [['--livy-keytab', '/etc/my keytab'], /Livy keytab '\/etc\/my keytab'/]
  ])(
    '%j: refused with the reason, nothing on stdout, exit 1',
    (args, reason) => {
      const profile =
        args.length === 0
          ? profileFile('https://Livy-NLB.example.test:8998')
          : good;
      const r = runCli(['emr-step', '--profile', profile, ...args]);
      expect([r.status, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(reason);
    }
  );

  it('wants --profile', () => {
    expectUsageError(runCli(['emr-step', '--restart']), 'emr-step');
  });
});
