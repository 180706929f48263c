import { Signal } from '@lumino/signaling';
import {
  CLEAR_SCREEN,
  findOutcome,
  outcomeHead
} from '../../src/core/sign-in/script';
import {
  IOpenedTerminal,
  newMarker,
  plainText,
  typeAndWatch
} from '../../src/lab/visible-terminal';

/** A terminal that echoes what is typed and replies with scripted output. */
function fakeTerminal(reply: (typed: string) => string[]) {
  const owner = {};
  const messages = new Signal<object, { type: string; content?: unknown[] }>(
    owner
  );
  const typed: string[] = [];
  let close: () => void = () => undefined;
  const closed = new Promise<void>(resolve => (close = resolve));
  const terminal: IOpenedTerminal = {
    session: {
      name: '1',
      messageReceived: messages,
      send: msg => {
        typed.push(msg.content[0]);
        // Echo, as a pty does, then the scripted output.
        setTimeout(() => {
          messages.emit({
            type: 'stdout',
            content: [msg.content[0].replace('\r', '\r\n')]
          });
          for (const chunk of reply(msg.content[0])) {
            messages.emit({ type: 'stdout', content: [chunk] });
          }
        }, 1);
      }
    },
    closed,
    close: () => close(),
    closeLater: () => close()
  };
  return { terminal, typed, messages, closeByUser: () => close() };
}

const report = (marker: string, code: number) =>
  `${outcomeHead(marker)}${code}\x07`;

describe('outcome report', () => {
  it('is read from its OSC sequence only, never from echoed text', () => {
    const marker = newMarker();
    expect(findOutcome(`${marker}:0\r\n`, marker)).toBeNull();
    expect(
      findOutcome(
        `${CLEAR_SCREEN}Password for u@R: ${report(marker, 3)}`,
        marker
      )
    ).toBe(3);
    expect(findOutcome(report(newMarker(), 0), marker)).toBeNull();
  });

  it('strips ANSI sequences and carriage returns', () => {
    expect(
      plainText('\x1b[?2004h\x1b[01;32m$ \x1b[0mok\r\n\x1b]0;title\x07')
    ).toBe('$ ok\n');
  });
});

describe('typeAndWatch', () => {
  it('types the line at once, before any prompt, and returns the exit code and what was shown after the screen was cleared', async () => {
    const marker = newMarker();
    const { terminal, typed, messages } = fakeTerminal(() => [
      `${CLEAR_SCREEN}Signing in as user1@EC2.INTERNAL\r\n`,
      'Password for user1@EC2.INTERNAL: ',
      '\r\nkinit: Password incorrect while getting initial credentials\r\n',
      report(marker, 1)
    ]);
    const outcome = typeAndWatch(terminal, 'the line', marker);
    // Queued by the tty ahead of anything the user types from now on.
    expect(typed).toEqual(['\x15the line\r']);
    messages.emit({ type: 'stdout', content: ['$ '] });
    const result = await outcome;
    expect(typed).toEqual(['\x15the line\r']);
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('Password incorrect');
    expect(result.output).not.toContain('the line');
  });

  it("waits for the prompt with a line longer than the tty's line buffer", async () => {
    const marker = newMarker();
    const long = 'x'.repeat(4001);
    const { terminal, typed, messages } = fakeTerminal(() => [
      report(marker, 0)
    ]);
    const outcome = typeAndWatch(terminal, long, marker);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(typed).toEqual([]);
    messages.emit({ type: 'stdout', content: ['$ '] });
    expect((await outcome).exitCode).toBe(0);
    expect(typed).toEqual([`\x15${long}\r`]);
  });

  it('reports a terminal closed before kinit finished', async () => {
    const { terminal, messages, closeByUser } = fakeTerminal(() => [
      'Password for u@R: '
    ]);
    const outcome = typeAndWatch(terminal, 'x', newMarker());
    messages.emit({ type: 'stdout', content: ['$ '] });
    setTimeout(closeByUser, 20);
    expect((await outcome).exitCode).toBeNull();
  });
});

describe('typeAndWatch on long output', () => {
  it('finds a clear-screen and a report split across messages after 7 000 messages of 1 KB', async () => {
    const marker = newMarker();
    const kilobyte = 'kinit: still waiting\r\n'.repeat(47).slice(0, 1024);
    const done = report(marker, 2);
    const { terminal, messages } = fakeTerminal(() => [
      'leftover\r\n' + CLEAR_SCREEN.slice(0, 5),
      CLEAR_SCREEN.slice(5) + 'Signing in\r\n',
      ...Array.from({ length: 7000 }, () => kilobyte),
      'Password change rejected\r\n' + done.slice(0, 7),
      done.slice(7, 20),
      done.slice(20)
    ]);
    const start = performance.now();
    const outcome = typeAndWatch(terminal, 'x', marker);
    messages.emit({ type: 'stdout', content: ['$ '] });
    const result = await outcome;
    expect(performance.now() - start).toBeLessThan(5000);
    expect(result.exitCode).toBe(2);
    expect(result.output.startsWith('Signing in\n')).toBe(true);
    expect(result.output.endsWith('Password change rejected\n')).toBe(true);
    expect(result.output).not.toContain('leftover');
  });
});
