// Terminals switched off: by the server (ServerApp.terminals_enabled=False,
// so /api/terminals does not exist) or by the page config. Either way the
// runner fails at once with TerminalsUnavailableError instead of hanging.
import { PageConfig } from '@jupyterlab/coreutils';

import { TerminalsUnavailableError } from '../../src/exec/errors';
import { TerminalFiles } from '../../src/exec/files';
import { TerminalRunner } from '../../src/exec/runner';
import { newManager, useServer } from './server';

// Each test's manager sees the page config as the test sets it.
useServer({
  server: { configData: { ServerApp: { terminals_enabled: false } } }
});

it('reports a server without terminals', async () => {
  const manager = newManager();
  const runner = new TerminalRunner({ terminals: manager });
  const started = Date.now();
  const error = await runner.run('klist').catch(e => e);
  expect(error).toBeInstanceOf(TerminalsUnavailableError);
  expect(error.message).toMatch(/HTTP 404.*terminals_enabled/);
  const files = new TerminalFiles({ runner });
  await expect(files.read('/etc/krb5.conf')).rejects.toBeInstanceOf(
    TerminalsUnavailableError
  );
  expect(Date.now() - started).toBeLessThan(5000);
  runner.dispose();
  manager.dispose();
});

it('reports a page whose config says terminals are unavailable', async () => {
  PageConfig.setOption('terminalsAvailable', 'false');
  const manager = newManager();
  const runner = new TerminalRunner({ terminals: manager });
  await expect(runner.run(':')).rejects.toBeInstanceOf(
    TerminalsUnavailableError
  );
  runner.dispose();
  manager.dispose();
  PageConfig.setOption('terminalsAvailable', 'true');
});
