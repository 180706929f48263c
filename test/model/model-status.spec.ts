import { recorded } from './fakes';
import { NOW, MIN, KRB5_ENV, setup, track } from './model-setup';

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
