import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { KerberosModel } from '../model/model';
import type { SparkSessions } from '../model/spark-sessions';
import type { ProfileEditor } from './profile-editor';

/** What the panel's sections render and act on. */
export interface IPanelContext {
  model: KerberosModel;
  sessions: SparkSessions;
  commands: CommandRegistry;
  trans: TranslationBundle;
  editor: ProfileEditor;
}
