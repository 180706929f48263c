/**
 * The doctor's report: one row per check with pass / warn / fail, the code,
 * what was seen and the fix; "Run again" and "Verify Spark" with progress.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';
import type {
  DoctorCode,
  DoctorStatus,
  IDoctorResult
} from '../core/doctor/types';
import type { DoctorModel } from '../model/doctor';

/** Causes on the cluster that the EMR step repairs. */
const CLUSTER_CODES: readonly DoctorCode[] = [
  'UNKNOWN_SERVICE',
  'KVNO_MISMATCH',
  'IMPERSONATION_DENIED',
  'HDFS_HOME_MISSING'
];

export function statusLabel(
  status: DoctorStatus,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'pass':
      return trans.__('Pass');
    case 'warn':
      return trans.__('Warning');
    default:
      return trans.__('Fail');
  }
}

function ResultRow(props: {
  result: IDoctorResult;
  trans: TranslationBundle;
  onExportStep?: () => void;
}): JSX.Element {
  const { result, trans, onExportStep } = props;
  return (
    <li
      className={`jp-SparkKerberos-doctorRow jp-mod-${result.status}`}
      data-id={result.id}
    >
      <div className="jp-SparkKerberos-doctorHead">
        <span className="jp-SparkKerberos-doctorStatus">
          {statusLabel(result.status, trans)}
        </span>
        <span className="jp-SparkKerberos-doctorTitle">{result.title}</span>
        {result.code && (
          <code className="jp-SparkKerberos-doctorCode">{result.code}</code>
        )}
      </div>
      <p className="jp-SparkKerberos-doctorDetail">{result.detail}</p>
      {result.fix && (
        <p className="jp-SparkKerberos-doctorFix">
          <strong>{trans.__('Fix:')}</strong> {result.fix}
        </p>
      )}
      {onExportStep &&
        result.status !== 'pass' &&
        result.code !== undefined &&
        CLUSTER_CODES.includes(result.code) && (
          <button
            type="button"
            className="jp-mod-styled jp-SparkKerberos-doctorStep"
            onClick={onExportStep}
          >
            {trans.__('Export the cluster step for the administrator…')}
          </button>
        )}
    </li>
  );
}

function summary(results: IDoctorResult[], trans: TranslationBundle): string {
  const n = (s: DoctorStatus) => results.filter(r => r.status === s).length;
  return trans.__(
    '%1 failed, %2 warnings, %3 passed',
    n('fail'),
    n('warn'),
    n('pass')
  );
}

function Report(props: {
  model: DoctorModel;
  trans: TranslationBundle;
  onRun: () => void;
  onVerify: () => void;
  onExportStep?: () => void;
}): JSX.Element {
  const { model, trans, onExportStep } = props;
  const results = model.results;
  const busy = model.phase !== 'idle';
  return (
    <div className="jp-SparkKerberos-doctor">
      <div className="jp-SparkKerberos-doctorBar">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={busy}
          onClick={props.onRun}
        >
          {trans.__('Run again')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          disabled={busy || results === null}
          onClick={props.onVerify}
          title={trans.__(
            'Create a Livy session as you, run one statement, delete the session'
          )}
        >
          {trans.__('Verify Spark')}
        </button>
        <span
          className="jp-SparkKerberos-doctorSummary"
          role="status"
          aria-live="polite"
        >
          {busy
            ? model.progress
            : results
              ? `${summary(results, trans)} (${((model.elapsedMs ?? 0) / 1000).toFixed(1)} s)`
              : ''}
        </span>
      </div>
      {results && (
        <ul
          className="jp-SparkKerberos-doctorList"
          aria-label={trans.__('Doctor report')}
        >
          {results.map(r => (
            <ResultRow
              key={r.id}
              result={r}
              trans={trans}
              onExportStep={onExportStep}
            />
          ))}
        </ul>
      )}
      {model.verifyResult && (
        <ul
          className="jp-SparkKerberos-doctorList"
          aria-label={trans.__('Verify Spark')}
        >
          <ResultRow
            result={model.verifyResult}
            trans={trans}
            onExportStep={onExportStep}
          />
        </ul>
      )}
    </div>
  );
}

export class DoctorView extends ReactWidget {
  constructor(options: DoctorView.IOptions) {
    super();
    this._options = options;
    this.addClass('jp-SparkKerberos');
    this.addClass('jp-SparkKerberos-doctorView');
  }

  protected render(): JSX.Element {
    const { model, trans, onRun, onVerify, onExportStep } = this._options;
    return (
      <UseSignal signal={model.changed}>
        {() => (
          <Report
            model={model}
            trans={trans}
            onRun={onRun}
            onVerify={onVerify}
            onExportStep={onExportStep}
          />
        )}
      </UseSignal>
    );
  }

  private _options: DoctorView.IOptions;
}

export namespace DoctorView {
  export interface IOptions {
    model: DoctorModel;
    trans: TranslationBundle;
    onRun: () => void;
    onVerify: () => void;
    /** Opens the EMR step export, offered beside the causes it repairs. */
    onExportStep?: () => void;
  }
}
