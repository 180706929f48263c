/**
 * `lifecycle --profile FILE [--wheel-s3-uri URI | --wheel-path PATH]
 * [--on-create] [--base64]`: print the SageMaker on-start script for a
 * profile (with --on-create, the on-create script); --base64 prints the form
 * `aws sagemaker create-notebook-instance-lifecycle-config` takes:
 *
 *   --on-start Content="$(sparkmagic-kerberos lifecycle --profile p.json \
 *       --wheel-s3-uri s3://bucket/jupyterlab_sparkmagic_kerberos-…whl --base64)"
 */
import {
  ILifecycleOptions,
  lifecycleBase64,
  renderLifecycle
} from '../core/lifecycle';
import { CliError, ICommand, UsageError } from './command';
import { readProfileFile } from './files';

const FLAGS = ['on-create', 'base64'];
const VALUED = ['profile', 'wheel-s3-uri', 'wheel-path'];

/** `--name value`, `--name=value` and the two flags; nothing else, nothing twice. */
function parseArgs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z0-9-]+)(?:=([\s\S]*))?$/.exec(args[i]);
    const name = m?.[1] ?? '';
    if (!m || (!FLAGS.includes(name) && !VALUED.includes(name))) {
      throw new UsageError(`unexpected argument '${args[i]}'`);
    }
    if (out[name] !== undefined) {
      throw new UsageError(`--${name} given twice`);
    }
    if (FLAGS.includes(name)) {
      if (m[2] !== undefined) {
        throw new UsageError(`--${name} takes no value`);
      }
      out[name] = 'yes';
    } else if (m[2] !== undefined) {
      out[name] = m[2];
    } else if (i + 1 < args.length) {
      out[name] = args[++i];
    } else {
      throw new UsageError(`--${name} needs a value`);
    }
  }
  if (!out.profile) {
    throw new UsageError('--profile is required');
  }
  return out;
}

export const command: ICommand = {
  usage:
    'lifecycle --profile FILE [--wheel-s3-uri URI | --wheel-path PATH] [--on-create] [--base64]',
  summary:
    'print the SageMaker notebook lifecycle script (on-start, or on-create), as text or base64',
  async run(args, io) {
    const options = parseArgs(args);
    const profile = readProfileFile(options.profile);
    const onCreate = options['on-create'] !== undefined;
    const lifecycle: ILifecycleOptions = {
      wheelS3Uri: options['wheel-s3-uri'],
      wheelPath: options['wheel-path'],
      onCreate
    };
    let script: string;
    try {
      const scripts = renderLifecycle(profile, lifecycle);
      script = onCreate ? (scripts.onCreate as string) : scripts.onStart;
    } catch (e) {
      throw new CliError((e as Error).message);
    }
    io.stdout(
      options.base64 !== undefined ? lifecycleBase64(script) + '\n' : script
    );
    return 0;
  }
};
