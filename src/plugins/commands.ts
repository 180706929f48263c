import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator } from '@jupyterlab/translation';
import { ISparkKerberos } from '../tokens';
import { ownHandle } from './core';

/**
 * The commands (palette, panel buttons; their key bindings are in
 * schema/plugin.json) and the expiry notice that offers one.
 */
export const commandsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-sparkmagic-kerberos:commands',
  description: 'The Spark Kerberos commands and the expiry notice.',
  autoStart: true,
  requires: [ISparkKerberos, ITranslator],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    kerberos: ISparkKerberos,
    translator: ITranslator,
    palette: ICommandPalette | null
  ) => {
    const handle = ownHandle(kerberos);
    const trans = translator.load('jupyterlab_sparkmagic_kerberos');
    void Promise.all([handle.services, import('../ui/register')])
      .then(([services, { registerCommands }]) =>
        registerCommands({
          app,
          services,
          editor: handle.editor,
          trans,
          palette
        })
      )
      .catch(() => undefined); // The core plugin reports why.
  }
};
