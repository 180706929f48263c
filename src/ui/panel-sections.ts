/** The panel's toolbar and sections, loaded the first time the panel is shown. */
import type { Widget } from '@lumino/widgets';
import { GuideView } from './guide-view';
import type { IPanelContext } from './panel-context';
import { ProfileView } from './profile-view';
import { SessionsView } from './sessions-view';
import { TicketView } from './ticket-view';

export { fillToolbar } from './panel-toolbar';

export function createSections(options: IPanelContext): Widget[] {
  return [
    new GuideView(options),
    new TicketView(options),
    new SessionsView(options),
    new ProfileView(options)
  ];
}
