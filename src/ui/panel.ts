/**
 * The left sidebar panel: a toolbar of the ticket's actions and the checks
 * over the sections (next step, ticket, Spark sessions, cluster profile).
 * Only this shell exists at start-up; the toolbar and the sections load the
 * first time the panel is shown once the model is attached.
 */
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { SidePanel } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { kerberosIcon } from './icon';
import type { IPanelContext } from './panel-context';

export const PANEL_ID = 'jp-SparkKerberos-panel';

export class KerberosPanel extends SidePanel {
  constructor(options: KerberosPanel.IOptions) {
    super({ translator: options.translator });
    const { trans } = options;
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

  /** Connects the panel to the model; the sections follow when it is shown. */
  attach(context: IPanelContext): void {
    this._context = context;
    if (this.isVisible) {
      this._show();
    }
  }

  protected onBeforeShow(msg: Message): void {
    super.onBeforeShow(msg);
    this._show();
  }

  private _show(): void {
    const context = this._context;
    if (!context) {
      return;
    }
    void context.model.refresh();
    void context.model.checkFiles();
    if (!this._loading) {
      this._loading = import('./panel-sections').then(
        ({ createFailureView, createSections, fillToolbar }) => {
          fillToolbar(this.toolbar, context.commands, context.trans);
          this.header.addWidget(createFailureView(context));
          for (const section of createSections(context)) {
            this.addWidget(section);
          }
        }
      );
    }
  }

  private _context: IPanelContext | null = null;
  private _loading: Promise<void> | null = null;
}

export namespace KerberosPanel {
  export interface IOptions {
    trans: TranslationBundle;
    translator?: ITranslator;
  }
}
