import { recorded } from './fakes';
import { KRB5_ENV, KRB5_USER, setup, track } from './model-setup';

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
