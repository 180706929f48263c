/**
 * Writes through the real hidden terminal onto file systems that refuse
 * them (a tiny full tmpfs, a read-only one), and the backups an apply
 * keeps. Mounting needs root, as CI runs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { withDefaults } from '../../src/core/profile';
import { FileAccessError } from '../../src/exec/errors';
import { TerminalFiles } from '../../src/exec/files';
import { TerminalRunner } from '../../src/exec/runner';
import type { IApplyPlan } from '../../src/model/apply';
import { ApplyState } from '../../src/model/apply-state';
import { ExplainedError } from '../../src/core/explain/explained-error';
import { newManager, useServer } from './server';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-fs-'));
const mounts: string[] = [];
let files: TerminalFiles;

function mountTmpfs(name: string, size: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

function applyState(keep = 5): ApplyState {
  return new ApplyState({
    files,
    // No kernels run here; the apply asks which ones its write left stale.
    kernels: {
      running: async () => [],
      shutdown: async () => undefined,
      start: async () => undefined,
      restart: async () => undefined
    },
    isWritable: async () => true,
    now: Date.now,
    keepBackups: () => keep
  });
}

/** A plan as the preview makes it: the file as read, the new content. */
function planFor(file: string, before: string | null, after: string) {
  return {
    profile: withDefaults({ name: 'fs' }),
    targets: {},
    changes: [{ kind: 'krb5', path: file, before, after, sudo: false }],
    unchanged: [],
    errors: [],
    warnings: []
  } as unknown as IApplyPlan;
}

const lab = useServer({ runner: {} });

beforeAll(() => {
  files = new TerminalFiles({ runner: lab.runner });
});

afterAll(() => {
  for (const dir of mounts.reverse()) {
    execFileSync('umount', [dir]);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe('writes on file systems that refuse them', () => {
  it('a full file system: the disk is named as full and the file stays whole', async () => {
    const dir = mountTmpfs('full', '64k');
    const file = path.join(dir, 'krb5.conf');
    const OLD = '[libdefaults]\n  default_realm = OLD.REALM\n';
    fs.writeFileSync(file, OLD);
    const filler = path.join(dir, 'filler');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], {
        stdio: 'pipe'
      });
    } catch {
      // dd stops when the file system is full: what we want.
    }
    const NEW = OLD + '# padding\n'.repeat(4000);
    const failure = await files
      .write(file, NEW, { before: OLD })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FileAccessError);
    expect(failure).toMatchObject({ code: 'no-space', path: file });
    expect((failure as Error).message).toMatch(
      /no space left on device \(the file system is full\)/
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(OLD);
    expect(fs.readdirSync(dir).sort()).toEqual(['filler', 'krb5.conf']);

    // What the panel shows for the same failure of an apply.
    const shown = await applyState()
      .write(planFor(file, OLD, NEW))
      .catch((e: unknown) => e);
    expect(shown).toBeInstanceOf(ExplainedError);
    const { title, fix } = (shown as ExplainedError).explanation;
    expect(title).toBe(
      `The disk is full (No space left on device): ${file} was not written`
    );
    expect(fix).toContain(`df -h ${dir}`);
    expect(fs.readFileSync(file, 'utf8')).toBe(OLD);

    fs.rmSync(filler);
    await files.write(file, NEW, { before: OLD });
    expect(fs.readFileSync(file, 'utf8')).toBe(NEW);
  });

  it('a read-only file system: named as read-only, not as a permission problem, and the file stays whole', async () => {
    const dir = mountTmpfs('ro', '1m');
    const file = path.join(dir, 'config.json');
    const OLD = '{"kernel_python_credentials": {}}\n';
    fs.writeFileSync(file, OLD, { mode: 0o600 });
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const failure = await files
      .write(file, '{}\n', { before: OLD })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'read-only', path: file });
    expect((failure as Error).message).toMatch(
      /it is on a read-only file system; the file keeps its previous content/
    );
    expect((failure as Error).message).not.toMatch(/allow sudo/);
    const shown = await applyState()
      .write(planFor(file, OLD, '{}\n'))
      .catch((e: unknown) => e);
    expect(shown).toBeInstanceOf(ExplainedError);
    expect((shown as ExplainedError).explanation.title).toBe(
      `Read-only file system: ${file} was not written`
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(OLD);
    expect(fs.readdirSync(dir)).toEqual(['config.json']);
  });
  it('without flock (a mkdir lock) a read-only file system is named at once, not waited on as a lock', async () => {
    const dir = mountTmpfs('ro-mkdir', '1m');
    const file = path.join(dir, 'krb5.conf');
    fs.writeFileSync(file, 'old\n');
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    // Every tool of /usr/bin but flock, as on a system without util-linux.
    const bin = path.join(root, 'no-flock-bin');
    fs.mkdirSync(bin);
    for (const tool of fs.readdirSync('/usr/bin')) {
      if (tool !== 'flock') {
        fs.symlinkSync(path.join('/usr/bin', tool), path.join(bin, tool));
      }
    }
    const other = newManager();
    const plain = new TerminalRunner({
      terminals: other,
      env: { PATH: bin }
    });
    try {
      const started = Date.now();
      const failure = await new TerminalFiles({ runner: plain })
        .write(file, 'new\n')
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'read-only', path: file });
      expect(Date.now() - started).toBeLessThan(10000);
      expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
    } finally {
      await plain.shutdown();
      other.dispose();
    }
  });
});

describe('backups of an apply', () => {
  it('keep exactly the number the setting asks for, the newest ones', async () => {
    const dir = path.join(root, 'keep');
    const file = path.join(dir, 'krb5.conf');
    const state = applyState(2);
    let before: string | null = null;
    for (let v = 1; v <= 6; v++) {
      const after = `v${v}\n`;
      await state.write(planFor(file, before, after));
      before = after;
    }
    const backups = fs.readdirSync(dir).filter(f => f.includes('.bak-'));
    expect(backups).toHaveLength(2);
    expect(
      backups.map(b => fs.readFileSync(path.join(dir, b), 'utf8')).sort()
    ).toEqual(['v4\n', 'v5\n']);
    await applyState(0).write(planFor(file, before, 'v7\n'));
    expect(fs.readdirSync(dir)).toEqual(['krb5.conf']);
  });
});
