/**
 * Giving Sparkmagic kernels the environment they need (KRB5_CONFIG in user
 * mode, REQUESTS_CA_BUNDLE for a private CA) through the kernelspec `env`.
 *
 * jupyter_client finds kernelspecs in the user's data directory and in the
 * environment's (virtualenv, conda); the environment's come first when
 * JUPYTER_PREFER_ENV_PATH says so or, unset, when the user owns that
 * environment. So the `env` goes into the kernel.json the server uses when
 * it is the user's own or a user copy would lose to it (and it can be
 * written); otherwise into a user-level copy, which then wins.
 */
import { IProfile, SPARKMAGIC_KERNELSPECS } from '../profile';
import type {
  IEnvironment,
  ISparkmagicSpec,
  ITargets
} from '../environment/targets';

/** The profile's Sparkmagic kernels the server knows. */
export function specsFor(
  profile: IProfile,
  environment: IEnvironment
): ISparkmagicSpec[] {
  const names = new Set(profile.kernels.map(k => SPARKMAGIC_KERNELSPECS[k]));
  return environment.sparkmagicSpecs.filter(s => names.has(s.name));
}

export interface IKernelspecTarget {
  /** kernel.json to write. */
  path: string;
  /** Set when kernels may still not see the `env` (the reason). */
  warning: string | null;
}

export function kernelspecTarget(
  spec: ISparkmagicSpec,
  targets: ITargets,
  environment: IEnvironment,
  writable: boolean
): IKernelspecTarget {
  const own = `${spec.resourceDir}/kernel.json`;
  const copy = `${targets.kernelspecDir}/${spec.name}/kernel.json`;
  if (spec.resourceDir.startsWith(`${targets.kernelspecDir}/`)) {
    return { path: own, warning: null };
  }
  const environmentFirst = environment.preferEnvPath ?? writable;
  if (!environmentFirst) {
    return { path: copy, warning: null };
  }
  if (writable) {
    return { path: own, warning: null };
  }
  return {
    path: copy,
    warning:
      `${spec.name}: the server prefers ${spec.resourceDir}, which cannot be written, over ${copy}; ` +
      'set JUPYTER_PREFER_ENV_PATH=0 for the server or use the system krb5.conf (Use sudo for system files).'
  };
}

/** kernel.json with `env` added; an existing file keeps its other keys and variables. */
export function renderKernelSpec(
  spec: ISparkmagicSpec,
  existing: string | null,
  env: Record<string, string>
): string {
  let base: Record<string, unknown> = {
    argv: spec.argv,
    display_name: spec.displayName,
    language: spec.language,
    env: spec.env
  };
  if (existing !== null) {
    const parsed = JSON.parse(existing) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(
        'kernel.json is not a JSON object; fix or remove it, then apply again.'
      );
    }
    base = parsed as Record<string, unknown>;
  }
  const oldEnv = base.env && typeof base.env === 'object' ? base.env : {};
  return (
    JSON.stringify({ ...base, env: { ...oldEnv, ...env } }, null, 1) + '\n'
  );
}
