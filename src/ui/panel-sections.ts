/** The panel's toolbar and sections, loaded the first time the panel is shown. */
import type { Widget } from '@lumino/widgets';
import { FailureView } from './failure-view';
import { GuideView } from './guide-view';
import type { IPanelContext } from './panel-context';
import { ProfileView } from './profile-view';
import { SessionsView } from './sessions-view';
import { TicketView } from './ticket-view';

export { fillToolbar } from './panel-toolbar';

/** Above the sections, shown only while a notebook's Spark session failed. */
export function createFailureView(options: IPanelContext): Widget {
  return new FailureView(options);
}

export function createSections(options: IPanelContext): Widget[] {
  return [
    new GuideView(options),
    new TicketView(options),
    new SessionsView(options),
    new ProfileView(options)
  ];
}
