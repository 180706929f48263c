import { accessSync, constants, readFileSync } from 'fs';
import { join } from 'path';
import { MAIN, ROOT, buildCli, expectUsageError, runCli } from './run-cli';

beforeAll(buildCli, 120000);

const COMMANDS = ['parse-klist', 'explain', 'render-krb5', 'render-sparkmagic'];

describe('sparkmagic-kerberos', () => {
  it('is the npm bin: built file, shebang, executable', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(join(ROOT, pkg.bin['sparkmagic-kerberos'])).toBe(MAIN);
    expect(readFileSync(MAIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true
    );
    expect(() => accessSync(MAIN, constants.X_OK)).not.toThrow();
  });

  it('--help lists the subcommands on stdout', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) {
      expect(r.stdout).toContain(`\n  ${c}`);
    }
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['--now', '2026-11-25T17:00:00Z']],
    [['toString']]
  ])('refuses %j with one line on stderr, exit 2', args => {
    expectUsageError(runCli(args));
  });
});
