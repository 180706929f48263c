/**
 * The lifecycle export's result: each SageMaker script and its base64 form,
 * its size against SageMaker's limit, the `aws` command line, and copy /
 * download buttons. Loaded only when the command runs, together with the
 * lifecycle renderer.
 */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { LIFECYCLE_MAX_CHARS } from '../core/lifecycle';
import type {
  ILifecycleExport,
  ILifecycleScript
} from '../core/lifecycle/export';

/** Saves a script through the browser, as a file the user names. */
export function download(file: string, text: string): void {
  const url = URL.createObjectURL(
    new Blob([text], { type: 'text/x-shellscript' })
  );
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

function hookTitle(
  hook: ILifecycleScript['hook'],
  platform: ILifecycleExport['platform'],
  trans: TranslationBundle
) {
  if (platform === 'studio') {
    return trans.__('Start JupyterLab space');
  }
  return hook === 'on-start'
    ? trans.__('Start notebook (on-start)')
    : trans.__('Create notebook (on-create)');
}

function ScriptSection(props: {
  script: ILifecycleScript;
  platform: ILifecycleExport['platform'];
  trans: TranslationBundle;
}): JSX.Element {
  const { script, trans } = props;
  const title = hookTitle(script.hook, props.platform, trans);
  const over = script.base64.length > LIFECYCLE_MAX_CHARS;
  return (
    <section
      className="jp-SparkKerberos-lifecycleScript"
      aria-label={title}
      data-hook={script.hook}
    >
      <h3>{title}</h3>
      <p
        className={`jp-SparkKerberos-lifecycleSize${over ? ' jp-mod-over' : ''}`}
      >
        {trans.__(
          '%1 characters in base64 of the %2 SageMaker allows (%3 as text).',
          script.base64.length,
          LIFECYCLE_MAX_CHARS,
          script.text.length
        )}
      </p>
      <textarea
        className="jp-SparkKerberos-lifecycleText"
        aria-label={trans.__('%1: script', title)}
        data-form="text"
        readOnly
        rows={10}
        value={script.text}
      />
      <textarea
        className="jp-SparkKerberos-lifecycleText"
        aria-label={trans.__('%1: base64', title)}
        data-form="base64"
        readOnly
        rows={3}
        value={script.base64}
      />
      <div className="jp-SparkKerberos-lifecycleActions">
        <button
          className="jp-Button jp-mod-styled jp-mod-reject"
          onClick={() => Clipboard.copyToSystem(script.text)}
        >
          {trans.__('Copy script')}
        </button>
        <button
          className="jp-Button jp-mod-styled jp-mod-reject"
          onClick={() => Clipboard.copyToSystem(script.base64)}
        >
          {trans.__('Copy base64')}
        </button>
        <button
          className="jp-Button jp-mod-styled jp-mod-reject"
          aria-label={trans.__('Download %1', script.file)}
          onClick={() => download(script.file, script.text)}
        >
          {trans.__('Download')}
        </button>
      </div>
    </section>
  );
}

export function LifecycleBody(props: {
  lifecycle: ILifecycleExport;
  trans: TranslationBundle;
}): JSX.Element {
  const { lifecycle, trans } = props;
  const studio = lifecycle.platform === 'studio';
  return (
    <div className="jp-SparkKerberos-lifecycle">
      <p>
        {studio
          ? trans.__(
              'The script runs as sagemaker-user at each start of a SageMaker Studio JupyterLab space; /etc and /opt/conda start fresh each time, the home directory persists.'
            )
          : trans.__(
              'The scripts run as root at each create and start of a SageMaker notebook instance; logs go to CloudWatch.'
            )}
      </p>
      {lifecycle.scripts.map(s => (
        <ScriptSection
          key={s.hook}
          script={s}
          platform={lifecycle.platform}
          trans={trans}
        />
      ))}
      <section aria-label={trans.__('AWS CLI command')}>
        <h3>{trans.__('AWS CLI command')}</h3>
        <p>
          {studio
            ? trans.__(
                'Run it where the downloaded script is, with credentials allowed to create lifecycle configurations and update the domain or user profile; fill in the <domain-id> and <user-profile>.'
              )
            : trans.__(
                'Run it where the downloaded scripts are, with credentials allowed to create lifecycle configurations.'
              )}
        </p>
        <pre className="jp-SparkKerberos-lifecycleCommand">
          {lifecycle.command}
        </pre>
        <div className="jp-SparkKerberos-lifecycleActions">
          <button
            className="jp-Button jp-mod-styled jp-mod-reject"
            onClick={() => Clipboard.copyToSystem(lifecycle.command)}
          >
            {trans.__('Copy command')}
          </button>
        </div>
      </section>
      <section aria-label={trans.__('Logs')}>
        <h3>{trans.__('Logs')}</h3>
        <p className="jp-SparkKerberos-lifecycleLogs">
          {trans.__(
            'CloudWatch log group %1, stream %2. Every line starts with [sparkmagic-kerberos] and the step.',
            lifecycle.logGroup,
            lifecycle.logStream
          )}
        </p>
      </section>
    </div>
  );
}

export async function showLifecycle(
  lifecycle: ILifecycleExport,
  profileName: string,
  trans: TranslationBundle
): Promise<void> {
  await showDialog({
    title: trans.__('SageMaker Lifecycle Configuration for “%1”', profileName),
    body: <LifecycleBody lifecycle={lifecycle} trans={trans} />,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}
