/**
 * The lifecycle export's result: each SageMaker script as text and in the
 * base64 form the AWS CLI takes, its size against SageMaker's limit, the
 * `aws` command line, and copy / download buttons. Loaded only when the
 * command runs, together with the lifecycle renderer.
 */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import {
  ILifecycleOptions,
  LIFECYCLE_MAX_CHARS,
  lifecycleBase64,
  renderLifecycle
} from '../core/lifecycle';
import type { IProfile } from '../core/profile';
import { shellQuote } from '../core/shell';

export interface ILifecycleScript {
  /** The AWS CLI option that takes it: `on-start` or `on-create`. */
  hook: 'on-start' | 'on-create';
  file: string;
  text: string;
  base64: string;
}

export interface ILifecycleExport {
  configName: string;
  scripts: ILifecycleScript[];
  command: string;
}

/**
 * One field for both wheel locations (an `s3://` URI, else a path on the
 * volume) and the wheel's SHA-256 as the user pasted it.
 */
export function wheelOptions(input: string, sha256 = ''): ILifecycleOptions {
  const value = input.trim();
  const sum = sha256.trim();
  const digest = sum === '' ? {} : { wheelSha256: sum };
  if (value === '') {
    return digest;
  }
  return value.startsWith('s3://')
    ? { wheelS3Uri: value, ...digest }
    : { wheelPath: value, ...digest };
}

/** A lifecycle configuration name SageMaker accepts (letters, digits, hyphens; 63 at most). */
function configName(profile: IProfile): string {
  return `sparkmagic-kerberos-${profile.name}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * Renders the scripts for a profile and a wheel location.
 *
 * @throws LifecycleError naming every problem with the profile or the wheel.
 */
export function prepareLifecycle(
  profile: IProfile,
  wheelInput: string,
  wheelSha256 = ''
): ILifecycleExport {
  const rendered = renderLifecycle(profile, {
    ...wheelOptions(wheelInput, wheelSha256),
    onCreate: true
  });
  const name = configName(profile);
  const scripts: ILifecycleScript[] = [
    { hook: 'on-start', text: rendered.onStart },
    { hook: 'on-create', text: rendered.onCreate ?? '' }
  ]
    .filter(s => s.text !== '')
    .map(s => ({
      hook: s.hook as ILifecycleScript['hook'],
      file: `${name}-${s.hook}.sh`,
      text: s.text,
      base64: lifecycleBase64(s.text)
    }));
  const command = [
    'aws sagemaker create-notebook-instance-lifecycle-config',
    `--notebook-instance-lifecycle-config-name ${name}`,
    ...scripts.map(
      s =>
        `--${s.hook} Content="$(base64 < ${shellQuote(s.file)} | tr -d '\\n')"`
    )
  ].join(' \\\n  ');
  return { configName: name, scripts, command };
}

function download(file: string, text: string): void {
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

function hookTitle(hook: ILifecycleScript['hook'], trans: TranslationBundle) {
  return hook === 'on-start'
    ? trans.__('Start notebook (on-start)')
    : trans.__('Create notebook (on-create)');
}

function ScriptSection(props: {
  script: ILifecycleScript;
  trans: TranslationBundle;
}): JSX.Element {
  const { script, trans } = props;
  const title = hookTitle(script.hook, trans);
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
  return (
    <div className="jp-SparkKerberos-lifecycle">
      <p>
        {trans.__(
          'The scripts run as root at each create and start of a SageMaker notebook instance; logs go to CloudWatch.'
        )}
      </p>
      {lifecycle.scripts.map(s => (
        <ScriptSection key={s.hook} script={s} trans={trans} />
      ))}
      <section aria-label={trans.__('AWS CLI command')}>
        <h3>{trans.__('AWS CLI command')}</h3>
        <p>
          {trans.__(
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
