import { planApply } from '../../src/model/apply';
import { guideStep } from '../../src/model/guide-step';
import { KerberosModel } from '../../src/model/model';
import { resolveTargets } from '../../src/core/environment/targets';
import { sampleProfile } from '../core/sample-profile';
import {
  FakeRunner,
  LoggingKernels,
  MemoryFiles,
  ScriptedTerminals,
  USER_ENV,
  fakeStore,
  stagedProbe
} from './fakes';

function setup(files = new MemoryFiles()) {
  const runner = new FakeRunner(() => ({ stdout: '', exitCode: 1 }));
  const { store, state } = fakeStore([sampleProfile()]);
  const model = new KerberosModel({
    store,
    runner,
    files,
    terminals: new ScriptedTerminals({ output: '', exitCode: 0 }),
    kernels: new LoggingKernels([], []),
    probe: () => stagedProbe(async () => USER_ENV),
    isWritable: async () => false,
    terminalsAvailable: true
  });
  return { model, files, state, store };
}

let current: KerberosModel | null = null;
afterEach(() => {
  current?.dispose();
  current = null;
});

describe('guideStep', () => {
  it('goes profile, apply, sign-in, notebook, done; null while unknown', () => {
    const step = (
      hasProfile: boolean,
      files: any,
      ticket: any,
      sparkSessions = 0
    ) => guideStep({ hasProfile, files, ticket, sparkSessions });
    expect(step(false, 'unknown', 'unknown')).toBe('profile');
    expect(step(true, 'unknown', 'signed-in')).toBeNull();
    expect(step(true, 'pending', 'signed-in')).toBe('apply');
    expect(step(true, 'effective', 'unknown')).toBeNull();
    for (const t of ['no-ticket', 'expired', 'error', 'no-tools']) {
      expect(step(true, 'effective', t)).toBe('sign-in');
    }
    expect(step(true, 'effective', 'signed-in')).toBe('notebook');
    expect(step(true, 'effective', 'expiring')).toBe('notebook');
    expect(step(true, 'effective', 'signed-in', 1)).toBe('done');
    expect(step(true, 'effective', 'expiring', 2)).toBe('done');
    // Sessions listed before the ticket lapsed do not skip signing in again.
    expect(step(true, 'effective', 'expired', 1)).toBe('sign-in');
    expect(step(true, 'pending', 'signed-in', 1)).toBe('apply');
  });
});

describe('KerberosModel files check', () => {
  it('is pending in an empty home, and in effect after apply, without reading again', async () => {
    const { model, files } = setup();
    current = model;
    expect(model.files.status).toBe('unknown');
    const state = await model.checkFiles();
    expect(state.status).toBe('pending');
    expect(state.pending).toEqual([
      '/home/u/.config/sparkmagic-kerberos/krb5.conf',
      '/home/u/.sparkmagic/config.json',
      '/home/u/.local/share/jupyter/kernels/pysparkkernel/kernel.json'
    ]);
    expect(model.files).toBe(state);
    await model.apply(await model.planApply());
    expect(model.files.status).toBe('effective');
    expect(files.writes).toHaveLength(3);
    // The written files compare equal: a later check agrees.
    expect((await model.checkFiles()).status).toBe('effective');
  });

  it('reads files already as Apply writes them (an administrator preset) as in effect', async () => {
    const files = new MemoryFiles();
    const profile = sampleProfile();
    const targets = resolveTargets(profile, USER_ENV, { useSudo: false });
    const plan = await planApply({
      profile,
      targets,
      files,
      environment: USER_ENV,
      isWritable: async () => false
    });
    for (const change of plan.changes) {
      files.files.set(change.path, change.after);
    }
    const { model } = setup(files);
    current = model;
    expect((await model.checkFiles()).status).toBe('effective');
    // One file edited since: pending again, that file named.
    files.files.set(plan.changes[1].path, '{}\n');
    expect(await model.checkFiles()).toMatchObject({
      status: 'pending',
      pending: [plan.changes[1].path]
    });
  });

  it('checks again for the new profile when the settings change during a check', async () => {
    const { model, store } = setup();
    current = model;
    const first = model.checkFiles();
    await store.save(null, sampleProfile({ name: 'other' }));
    await store.setActive('other');
    await first;
    // No further call: the check asked for during the first one runs by itself.
    for (let i = 0; i < 100 && model.files.status === 'unknown'; i++) {
      await new Promise(resolve => setTimeout(resolve, 0));
    }
    expect(model.files.profile).toBe('other');
    expect(model.files.status).toBe('pending');
  });
});
