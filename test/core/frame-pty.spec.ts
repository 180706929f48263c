/**
 * The hidden shell's protocol on a real pty (test/core/pty-shell.py) where
 * the login shell and /bin/sh are bash, as on Amazon Linux and RHEL: a tab
 * in a command must not reach readline, and the start line must not reach
 * the login shell's history file.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { utf8Decode } from '../../src/core/terminal/encoding';
import {
  commandText,
  parseFrame,
  shellInitLines,
  shellStartLine
} from '../../src/core/terminal/frame';

const PTY_SHELL = path.join(__dirname, 'pty-shell.py');
const BEGIN = '0123456789abcdef01230000';
const DONE = '0123456789abcdef01239999';

/** Types `typed` into `argv0` (bash) on a pty; what it showed, until DONE's frame. */
function onPty(argv0: string, typed: string): string {
  return execFileSync(
    'python3',
    [PTY_SHELL, '/bin/bash', argv0, `SKR_E_${DONE}`],
    { input: typed, encoding: 'latin1', timeout: 30000 }
  ).replace(/\r\n/g, '\n');
}

describe('a command with tabs, where /bin/sh is bash', () => {
  it('arrives with its tabs', () => {
    const text = 'a\tb\t\tc';
    const out = onPty(
      'sh',
      shellInitLines() +
        commandText(BEGIN, `printf '%s' '${text}'`, 5) +
        commandText(DONE, ':', 5)
    );
    expect(utf8Decode(parseFrame(out, BEGIN)!.stdout)).toBe(text);
  });
});

describe('the start line in a bash login shell with a history file', () => {
  it('is not saved, nor is anything typed after it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-history-'));
    const history = path.join(dir, 'bash_history');
    try {
      onPty(
        'bash',
        // As a user's .bashrc may set it: every line saved, at every prompt.
        `HISTFILE=${history}; HISTCONTROL=; PROMPT_COMMAND='history -a'\n` +
          shellStartLine() +
          shellInitLines() +
          commandText(BEGIN, 'echo secret-ish', 5) +
          commandText(DONE, ':', 5)
      );
      const saved = fs.readFileSync(history, 'utf8');
      expect(saved).toContain('HISTFILE=');
      expect(saved).not.toMatch(/exec env|__skr|secret-ish/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
