/**
 * The lifecycle export for the palette dialog: each SageMaker script as
 * text and in the base64 form the AWS CLI takes, and the `aws` command line
 * that creates the configuration from the saved files.
 */
import type { IProfile } from '../profile';
import { shellQuote } from '../terminal/shell';
import { ILifecycleOptions } from './options';
import { lifecycleBase64, renderLifecycle } from './render';

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
