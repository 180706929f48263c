/**
 * The first-run path: add a profile, apply its files, sign in, open a
 * notebook on its Sparkmagic kernel; done once Livy lists a Spark session
 * of the signed-in user. The next step is the first one not done; the
 * panel gives it the one primary button.
 */
import type { FilesStatus } from './files-check';
import type { TicketState } from '../core/ticket/status';

export type GuideStep = 'profile' | 'apply' | 'sign-in' | 'notebook' | 'done';

export interface IGuideInput {
  hasProfile: boolean;
  files: FilesStatus;
  ticket: TicketState;
  /** The signed-in user's Spark sessions on Livy, as last listed. */
  sparkSessions: number;
}

/** The next step, or null while the files or the cache are still being read. */
export function guideStep(input: IGuideInput): GuideStep | null {
  if (!input.hasProfile) {
    return 'profile';
  }
  if (input.files === 'unknown') {
    return null;
  }
  if (input.files === 'pending') {
    return 'apply';
  }
  if (input.ticket === 'unknown') {
    return null;
  }
  if (!hasValidTicket(input.ticket)) {
    return 'sign-in';
  }
  return input.sparkSessions > 0 ? 'done' : 'notebook';
}

export function hasValidTicket(state: TicketState): boolean {
  return state === 'signed-in' || state === 'expiring';
}
