/**
 * The ticket section: state, then a card with the principal, the service,
 * time left, expiry and renew-until (times in the user's named time zone),
 * every ticket in the cache on demand, the last renewal and the last
 * failure explained. The actions are in the panel's toolbar. Countdowns
 * tick on a one-second clock; no klist runs for them.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';
import type { IExplanation } from '../core/explain/explain';
import type { KerberosModel } from '../model/model';
import type { ITicket } from '../core/ticket/status';
import { BreakAt, PATH_SEPARATORS } from './break-at';
import { formatTime, formatTimeLeft } from './duration';
import { stateLabel, useNow } from './state-label';

interface IViewProps {
  model: KerberosModel;
  trans: TranslationBundle;
}

function TicketDetails(props: IViewProps): JSX.Element {
  const { model, trans } = props;
  const now = useNow(model);
  const snapshot = model.snapshot;
  const state = model.state(now);
  const main = snapshot.main;
  const signedIn = state === 'signed-in' || state === 'expiring';
  return (
    <div className="jp-SparkKerberos-ticket">
      <p
        className={`jp-SparkKerberos-state jp-mod-${state}`}
        role="status"
        aria-live="polite"
      >
        <span className="jp-SparkKerberos-stateLabel">
          {stateLabel(state, trans)}
        </span>
      </p>
      {(snapshot.principal || main) && (
        <dl className="jp-SparkKerberos-card">
          {snapshot.principal && (
            <>
              <dt>{trans.__('Principal')}</dt>
              <dd className="jp-SparkKerberos-principal">
                <code>
                  <BreakAt text={snapshot.principal} />
                </code>
                {snapshot.otherPrincipal && (
                  <span className="jp-SparkKerberos-note">
                    {' '}
                    {trans.__('(not the profile’s principal)')}
                  </span>
                )}
              </dd>
            </>
          )}
          {main && (
            <>
              <dt>{trans.__('Service')}</dt>
              <dd>
                <code>
                  <BreakAt text={main.server} />
                </code>
              </dd>
              <dt>{trans.__('Time left')}</dt>
              <dd className="jp-SparkKerberos-countdown">
                {main.expires === null || !signedIn
                  ? trans.__('expired')
                  : formatTimeLeft(main.expires - now, trans)}
              </dd>
              <dt>{trans.__('Expires')}</dt>
              <dd>{formatTime(main.expires)}</dd>
              <dt>{trans.__('Renew until')}</dt>
              <dd>
                {main.renewUntil === null
                  ? trans.__('not renewable')
                  : formatTime(main.renewUntil)}
              </dd>
            </>
          )}
        </dl>
      )}
      {model.activity === 'sign-in' && (
        <p className="jp-SparkKerberos-note" role="status">
          {trans.__(
            'Type your password in the terminal that opened; this panel updates when kinit finishes.'
          )}
        </p>
      )}
      {snapshot.tickets.length > 0 && (
        <details className="jp-SparkKerberos-tickets">
          <summary>
            {trans._n(
              'Ticket cache: %1 ticket',
              'Ticket cache: %1 tickets',
              snapshot.tickets.length
            )}
          </summary>
          <p className="jp-SparkKerberos-note">
            <code>
              <BreakAt
                text={snapshot.cache ?? ''}
                separators={`:${PATH_SEPARATORS}`}
              />
            </code>
          </p>
          <ul>
            {snapshot.tickets.map((t, i) => (
              <TicketItem
                key={i}
                ticket={t}
                main={t === main}
                now={now}
                trans={trans}
              />
            ))}
          </ul>
        </details>
      )}
      {model.lastRenewal !== null && (
        <p className="jp-SparkKerberos-note">
          {trans.__('Last renewal: %1', formatTime(model.lastRenewal))}
        </p>
      )}
      <ErrorBox model={model} trans={trans} />
      {model.warning && (
        <div className="jp-SparkKerberos-warning" role="status">
          <p>
            <strong>{model.warning.title}</strong>
          </p>
          <p>{model.warning.fix}</p>
        </div>
      )}
    </div>
  );
}

/** One ticket of the cache with its times and flags. */
function TicketItem(props: {
  ticket: ITicket;
  main: boolean;
  now: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { ticket: t, now, trans } = props;
  return (
    <li
      className={`jp-SparkKerberos-ticketItem${props.main ? ' jp-mod-main' : ''}`}
    >
      <code className="jp-SparkKerberos-service">
        <BreakAt text={t.server} />
      </code>
      <dl>
        <dt>{trans.__('Valid from')}</dt>
        <dd>{formatTime(t.start)}</dd>
        <dt>{trans.__('Expires')}</dt>
        <dd>
          {formatTime(t.expires)}{' '}
          <span className="jp-SparkKerberos-note">
            (
            {t.expires === null || t.expired
              ? trans.__('expired')
              : trans.__('%1 left', formatTimeLeft(t.expires - now, trans))}
            )
          </span>
        </dd>
        <dt>{trans.__('Renew until')}</dt>
        <dd>
          {t.renewUntil === null
            ? trans.__('not renewable')
            : formatTime(t.renewUntil)}
        </dd>
        <dt>{trans.__('Flags')}</dt>
        <dd>
          <code>{t.flags || '—'}</code>
        </dd>
      </dl>
    </li>
  );
}

/** The last failure (or the cache error) with its cause and fix. */
export function ErrorBox(props: {
  model: KerberosModel;
  trans: TranslationBundle;
}): JSX.Element | null {
  const error = props.model.lastError ?? props.model.snapshot.error;
  return error ? <Explained error={error} /> : null;
}

/** A failure with its code, cause and fix. */
export function Explained(props: { error: IExplanation }): JSX.Element {
  const { error } = props;
  return (
    <div className="jp-SparkKerberos-error" role="alert">
      <p>
        <strong>{error.title}</strong> <code>{error.code}</code>
      </p>
      <p>{error.fix}</p>
    </div>
  );
}

/** The ticket section of the panel. */
export class TicketView extends ReactWidget {
  constructor(private _props: IViewProps) {
    super();
    this.addClass('jp-SparkKerberos-section');
    this.title.label = _props.trans.__('Kerberos ticket');
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._props.model.changed}>
        {() => <TicketDetails {...this._props} />}
      </UseSignal>
    );
  }
}
