import { nullTranslator } from '@jupyterlab/translation';
import { unmount } from './render';
import { answer, apputils, rendered } from './export-dialogs';
import * as React from 'react';
import { base64Decode, utf8Decode } from '../../src/core/terminal/encoding';
import { LifecycleError } from '../../src/core/lifecycle';
import {
  prepareLifecycle,
  wheelOptions
} from '../../src/core/lifecycle/export';
import { LifecycleBody } from '../../src/ui/lifecycle-dialog';
import { exportLifecycle } from '../../src/ui/lifecycle-export';
import { sampleProfile } from '../core/sample-profile';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  InputDialog: { getText: jest.fn(), getItem: jest.fn() },
  showDialog: jest.fn(),
  showErrorMessage: jest.fn()
}));

const trans = nullTranslator.load('x');
const WHEEL = 'jupyterlab_sparkmagic_kerberos-0.1.0-py3-none-any.whl';
const SUM = '0123456789abcdef'.repeat(4);

/** The platform question: the notebook instance unless a test answers it. */
function platform(value: string | null, accept = true) {
  apputils.InputDialog.getItem.mockResolvedValueOnce({
    button: { accept },
    value
  });
}

describe('lifecycle export', () => {
  beforeEach(() =>
    apputils.InputDialog.getItem.mockResolvedValue({
      button: { accept: true },
      value: 'SageMaker notebook instance'
    })
  );
  afterEach(() => jest.resetAllMocks());

  it('tells an S3 URI from a path on the volume', () => {
    expect(wheelOptions(` s3://b/${WHEEL} `, ` ${SUM}\n`)).toEqual({
      wheelS3Uri: `s3://b/${WHEEL}`,
      wheelSha256: SUM
    });
    expect(wheelOptions(`~/SageMaker/${WHEEL}`)).toEqual({
      wheelPath: `~/SageMaker/${WHEEL}`
    });
    expect(wheelOptions('  ')).toEqual({});
  });

  it('shows each script with its base64 form, size and the aws command', async () => {
    const profile = sampleProfile();
    const lifecycle = prepareLifecycle(
      profile,
      `s3://my-bucket/w/${WHEEL}`,
      SUM
    );
    const widget = await rendered(
      <LifecycleBody lifecycle={lifecycle} trans={trans} />
    );
    const sections = widget.node.querySelectorAll('section[data-hook]');
    expect(Array.from(sections).map(s => s.getAttribute('data-hook'))).toEqual([
      'on-start',
      'on-create'
    ]);
    for (const section of Array.from(sections)) {
      const text = section.querySelector(
        'textarea[data-form="text"]'
      ) as HTMLTextAreaElement;
      const b64 = section.querySelector(
        'textarea[data-form="base64"]'
      ) as HTMLTextAreaElement;
      expect(text.readOnly).toBe(true);
      expect(text.getAttribute('aria-label')).toMatch(/script/);
      expect(text.value).toMatch(/^#!\/bin\/bash\n/);
      expect(utf8Decode(base64Decode(b64.value))).toBe(text.value);
      expect(section.textContent).toContain(
        `${b64.value.length} characters in base64 of the 16384`
      );
    }
    const start = sections[0].querySelector('textarea') as HTMLTextAreaElement;
    expect(start.value).toContain(`s3://my-bucket/w/${WHEEL}`);
    expect(start.value).toContain(`[ "$WS" = ${SUM} ]`);
    expect(start.value).toContain(profile.realm);
    const command =
      widget.node.querySelector('.jp-SparkKerberos-lifecycleCommand')
        ?.textContent ?? '';
    expect(command).toMatch(
      /^aws sagemaker create-notebook-instance-lifecycle-config \\\n/
    );
    expect(command).toContain('--on-start Content="$(base64 < ');
    expect(command).toContain('--on-create Content="$(base64 < ');
    await unmount(widget);
  });

  it('shows the renderer’s problems in an error dialog for a bad wheel', async () => {
    answer('s3://my-bucket/not-a-wheel.zip');
    answer(SUM);
    await exportLifecycle(sampleProfile(), trans);
    expect(apputils.showDialog).not.toHaveBeenCalled();
    expect(apputils.showErrorMessage).toHaveBeenCalledTimes(1);
    const [title, error] = apputils.showErrorMessage.mock.calls[0];
    expect(title).toBe('Cannot Export the Lifecycle Configuration');
    expect(error).toBeInstanceOf(LifecycleError);
    expect(error.message).toMatch(/must end in the wheel's own file name/);
  });

  it('shows the scripts for a good wheel path and nothing on cancel', async () => {
    answer(`/home/ec2-user/SageMaker/wheels/${WHEEL}`);
    answer(SUM);
    await exportLifecycle(sampleProfile(), trans);
    expect(apputils.showErrorMessage).not.toHaveBeenCalled();
    expect(apputils.showDialog).toHaveBeenCalledTimes(1);
    answer(null, false);
    await exportLifecycle(sampleProfile(), trans);
    answer(`/home/ec2-user/SageMaker/wheels/${WHEEL}`);
    answer(null, false);
    await exportLifecycle(sampleProfile(), trans);
    expect(apputils.showDialog).toHaveBeenCalledTimes(1);
  });

  it('asks for no digest without a wheel', async () => {
    answer('');
    await exportLifecycle(sampleProfile(), trans);
    expect(apputils.InputDialog.getText).toHaveBeenCalledTimes(1);
    expect(apputils.showDialog).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['missing', '', /SHA-256 is required/],
    ['malformed', SUM.slice(2) + 'zz', /64 hexadecimal digits/]
  ])(
    'refuses to make the scripts when the wheel SHA-256 is %s',
    async (_, digest, message) => {
      answer(`s3://my-bucket/w/${WHEEL}`);
      answer(digest);
      await exportLifecycle(sampleProfile(), trans);
      expect(apputils.showDialog).not.toHaveBeenCalled();
      const [, error] = apputils.showErrorMessage.mock.calls[0];
      expect(error).toBeInstanceOf(LifecycleError);
      expect(error.message).toMatch(message);
    }
  );

  it('makes the Studio script with the commands that create and attach it, and its log stream', async () => {
    platform('SageMaker Studio JupyterLab space');
    answer(`/home/sagemaker-user/wheels/${WHEEL}`);
    answer(SUM);
    await exportLifecycle(sampleProfile(), trans);
    expect(apputils.showErrorMessage).not.toHaveBeenCalled();
    const lifecycle = prepareLifecycle(
      sampleProfile(),
      `/home/sagemaker-user/wheels/${WHEEL}`,
      SUM,
      'studio'
    );
    expect(lifecycle.scripts.map(s => s.hook)).toEqual(['on-start']);
    expect(lifecycle.scripts[0].text).toMatch(/^U=sagemaker-user$/m);
    expect(lifecycle.command).toMatch(
      /^ARN=\$\(aws sagemaker create-studio-lifecycle-config \\\n/
    );
    expect(lifecycle.command).toContain(
      '--studio-lifecycle-config-app-type JupyterLab'
    );
    expect(lifecycle.command).toContain('aws sagemaker update-domain');
    expect(lifecycle.command).toContain('aws sagemaker update-user-profile');
    expect(lifecycle.logGroup).toBe('/aws/sagemaker/studio');
    expect(lifecycle.logStream).toBe(
      '<domain-id>/<space-name>/JupyterLab/default/LifecycleConfigOnStart'
    );
    const widget = await rendered(
      <LifecycleBody lifecycle={lifecycle} trans={trans} />
    );
    expect(widget.node.textContent).toContain(
      'CloudWatch log group /aws/sagemaker/studio'
    );
    await unmount(widget);
  });

  it('stops when the platform question is cancelled', async () => {
    platform(null, false);
    await exportLifecycle(sampleProfile(), trans);
    expect(apputils.InputDialog.getText).not.toHaveBeenCalled();
    expect(apputils.showDialog).not.toHaveBeenCalled();
  });
});
