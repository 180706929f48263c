import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { EmrStepError } from '../../src/core/emr-step';
import { prepareEmrStep, usersFromText } from '../../src/core/emr-step/export';
import { EmrStepBody } from '../../src/ui/emr-step-dialog';
import { exportEmrStep } from '../../src/ui/emr-step-export';
import { sampleProfile } from '../core/sample-profile';
import { unmount } from './render';
import { answer, apputils, rendered } from './export-dialogs';

jest.mock('@jupyterlab/apputils', () => ({
  ...jest.requireActual('@jupyterlab/apputils'),
  InputDialog: { getText: jest.fn() },
  showDialog: jest.fn(),
  showErrorMessage: jest.fn()
}));

const trans = nullTranslator.load('x');

describe('EMR step export', () => {
  afterEach(() => jest.clearAllMocks());

  it('reads users separated by commas or spaces', () => {
    expect(usersFromText(' alice, bob  carol,,')).toEqual([
      'alice',
      'bob',
      'carol'
    ]);
    expect(usersFromText('  ')).toEqual([]);
  });

  it('shows the script, which restarts Livy, and the aws commands', async () => {
    const step = prepareEmrStep(sampleProfile({ name: 'emr prod' }), 'alice');
    expect(step.file).toBe('emr-step-emr-prod.sh');
    const widget = await rendered(<EmrStepBody step={step} trans={trans} />);
    const text = widget.node.querySelector('textarea') as HTMLTextAreaElement;
    expect(text.readOnly).toBe(true);
    expect(text.value).toMatch(/^#!\/bin\/bash\n/);
    expect(text.value).toContain('\nUSERS=alice\nRESTART=1\n');
    const command =
      widget.node.querySelector('.jp-SparkKerberos-lifecycleCommand')
        ?.textContent ?? '';
    expect(command).toMatch(
      /^aws s3 cp emr-step-emr-prod\.sh s3:\/\/<bucket>\//
    );
    expect(command).toContain('Jar=command-runner.jar');
    expect(command).toContain('sudo bash /tmp/emr-step-emr-prod.sh');
    await unmount(widget);
  });

  it('shows why it cannot make the step, and nothing on cancel', async () => {
    answer('alice, $(id)');
    await exportEmrStep(sampleProfile(), trans);
    expect(apputils.showDialog).not.toHaveBeenCalled();
    const [title, error] = apputils.showErrorMessage.mock.calls[0];
    expect(title).toBe('Cannot Export the Cluster Step');
    expect(error).toBeInstanceOf(EmrStepError);
    expect(error.message).toMatch(/'\$\(id\)' is not a cluster user name/);
    answer(null, false);
    await exportEmrStep(sampleProfile(), trans);
    answer('');
    await exportEmrStep(sampleProfile(), trans);
    expect(apputils.showDialog).toHaveBeenCalledTimes(1);
    expect(apputils.showErrorMessage).toHaveBeenCalledTimes(1);
  });
});
