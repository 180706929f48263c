// When a kernel has finished a cell or gone away, read from a real Jupyter
// server's kernel models through JupyterLab's own KernelManager.
import { Kernel, KernelManager } from '@jupyterlab/services';

import { KernelActivity } from '../../src/lab/kernel-activity';
import { settings, useServer } from './server';

useServer();

let manager: KernelManager;
beforeAll(() => {
  manager = new KernelManager({ serverSettings: settings(), standby: 'never' });
});
afterAll(() => manager.dispose());

/** The server's kernels are idle; the manager has read them once more. */
async function idle(kernels: Kernel.IKernelConnection[]): Promise<void> {
  const end = Date.now() + 60000;
  for (;;) {
    await manager.refreshRunning();
    const models = Array.from(manager.running());
    const ids = new Set(kernels.map(k => k.id));
    const mine = models.filter(m => ids.has(m.id));
    if (
      mine.length === ids.size &&
      mine.every(m => m.execution_state === 'idle')
    ) {
      return;
    }
    if (Date.now() > end) {
      throw new Error(`kernels not idle: ${JSON.stringify(mine)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

it('settles once per finished cell of a watched kernel and when it goes, not for others', async () => {
  // 'ipython' is the fixture server's own kernelspec; 'python3' stands for any other.
  const watched = await manager.startNew({ name: 'ipython' });
  const other = await manager.startNew({ name: 'python3' });
  await Promise.all([watched.info, other.info]);
  await idle([watched, other]);

  const activity = new KernelActivity({
    manager,
    watched: name => name === 'ipython'
  });
  let settled = 0;
  activity.settled.connect(() => void settled++);

  await other.requestExecute({ code: 'x = 1' }).done;
  await idle([watched, other]);
  expect(settled).toBe(0);

  await watched.requestExecute({ code: 'import time; time.sleep(0.2)' }).done;
  await idle([watched, other]);
  expect(settled).toBe(1);
  // Nothing ran since: more reads of the same models settle nothing.
  await idle([watched, other]);
  await idle([watched, other]);
  expect(settled).toBe(1);

  await manager.shutdown(watched.id);
  await idle([other]);
  expect(settled).toBe(2);

  activity.dispose();
  await other.requestExecute({ code: 'x = 2' }).done;
  await manager.shutdown(other.id);
  await manager.refreshRunning();
  expect(settled).toBe(2);
});
