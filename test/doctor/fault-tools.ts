/** Process, clock and socket tools of the Kerberos fault specs. */
import { execFileSync, spawnSync } from 'child_process';
import { createServer, Server, Socket } from 'net';
import { Workspace } from './harness';

/**
 * Sparkmagic kernel processes started by `parent`: other suites may run their
 * own kernels beside this one.
 */
export function kernelPids(parent: number): number[] {
  const r = spawnSync(
    'pgrep',
    ['-P', String(parent), '-f', 'sparkmagic.kernels.pysparkkernel'],
    { encoding: 'utf8' }
  );
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

/** Whether a process with this id exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `done` every 50 ms; throws after `ms`. */
export async function waitFor(done: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) {
      throw new Error('timed out waiting');
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A KDC that accepts TCP connections and never answers. */
export function hungListener(port: number): Promise<Server> {
  const sockets: Socket[] = [];
  const server = createServer(s => sockets.push(s));
  server.on('close', () => sockets.forEach(s => s.destroy()));
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    sockets.forEach(s => s.destroy());
    return close(cb);
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Disposes the old workspace and returns the new one. */
export function replace(old: Workspace, next: Workspace): Workspace {
  old.dispose();
  return next;
}

/** The path of libfaketime, to preload for a skewed clock. */
export function faketimeLib(): string {
  const out = execFileSync(
    'sh',
    [
      '-c',
      'dpkg -L libfaketime 2>/dev/null | grep "libfaketime.so.1$" | head -n 1'
    ],
    { encoding: 'utf8' }
  ).trim();
  if (!out) {
    throw new Error('libfaketime is not installed (apt-get install faketime)');
  }
  return out;
}
