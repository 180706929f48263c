/**
 * Sign in, sign out, switch user and renew, each returning its failure
 * explained instead of keeping it. Password sign-in runs kinit in a visible
 * terminal (the password stays there); keytab sign-in and renewal run in
 * the hidden runner.
 */
import { ExplainedError, explainOutput } from '../core/explain/explained-error';
import type { ITitleAndFix } from '../core/explain/fixes';
import type { ITargets } from '../core/environment/targets';
import type { IProfile } from '../core/profile';
import {
  keytabModeCommand,
  keytabModeWarning
} from '../core/sign-in/keytab-mode';
import {
  kdestroyCommand,
  kinitCommand,
  renewCommand,
  userPrincipal
} from '../core/sign-in/kinit';
import { expiryCommand, signInIntro, signInLine } from '../core/sign-in/script';
import { shellEnvPrefix } from '../core/terminal/shell';
import { canRenew } from '../core/ticket/renewal';
import type { ICacheSnapshot, IExplanation } from '../core/ticket/status';
import {
  validateKeytabPath,
  validatePrincipal
} from '../core/validate/profile';
import type { ICommandRunner, IFileAccess } from '../exec/runner-types';
import type { IKernelControl } from '../lab/kernels';
import type { ProfileStore } from '../lab/settings';
import {
  ITerminalOpener,
  newMarker,
  typeAndWatch
} from '../lab/visible-terminal';

type Env = Record<string, string>;

/** What the actions act through: the model's own options, passed as they are. */
export interface IActionDeps {
  store: ProfileStore;
  runner: ICommandRunner;
  files: IFileAccess;
  terminals: ITerminalOpener;
  kernels: IKernelControl;
}

/** An action's outcome: its failure explained (null on success), and a warning it left. */
export interface IActionResult {
  error: IExplanation | null;
  warning?: ITitleAndFix | null;
}

const OK: IActionResult = { error: null };

/** A user-mode krb5.conf must exist before kinit can use it. */
export async function requireKrb5(
  files: IFileAccess,
  targets: ITargets
): Promise<void> {
  if (
    targets.krb5Mode === 'user' &&
    (await files.read(targets.krb5Path)) === null
  ) {
    throw new ExplainedError({
      code: 'UNKNOWN_REALM',
      title: `${targets.krb5Path} has not been written yet.`,
      fix: 'Apply the configuration first (Apply configuration in the Spark Kerberos panel), then sign in.'
    });
  }
}

/** Signs in with the profile's method; a keytab warning is replaced or cleared. */
export async function signIn(
  deps: IActionDeps,
  profile: IProfile,
  env: Env
): Promise<IActionResult> {
  const result =
    profile.signIn === 'keytab'
      ? await withKeytab(deps, profile, env)
      : await inTerminal(deps, profile, env);
  return { warning: null, ...result };
}

export async function signOut(
  deps: IActionDeps,
  env: Env
): Promise<IActionResult> {
  const result = await deps.runner.run(`${kdestroyCommand({ env })} 2>&1`, {
    timeoutMs: timeoutMs(deps)
  });
  // kdestroy on an empty cache says so and fails: signed out either way.
  if (
    result.exitCode !== 0 &&
    !/No credentials cache found|not found/i.test(result.stdout)
  ) {
    return { error: await explainOutput(result.stdout) };
  }
  return OK;
}

/**
 * Sparkmagic kernels are shut down first so their Livy sessions are
 * deleted with the old credentials; they start again after the new
 * sign-in succeeds.
 */
export async function switchUser(
  deps: IActionDeps,
  profile: IProfile,
  env: Env,
  user: { principal: string; keytab?: string }
): Promise<IActionResult> {
  const { principal, keytab } = user;
  const problem =
    validatePrincipal(principal) ??
    (keytab !== undefined ? validateKeytabPath(keytab) : null);
  if (problem) {
    throw new Error(problem);
  }
  const next: IProfile = {
    ...profile,
    principal,
    keytab: keytab ?? profile.keytab
  };
  const kernels = await deps.kernels.running();
  await deps.kernels.shutdown(kernels);
  const out = await signOut(deps, env);
  if (out.error) {
    return out;
  }
  await deps.store.save(profile.name, next);
  const signedIn = await signIn(deps, next, env);
  if (!signedIn.error) {
    await deps.kernels.start(kernels);
  }
  return signedIn;
}

/** `kinit -R` while renewable; a keytab profile signs in again after that. */
export async function renew(
  deps: IActionDeps,
  profile: IProfile,
  env: Env,
  at: { snapshot: ICacheSnapshot; now: number }
): Promise<IActionResult> {
  if (canRenew(at.snapshot.main, at.now)) {
    return hidden(deps, renewCommand(profile, { env }), profile);
  }
  if (profile.signIn === 'keytab') {
    return withKeytab(deps, profile, env);
  }
  return {
    error: {
      code: 'NOT_RENEWABLE',
      title: 'The ticket cannot be renewed any more.',
      fix: 'Sign in again with your password.'
    }
  };
}

function timeoutMs(deps: IActionDeps): number {
  return deps.store.options.commandTimeoutSeconds * 1000;
}

async function withKeytab(
  deps: IActionDeps,
  profile: IProfile,
  env: Env
): Promise<IActionResult> {
  const signedIn = await hidden(deps, kinitCommand(profile, { env }), profile);
  if (signedIn.error) {
    return signedIn;
  }
  const mode = await deps.runner.run(keytabModeCommand(profile.keytab), {
    timeoutMs: timeoutMs(deps)
  });
  return {
    error: null,
    warning:
      mode.exitCode === 0
        ? keytabModeWarning(profile.keytab, mode.stdout)
        : null
  };
}

async function hidden(
  deps: IActionDeps,
  command: string,
  profile: IProfile
): Promise<IActionResult> {
  const result = await deps.runner.run(`${command} 2>&1`, {
    timeoutMs: timeoutMs(deps)
  });
  return result.exitCode === 0
    ? OK
    : { error: await explainOutput(result.stdout, profile) };
}

async function inTerminal(
  deps: IActionDeps,
  profile: IProfile,
  env: Env
): Promise<IActionResult> {
  const marker = newMarker();
  const autoClose = deps.store.options.closeSignInTerminal;
  const line = signInLine({
    kinit: kinitCommand(profile, { env }),
    expiry: expiryCommand(shellEnvPrefix(env)),
    intro: signInIntro(profile),
    marker,
    autoClose
  });
  const terminal = await deps.terminals.open(
    `Kerberos sign-in — ${userPrincipal(profile)}`
  );
  const outcome = await typeAndWatch(terminal, line, marker);
  // Enter in the finished terminal ends it; its tab goes with it.
  void terminal.closed.then(() => terminal.close());
  if (outcome.exitCode === 0) {
    if (autoClose) {
      terminal.closeLater();
    }
    return OK;
  }
  return {
    error:
      outcome.exitCode === null
        ? {
            code: 'NO_PASSWORD',
            title: 'The sign-in terminal was closed before kinit finished.',
            fix: 'Sign in again and type your password in the terminal.'
          }
        : await explainOutput(outcome.output, profile)
  };
}
