/**
 * The environment probe as the model runs it: once per page, the ticket
 * before the kernelspecs, never two at once, again only when what it
 * reports may have changed; an action clicked before it answered waits
 * and says so.
 */
import type { IEnvironment } from '../../src/core/environment/targets';
import { KerberosModel } from '../../src/model/model';
import type { IStagedProbe } from '../../src/model/environment';
import { sampleProfile } from '../core/sample-profile';
import {
  FakeRunner,
  LoggingKernels,
  MemoryFiles,
  ScriptedTerminals,
  USER_ENV,
  fakeStore,
  recorded
} from './fakes';
import { KRB5_USER, NOW } from './model-setup';

/** A probe whose halves answer when the test says so; `log` orders them among the commands. */
class ControlledProbe {
  runs = 0;
  log: string[];
  shell: (() => void)[] = [];
  python: (() => void)[] = [];
  constructor(log: string[]) {
    this.log = log;
  }
  start(): IStagedProbe {
    this.runs++;
    const run = this.runs;
    this.log.push(`shell ${run}`);
    const basic = new Promise<IEnvironment>(resolve =>
      this.shell.push(() => resolve({ ...USER_ENV, sparkmagicSpecs: [] }))
    );
    return {
      basic,
      complete: () => {
        this.log.push(`python ${run}`);
        return new Promise<IEnvironment>(resolve =>
          this.python.push(() => resolve(USER_ENV))
        );
      }
    };
  }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 0));

let model: KerberosModel | null = null;
afterEach(() => {
  model?.dispose();
  model = null;
});

function setup() {
  const log: string[] = [];
  const probe = new ControlledProbe(log);
  const runner = new FakeRunner(command => {
    log.push(command.includes('klist') ? 'klist' : 'command');
    return { stdout: recorded('mit-klist-f-svc'), exitCode: 0 };
  });
  const files = new MemoryFiles();
  files.files.set(KRB5_USER, '[libdefaults]\n');
  const { store } = fakeStore([sampleProfile()]);
  model = new KerberosModel({
    store,
    runner,
    files,
    terminals: new ScriptedTerminals({ output: '', exitCode: 0 }),
    kernels: new LoggingKernels([], []),
    probe: () => probe.start(),
    isWritable: async () => false,
    terminalsAvailable: true,
    now: () => NOW
  });
  return { model, probe, log };
}

describe('the environment probe in the model', () => {
  it('runs once for the ticket and the files, klist before the kernelspecs', async () => {
    const { model, probe, log } = setup();
    const ticket = model.refresh();
    const files = model.checkFiles();
    await settle();
    expect(log).toEqual(['shell 1']);
    probe.shell[0]();
    await ticket;
    expect(model.state()).toBe('signed-in');
    expect(model.files.status).toBe('unknown');
    await settle();
    expect(log).toEqual(['shell 1', 'klist', 'python 1']);
    probe.python[0]();
    expect((await files).status).toBe('pending');
    // Later checks reuse the answer.
    await model.refresh();
    await model.checkFiles();
    await model.planApply();
    expect(probe.runs).toBe(1);
    expect(probe.python).toHaveLength(1);
  });

  it('makes an Apply preview clicked before the probe answered wait, and says so', async () => {
    const { model, probe } = setup();
    void model.refresh();
    const plan = model.planApply();
    await settle();
    expect(model.waiting).toBe('preview');
    probe.shell[0]();
    await settle();
    expect(model.waiting).toBe('preview');
    probe.python[0]();
    expect((await plan).changes.length).toBeGreaterThan(0);
    expect(model.waiting).toBeNull();
    // Once known, nothing waits.
    const again = model.planApply();
    expect(model.waiting).toBeNull();
    await again;
  });

  it('signs in with the shell half alone', async () => {
    const { model, probe } = setup();
    void model.checkFiles();
    const signIn = model.signIn();
    await settle();
    expect(model.waiting).toBe('sign-in');
    probe.shell[0]();
    await signIn;
    expect(model.waiting).toBeNull();
    expect(probe.python).toHaveLength(1);
  });

  it('probes again after an apply, a kernelspec change or an explicit refresh, one at a time', async () => {
    const { model, probe } = setup();
    const answer = async (run: number) => {
      await settle();
      probe.shell[run - 1]?.();
      await settle();
      probe.python[run - 1]?.();
    };
    const first = model.planApply();
    await answer(1);
    const plan = await first;
    const applied = model.apply(plan);
    await answer(2);
    await applied;
    // The klist after the apply starts the new probe; its Python half waits for a need.
    expect(probe.runs).toBe(2);
    expect(probe.python).toHaveLength(1);
    const afterApply = model.checkFiles();
    await answer(2);
    await afterApply;
    expect(probe.python).toHaveLength(2);

    model.kernelspecsChanged();
    // A second change while that probe runs waits for it, then probes once more.
    await settle();
    expect(probe.runs).toBe(3);
    model.kernelspecsChanged();
    const preview = model.planApply();
    await settle();
    expect(probe.runs).toBe(3);
    await answer(3);
    await answer(4);
    await preview;
    expect(probe.runs).toBe(4);

    const refreshed = model.refreshAll();
    await answer(5);
    await refreshed;
    expect(probe.runs).toBe(5);
  });

  it('starts a new probe after one failed', async () => {
    const log: string[] = [];
    let fail = true;
    const { store } = fakeStore([sampleProfile()]);
    model = new KerberosModel({
      store,
      runner: new FakeRunner(() => ({ stdout: '', exitCode: 1 })),
      files: new MemoryFiles(),
      terminals: new ScriptedTerminals({ output: '', exitCode: 0 }),
      kernels: new LoggingKernels([], []),
      probe: () => {
        log.push('probe');
        const basic = fail
          ? Promise.reject(new Error('The hidden terminal did not start.'))
          : Promise.resolve(USER_ENV);
        return { basic, complete: () => basic };
      },
      isWritable: async () => false,
      terminalsAvailable: true,
      now: () => NOW
    });
    expect((await model.refresh()).kind).toBe('error');
    fail = false;
    expect((await model.refresh()).kind).toBe('no-ticket');
    expect(log).toEqual(['probe', 'probe']);
  });
});
