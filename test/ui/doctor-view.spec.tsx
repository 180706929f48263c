import { nullTranslator } from '@jupyterlab/translation';
import { mount, settle, unmount } from './render';
import { DoctorModel } from '../../src/model/doctor';
import { DoctorView } from '../../src/ui/doctor-view';
import { doctorFixture } from '../core/doctor-fixtures';
import { FakeRunner } from '../model/fakes';

describe('DoctorView', () => {
  it('shows each check with its status, code, detail and fix', async () => {
    const f = doctorFixture('rdns-trap-livy');
    const model = new DoctorModel({
      runner: new FakeRunner(() => ({ stdout: f.output, exitCode: 0 }))
    });
    const onRun = jest.fn();
    const onVerify = jest.fn();
    const onExportStep = jest.fn();
    const view = new DoctorView({
      model,
      trans: nullTranslator.load('x'),
      onRun,
      onVerify,
      onExportStep
    });
    const node = (await mount(view)).node;
    const results = await settle(() => model.run(f.profile));
    const rows = node.querySelectorAll('.jp-SparkKerberos-doctorRow');
    expect(rows).toHaveLength(results.length);
    const spn = node.querySelector('[data-id="krb.spn"]') as HTMLElement;
    expect(spn.classList).toContain('jp-mod-fail');
    expect(spn.querySelector('.jp-SparkKerberos-doctorCode')?.textContent).toBe(
      'UNKNOWN_SERVICE'
    );
    expect(
      spn.querySelector('.jp-SparkKerberos-doctorFix')?.textContent
    ).toMatch(/rdns = false/);
    // The cluster step is offered beside the causes it repairs, and only there.
    const offers = node.querySelectorAll('.jp-SparkKerberos-doctorStep');
    expect(offers.length).toBeGreaterThan(0);
    for (const offer of Array.from(offers)) {
      const code = offer
        .closest('.jp-SparkKerberos-doctorRow')
        ?.querySelector('.jp-SparkKerberos-doctorCode')?.textContent;
      expect([
        'UNKNOWN_SERVICE',
        'KVNO_MISMATCH',
        'IMPERSONATION_DENIED',
        'HDFS_HOME_MISSING'
      ]).toContain(code);
    }
    (spn.querySelector('.jp-SparkKerberos-doctorStep') as HTMLElement).click();
    expect(onExportStep).toHaveBeenCalledTimes(1);
    const summary =
      node.querySelector('.jp-SparkKerberos-doctorSummary')?.textContent ?? '';
    expect(summary).toMatch(/\d+ failed, \d+ warnings, \d+ passed/);
    const [run, verify] = Array.from(node.querySelectorAll('button'));
    await settle(() => {
      run.click();
      verify.click();
    });
    expect(onRun).toHaveBeenCalledTimes(1);
    expect(onVerify).toHaveBeenCalledTimes(1);
    await unmount(view);
    model.dispose();
  });

  it('disables the buttons and shows progress while running', async () => {
    let release: () => void = () => undefined;
    const f = doctorFixture('healthy');
    const model = new DoctorModel({
      runner: new FakeRunner(
        () =>
          new Promise(
            resolve =>
              (release = () => resolve({ stdout: f.output, exitCode: 0 }))
          )
      )
    });
    const view = new DoctorView({
      model,
      trans: nullTranslator.load('x'),
      onRun: jest.fn(),
      onVerify: jest.fn()
    });
    const node = (await mount(view)).node;
    const running = await settle(() => {
      const run = model.run(f.profile);
      return { done: run };
    });
    const buttons = Array.from(node.querySelectorAll('button'));
    expect(buttons.every(b => b.disabled)).toBe(true);
    expect(
      node.querySelector('.jp-SparkKerberos-doctorSummary')?.textContent
    ).toBe('Running the checks…');
    await settle(() => {
      release();
      return running.done;
    });
    expect(
      node.querySelectorAll('.jp-SparkKerberos-doctorRow.jp-mod-fail')
    ).toHaveLength(0);
    await unmount(view);
    model.dispose();
  });
});
