import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  base64Encode,
  utf8Decode,
  utf8Encode
} from '../../src/core/terminal/encoding';
import {
  FrameError,
  LINE_CHARS,
  commandText,
  parseFrame,
  shellInitLines
} from '../../src/core/terminal/frame';
import { shellQuote } from '../../src/core/terminal/shell';

const NONCE = '0123456789abcdef0123';

/** Runs commands through the real protocol in a real /bin/sh (over a pipe, not a pty). */
async function viaShell(
  jobs: { command: string; input?: string }[],
  env: Record<string, string> = {}
): Promise<string> {
  const sh = spawn('/bin/sh', [], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  sh.stdout.setEncoding('utf8');
  sh.stdout.on('data', d => (out += d));
  sh.stdin.write(shellInitLines(env));
  jobs.forEach((job, i) => {
    const input = job.input === undefined ? undefined : utf8Encode(job.input);
    sh.stdin.write(commandText(nonce(i), job.command, 10, input));
  });
  sh.stdin.end();
  await new Promise(resolve => sh.on('close', resolve));
  return out;
}

function nonce(i: number): string {
  return `${NONCE}${String(i).padStart(4, '0')}`;
}

describe('parseFrame', () => {
  const frame = (n: string, out: string, err: string, rc: string) =>
    `\nSKR_B_${n}\n${out}\nSKR_X_${n}\n${err}\nSKR_E_${n}:${rc}\n`;

  it('ignores echo, prompts and replayed frames of other commands', () => {
    const old = frame(
      'ffffffffffffffffffff',
      base64Encode(utf8Encode('old')),
      '',
      '0'
    );
    const echo = `__skr ${NONCE} OgO= 30\r\n$ `;
    const text = (
      old +
      echo +
      frame(NONCE, base64Encode(utf8Encode('new\n')), '', '7')
    ).replace(/\n/g, '\r\n');
    const parsed = parseFrame(text, NONCE);
    expect(parsed && utf8Decode(parsed.stdout)).toBe('new\n');
    expect(parsed?.exitCode).toBe(7);
  });

  it('waits for the whole end line', () => {
    const full = frame(NONCE, 'b2s=', '', '12');
    for (let cut = 0; cut < full.length; cut++) {
      expect(parseFrame(full.slice(0, cut), NONCE)).toBeNull();
    }
    expect(parseFrame(full, NONCE)?.exitCode).toBe(12);
  });

  it('reports an interrupted command and garbled output', () => {
    expect(parseFrame(frame(NONCE, '', '', ''), NONCE)?.exitCode).toBeNull();
    expect(() =>
      parseFrame(frame(NONCE, 'not base64!', '', '0'), NONCE)
    ).toThrow(FrameError);
    expect(() => parseFrame(`\nSKR_E_${NONCE}:0\n`, NONCE)).toThrow(FrameError);
  });
});

describe('commandText', () => {
  it('keeps every typed line short and free of control characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.string({ maxLength: 3000 }),
        (cmd, input) => {
          const text = commandText(NONCE, cmd, 5, utf8Encode(input));
          for (const line of text.split('\n')) {
            expect(line.length).toBeLessThan(1024);
            expect(line).toMatch(/^[ -~]*$/);
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('refuses bad nonces and timeouts', () => {
    expect(() => commandText('x;rm', ':', 5)).toThrow();
    expect(() => commandText(NONCE, ':', 0)).toThrow();
    expect(() => commandText(NONCE, ':', 1.5)).toThrow();
  });
});

describe('the protocol in a real sh', () => {
  it('returns exact stdout, stderr and exit codes for arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            text: fc.string({ unit: 'binary', maxLength: 2 * LINE_CHARS }),
            rc: fc.integer({ min: 0, max: 125 })
          }),
          { minLength: 1, maxLength: 8 }
        ),
        async cases => {
          const out = await viaShell(
            cases.map(c => ({
              command: `printf '%s' ${shellQuote(c.text.replace(/\0/g, ''))}; printf '%s' ${shellQuote(c.text.replace(/\0/g, ''))} >&2; exit ${c.rc}`
            }))
          );
          cases.forEach((c, i) => {
            const f = parseFrame(out, nonce(i));
            expect(f).not.toBeNull();
            const clean = c.text.replace(/\0/g, '');
            expect(utf8Decode(f!.stdout)).toBe(clean);
            expect(utf8Decode(f!.stderr)).toBe(clean);
            expect(f!.exitCode).toBe(c.rc);
          });
        }
      ),
      { numRuns: 40 }
    );
  });

  it('runs printable commands typed as text the same way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 300 }), { minLength: 1, maxLength: 6 }),
        async texts => {
          const jobs = texts.map(t => ({
            command: `printf '%s\\n' ${shellQuote(t)}\n  printf x; exit 7`
          }));
          for (const job of jobs) {
            expect(commandText(nonce(0), job.command, 5)).toContain(' - 5 n ');
          }
          const out = await viaShell(jobs);
          texts.forEach((t, i) => {
            const f = parseFrame(out, nonce(i));
            expect(f && utf8Decode(f.stdout)).toBe(`${t}\nx`);
            expect(f?.exitCode).toBe(7);
          });
        }
      ),
      { numRuns: 30 }
    );
  });

  it('feeds input to the command only, and exports the given environment', async () => {
    const input = 'line 1\n\x03\x04 ünï\n'.repeat(300);
    const out = await viaShell(
      [{ command: 'cat', input }, { command: 'cat; echo "[$KRB5CCNAME]"' }],
      { KRB5CCNAME: "FILE:/tmp/it's here" }
    );
    expect(utf8Decode(parseFrame(out, nonce(0))!.stdout)).toBe(input);
    expect(utf8Decode(parseFrame(out, nonce(1))!.stdout)).toBe(
      "[FILE:/tmp/it's here]\n"
    );
  });

  it('removes its scratch directory on exit, and those of dead shells', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-scratch-'));
    const dead = path.join(tmp, 'sparkmagic-kerberos-999999.abcdef');
    const live = path.join(tmp, `sparkmagic-kerberos-${process.pid}.abcdef`);
    const other = path.join(tmp, 'sparkmagic-kerberos-12x.abcdef');
    [dead, live, other].forEach(d => fs.mkdirSync(d));
    const out = await viaShell([{ command: 'ls "$TMPDIR"' }], { TMPDIR: tmp });
    const listed = utf8Decode(parseFrame(out, nonce(0))!.stdout).split('\n');
    expect(listed).not.toContain(path.basename(dead));
    expect(
      listed.filter(f => /^sparkmagic-kerberos-\d+\.\w{6}$/.test(f))
    ).toHaveLength(2);
    expect(fs.readdirSync(tmp).sort()).toEqual(
      [path.basename(other), path.basename(live)].sort()
    );
    fs.rmSync(tmp, { recursive: true });
  });
});

describe('the protocol where /bin/sh is bash', () => {
  it('turns history expansion off in the shell that reads what is typed', () => {
    const done = nonce(1);
    const typed =
      shellInitLines() +
      // The reading shell's own flags, typed as a plain line.
      // (split in two so the echo of the line does not match)
      'printf "FL""AGS[%s]\\n" "$-"\n' +
      commandText(nonce(0), 'echo "a!!b"', 5) +
      commandText(done, ':', 5);
    const out = execFileSync(
      'python3',
      [
        path.join(__dirname, 'pty-shell.py'),
        '/bin/bash',
        'sh',
        `SKR_E_${done}`
      ],
      { input: typed, encoding: 'latin1', timeout: 30000 }
    ).replace(/\r\n/g, '\n');
    const flags = /FLAGS\[([^\]\n]*)\]/.exec(out);
    expect(flags?.[1]).toMatch(/i/);
    expect(flags?.[1]).not.toMatch(/H/);
    expect(utf8Decode(parseFrame(out, nonce(0))!.stdout)).toBe('a!!b\n');
  });
});
