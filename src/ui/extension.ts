/**
 * Everything but the panel's shell, loaded once JupyterLab has started: the
 * hidden command runner, the model and its poll, the status bar item, the
 * expiry notice and the commands.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { IStatusBar } from '@jupyterlab/statusbar';
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
import { LabTerminalOpener } from '../model/visible-terminal';
import { CommandIDs } from './command-ids';
import { addCommands, addKeyBindings } from './commands';
import { addDoctorCommand } from './doctor-command';
import { notifyBeforeExpiry } from './expiry-notice';
import { addLifecycleExportCommand } from './lifecycle-export';
import { addNotebookCommands } from './notebook-command';
import { KerberosPanel, PANEL_ID } from './panel';
import { ProfileEditor } from './profile-editor';
import { KerberosStatusItem } from './status-item';

export interface IStartOptions {
  app: JupyterFrontEnd;
  settings: ISettingRegistry.ISettings;
  trans: TranslationBundle;
  panel: KerberosPanel;
  statusBar: IStatusBar | null;
  palette: ICommandPalette | null;
}

export function start(options: IStartOptions): KerberosModel {
  const { app, trans, panel, statusBar, palette } = options;
  const store = new ProfileStore(options.settings);
  const manager = app.serviceManager;
  const terminals = manager.terminals.isAvailable();
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
    terminalsAvailable: terminals
  });
  const editor = new ProfileEditor();
  const openPanel = () => {
    app.shell.activateById(PANEL_ID);
    void model.refresh();
  };
  addCommands(app, { model, editor, trans, openPanel, terminals });
  addKeyBindings(app);
  addNotebookCommands(app, { model, editor, trans, terminals });
  const doctor = new DoctorModel({ runner });
  addDoctorCommand({
    app,
    model: doctor,
    trans,
    profile: () => model.profile,
    context: () => ({
      appliedAt: model.lastApply?.time,
      warnBeforeMinutes: store.options.warnBeforeMinutes
    })
  });
  addLifecycleExportCommand({ app, trans, profile: () => model.profile });
  const category = trans.__('Spark Kerberos');
  for (const command of Object.values(CommandIDs)) {
    if (command !== CommandIDs.selectProfile) {
      palette?.addItem({ command, category });
    }
  }
  statusBar?.registerStatusItem('jupyterlab-sparkmagic-kerberos:status', {
    item: new KerberosStatusItem({ model, trans, onClick: openPanel }),
    align: 'left',
    rank: 50
  });
  notifyBeforeExpiry(model, app.commands, trans);
  panel.attach({ model, commands: app.commands, trans, editor });
  panel.disposed.connect(() => {
    doctor.dispose();
    model.dispose();
    runner.dispose();
  });
  window.addEventListener('focus', () => void model.refresh());
  model.start();
  return model;
}
