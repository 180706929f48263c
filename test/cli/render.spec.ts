import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderKrb5ForProfile } from '../../src/core/krb5';
import { renderSparkmagicConfig } from '../../src/core/sparkmagic/config';
import { sampleProfile } from '../core/sample-profile';
import { buildCli, expectUsageError, runCli } from './run-cli';

beforeAll(buildCli, 120000);

const dir = mkdtempSync(join(tmpdir(), 'smk-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** A profile as the settings store it: only what differs from the defaults. */
const PROFILE = {
  name: 'emr',
  realm: 'EC2.INTERNAL',
  kdcs: ['livy-nlb.example.test:88'],
  livyUrl: 'https://livy-nlb.example.test:8998',
  clusterDomain: 'ec2.internal',
  principal: 'user1'
};
const profileFile = file('profile.json', JSON.stringify(PROFILE));
const EXISTING_KRB5 =
  '# site file\n[libdefaults]\n    default_realm = CORP.EXAMPLE\n\n[realms]\n    CORP.EXAMPLE = {\n        kdc = dc1.corp.example\n    }\n';
const EXISTING_SPARKMAGIC = JSON.stringify({
  session_configs: { driverMemory: '2g' },
  kernel_python_credentials: { url: 'http://old:8998', auth: 'None' }
});

describe.each([
  ['render-krb5', renderKrb5ForProfile, EXISTING_KRB5, '[libdefaults\n'],
  [
    'render-sparkmagic',
    renderSparkmagicConfig,
    EXISTING_SPARKMAGIC,
    '{"a": 1,}'
  ]
])('%s', (command, render, existing, unparsable) => {
  it('prints the file for the profile, completed with defaults', () => {
    const r = runCli([command, '--profile', profileFile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(render(sampleProfile(), null));
  });

  it('merges into --existing, keeping what it does not own', () => {
    const r = runCli([
      command,
      '--profile',
      profileFile,
      '--existing',
      file(`${command}.in`, existing)
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(render(sampleProfile(), existing));
    expect(r.stdout).toContain(
      command === 'render-krb5' ? 'CORP.EXAMPLE' : 'driverMemory'
    );
  });

  it('refuses an existing file it cannot parse: exit 1, nothing on stdout', () => {
    const r = runCli([
      command,
      '--profile',
      profileFile,
      '--existing',
      file(`${command}.bad`, unparsable)
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sparkmagic-kerberos: cannot render /);
  });

  it.each([
    [
      'invalid values',
      JSON.stringify({ ...PROFILE, realm: 'bad realm', livyUrl: 'ftp://x' }),
      /realm: .*\n\s+livyUrl: /
    ],
    [
      'unknown fields',
      JSON.stringify({ ...PROFILE, relm: 'X' }),
      /unknown fields: relm/
    ],
    ['no JSON', '{realm: X}', /is not valid JSON/],
    ['no object', '[]', /must be a JSON object/]
  ])('refuses a profile with %s', (_what, text, message) => {
    const r = runCli([command, '--profile', file(`${command}-p.json`, text)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('reports unreadable files and wrong usage', () => {
    const missing = runCli([command, '--profile', join(dir, 'nope.json')]);
    expect([missing.status, missing.stdout]).toEqual([1, '']);
    expect(missing.stderr).toContain("cannot read profile '");
    const noExisting = runCli([
      command,
      '--profile',
      profileFile,
      '--existing',
      join(dir, 'nope')
    ]);
    expect([noExisting.status, noExisting.stdout]).toEqual([1, '']);
    for (const args of [
      [],
      ['--profile'],
      ['--profile', profileFile, '--force']
    ]) {
      expectUsageError(runCli([command, ...args]), command);
    }
  });
});
