/**
 * Status bar item: principal and time left, a warning style from
 * `warnBeforeMinutes` before expiry, and a click that opens the panel.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';
import type { KerberosModel } from '../model/model';
import { timeLeft } from '../core/ticket/status';
import { formatTimeLeft } from './duration';
import { kerberosIcon } from './icon';
import { stateLabel, useNow } from './state-label';

function StatusText(props: {
  model: KerberosModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const now = useNow(model);
  const state = model.state(now);
  const snapshot = model.snapshot;
  const left = timeLeft(snapshot, now);
  const signedIn = state === 'signed-in' || state === 'expiring';
  const text =
    signedIn && left !== null
      ? `${snapshot.principal ?? ''} · ${formatTimeLeft(left, trans)}`
      : stateLabel(state, trans);
  return (
    <span className={`jp-SparkKerberos-statusText jp-mod-${state}`}>
      <kerberosIcon.react tag="span" className="jp-SparkKerberos-statusIcon" />
      {text}
    </span>
  );
}

export class KerberosStatusItem extends ReactWidget {
  constructor(options: KerberosStatusItem.IOptions) {
    super();
    this._options = options;
    this.addClass('jp-SparkKerberos-status');
    this.node.setAttribute('role', 'button');
    this.node.tabIndex = 0;
    this.node.title = options.trans.__('Spark Kerberos: open the panel');
    this.node.setAttribute(
      'aria-label',
      options.trans.__('Kerberos ticket status; open the Spark Kerberos panel')
    );
    this.node.addEventListener('click', options.onClick);
    this.node.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        options.onClick();
      }
    });
  }

  render(): JSX.Element {
    const { model, trans } = this._options;
    return (
      <UseSignal signal={model.changed}>
        {() => <StatusText model={model} trans={trans} />}
      </UseSignal>
    );
  }

  private _options: KerberosStatusItem.IOptions;
}

export namespace KerberosStatusItem {
  export interface IOptions {
    model: KerberosModel;
    trans: TranslationBundle;
    onClick: () => void;
  }
}
