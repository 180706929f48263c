import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { ISignal } from '@lumino/signaling';
import type { KerberosModel } from '../model/model';
import type { SessionFailures } from '../model/session-failures';
import type { SparkSessions } from '../model/spark-sessions';
import type { ProfileEditor } from './profile-editor';

/** What the panel's sections render and act on. */
export interface IPanelContext {
  model: KerberosModel;
  sessions: SparkSessions;
  /** A Sparkmagic kernel finished some work or went away: its Livy session may have changed. */
  kernelsSettled: ISignal<unknown, void>;
  failures: SessionFailures;
  commands: CommandRegistry;
  trans: TranslationBundle;
  editor: ProfileEditor;
}
