/** Words for the ticket state and a clock hook, shared by the panel and the status bar. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { KerberosModel } from '../model/model';
import type { TicketState } from '../core/ticket/status';

/** Label of each state, for the panel and the status bar. */
export function stateLabel(
  state: TicketState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'signed-in':
      return trans.__('Signed in');
    case 'expiring':
      return trans.__('Expiring soon');
    case 'expired':
      return trans.__('Expired');
    case 'no-ticket':
      return trans.__('No ticket');
    case 'no-tools':
      return trans.__('No Kerberos tools (kinit/klist not found)');
    case 'no-terminals':
      return trans.__('Terminals are disabled on this server');
    case 'error':
      return trans.__('Cannot read the ticket cache');
    default:
      return trans.__('Checking…');
  }
}

/** Re-renders every `ms` with the model's clock. */
export function useNow(model: KerberosModel, ms = 1000): number {
  const [now, setNow] = React.useState(model.now);
  React.useEffect(() => {
    const timer = setInterval(() => setNow(model.now), ms);
    return () => clearInterval(timer);
  }, [model, ms]);
  return now;
}
