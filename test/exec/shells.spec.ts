// The hidden runner behind a chatty interactive bash login: a banner, a
// coloured prompt, bracketed paste and echo on. The runner replaces it by a
// plain sh, so results are exact all the same.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { TerminalRunner } from '../../src/exec/runner';
import { useServer } from './server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-shells-'));
const rc = path.join(dir, 'bashrc');
let runner: TerminalRunner;

const lab = useServer(() => {
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
  return {
    server: {
      configData: {
        ServerApp: {
          terminado_settings: {
            shell_command: ['/bin/bash', '--rcfile', rc, '-i']
          }
        }
      }
    },
    runner: {}
  };
});

beforeAll(() => {
  runner = lab.runner;
});

afterAll(() => {
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
