import { readFileSync } from 'fs';
import { join } from 'path';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import { SparkSessions } from '../../src/model/spark-sessions';
import { parseHttp } from '../../src/core/doctor/verify';
import { MAX_ROWS, SessionsView } from '../../src/ui/sessions-view';
import { DOCTOR_FIXTURES, doctorFixture } from '../core/doctor-fixtures';
import { OWN_SESSIONS } from '../fixtures/load';
import { FakeRunner } from '../model/fakes';
import { mount, settle, unmount } from './render';

/** The view over a list that Livy answers with `answer` (recorded output). */
async function listAnswering(answer: string) {
  const runner = new FakeRunner(command => ({
    stdout: command.includes('/sessions?from=0') ? answer : '',
    exitCode: 0
  }));
  const sessions = new SparkSessions({
    runner,
    profile: () => doctorFixture('healthy').profile,
    principal: () => 'user1@EC2.INTERNAL'
  });
  const view = await mount(
    new SessionsView({
      sessions,
      kernelsSettled: new Signal<object, void>({}),
      commands: new CommandRegistry(),
      trans: nullTranslator.load('x')
    })
  );
  return { sessions, view };
}

describe('SessionsView', () => {
  it('reads the list when a kernel settles, and while hidden only once shown again', async () => {
    const runner = new FakeRunner(() => ({ stdout: '', exitCode: 0 }));
    const sessions = new SparkSessions({
      runner,
      profile: () => doctorFixture('healthy').profile,
      principal: () => 'user1@EC2.INTERNAL'
    });
    const lists = () =>
      runner.commands.filter(c => c.includes('/sessions?from=0')).length;
    const settled = new Signal<object, void>({});
    const view = await mount(
      new SessionsView({
        sessions,
        kernelsSettled: settled,
        commands: new CommandRegistry(),
        trans: nullTranslator.load('x')
      })
    );
    await settle(() => settled.emit());
    expect(lists()).toBe(1);

    await settle(() => view.hide());
    await settle(() => {
      settled.emit();
      settled.emit();
    });
    expect(lists()).toBe(1);
    await settle(() => view.show());
    expect(lists()).toBe(2);
    await settle(() => view.hide());
    await settle(() => view.show());
    expect(lists()).toBe(2);

    await unmount(view);
    settled.emit();
    expect(lists()).toBe(2);
  });

  it('says the list could not be read, above the explained refusal', async () => {
    const refusal = readFileSync(
      join(DOCTOR_FIXTURES, 'livy-sessions-401.txt'),
      'utf8'
    );
    const { sessions, view } = await listAnswering(refusal);
    expect(view.node.querySelector('[role="status"]')?.textContent).toBe(
      'Not read yet.'
    );
    await settle(() => sessions.refresh());
    expect(view.node.querySelector('[role="status"]')?.textContent).toBe(
      'The list could not be read.'
    );
    expect(view.node.textContent).toContain('LIVY_UNAUTHORIZED');
    await unmount(view);
  });

  it.each([
    ['dead', 'user2'],
    ['no-home', 'nohome'],
    ['pending', 'user1']
  ])(
    "shows a %s session as Livy lists it: state, application, reason and Livy's links",
    async (name, user) => {
      const list = readFileSync(
        join(OWN_SESSIONS, `${name}.livy.json`),
        'utf8'
      );
      const log = (): string => {
        try {
          return readFileSync(join(OWN_SESSIONS, `${name}.log.json`), 'utf8');
        } catch {
          return '';
        }
      };
      const runner = new FakeRunner(command => ({
        stdout: command.includes('/sessions?from=0')
          ? `${list}\n@@HTTP 200\n`
          : command.includes('/log?')
            ? `${log()}\n@@HTTP 200\n`
            : '',
        exitCode: 0
      }));
      const sessions = new SparkSessions({
        runner,
        profile: () => doctorFixture('healthy').profile,
        principal: () => `${user}@EC2.INTERNAL`
      });
      const view = await mount(
        new SessionsView({
          sessions,
          kernelsSettled: new Signal<object, void>({}),
          commands: new CommandRegistry(),
          trans: nullTranslator.load('x')
        })
      );
      await settle(() => sessions.refresh());
      // The explanation of a reason loads lazily.
      await settle(() => new Promise(r => setTimeout(r, 50)));
      const livy = JSON.parse(list).sessions[0];
      const row = view.node.querySelector('.jp-SparkKerberos-sparkSession')!;
      expect(row.textContent).toContain(livy.state);
      if (livy.appId) {
        expect(row.textContent).toContain(livy.appId);
      }
      const links = Array.from(row.querySelectorAll('a'), a => a.href);
      for (const url of [
        livy.appInfo?.driverLogUrl,
        livy.appInfo?.sparkUiUrl
      ]) {
        if (url) {
          expect(links).toContain(url);
        }
      }
      if (name === 'no-home') {
        expect(row.textContent).toContain('HDFS_HOME_MISSING');
        expect(row.textContent).toContain('/user/nohome');
      }
      if (name === 'pending') {
        expect(row.textContent).toMatch(/starting \(\d+ s so far\)/);
      }
      await unmount(view);
    }
  );

  it('renders at most MAX_ROWS sessions and says how many more there are', async () => {
    const idle = readFileSync(
      join(DOCTOR_FIXTURES, 'livy-sessions-idle.txt'),
      'utf8'
    );
    const session = JSON.parse(parseHttp(idle).body).sessions[0];
    const list = Array.from({ length: 5000 }, (_, id) => ({ ...session, id }));
    const { sessions, view } = await listAnswering(
      `${JSON.stringify({ from: 0, total: list.length, sessions: list })}\n@@HTTP 200\n`
    );
    await settle(() => sessions.refresh());
    expect(sessions.sessions).toHaveLength(5000);
    expect(view.node.querySelectorAll('[data-session-id]')).toHaveLength(
      MAX_ROWS
    );
    expect(view.node.textContent).toContain(
      `${5000 - MAX_ROWS} more not shown; Delete idle sessions covers them too.`
    );
    await unmount(view);
  });
});
