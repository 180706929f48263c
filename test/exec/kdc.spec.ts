// The runner against a real loopback MIT KDC, started by test/exec/run.sh
// (test/kdc/realm.sh start <dir> EC2.INTERNAL 63088), which exports
// EXEC_KDC_DIR and KRB5_CONFIG.
import * as fs from 'fs';
import * as path from 'path';

import { TerminalRunner } from '../../src/exec/runner';
import { listTerminals, serverChildren, useServer } from './server';

const KDC_DIR = process.env.EXEC_KDC_DIR ?? '';
const KRB5_CONFIG = process.env.KRB5_CONFIG ?? '';
const SERVICE = 'HTTP/livy-nlb.example.test@EC2.INTERNAL';

let runner: TerminalRunner;
let work: string;

const lab = useServer(() => {
  if (
    !KDC_DIR ||
    !fs.existsSync(path.join(KDC_DIR, 'user1.keytab')) ||
    !KRB5_CONFIG
  ) {
    throw new Error(
      'The loopback KDC is not running: start this suite with test/exec/run.sh (it runs test/kdc/realm.sh start).'
    );
  }
  work = fs.mkdtempSync(path.join(KDC_DIR, 'exec-'));
  fs.mkdirSync(path.join(work, 'tmp'));
  return {
    runner: {
      env: {
        KRB5_CONFIG,
        KRB5CCNAME: `FILE:${work}/cc`,
        TMPDIR: path.join(work, 'tmp')
      }
    }
  };
});

beforeAll(() => {
  runner = lab.runner;
});

afterAll(() => {
  // The hidden shell removed its scratch files when it exited.
  expect(fs.readdirSync(path.join(work, 'tmp'))).toEqual([]);
});

describe('klist and kinit through the runner', () => {
  it('sees no ticket, gets a service ticket with kinit -S, then lists it', async () => {
    const before = await runner.run('klist');
    expect(before.exitCode).toBe(1);
    expect(before.stderr).toMatch(
      /No credentials cache found \(filename: .*\/cc\)/
    );

    const kinit = await runner.run(
      `kinit -kt ${KDC_DIR}/user1.keytab -S ${SERVICE} user1@EC2.INTERNAL 2>&1`
    );
    expect(kinit).toMatchObject({ exitCode: 0, stdout: '' });

    const after = await runner.run('klist -f');
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toContain(`Ticket cache: FILE:${work}/cc`);
    expect(after.stdout).toContain('Default principal: user1@EC2.INTERNAL');
    expect(after.stdout).toMatch(
      /^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d {2}\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d {2}HTTP\/livy-nlb\.example\.test@EC2\.INTERNAL$/m
    );
    expect(after.stdout).not.toContain('krbtgt');
    // eslint-disable-next-line no-control-regex
    expect(after.stdout).not.toMatch(/\r|\x1b/);
  });

  it('runs 1000 klist calls in one terminal without leaving processes', async () => {
    await runner.run(':');
    const terminal = runner.terminalName;
    const baseline = serverChildren();
    expect(baseline).toHaveLength(1);
    for (let i = 0; i < 1000; i++) {
      const r = await runner.run('klist');
      if (r.exitCode !== 0 || !r.stdout.includes(SERVICE)) {
        throw new Error(`klist call ${i}: ${JSON.stringify(r)}`);
      }
    }
    expect(runner.terminalName).toBe(terminal);
    expect(await listTerminals()).toEqual([terminal]);
    expect(serverChildren()).toEqual(baseline);
    expect(await runner.run('kdestroy')).toMatchObject({ exitCode: 0 });
  }, 600000);
});
