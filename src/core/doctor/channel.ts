/**
 * Report lines for when the doctor cannot run at all, from the panel's
 * terminal channel: terminals disabled, the script cut off, the server gone.
 */
import { fail } from './result';
import { IDoctorResult } from './types';

export type ChannelProblem =
  'terminals-unavailable' | 'timeout' | 'closed' | 'error';

const CLI =
  'sparkmagic-kerberos doctor --profile FILE in a shell on the Jupyter server runs the same checks.';

export function channelResult(
  problem: ChannelProblem,
  message: string
): IDoctorResult {
  const id = 'doctor.channel';
  switch (problem) {
    case 'terminals-unavailable':
      return fail(
        id,
        'Jupyter terminals are disabled',
        'UNKNOWN',
        `The doctor runs through a hidden Jupyter terminal, and this server has none: ${message}`,
        'Enable terminals on the Jupyter server (ServerApp.terminals_enabled = True, with the ' +
          `jupyter_server_terminals package installed) and restart it; or: ${CLI}`
      );
    case 'timeout':
      return fail(
        id,
        'The doctor did not finish',
        'UNKNOWN',
        message,
        `Run it again; a machine under heavy load can need longer. ${CLI}`
      );
    case 'closed':
      return fail(
        id,
        'The connection to the server was lost',
        'UNKNOWN',
        message,
        'Check that the Jupyter server is running, reload the page and run the doctor again.'
      );
    default:
      return fail(id, 'The doctor could not run', 'UNKNOWN', message, CLI);
  }
}
