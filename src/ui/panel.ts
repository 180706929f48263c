/**
 * The left sidebar panel: a toolbar of the ticket's actions and the checks
 * over the sections (next step, ticket, Spark sessions, cluster profile).
 * Only this shell exists at start-up. Once the model is attached, the
 * sections' code loads when the browser is idle, so the first open builds
 * them at once instead of waiting for a fetch.
 */
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { SidePanel } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { kerberosIcon } from './icon';
import type { IPanelContext } from './panel-context';

export const PANEL_ID = 'jp-SparkKerberos-panel';

type Sections = typeof import('./panel-sections');

/** When the browser is idle, at most 5 s on; Safari, without requestIdleCallback, after 1 s. */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(fn, { timeout: 5000 });
  } else {
    setTimeout(fn, 1000);
  }
}

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
    } else {
      whenIdle(() => void this._load().catch(() => undefined));
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
    if (this._sections) {
      this._sections.showSections(this, context);
    } else {
      void this._load().then(sections => sections.showSections(this, context));
    }
  }

  /** The sections' code, fetched once (again after a failed fetch). */
  private _load(): Promise<Sections> {
    this._loading ??= import('./panel-sections').then(
      sections => (this._sections = sections),
      reason => {
        this._loading = null;
        throw reason;
      }
    );
    return this._loading;
  }

  private _context: IPanelContext | null = null;
  private _loading: Promise<Sections> | null = null;
  private _sections: Sections | null = null;
}

export namespace KerberosPanel {
  export interface IOptions {
    trans: TranslationBundle;
    translator?: ITranslator;
  }
}
