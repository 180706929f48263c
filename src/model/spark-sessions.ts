/**
 * The signed-in user's Livy sessions, listed and deleted through the hidden
 * terminal with the kernels' Kerberos settings and CA bundle (the requests
 * Verify Spark makes), so what the panel sees is what Sparkmagic would.
 */
import { UUID } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { verifyCommands } from '../core/doctor/verify-commands';
import type { IExplanation } from '../core/explain/explain';
import {
  ENDED_STATES,
  ILivySession,
  livyUser,
  parseDelete,
  parseLogReason,
  parseSessionList
} from '../core/livy-sessions';
import type { IProfile } from '../core/profile';
import type { ICommandRunner } from '../exec/runner-types';

/** Livy answers within its own request bound (curl -m 30) plus the shell's start. */
const REQUEST_MS = 45000;

/** Logs of ended sessions read per refresh at most (the next refresh reads on). */
const LOG_READS = 5;

export interface ISessionRow extends ILivySession {
  /** When the panel first listed it (Livy does not report a start time). */
  seenSince: number;
}

export class SparkSessions {
  constructor(options: SparkSessions.IOptions) {
    this._options = options;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get sessions(): readonly ISessionRow[] {
    return this._rows;
  }

  /** The last request's failure, explained; null after a success. */
  get error(): IExplanation | null {
    return this._error;
  }

  get busy(): boolean {
    return this._busy;
  }

  /** When the list was last read (null: never). */
  get updated(): number | null {
    return this._updated;
  }

  /** Reads the list; asked while a request runs, it reads again after it. */
  async refresh(): Promise<void> {
    if (this._busy) {
      this._again = true;
      return;
    }
    await this._run(async (run, cmd, profile, user) => {
      this._list(await run(cmd.list), profile, user);
      await this._readReasons(run, cmd);
    });
    if (this._again) {
      this._again = false;
      await this.refresh();
    }
  }

  async remove(ids: readonly number[]): Promise<void> {
    await this._run(async (run, cmd, profile, user) => {
      for (const id of ids) {
        const failed = parseDelete(await run(cmd.remove(id)), profile, id);
        if (failed) {
          this._error = failed;
          break;
        }
      }
      const error = this._error;
      this._list(await run(cmd.list), profile, user);
      this._error = error ?? this._error;
    });
  }

  /** Deletes every session of the user that is idle (holding resources, running nothing). */
  removeIdle(): Promise<void> {
    return this.remove(
      this._rows.filter(s => s.state === 'idle').map(s => s.id)
    );
  }

  private _list(stdout: string, profile: IProfile, user: string): void {
    const answer = parseSessionList(stdout, profile, user);
    if (!answer.ok) {
      this._error = answer.error;
      return;
    }
    const now = this._options.now?.() ?? Date.now();
    const seen = new Map(this._rows.map(r => [r.id, r.seenSince]));
    this._rows = answer.sessions.map(s => ({
      ...s,
      seenSince: seen.get(s.id) ?? now
    }));
    this._updated = now;
  }

  /** Each ended session's reason from its whole log, read once per session. */
  private async _readReasons(
    run: (command: string) => Promise<string>,
    cmd: ReturnType<typeof verifyCommands>
  ): Promise<void> {
    const rows: ISessionRow[] = [];
    let reads = 0;
    for (const row of this._rows) {
      let reason = this._reasons.get(row.id);
      if (
        reason === undefined &&
        ENDED_STATES.includes(row.state) &&
        reads++ < LOG_READS
      ) {
        reason = parseLogReason(await run(cmd.log(row.id))) || row.reason;
        this._reasons.set(row.id, reason);
      }
      rows.push(reason === undefined ? row : { ...row, reason });
    }
    this._rows = rows;
  }

  private async _run(
    body: (
      run: (command: string) => Promise<string>,
      cmd: ReturnType<typeof verifyCommands>,
      profile: IProfile,
      user: string
    ) => Promise<void>
  ): Promise<void> {
    const profile = this._options.profile();
    const principal = this._options.principal();
    if (this._busy || !profile) {
      return;
    }
    if (!principal) {
      this._rows = [];
      this._error = null;
      this._changed.emit();
      return;
    }
    this._busy = true;
    this._error = null;
    this._changed.emit();
    const cmd = verifyCommands(profile, UUID.uuid4().replace(/-/g, ''));
    const run = async (command: string) =>
      (await this._options.runner.run(command, { timeoutMs: REQUEST_MS }))
        .stdout;
    try {
      await run(cmd.prepareRequests);
      await body(run, cmd, profile, livyUser(principal));
    } catch (e) {
      this._error = {
        code: 'UNKNOWN',
        title: (e as Error).message,
        fix: 'Refresh the list again; if it persists, run the Kerberos doctor.'
      };
    } finally {
      await run(cmd.cleanup).catch(() => undefined);
      this._busy = false;
      this._changed.emit();
    }
  }

  private _options: SparkSessions.IOptions;
  private _rows: ISessionRow[] = [];
  /** Reasons read from ended sessions' logs, by session id. */
  private _reasons = new Map<number, string>();
  private _error: IExplanation | null = null;
  private _busy = false;
  private _again = false;
  private _updated: number | null = null;
  private _changed = new Signal<this, void>(this);
}

export namespace SparkSessions {
  export interface IOptions {
    runner: ICommandRunner;
    /** The active profile (null: none yet). */
    profile: () => IProfile | null;
    /** The signed-in principal (null: no ticket: nothing to list). */
    principal: () => string | null;
    now?: () => number;
  }
}
