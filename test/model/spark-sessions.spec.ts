import { spawnSync } from 'child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SparkSessions } from '../../src/model/spark-sessions';
import { DOCTOR_FIXTURES, doctorFixture } from '../core/doctor-fixtures';
import { FakeRunner } from './fakes';

const fixture = (name: string) =>
  readFileSync(join(DOCTOR_FIXTURES, `livy-sessions-${name}.txt`), 'utf8');

function setup(answers: { list: string[]; remove?: string }) {
  const lists = [...answers.list];
  const runner = new FakeRunner(command => {
    if (command.includes('-X GET') && command.includes('/sessions?from=0')) {
      return { stdout: lists.shift() ?? '', exitCode: 0 };
    }
    if (command.includes('-X DELETE')) {
      return { stdout: answers.remove ?? '', exitCode: 0 };
    }
    return { stdout: '', exitCode: 0 };
  });
  const principal = { value: 'user1@EC2.INTERNAL' as string | null };
  let clock = 1000;
  const sessions = new SparkSessions({
    runner,
    profile: () => doctorFixture('healthy').profile,
    principal: () => principal.value,
    now: () => clock
  });
  return { sessions, runner, principal, tick: (ms: number) => (clock += ms) };
}

describe('SparkSessions', () => {
  it('lists the signed-in user’s sessions and keeps when each was first listed', async () => {
    const { sessions, runner, tick } = setup({
      list: [fixture('idle'), fixture('idle')]
    });
    await sessions.refresh();
    expect(sessions.error).toBeNull();
    expect(sessions.sessions).toHaveLength(1);
    expect(sessions.sessions[0]).toMatchObject({
      state: 'idle',
      proxyUser: 'user1',
      seenSince: 1000
    });
    tick(5000);
    await sessions.refresh();
    expect(sessions.sessions[0].seenSince).toBe(1000);
    expect(sessions.updated).toBe(6000);
    // Every request runs with the kernels' settings, prepared and cleaned up.
    expect(runner.commands.filter(c => c.includes('mktemp -d'))).toHaveLength(
      2
    );
    expect(runner.commands[runner.commands.length - 1]).toMatch(/rm -rf "\$V"/);
  });

  it('deletes the idle sessions, then lists again', async () => {
    const { sessions, runner } = setup({
      list: [fixture('idle'), fixture('empty')],
      remove: fixture('delete')
    });
    await sessions.refresh();
    const id = sessions.sessions[0].id;
    await sessions.removeIdle();
    expect(
      runner.commands.filter(
        c => c.includes('-X DELETE') && c.includes(`/sessions/${id}`)
      )
    ).toHaveLength(1);
    expect(sessions.sessions).toEqual([]);
    expect(sessions.error).toBeNull();
  });

  it('shows a refusal explained, and nothing without a ticket', async () => {
    const { sessions, runner, principal } = setup({ list: [fixture('401')] });
    await sessions.refresh();
    expect(sessions.error?.code).toBe('LIVY_UNAUTHORIZED');
    principal.value = null;
    const before = runner.commands.length;
    await sessions.refresh();
    expect(runner.commands).toHaveLength(before);
    expect(sessions.sessions).toEqual([]);
    expect(sessions.error).toBeNull();
  });

  it('reads again after the running request when asked meanwhile, once', async () => {
    const { sessions, runner } = setup({
      list: [fixture('empty'), fixture('idle'), fixture('idle')]
    });
    const lists = () =>
      runner.commands.filter(c => c.includes('/sessions?from=0')).length;
    const first = sessions.refresh();
    expect(sessions.busy).toBe(true);
    // A kernel settles twice while the first request is out.
    await Promise.all([sessions.refresh(), sessions.refresh()]);
    await first;
    expect(lists()).toBe(2);
    expect(sessions.busy).toBe(false);
    expect(sessions.sessions).toHaveLength(1);
  });

  it('sends the page neither the Sparkmagic config nor the kernels’ environment', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sessions-home-'));
    mkdirSync(join(home, '.sparkmagic'));
    writeFileSync(
      join(home, '.sparkmagic', 'config.json'),
      JSON.stringify({
        kernel_python_credentials: { password: 'pw-in-config' }
      })
    );
    const outputs: string[] = [];
    // Every command the refresh sends, run by a real shell.
    const runner = new FakeRunner(command => {
      const r = spawnSync('sh', ['-c', command], {
        env: { ...process.env, HOME: home, SPARKMAGIC_CONF_DIR: '' },
        encoding: 'utf8',
        timeout: 30000
      });
      outputs.push(r.stdout);
      return { stdout: r.stdout, exitCode: r.status ?? 1 };
    });
    const sessions = new SparkSessions({
      runner,
      // Nothing listens there: the list request fails at once.
      profile: () => ({
        ...doctorFixture('healthy').profile,
        livyUrl: 'http://localhost:1'
      }),
      principal: () => 'user1@EC2.INTERNAL'
    });
    try {
      await sessions.refresh();
      expect(outputs.length).toBeGreaterThanOrEqual(3);
      expect(outputs.join('')).not.toContain('pw-in-config');
      expect(outputs.join('')).not.toContain('@@SMKDOC BEGIN');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
