import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { spawnSync } from 'child_process';
import { formatReport } from '../../src/cli/doctor';
import { diagnose } from '../../src/core/doctor/diagnose';
import { doctorFixture } from '../core/doctor-fixtures';
import { buildCli, ROOT, runCli } from './run-cli';

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

  describe('--save-output', () => {
    const home = join(dir, 'home');
    const profile = join(dir, 'local.json');
    const env = { ...process.env, HOME: home, SPARKMAGIC_CONF_DIR: '' };
    const secrets = ['hunter2-py', 'urlpw-99', 'hdr-secret-1', 's3-secret-7'];
    beforeAll(() => {
      mkdirSync(join(home, '.sparkmagic'), { recursive: true });
      writeFileSync(
        join(home, '.sparkmagic', 'config.json'),
        JSON.stringify(
          {
            kernel_python_credentials: {
              username: '',
              password: 'hunter2-py',
              url: 'http://u:urlpw-99@localhost:8998',
              auth: 'Kerberos'
            },
            custom_headers: { 'X-Token': 'hdr-secret-1' },
            session_configs: {
              conf: { 'spark.hadoop.fs.s3a.secret.key': 's3-secret-7' },
              driverMemory: '1000M'
            }
          },
          null,
          2
        )
      );
      // Nothing listens on localhost:8998 or port 88: every probe fails fast.
      writeFileSync(
        profile,
        JSON.stringify({
          ...doctorFixture('healthy').profile,
          kdcs: ['localhost'],
          adminServer: 'localhost',
          livyUrl: 'http://localhost:8998',
          tls: { caBundle: '', ignoreSslErrors: false }
        })
      );
    });

    it('writes a new 0600 file with secret config values redacted', () => {
      const out = join(dir, 'report.txt');
      const r = runCli(
        ['doctor', '--profile', profile, '--save-output', out],
        '',
        env
      );
      expect(r.status).toBe(3);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const saved = readFileSync(out, 'utf8');
      for (const s of secrets) {
        expect(saved).not.toContain(s);
        expect(r.stdout).not.toContain(s);
      }
      expect(saved).toContain('"password": "<redacted>"');
      expect(saved).toContain('"url": "http://u:<redacted>@localhost:8998"');
      expect(saved).toContain('"auth": "Kerberos"');
      expect(saved).toContain('"driverMemory": "1000M"');
    });

    it("redacts a kernelspec's env: a proxy URL's password, a token", () => {
      const spec = join(home, '.local/share/jupyter/kernels/pysparkkernel');
      mkdirSync(spec, { recursive: true });
      writeFileSync(
        join(spec, 'kernel.json'),
        JSON.stringify({
          argv: [
            'python',
            '-m',
            'sparkmagic.kernels.pysparkkernel.pysparkkernel',
            '-f',
            '{connection_file}'
          ],
          display_name: 'PySpark',
          language: 'python',
          env: {
            HTTPS_PROXY: 'http://u:proxypw-3@proxy.example:3128',
            LIVY_TOKEN: 'tok-secret-5'
          }
        })
      );
      const out = join(dir, 'kspec-report.txt');
      const r = runCli(
        ['doctor', '--profile', profile, '--save-output', out],
        '',
        {
          ...env,
          PATH: `${join(ROOT, '.venv/bin')}:${process.env.PATH}`,
          JUPYTER_PREFER_ENV_PATH: '0'
        }
      );
      rmSync(join(home, '.local'), { recursive: true, force: true });
      expect(r.status).toBe(3);
      const saved = readFileSync(out, 'utf8');
      expect(saved).toContain(
        '"HTTPS_PROXY": "http://u:<redacted>@proxy.example:3128"'
      );
      expect(saved).toContain(
        'E\tHTTPS_PROXY\thttp://u:<redacted>@proxy.example:3128'
      );
      expect(saved).toContain('E\tLIVY_TOKEN\t<redacted>');
      for (const s of ['proxypw-3', 'tok-secret-5']) {
        expect(saved).not.toContain(s);
        expect(r.stdout).not.toContain(s);
      }
    });

    it('Verify Spark shows the session settings it posts with their secrets redacted', () => {
      const r = runCli(
        ['doctor', '--profile', profile, '--verify-spark'],
        '',
        env
      );
      expect(r.stderr).toContain('verify spark: POST /sessions {');
      expect(r.stderr).toContain('"driverMemory":"1000M"');
      expect(r.stderr).toContain(
        '"spark.hadoop.fs.s3a.secret.key":"<redacted>"'
      );
      expect(r.stderr + r.stdout).not.toContain('s3-secret-7');
    });

    it('removes the directories of runs killed outright, and no other', () => {
      const tmp = join(dir, 'tmp');
      const dead = spawnSync('true').pid;
      const left = join(tmp, `smk-doctor-${dead}.abcdef`);
      const live = join(tmp, `smk-doctor-${process.pid}.abcdef`);
      const other = join(tmp, 'smk-doctor-ws-abcdef');
      for (const d of [left, live, other]) {
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, 'cc'), 'a ticket cache copy');
      }
      runCli(['doctor', '--profile', profile, '--json'], '', {
        ...env,
        TMPDIR: tmp
      });
      expect(readdirSync(tmp).sort()).toEqual(
        [basename(live), basename(other)].sort()
      );
    });

    it('warns when group or others can read the keytab', () => {
      const keytab = join(dir, 'user1.keytab');
      writeFileSync(keytab, '');
      const withKeytab = join(dir, 'keytab.json');
      writeFileSync(
        withKeytab,
        JSON.stringify({
          ...JSON.parse(readFileSync(profile, 'utf8')),
          signIn: 'keytab',
          keytab
        })
      );
      const report = (mode: number) => {
        chmodSync(keytab, mode);
        const r = runCli(
          ['doctor', '--profile', withKeytab, '--json'],
          '',
          env
        );
        return JSON.parse(r.stdout).results.find(
          (x: { id: string }) => x.id === 'krb.keytab'
        );
      };
      expect(report(0o644)).toMatchObject({
        status: 'warn',
        detail: expect.stringContaining('readable by every user (mode 644)'),
        fix: `Run chmod 600 ${keytab} in a terminal.`
      });
      expect(report(0o600)).toMatchObject({ status: 'pass' });
    });

    it('never writes through an existing file or a planted link', () => {
      const target = join(dir, 'victim');
      writeFileSync(target, 'keep me\n', { mode: 0o644 });
      const link = join(dir, 'planted.txt');
      symlinkSync(target, link);
      for (const path of [link, target]) {
        const r = runCli(
          ['doctor', '--profile', profile, '--save-output', path],
          '',
          env
        );
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('already exists');
      }
      expect(readFileSync(target, 'utf8')).toBe('keep me\n');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
    });
  });
});
