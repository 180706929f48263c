/**
 * Commands of the "Spark sessions" section, and its refresh after each
 * sign-in or switch of user (the principal in the cache changes), once the
 * active profile's files have been checked.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { KerberosModel } from '../model/model';
import type { SparkSessions } from '../model/spark-sessions';
import { CommandIDs } from './command-ids';

const NO_ARGS = { args: { type: 'object', properties: {} } };

export function addSessionCommands(
  app: JupyterFrontEnd,
  options: {
    model: KerberosModel;
    sessions: SparkSessions;
    trans: TranslationBundle;
  }
): void {
  const { model, sessions, trans } = options;
  const ready = () =>
    !sessions.busy &&
    model.profile !== null &&
    model.snapshot.kind === 'tickets';
  app.commands.addCommand(CommandIDs.refreshSessions, {
    label: trans.__('Refresh Spark Sessions'),
    caption: trans.__(
      'List your Livy sessions through the load balancer (sign in first)'
    ),
    describedBy: NO_ARGS,
    isEnabled: ready,
    execute: () => sessions.refresh()
  });
  app.commands.addCommand(CommandIDs.deleteIdleSessions, {
    label: trans.__('Delete Idle Spark Sessions'),
    caption: trans.__(
      'Delete your idle Livy sessions: they hold cluster resources while running nothing'
    ),
    describedBy: NO_ARGS,
    isEnabled: () => ready() && sessions.sessions.some(s => s.state === 'idle'),
    execute: async () => {
      const idle = sessions.sessions.filter(s => s.state === 'idle');
      const answer = await showDialog({
        title: trans.__('Delete idle Spark sessions'),
        body: trans._n(
          'Delete session %2? Its Spark state (variables, cached data) is lost; a notebook using it starts a new session on its next cell.',
          'Delete sessions %2? Their Spark state (variables, cached data) is lost; notebooks using them start new sessions on their next cell.',
          idle.length,
          idle.map(s => s.id).join(', ')
        ),
        buttons: [
          Dialog.cancelButton(),
          Dialog.warnButton({ label: trans.__('Delete') })
        ]
      });
      if (answer.button.accept) {
        await sessions.remove(idle.map(s => s.id));
      }
    }
  });
  let principal: string | null = null;
  let due = false;
  model.changed.connect(() => {
    const now =
      model.snapshot.kind === 'tickets' ? model.snapshot.principal : null;
    if (now !== principal) {
      principal = now;
      due = true;
    }
    // After the files check: the guide's next step needs it, and commands
    // share one terminal, so a listing first would hold it up.
    if (due && model.files.status !== 'unknown') {
      due = false;
      void sessions.refresh();
    }
    app.commands.notifyCommandChanged();
  });
  sessions.changed.connect(() => app.commands.notifyCommandChanged());
}
