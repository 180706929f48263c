/**
 * Running Sparkmagic kernels. Sparkmagic reads its config once per kernel
 * process and deletes its Livy session when the kernel shuts down
 * gracefully, so switching user shuts them down first (the old credentials
 * delete the old sessions) and a config change asks for a restart.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import { Kernel, KernelAPI, ServiceManager } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';
import { SPARKMAGIC_KERNELSPECS } from '../core/profile';

/** How long a restarted kernel may stay 'restarting' before its socket is renewed. */
const RESTART_SETTLE_MS = 15000;

/** True once the kernel's status is no longer 'restarting', false after `ms`. */
export function leftRestarting(
  kernel: {
    readonly status: Kernel.Status;
    readonly statusChanged: ISignal<unknown, Kernel.Status>;
  },
  ms: number
): Promise<boolean> {
  if (kernel.status !== 'restarting') {
    return Promise.resolve(true);
  }
  return new Promise(resolve => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      kernel.statusChanged.disconnect(onStatus);
      resolve(ok);
    };
    const onStatus = (_: unknown, status: Kernel.Status) => {
      if (status !== 'restarting') {
        done(true);
      }
    };
    const timer = setTimeout(() => done(false), ms);
    kernel.statusChanged.connect(onStatus);
  });
}

const SPARKMAGIC_NAMES = new Set(Object.values(SPARKMAGIC_KERNELSPECS));

export function isSparkmagicKernel(name: string): boolean {
  return SPARKMAGIC_NAMES.has(name);
}

export interface IRunningKernel {
  id: string;
  /** Kernelspec name. */
  name: string;
  /** Document the kernel belongs to ('' for a kernel without a session). */
  path: string;
}

export interface IKernelControl {
  /** Running Sparkmagic kernels. */
  running(): Promise<IRunningKernel[]>;
  /** Graceful shutdown (Sparkmagic deletes its Livy sessions). */
  shutdown(kernels: IRunningKernel[]): Promise<void>;
  /** Starts kernels of the same names again for the same documents. */
  start(kernels: IRunningKernel[]): Promise<void>;
  restart(kernels: IRunningKernel[]): Promise<void>;
}

/** Kernel control through the service manager and the open documents. */
export class SparkmagicKernels implements IKernelControl {
  constructor(options: SparkmagicKernels.IOptions) {
    this._manager = options.manager;
    this._widgets = options.widgets;
  }

  async running(): Promise<IRunningKernel[]> {
    await Promise.all([
      this._manager.sessions.refreshRunning(),
      this._manager.kernels.refreshRunning()
    ]);
    const found = new Map<string, IRunningKernel>();
    for (const s of this._manager.sessions.running()) {
      if (s.kernel && isSparkmagicKernel(s.kernel.name)) {
        found.set(s.kernel.id, {
          id: s.kernel.id,
          name: s.kernel.name,
          path: s.path
        });
      }
    }
    for (const k of this._manager.kernels.running()) {
      if (isSparkmagicKernel(k.name) && !found.has(k.id)) {
        found.set(k.id, { id: k.id, name: k.name, path: '' });
      }
    }
    return [...found.values()];
  }

  async shutdown(kernels: IRunningKernel[]): Promise<void> {
    await Promise.all(
      kernels.map(k => {
        const context = this._contextOf(k);
        // Through the document's own context, so it shows "no kernel" cleanly.
        return context
          ? context.shutdown()
          : this._manager.kernels.shutdown(k.id);
      })
    );
  }

  async start(kernels: IRunningKernel[]): Promise<void> {
    await Promise.all(
      kernels
        .filter(k => k.path)
        .map(async k => {
          const context = this._contexts().find(c => c.path === k.path);
          if (context) {
            await context.changeKernel({ name: k.name });
          } else {
            const name = k.path.split('/').pop() ?? k.path;
            await this._manager.sessions.startNew({
              path: k.path,
              name,
              type: 'notebook',
              kernel: { name: k.name }
            });
          }
        })
    );
  }

  async restart(kernels: IRunningKernel[]): Promise<void> {
    await Promise.all(
      kernels.map(async k => {
        const context = this._contextOf(k);
        if (!context) {
          return KernelAPI.restartKernel(k.id, this._manager.serverSettings);
        }
        await context.restartKernel();
        const kernel = context.session?.kernel;
        // A slow kernel can publish its first status before the socket
        // listens again; the connection then stays 'restarting' and holds
        // every message. A fresh socket makes the server ask the kernel again.
        if (kernel && !(await leftRestarting(kernel, RESTART_SETTLE_MS))) {
          await kernel.reconnect();
        }
      })
    );
  }

  private _contexts(): ISessionContext[] {
    const contexts: ISessionContext[] = [];
    for (const widget of this._widgets()) {
      const context = (widget as Widget & { sessionContext?: ISessionContext })
        .sessionContext;
      if (context && typeof context.changeKernel === 'function') {
        contexts.push(context);
      }
    }
    return contexts;
  }

  private _contextOf(kernel: IRunningKernel): ISessionContext | undefined {
    return this._contexts().find(c => c.session?.kernel?.id === kernel.id);
  }

  private _manager: ServiceManager.IManager;
  private _widgets: () => Iterable<Widget>;
}

export namespace SparkmagicKernels {
  export interface IOptions {
    manager: ServiceManager.IManager;
    /** The main-area widgets (notebooks and consoles carry a sessionContext). */
    widgets: () => Iterable<Widget>;
  }
}
