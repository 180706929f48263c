/**
 * The "Spark sessions" section: the signed-in user's Livy sessions through
 * the load balancer, each with Delete, and "Delete idle sessions". The list
 * is read on demand, after each sign-in or user switch, and when a Sparkmagic
 * kernel has finished a cell or shut down (while hidden: when next shown).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import type { ISignal } from '@lumino/signaling';
import * as React from 'react';
import type { SparkSessions } from '../model/spark-sessions';
import { CommandIDs } from './command-ids';
import { formatTime } from './duration';
import { SessionRow } from './session-row';
import { Explained } from './ticket-view';

/** Rows rendered at most; a longer list says how many more there are. */
export const MAX_ROWS = 100;

interface IProps {
  sessions: SparkSessions;
  kernelsSettled: ISignal<unknown, void>;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

function SessionList(props: IProps): JSX.Element {
  const { sessions, commands, trans } = props;
  const error = sessions.error;
  return (
    <div className="jp-SparkKerberos-sparkSessions">
      <div className="jp-SparkKerberos-actions">
        {[CommandIDs.refreshSessions, CommandIDs.deleteIdleSessions].map(id => (
          <button
            key={id}
            type="button"
            className="jp-mod-styled"
            disabled={!commands.isEnabled(id)}
            title={commands.caption(id)}
            onClick={() => void commands.execute(id)}
          >
            {commands.label(id)}
          </button>
        ))}
      </div>
      <p className="jp-SparkKerberos-note" role="status" aria-live="polite">
        {sessions.busy
          ? trans.__('Asking Livy…')
          : sessions.updated === null
            ? error
              ? trans.__('The list could not be read.')
              : trans.__('Not read yet.')
            : sessions.sessions.length === 0
              ? trans.__(
                  'No Spark sessions of yours on Livy (%1).',
                  formatTime(sessions.updated)
                )
              : trans._n(
                  '%1 session on Livy (%2).',
                  '%1 sessions on Livy (%2).',
                  sessions.sessions.length,
                  formatTime(sessions.updated)
                )}
      </p>
      {error && <Explained error={error} />}
      <ul className="jp-SparkKerberos-sparkSessionList">
        {sessions.sessions.slice(0, MAX_ROWS).map(row => (
          <SessionRow
            key={row.id}
            row={row}
            sessions={sessions}
            trans={trans}
          />
        ))}
      </ul>
      {sessions.sessions.length > MAX_ROWS && (
        <p className="jp-SparkKerberos-note">
          {trans.__(
            '%1 more not shown; Delete idle sessions covers them too.',
            sessions.sessions.length - MAX_ROWS
          )}
        </p>
      )}
    </div>
  );
}

export class SessionsView extends ReactWidget {
  constructor(private _props: IProps) {
    super();
    this.addClass('jp-SparkKerberos-section');
    this.title.label = _props.trans.__('Spark sessions');
    _props.kernelsSettled.connect(this._onKernelsSettled, this);
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (this._stale) {
      this._stale = false;
      void this._props.sessions.refresh();
    }
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._props.sessions.changed}>
        {() => <SessionList {...this._props} />}
      </UseSignal>
    );
  }

  private _onKernelsSettled(): void {
    if (this.isVisible) {
      void this._props.sessions.refresh();
    } else {
      this._stale = true;
    }
  }

  /** A kernel settled while the section was hidden. */
  private _stale = false;
}
