/**
 * The `sparkmagic-kerberos:export-lifecycle` command: asks for the platform
 * (a notebook instance or a Studio JupyterLab space), where the extension's
 * wheel is (S3 or the persistent volume) and its SHA-256 (the script
 * installs only that wheel), and shows the SageMaker lifecycle scripts for
 * the active profile. The renderer loads on
 * first use, so it adds nothing to JupyterLab's start.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { InputDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import type { LifecyclePlatform } from '../core/lifecycle/options';
import type { IProfile } from '../core/profile';
import { CommandIDs } from './command-ids';

export interface ILifecycleExportOptions {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  /** The active profile, or null when none is set up. */
  profile: () => IProfile | null;
}

/** Asks where the script runs; null on cancel. */
async function askPlatform(
  trans: TranslationBundle
): Promise<LifecyclePlatform | null> {
  const labels: Record<LifecyclePlatform, string> = {
    notebook: trans.__('SageMaker notebook instance'),
    studio: trans.__('SageMaker Studio JupyterLab space')
  };
  const answer = await InputDialog.getItem({
    title: trans.__('Export SageMaker Lifecycle Configuration'),
    label: trans.__('Where the script runs'),
    items: [labels.notebook, labels.studio],
    current: 0,
    okLabel: trans.__('Next'),
    cancelLabel: trans.__('Cancel')
  });
  if (!answer.button.accept) {
    return null;
  }
  return answer.value === labels.studio ? 'studio' : 'notebook';
}

/** Asks for the platform, the wheel and its digest, then shows the scripts or why they cannot be made. */
export async function exportLifecycle(
  profile: IProfile,
  trans: TranslationBundle
): Promise<void> {
  const platform = await askPlatform(trans);
  if (platform === null) {
    return;
  }
  const volume =
    platform === 'studio'
      ? '/home/sagemaker-user/'
      : '/home/ec2-user/SageMaker/';
  const answer = await InputDialog.getText({
    title: trans.__('Export SageMaker Lifecycle Configuration'),
    label: trans.__(
      'Extension wheel: an s3:// URI, or a path under %1 (empty: do not install the panel)',
      volume
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
    lifecycle = prepareLifecycle(profile, wheel, sha256, platform);
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
      'Make the SageMaker lifecycle scripts (notebook instance or Studio JupyterLab space) that set up the active profile at every start'
    ),
    isEnabled: () => options.profile() !== null,
    execute: () => {
      const profile = options.profile();
      return profile ? exportLifecycle(profile, trans) : undefined;
    }
  });
}
