/**
 * The doctor's saved output after a keytab sign-in with pre-authentication,
 * against a real MIT KDC (test/kdc/realm.sh on port 61221): user1 requires
 * pre-authentication and its keytab was made with `ktadd -norandkey`, so its
 * key comes from the password. The MIT trace kept in the report must not
 * hold the encrypted timestamp, the salt or the PA-FX-COOKIE: with them a
 * password can be guessed offline.
 */
import { spawnSync } from 'child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { sampleProfile } from '../core/sample-profile';
import { buildCli, runCli } from './run-cli';

const REALM_SH = resolve(__dirname, '../kdc/realm.sh');
const PORT = '61221';

beforeAll(buildCli, 120000);

describe('doctor --save-output after a pre-authenticated keytab sign-in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-trace-'));
  let env: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    const started = spawnSync(
      REALM_SH,
      ['start', join(dir, 'kdc'), 'EC2.INTERNAL', PORT],
      { encoding: 'utf8' }
    );
    if (started.status !== 0) {
      throw new Error(`realm.sh start failed: ${started.stderr}`);
    }
    const value = (name: string) =>
      new RegExp(`^export ${name}='([^']+)'$`, 'm').exec(started.stdout)![1];
    env = {
      ...process.env,
      HOME: join(dir, 'home'),
      KRB5_CONFIG: value('KRB5_CONFIG'),
      KRB5_KDC_PROFILE: value('KRB5_KDC_PROFILE'),
      KRB5CCNAME: `FILE:${dir}/cc`
    };
    const modified = spawnSync(
      'kadmin.local',
      ['-r', 'EC2.INTERNAL', '-q', 'modprinc +requires_preauth user1'],
      { env, encoding: 'utf8' }
    );
    expect(modified.status).toBe(0);
    chmodSync(join(dir, 'kdc/user1.keytab'), 0o600);
  }, 60000);

  afterAll(() => {
    spawnSync(REALM_SH, ['stop', join(dir, 'kdc')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the trace but blanks the encrypted timestamp, the salt and the cookie', () => {
    const profile = join(dir, 'profile.json');
    writeFileSync(
      profile,
      JSON.stringify(
        sampleProfile({
          kdcs: [`127.0.0.1:${PORT}`],
          ticketMode: 'tgt',
          signIn: 'keytab',
          keytab: join(dir, 'kdc/user1.keytab')
        })
      )
    );
    const out = join(dir, 'report.txt');
    runCli(['doctor', '--profile', profile, '--save-output', out], '', env);
    const saved = readFileSync(out, 'utf8');
    // The sign-in did run with pre-authentication, and its trace is kept.
    expect(saved).toContain('Additional pre-authentication required');
    expect(saved).toMatch(/Encrypted timestamp \(for \d+\.\d+\): <redacted>\n/);
    expect(saved).toMatch(
      /Selected etype info: etype aes256-cts, salt <redacted>, params ""/
    );
    expect(saved).toContain('Received cookie: <redacted>');
    expect(saved).not.toMatch(/plain [0-9A-F]|encrypted [0-9A-F]/);
    expect(saved).not.toContain('"EC2.INTERNALuser1"');
    expect(saved).not.toMatch(/[0-9A-F]{32}/);
  });
});
