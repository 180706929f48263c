/**
 * The doctor's vocabulary, shared by the script renderer, the output parser,
 * the checks, the CLI and the panel.
 */
import { ErrorCode } from '../explain/codes';

export type DoctorStatus = 'pass' | 'warn' | 'fail';

/** The explain codes, and causes only the doctor can see (it reads the files). */
export type DoctorCode = ErrorCode | 'KRB5_CONF_OVERWRITTEN';

/** One line of the doctor's report. */
export interface IDoctorResult {
  /** Stable id, e.g. `krb.spn`; the CLI's JSON and the tests key on it. */
  id: string;
  title: string;
  status: DoctorStatus;
  /** Set on every failure, and on warnings with a known cause. */
  code?: DoctorCode;
  /** What was observed, with the real error text where there is one. */
  detail: string;
  /** The exact setting, file or command that repairs it; '' on a pass. */
  fix: string;
}

/** What the caller knows beyond the profile. */
export interface IDoctorContext {
  /**
   * When the panel last wrote the files (epoch ms); Sparkmagic kernels
   * started before it still use the old configuration. Default: the
   * Sparkmagic config file's modification time.
   */
  appliedAt?: number;
  /** Warn when a ticket expires within this many minutes (default 15). */
  warnBeforeMinutes?: number;
}

/** One framed block of the script's output. */
export interface IDoctorSection {
  id: string;
  /** Text after the id on the BEGIN line (a file path, a host). */
  arg: string;
  /** The captured output (stdout and stderr together). */
  text: string;
  /** Exit code of the step; 124 means the `timeout` bound stopped it. */
  rc: number;
  /** How long the step took, in ms (null when `date` has no %N). */
  ms: number | null;
}

/** The script's output, split into sections. */
export interface IDoctorOutput {
  sections: IDoctorSection[];
  /** The script reached its end (false: cut off, e.g. by a runner timeout). */
  complete: boolean;
}

/** Exit code `timeout` gives a stopped step. */
export const TIMED_OUT = 124;
