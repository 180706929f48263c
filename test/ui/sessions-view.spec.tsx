import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import { SparkSessions } from '../../src/model/spark-sessions';
import { SessionsView } from '../../src/ui/sessions-view';
import { doctorFixture } from '../core/doctor-fixtures';
import { FakeRunner } from '../model/fakes';
import { mount, settle, unmount } from './render';

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
});
