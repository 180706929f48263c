/**
 * Test doubles for the model's collaborators: a command runner answering
 * with recorded real outputs, in-memory files, a scripted visible terminal,
 * kernels that log what happens to them, and settings.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Signal } from '@lumino/signaling';
import type { IProfile } from '../../src/core/profile';
import { CLEAR_SCREEN, outcomeHead } from '../../src/core/sign-in/script';
import type {
  ICommandRunner,
  IFileAccess,
  IRunResult,
  IWriteOptions,
  IWriteRequest,
  IWriteResult
} from '../../src/exec/runner-types';
import type { IKernelControl, IRunningKernel } from '../../src/lab/kernels';
import { FileAccessError } from '../../src/exec/errors';
import { ProfileStore } from '../../src/lab/settings';
import type { IEnvironment } from '../../src/core/environment/targets';
import type { IStagedProbe } from '../../src/model/environment';
import type {
  IOpenedTerminal,
  ITerminalOpener
} from '../../src/lab/visible-terminal';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'krb5');

/** A recorded output as `cmd 2>&1` shows it: stdout, then stderr. */
export function recorded(name: string): string {
  const read = (file: string) =>
    fs.existsSync(path.join(FIXTURES, file))
      ? fs.readFileSync(path.join(FIXTURES, file), 'utf8')
      : '';
  const text = read(`${name}.txt`) + read(`${name}.stderr.txt`);
  if (!text) {
    throw new Error(`no recorded output ${name}`);
  }
  return text;
}

export class FakeRunner implements ICommandRunner {
  constructor(
    public answer: (command: string) => IRunResult | Promise<IRunResult>
  ) {}
  commands: string[] = [];
  isDisposed = false;
  async run(command: string): Promise<IRunResult> {
    this.commands.push(command);
    return this.answer(command);
  }
  dispose(): void {
    this.isDisposed = true;
  }
}

export class MemoryFiles implements IFileAccess {
  files = new Map<string, string>();
  writes: { path: string; options?: IWriteOptions }[] = [];
  async read(p: string): Promise<string | null> {
    return this.files.get(p) ?? null;
  }
  async write(
    p: string,
    content: string,
    options?: IWriteOptions
  ): Promise<IWriteResult> {
    const before = this.files.get(p);
    if (options?.before !== undefined && options.before !== (before ?? null)) {
      throw new FileAccessError('changed', `Cannot write ${p}.`);
    }
    this.files.set(p, content);
    this.writes.push({ path: p, options });
    return {
      path: p,
      backupPath: before === undefined ? null : `${p}.bak`,
      changed: before !== content
    };
  }
  /** Checks every request's `before` first, as the server script does. */
  async writeAll(requests: readonly IWriteRequest[]): Promise<IWriteResult[]> {
    for (const { path: p, before } of requests) {
      if (before !== undefined && before !== (this.files.get(p) ?? null)) {
        throw new FileAccessError('changed', `Cannot write ${p}.`);
      }
    }
    const written: IWriteResult[] = [];
    for (const { path: p, content, ...options } of requests) {
      written.push(await this.write(p, content, options));
    }
    return written;
  }
}

/** A terminal whose "user" makes kinit print `output` and exit with `exitCode`. */
export class ScriptedTerminals implements ITerminalOpener {
  constructor(public script: { output: string; exitCode: number | null }) {}
  typed: string[] = [];
  titles: string[] = [];
  closed = 0;
  async open(title: string): Promise<IOpenedTerminal> {
    this.titles.push(title);
    const owner = {};
    const messages = new Signal<object, { type: string; content?: unknown[] }>(
      owner
    );
    let close: () => void = () => undefined;
    const closed = new Promise<void>(resolve => (close = resolve));
    setTimeout(() => messages.emit({ type: 'stdout', content: ['$ '] }), 1);
    let open = true;
    const shut = () => {
      this.closed += open ? 1 : 0;
      open = false;
      close();
    };
    return {
      session: {
        name: '1',
        messageReceived: messages,
        send: msg => {
          const line = msg.content[0];
          this.typed.push(line);
          const marker = / (skrb[0-9a-f]{16}) /.exec(line)![1];
          setTimeout(() => {
            messages.emit({
              type: 'stdout',
              content: [`${line}\n${CLEAR_SCREEN}${this.script.output}`]
            });
            if (this.script.exitCode === null) {
              close();
            } else {
              messages.emit({
                type: 'stdout',
                content: [`${outcomeHead(marker)}${this.script.exitCode}\x07`]
              });
            }
          }, 1);
        }
      },
      closed,
      close: shut,
      closeLater: shut
    };
  }
}

export class LoggingKernels implements IKernelControl {
  constructor(
    public log: string[],
    public kernels: IRunningKernel[] = []
  ) {}
  async running(): Promise<IRunningKernel[]> {
    return [...this.kernels];
  }
  async shutdown(k: IRunningKernel[]): Promise<void> {
    this.log.push(`shutdown ${k.map(x => x.id).join(',')}`);
  }
  async start(k: IRunningKernel[]): Promise<void> {
    this.log.push(`start ${k.map(x => x.id).join(',')}`);
  }
  async restart(k: IRunningKernel[]): Promise<void> {
    this.log.push(`restart ${k.map(x => x.id).join(',')}`);
  }
}

/** An ISettings with only what the store uses: composite, changed, set, schema. */
export function fakeSettings(initial: Record<string, unknown>) {
  const owner = {};
  const changed = new Signal<object, void>(owner);
  const state: Record<string, unknown> = { ...initial };
  const settings = {
    get composite() {
      return state;
    },
    changed,
    schema: { definitions: { profile: { type: 'object' } } },
    set: async (key: string, value: unknown) => {
      state[key] = value;
      changed.emit();
    }
  };
  return {
    settings: settings as unknown as ISettingRegistry.ISettings,
    state,
    changed
  };
}

export function fakeStore(
  profiles: IProfile[],
  extra: Record<string, unknown> = {}
) {
  const { settings, state, changed } = fakeSettings({ profiles, ...extra });
  return { store: new ProfileStore(settings), state, changed };
}

export const USER_ENV: IEnvironment = {
  home: '/home/u',
  krb5Config: null,
  sparkmagicConfDir: null,
  sparkmagicConfFile: null,
  jupyterDataDir: null,
  systemKrb5Writable: false,
  sudo: false,
  kerberosTools: 'mit',
  preferEnvPath: null,
  sparkmagicSpecs: [
    {
      name: 'pysparkkernel',
      resourceDir: '/opt/conda/share/jupyter/kernels/pysparkkernel',
      argv: [
        'python',
        '-m',
        'sparkmagic.kernels.pysparkkernel.pysparkkernel',
        '-f',
        '{connection_file}'
      ],
      displayName: 'PySpark',
      language: 'python',
      env: {}
    }
  ]
};

/**
 * A probe run as the model starts it: the shell half answers with the
 * environment less its kernelspecs, the Python half with all of it.
 */
export function stagedProbe(
  environment: () => Promise<IEnvironment>,
  log: string[] = []
): IStagedProbe {
  log.push('probe');
  const whole = environment();
  return {
    basic: whole.then(e => ({ ...e, sparkmagicSpecs: [] })),
    complete: () => {
      log.push('kernelspecs');
      return whole;
    }
  };
}
