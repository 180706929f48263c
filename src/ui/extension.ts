/**
 * What loads once JupyterLab has started, kept out of the start-up bundle:
 * the hidden command runner, the model and its poll (`start`), and the
 * pieces the panel, status bar and commands plugins add on top of it.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { TranslationBundle } from '@jupyterlab/translation';
import { TerminalFiles } from '../exec/files';
import { TerminalRunner } from '../exec/runner';
import { shellQuote } from '../core/shell';
import { probeEnvironment } from '../exec/probe';
import { toEnvironment } from '../model/environment';
import { SparkmagicKernels } from '../model/kernels';
import { DoctorModel } from '../model/doctor';
import { KerberosModel } from '../model/model';
import { ProfileStore } from '../model/settings';
import { SparkSessions } from '../model/spark-sessions';
import { LabTerminalOpener } from '../model/visible-terminal';
import { CommandIDs } from './command-ids';
import { addCommands } from './commands';
import { addDoctorCommand } from './doctor-command';
import { notifyBeforeExpiry } from './expiry-notice';
import { addLifecycleExportCommand } from './lifecycle-export';
import { addNotebookCommands } from './notebook-command';
import { PANEL_ID } from './panel';
import type { ProfileEditor } from './profile-editor';
import { addSessionCommands } from './sessions-commands';

export interface IStartOptions {
  app: JupyterFrontEnd;
  settings: ISettingRegistry.ISettings;
}

/** The model and what acts beside it, shared by the plugins. */
export interface IServices {
  model: KerberosModel;
  sessions: SparkSessions;
  doctor: DoctorModel;
}

/** Builds the model and starts its poll. */
export function start(options: IStartOptions): IServices {
  const { app } = options;
  const store = new ProfileStore(options.settings);
  const manager = app.serviceManager;
  const runner = new TerminalRunner({
    serviceManager: manager,
    timeoutMs: store.options.commandTimeoutSeconds * 1000
  });
  const model = new KerberosModel({
    store,
    runner,
    files: new TerminalFiles({ runner }),
    terminals: new LabTerminalOpener({
      commands: app.commands,
      terminals: manager.terminals
    }),
    kernels: new SparkmagicKernels({
      manager,
      widgets: () => app.shell.widgets('main')
    }),
    probe: async () =>
      toEnvironment(
        await probeEnvironment(runner, { useSudo: store.options.useSudo })
      ),
    isWritable: async dir =>
      (await runner.run(`test -w ${shellQuote(dir)}`)).exitCode === 0,
    terminalsAvailable: manager.terminals.isAvailable()
  });
  const sessions = new SparkSessions({
    runner,
    profile: () => model.profile,
    principal: () =>
      model.snapshot.kind === 'tickets' ? model.snapshot.principal : null
  });
  window.addEventListener('focus', () => void model.refresh());
  model.start();
  return { model, sessions, doctor: new DoctorModel({ runner }) };
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
  addSessionCommands(app, { model, sessions, trans });
  const category = trans.__('Spark Kerberos');
  for (const command of Object.values(CommandIDs)) {
    if (command !== CommandIDs.selectProfile) {
      palette?.addItem({ command, category });
    }
  }
  notifyBeforeExpiry(model, app.commands, trans);
}
