/**
 * The composition root, loaded once JupyterLab has started and kept out of
 * the start-up bundle: the hidden command runner, the JupyterLab adapters,
 * the model and its poll.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { toEnvironment } from '../core/environment/from-probe';
import { shellQuote } from '../core/terminal/shell';
import { TerminalFiles } from '../exec/files';
import { probeKernelspecs, probeShell } from '../exec/probe';
import { TerminalRunner } from '../exec/runner';
import { CellWatch } from '../lab/cell-watch';
import { KernelActivity } from '../lab/kernel-activity';
import { watchKernelspecs } from '../lab/kernelspec-watch';
import { SparkmagicKernels } from '../lab/kernels';
import { ProfileStore } from '../lab/settings';
import { LabTerminalOpener } from '../lab/visible-terminal';
import { DoctorModel } from '../model/doctor';
import { KerberosModel } from '../model/model';
import { SessionFailures } from '../model/session-failures';
import { SparkSessions } from '../model/spark-sessions';
import type { IServices } from '../ui/register';

export interface IStartOptions {
  app: JupyterFrontEnd;
  settings: ISettingRegistry.ISettings;
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
    probe: () => {
      const shell = probeShell(runner, { useSudo: store.options.useSudo });
      return {
        basic: shell.then(s => toEnvironment(s.probe)),
        complete: async () =>
          toEnvironment(await probeKernelspecs(runner, await shell))
      };
    },
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
  const activity = new KernelActivity({ manager: manager.kernels });
  const failures = new SessionFailures(model);
  new CellWatch(app.shell, ran => void failures.onRan(ran));
  window.addEventListener('focus', () => void model.refresh());
  watchKernelspecs(manager.kernelspecs, () => model.kernelspecsChanged());
  model.start();
  return {
    model,
    sessions,
    doctor: new DoctorModel({ runner }),
    kernelsSettled: activity.settled,
    failures
  };
}
