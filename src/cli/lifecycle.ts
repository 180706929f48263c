/**
 * `lifecycle --profile FILE [--wheel-s3-uri URI | --wheel-path PATH]
 * [--wheel-file LOCAL | --wheel-sha256 HEX] [--on-create] [--base64]`: print
 * the SageMaker on-start script for a profile (with --on-create, the
 * on-create script); --base64 prints the form
 * `aws sagemaker create-notebook-instance-lifecycle-config` takes:
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
  lifecycleBase64,
  renderLifecycle
} from '../core/lifecycle';
import { CliError, ICommand, UsageError } from './command';
import { readProfileFile } from './files';

const FLAGS = ['on-create', 'base64'];
const VALUED = [
  'profile',
  'wheel-s3-uri',
  'wheel-path',
  'wheel-file',
  'wheel-sha256'
];

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
  if (out['wheel-file'] !== undefined && out['wheel-sha256'] !== undefined) {
    throw new UsageError(
      'give either --wheel-file or --wheel-sha256, not both'
    );
  }
  return out;
}

/** The wheel's digest: given, or hashed from the local copy. */
function wheelSha256(options: Record<string, string>): string | undefined {
  const file = options['wheel-file'];
  if (file === undefined) {
    return options['wheel-sha256']?.trim();
  }
  const location = options['wheel-s3-uri'] ?? options['wheel-path'] ?? '';
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

export const command: ICommand = {
  usage:
    'lifecycle --profile FILE [--wheel-s3-uri URI | --wheel-path PATH] [--wheel-file LOCAL | --wheel-sha256 HEX] [--on-create] [--base64]',
  summary:
    'print the SageMaker notebook lifecycle script (on-start, or on-create), as text or base64',
  async run(args, io) {
    const options = parseArgs(args);
    const profile = readProfileFile(options.profile);
    const onCreate = options['on-create'] !== undefined;
    const lifecycle: ILifecycleOptions = {
      wheelS3Uri: options['wheel-s3-uri'],
      wheelPath: options['wheel-path'],
      wheelSha256: wheelSha256(options),
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
