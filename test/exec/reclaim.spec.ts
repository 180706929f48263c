// Hidden terminals of pages that are gone are reclaimed: a page closed
// without unloading leaves its terminal on the server, whose last activity
// then stops moving; a live page beats, however long it runs no command.
// Short beats and lease here, the same mechanism.
import { TerminalRunner } from '../../src/exec/runner';
import { TerminalSession, newId } from '../../src/exec/session';
import {
  deleteTerminal,
  listTerminals,
  serverChildren,
  useServer
} from './server';

const lab = useServer();
const FAST = { beatMs: 1000, leaseMs: 4000, reapMs: 1000, window: null };
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A page's hidden terminal whose page went away: the socket closed, no DELETE. */
async function abandonedTerminal(): Promise<string> {
  const connection = await lab.manager.startNew({
    name: `sparkmagic_kerberos_t${newId()}`
  });
  const session = new TerminalSession({ connection });
  expect(await session.start({}, 20)).toBe(true);
  const name = session.name;
  session.dispose();
  return name;
}

it('shuts down the terminals of pages that are gone, never a live page’s', async () => {
  const live = new TerminalRunner({ terminals: lab.manager, ...FAST });
  const next = new TerminalRunner({ terminals: lab.manager, ...FAST });
  try {
    await live.run(':');
    const gone = [await abandonedTerminal(), await abandonedTerminal()];
    expect(await listTerminals()).toEqual(expect.arrayContaining(gone));
    // The next page starts its terminal and reaps once the lease has passed.
    await next.run(':');
    for (let i = 0; i < 40; i++) {
      const names = await listTerminals();
      if (!gone.some(name => names.includes(name))) {
        break;
      }
      await sleep(250);
    }
    const names = await listTerminals();
    expect(names).not.toContain(gone[0]);
    expect(names).not.toContain(gone[1]);
    // The live page ran nothing for longer than the lease and keeps its terminal.
    expect(names).toContain(live.terminalName);
    expect(names).toContain(next.terminalName);
    expect((await live.run('echo still')).stdout).toBe('still\n');
  } finally {
    await live.shutdown();
    await next.shutdown();
  }
  await sleep(1500);
  expect(await listTerminals()).toEqual([]);
  expect(serverChildren()).toEqual([]);
});

it('leaves terminals of other kinds alone', async () => {
  const other = await lab.manager.startNew({ name: 'other_terminal' });
  try {
    const runner = new TerminalRunner({ terminals: lab.manager, ...FAST });
    await runner.run(':');
    await sleep(FAST.leaseMs + 1500);
    expect(await listTerminals()).toContain('other_terminal');
    await runner.shutdown();
  } finally {
    other.dispose();
    await deleteTerminal('other_terminal');
  }
});
