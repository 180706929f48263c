import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator } from '@jupyterlab/translation';
import { ISparkKerberos } from '../tokens';
import { KerberosPanel } from '../ui/panel';
import { ownHandle } from './core';

/**
 * The left sidebar panel. Its shell is added at start-up, so the layout
 * restorer can reopen it; the sections follow the model.
 */
export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-sparkmagic-kerberos:panel',
  description: 'The Spark Kerberos sidebar panel: ticket, sessions, profiles.',
  autoStart: true,
  requires: [ISparkKerberos, ITranslator],
  optional: [ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    kerberos: ISparkKerberos,
    translator: ITranslator,
    restorer: ILayoutRestorer | null
  ) => {
    const handle = ownHandle(kerberos);
    const trans = translator.load('jupyterlab_sparkmagic_kerberos');
    const panel = new KerberosPanel({ trans, translator });
    app.shell.add(panel, 'left', { rank: 950, type: 'Spark Kerberos' });
    restorer?.add(panel, 'sparkmagic-kerberos');
    void handle.services
      .then(({ model, sessions, kernelsSettled, failures }) =>
        panel.attach({
          model,
          sessions,
          kernelsSettled,
          failures,
          commands: app.commands,
          trans,
          editor: handle.editor
        })
      )
      .catch(() => undefined); // The core plugin reports why.
  }
};
