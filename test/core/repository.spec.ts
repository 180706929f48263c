/**
 * The repository holds sources only: the tools come from the package
 * indexes (requirements-dev.txt, package-lock.json), never from an archive
 * checked in beside them.
 */
import { execFileSync } from 'child_process';
import { resolve } from 'path';

it('tracks no built package or archive', () => {
  const tracked = execFileSync(
    'git',
    ['ls-files', '*.whl', '*.tar.gz', '*.tgz', '*.zip', '*.jar'],
    { cwd: resolve(__dirname, '../..'), encoding: 'utf8' }
  );
  expect(tracked).toBe('');
});
