/**
 * The panel's path on a real Jupyter server: the doctor script goes through
 * the hidden terminal runner, finds the server as its ancestor, and judges
 * what that server's kernels would read — its environment and the Sparkmagic
 * kernelspec it really uses (here the virtualenv's, without an env block, so
 * the system /etc/krb5.conf; a user-level copy is shadowed and said so) —
 * never the hidden shell's own variables.
 */
import { withDefaults } from '../../src/core/profile';
import { TerminalRunner } from '../../src/exec/runner';
import { DoctorModel } from '../../src/model/doctor';
import { listTerminals, newManager, useServer } from '../exec/server';
import { loadStack } from './harness';

useServer({
  // A user-level copy of the kernelspec with an env block (as a user-level
  // apply writes it): the virtualenv's own pysparkkernel shadows it.
  server: {
    additionalKernelSpecs: {
      pysparkkernel: {
        argv: [
          'python',
          '-m',
          'sparkmagic.kernels.pysparkkernel.pysparkkernel',
          '-f',
          '{connection_file}'
        ],
        display_name: 'PySpark',
        language: 'python',
        env: { KRB5_CONFIG: '/nonexistent/user-level/krb5.conf' }
      }
    }
  }
});

it('reports what the server’s kernels read, not the hidden shell’s settings', async () => {
  const manager = newManager();
  const runner = new TerminalRunner({
    terminals: manager,
    timeoutMs: 30000,
    env: {
      KRB5_CONFIG: '/nonexistent/krb5.conf',
      SPARKMAGIC_CONF_DIR: '/nonexistent'
    }
  });
  const model = new DoctorModel({ runner });
  const results = await model.run(withDefaults(loadStack().profile));
  const byId = Object.fromEntries(results.map(r => [r.id, r]));
  expect(Object.keys(byId)).toContain('livy.auth');
  expect(byId['config.krb5'].detail).toMatch(/^\/etc\/krb5\.conf/);
  expect(byId['config.sparkmagic'].detail).not.toContain('/nonexistent');
  expect(byId['tools.sparkmagic'].detail).toMatch(
    /pysparkkernel[^;]*; sparkmagic \d/
  );
  expect(
    byId['krb.ticket'].detail + byId['config.ccache'].detail
  ).not.toContain('/nonexistent');
  expect(results.every(r => r.status === 'pass' || r.fix !== '')).toBe(true);
  expect(model.elapsedMs).toBeLessThan(15000);
  await runner.shutdown();
  manager.dispose();
  expect(await listTerminals()).toEqual([]);
});
