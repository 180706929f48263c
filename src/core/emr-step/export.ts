/**
 * The EMR step for the palette dialog: the script, a file name for it, and
 * the `aws` command lines that copy it to S3 and run it as a step.
 */
import type { IProfile } from '../profile';
import { renderEmrStep } from './render';

export interface IEmrStepExport {
  file: string;
  text: string;
  /** Upload to S3, then run it on the primary node with command-runner.jar. */
  command: string;
}

/** `alice, bob` or `alice bob` as a list; empty entries are dropped. */
export function usersFromText(text: string): string[] {
  return text.split(/[\s,]+/).filter(u => u !== '');
}

/** A file name from the profile's name: letters, digits and hyphens. */
function fileName(profile: IProfile): string {
  const name = `emr-step-${profile.name}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${name}.sh`;
}

/**
 * The step for a profile, restarting Livy when it changes something.
 *
 * @throws EmrStepError naming every problem with the profile or the users.
 */
export function prepareEmrStep(
  profile: IProfile,
  usersText: string
): IEmrStepExport {
  const text = renderEmrStep(profile, {
    users: usersFromText(usersText),
    restart: true
  });
  const file = fileName(profile);
  const s3 = `s3://<bucket>/${file}`;
  const command = [
    `aws s3 cp ${file} ${s3}`,
    [
      'aws emr add-steps --cluster-id <j-cluster-id> --steps',
      `'Type=CUSTOM_JAR,Name=sparkmagic-kerberos,ActionOnFailure=CONTINUE,Jar=command-runner.jar,Args=[bash,-c,"aws s3 cp ${s3} /tmp/${file} && sudo bash /tmp/${file}"]'`
    ].join(' \\\n  ')
  ].join('\n');
  return { file, text, command };
}
