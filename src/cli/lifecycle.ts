/**
 * `lifecycle --profile FILE [--platform notebook|studio] [--wheel-s3-uri URI |
 * --wheel-path PATH] [--wheel-file LOCAL | --wheel-sha256 HEX] [--on-create]
 * [--base64]`: print the SageMaker on-start script for a profile (with
 * --on-create, the notebook instance's on-create script; with --platform
 * studio, the script of a Studio JupyterLab space); --base64 prints the form
 * `aws sagemaker create-notebook-instance-lifecycle-config` (or
 * `create-studio-lifecycle-config`) takes:
 *
 *   --on-start Content="$(sparkmagic-kerberos lifecycle --profile p.json \
 *       --wheel-s3-uri s3://bucket/jupyterlab_sparkmagic_kerberos-…whl \
 *       --wheel-file dist/jupyterlab_sparkmagic_kerberos-…whl --base64)"
 *
 * A wheel needs its SHA-256, hashed here from a local copy (--wheel-file) or
 * given as sha256sum prints it (--wheel-sha256): the script installs only a
 * wheel with that digest.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import {
  ILifecycleOptions,
  LifecyclePlatform,
  lifecycleBase64,
  renderLifecycle
} from '../core/lifecycle';
import { optional, required } from './args';
import { CliError, ICommand, OptionValues, UsageError } from './command';
import { PROFILE_OPTION, readProfileFile } from './files';

/** The choices between two options that exclude each other. */
function checkChoices(values: OptionValues): void {
  for (const [a, b] of [
    ['wheel-s3-uri', 'wheel-path'],
    ['wheel-file', 'wheel-sha256']
  ]) {
    if (values[a] !== undefined && values[b] !== undefined) {
      throw new UsageError(`give either --${a} or --${b}, not both`);
    }
  }
}

/** The wheel's digest: given, or hashed from the local copy. */
function wheelSha256(values: OptionValues): string | undefined {
  const file = optional(values, 'wheel-file');
  if (file === undefined) {
    return optional(values, 'wheel-sha256')?.trim();
  }
  const location =
    optional(values, 'wheel-s3-uri') ?? optional(values, 'wheel-path') ?? '';
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  if (name(file) !== name(location)) {
    throw new CliError(
      `--wheel-file '${file}' is not the wheel the script installs ('${name(location) || 'none given'}'): give a local copy of that file.`
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read --wheel-file: ${(e as Error).message}`);
  }
  return createHash('sha256').update(bytes).digest('hex');
}

const PLATFORMS: LifecyclePlatform[] = ['notebook', 'studio'];

function platformOf(values: OptionValues): LifecyclePlatform {
  const value = optional(values, 'platform') ?? 'notebook';
  if (!(PLATFORMS as string[]).includes(value)) {
    throw new UsageError(`--platform is notebook or studio, not '${value}'`);
  }
  return value as LifecyclePlatform;
}

export const command: ICommand = {
  usage:
    'lifecycle --profile FILE [--platform notebook|studio] [--wheel-s3-uri URI | --wheel-path PATH] [--wheel-file LOCAL | --wheel-sha256 HEX] [--on-create] [--base64]',
  summary:
    'print the SageMaker lifecycle script (notebook instance on-start or on-create, or Studio JupyterLab space), as text or base64',
  options: {
    profile: PROFILE_OPTION,
    platform: {
      type: 'string',
      value: 'NAME',
      help: 'notebook (a notebook instance, the default) or studio (a Studio JupyterLab space)'
    },
    'wheel-s3-uri': {
      type: 'string',
      value: 'URI',
      help: 'install this wheel from S3 at every start'
    },
    'wheel-path': {
      type: 'string',
      value: 'PATH',
      help: "install this wheel from the instance's volume (a space's home directory) at every start"
    },
    'wheel-file': {
      type: 'string',
      value: 'LOCAL',
      help: 'a local copy of that wheel, to embed its SHA-256'
    },
    'wheel-sha256': {
      type: 'string',
      value: 'HEX',
      help: "the wheel's SHA-256, as sha256sum prints it"
    },
    'on-create': {
      type: 'boolean',
      help: 'print the on-create script instead of the on-start one'
    },
    base64: {
      type: 'boolean',
      help: 'print it base64-encoded, as the AWS CLI takes it'
    }
  },
  details: [
    'Example:',
    '  aws sagemaker create-notebook-instance-lifecycle-config \\',
    '    --notebook-instance-lifecycle-config-name sparkmagic-kerberos \\',
    '    --on-start Content="$(sparkmagic-kerberos lifecycle --profile p.json \\',
    '      --wheel-s3-uri s3://bucket/jupyterlab_sparkmagic_kerberos-….whl \\',
    '      --wheel-file dist/jupyterlab_sparkmagic_kerberos-….whl --base64)"',
    '  aws sagemaker create-studio-lifecycle-config \\',
    '    --studio-lifecycle-config-name sparkmagic-kerberos \\',
    '    --studio-lifecycle-config-app-type JupyterLab \\',
    '    --studio-lifecycle-config-content "$(sparkmagic-kerberos lifecycle --platform studio \\',
    '      --profile p.json --wheel-s3-uri s3://bucket/jupyterlab_sparkmagic_kerberos-….whl \\',
    '      --wheel-file dist/jupyterlab_sparkmagic_kerberos-….whl --base64)"'
  ].join('\n'),
  async run(values, io) {
    checkChoices(values);
    const profile = readProfileFile(required(values, 'profile'));
    const onCreate = values['on-create'] === true;
    const lifecycle: ILifecycleOptions = {
      wheelS3Uri: optional(values, 'wheel-s3-uri'),
      wheelPath: optional(values, 'wheel-path'),
      wheelSha256: wheelSha256(values),
      onCreate,
      platform: platformOf(values)
    };
    let script: string;
    try {
      const scripts = renderLifecycle(profile, lifecycle);
      script = onCreate ? (scripts.onCreate as string) : scripts.onStart;
    } catch (e) {
      throw new CliError((e as Error).message);
    }
    io.stdout(values.base64 === true ? lifecycleBase64(script) + '\n' : script);
    return 0;
  }
};
