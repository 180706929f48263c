/**
 * The last step of the panel's path: a new notebook on the profile's
 * Sparkmagic kernel with a first cell ready to run. The file is written
 * with its cell through the Contents API, then opened on that kernel.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { starterNotebook } from '../core/sparkmagic/starter-notebook';
import { KernelKind, SPARKMAGIC_KERNELSPECS } from '../core/profile';
import type { KerberosModel } from '../model/model';
import { Reason, firstOf, reasons } from './action-reasons';
import { CommandIDs } from './command-ids';
import type { ProfileEditor } from './profile-editor';

export interface INotebookCommandContext {
  model: KerberosModel;
  editor: ProfileEditor;
  trans: TranslationBundle;
  terminals: boolean;
}

/** Registers Open PySpark, Open Scala and Open R Notebook. */
export function addNotebookCommands(
  app: JupyterFrontEnd,
  context: INotebookCommandContext
): void {
  const { model, trans } = context;
  const { commands, serviceManager } = app;
  const why = reasons({ ...context, commands });
  const kernelspecs = serviceManager.kernelspecs;
  const add = (id: string, kind: KernelKind, label: string, what: string) => {
    const name = SPARKMAGIC_KERNELSPECS[kind];
    const installed: Reason = () =>
      kernelspecs.specs?.kernelspecs[name]
        ? null
        : trans.__('The %1 kernel is not installed on this server.', name);
    const enabled: Reason = () =>
      model.profile && !model.profile.kernels.includes(kind)
        ? trans.__('The profile does not set up the %1 kernel.', name)
        : null;
    const reason = firstOf(
      why.profile,
      installed,
      enabled,
      why.applied,
      why.validTicket
    );
    commands.addCommand(id, {
      label,
      caption: () => reason() ?? what,
      isEnabled: () => reason() === null,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: async () => {
        const spec = kernelspecs.specs?.kernelspecs[name];
        try {
          const created = await serviceManager.contents.newUntitled({
            type: 'notebook'
          });
          await serviceManager.contents.save(created.path, {
            type: 'notebook',
            format: 'json',
            content: starterNotebook({
              kind,
              name,
              displayName: spec?.display_name ?? name,
              language: spec?.language ?? ''
            })
          });
          return await commands.execute('docmanager:open', {
            path: created.path,
            kernel: { name }
          });
        } catch (reason) {
          Notification.error(
            reason instanceof Error ? reason.message : String(reason)
          );
        }
      }
    });
  };
  add(
    CommandIDs.openPySpark,
    'python',
    trans.__('Open PySpark Notebook'),
    trans.__(
      'A new notebook on the PySpark kernel (Sparkmagic, through Livy) with a first cell to run'
    )
  );
  add(
    CommandIDs.openScala,
    'scala',
    trans.__('Open Scala Notebook'),
    trans.__(
      'A new notebook on the Spark (Scala) kernel (Sparkmagic, through Livy) with a first cell to run'
    )
  );
  add(
    CommandIDs.openR,
    'r',
    trans.__('Open R Notebook'),
    trans.__(
      'A new notebook on the SparkR kernel (Sparkmagic, through Livy) with a first cell to run'
    )
  );
  kernelspecs.specsChanged.connect(() => commands.notifyCommandChanged());
}
