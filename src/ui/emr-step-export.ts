/**
 * The `sparkmagic-kerberos:export-emr-step` command: asks which users get an
 * HDFS home and shows the EMR step for the active profile, which the
 * cluster's administrator runs on the primary node. The renderer loads on
 * first use, so it adds nothing to JupyterLab's start.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { InputDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import type { IProfile } from '../core/profile';
import { CommandIDs } from './command-ids';

export interface IEmrStepExportOptions {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  /** The active profile, or null when none is set up. */
  profile: () => IProfile | null;
}

/** Asks for the users, then shows the step or why it cannot be made. */
export async function exportEmrStep(
  profile: IProfile,
  trans: TranslationBundle
): Promise<void> {
  const answer = await InputDialog.getText({
    title: trans.__('Export the Cluster Step for the Administrator'),
    label: trans.__(
      'Users who get an HDFS home /user/<name> (comma-separated; empty: none, as with Spark in local mode)'
    ),
    placeholder: 'alice, bob',
    okLabel: trans.__('Export'),
    cancelLabel: trans.__('Cancel')
  });
  if (!answer.button.accept) {
    return;
  }
  const [{ prepareEmrStep }, { showEmrStep }] = await Promise.all([
    import('../core/emr-step/export'),
    import('./emr-step-dialog')
  ]);
  let step;
  try {
    step = prepareEmrStep(profile, answer.value ?? '');
  } catch (reason) {
    await showErrorMessage(
      trans.__('Cannot Export the Cluster Step'),
      reason as Error
    );
    return;
  }
  await showEmrStep(step, profile.name, trans);
}

export function addEmrStepExportCommand(
  options: IEmrStepExportOptions
): IDisposable {
  const { app, trans } = options;
  return app.commands.addCommand(CommandIDs.exportEmrStep, {
    label: trans.__('Export the cluster step for the administrator…'),
    caption: trans.__(
      "Make the EMR step that sets up the cluster side for the active profile: the load balancer's HTTP principal, Livy's keytab and settings, HDFS homes"
    ),
    isEnabled: () => options.profile() !== null,
    execute: () => {
      const profile = options.profile();
      return profile ? exportEmrStep(profile, trans) : undefined;
    }
  });
}
