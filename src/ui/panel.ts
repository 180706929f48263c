/**
 * The left sidebar panel: the ticket section above the profile section.
 * The sections load the first time the panel is shown, so start-up only
 * pays for this shell and the status bar item.
 */
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { SidePanel } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import type { KerberosModel } from '../model/model';
import { kerberosIcon } from './icon';
import type { ProfileEditor } from './profile-editor';

export const PANEL_ID = 'jp-SparkKerberos-panel';

export class KerberosPanel extends SidePanel {
  constructor(options: KerberosPanel.IOptions) {
    super({ translator: options.translator });
    const { trans } = options;
    this._options = options;
    this.id = PANEL_ID;
    this.addClass('jp-SparkKerberos');
    this.title.icon = kerberosIcon;
    this.title.caption = trans.__('Spark Kerberos');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Spark Kerberos'));
    const heading = document.createElement('h2');
    heading.textContent = trans.__('Spark Kerberos');
    heading.className = 'jp-SparkKerberos-title';
    this.header.addWidget(new Widget({ node: heading }));
  }

  /** Resolves when the sections are in place. */
  get ready(): Promise<void> {
    return this._load();
  }

  protected onBeforeShow(msg: Message): void {
    super.onBeforeShow(msg);
    void this._load();
    void this._options.model.refresh();
  }

  private _load(): Promise<void> {
    if (!this._loading) {
      this._loading = import('./panel-sections').then(({ createSections }) => {
        for (const section of createSections(this._options)) {
          this.addWidget(section);
        }
      });
    }
    return this._loading;
  }

  private _options: KerberosPanel.IOptions;
  private _loading: Promise<void> | null = null;
}

export namespace KerberosPanel {
  export interface IOptions {
    model: KerberosModel;
    commands: CommandRegistry;
    trans: TranslationBundle;
    translator?: ITranslator;
    editor: ProfileEditor;
  }
}
