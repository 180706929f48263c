// The hidden runner behind a chatty interactive bash login: a banner, a
// coloured prompt, bracketed paste and echo on. The runner replaces it by a
// plain sh, so results are exact all the same.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerminalManager } from '@jupyterlab/services';
import { JupyterServer } from '@jupyterlab/testing';

import { TerminalRunner } from '../../src/exec/runner';
import { listTerminals, newManager, startServer } from './server';

const server = new JupyterServer();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-shells-'));
const rc = path.join(dir, 'bashrc');
let manager: TerminalManager;
let runner: TerminalRunner;

beforeAll(async () => {
  fs.writeFileSync(
    rc,
    [
      'echo "Welcome to the cluster gateway $(date)"',
      "PS1='\\[\\e[1;32m\\]\\u@\\h\\[\\e[0m\\]:\\w\\$ '",
      "bind 'set enable-bracketed-paste on' 2>/dev/null",
      'stty echo',
      'export KRB5CCNAME=FILE:/tmp/from-bashrc'
    ].join('\n') + '\n'
  );
  await startServer(server, {
    configData: {
      ServerApp: {
        terminado_settings: {
          shell_command: ['/bin/bash', '--rcfile', rc, '-i']
        }
      }
    }
  });
  manager = newManager();
  runner = new TerminalRunner({ terminals: manager });
}, 60000);

afterAll(async () => {
  await runner.shutdown();
  manager.dispose();
  expect(await listTerminals()).toEqual([]);
  await server.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('returns exact output behind an interactive bash with banner and prompt', async () => {
  const r = await runner.run('echo "$0 [$PS1] $KRB5CCNAME"; printf "a\\tb\\n"');
  expect(r).toEqual({
    stdout: 'sh [] FILE:/tmp/from-bashrc\na\tb\n',
    stderr: '',
    exitCode: 0
  });
  const big = await runner.run('cat', { input: 'x\n'.repeat(20000) });
  expect(big.stdout).toBe('x\n'.repeat(20000));
});
