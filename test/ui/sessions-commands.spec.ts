import type { JupyterFrontEnd } from '@jupyterlab/application';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { KerberosModel } from '../../src/model/model';
import type { SparkSessions } from '../../src/model/spark-sessions';
import { addSessionCommands } from '../../src/ui/sessions-commands';

describe('the Spark sessions refresh after a sign-in', () => {
  it('waits for the files check, then lists once per principal', () => {
    const changed = new Signal<object, void>({});
    const model = {
      changed,
      profile: { name: 'p' },
      snapshot: { kind: 'empty', principal: null } as {
        kind: string;
        principal: string | null;
      },
      files: { status: 'unknown' }
    };
    const refresh = jest.fn(() => Promise.resolve());
    const sessions = { refresh, busy: false, changed: new Signal({}) };
    addSessionCommands({ commands: new CommandRegistry() } as JupyterFrontEnd, {
      model: model as unknown as KerberosModel,
      sessions: sessions as unknown as SparkSessions,
      trans: nullTranslator.load('x')
    });

    model.snapshot = { kind: 'tickets', principal: 'user1@EC2.INTERNAL' };
    changed.emit();
    expect(refresh).not.toHaveBeenCalled();
    model.files = { status: 'effective' };
    changed.emit();
    changed.emit();
    expect(refresh).toHaveBeenCalledTimes(1);

    model.snapshot = { kind: 'tickets', principal: 'user2@EC2.INTERNAL' };
    changed.emit();
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
