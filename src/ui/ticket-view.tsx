/**
 * The ticket section: state, principal, the actions (Sign In is a step
 * of the guide above), every ticket in the
 * cache with a live countdown, the last renewal and the last failure
 * explained. Countdowns tick on a one-second clock; no klist runs for them.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import type { IExplanation } from '../core/explain/explain';
import type { KerberosModel } from '../model/model';
import { ActionButton } from './action-button';
import { CommandIDs } from './command-ids';
import { formatTime, formatTimeLeft } from './duration';
import { stateLabel, useNow } from './state-label';

interface IViewProps {
  model: KerberosModel;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

function TicketDetails(props: IViewProps): JSX.Element {
  const { model, trans, commands } = props;
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
        {main && main.expires !== null && signedIn && (
          <span className="jp-SparkKerberos-countdown">
            {' · '}
            {trans.__('%1 left', formatTimeLeft(main.expires - now, trans))}
          </span>
        )}
      </p>
      {snapshot.principal && (
        <p className="jp-SparkKerberos-principal">
          {trans.__('Principal:')} <code>{snapshot.principal}</code>
          {snapshot.otherPrincipal && (
            <span className="jp-SparkKerberos-note">
              {' '}
              {trans.__('(not the profile’s principal)')}
            </span>
          )}
        </p>
      )}
      <div
        className="jp-SparkKerberos-actions"
        role="group"
        aria-label={trans.__('Ticket actions')}
      >
        <ActionButton commands={commands} id={CommandIDs.signOut} />
        <ActionButton commands={commands} id={CommandIDs.switchUser} />
        <ActionButton commands={commands} id={CommandIDs.renew} />
        <ActionButton commands={commands} id={CommandIDs.refresh} />
        <ActionButton commands={commands} id={CommandIDs.runDoctor} />
      </div>
      {model.activity === 'sign-in' && (
        <p className="jp-SparkKerberos-note" role="status">
          {trans.__(
            'Type your password in the terminal that opened; this panel updates when kinit finishes.'
          )}
        </p>
      )}
      {snapshot.tickets.length > 0 && (
        <section
          className="jp-SparkKerberos-tickets"
          aria-label={trans.__('Ticket cache')}
        >
          <h3>{trans.__('Ticket cache')}</h3>
          <p className="jp-SparkKerberos-note">
            <code>{snapshot.cache ?? ''}</code>
          </p>
          <ul>
            {snapshot.tickets.map((t, i) => (
              <li
                key={i}
                className={`jp-SparkKerberos-ticketItem${t === main ? ' jp-mod-main' : ''}`}
              >
                <code className="jp-SparkKerberos-service">{t.server}</code>
                <dl>
                  <dt>{trans.__('Valid from')}</dt>
                  <dd>{formatTime(t.start)}</dd>
                  <dt>{trans.__('Expires')}</dt>
                  <dd>
                    {formatTime(t.expires)}{' '}
                    <span className="jp-SparkKerberos-countdown">
                      (
                      {t.expires === null || t.expired
                        ? trans.__('expired')
                        : trans.__(
                            '%1 left',
                            formatTimeLeft(t.expires - now, trans)
                          )}
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
            ))}
          </ul>
        </section>
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
