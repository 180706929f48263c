import { Kernel } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { leftRestarting } from '../../src/lab/kernels';

class Connection {
  status: Kernel.Status = 'restarting';
  readonly statusChanged = new Signal<this, Kernel.Status>(this);
  set(status: Kernel.Status): void {
    this.status = status;
    this.statusChanged.emit(status);
  }
}

describe('leftRestarting', () => {
  it('resolves true as soon as the restarted kernel reports a status', async () => {
    const kernel = new Connection();
    const settled = leftRestarting(kernel, 60000);
    kernel.set('starting');
    await expect(settled).resolves.toBe(true);
    await expect(leftRestarting(kernel, 1)).resolves.toBe(true);
  });

  it('resolves false when the connection stays restarting, and lets go', async () => {
    const kernel = new Connection();
    await expect(leftRestarting(kernel, 20)).resolves.toBe(false);
    kernel.set('idle');
  });
});
