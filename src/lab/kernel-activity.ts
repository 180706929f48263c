/**
 * When a Sparkmagic kernel has finished some work or gone away: the moments
 * its Livy session may have been created, used or deleted. Read from the
 * kernel manager's own poll of the server's kernel models (execution state
 * and last activity), so it costs no request of its own.
 */
import type { Kernel } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { isSparkmagicKernel } from './kernels';

export class KernelActivity implements IDisposable {
  constructor(options: KernelActivity.IOptions) {
    this._manager = options.manager;
    this._watched = options.watched ?? isSparkmagicKernel;
    this._manager.runningChanged.connect(this._onRunning, this);
    this._onRunning(this._manager, Array.from(this._manager.running()));
  }

  /** Emitted once per poll in which a watched kernel settled or left. */
  get settled(): ISignal<this, void> {
    return this._settled;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._manager.runningChanged.disconnect(this._onRunning, this);
    Signal.clearData(this);
  }

  private _onRunning(_: Kernel.IManager, models: Kernel.IModel[]): void {
    const seen = new Map<string, string>();
    let settled = false;
    for (const model of models) {
      if (!this._watched(model.name)) {
        continue;
      }
      const before = this._idleAt.get(model.id);
      if (model.execution_state !== 'idle') {
        // Still working (or starting): a kernel first met busy has work to finish.
        seen.set(model.id, before ?? '');
        continue;
      }
      const at = model.last_activity ?? '';
      // A kernel first met idle has done nothing since it was noticed.
      settled ||= before !== undefined && before !== at;
      seen.set(model.id, at);
    }
    for (const id of this._idleAt.keys()) {
      settled ||= !seen.has(id);
    }
    this._idleAt = seen;
    if (settled) {
      this._settled.emit();
    }
  }

  private _manager: Kernel.IManager;
  private _watched: (name: string) => boolean;
  /** Per watched kernel: its last activity when last seen idle. */
  private _idleAt = new Map<string, string>();
  private _isDisposed = false;
  private _settled = new Signal<this, void>(this);
}

export namespace KernelActivity {
  export interface IOptions {
    manager: Kernel.IManager;
    /** Which kernelspecs to watch; Sparkmagic's by default. */
    watched?: (name: string) => boolean;
  }
}
