import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator } from '@jupyterlab/translation';
import { KerberosPanel } from './ui/panel';

const PLUGIN_ID = 'jupyterlab-sparkmagic-kerberos:plugin';

/**
 * The panel's shell is in place at start-up (so the layout restorer can
 * reopen it); the model, the commands and the status bar item load once
 * JupyterLab has started, keeping them out of the start-up bundle.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Kerberos sign-in and Sparkmagic configuration for Livy behind a load balancer.',
  autoStart: true,
  requires: [ISettingRegistry, ITranslator],
  optional: [ILayoutRestorer, IStatusBar, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    registry: ISettingRegistry,
    translator: ITranslator,
    restorer: ILayoutRestorer | null,
    statusBar: IStatusBar | null,
    palette: ICommandPalette | null
  ) => {
    const trans = translator.load('jupyterlab_sparkmagic_kerberos');
    const panel = new KerberosPanel({ trans, translator });
    app.shell.add(panel, 'left', { rank: 950, type: 'Spark Kerberos' });
    restorer?.add(panel, 'sparkmagic-kerberos');
    void Promise.all([registry.load(PLUGIN_ID), app.restored])
      .then(async ([settings]) => {
        const { start } = await import('./ui/extension');
        start({ app, settings, trans, panel, statusBar, palette });
      })
      .catch(reason =>
        console.error('Spark Kerberos could not start.', reason)
      );
  }
};

export default plugin;
