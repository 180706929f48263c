import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  InputDialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { withDefaults } from './core/profile';
import { TerminalFiles } from './exec/files';
import { TerminalRunner } from './exec/runner';
import type { IKernelSpecInfo } from './model/apply';
import { readEnvironment } from './model/environment';
import { SparkmagicKernels } from './model/kernels';
import { KerberosModel } from './model/model';
import { ProfileStore, uniqueName } from './model/settings';
import { LabTerminalOpener } from './model/visible-terminal';
import { CommandIDs } from './ui/command-ids';
import { notifyBeforeExpiry } from './ui/expiry-notice';
import { kerberosIcon } from './ui/icon';
import { KerberosPanel, PANEL_ID } from './ui/panel';
import { ProfileEditor } from './ui/profile-editor';
import { KerberosStatusItem } from './ui/status-item';

const PLUGIN_ID = 'jupyterlab-sparkmagic-kerberos:plugin';

const NO_ARGS = { args: { type: 'object', properties: {} } };

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Kerberos sign-in and Sparkmagic configuration for Livy behind a load balancer.',
  autoStart: true,
  requires: [ISettingRegistry, ITranslator],
  optional: [ILayoutRestorer, IStatusBar, ICommandPalette],
  activate: async (
    app: JupyterFrontEnd,
    registry: ISettingRegistry,
    translator: ITranslator,
    restorer: ILayoutRestorer | null,
    statusBar: IStatusBar | null,
    palette: ICommandPalette | null
  ) => {
    const trans = translator.load('jupyterlab_sparkmagic_kerberos');
    const settings = await registry.load(PLUGIN_ID);
    const store = new ProfileStore(settings);
    const manager = app.serviceManager;
    const runner = new TerminalRunner({
      serviceManager: manager,
      timeoutMs: store.options.commandTimeoutSeconds * 1000
    });
    const files = new TerminalFiles({ runner });
    const model = new KerberosModel({
      store,
      runner,
      files,
      terminals: new LabTerminalOpener({
        commands: app.commands,
        terminals: manager.terminals
      }),
      kernels: new SparkmagicKernels({
        manager,
        widgets: () => app.shell.widgets('main')
      }),
      probe: () => readEnvironment(runner),
      kernelspecs: () => kernelspecsOf(manager),
      terminalsAvailable: manager.terminals.isAvailable()
    });
    const editor = new ProfileEditor();
    const panel = new KerberosPanel({
      model,
      commands: app.commands,
      trans,
      translator,
      editor
    });
    app.shell.add(panel, 'left', { rank: 950, type: 'Spark Kerberos' });
    restorer?.add(panel, 'sparkmagic-kerberos');
    const openPanel = () => {
      app.shell.activateById(PANEL_ID);
      void model.refresh();
    };
    if (statusBar) {
      statusBar.registerStatusItem('jupyterlab-sparkmagic-kerberos:status', {
        item: new KerberosStatusItem({ model, trans, onClick: openPanel }),
        align: 'left',
        rank: 50
      });
    }
    notifyBeforeExpiry(model, app.commands, trans);
    addCommands(app, {
      model,
      editor,
      trans,
      openPanel,
      terminals: manager.terminals.isAvailable()
    });
    const category = trans.__('Spark Kerberos');
    for (const command of Object.values(CommandIDs)) {
      if (
        command !== CommandIDs.selectProfile &&
        command !== CommandIDs.runDoctor
      ) {
        palette?.addItem({ command, category });
      }
    }
    addKeyBindings(app);
    panel.disposed.connect(() => model.dispose());
    window.addEventListener('focus', () => void model.refresh());
    model.start();
  }
};

interface ICommandContext {
  model: KerberosModel;
  editor: ProfileEditor;
  trans: TranslationBundle;
  openPanel: () => void;
  terminals: boolean;
}

function addCommands(app: JupyterFrontEnd, context: ICommandContext): void {
  const { model, editor, trans, openPanel } = context;
  const { commands } = app;
  const idle = () => model.activity === null;
  const hasProfile = () => model.profile !== null;
  const hasTicket = () => model.snapshot.kind === 'tickets';
  const report = (promise: Promise<unknown>) =>
    promise.catch(reason =>
      Notification.error(
        reason instanceof Error ? reason.message : String(reason)
      )
    );

  commands.addCommand(CommandIDs.open, {
    label: trans.__('Open Spark Kerberos Panel'),
    caption: trans.__('Show the Kerberos ticket and cluster profiles'),
    icon: kerberosIcon,
    describedBy: NO_ARGS,
    execute: openPanel
  });
  commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh Ticket Status'),
    caption: trans.__('Read the ticket cache again (klist)'),
    describedBy: NO_ARGS,
    execute: () => report(model.refresh())
  });
  commands.addCommand(CommandIDs.signIn, {
    label: trans.__('Sign In'),
    caption: trans.__(
      'Get a Kerberos ticket: type your password in a terminal, or use the keytab'
    ),
    describedBy: NO_ARGS,
    isEnabled: () =>
      idle() &&
      hasProfile() &&
      context.terminals &&
      (model.profile?.signIn === 'keytab' ||
        commands.hasCommand('terminal:create-new')),
    execute: () => report(model.signIn())
  });
  commands.addCommand(CommandIDs.signOut, {
    label: trans.__('Sign Out'),
    caption: trans.__('Destroy the ticket cache (kdestroy)'),
    describedBy: NO_ARGS,
    isEnabled: () => idle() && hasProfile() && hasTicket(),
    execute: () => report(model.signOut())
  });
  commands.addCommand(CommandIDs.switchUser, {
    label: trans.__('Switch User…'),
    caption: trans.__(
      'Stop Sparkmagic kernels (their Livy sessions end), sign out, sign in as another principal and start them again'
    ),
    describedBy: NO_ARGS,
    isEnabled: () => idle() && hasProfile() && context.terminals,
    execute: () => report(switchUser(model, trans))
  });
  commands.addCommand(CommandIDs.renew, {
    label: trans.__('Renew Ticket'),
    caption: trans.__(
      'Renew the ticket without a password while it is renewable'
    ),
    describedBy: NO_ARGS,
    isEnabled: () => idle() && hasProfile() && hasTicket(),
    execute: () => report(model.renew())
  });
  commands.addCommand(CommandIDs.apply, {
    label: trans.__('Apply Configuration…'),
    caption: trans.__(
      'Preview and write krb5.conf and the Sparkmagic configuration for the active profile'
    ),
    describedBy: NO_ARGS,
    isEnabled: () =>
      idle() && hasProfile() && context.terminals && editor.editing === null,
    execute: () =>
      report(
        (async () => {
          const plan = await model.planApply();
          const { confirmApply } = await import('./ui/apply-dialog');
          if (await confirmApply(plan, trans)) {
            const record = await model.apply(plan);
            if (record) {
              Notification.success(
                trans._n(
                  'Wrote %1 file.',
                  'Wrote %1 files.',
                  record.written.length
                ),
                { autoClose: 5000 }
              );
            }
          }
        })()
      )
  });
  commands.addCommand(CommandIDs.restartStale, {
    label: trans.__('Restart Stale Sparkmagic Kernels'),
    caption: trans.__(
      'Restart the Sparkmagic kernels started before the last apply'
    ),
    describedBy: NO_ARGS,
    isEnabled: () => idle() && model.staleKernels.length > 0,
    execute: () => report(model.restartStale())
  });
  commands.addCommand(CommandIDs.selectProfile, {
    label: args => trans.__('Use Profile %1', String(args.name ?? '')),
    caption: trans.__('Make a cluster profile the active one'),
    describedBy: {
      args: {
        type: 'object',
        properties: {
          name: { type: 'string', description: trans.__('Profile name') }
        },
        required: ['name']
      }
    },
    execute: args => report(model.store.setActive(String(args.name)))
  });
  commands.addCommand(CommandIDs.addProfile, {
    label: trans.__('Add Cluster Profile'),
    caption: trans.__('Create a new cluster profile'),
    describedBy: NO_ARGS,
    isEnabled: () => editor.editing === null,
    execute: () => {
      const profiles = model.store.options.profiles;
      editor.open(
        withDefaults({ name: uniqueName(profiles, trans.__('cluster')) }),
        null
      );
      openPanel();
    }
  });
  commands.addCommand(CommandIDs.editProfile, {
    label: trans.__('Edit Cluster Profile'),
    caption: trans.__('Edit the active cluster profile'),
    describedBy: NO_ARGS,
    isEnabled: () => hasProfile() && editor.editing === null,
    execute: () => {
      const profile = model.profile;
      if (profile) {
        editor.open(profile, profile.name);
        openPanel();
      }
    }
  });
  commands.addCommand(CommandIDs.deleteProfile, {
    label: trans.__('Delete Cluster Profile'),
    caption: trans.__(
      'Delete the active cluster profile (files already written stay)'
    ),
    describedBy: NO_ARGS,
    isEnabled: () => hasProfile() && editor.editing === null,
    execute: async () => {
      const profile = model.profile;
      if (!profile) {
        return;
      }
      const result = await showDialog({
        title: trans.__('Delete profile “%1”?', profile.name),
        body: trans.__(
          'Files already written (krb5.conf, Sparkmagic config) are left as they are.'
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.warnButton({ label: trans.__('Delete') })
        ]
      });
      if (result.button.accept) {
        await report(model.store.remove(profile.name));
      }
    }
  });
  // Enabled states follow the model and the editor.
  model.changed.connect(() => commands.notifyCommandChanged());
  editor.changed.connect(() => commands.notifyCommandChanged());
}

/** Asks for the new principal (and keytab for keytab profiles), then switches. */
async function switchUser(
  model: KerberosModel,
  trans: TranslationBundle
): Promise<void> {
  const profile = model.profile;
  if (!profile) {
    return;
  }
  const principal = await InputDialog.getText({
    title: trans.__('Switch user'),
    label: trans.__('Sign in as (user or user@REALM)'),
    placeholder: profile.principal,
    okLabel: trans.__('Switch')
  });
  if (!principal.button.accept || !principal.value) {
    return;
  }
  let keytab: string | undefined;
  if (profile.signIn === 'keytab') {
    const answer = await InputDialog.getText({
      title: trans.__('Switch user'),
      label: trans.__('Keytab of %1', principal.value),
      text: profile.keytab,
      okLabel: trans.__('Switch')
    });
    if (!answer.button.accept || !answer.value) {
      return;
    }
    keytab = answer.value;
  }
  await model.switchUser(principal.value.trim(), keytab?.trim());
}

async function kernelspecsOf(
  manager: JupyterFrontEnd['serviceManager']
): Promise<IKernelSpecInfo[]> {
  await manager.kernelspecs.ready;
  const specs = manager.kernelspecs.specs?.kernelspecs ?? {};
  return Object.values(specs)
    .filter((s): s is NonNullable<typeof s> => !!s)
    .map(s => ({
      name: s.name,
      argv: s.argv,
      display_name: s.display_name,
      language: s.language,
      env: s.env as Record<string, string> | undefined,
      metadata: s.metadata as Record<string, unknown> | undefined
    }));
}

function addKeyBindings(app: JupyterFrontEnd): void {
  const inPanel = `#${PANEL_ID}`;
  const bindings: [string, string, string][] = [
    [CommandIDs.open, 'Accel Alt K', 'body'],
    [CommandIDs.signIn, 'Alt I', inPanel],
    [CommandIDs.signOut, 'Alt O', inPanel],
    [CommandIDs.refresh, 'Alt R', inPanel],
    [CommandIDs.apply, 'Alt P', inPanel]
  ];
  for (const [command, key, selector] of bindings) {
    app.commands.addKeyBinding({ command, keys: [key], selector });
  }
}

export default plugin;
