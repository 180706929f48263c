import { Signal } from '@lumino/signaling';
import {
  IOpenedTerminal,
  findExitCode,
  markedCommand,
  newMarker,
  plainText,
  typeAndWatch
} from '../../src/model/visible-terminal';

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
    close: () => close()
  };
  return { terminal, typed, messages, closeByUser: () => close() };
}

describe('completion marker', () => {
  it('is never matched by the echoed command line', () => {
    const marker = newMarker();
    const line = markedCommand('kinit user1@EC2.INTERNAL', marker);
    expect(findExitCode(line, marker)).toBeNull();
    expect(
      findExitCode(
        `${line}\r\nPassword for user1@EC2.INTERNAL: \r\n${marker}:0\r\n`,
        marker
      )
    ).toBe(0);
  });

  it('strips ANSI sequences and carriage returns', () => {
    expect(
      plainText('\x1b[?2004h\x1b[01;32m$ \x1b[0mok\r\n\x1b]0;title\x07')
    ).toBe('$ ok\n');
  });
});

describe('typeAndWatch', () => {
  it('types the command after the prompt and returns the exit code and output', async () => {
    const { terminal, typed, messages } = fakeTerminal(line => {
      const marker = /"(skrb\w+)""(\w+):/.exec(line)!;
      return [
        'Password for user1@EC2.INTERNAL: ',
        '\r\nkinit: Password incorrect while getting initial credentials\r\n',
        `${marker[1]}${marker[2]}:1\r\n$ `
      ];
    });
    const outcome = typeAndWatch(terminal, 'kinit user1@EC2.INTERNAL');
    messages.emit({ type: 'stdout', content: ['$ '] });
    const result = await outcome;
    expect(typed).toHaveLength(1);
    expect(typed[0]).toMatch(
      /^kinit user1@EC2\.INTERNAL; echo "skrb\w+""\w+:\$\?"\r$/
    );
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('Password incorrect');
  });

  it('ignores output replayed before the command was typed', async () => {
    const marker = newMarker();
    const { terminal, messages } = fakeTerminal(() => [`${marker}:0\r\n`]);
    const outcome = typeAndWatch(terminal, 'kinit x', marker);
    messages.emit({ type: 'stdout', content: [`${marker}:7\r\n`] });
    expect((await outcome).exitCode).toBe(0);
  });

  it('reports a terminal closed before kinit finished', async () => {
    const { terminal, messages, closeByUser } = fakeTerminal(() => [
      'Password for u@R: '
    ]);
    const outcome = typeAndWatch(terminal, 'kinit u@R');
    messages.emit({ type: 'stdout', content: ['$ '] });
    setTimeout(closeByUser, 20);
    expect((await outcome).exitCode).toBeNull();
  });
});
