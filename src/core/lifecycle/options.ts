/**
 * What a SageMaker lifecycle script (notebook instance or Studio JupyterLab
 * space) may be asked for, and the checks that keep a bad profile or wheel
 * location from reaching boot time, where nobody reads the error until the
 * instance or space fails to start.
 */
import { IProfile } from '../profile';
import { hasControlCharacter, validateProfile } from '../validate/profile';

/** Where the lifecycle script runs. */
export type LifecyclePlatform = 'notebook' | 'studio';

export interface ILayout {
  user: string;
  home: string;
  /** What survives a restart; a wheel path must lie under it. */
  volume: string;
  /** Where this extension keeps user state there. */
  state: string;
  /** The Python environment the Jupyter server runs in. */
  env: string;
}

/** Fixed layout of a SageMaker notebook instance. */
export const SAGEMAKER: ILayout = {
  user: 'ec2-user',
  home: '/home/ec2-user',
  /** The only directory that survives a stop/start (an EBS volume). */
  volume: '/home/ec2-user/SageMaker',
  /** Where this extension keeps user state on that volume. */
  state: '/home/ec2-user/SageMaker/.sparkmagic-kerberos',
  /** The Python environment the Jupyter server runs in. */
  env: '/home/ec2-user/anaconda3/envs/JupyterSystemEnv'
};

/**
 * Fixed layout of a SageMaker Studio JupyterLab space (SageMaker
 * Distribution images): the whole home directory is the persistent volume;
 * /etc and /opt/conda start fresh at every start.
 */
export const STUDIO: ILayout = {
  user: 'sagemaker-user',
  home: '/home/sagemaker-user',
  volume: '/home/sagemaker-user',
  state: '/home/sagemaker-user/.sparkmagic-kerberos',
  env: '/opt/conda'
};

export function layoutOf(platform: LifecyclePlatform = 'notebook'): ILayout {
  return platform === 'studio' ? STUDIO : SAGEMAKER;
}

/** SageMaker's limit for each script, counted on the base64 `Content`. */
export const LIFECYCLE_MAX_CHARS = 16384;

export interface ILifecycleOptions {
  /** `s3://bucket/key/<wheel>`: copied with `aws s3 cp` at every start. */
  wheelS3Uri?: string;
  /** A wheel kept on the persistent volume (`/home/ec2-user/SageMaker/…`). */
  wheelPath?: string;
  /**
   * The wheel's SHA-256 (64 hex digits), required with either location: the
   * script installs the wheel only when its copy has this digest.
   */
  wheelSha256?: string;
  /** Also render the on-create script (notebook instances only). */
  onCreate?: boolean;
  /** Default: a notebook instance. */
  platform?: LifecyclePlatform;
}

/** The options or the profile cannot make a working lifecycle script. */
export class LifecycleError extends Error {
  constructor(readonly problems: string[]) {
    super(
      'Cannot make the lifecycle configuration:\n' +
        problems.map(p => `  ${p}`).join('\n')
    );
    this.name = 'LifecycleError';
  }
}

const WHEEL_NAME =
  /^jupyterlab_sparkmagic_kerberos-[0-9][A-Za-z0-9.+!_]*-py3-none-any\.whl$/;
const SHA256 = /^[0-9a-f]{64}$/i;
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/;

/** `~/x` as the platform user's path; other paths unchanged. */
export function sagemakerPath(path: string, layout = SAGEMAKER): string {
  return path.startsWith('~/') ? layout.home + path.slice(1) : path;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function wheelNameProblem(what: string, name: string): string | null {
  return WHEEL_NAME.test(name)
    ? null
    : `${what} must end in the wheel's own file name, jupyterlab_sparkmagic_kerberos-<version>-py3-none-any.whl (pip reads the version from it), not '${name}'.`;
}

function sha256Problems(options: ILifecycleOptions): string[] {
  const { wheelS3Uri, wheelPath, wheelSha256 } = options;
  const wheel = wheelS3Uri !== undefined || wheelPath !== undefined;
  if (wheelSha256 === undefined) {
    return wheel
      ? [
          "The wheel's SHA-256 is required (the script installs only the wheel it was made for): sha256sum prints it."
        ]
      : [];
  }
  if (!wheel) {
    return ['A wheel SHA-256 was given without a wheel S3 URI or path.'];
  }
  return SHA256.test(wheelSha256)
    ? []
    : [
        `The wheel's SHA-256 must be 64 hexadecimal digits (as sha256sum prints it), not '${wheelSha256}'.`
      ];
}

function wheelProblems(options: ILifecycleOptions, layout: ILayout): string[] {
  const { wheelS3Uri, wheelPath } = options;
  if (wheelS3Uri !== undefined && wheelPath !== undefined) {
    return ['Give either a wheel S3 URI or a wheel path, not both.'];
  }
  const onCreate =
    options.onCreate && options.platform === 'studio'
      ? [
          'Studio runs one script at every start of a space; there is no on-create script.'
        ]
      : [];
  return [
    ...onCreate,
    ...locationProblems(options, layout),
    ...sha256Problems(options)
  ];
}

function locationProblems(
  options: ILifecycleOptions,
  layout: ILayout
): string[] {
  const { wheelS3Uri, wheelPath } = options;
  if (wheelS3Uri !== undefined) {
    const m = S3_URI.exec(wheelS3Uri);
    if (!m || hasControlCharacter(wheelS3Uri) || /\s/.test(wheelS3Uri)) {
      return [
        `'${wheelS3Uri}' is not an S3 URI of the form s3://bucket/path/jupyterlab_sparkmagic_kerberos-<version>-py3-none-any.whl.`
      ];
    }
    const problem = wheelNameProblem('The S3 URI', baseName(m[2]));
    return problem ? [problem] : [];
  }
  if (wheelPath !== undefined) {
    const path = sagemakerPath(wheelPath, layout);
    if (
      !path.startsWith(layout.volume + '/') ||
      hasControlCharacter(path) ||
      path.split('/').includes('..')
    ) {
      return [
        `The wheel path '${wheelPath}' must be a file under ${layout.volume}/, the only directory that survives a restart.`
      ];
    }
    const problem = wheelNameProblem('The wheel path', baseName(path));
    return problem ? [problem] : [];
  }
  return [];
}

function profileProblems(profile: IProfile, layout: ILayout): string[] {
  const problems = validateProfile(profile).map(
    e => `profile ${e.path}: ${e.message}`
  );
  const sparkmagic = sagemakerPath(
    profile.files?.sparkmagicConfig ?? '',
    layout
  );
  if (
    sparkmagic !== '' &&
    sparkmagic !== `${layout.home}/.sparkmagic/config.json`
  ) {
    problems.push(
      `profile files/sparkmagicConfig: on SageMaker the kernels read ~/.sparkmagic/config.json, which the script keeps on the persistent volume; leave it empty instead of '${profile.files.sparkmagicConfig}'.`
    );
  }
  if (profile.files?.krb5Target === 'user') {
    problems.push(
      "profile files/krb5Target: 'user' is for the panel without root; the lifecycle script sets the system configuration: use auto, dropin or system."
    );
  }
  const keytab = sagemakerPath(profile.keytab ?? '', layout);
  // A `..` segment would let a path that starts in the home directory leave it.
  if (
    keytab !== '' &&
    (!keytab.startsWith(layout.home + '/') || keytab.split('/').includes('..'))
  ) {
    problems.push(
      `profile keytab: '${profile.keytab}' must be under ${layout.home}/, without '..' (the script keeps keytabs in ${layout.state}/keytabs${layout === SAGEMAKER ? ' and links them there' : ''}).`
    );
  }
  return problems;
}

/** Throws LifecycleError listing every problem. */
export function assertLifecycleInput(
  profile: IProfile,
  options: ILifecycleOptions
): void {
  const layout = layoutOf(options.platform);
  const problems = [
    ...profileProblems(profile, layout),
    ...wheelProblems(options, layout)
  ];
  if (problems.length > 0) {
    throw new LifecycleError(problems);
  }
}
