/**
 * The command line that makes the EMR step, as the doctor's fixes name it
 * (without importing the script itself).
 */

/** The palette command that exports the same step from JupyterLab. */
export const EMR_STEP_LABEL = 'Export the cluster step for the administrator…';

/** `sparkmagic-kerberos emr-step --profile <profile.json> [--users U] --restart`. */
export function emrStepCommand(user?: string): string {
  const users = user ? ` --users ${user}` : '';
  return `sparkmagic-kerberos emr-step --profile <profile.json>${users} --restart`;
}

/** The sentence a fix ends with: who runs the step, and how to get it. */
export function emrStepFix(user?: string): string {
  return (
    "The cluster's administrator runs the EMR step this profile makes, which does all of it and checks it: " +
    `${emrStepCommand(user)} (in JupyterLab: "${EMR_STEP_LABEL}").`
  );
}
