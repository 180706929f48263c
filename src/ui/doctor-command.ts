/**
 * The `sparkmagic-kerberos:run-doctor` command: opens (or reveals) the
 * doctor's report in the main area and runs the checks for the active
 * profile.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import type { IDoctorContext } from '../core/doctor/types';
import type { IProfile } from '../core/profile';
import type { DoctorModel } from '../model/doctor';
import { CommandIDs } from './command-ids';
import { DoctorView } from './doctor-view';
import { kerberosIcon } from './icon';

export interface IDoctorCommandOptions {
  app: JupyterFrontEnd;
  model: DoctorModel;
  trans: TranslationBundle;
  /** The active profile, or null when none is set up. */
  profile: () => IProfile | null;
  /** What the panel knows: the last apply time, the warning threshold. */
  context: () => IDoctorContext;
}

export function addDoctorCommand(options: IDoctorCommandOptions): IDisposable {
  const { app, model, trans } = options;
  let widget: MainAreaWidget<DoctorView> | null = null;

  const run = () => {
    const profile = options.profile();
    if (profile && model.phase === 'idle') {
      void model.run(profile, options.context());
    }
  };
  const verify = () => {
    const profile = options.profile();
    if (profile && model.phase === 'idle') {
      void model.verify(profile);
    }
  };

  const command = app.commands.addCommand(CommandIDs.runDoctor, {
    label: trans.__('Run Kerberos Doctor'),
    // Disabled, the caption is the reason (palette and panel tooltips).
    caption: () =>
      options.profile() === null
        ? trans.__('Add a cluster profile first (Cluster profile, below).')
        : model.phase !== 'idle'
          ? trans.__('The doctor is running its checks…')
          : trans.__(
              'Check every link from Kerberos through the load balancer to Livy, with the cause and fix of each failure'
            ),
    icon: kerberosIcon,
    isEnabled: () => options.profile() !== null && model.phase === 'idle',
    execute: () => {
      if (!widget || widget.isDisposed) {
        const content = new DoctorView({
          model,
          trans,
          onRun: run,
          onVerify: verify,
          onExportStep: () =>
            void app.commands.execute(CommandIDs.exportEmrStep)
        });
        widget = new MainAreaWidget({ content });
        widget.id = 'jp-SparkKerberos-doctor';
        widget.title.label = trans.__('Kerberos Doctor');
        widget.title.icon = kerberosIcon;
        widget.title.closable = true;
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
      run();
    }
  });
  const refresh = () => app.commands.notifyCommandChanged(CommandIDs.runDoctor);
  model.changed.connect(refresh);
  return new DisposableDelegate(() => {
    command.dispose();
    model.changed.disconnect(refresh);
    widget?.dispose();
  });
}
