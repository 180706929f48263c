/**
 * The extension's commands (palette, panel buttons; key bindings in
 * schema/plugin.json). They load with the model, after JupyterLab has started.
 */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import {
  Dialog,
  InputDialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { IProfile, withDefaults } from '../core/profile';
import { PreviewOutdatedError } from '../model/apply-state';
import type { KerberosModel } from '../model/model';
import { uniqueName } from '../lab/settings';
import { Reason, firstOf, reasons } from './action-reasons';
import { CommandIDs } from './command-ids';
import { kerberosIcon } from './icon';
import type { ProfileEditor } from './profile-editor';

const NO_ARGS = { args: { type: 'object', properties: {} } };

export interface ICommandContext {
  model: KerberosModel;
  editor: ProfileEditor;
  trans: TranslationBundle;
  openPanel: () => void;
  terminals: boolean;
}

/** Registers every command of the extension. */
export function addCommands(
  app: JupyterFrontEnd,
  context: ICommandContext
): void {
  const { model, editor, trans, openPanel } = context;
  const { commands } = app;
  const why = reasons({ ...context, commands });
  // Disabled, the caption is the reason (palette and panel tooltips).
  const guarded = (reason: Reason, caption: string) => ({
    isEnabled: () => reason() === null,
    caption: () => reason() ?? caption
  });
  const ticketAction = firstOf(why.idle, why.profile, why.ticket);
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
    caption: trans.__(
      'Read the ticket cache again (klist) and check the server’s set-up (Kerberos tools, kernelspecs) again'
    ),
    describedBy: NO_ARGS,
    execute: () => report(model.refreshAll())
  });
  commands.addCommand(CommandIDs.signIn, {
    label: trans.__('Sign In'),
    ...guarded(
      firstOf(why.idle, why.profile, why.terminals, why.signInTerminal),
      trans.__(
        'Get a Kerberos ticket: type your password in a terminal, or use the keytab'
      )
    ),
    describedBy: NO_ARGS,
    execute: () => report(model.signIn())
  });
  commands.addCommand(CommandIDs.signOut, {
    label: trans.__('Sign Out'),
    ...guarded(ticketAction, trans.__('Destroy the ticket cache (kdestroy)')),
    describedBy: NO_ARGS,
    execute: () => report(model.signOut())
  });
  commands.addCommand(CommandIDs.switchUser, {
    label: trans.__('Switch User…'),
    ...guarded(
      firstOf(ticketAction, why.terminals),
      trans.__(
        'Stop Sparkmagic kernels (their Livy sessions end), sign out, sign in as another principal and start them again'
      )
    ),
    describedBy: NO_ARGS,
    execute: () => report(switchUser(model, trans))
  });
  commands.addCommand(CommandIDs.renew, {
    label: trans.__('Renew Ticket'),
    ...guarded(
      ticketAction,
      trans.__('Renew the ticket without a password while it is renewable')
    ),
    describedBy: NO_ARGS,
    execute: () => report(model.renew())
  });
  commands.addCommand(CommandIDs.apply, {
    label: trans.__('Apply Configuration…'),
    ...guarded(
      firstOf(why.idle, why.profile, why.terminals, why.notEditing),
      trans.__(
        'Preview and write krb5.conf and the Sparkmagic configuration for the active profile'
      )
    ),
    describedBy: NO_ARGS,
    execute: () =>
      report(
        (async () => {
          const plan = await model.planApply();
          const { confirmApply } = await import('./apply-dialog');
          if (await confirmApply(plan, trans)) {
            const record = await model.apply(plan).catch(reason => {
              if (!(reason instanceof PreviewOutdatedError)) {
                throw reason;
              }
              Notification.warning(reason.message, {
                actions: [
                  {
                    label: trans.__('Preview again'),
                    callback: () => void commands.execute(CommandIDs.apply)
                  }
                ]
              });
              return null;
            });
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
    isEnabled: () => why.idle() === null && model.staleKernels.length > 0,
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
  // The form (rjsf) loads with the first editor, not with the commands.
  const openEditor = async (profile: IProfile, previous: string | null) => {
    const { openProfileEditor } = await import('./profile-editor-widget');
    openProfileEditor({ app, model, editor, trans }, profile, previous);
  };
  commands.addCommand(CommandIDs.addProfile, {
    label: trans.__('Add Cluster Profile'),
    caption: trans.__('Create a new cluster profile'),
    describedBy: NO_ARGS,
    execute: () => {
      const profiles = model.store.options.profiles;
      return openEditor(
        withDefaults({ name: uniqueName(profiles, trans.__('cluster')) }),
        null
      );
    }
  });
  commands.addCommand(CommandIDs.editProfile, {
    label: trans.__('Edit Cluster Profile'),
    ...guarded(why.profile, trans.__('Edit the active cluster profile')),
    describedBy: NO_ARGS,
    execute: () => {
      const profile = model.profile;
      return profile ? openEditor(profile, profile.name) : undefined;
    }
  });
  commands.addCommand(CommandIDs.deleteProfile, {
    label: trans.__('Delete Cluster Profile'),
    ...guarded(
      firstOf(why.profile, why.notEditing),
      trans.__('Delete the active cluster profile (files already written stay)')
    ),
    describedBy: NO_ARGS,
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
