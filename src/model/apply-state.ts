/**
 * Apply as the model tracks it: previews, writes through the file access,
 * the record of the last apply, and the Sparkmagic kernels it left stale
 * (Sparkmagic reads its config once per kernel process).
 */
import type { IProfile } from '../core/profile';
import { FileAccessError } from '../exec/errors';
import type { IFileAccess, IWriteResult } from '../exec/runner-types';
import type { IApplyPlan, IApplyRecord } from './apply';
import { ExplainedError } from '../core/explain/explained-error';
import type { IKernelControl, IRunningKernel } from '../lab/kernels';
import type { IEnvironment, ITargets } from '../core/environment/targets';

export class ApplyState {
  constructor(options: ApplyState.IOptions) {
    this._options = options;
  }

  get lastApply(): IApplyRecord | null {
    return this._last;
  }

  /** Sparkmagic kernels to restart: started before the last apply that changed files, or without a valid ticket. */
  get stale(): IRunningKernel[] {
    return this._stale;
  }

  /** Why `stale` lists them. */
  get staleReason(): StaleReason {
    return this._reason;
  }

  /**
   * After a sign-in that followed a lapse (no ticket, or an expired one):
   * a kernel whose Livy session could not start meanwhile stays failed
   * until it restarts (Sparkmagic keeps its fatal error), so the running
   * kernels are offered a restart.
   */
  async afterLapse(): Promise<void> {
    if (this._stale.length > 0) {
      return;
    }
    this._stale = await this._options.kernels.running();
    this._reason = 'ticket';
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
      written = await executeApply(
        plan,
        this._options.files,
        this._options.keepBackups?.()
      );
    } catch (reason) {
      if (reason instanceof FileAccessError && reason.code === 'changed') {
        throw new PreviewOutdatedError(reason.detail || reason.message);
      }
      if (
        reason instanceof FileAccessError &&
        (reason.code === 'no-space' || reason.code === 'read-only')
      ) {
        throw new FileSystemRefusedError(reason);
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
      this._reason = 'config';
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
  private _reason: StaleReason = 'config';
}

export type StaleReason = 'config' | 'ticket';

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

/** The disk is full or mounted read-only: named as such, not as a permission problem. */
export class FileSystemRefusedError extends ExplainedError {
  constructor(reason: FileAccessError) {
    const file = reason.path;
    const dir = file.slice(0, file.lastIndexOf('/')) || '/';
    const before = reason.written.filter(w => w.changed).map(w => w.path);
    const done = before.length
      ? ` Already written before it: ${before.join(', ')}.`
      : '';
    super(
      reason.code === 'no-space'
        ? {
            code: 'UNKNOWN',
            title: `The disk is full (No space left on device): ${file} was not written`,
            fix: `${file} keeps its previous content. Free space on the file system holding ${dir} (\`df -h ${dir}\` shows it), then Apply Configuration again.${done}`
          }
        : {
            code: 'UNKNOWN',
            title: `Read-only file system: ${file} was not written`,
            fix: `${file} keeps its previous content. Its file system is mounted read-only: choose a file target on a writable one in the profile, or have it remounted read-write, then Apply Configuration again.${done}`
          }
    );
    this.name = 'FileSystemRefusedError';
  }
}

export namespace ApplyState {
  export interface IOptions {
    files: IFileAccess;
    kernels: IKernelControl;
    /** Whether the server's user may write in a directory. */
    isWritable: (dir: string) => Promise<boolean>;
    now: () => number;
    /** Backups kept per file (the keepBackups setting); default 5. */
    keepBackups?: () => number;
  }
}
