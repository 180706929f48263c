/**
 * CellWatch on a notebook shaped as JupyterLab's NotebookPanel: each time
 * its Sparkmagic kernel turns idle, the outputs of the cells that changed
 * since the last idle are handed over; outputs the notebook had when the
 * kernel first turned idle ran before and are not.
 */
import { Signal } from '@lumino/signaling';
import { CellWatch, IRanCells } from '../../src/lab/cell-watch';

function notebook(kernel: string) {
  const owner = {};
  const status = new Signal<object, string>(owner);
  const cells: {
    id: string;
    outputs: { toJSON(): unknown[] };
    value: unknown[];
  }[] = [];
  const add = (id: string, value: unknown[]) => {
    const cell = { id, value, outputs: { toJSON: () => cell.value } };
    cells.push(cell);
    return cell;
  };
  const restarts: number[] = [];
  const widget = {
    isDisposed: false,
    disposed: new Signal<object, void>(owner),
    context: { path: 'n.ipynb' },
    sessionContext: {
      session: { kernel: { name: kernel } },
      statusChanged: status,
      restartKernel: async () => void restarts.push(1)
    },
    content: {
      model: {
        cells: {
          get length() {
            return cells.length;
          },
          get: (i: number) => cells[i]
        }
      }
    }
  };
  return { widget, status, add, restarts };
}

const shell = (widgets: unknown[]) =>
  ({ widgets: () => widgets[Symbol.iterator]() }) as never;

describe('CellWatch', () => {
  it('hands over the cells that ran since the last idle, not what the notebook held', async () => {
    const nb = notebook('pysparkkernel');
    const saved = nb.add('a', [
      { output_type: 'stream', name: 'stderr', text: 'old' }
    ]);
    const ran: IRanCells[] = [];
    const watch = new CellWatch(shell([nb.widget]), r => ran.push(r));
    nb.status.emit('idle');
    expect(ran).toEqual([]);

    saved.value = [{ output_type: 'stream', name: 'stderr', text: 'new' }];
    nb.add('b', []);
    nb.status.emit('busy');
    nb.status.emit('idle');
    expect(ran.map(r => [r.notebook, r.outputs])).toEqual([
      ['n.ipynb', [saved.value, []]]
    ]);
    await ran[0].restart();
    expect(nb.restarts).toEqual([1]);

    nb.status.emit('idle');
    expect(ran).toHaveLength(1);
    watch.dispose();
  });

  it('ignores notebooks of other kernels', () => {
    const nb = notebook('python3');
    const ran: IRanCells[] = [];
    new CellWatch(shell([nb.widget]), r => ran.push(r));
    nb.status.emit('idle');
    nb.add('a', [{ output_type: 'error', traceback: ['x'] }]);
    nb.status.emit('idle');
    expect(ran).toEqual([]);
  });
});
