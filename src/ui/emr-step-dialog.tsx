/**
 * The EMR step export's result: the script, what it does, the `aws`
 * commands that run it on the primary node, and copy / download buttons.
 * Loaded only when the command runs, together with the step renderer.
 */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { IEmrStepExport } from '../core/emr-step/export';
import { download } from './lifecycle-dialog';

export function EmrStepBody(props: {
  step: IEmrStepExport;
  trans: TranslationBundle;
}): JSX.Element {
  const { step, trans } = props;
  return (
    <div className="jp-SparkKerberos-lifecycle jp-SparkKerberos-emrStep">
      <p>
        {trans.__(
          "For the cluster's administrator: run it on the EMR primary node (as an EMR step, or as root). It creates the load balancer's HTTP principal when missing, exports it and Livy's principal into Livy's keytab without changing any key version, turns on SPNEGO and impersonation in livy.conf, sets Livy's proxy-user rights, creates the HDFS homes, restarts Livy when something changed and checks the result. A second run changes nothing."
        )}
      </p>
      <section aria-label={trans.__('EMR step script')}>
        <h3>{step.file}</h3>
        <textarea
          className="jp-SparkKerberos-lifecycleText"
          aria-label={trans.__('EMR step script')}
          readOnly
          rows={12}
          value={step.text}
        />
        <div className="jp-SparkKerberos-lifecycleActions">
          <button
            className="jp-Button jp-mod-styled jp-mod-reject"
            onClick={() => Clipboard.copyToSystem(step.text)}
          >
            {trans.__('Copy script')}
          </button>
          <button
            className="jp-Button jp-mod-styled jp-mod-reject"
            aria-label={trans.__('Download %1', step.file)}
            onClick={() => download(step.file, step.text)}
          >
            {trans.__('Download')}
          </button>
        </div>
      </section>
      <section aria-label={trans.__('AWS CLI commands')}>
        <h3>{trans.__('AWS CLI commands')}</h3>
        <p>
          {trans.__(
            'Run them where the downloaded script is, with your bucket and cluster id.'
          )}
        </p>
        <pre className="jp-SparkKerberos-lifecycleCommand">{step.command}</pre>
        <div className="jp-SparkKerberos-lifecycleActions">
          <button
            className="jp-Button jp-mod-styled jp-mod-reject"
            onClick={() => Clipboard.copyToSystem(step.command)}
          >
            {trans.__('Copy commands')}
          </button>
        </div>
      </section>
    </div>
  );
}

export async function showEmrStep(
  step: IEmrStepExport,
  profileName: string,
  trans: TranslationBundle
): Promise<void> {
  await showDialog({
    title: trans.__('Cluster Step for “%1”', profileName),
    body: <EmrStepBody step={step} trans={trans} />,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}
