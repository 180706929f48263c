import { copyFileSync, mkdtempSync, rmSync } from 'fs';
import { execFileSync } from 'child_process';
import { tmpdir } from 'os';
import { join } from 'path';
import { toEnvironment } from '../../src/core/environment/from-probe';
import { parseProbe } from '../../src/core/environment/probe';
import { shellProbeScript } from '../../src/core/environment/probe-script';
import { studioNotes } from '../../src/core/environment/studio';

/** The probe in a real sh with a space's variables and a second MIT kinit first on PATH. */
describe('the probe in a SageMaker Studio space', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-studio-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const tool of ['kinit', 'klist']) {
    const found = execFileSync('sh', ['-c', `command -v ${tool}`], {
      encoding: 'utf8'
    }).trim();
    copyFileSync(found, join(dir, tool));
  }
  const run = (space: Record<string, string>) =>
    parseProbe(
      execFileSync('/bin/sh', ['-c', shellProbeScript({ useSudo: false })], {
        encoding: 'utf8',
        env: {
          PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
          HOME: '/home/sagemaker-user',
          KRB5CCNAME: 'FILE:/tmp/krb5cc_1000',
          AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/canary',
          ...space
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60000
      })
    );

  it('recognises the space and names the kinit and klist first on PATH', () => {
    const probe = run({
      SAGEMAKER_APP_TYPE: 'JupyterLab',
      SAGEMAKER_SPACE_NAME: 'analytics',
      SAGEMAKER_SPACE_TYPE_LOWERCASE: 'private'
    });
    expect(probe.serverEnv.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).toBe(
      undefined
    );
    const studio = toEnvironment(probe).studio;
    expect(studio).toMatchObject({
      space: 'analytics',
      shared: false,
      kinit: join(dir, 'kinit'),
      klist: join(dir, 'klist'),
      cache: 'FILE:/tmp/krb5cc_1000'
    });
    const notes = studioNotes(studio!);
    expect(notes[0]).toBe(
      `SageMaker Studio space “analytics”: terminals and kernels run ${dir}/kinit and ${dir}/klist.`
    );
    expect(notes[1]).toBe(
      'Both use one credential cache, FILE:/tmp/krb5cc_1000.'
    );
    expect(notes).toHaveLength(2);
  });

  it('says that one ticket serves everyone in a shared space', () => {
    const probe = run({
      SAGEMAKER_APP_TYPE: 'JupyterLab',
      SAGEMAKER_SPACE_NAME: 'team',
      SAGEMAKER_SPACE_TYPE_LOWERCASE: 'shared'
    });
    const notes = studioNotes(toEnvironment(probe).studio!);
    expect(notes[notes.length - 1]).toMatch(
      /shared space: .*one sign-in’s ticket serves everyone’s kernels/
    );
  });

  it('is not a space without the variables', () => {
    expect(toEnvironment(run({})).studio).toBeNull();
  });

  it('writes /etc/krb5.conf with sudo in a space: the file is the user’s, /etc is not', () => {
    const probe = run({ SAGEMAKER_SPACE_NAME: 'analytics' });
    probe.etcKrb5Conf = { exists: true, writable: true };
    probe.uid = 1000;
    expect(toEnvironment(probe).systemKrb5Writable).toBe(false);
    probe.uid = 0;
    expect(toEnvironment(probe).systemKrb5Writable).toBe(true);
  });

  it('says when the kernels read another credential cache', () => {
    const notes = studioNotes({
      space: 's',
      shared: false,
      kinit: '/opt/conda/bin/kinit',
      klist: '/opt/conda/bin/klist',
      kernelKlist: '/usr/bin/klist',
      cache: 'KEYRING:persistent:1000',
      kernelCache: 'FILE:/tmp/krb5cc_1000'
    });
    expect(notes[0]).toMatch(
      /a Sparkmagic kernel's PATH finds \/usr\/bin\/klist/
    );
    expect(notes[1]).toMatch(
      /Sign-in writes KEYRING:persistent:1000, but Sparkmagic kernels read FILE:\/tmp\/krb5cc_1000/
    );
  });
});
