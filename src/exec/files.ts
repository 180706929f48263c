import { utf8Encode } from '../core/terminal/encoding';
import {
  IWriteItem,
  READ_MISSING,
  WRITE_EXIT,
  parseWriteOutput,
  readScript,
  validateFilePath,
  writeScript
} from '../core/terminal/file-scripts';
import { sha256Hex } from '../core/terminal/sha256';
import { FileAccessError } from './errors';
import {
  ICommandRunner,
  IFileAccess,
  IRunResult,
  IWriteOptions,
  IWriteRequest,
  IWriteResult
} from './runner-types';

/**
 * Reads and writes files on the server through the hidden terminal: any
 * path, hidden ones included (the Contents API refuses those), atomically
 * and with a backup of what was there.
 */
export class TerminalFiles implements IFileAccess {
  constructor(options: TerminalFiles.IOptions) {
    this._runner = options.runner;
    this._timeoutMs = options.timeoutMs ?? 60000;
  }

  async read(path: string): Promise<string | null> {
    checkPath(path);
    const result = await this._runner.run(readScript(path), {
      timeoutMs: this._timeoutMs
    });
    if (result.exitCode === READ_MISSING) {
      return null;
    }
    if (result.exitCode !== 0) {
      throw failure(path, result, 'read');
    }
    return result.stdout;
  }

  async write(
    path: string,
    content: string,
    options: IWriteOptions = {}
  ): Promise<IWriteResult> {
    const [result] = await this.writeAll([{ ...options, path, content }]);
    return result;
  }

  async writeAll(requests: readonly IWriteRequest[]): Promise<IWriteResult[]> {
    if (requests.length === 0) {
      return [];
    }
    const items: IWriteItem[] = requests.map(r => {
      checkPath(r.path);
      const content = utf8Encode(r.content);
      return {
        path: r.path,
        content,
        sha256: sha256Hex(content),
        mode: r.mode,
        backup: r.backup ?? true,
        keepBackups: r.keepBackups,
        sudo: r.sudo ?? false,
        expect:
          r.before === undefined || r.before === null
            ? r.before
            : sha256Hex(utf8Encode(r.before))
      };
    });
    const result = await this._runner.run(writeScript(items, new Date()), {
      timeoutMs: this._timeoutMs * items.length
    });
    const written = parseWriteOutput(result.stdout).map(o => ({
      path: o.path,
      backupPath: o.backupPath,
      changed: o.status !== 'unchanged'
    }));
    if (result.exitCode !== 0) {
      const failed = requests[Math.min(written.length, requests.length - 1)];
      throw failure(failed.path, result, 'write', written);
    }
    return written;
  }

  private _runner: ICommandRunner;
  private _timeoutMs: number;
}

export namespace TerminalFiles {
  export interface IOptions {
    runner: ICommandRunner;
    /** Per read or write; default 60 s. */
    timeoutMs?: number;
  }
}

function checkPath(path: string): void {
  const problem = validateFilePath(path);
  if (problem) {
    throw new FileAccessError('invalid-path', problem);
  }
}

const CODES: Record<number, FileAccessError.Code> = {
  [WRITE_EXIT.invalidPath]: 'invalid-path',
  [WRITE_EXIT.notAFile]: 'not-a-file',
  [WRITE_EXIT.changed]: 'changed',
  [WRITE_EXIT.unsafeDir]: 'unsafe-directory',
  [WRITE_EXIT.transfer]: 'transfer',
  [WRITE_EXIT.verify]: 'verify',
  [WRITE_EXIT.locked]: 'locked',
  [WRITE_EXIT.sudo]: 'sudo',
  [WRITE_EXIT.noHome]: 'no-home'
};

function failure(
  path: string,
  result: IRunResult,
  verb: 'read' | 'write',
  written: IWriteResult[] = []
): FileAccessError {
  const detail = (result.stderr ?? '').trim();
  const code: FileAccessError.Code =
    /No space left on device|quota exceeded/i.test(detail)
      ? 'no-space'
      : /Read-only file system/i.test(detail)
        ? 'read-only'
        : /Permission denied|Operation not permitted/i.test(detail)
          ? 'permission'
          : (CODES[result.exitCode] ?? 'failed');
  // The commit touches the file only by the final rename, so a failed write
  // leaves it as it was.
  const why: Partial<Record<FileAccessError.Code, string>> = {
    'no-space': `Cannot ${verb} ${path}: no space left on device (the file system is full); the file keeps its previous content.`,
    'read-only': `Cannot ${verb} ${path}: it is on a read-only file system; the file keeps its previous content.`,
    permission: `Cannot ${verb} ${path}.${verb === 'write' ? ' Choose a path you own, or allow sudo for system files.' : ''}`
  };
  return new FileAccessError(
    code,
    why[code] ?? `Cannot ${verb} ${path}.`,
    detail,
    written,
    path
  );
}
