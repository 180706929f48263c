import { Token } from '@lumino/coreutils';
import type { KerberosModel } from './model/model';

/**
 * The Kerberos ticket and cluster profiles behind the Spark Kerberos panel.
 * The model's code loads once JupyterLab has started (it stays out of the
 * start-up bundle), so the token provides a handle at once and the model
 * through `ready`.
 */
export interface ISparkKerberos {
  /**
   * Resolves with the model once JupyterLab has started: `state()`,
   * `snapshot`, `profile`, `store`, the `changed` and `expiring` signals and
   * the actions (`refresh`, `signIn`, `renew`, `signOut`, `planApply`,
   * `apply`, …).
   */
  readonly ready: Promise<KerberosModel>;
}

export const ISparkKerberos = new Token<ISparkKerberos>(
  'jupyterlab-sparkmagic-kerberos:ISparkKerberos',
  'The Kerberos ticket state, the active cluster profile and the sign-in, renew and apply actions of the Spark Kerberos panel.'
);
