import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { KerberosModel } from '../model/model';
import { ISparkKerberos } from '../tokens';
import type { IServices } from '../ui/register';
import { ProfileEditor } from '../ui/profile-editor';

/** Named for schema/plugin.json, so user settings and admin overrides apply. */
export const SETTINGS_PLUGIN_ID = 'jupyterlab-sparkmagic-kerberos:plugin';

/**
 * The handle this extension's own plugins receive: besides the model, what
 * the panel and the commands share.
 */
export class SparkKerberos implements ISparkKerberos {
  constructor(services: Promise<IServices>) {
    this.services = services;
    this.ready = services.then(s => s.model);
  }

  readonly ready: Promise<KerberosModel>;
  readonly services: Promise<IServices>;
  /** Which profile the panel's form edits; the commands open and check it. */
  readonly editor = new ProfileEditor();
}

/** The handle as this extension built it (its plugins need more than the token's API). */
export function ownHandle(kerberos: ISparkKerberos): SparkKerberos {
  if (!(kerberos instanceof SparkKerberos)) {
    throw new Error(
      'ISparkKerberos is provided by another extension; disable it or this one.'
    );
  }
  return kerberos;
}

/** Loads the settings and, once JupyterLab has started, the model. */
export const corePlugin: JupyterFrontEndPlugin<ISparkKerberos> = {
  id: SETTINGS_PLUGIN_ID,
  description:
    'Kerberos sign-in and Sparkmagic configuration for Livy behind a load balancer: the model the other plugins share.',
  autoStart: true,
  requires: [ISettingRegistry],
  provides: ISparkKerberos,
  activate: (app: JupyterFrontEnd, registry: ISettingRegistry) => {
    const services = Promise.all([
      registry.load(SETTINGS_PLUGIN_ID),
      app.restored
    ]).then(async ([settings]) => {
      const { start } = await import('./start');
      return start({ app, settings });
    });
    services.catch(reason =>
      console.error('Spark Kerberos could not start.', reason)
    );
    return new SparkKerberos(services);
  }
};
