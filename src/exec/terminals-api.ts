import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import { TERMINAL_NAME } from '../core/terminal/frame';
import { ChannelClosedError, TerminalsUnavailableError } from './errors';

/** A running terminal as `GET /api/terminals` lists it. */
export interface ITerminalInfo {
  name: string;
  /** Milliseconds since the epoch, by the server's clock. */
  lastActivity: number;
}

/** Terminals of one kind, and how long one may go without activity. */
export interface IReapRule {
  pattern: RegExp;
  staleMs: number;
}

/** The terminal list and the server's clock when it answered. */
export interface ITerminalList {
  terminals: ITerminalInfo[];
  serverNow: number;
}

/**
 * The REST calls the runner needs beyond TerminalManager: the list with
 * `last_activity` (to reap terminals of closed tabs) and a DELETE that
 * survives page unload.
 */
export class TerminalsAPI {
  constructor(options: TerminalsAPI.IOptions) {
    this.serverSettings = options.serverSettings;
  }

  readonly serverSettings: ServerConnection.ISettings;

  async list(): Promise<ITerminalList> {
    const response = await this._request(this._url(), {});
    if (response.status !== 200) {
      throw await failure(response);
    }
    const data = (await response.json()) as unknown;
    if (!Array.isArray(data)) {
      throw new ChannelClosedError('The server sent an invalid terminal list.');
    }
    const date = Date.parse(response.headers.get('Date') ?? '');
    return {
      serverNow: Number.isNaN(date) ? Date.now() : date,
      terminals: data
        .filter(t => t && typeof t.name === 'string')
        .map(t => ({
          name: t.name as string,
          lastActivity: Date.parse(String(t.last_activity ?? ''))
        }))
    };
  }

  /** Shuts a terminal down; a terminal that is already gone is fine. */
  async shutdown(name: string, keepalive = false): Promise<void> {
    if (!TERMINAL_NAME.test(name)) {
      throw new Error(`Invalid terminal name '${name}'.`);
    }
    const response = await this._request(this._url(name), {
      method: 'DELETE',
      keepalive
    });
    if (response.status !== 204 && response.status !== 404) {
      throw await failure(response);
    }
  }

  /**
   * Shuts down the terminals that a rule's pattern matches and that had no
   * activity for its `staleMs` by the server's clock (those of pages that
   * are gone); `keep` names one never to shut down.
   */
  async reap(rules: readonly IReapRule[], keep?: string | null): Promise<void> {
    const { terminals, serverNow } = await this.list();
    const stale = terminals.filter(
      t =>
        t.name !== keep &&
        rules.some(
          r =>
            r.pattern.test(t.name) && !(serverNow - t.lastActivity < r.staleMs)
        )
    );
    await Promise.all(
      stale.map(t => this.shutdown(t.name).catch(() => undefined))
    );
  }

  private _url(name?: string): string {
    const base = URLExt.join(this.serverSettings.baseUrl, 'api', 'terminals');
    return name ? URLExt.join(base, name) : base;
  }

  private async _request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await ServerConnection.makeRequest(
        url,
        { cache: 'no-store', ...init },
        this.serverSettings
      );
    } catch (e) {
      throw new ChannelClosedError(
        `Cannot reach the Jupyter server: ${(e as Error).message}`
      );
    }
  }
}

export namespace TerminalsAPI {
  export interface IOptions {
    serverSettings: ServerConnection.ISettings;
  }
}

/** Maps a refused terminals request to a typed error. */
export async function failure(response: Response): Promise<Error> {
  const error = await ServerConnection.ResponseError.create(response);
  return refused(response.status, error.message);
}

function refused(status: number, message: string): Error {
  if (status === 403 || status === 404) {
    return new TerminalsUnavailableError(
      `The Jupyter server refuses terminals (HTTP ${status}); ask the administrator to enable them (ServerApp.terminals_enabled).`
    );
  }
  return new ChannelClosedError(
    `The Jupyter server answered HTTP ${status}: ${message}`
  );
}

/** Maps an error from TerminalManager.startNew to a typed error. */
export function startFailure(error: unknown): Error {
  if (error instanceof ServerConnection.ResponseError) {
    return refused(error.response.status, error.message);
  }
  if (error instanceof ServerConnection.NetworkError) {
    return new ChannelClosedError(
      `Cannot reach the Jupyter server: ${error.message}`
    );
  }
  if (
    /Terminals Unavailable/i.test(String((error as Error)?.message ?? error))
  ) {
    return new TerminalsUnavailableError();
  }
  return error instanceof Error ? error : new Error(String(error));
}
