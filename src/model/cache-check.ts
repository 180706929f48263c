/**
 * One look at the ticket cache: klist in the C locale with the profile's
 * Kerberos environment, parsed and read for the profile.
 */
import {
  klistCommand,
  servicePrincipal,
  userPrincipal
} from '../core/sign-in/kinit';
import { parseKlist } from '../core/klist/parse';
import type { IProfile } from '../core/profile';
import type { ICommandRunner } from '../exec/runner-types';
import { explainError, explainOutput } from '../core/explain/explained-error';
import {
  ICacheSnapshot,
  emptySnapshot,
  readCache
} from '../core/ticket/status';
import type { IEnvironment } from '../core/environment/targets';
import type { Actions } from './actions';
import type { IActionDeps } from './ticket-actions';

export interface ICacheCheck {
  runner: ICommandRunner;
  environment: IEnvironment;
  profile: IProfile | null;
  /** Environment of Kerberos commands for the profile (KRB5_CONFIG in user mode). */
  env: Record<string, string>;
  timeoutMs: number;
  now: number;
}

export async function checkCache(check: ICacheCheck): Promise<ICacheSnapshot> {
  const { now, profile } = check;
  if (check.environment.kerberosTools === null) {
    return emptySnapshot('no-tools', now);
  }
  const result = await check.runner.run(klistCommand({ env: check.env }), {
    timeoutMs: check.timeoutMs
  });
  if (result.exitCode === 127) {
    return emptySnapshot('no-tools', now);
  }
  const snapshot = readCache(
    parseKlist(result.stdout, new Date(now)),
    principalsOf(profile),
    now
  );
  if (snapshot.kind === 'error') {
    snapshot.error = await explainOutput(result.stdout, profile);
  }
  return snapshot;
}

/** The profile's principals, or blanks while the profile is not valid yet. */
export function principalsOf(profile: IProfile | null): {
  userPrincipal: string;
  servicePrincipal: string | null;
} {
  const attempt = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  if (!profile) {
    return { userPrincipal: '', servicePrincipal: null };
  }
  return {
    userPrincipal: attempt(() => userPrincipal(profile), ''),
    servicePrincipal:
      profile.ticketMode === 'service'
        ? attempt(() => servicePrincipal(profile), null)
        : null
  };
}

/**
 * The cache for the active profile with what kernels will see; a failure
 * becomes an explained error snapshot, never a rejection.
 */
export async function checkActiveCache(context: {
  deps: IActionDeps & { terminalsAvailable: boolean };
  actions: Actions;
  now: number;
}): Promise<ICacheSnapshot> {
  const { deps, actions, now } = context;
  if (!deps.terminalsAvailable) {
    return emptySnapshot('no-terminals', now);
  }
  try {
    const environment = await actions.environment('basic', null);
    const profile = deps.store.active;
    return await checkCache({
      runner: deps.runner,
      environment,
      profile,
      env: profile ? actions.targets(profile, environment).kerberosEnv : {},
      timeoutMs: deps.store.options.commandTimeoutSeconds * 1000,
      now
    });
  } catch (reason) {
    return emptySnapshot('error', now, await explainError(reason));
  }
}
