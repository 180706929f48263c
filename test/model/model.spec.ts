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
  recorded
} from './fakes';

/** 11/25/26 17:00 UTC: one hour after the recorded tickets were issued. */
const NOW = Date.UTC(2026, 10, 25, 17, 0, 0);
const MIN = 60_000;
const KRB5_USER = '/home/u/.config/sparkmagic-kerberos/krb5.conf';
/** What kinit, klist and kernels get: our file first, then the site's. */
const KRB5_ENV = `${KRB5_USER}:/etc/krb5.conf`;

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

function setup(options: ISetup = {}) {
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
    probe: async () => ({ ...USER_ENV, ...options.env }),
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

function track<T extends { model: KerberosModel }>(s: T): T {
  current = s.model;
  return s;
}

describe('KerberosModel status', () => {
  it('reads a service-only cache as signed in, with the countdown from the clock', async () => {
    const { model, runner } = track(setup());
    const snapshot = await model.refresh();
    expect(snapshot.principal).toBe('user1@EC2.INTERNAL');
    expect(snapshot.main?.server).toBe(
      'HTTP/livy-nlb.example.test@EC2.INTERNAL'
    );
    expect(model.state()).toBe('signed-in');
    // 15 minutes before expiry (warnBeforeMinutes default) it is expiring.
    expect(model.state(snapshot.main!.expires! - 10 * MIN)).toBe('expiring');
    expect(model.state(snapshot.main!.expires! + 1)).toBe('expired');
    // klist runs in the C locale, UTC, with the user krb5.conf the kernels get.
    expect(runner.commands[0]).toBe(
      `KRB5_CONFIG=${KRB5_ENV} LC_ALL=C TZ=UTC klist -f 2>&1`
    );
  });

  it('never runs two klist at once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>(resolve => (release = resolve));
    const { model, runner } = track(
      setup({
        answer: command => (command.includes('klist') ? undefined : undefined)
      })
    );
    const answer = runner.answer;
    runner.answer = async command => {
      await gate;
      return answer(command);
    };
    const all = Promise.all([
      model.refresh(),
      model.refresh(),
      model.refresh()
    ]);
    release();
    await all;
    expect(runner.commands.filter(c => c.includes('klist'))).toHaveLength(1);
    await model.refresh();
    expect(runner.commands.filter(c => c.includes('klist'))).toHaveLength(2);
  });

  it('says when there is no ticket, no Kerberos tools or no terminals', async () => {
    const empty = track(setup({ klist: recorded('mit-klist-nocache') }));
    expect((await empty.model.refresh()).kind).toBe('no-ticket');
    empty.model.dispose();
    const noTools = track(setup({ env: { kerberosTools: null } }));
    expect((await noTools.model.refresh()).kind).toBe('no-tools');
    noTools.model.dispose();
    const notFound = track(
      setup({
        answer: () => ({ stdout: 'sh: 1: klist: not found\n', exitCode: 127 })
      })
    );
    expect((await notFound.model.refresh()).kind).toBe('no-tools');
    notFound.model.dispose();
    const noTerminals = track(setup({ terminalsAvailable: false }));
    expect((await noTerminals.model.refresh()).kind).toBe('no-terminals');
    expect(noTerminals.runner.commands).toHaveLength(0);
  });

  it('announces the warning window once per ticket', async () => {
    let now = NOW;
    const { model } = track(setup({ now: () => now }));
    const seen: number[] = [];
    model.expiring.connect((_, s) => seen.push(s.main!.expires!));
    const snapshot = await model.refresh();
    now = snapshot.main!.expires! - 5 * MIN;
    await model.refresh();
    await model.refresh();
    expect(seen).toEqual([snapshot.main!.expires!]);
  });
});

describe('KerberosModel sign-in', () => {
  it('runs kinit with the kernels’ environment in a titled sign-in terminal and closes it on success', async () => {
    const { model, terminals, runner } = track(setup());
    await model.signIn();
    expect(terminals.typed).toHaveLength(1);
    expect(terminals.titles).toEqual(['Kerberos sign-in — user1@EC2.INTERNAL']);
    // The login shell is replaced at once: nothing typed later reaches it.
    // eslint-disable-next-line no-control-regex
    expect(terminals.typed[0]).toMatch(/^\x15 exec sh -c '/);
    expect(terminals.typed[0]).toContain(
      `KRB5_CONFIG=${KRB5_ENV} kinit -l 10h -r 7d -S HTTP/livy-nlb.example.test@EC2.INTERNAL user1@EC2.INTERNAL`
    );
    expect(terminals.typed[0]).toContain(
      "'Signing in as user1@EC2.INTERNAL for Livy at livy-nlb.example.test through the KDC "
    );
    expect(terminals.closed).toBe(1);
    expect(model.lastError).toBeNull();
    // The panel refreshes after the action.
    expect(
      runner.commands.filter(c => c.includes('klist')).length
    ).toBeGreaterThan(0);
  });

  it('asks for Apply first when the user krb5.conf does not exist', async () => {
    const { model, files, terminals } = track(setup());
    files.files.delete(KRB5_USER);
    await expect(model.signIn()).rejects.toThrow(/has not been written yet/);
    expect(model.lastError?.fix).toMatch(/Apply the configuration first/);
    expect(terminals.typed).toHaveLength(0);
  });

  it('after a sign-in that follows a lapse, offers to restart the running Sparkmagic kernels', async () => {
    const { model, setKlist } = track(setup());
    setKlist(recorded('mit-klist-nocache'));
    await model.refresh();
    expect(model.state()).toBe('no-ticket');
    setKlist(recorded('mit-klist-f-svc'));
    await model.signIn();
    expect(model.staleKernels.map(k => k.id)).toEqual(['k1']);
    expect(model.staleReason).toBe('ticket');
    await model.restartStale();
    expect(model.staleKernels).toEqual([]);
  });

  it('a sign-in while already signed in offers no restart', async () => {
    const { model } = track(setup());
    await model.refresh();
    await model.signIn();
    expect(model.staleKernels).toEqual([]);
  });

  it('explains a failed password sign-in and leaves the terminal open', async () => {
    const { model, terminals } = track(
      setup({
        terminal: { output: recorded('mit-kinit-wrong-password'), exitCode: 1 }
      })
    );
    await model.signIn();
    expect(model.lastError?.code).toBe('WRONG_PASSWORD');
    expect(terminals.closed).toBe(0);
  });

  it('reports a terminal closed before kinit finished', async () => {
    const { model } = track(
      setup({
        terminal: {
          output: 'Password for user1@EC2.INTERNAL: ',
          exitCode: null
        }
      })
    );
    await model.signIn();
    expect(model.lastError?.code).toBe('NO_PASSWORD');
  });

  it('signs in with a keytab in the hidden runner, TGT mode without -S', async () => {
    const { model, runner, terminals } = track(
      setup({
        profile: {
          signIn: 'keytab',
          keytab: '/home/u/user1.keytab',
          ticketMode: 'tgt'
        }
      })
    );
    await model.signIn();
    expect(terminals.typed).toHaveLength(0);
    expect(runner.commands).toContain(
      `KRB5_CONFIG=${KRB5_ENV} kinit -k -t /home/u/user1.keytab -l 10h -r 7d user1@EC2.INTERNAL 2>&1`
    );
  });

  it('warns after a keytab sign-in when others can read the keytab', async () => {
    const mode = { value: '644\n' };
    const { model } = track(
      setup({
        profile: { signIn: 'keytab', keytab: '/home/u/user1.keytab' },
        answer: c =>
          c.startsWith('stat -L -c %a ')
            ? { stdout: mode.value, exitCode: 0 }
            : undefined
      })
    );
    await model.signIn();
    expect(model.lastError).toBeNull();
    expect(model.warning?.title).toMatch(/readable by every user \(mode 644\)/);
    expect(model.warning?.fix).toBe(
      'Run chmod 600 /home/u/user1.keytab in a terminal.'
    );
    mode.value = '600\n';
    await model.signIn();
    expect(model.warning).toBeNull();
  });

  it('explains a failed keytab sign-in', async () => {
    const { model } = track(
      setup({
        profile: { signIn: 'keytab', keytab: '/nope.keytab' },
        answer: c =>
          c.includes(' kinit ')
            ? { stdout: recorded('mit-kinit-keytab-missing'), exitCode: 1 }
            : undefined
      })
    );
    await model.signIn();
    expect(model.lastError?.code).toBe('KEYTAB_MISSING');
  });

  it('signs out with kdestroy', async () => {
    const { model, runner } = track(setup());
    await model.signOut();
    expect(runner.commands).toContain(`KRB5_CONFIG=${KRB5_ENV} kdestroy 2>&1`);
  });

  it('switches user: kernels stop before sign-out and start after the new sign-in', async () => {
    const { model, runner, terminals, log, state } = track(setup());
    const order: string[] = log;
    runner.answer = (command => {
      if (command.includes('kdestroy')) {
        order.push('kdestroy');
      }
      return { stdout: '', exitCode: 0 };
    }) as typeof runner.answer;
    const typed = terminals.typed;
    await model.switchUser('user2');
    expect(order).toEqual(['shutdown k1', 'kdestroy', 'start k1']);
    expect(typed[0]).toContain(' user2@EC2.INTERNAL\n');
    expect((state.profiles as any[])[0].principal).toBe('user2');
  });

  it('refuses a malformed principal before touching anything', async () => {
    const { model, log } = track(setup());
    await expect(model.switchUser('bad user')).rejects.toThrow();
    expect(log).toEqual([]);
  });
});

describe('KerberosModel renewal', () => {
  it('renews a renewable service ticket with kinit -R -S inside the window', async () => {
    let now = NOW;
    const { model, runner, setKlist } = track(setup({ now: () => now }));
    const snapshot = await model.refresh();
    now = snapshot.main!.expires! - 20 * MIN;
    runner.answer = command => {
      if (command.includes('kinit -R')) {
        setKlist(recorded('mit-klist-f-svc-renewed'));
        return { stdout: '', exitCode: 0 };
      }
      return { stdout: recorded('mit-klist-f-svc'), exitCode: 0 };
    };
    await model.refresh();
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(runner.commands).toContain(
      `KRB5_CONFIG=${KRB5_ENV} kinit -R -S HTTP/livy-nlb.example.test@EC2.INTERNAL user1@EC2.INTERNAL 2>&1`
    );
    expect(model.lastRenewal).toBe(now);
  });

  it('explains a ticket that cannot be renewed', async () => {
    const { model } = track(
      setup({ klist: recorded('mit-klist-f-expired-svc') })
    );
    await model.refresh();
    await model.renew();
    expect(model.lastError?.code).toBe('NOT_RENEWABLE');
  });
});

describe('KerberosModel apply', () => {
  it('previews, writes, and reports running Sparkmagic kernels as stale', async () => {
    const { model, files } = track(
      setup({
        profile: { tls: { caBundle: '/etc/ca.pem', ignoreSslErrors: false } }
      })
    );
    files.files.set(
      '/home/u/.sparkmagic/config.json',
      '{"session_configs": {"driverMemory": "1000M"}}\n'
    );
    const plan = await model.planApply();
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map(c => [c.kind, c.path])).toEqual([
      ['krb5', KRB5_USER],
      ['sparkmagic', '/home/u/.sparkmagic/config.json'],
      [
        'kernelspec',
        '/home/u/.local/share/jupyter/kernels/pysparkkernel/kernel.json'
      ]
    ]);
    expect(files.writes).toHaveLength(0);
    const record = await model.apply(plan);
    expect(record?.written.map(w => w.path)).toHaveLength(3);
    const config = JSON.parse(
      files.files.get('/home/u/.sparkmagic/config.json')!
    );
    expect(config.session_configs).toEqual({ driverMemory: '1000M' });
    expect(config.kernel_python_credentials).toEqual({
      url: 'https://livy-nlb.example.test:8998',
      auth: 'Kerberos'
    });
    const spec = JSON.parse(
      files.files.get(
        '/home/u/.local/share/jupyter/kernels/pysparkkernel/kernel.json'
      )!
    );
    expect(spec.env).toEqual({
      KRB5_CONFIG: KRB5_ENV,
      REQUESTS_CA_BUNDLE: '/etc/ca.pem'
    });
    expect(spec.argv).toEqual(USER_ENV.sparkmagicSpecs[0].argv);
    expect(files.files.get(KRB5_USER)).toContain('EC2.INTERNAL');
    expect(model.staleKernels.map(k => k.id)).toEqual(['k1']);
    // Applying again changes nothing.
    const again = await model.planApply();
    expect(again.changes).toEqual([]);
    expect(again.unchanged).toHaveLength(3);
  });

  it('writes nothing when an existing file cannot be parsed', async () => {
    const { model, files } = track(setup());
    files.files.set(
      '/home/u/.sparkmagic/config.json',
      '{"kernel_python_credentials": '
    );
    const plan = await model.planApply();
    expect(plan.errors.join()).toMatch(/not valid JSON/);
    await expect(model.apply(plan)).rejects.toThrow();
    expect(files.writes).toHaveLength(0);
  });

  it('writes nothing for an invalid profile (upper-case host, bad realm)', async () => {
    const { model, files } = track(
      setup({
        profile: {
          livyUrl: 'https://LIVY-NLB.example.test:8998',
          realm: 'ec2 internal'
        }
      })
    );
    const plan = await model.planApply();
    expect(plan.errors.some(e => e.startsWith('realm:'))).toBe(true);
    expect(plan.changes).toEqual([]);
    expect(files.writes).toHaveLength(0);
  });

  it('writes nothing when a file changed since the preview, and says so', async () => {
    const { model, files } = track(setup());
    const plan = await model.planApply();
    files.files.set('/home/u/.sparkmagic/config.json', '{"edited": 1}\n');
    await expect(model.apply(plan)).rejects.toThrow(
      /changed since the preview/
    );
    expect(model.lastError?.title).toBe(
      'The file changed since the preview — preview again'
    );
    expect(files.files.get('/home/u/.sparkmagic/config.json')).toBe(
      '{"edited": 1}\n'
    );
  });

  it('restarts stale kernels on request', async () => {
    const { model, log } = track(setup());
    await model.apply(await model.planApply());
    await model.restartStale();
    expect(log).toContain('restart k1');
    expect(model.staleKernels).toEqual([]);
  });
});
