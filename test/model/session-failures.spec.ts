/**
 * The panel's reaction to a failed Sparkmagic cell, on the recorded outputs
 * of real failures (test/fixtures/sessions): the failure reported with its
 * action, the action's effect (profile, Sparkmagic config, kernel restart),
 * and a later working cell clearing it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { SessionFailures } from '../../src/model/session-failures';
import { OWN_SESSIONS } from '../fixtures/load';
import { setup, track } from './model-setup';

const outputs = (name: string) =>
  JSON.parse(readFileSync(join(OWN_SESSIONS, `${name}.outputs.json`), 'utf8'));
const CONFIG = '/home/u/.sparkmagic/config.json';
const WORKED = [
  {
    output_type: 'execute_result',
    data: { 'text/plain': '[0, 1, 2]' },
    metadata: {},
    execution_count: 2
  }
];

function failures(session = { startupTimeoutSeconds: 10 }) {
  const s = track(setup({ profile: { session: session as never } }));
  const restarts: string[] = [];
  const ran = (notebook: string, cells: unknown[][]) => ({
    notebook,
    outputs: cells as never,
    restart: async () => {
      restarts.push(notebook);
    }
  });
  return { ...s, failures: new SessionFailures(s.model), restarts, ran };
}

describe('SessionFailures', () => {
  it('a start-up timeout: one click raises the timeout, applies it and restarts that kernel', async () => {
    const { model, files, failures: f, restarts, ran } = failures();
    await f.onRan(ran('a.ipynb', [WORKED, outputs('start-timeout')]));
    expect(f.current?.explanation.code).toBe('SESSION_START_TIMEOUT');
    expect(f.current?.remedy).toBe('timeout');
    expect(f.raisedTo).toBe(300);

    await f.act();
    expect(f.error).toBeNull();
    expect(model.profile?.session.startupTimeoutSeconds).toBe(300);
    expect(
      JSON.parse(files.files.get(CONFIG)!).livy_session_startup_timeout_seconds
    ).toBe(300);
    expect(restarts).toEqual(['a.ipynb']);
    expect(f.current).toBeNull();
  });

  it.each([
    ['gone', 'SESSION_GONE'],
    ['dead', 'SESSION_DEAD']
  ])(
    '%s: the action restarts the kernel and writes nothing',
    async (name, code) => {
      const { files, failures: f, restarts, ran } = failures();
      await f.onRan(ran('b.ipynb', [outputs(name)]));
      expect(f.current?.explanation.code).toBe(code);
      expect(f.raisedTo).toBeNull();
      await f.act();
      expect(restarts).toEqual(['b.ipynb']);
      expect(files.files.has(CONFIG)).toBe(false);
    }
  );

  it('no home: the fix is on the cluster, so there is no action', async () => {
    const { failures: f, restarts, ran } = failures();
    await f.onRan(ran('c.ipynb', [outputs('no-home')]));
    expect(f.current?.explanation.code).toBe('HDFS_HOME_MISSING');
    expect(f.current?.explanation.fix).toContain('/user/nohome');
    await f.act();
    expect(restarts).toEqual([]);
    expect(f.current).not.toBeNull();
  });

  it('a later cell of that notebook that works clears it; another notebook does not', async () => {
    const { failures: f, ran } = failures();
    await f.onRan(ran('a.ipynb', [outputs('gone')]));
    await f.onRan(ran('other.ipynb', [WORKED]));
    expect(f.current?.notebook).toBe('a.ipynb');
    await f.onRan(ran('a.ipynb', [WORKED]));
    expect(f.current).toBeNull();
  });
});
