// The password sign-in line in a real Jupyter terminal (a pty running an
// interactive bash with a history file), against the loopback KDC behind a
// relay that delays every reply, so kinit prompts late: what the user types
// early is neither echoed, nor run, nor kept in history, and kinit reads it.
import { ChildProcess, execFileSync, spawn } from 'child_process';
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
const KDC_PORT = 63088;
const SLOW_PORT = 63188;
const DELAY_S = 2;

let relay: ChildProcess | undefined;
let work: string;
let history: string;
let env: Record<string, string>;

const lab = useServer(async () => {
  if (!KDC_DIR || !fs.existsSync(path.join(KDC_DIR, 'krb5.conf'))) {
    throw new Error(
      'The loopback KDC is not running: start this suite with test/exec/run.sh.'
    );
  }
  work = fs.mkdtempSync(path.join(KDC_DIR, 'sign-in-'));
  history = path.join(work, 'bash_history');
  fs.writeFileSync(
    path.join(work, 'krb5.conf'),
    fs
      .readFileSync(path.join(KDC_DIR, 'krb5.conf'), 'utf8')
      .replace(`127.0.0.1:${KDC_PORT}`, `127.0.0.1:${SLOW_PORT}`)
      .replace('[libdefaults]', '[libdefaults]\n    udp_preference_limit = 1')
  );
  env = {
    KRB5_CONFIG: path.join(work, 'krb5.conf'),
    KRB5CCNAME: `FILE:${work}/cc`
  };
  const child = spawn('python3', [
    path.join(__dirname, '../kdc/slow-kdc.py'),
    String(SLOW_PORT),
    String(KDC_PORT),
    String(DELAY_S)
  ]);
  relay = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', code => reject(new Error(`relay exited ${code}`)));
  });
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
              '--norc',
              '-i'
            ]
          }
        }
      }
    }
  };
});

afterAll(() => {
  relay?.kill();
});

/** A terminal of the real server, with everything it printed kept. */
async function openTerminal(): Promise<{
  opened: IOpenedTerminal;
  seen: () => string;
}> {
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
  return {
    opened: { session, closed, close, closeLater: close },
    seen: () => raw
  };
}

function line(principal: string, marker: string): string {
  return signInLine({
    kinit: `${shellEnvPrefix(env)}kinit ${principal}`,
    expiry: expiryCommand(shellEnvPrefix(env)),
    intro: `Signing in as ${principal}`,
    marker,
    autoClose: true
  });
}

/** Opens a terminal and types the sign-in line for `principal` into it. */
async function startSignIn(principal: string) {
  const { opened, seen } = await openTerminal();
  const marker = newMarker();
  const outcome = typeAndWatch(opened, line(principal, marker), marker);
  return { opened, seen, outcome };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  if (!check()) {
    throw new Error(`timed out waiting for ${what}`);
  }
}

async function afterShellExit(opened: IOpenedTerminal): Promise<string> {
  opened.close();
  await opened.closed;
  await new Promise(resolve => setTimeout(resolve, 500));
  return fs.existsSync(history) ? fs.readFileSync(history, 'utf8') : '';
}

describe('password typed before kinit prompts (slow KDC)', () => {
  it('is not echoed, not run, not in history, and signs in', async () => {
    const { opened, seen, outcome } = await startSignIn('user1@EC2.INTERNAL');
    await until(() => seen().includes('Signing in as user1'), 'the intro');
    expect(seen()).not.toContain('Password for');
    // The password, then a command a shell would run.
    opened.session.send({ type: 'stdin', content: ['user1pw\r'] });
    opened.session.send({ type: 'stdin', content: ['id -u\r'] });
    const result = await outcome;
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('Password for user1@EC2.INTERNAL:');
    expect(result.output).toMatch(/Signed in\. The ticket is valid until \d/);
    expect(seen()).not.toContain('user1pw');
    expect(seen()).not.toMatch(/command not found|uid=|^0\r?$/m);
    execFileSync('klist', ['-s'], { env: { ...process.env, ...env } });
    expect(await afterShellExit(opened)).not.toMatch(/user1pw|id -u/);
  }, 60000);

  it('a wrong password fails, and what follows is not run', async () => {
    const { opened, seen, outcome } = await startSignIn('user2@EC2.INTERNAL');
    await until(() => seen().includes('Signing in as user2'), 'the intro');
    opened.session.send({ type: 'stdin', content: ['wrongpw\rtouch ran\r'] });
    const result = await outcome;
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('Password incorrect');
    expect(seen()).not.toContain('wrongpw');
    // The finished terminal waits for Enter; that ends it.
    opened.session.send({ type: 'stdin', content: ['\r'] });
    await opened.closed;
    expect(fs.existsSync(path.join(work, 'ran'))).toBe(false);
    expect(await afterShellExit(opened)).not.toMatch(/wrongpw|touch ran/);
  }, 60000);

  it('the forced password change at first sign-in still works', async () => {
    const { opened, seen, outcome } = await startSignIn('user3@EC2.INTERNAL');
    await until(() => seen().includes('Password for user3'), 'the prompt');
    opened.session.send({ type: 'stdin', content: ['user3pw\r'] });
    await until(() => /Enter new password/.test(seen()), 'the new password');
    opened.session.send({ type: 'stdin', content: ['user3-new-pw\r'] });
    await until(() => /Enter it again/.test(seen()), 'the repeat');
    opened.session.send({ type: 'stdin', content: ['user3-new-pw\r'] });
    expect((await outcome).exitCode).toBe(0);
    expect(seen()).not.toMatch(/user3pw|user3-new-pw/);
    await afterShellExit(opened);
  }, 60000);
});
