/**
 * Watches the open notebooks of Sparkmagic kernels: each time a kernel turns
 * idle, the cells whose outputs changed since it last did are the ones that
 * ran, and their outputs (the notebook's own, through the document model)
 * are handed over for explaining. No request of its own.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { IDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';
import type { ICellOutput } from '../core/explain/cell-failure';
import { isSparkmagicKernel } from './kernels';

/** The parts of a NotebookPanel read here. */
interface INotebookLike {
  readonly isDisposed: boolean;
  readonly disposed: ISignal<unknown, unknown>;
  readonly context?: { readonly path: string };
  readonly sessionContext?: {
    readonly session: {
      readonly kernel: { readonly name: string } | null;
    } | null;
    readonly statusChanged: ISignal<unknown, string>;
    restartKernel(): Promise<void>;
  };
  readonly content?: {
    readonly model: {
      readonly cells: { readonly length: number; get(i: number): ICellLike };
    } | null;
  };
}

interface ICellLike {
  readonly id: string;
  readonly outputs?: { toJSON(): ICellOutput[] };
}

export interface IRanCells {
  notebook: string;
  /** Outputs of each cell that ran since the kernel was last idle. */
  outputs: ICellOutput[][];
  restart: () => Promise<void>;
}

function isNotebook(w: unknown): w is INotebookLike {
  const n = w as INotebookLike;
  return !!n?.sessionContext?.statusChanged && !!n.content && !!n.context;
}

/** JupyterLab's shell signals a change of its layout (a notebook opened). */
type Shell = JupyterFrontEnd.IShell & {
  readonly layoutModified?: ISignal<unknown, void>;
};

export class CellWatch implements IDisposable {
  constructor(
    private _shell: Shell,
    private _onRan: (ran: IRanCells) => void
  ) {
    _shell.layoutModified?.connect(this._scan, this);
    this._scan();
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  dispose(): void {
    this._disposed = true;
    this._shell.layoutModified?.disconnect(this._scan, this);
  }

  private _scan(): void {
    for (const widget of this._shell.widgets('main')) {
      const notebook: unknown = widget;
      if (!isNotebook(notebook) || this._seen.has(notebook)) {
        continue;
      }
      this._seen.add(notebook);
      notebook.sessionContext!.statusChanged.connect((_, status) => {
        if (!this._disposed && status === 'idle') {
          this._idle(notebook);
        }
      });
      notebook.disposed.connect(() => this._seen.delete(notebook));
    }
  }

  private _idle(notebook: INotebookLike): void {
    const name = notebook.sessionContext?.session?.kernel?.name ?? '';
    const cells = notebook.content?.model?.cells;
    if (!cells || !isSparkmagicKernel(name)) {
      return;
    }
    const before = this._outputs.get(notebook) ?? new Map<string, string>();
    const now = new Map<string, string>();
    const ran: ICellOutput[][] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells.get(i);
      const outputs = cell.outputs?.toJSON() ?? [];
      const text = JSON.stringify(outputs);
      now.set(cell.id, text);
      if (before.has(cell.id) && before.get(cell.id) !== text) {
        ran.push(outputs);
      } else if (!before.has(cell.id) && this._outputs.has(notebook)) {
        ran.push(outputs);
      }
    }
    // The first idle sets the baseline: outputs saved in the notebook ran before.
    this._outputs.set(notebook, now);
    if (ran.length > 0) {
      this._onRan({
        notebook: notebook.context!.path,
        outputs: ran,
        restart: () => notebook.sessionContext!.restartKernel()
      });
    }
  }

  private _seen = new Set<INotebookLike>();
  private _outputs = new WeakMap<INotebookLike, Map<string, string>>();
  private _disposed = false;
}
