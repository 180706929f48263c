/**
 * The lifecycle export for the palette dialog: each SageMaker script as
 * text and in the base64 form the AWS CLI takes, the `aws` command lines
 * that create the configuration from the saved files (and, for Studio,
 * attach it to a domain or user profile), and where its log goes.
 */
import type { IProfile } from '../profile';
import { shellQuote } from '../terminal/shell';
import { ILifecycleOptions, LifecyclePlatform } from './options';
import { lifecycleBase64, renderLifecycle } from './render';

export interface ILifecycleScript {
  /** The AWS CLI option that takes it: `on-start` or `on-create`. */
  hook: 'on-start' | 'on-create';
  file: string;
  text: string;
  base64: string;
}

export interface ILifecycleExport {
  platform: LifecyclePlatform;
  configName: string;
  scripts: ILifecycleScript[];
  command: string;
  /** The CloudWatch log group and stream the script's output goes to. */
  logGroup: string;
  logStream: string;
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
  wheelSha256 = '',
  platform: LifecyclePlatform = 'notebook'
): ILifecycleExport {
  const studio = platform === 'studio';
  const rendered = renderLifecycle(profile, {
    ...wheelOptions(wheelInput, wheelSha256),
    onCreate: !studio,
    platform
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
  const content = (file: string) =>
    `"$(base64 < ${shellQuote(file)} | tr -d '\\n')"`;
  if (studio) {
    return {
      platform,
      configName: name,
      scripts,
      command: studioCommands(name, content(scripts[0].file)),
      logGroup: '/aws/sagemaker/studio',
      logStream:
        '<domain-id>/<space-name>/JupyterLab/default/LifecycleConfigOnStart'
    };
  }
  const command = [
    'aws sagemaker create-notebook-instance-lifecycle-config',
    `--notebook-instance-lifecycle-config-name ${name}`,
    ...scripts.map(s => `--${s.hook} Content=${content(s.file)}`)
  ].join(' \\\n  ');
  return {
    platform,
    configName: name,
    scripts,
    command,
    logGroup: '/aws/sagemaker/NotebookInstances',
    logStream: '<notebook-instance-name>/LifecycleConfigOnStart'
  };
}

/**
 * Creates the Studio configuration, then makes it the default of the
 * domain's JupyterLab spaces, or of one user profile's (which wins over the
 * domain's); shared spaces take the domain's default space settings.
 */
function studioCommands(name: string, content: string): string {
  const settings =
    '{"JupyterLabAppSettings":{"DefaultResourceSpec":{"LifecycleConfigArn":"\'"$ARN"\'"},"LifecycleConfigArns":["\'"$ARN"\'"]}}';
  return [
    [
      'ARN=$(aws sagemaker create-studio-lifecycle-config',
      `--studio-lifecycle-config-name ${name}`,
      '--studio-lifecycle-config-app-type JupyterLab',
      `--studio-lifecycle-config-content ${content}`,
      '--query StudioLifecycleConfigArn --output text)'
    ].join(' \\\n  '),
    '# every JupyterLab space of the domain:',
    `aws sagemaker update-domain --domain-id <domain-id> \\\n  --default-user-settings '${settings}'`,
    '# or one user profile (wins over the domain):',
    `aws sagemaker update-user-profile --domain-id <domain-id> --user-profile-name <user-profile> \\\n  --user-settings '${settings}'`
  ].join('\n');
}
