/**
 * Sign in, sign out, switch user and renew. Password sign-in runs kinit in
 * a visible terminal (the password stays there); keytab sign-in and
 * renewal run in the hidden runner. Failures are kept, explained, in
 * `lastError`.
 */
import {
  kdestroyCommand,
  kinitCommand,
  renewCommand,
  userPrincipal
} from '../core/sign-in/kinit';
import type { ITitleAndFix } from '../core/explain/fixes';
import {
  keytabModeCommand,
  keytabModeWarning
} from '../core/sign-in/keytab-mode';
import type { IProfile } from '../core/profile';
import { shellEnvPrefix } from '../core/terminal/shell';
import { expiryCommand, signInIntro, signInLine } from '../core/sign-in/script';
import {
  validateKeytabPath,
  validatePrincipal
} from '../core/validate/profile';
import type { ICommandRunner, IFileAccess } from '../exec/tokens';
import { ExplainedError, explainOutput } from '../core/explain/explained-error';
import type { IKernelControl } from '../lab/kernels';
import { canRenew } from '../core/ticket/renewal';
import type { ProfileStore } from '../lab/settings';
import type { ICacheSnapshot, IExplanation } from '../core/ticket/status';
import type { ITargets } from '../core/environment/targets';
import {
  ITerminalOpener,
  newMarker,
  typeAndWatch
} from '../lab/visible-terminal';

type Env = Record<string, string>;

export class SessionActions {
  constructor(options: SessionActions.IOptions) {
    this._runner = options.runner;
    this._files = options.files;
    this._terminals = options.terminals;
    this._kernels = options.kernels;
    this._store = options.store;
    this._timeoutMs = options.timeoutMs;
  }

  /** The failure of the last action, explained; null when it succeeded. */
  get lastError(): IExplanation | null {
    return this._lastError;
  }

  /** A user-mode krb5.conf must exist before kinit can use it. */
  async requireKrb5(targets: ITargets): Promise<void> {
    if (
      targets.krb5Mode === 'user' &&
      (await this._files.read(targets.krb5Path)) === null
    ) {
      throw new ExplainedError({
        code: 'UNKNOWN_REALM',
        title: `${targets.krb5Path} has not been written yet.`,
        fix: 'Apply the configuration first (Apply configuration in the Spark Kerberos panel), then sign in.'
      });
    }
  }

  /** After a keytab sign-in: the keytab is readable by others; null otherwise. */
  get warning(): ITitleAndFix | null {
    return this._warning;
  }

  /** Signs in with the profile's method; true on success. */
  async signIn(profile: IProfile, env: Env): Promise<boolean> {
    this._lastError = null;
    this._warning = null;
    return profile.signIn === 'keytab'
      ? this._withKeytab(profile, env)
      : this._inTerminal(env, profile);
  }

  async signOut(env: Env): Promise<boolean> {
    this._lastError = null;
    const result = await this._runner.run(`${kdestroyCommand({ env })} 2>&1`, {
      timeoutMs: this._timeoutMs()
    });
    // kdestroy on an empty cache says so and fails: signed out either way.
    if (
      result.exitCode !== 0 &&
      !/No credentials cache found|not found/i.test(result.stdout)
    ) {
      this._lastError = await explainOutput(result.stdout);
      return false;
    }
    return true;
  }

  /**
   * Sparkmagic kernels are shut down first so their Livy sessions are
   * deleted with the old credentials; they start again after the new
   * sign-in succeeds.
   */
  async switchUser(
    profile: IProfile,
    env: Env,
    principal: string,
    keytab?: string
  ): Promise<boolean> {
    this._lastError = null;
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
    const kernels = await this._kernels.running();
    await this._kernels.shutdown(kernels);
    if (!(await this.signOut(env))) {
      return false;
    }
    await this._store.save(profile.name, next);
    if (!(await this.signIn(next, env))) {
      return false;
    }
    await this._kernels.start(kernels);
    return true;
  }

  /** `kinit -R` while renewable; a keytab profile signs in again after that. */
  async renew(
    profile: IProfile,
    env: Env,
    snapshot: ICacheSnapshot,
    now: number
  ): Promise<boolean> {
    this._lastError = null;
    if (canRenew(snapshot.main, now)) {
      return this._hidden(renewCommand(profile, { env }), profile);
    }
    if (profile.signIn === 'keytab') {
      return this._withKeytab(profile, env);
    }
    this._lastError = {
      code: 'NOT_RENEWABLE',
      title: 'The ticket cannot be renewed any more.',
      fix: 'Sign in again with your password.'
    };
    return false;
  }

  private async _withKeytab(profile: IProfile, env: Env): Promise<boolean> {
    if (!(await this._hidden(kinitCommand(profile, { env }), profile))) {
      return false;
    }
    const mode = await this._runner.run(keytabModeCommand(profile.keytab), {
      timeoutMs: this._timeoutMs()
    });
    const found =
      mode.exitCode === 0
        ? keytabModeWarning(profile.keytab, mode.stdout)
        : null;
    this._warning = found;
    return true;
  }

  private async _hidden(command: string, profile: IProfile): Promise<boolean> {
    const result = await this._runner.run(`${command} 2>&1`, {
      timeoutMs: this._timeoutMs()
    });
    if (result.exitCode !== 0) {
      this._lastError = await explainOutput(result.stdout, profile);
      return false;
    }
    return true;
  }

  private async _inTerminal(env: Env, profile: IProfile): Promise<boolean> {
    const marker = newMarker();
    const autoClose = this._store.options.closeSignInTerminal;
    const line = signInLine({
      kinit: kinitCommand(profile, { env }),
      expiry: expiryCommand(shellEnvPrefix(env)),
      intro: signInIntro(profile),
      marker,
      autoClose
    });
    const terminal = await this._terminals.open(
      `Kerberos sign-in — ${userPrincipal(profile)}`
    );
    const outcome = await typeAndWatch(terminal, line, marker);
    // Enter in the finished terminal ends it; its tab goes with it.
    void terminal.closed.then(() => terminal.close());
    if (outcome.exitCode === 0) {
      if (autoClose) {
        terminal.closeLater();
      }
      return true;
    }
    this._lastError =
      outcome.exitCode === null
        ? {
            code: 'NO_PASSWORD',
            title: 'The sign-in terminal was closed before kinit finished.',
            fix: 'Sign in again and type your password in the terminal.'
          }
        : await explainOutput(outcome.output, profile);
    return false;
  }

  private _runner: ICommandRunner;
  private _files: IFileAccess;
  private _terminals: ITerminalOpener;
  private _kernels: IKernelControl;
  private _store: ProfileStore;
  private _timeoutMs: () => number;
  private _lastError: IExplanation | null = null;
  private _warning: ITitleAndFix | null = null;
}

export namespace SessionActions {
  export interface IOptions {
    runner: ICommandRunner;
    files: IFileAccess;
    terminals: ITerminalOpener;
    kernels: IKernelControl;
    store: ProfileStore;
    timeoutMs: () => number;
  }
}
