/**
 * A steady beat: a dedicated worker's timer, since browsers throttle a
 * hidden page's own timers to one a minute (a worker's are not), or the
 * page's own timer where workers are unavailable (tests, a strict CSP).
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';

const WORKER = 'onmessage = e => setInterval(() => postMessage(0), e.data);';

export function everyMs(ms: number, beat: () => void): IDisposable {
  let stop: () => void;
  try {
    const url = URL.createObjectURL(
      new Blob([WORKER], { type: 'text/javascript' })
    );
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    worker.onmessage = () => beat();
    worker.postMessage(ms);
    stop = () => worker.terminate();
  } catch {
    const timer = setInterval(beat, ms);
    stop = () => clearInterval(timer);
  }
  return new DisposableDelegate(stop);
}
