/**
 * Apply configuration in two steps: `planApply` reads the current files and
 * renders what they would become (nothing is written; the panel shows the
 * diff), `executeApply` writes the changed ones. A file we cannot parse is
 * an error of the plan: nothing at all is written then.
 */
import { renderKrb5Dropin, renderKrb5ForProfile } from '../core/krb5';
import type { IProfile } from '../core/profile';
import {
  mergeSparkmagicConfig,
  parseSparkmagicConfig,
  sparkmagicConfigText
} from '../core/sparkmagic/config';
import { validateProfile } from '../core/validate/profile';
import type {
  IFileAccess,
  IWriteRequest,
  IWriteResult
} from '../exec/runner-types';
import {
  kernelspecTarget,
  renderKernelSpec,
  specsFor
} from '../core/sparkmagic/kernelspec';
import type { IEnvironment, ITargets } from '../core/environment/targets';
import { studioNotes } from '../core/environment/studio';

export type FileKind = 'krb5' | 'sparkmagic' | 'kernelspec';

export interface IFileChange {
  kind: FileKind;
  path: string;
  /** Current content; null when the file does not exist. */
  before: string | null;
  after: string;
  sudo: boolean;
  mode?: number;
}

export interface IApplyPlan {
  profile: IProfile;
  targets: ITargets;
  /** Files whose content would change. */
  changes: IFileChange[];
  /** Files already up to date. */
  unchanged: string[];
  /** Problems that stop the apply (invalid profile, unreadable files). */
  errors: string[];
  /** Things to know that do not stop it. */
  warnings: string[];
}

export interface IApplyRecord {
  profile: string;
  time: number;
  written: IWriteResult[];
}

export interface IPlanContext {
  profile: IProfile;
  targets: ITargets;
  files: IFileAccess;
  environment: IEnvironment;
  /** Whether the server's user may write in a directory. */
  isWritable: (dir: string) => Promise<boolean>;
}

/** Renders every file for the profile and compares with what is there. */
export async function planApply(context: IPlanContext): Promise<IApplyPlan> {
  const { profile, targets, files } = context;
  const plan: IApplyPlan = {
    profile,
    targets,
    changes: [],
    unchanged: [],
    errors: [],
    warnings: []
  };
  const invalid = validateProfile(profile);
  if (invalid.length) {
    plan.errors = invalid.map(e => `${e.path}: ${e.message}`);
    return plan;
  }
  const add = async (
    change: Omit<IFileChange, 'before' | 'after'>,
    render: (before: string | null) => string
  ): Promise<void> => {
    try {
      const before = await files.read(change.path);
      const after = render(before);
      if (before === after) {
        plan.unchanged.push(change.path);
      } else {
        plan.changes.push({ ...change, before, after });
      }
    } catch (reason) {
      plan.errors.push(`${change.path}: ${messageOf(reason)}`);
    }
  };
  if (targets.krb5Mode === 'dropin') {
    await add(
      { kind: 'krb5', path: targets.krb5Path, sudo: targets.sudo, mode: 0o644 },
      () => renderKrb5Dropin(profile)
    );
  } else {
    // In user mode KRB5_CONFIG lists the site's file after ours, so ours
    // holds only what the profile sets (plus whatever the user added).
    await add(
      { kind: 'krb5', path: targets.krb5Path, sudo: targets.sudo, mode: 0o644 },
      before => renderKrb5ForProfile(profile, before)
    );
  }
  await add(
    {
      kind: 'sparkmagic',
      path: targets.sparkmagicPath,
      sudo: false,
      mode: 0o600
    },
    before => {
      const merged = mergeSparkmagicConfig(
        parseSparkmagicConfig(before),
        profile
      );
      plan.warnings.push(...merged.warnings);
      return sparkmagicConfigText(merged.config);
    }
  );
  if (Object.keys(targets.kernelEnv).length) {
    for (const spec of specsFor(profile, context.environment)) {
      const writable = await context.isWritable(spec.resourceDir);
      const target = kernelspecTarget(
        spec,
        targets,
        context.environment,
        writable
      );
      if (target.warning) {
        plan.warnings.push(target.warning);
      }
      await add(
        { kind: 'kernelspec', path: target.path, sudo: false, mode: 0o644 },
        before => renderKernelSpec(spec, before, targets.kernelEnv)
      );
    }
  }
  if (context.environment.studio) {
    plan.warnings.push(...studioNotes(context.environment.studio));
  }
  return plan;
}

/**
 * Writes the plan's changes in order; stops at the first failure. Each
 * write carries the content the plan was made from, so a file edited since
 * the preview is not overwritten (the write fails with code `changed`).
 */
export async function executeApply(
  plan: IApplyPlan,
  files: IFileAccess,
  keepBackups?: number
): Promise<IWriteResult[]> {
  if (plan.errors.length) {
    throw new Error(plan.errors.join('\n'));
  }
  const requests: IWriteRequest[] = plan.changes.map(change => ({
    path: change.path,
    content: change.after,
    mode: change.mode,
    sudo: change.sudo,
    backup: true,
    keepBackups,
    before: change.before
  }));
  // One script: it checks every file before it writes the first.
  return files.writeAll(requests);
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
