import { CommandTimeoutError } from '../../src/exec/errors';
import { TerminalRunner } from '../../src/exec/runner';
import {
  createTerminal,
  deleteTerminal,
  listTerminals,
  serverChildren,
  useServer
} from './server';

const lab = useServer({ runner: { timeoutMs: 20000 } });
let runner: TerminalRunner;

beforeAll(() => {
  runner = lab.runner;
});

describe('TerminalRunner', () => {
  it('returns stdout byte for byte, with the exit code', async () => {
    const r = await runner.run(
      "printf 'a\\r\\nb\\033[31mred\\033[0m\\n\\n\\tx  \\n\\n'; exit 3"
    );
    expect(r.stdout).toBe('a\r\nb\x1b[31mred\x1b[0m\n\n\tx  \n\n');
    expect(r.exitCode).toBe(3);
  });

  it('keeps stderr apart and runs in C locale and UTC', async () => {
    const r = await runner.run('echo out; echo err >&2; echo "$LC_ALL $TZ"');
    expect(r).toEqual({ stdout: 'out\nC UTC\n', stderr: 'err\n', exitCode: 0 });
  });

  it('passes any text through, including control characters and UTF-8', async () => {
    const text = 'é中\u{1F600} \'q\' "d" $(id) `x` \\ \x03\x04\x15\x1a\x7f end';
    const r = await runner.run('cat', { input: text });
    expect(r.stdout).toBe(text);
    const echoed = await runner.run(
      `printf '%s' ${"'" + text.replace(/'/g, "'\\''") + "'"}`
    );
    expect(echoed.stdout).toBe(text);
  });

  it('runs long commands and large input and output', async () => {
    const long = `echo ${'x'.repeat(20000)}`;
    expect((await runner.run(long)).stdout).toBe('x'.repeat(20000) + '\n');
    const big = Array.from(
      { length: 5000 },
      (_, i) => `line ${i} ${'y'.repeat(i % 97)}`
    ).join('\n');
    const r = await runner.run('cat; printf end', { input: big });
    expect(r.stdout).toBe(big + 'end');
  });

  it('serialises concurrent callers', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        runner.run(`sleep 0.0$((${i} % 3)); echo ${i}`)
      )
    );
    expect(results.map(r => r.stdout)).toEqual(
      Array.from({ length: 30 }, (_, i) => `${i}\n`)
    );
  });

  it('does not let one command change the next one', async () => {
    await runner.run('cd /; FOO=1; export BAR=2; exit 0');
    const r = await runner.run(
      'echo "${FOO:-unset} ${BAR:-unset}"; read x; echo "read:$?"'
    );
    expect(r.stdout).toBe('unset unset\nread:1\n');
  });

  it('stops a command that never ends and stays usable', async () => {
    const name = runner.terminalName;
    const started = Date.now();
    await expect(
      runner.run('sleep 1000; echo never', { timeoutMs: 2000 })
    ).rejects.toBeInstanceOf(CommandTimeoutError);
    expect(Date.now() - started).toBeLessThan(8000);
    expect((await runner.run('echo next')).stdout).toBe('next\n');
    expect(runner.terminalName).toBe(name);
    expect(serverChildren().filter(p => /sleep 1000/.test(p.args))).toEqual([]);
  });

  it('stops a command that ignores SIGTERM', async () => {
    await expect(
      runner.run("trap '' TERM INT; while :; do sleep 0.2; done", {
        timeoutMs: 1000
      })
    ).rejects.toBeInstanceOf(CommandTimeoutError);
    expect((await runner.run('echo next')).stdout).toBe('next\n');
    expect(serverChildren().filter(p => /sleep 0.2/.test(p.args))).toEqual([]);
  });

  it('starts a fresh terminal when its terminal is shut down', async () => {
    const old = runner.terminalName as string;
    expect(await deleteTerminal(old)).toBe(204);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect((await runner.run('echo again')).stdout).toBe('again\n');
    expect(runner.terminalName).not.toBe(old);
    expect(await listTerminals()).toEqual([runner.terminalName]);
  });

  it('reaps terminals of closed tabs and keeps live ones', async () => {
    await createTerminal('sparkmagic_kerberos_0123456789abcdef');
    await createTerminal('other_terminal');
    // The server's Date header has whole seconds: wait past staleMs + 1 s.
    await new Promise(resolve => setTimeout(resolve, 3500));
    const fresh = new TerminalRunner({ terminals: lab.manager, staleMs: 2000 });
    try {
      const live = runner.terminalName as string;
      await runner.run(':');
      await fresh.run(':');
      const names = await listTerminals();
      expect(names).toContain(live);
      expect(names).toContain('other_terminal');
      expect(names).toContain(fresh.terminalName);
      expect(names).not.toContain('sparkmagic_kerberos_0123456789abcdef');
    } finally {
      await fresh.shutdown();
      await deleteTerminal('other_terminal');
      await deleteTerminal('sparkmagic_kerberos_0123456789abcdef');
    }
  });

  it('shuts its terminal down on page hide', async () => {
    const tab = new TerminalRunner({ terminals: lab.manager });
    await tab.run(':');
    const name = tab.terminalName as string;
    expect(await listTerminals()).toContain(name);
    window.dispatchEvent(new Event('pagehide'));
    for (let i = 0; i < 50 && (await listTerminals()).includes(name); i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(await listTerminals()).not.toContain(name);
    // After a page comes back from the back-forward cache it still works.
    expect((await tab.run('echo back')).stdout).toBe('back\n');
    await tab.shutdown();
  });
});
