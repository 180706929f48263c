/**
 * The EMR step for one profile: the script in emr-step.sh (a file of its own,
 * which shellcheck reads) with its values block replaced by the profile's
 * values, each shell-quoted, and its Hadoop half (emr-step-hadoop.sh) put in
 * at its marker. The script does the rest on the primary node.
 */
import { IProfile, withDefaults } from '../profile';
import { shellQuote } from '../terminal/shell';
import { validateProfile } from '../validate/profile';
import STEP from './emr-step.sh';
import HADOOP from './emr-step-hadoop.sh';
import {
  EMR_STEP_KEYTAB,
  EmrStepError,
  IEmrStepOptions,
  emrStepProblems,
  writtenServiceHost
} from './options';

/** From the `# @@VALUES` line to the `# @@END` line. */
const VALUES_BLOCK = /^# @@VALUES[^\n]*\n[\s\S]*?^# @@END\n/m;
/** The line that the Hadoop half replaces. */
const HADOOP_MARKER = /^# @@HADOOP[^\n]*\n/m;
/** The Hadoop half without its first line, a shellcheck directive for the file alone. */
const HADOOP_HALF = HADOOP.slice(HADOOP.indexOf('\n') + 1);

/** The profile fields the step reads. */
const FIELDS = ['realm', 'livyUrl', 'kerberosAuth'];

/**
 * @throws EmrStepError when the profile or the options cannot make a step
 * (an upper-case or invalid NLB host, a user or keytab path the cluster
 * tools cannot take).
 */
export function renderEmrStep(
  partial: IProfile,
  options: IEmrStepOptions = {}
): string {
  const profile = withDefaults(partial);
  const problems = validateProfile(profile)
    .filter(e => FIELDS.some(f => e.path === f || e.path.startsWith(f + '/')))
    .map(e => `${e.path}: ${e.message}`);
  if (problems.length === 0) {
    problems.push(...emrStepProblems(profile, options));
  }
  if (problems.length > 0) {
    throw new EmrStepError(problems);
  }
  const values: [string, string][] = [
    ['PROFILE', profile.name],
    ['REALM', profile.realm],
    ['NLB_HOST', writtenServiceHost(profile)],
    ['SERVICE', profile.kerberosAuth.service],
    ['LIVY_URL', profile.livyUrl],
    ['KEYTAB', options.livyKeytab ?? EMR_STEP_KEYTAB],
    ['USERS', (options.users ?? []).join(' ')],
    ['RESTART', options.restart ? '1' : '0']
  ];
  const block =
    '# The values of the profile, as "sparkmagic-kerberos emr-step" wrote them.\n' +
    values.map(([name, value]) => `${name}=${shellQuote(value)}\n`).join('');
  // The half first: a value's own lines never meet the marker's pattern.
  return STEP.replace(HADOOP_MARKER, () => HADOOP_HALF).replace(
    VALUES_BLOCK,
    () => block
  );
}
