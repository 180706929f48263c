/**
 * A notification when the ticket enters the warning window (and automatic
 * renewal did not push it out), offering to sign in again.
 */
import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { KerberosModel } from '../model/model';
import { timeLeft, type ICacheSnapshot } from '../core/ticket/status';
import { CommandIDs } from './command-ids';
import { formatTimeLeft } from './duration';

export function notifyBeforeExpiry(
  model: KerberosModel,
  commands: CommandRegistry,
  trans: TranslationBundle
): void {
  let shown: string | null = null;
  model.expiring.connect((_, snapshot: ICacheSnapshot) => {
    const left = timeLeft(snapshot, model.now) ?? 0;
    if (shown) {
      Notification.dismiss(shown);
    }
    shown = Notification.warning(
      trans.__(
        'Your Kerberos ticket for %1 expires in %2.',
        snapshot.principal ?? '',
        formatTimeLeft(left, trans)
      ),
      {
        autoClose: false,
        actions: [
          {
            label: trans.__('Sign in again'),
            caption: trans.__('Get a new Kerberos ticket'),
            callback: () => void commands.execute(CommandIDs.signIn)
          }
        ]
      }
    );
  });
}
