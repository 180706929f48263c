import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator } from '@jupyterlab/translation';
import { ISparkKerberos } from '../tokens';

/** Principal and time left in the status bar; a click opens the panel. */
export const statusItemPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-sparkmagic-kerberos:status-item',
  description: 'The Kerberos ticket in the status bar.',
  autoStart: true,
  requires: [ISparkKerberos, IStatusBar, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    kerberos: ISparkKerberos,
    statusBar: IStatusBar,
    translator: ITranslator
  ) => {
    const trans = translator.load('jupyterlab_sparkmagic_kerberos');
    void Promise.all([
      kerberos.ready,
      import('../ui/status-item'),
      import('../ui/register')
    ])
      .then(([model, { KerberosStatusItem }, { openPanel }]) => {
        statusBar.registerStatusItem('jupyterlab-sparkmagic-kerberos:status', {
          item: new KerberosStatusItem({
            model,
            trans,
            onClick: () => openPanel(app, model)
          }),
          align: 'left',
          rank: 50
        });
      })
      .catch(() => undefined); // The core plugin reports why.
  }
};
