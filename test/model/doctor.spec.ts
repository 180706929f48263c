import {
  ChannelClosedError,
  CommandTimeoutError,
  TerminalsUnavailableError
} from '../../src/exec/errors';
import { DoctorModel } from '../../src/model/doctor';
import { doctorFixture } from '../core/doctor-fixtures';
import { FakeRunner } from './fakes';

describe('DoctorModel', () => {
  it('runs the rendered script through the runner and keeps the report', async () => {
    const f = doctorFixture('kdc-hung');
    const runner = new FakeRunner(() => ({ stdout: f.output, exitCode: 0 }));
    let t = 1000;
    const model = new DoctorModel({ runner, now: () => (t += 2500) });
    const phases: string[] = [];
    model.changed.connect(() => phases.push(model.phase));
    const results = await model.run(f.profile);
    expect(runner.commands).toHaveLength(1);
    expect(runner.commands[0]).toContain('@@SMKDOC DONE');
    expect(results.find(r => r.id === 'krb.signin')?.code).toBe(
      'KDC_UNREACHABLE'
    );
    expect(model.results).toBe(results);
    expect(model.profileName).toBe(f.profile.name);
    expect(model.elapsedMs).toBe(2500);
    expect(phases).toEqual(['doctor', 'idle']);
  });

  it.each([
    [new TerminalsUnavailableError(), 'Jupyter terminals are disabled'],
    [new CommandTimeoutError('sh', 30000), 'The doctor did not finish'],
    [new ChannelClosedError(), 'The connection to the server was lost'],
    [new Error('boom'), 'The doctor could not run']
  ])(
    'turns a channel failure (%s) into one report line',
    async (error, title) => {
      const runner = new FakeRunner(() => Promise.reject(error));
      const model = new DoctorModel({ runner });
      const results = await model.run(doctorFixture('healthy').profile);
      expect(results).toEqual([
        expect.objectContaining({
          id: 'doctor.channel',
          status: 'fail',
          code: 'UNKNOWN',
          title
        })
      ]);
      expect(model.phase).toBe('idle');
    }
  );

  it('refuses a second run while one is going', async () => {
    const f = doctorFixture('healthy');
    let release: () => void = () => undefined;
    const runner = new FakeRunner(
      () =>
        new Promise(resolve => {
          release = () => resolve({ stdout: f.output, exitCode: 0 });
        })
    );
    const model = new DoctorModel({ runner });
    const first = model.run(f.profile);
    await expect(model.run(f.profile)).rejects.toThrow(/already running/);
    await expect(model.verify(f.profile)).rejects.toThrow(/already running/);
    release();
    expect((await first).some(r => r.id === 'livy.auth')).toBe(true);
  });

  it('reports a channel failure during Verify Spark as such', async () => {
    const runner = new FakeRunner(() =>
      Promise.reject(new TerminalsUnavailableError())
    );
    const model = new DoctorModel({ runner });
    const progress: string[] = [];
    model.changed.connect(() => progress.push(model.progress));
    const result = await model.verify(doctorFixture('healthy').profile);
    expect(result).toMatchObject({
      id: 'doctor.channel',
      title: 'Jupyter terminals are disabled'
    });
    expect(model.verifyResult).toBe(result);
    expect(progress[0]).toBe('Starting…');
    expect(model.phase).toBe('idle');
  });
});
