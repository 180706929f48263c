import { createHash } from 'crypto';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildCli, runCli } from './run-cli';

beforeAll(buildCli, 120000);

const dir = mkdtempSync(join(tmpdir(), 'smk-cli-lifecycle-'));
const WHEEL = 'jupyterlab_sparkmagic_kerberos-0.1.0-py3-none-any.whl';
const URI = `s3://my-bucket/w/${WHEEL}`;
const profileFile = join(dir, 'profile.json');
writeFileSync(
  profileFile,
  JSON.stringify({
    name: 'emr',
    realm: 'EC2.INTERNAL',
    kdcs: ['livy-nlb.example.test:88'],
    livyUrl: 'https://livy-nlb.example.test:8998',
    clusterDomain: 'ec2.internal',
    principal: 'user1'
  })
);
const wheelFile = join(dir, WHEEL);
writeFileSync(wheelFile, 'PK\u0003\u0004 not really a wheel');

const lifecycle = (...args: string[]) =>
  runCli(['lifecycle', '--profile', profileFile, ...args]);

describe('lifecycle', () => {
  it('embeds the SHA-256 of --wheel-file, checked before pip', () => {
    const sum = createHash('sha256')
      .update('PK\u0003\u0004 not really a wheel')
      .digest('hex');
    const r = lifecycle('--wheel-s3-uri', URI, '--wheel-file', wheelFile);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`[ "$WS" = ${sum} ]`);
    const given = lifecycle(
      '--wheel-path',
      `~/SageMaker/${WHEEL}`,
      '--wheel-sha256',
      sum.toUpperCase()
    );
    expect(given.status).toBe(0);
    expect(given.stdout).toContain(`[ "$WS" = ${sum} ]`);
  });

  it.each([
    [['--wheel-s3-uri', URI], /SHA-256 is required/],
    [
      ['--wheel-s3-uri', URI, '--wheel-sha256', 'abc123'],
      /64 hexadecimal digits/
    ],
    [
      ['--wheel-s3-uri', URI, '--wheel-sha256', `${'0'.repeat(63)}'`],
      /64 hexadecimal digits/
    ],
    [['--wheel-sha256', '0'.repeat(64)], /without a wheel/],
    [
      ['--wheel-s3-uri', URI, '--wheel-file', profileFile],
      /is not the wheel the script installs/
    ],
    [
      ['--wheel-s3-uri', URI, '--wheel-file', join(dir, 'none', WHEEL)],
      /cannot read --wheel-file/
    ]
  ])('refuses %j and prints no script', (args, message) => {
    const r = lifecycle(...args);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('prints the Studio space script with --platform studio, base64 within the limit', () => {
    const r = lifecycle(
      '--platform',
      'studio',
      '--wheel-path',
      `~/wheels/${WHEEL}`,
      '--wheel-file',
      wheelFile
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^U=sagemaker-user$/m);
    expect(r.stdout).toMatch(/^E=\/opt\/conda$/m);
    expect(r.stdout).toContain(`W0=/home/sagemaker-user/wheels/${WHEEL}`);
    expect(r.stdout).not.toContain('systemctl');
    const b64 = lifecycle('--platform=studio', '--base64');
    expect(b64.status).toBe(0);
    expect(b64.stdout.trim().length).toBeLessThanOrEqual(16384);
  });

  it.each([
    [['--platform', 'studio', '--on-create'], /no on-create script/],
    [
      [
        '--platform',
        'studio',
        '--wheel-path',
        `/home/ec2-user/SageMaker/${WHEEL}`,
        '--wheel-sha256',
        '0'.repeat(64)
      ],
      /under \/home\/sagemaker-user\//
    ],
    [['--platform', 'jupyterhub'], /--platform is notebook or studio/]
  ])('refuses %j for Studio', (args, message) => {
    const r = lifecycle(...args);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
