// The password typed at once, while the login shell is still reading a slow
// start-up file (a conda init): a real Jupyter terminal whose bash sleeps in
// its rc file before its first prompt, against the loopback KDC. The
// password reaches kinit; the shell never runs it, nor writes it to history.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Terminal } from '@jupyterlab/services';

import { shellEnvPrefix } from '../../src/core/terminal/shell';
import { expiryCommand, signInLine } from '../../src/core/sign-in/script';
import {
  IOpenedTerminal,
  newMarker,
  typeAndWatch
} from '../../src/lab/visible-terminal';
import { useServer } from './server';

const KDC_DIR = process.env.EXEC_KDC_DIR ?? '';

let work: string;
let history: string;
let env: Record<string, string>;

const lab = useServer(() => {
  if (!KDC_DIR || !fs.existsSync(path.join(KDC_DIR, 'krb5.conf'))) {
    throw new Error(
      'The loopback KDC is not running: start this suite with test/exec/run.sh.'
    );
  }
  work = fs.mkdtempSync(path.join(KDC_DIR, 'sign-in-early-'));
  history = path.join(work, 'bash_history');
  const rc = path.join(work, 'slow.bashrc');
  fs.writeFileSync(rc, 'sleep 2\nPS1="$ "\n');
  env = {
    KRB5_CONFIG: path.join(KDC_DIR, 'krb5.conf'),
    KRB5CCNAME: `FILE:${work}/cc`
  };
  return {
    server: {
      configData: {
        ServerApp: {
          terminado_settings: {
            shell_command: [
              '/usr/bin/env',
              `HISTFILE=${history}`,
              'HISTCONTROL=',
              'PROMPT_COMMAND=history -a',
              '/bin/bash',
              '--rcfile',
              rc,
              '-i'
            ]
          }
        }
      }
    }
  };
});

describe('password typed while the login shell reads a slow rc file', () => {
  it('is read by kinit, not run, and not in history', async () => {
    const session: Terminal.ITerminalConnection = await lab.manager.startNew();
    let raw = '';
    session.messageReceived.connect((_, msg) => {
      if (msg.type === 'stdout') {
        raw += String(msg.content?.[0] ?? '');
      }
    });
    const closed = new Promise<void>(resolve =>
      session.disposed.connect(() => resolve())
    );
    const close = () => void session.shutdown().catch(() => undefined);
    const opened: IOpenedTerminal = {
      session,
      closed,
      close,
      closeLater: close
    };
    const marker = newMarker();
    const line = signInLine({
      kinit: `${shellEnvPrefix(env)}kinit user1@EC2.INTERNAL`,
      expiry: expiryCommand(shellEnvPrefix(env)),
      intro: 'Signing in as user1@EC2.INTERNAL',
      marker,
      autoClose: true
    });
    const outcome = typeAndWatch(opened, line, marker);
    // The user types as soon as the terminal shows, before any prompt.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(raw).not.toContain('$ ');
    session.send({ type: 'stdin', content: ['user1pw\r'] });
    const result = await outcome;
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/Signed in\. The ticket is valid until \d/);
    expect(raw).not.toMatch(/command not found/);
    execFileSync('klist', ['-s'], { env: { ...process.env, ...env } });
    opened.close();
    await closed;
    await new Promise(resolve => setTimeout(resolve, 500));
    const kept = fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
    expect(kept).not.toContain('user1pw');
  }, 60000);
});
