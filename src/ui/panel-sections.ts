/**
 * The panel's toolbar and sections, loaded when the browser is idle after
 * start-up (or at the first open, if that comes first). The first open
 * renders what it shows at once, in one synchronous React pass: the
 * toolbar, the next step and the ticket are in its first frame. The
 * sections below them, and the checks the open starts, follow that frame.
 */
import type { SidePanel } from '@jupyterlab/ui-components';
import { flushSync } from 'react-dom';
import { FailureView } from './failure-view';
import { GuideView } from './guide-view';
import type { IPanelContext } from './panel-context';
import { fillToolbar } from './panel-toolbar';
import { ProfileView } from './profile-view';
import { SessionsView } from './sessions-view';
import { TicketView } from './ticket-view';

const filled = new WeakSet<SidePanel>();

/** Runs `fn` once the next frame has been painted. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn));
}

/** Fills `panel` on its first show; every show reads the ticket and the files again. */
export function showSections(panel: SidePanel, context: IPanelContext): void {
  if (!filled.has(panel)) {
    filled.add(panel);
    flushSync(() => {
      fillToolbar(panel.toolbar, context.commands, context.trans);
      // Above the sections, shown only while a notebook's Spark session failed.
      panel.header.addWidget(new FailureView(context));
      panel.addWidget(new GuideView(context));
      panel.addWidget(new TicketView(context));
    });
    afterPaint(() => {
      panel.addWidget(new SessionsView(context));
      panel.addWidget(new ProfileView(context));
    });
  }
  afterPaint(() => {
    void context.model.refresh();
    void context.model.checkFiles();
  });
}
