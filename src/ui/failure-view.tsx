/**
 * "Spark session failed": shown while the last cell of a Sparkmagic
 * notebook failed with a session failure, with its explanation and the one
 * action that makes the next cell work.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';
import type { SessionFailures } from '../model/session-failures';
import { Explained } from './ticket-view';

interface IProps {
  failures: SessionFailures;
  trans: TranslationBundle;
}

function Failure(props: IProps): JSX.Element | null {
  const { failures, trans } = props;
  const failure = failures.current;
  if (!failure) {
    return null;
  }
  const seconds = failures.raisedTo;
  const label =
    failure.remedy === 'timeout' && seconds !== null
      ? trans.__(
          'Raise the start-up timeout to %1 s, apply and restart the kernel',
          seconds
        )
      : trans.__('Restart the kernel');
  return (
    <div className="jp-SparkKerberos-sessionFailure">
      <p>{trans.__('A cell of %1 failed:', failure.notebook)}</p>
      <Explained error={failure.explanation} />
      {failures.error && (
        <p className="jp-SparkKerberos-formProblem" role="alert">
          {failures.error}
        </p>
      )}
      <div className="jp-SparkKerberos-actions">
        {failure.remedy !== 'none' && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            disabled={failures.busy}
            onClick={() => void failures.act()}
          >
            {failures.busy ? trans.__('Working…') : label}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled"
          disabled={failures.busy}
          onClick={() => failures.clear()}
        >
          {trans.__('Dismiss')}
        </button>
      </div>
    </div>
  );
}

export class FailureView extends ReactWidget {
  constructor(private _props: IProps) {
    super();
    this.addClass('jp-SparkKerberos-failure');
    this.setHidden(_props.failures.current === null);
    _props.failures.changed.connect(() => {
      this.setHidden(_props.failures.current === null);
    }, this);
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._props.failures.changed}>
        {() => <Failure {...this._props} />}
      </UseSignal>
    );
  }
}
