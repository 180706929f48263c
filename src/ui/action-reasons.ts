/**
 * Why an action cannot run now, in the user's words; null when it can. The
 * commands are enabled exactly when their reason is null, and a disabled
 * button shows the reason as its tooltip and accessible description.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import { hasValidTicket } from '../model/guide-step';
import type { Activity, KerberosModel } from '../model/model';
import type { ProfileEditor } from './profile-editor';

export type Reason = () => string | null;

export interface IReasonContext {
  model: KerberosModel;
  editor: ProfileEditor;
  trans: TranslationBundle;
  commands: CommandRegistry;
  terminals: boolean;
}

/** The first reason that applies, or null. */
export function firstOf(...reasons: Reason[]): Reason {
  return () => {
    for (const reason of reasons) {
      const why = reason();
      if (why !== null) {
        return why;
      }
    }
    return null;
  };
}

/** The conditions the panel's actions share. */
export function reasons(context: IReasonContext) {
  const { model, editor, trans } = context;
  const busyLabels: Record<Activity, string> = {
    'sign-in': trans.__('Finish the sign-in in its terminal first.'),
    'sign-out': trans.__('Signing out…'),
    'switch-user': trans.__('Switching user…'),
    renew: trans.__('Renewing the ticket…'),
    apply: trans.__('Writing the configuration…'),
    restart: trans.__('Restarting kernels…')
  };
  const idle: Reason = () =>
    model.activity === null ? null : busyLabels[model.activity];
  const profile: Reason = () =>
    model.profile
      ? null
      : trans.__('Add a cluster profile first (Cluster profile, below).');
  const notEditing: Reason = () =>
    model.profile && editor.isEditing(model.profile.name)
      ? trans.__('Save or cancel the profile’s editor first.')
      : null;
  const terminals: Reason = () =>
    context.terminals
      ? null
      : trans.__(
          'This Jupyter server has terminals disabled; the panel runs kinit and writes files through them.'
        );
  const ticket: Reason = () =>
    model.snapshot.kind === 'tickets'
      ? null
      : trans.__('No ticket: sign in first.');
  const validTicket: Reason = () =>
    hasValidTicket(model.state())
      ? null
      : trans.__('No valid ticket: sign in first.');
  const applied: Reason = () =>
    model.files.status === 'pending'
      ? trans.__('Apply the configuration first.')
      : null;
  const signInTerminal: Reason = () =>
    model.profile?.signIn === 'keytab' ||
    context.commands.hasCommand('terminal:create-new')
      ? null
      : trans.__('Password sign-in needs JupyterLab’s terminal.');
  return {
    idle,
    profile,
    notEditing,
    terminals,
    ticket,
    validTicket,
    applied,
    signInTerminal
  };
}
