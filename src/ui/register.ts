/**
 * What the panel, status bar and commands plugins add on top of the model:
 * the commands with their palette entries, the expiry notice, opening the
 * panel.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ISignal } from '@lumino/signaling';
import type { DoctorModel } from '../model/doctor';
import type { KerberosModel } from '../model/model';
import type { SessionFailures } from '../model/session-failures';
import type { SparkSessions } from '../model/spark-sessions';
import { CommandIDs } from './command-ids';
import { addCommands } from './commands';
import { addDoctorCommand } from './doctor-command';
import { addEmrStepExportCommand } from './emr-step-export';
import { notifyBeforeExpiry } from './expiry-notice';
import { addLifecycleExportCommand } from './lifecycle-export';
import { addNotebookCommands } from './notebook-command';
import { PANEL_ID } from './panel';
import type { ProfileEditor } from './profile-editor';
import { addSessionCommands } from './sessions-commands';

/** The model and what acts beside it, shared by the plugins. */
export interface IServices {
  model: KerberosModel;
  sessions: SparkSessions;
  doctor: DoctorModel;
  /** A Sparkmagic kernel finished some work or went away. */
  kernelsSettled: ISignal<unknown, void>;
  /** The last Spark session failure a notebook showed. */
  failures: SessionFailures;
}

/** Shows the panel (when the panel plugin added it) with a fresh ticket status. */
export function openPanel(app: JupyterFrontEnd, model: KerberosModel): void {
  app.shell.activateById(PANEL_ID);
  void model.refresh();
}

export interface ICommandsOptions {
  app: JupyterFrontEnd;
  services: IServices;
  editor: ProfileEditor;
  trans: TranslationBundle;
  palette: ICommandPalette | null;
}

/** The commands, their palette entries and the expiry notice that runs one. */
export function registerCommands(options: ICommandsOptions): void {
  const { app, editor, trans, palette } = options;
  const { model, sessions, doctor } = options.services;
  addCommands(app, {
    model,
    editor,
    trans,
    openPanel: () => openPanel(app, model),
    terminals: app.serviceManager.terminals.isAvailable()
  });
  addNotebookCommands(app, {
    model,
    editor,
    trans,
    terminals: app.serviceManager.terminals.isAvailable()
  });
  addDoctorCommand({
    app,
    model: doctor,
    trans,
    profile: () => model.profile,
    context: () => ({
      appliedAt: model.lastApply?.time,
      warnBeforeMinutes: model.store.options.warnBeforeMinutes
    })
  });
  addLifecycleExportCommand({ app, trans, profile: () => model.profile });
  addEmrStepExportCommand({ app, trans, profile: () => model.profile });
  addSessionCommands(app, { model, sessions, trans });
  const category = trans.__('Spark Kerberos');
  for (const command of Object.values(CommandIDs)) {
    if (command !== CommandIDs.selectProfile) {
      palette?.addItem({ command, category });
    }
  }
  notifyBeforeExpiry(model, app.commands, trans);
}
