/**
 * Whether the active profile's files (krb5.conf, Sparkmagic's config, the
 * kernelspec environment) are in effect: the same comparison the Apply
 * preview makes, with nothing written. The lifecycle scripts render the
 * files byte for byte as Apply does, so an administrator's preset reads as
 * in effect too. Checked when the panel opens, when settings change and
 * after every preview or apply; not on the klist poll (it reads files).
 */
import type { IApplyPlan } from './apply';

/** `pending`: Apply would write the listed files (or the plan failed). */
export type FilesStatus = 'unknown' | 'effective' | 'pending';

export interface IFilesState {
  status: FilesStatus;
  /** Profile the status is for. */
  profile: string | null;
  /** Files Apply would write. */
  pending: string[];
}

export const UNKNOWN_FILES: IFilesState = {
  status: 'unknown',
  profile: null,
  pending: []
};

/** The files state a plan shows. */
export function filesFromPlan(plan: IApplyPlan): IFilesState {
  const clean = plan.errors.length === 0 && plan.changes.length === 0;
  return {
    status: clean ? 'effective' : 'pending',
    profile: plan.profile.name,
    pending: plan.changes.map(c => c.path)
  };
}

export class FilesCheck {
  constructor(options: FilesCheck.IOptions) {
    this._options = options;
  }

  /** The last result, or unknown when it is for another profile. */
  state(profile: string | null): IFilesState {
    return this._state.profile === profile ? this._state : UNKNOWN_FILES;
  }

  /**
   * Compares the files with the profile now. A call during a check runs
   * one more after it (the profile may have changed meanwhile).
   */
  check(): Promise<IFilesState> {
    if (this._inflight) {
      this._again = true;
    } else {
      this._inflight = this._options
        .plan()
        .then(
          plan => filesFromPlan(plan),
          () => ({
            status: 'pending' as const,
            profile: this._options.profile(),
            pending: []
          })
        )
        .then(state => {
          this.set(state);
          return state;
        })
        .finally(() => {
          this._inflight = null;
          if (this._again) {
            this._again = false;
            void this.check();
          }
        });
    }
    return this._inflight;
  }

  set(state: IFilesState): void {
    this._state = state;
    this._options.changed();
  }

  private _options: FilesCheck.IOptions;
  private _state: IFilesState = UNKNOWN_FILES;
  private _inflight: Promise<IFilesState> | null = null;
  private _again = false;
}

export namespace FilesCheck {
  export interface IOptions {
    /** What Apply would write for the active profile (throws without one). */
    plan: () => Promise<IApplyPlan>;
    /** Name of the active profile. */
    profile: () => string | null;
    changed: () => void;
  }
}
