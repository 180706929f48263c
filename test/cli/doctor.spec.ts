import { writeFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { formatReport } from '../../src/cli/doctor';
import { diagnose } from '../../src/core/doctor/diagnose';
import { doctorFixture } from '../core/doctor-fixtures';
import { buildCli, runCli } from './run-cli';

beforeAll(buildCli, 120000);

describe('sparkmagic-kerberos doctor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs a profile, and a valid one', () => {
    expect(runCli(['doctor']).status).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', realm: 'ec2.internal' }));
    const r = runCli(['doctor', '--profile', bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/realm/);
  });

  it('refuses an --applied-at that is not a time', () => {
    const profile = join(dir, 'ok.json');
    writeFileSync(profile, JSON.stringify(doctorFixture('healthy').profile));
    const r = runCli([
      'doctor',
      '--profile',
      profile,
      '--applied-at',
      'yesterday'
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--applied-at/);
  });

  it('prints each check with its mark, code, detail and fix', () => {
    const f = doctorFixture('kvno-mismatch');
    const text = formatReport(
      diagnose(f.profile, f.output),
      'doctor: test',
      1234
    );
    expect(text).toMatch(/^doctor: test\n/);
    expect(text).toMatch(
      /^ {2}FAIL {2}Livy accepts the Kerberos ticket \(GET \/sessions\) \[KVNO_MISMATCH\]$/m
    );
    expect(text).toMatch(/^ {8}Fix: .*ktadd/m);
    expect(text).toMatch(
      /^\d+ failed, \d+ warning\(s\), \d+ passed \(1\.2 s\)\n$/m
    );
  });
});
