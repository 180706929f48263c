/**
 * Apply as the model tracks it: previews, writes through the file access,
 * the record of the last apply, and the Sparkmagic kernels it left stale
 * (Sparkmagic reads its config once per kernel process).
 */
import type { IProfile } from '../core/profile';
import { FileAccessError } from '../exec/errors';
import type { IFileAccess, IWriteResult } from '../exec/tokens';
import type { IApplyPlan, IApplyRecord } from './apply';
import { ExplainedError } from './explanations';
import type { IKernelControl, IRunningKernel } from './kernels';
import type { IEnvironment, ITargets } from './targets';

export class ApplyState {
  constructor(options: ApplyState.IOptions) {
    this._options = options;
  }

  get lastApply(): IApplyRecord | null {
    return this._last;
  }

  /** Sparkmagic kernels started before the last apply that changed files. */
  get stale(): IRunningKernel[] {
    return this._stale;
  }

  /** What Apply would write, with no side effects. */
  async plan(
    profile: IProfile,
    targets: ITargets,
    environment: IEnvironment
  ): Promise<IApplyPlan> {
    // The krb5.conf and Sparkmagic renderers load with the first preview.
    const { planApply } = await import('./apply');
    return planApply({
      profile,
      targets,
      files: this._options.files,
      environment,
      isWritable: this._options.isWritable
    });
  }

  async write(plan: IApplyPlan): Promise<IApplyRecord> {
    const { executeApply } = await import('./apply');
    let written: IWriteResult[];
    try {
      written = await executeApply(plan, this._options.files);
    } catch (reason) {
      if (reason instanceof FileAccessError && reason.code === 'changed') {
        throw new PreviewOutdatedError(reason.detail || reason.message);
      }
      throw reason;
    }
    this._last = {
      profile: plan.profile.name,
      time: this._options.now(),
      written
    };
    if (written.some(w => w.changed)) {
      this._stale = await this._options.kernels.running();
    }
    return this._last;
  }

  async restartStale(): Promise<void> {
    await this._options.kernels.restart(this._stale);
    this._stale = [];
  }

  private _options: ApplyState.IOptions;
  private _last: IApplyRecord | null = null;
  private _stale: IRunningKernel[] = [];
}

/** A file changed between the preview and the write; nothing was written. */
export class PreviewOutdatedError extends ExplainedError {
  constructor(detail: string) {
    super({
      code: 'UNKNOWN',
      title: 'The file changed since the preview — preview again',
      fix: `${detail} Apply Configuration again to preview the files as they are now.`
    });
    this.name = 'PreviewOutdatedError';
  }
}

export namespace ApplyState {
  export interface IOptions {
    files: IFileAccess;
    kernels: IKernelControl;
    /** Whether the server's user may write in a directory. */
    isWritable: (dir: string) => Promise<boolean>;
    now: () => number;
  }
}
