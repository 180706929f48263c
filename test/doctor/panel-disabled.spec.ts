/**
 * The panel's path with terminals switched off on the server: the runner's
 * typed error becomes a doctor result (never a hang), and the report says
 * how to enable terminals or run the same checks from a shell.
 */
import { withDefaults } from '../../src/core/profile';
import { TerminalRunner } from '../../src/exec/runner';
import { DoctorModel } from '../../src/model/doctor';
import { newManager, useServer } from '../exec/server';
import { loadStack } from './harness';

useServer({
  server: { configData: { ServerApp: { terminals_enabled: false } } }
});

it('terminals disabled: one failing result naming the cause and both fixes', async () => {
  const manager = newManager();
  const runner = new TerminalRunner({ terminals: manager });
  const model = new DoctorModel({ runner });
  const profile = withDefaults(loadStack().profile);
  const started = Date.now();
  const results = await model.run(profile);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({
    id: 'doctor.channel',
    status: 'fail',
    code: 'UNKNOWN',
    title: 'Jupyter terminals are disabled'
  });
  expect(results[0].detail).toMatch(/HTTP 404/);
  expect(results[0].fix).toContain('ServerApp.terminals_enabled = True');
  expect(results[0].fix).toContain('sparkmagic-kerberos doctor --profile FILE');
  expect(model.phase).toBe('idle');
  const verify = await model.verify(profile);
  expect(verify).toMatchObject({
    id: 'doctor.channel',
    title: 'Jupyter terminals are disabled'
  });
  model.dispose();
  runner.dispose();
  manager.dispose();
});
