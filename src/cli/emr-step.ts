/**
 * `emr-step --profile FILE [--users u1,u2] [--livy-keytab PATH] [--restart]`:
 * print the bash script the cluster's administrator runs on the EMR primary
 * node (as an EMR step) for Livy behind the profile's load balancer.
 */
import { EmrStepError, renderEmrStep } from '../core/emr-step';
import { optional, required } from './args';
import { CliError, ICommand } from './command';
import { PROFILE_OPTION, readProfileFile } from './files';

/** `u1,u2` as a list; spaces around names are allowed, empty names are not. */
function userList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map(u => u.trim());
}

export const command: ICommand = {
  usage:
    'emr-step --profile FILE [--users u1,u2] [--livy-keytab PATH] [--restart]',
  summary:
    "print the EMR step for the cluster's administrator: the NLB's HTTP principal, Livy's keytab and settings, HDFS homes",
  options: {
    profile: PROFILE_OPTION,
    users: {
      type: 'string',
      value: 'u1,u2',
      help: 'create /user/<name> in HDFS for these users, owned by them'
    },
    'livy-keytab': {
      type: 'string',
      value: 'PATH',
      help: 'the Livy keytab the step writes (default /etc/livy-nlb.keytab)'
    },
    restart: {
      type: 'boolean',
      help: 'restart Livy when the step changed something'
    }
  },
  details: [
    'Example (the script from S3, run by command-runner.jar on the primary node):',
    '  sparkmagic-kerberos emr-step --profile p.json --users alice,bob --restart >emr-step.sh',
    '  aws s3 cp emr-step.sh s3://bucket/emr-step.sh',
    '  aws emr add-steps --cluster-id j-XXXXXXXXXXXXX --steps \\',
    '    \'Type=CUSTOM_JAR,Name=sparkmagic-kerberos,ActionOnFailure=CONTINUE,Jar=command-runner.jar,Args=[bash,-c,"aws s3 cp s3://bucket/emr-step.sh /tmp/emr-step.sh && sudo bash /tmp/emr-step.sh"]\''
  ].join('\n'),
  async run(values, io) {
    const profile = readProfileFile(required(values, 'profile'));
    let script: string;
    try {
      script = renderEmrStep(profile, {
        users: userList(optional(values, 'users')),
        livyKeytab: optional(values, 'livy-keytab'),
        restart: values.restart === true
      });
    } catch (e) {
      if (e instanceof EmrStepError) {
        throw new CliError(e.message);
      }
      throw e;
    }
    io.stdout(script);
    return 0;
  }
};
