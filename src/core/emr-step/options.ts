/**
 * What the EMR step is made from besides the profile, and the checks that
 * refuse what the step could not carry safely to kadmin.local, ktutil or HDFS.
 */
import { IProfile } from '../profile';
import { parseLivyUrl, validateHostName } from '../validate/names';

export interface IEmrStepOptions {
  /** Users who get an HDFS home `/user/<name>`. */
  users?: readonly string[];
  /** The Livy keytab the step writes; default EMR_STEP_KEYTAB. */
  livyKeytab?: string;
  /** Restart Livy when the step changed something. */
  restart?: boolean;
}

/** A new keytab beside EMR's own /etc/livy.keytab, which the step leaves alone. */
export const EMR_STEP_KEYTAB = '/etc/livy-nlb.keytab';

export class EmrStepError extends Error {
  constructor(readonly problems: string[]) {
    super(
      'Cannot make the EMR step:\n' + problems.map(p => `  ${p}`).join('\n')
    );
    this.name = 'EmrStepError';
  }
}

/** Linux and HDFS user names as EMR creates them. */
const USER = /^[a-z_][a-z0-9_.-]{0,31}$/;
/** kadmin.local and ktutil split their arguments at spaces and quotes. */
const KEYTAB = /^\/[A-Za-z0-9._/+-]+$/;

/** The host of the service principal as written in the profile (not lowered). */
export function writtenServiceHost(profile: IProfile): string {
  const override = profile.kerberosAuth.hostname_override;
  if (override !== '') {
    return override;
  }
  const url = parseLivyUrl(profile.livyUrl);
  return typeof url === 'string' ? '' : url.host;
}

/** Every reason the options cannot make a step; empty when they can. */
export function emrStepProblems(
  profile: IProfile,
  options: IEmrStepOptions
): string[] {
  const problems: string[] = [];
  const host = writtenServiceHost(profile);
  const hostProblem = validateHostName(host, { spn: true });
  if (hostProblem) {
    problems.push(`NLB host: ${hostProblem}`);
  }
  if (profile.kerberosAuth.service !== 'HTTP') {
    problems.push(
      `Service '${profile.kerberosAuth.service}': Livy's SPNEGO (hadoop-auth) accepts only HTTP/ principals.`
    );
  }
  const users = options.users ?? [];
  users.forEach((user, i) => {
    if (!USER.test(user)) {
      problems.push(
        `User '${user}' is not a cluster user name: lower-case letters, digits, '_', '.' and '-', starting with a letter or '_', at most 32 characters.`
      );
    } else if (users.indexOf(user) !== i) {
      problems.push(`User '${user}' is listed twice.`);
    }
  });
  const keytab = options.livyKeytab ?? EMR_STEP_KEYTAB;
  if (
    !KEYTAB.test(keytab) ||
    keytab.endsWith('/') ||
    /\/\.\.?(\/|$)/.test(keytab)
  ) {
    problems.push(
      `Livy keytab '${keytab}': give an absolute file path of letters, digits and . _ - + / (kadmin.local and ktutil cannot take spaces or quotes).`
    );
  }
  return problems;
}
