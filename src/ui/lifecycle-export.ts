/**
 * The `sparkmagic-kerberos:export-lifecycle` command: asks where the
 * extension's wheel is (S3 or the notebook's persistent volume) and its
 * SHA-256 (the script installs only that wheel), and shows the
 * SageMaker lifecycle scripts for the active profile. The renderer loads on
 * first use, so it adds nothing to JupyterLab's start.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { InputDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import type { IProfile } from '../core/profile';
import { CommandIDs } from './command-ids';

export interface ILifecycleExportOptions {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  /** The active profile, or null when none is set up. */
  profile: () => IProfile | null;
}

/** Asks for the wheel and its digest, then shows the scripts or why they cannot be made. */
export async function exportLifecycle(
  profile: IProfile,
  trans: TranslationBundle
): Promise<void> {
  const answer = await InputDialog.getText({
    title: trans.__('Export SageMaker Lifecycle Configuration'),
    label: trans.__(
      'Extension wheel: an s3:// URI, or a path under /home/ec2-user/SageMaker/ (empty: do not install the panel)'
    ),
    placeholder:
      's3://bucket/jupyterlab_sparkmagic_kerberos-<version>-py3-none-any.whl',
    okLabel: trans.__('Export'),
    cancelLabel: trans.__('Cancel')
  });
  if (!answer.button.accept) {
    return;
  }
  const wheel = answer.value ?? '';
  let sha256 = '';
  if (wheel.trim() !== '') {
    const digest = await InputDialog.getText({
      title: trans.__('Export SageMaker Lifecycle Configuration'),
      label: trans.__(
        "The wheel's SHA-256 (64 hexadecimal digits, as sha256sum prints it): the script installs only a wheel with this digest"
      ),
      placeholder:
        'sha256sum jupyterlab_sparkmagic_kerberos-<version>-py3-none-any.whl',
      okLabel: trans.__('Export'),
      cancelLabel: trans.__('Cancel')
    });
    if (!digest.button.accept) {
      return;
    }
    sha256 = digest.value ?? '';
  }
  const [{ prepareLifecycle }, { showLifecycle }] = await Promise.all([
    import('../core/lifecycle/export'),
    import('./lifecycle-dialog')
  ]);
  let lifecycle;
  try {
    lifecycle = prepareLifecycle(profile, wheel, sha256);
  } catch (reason) {
    await showErrorMessage(
      trans.__('Cannot Export the Lifecycle Configuration'),
      reason as Error
    );
    return;
  }
  await showLifecycle(lifecycle, profile.name, trans);
}

export function addLifecycleExportCommand(
  options: ILifecycleExportOptions
): IDisposable {
  const { app, trans } = options;
  return app.commands.addCommand(CommandIDs.exportLifecycle, {
    label: trans.__('Export SageMaker Lifecycle Configuration'),
    caption: trans.__(
      'Make the SageMaker notebook lifecycle scripts that set up the active profile at every start'
    ),
    isEnabled: () => options.profile() !== null,
    execute: () => {
      const profile = options.profile();
      return profile ? exportLifecycle(profile, trans) : undefined;
    }
  });
}
