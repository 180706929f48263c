/**
 * A KerberosModel on fakes driven by recorded klist output, and the
 * paths and clock the model specs share.
 */
import { KerberosModel } from '../../src/model/model';
import type { IEnvironment } from '../../src/core/environment/targets';
import { sampleProfile } from '../core/sample-profile';
import {
  FakeRunner,
  LoggingKernels,
  MemoryFiles,
  ScriptedTerminals,
  USER_ENV,
  fakeStore,
  recorded,
  stagedProbe
} from './fakes';

/** 11/25/26 17:00 UTC: one hour after the recorded tickets were issued. */
export const NOW = Date.UTC(2026, 10, 25, 17, 0, 0);
export const MIN = 60_000;
export const KRB5_USER = '/home/u/.config/sparkmagic-kerberos/krb5.conf';
/** What kinit, klist and kernels get: our file first, then the site's. */
export const KRB5_ENV = `${KRB5_USER}:/etc/krb5.conf`;

interface ISetup {
  klist?: string;
  env?: Partial<IEnvironment>;
  terminal?: { output: string; exitCode: number | null };
  now?: () => number;
  answer?: (
    command: string
  ) => { stdout: string; exitCode: number } | undefined;
  profile?: Parameters<typeof sampleProfile>[0];
  terminalsAvailable?: boolean;
}

export function setup(options: ISetup = {}) {
  let klist = options.klist ?? recorded('mit-klist-f-svc');
  const runner = new FakeRunner(command => {
    const custom = options.answer?.(command);
    if (custom) {
      return custom;
    }
    if (command.includes('klist')) {
      return {
        stdout: klist,
        exitCode: klist.includes('Ticket cache') ? 0 : 1
      };
    }
    return { stdout: '', exitCode: 0 };
  });
  const log: string[] = [];
  const kernels = new LoggingKernels(log, [
    { id: 'k1', name: 'pysparkkernel', path: 'a.ipynb' }
  ]);
  const files = new MemoryFiles();
  // Applied before: the user-mode krb5.conf exists.
  files.files.set(KRB5_USER, '[libdefaults]\n');
  const terminals = new ScriptedTerminals(
    options.terminal ?? {
      output: 'Password for user1@EC2.INTERNAL: \r\n',
      exitCode: 0
    }
  );
  const { store, state } = fakeStore([sampleProfile(options.profile)]);
  const model = new KerberosModel({
    store,
    runner,
    files,
    terminals,
    kernels,
    probe: () => stagedProbe(async () => ({ ...USER_ENV, ...options.env })),
    isWritable: async () => false,
    terminalsAvailable: options.terminalsAvailable ?? true,
    now: options.now ?? (() => NOW)
  });
  return {
    model,
    runner,
    files,
    terminals,
    kernels,
    log,
    state,
    setKlist: (text: string) => (klist = text)
  };
}

let current: KerberosModel | null = null;
afterEach(() => {
  current?.dispose();
  current = null;
});

export function track<T extends { model: KerberosModel }>(s: T): T {
  current = s.model;
  return s;
}
