import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prelude } from '../../src/core/lifecycle/prelude';

/**
 * The on-start script's `put`, run in real bash on real files: a link is
 * followed (its target gets the text, the link stays), and the file and its
 * directory reach `sync` before `put` reports success.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-put-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `put FILE 644` of `text` with a `sync` on PATH that records its arguments. */
function put(file: string, text: string): { log: string; synced: string[] } {
  const bin = fs.mkdtempSync(path.join(dir, 'bin-'));
  const record = path.join(bin, 'sync.log');
  fs.writeFileSync(
    path.join(bin, 'sync'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >>'${record}'\nexec /bin/sync "$@"\n`,
    { mode: 0o755 }
  );
  const p = spawnSync(
    'bash',
    ['-c', `${prelude('p')}\nput "$1" 644 <<<"$2"`, 'put', file, text],
    { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } }
  );
  expect(p.stderr.toString()).toBe('');
  expect(p.status).toBe(0);
  const synced = fs.existsSync(record)
    ? fs.readFileSync(record, 'utf8').trim().split('\n')
    : [];
  return { log: p.stdout.toString(), synced };
}

describe('lifecycle put', () => {
  it('writes a linked file through its link, which stays a link', () => {
    const target = path.join(dir, 'managed', 'krb5.conf');
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, 'old\n');
    const link = path.join(dir, 'krb5.conf');
    fs.symlinkSync(target, link);
    const { log } = put(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
    const backups = fs
      .readdirSync(path.dirname(target))
      .filter(n => n.startsWith('krb5.conf.bak-'));
    expect(backups).toHaveLength(1);
    const backup = path.join(path.dirname(target), backups[0]);
    expect(fs.readFileSync(backup, 'utf8')).toBe('old\n');
    expect(log).toContain(`wrote ${target}\n`);
  });

  it('creates the target of a dangling link', () => {
    const target = path.join(dir, 'absent.conf');
    const link = path.join(dir, 'dangling.conf');
    fs.symlinkSync(target, link);
    put(link, 'text');
    expect(fs.readlinkSync(link)).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('text\n');
  });

  it('flushes the new file, then its directory, before reporting success', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'flush-'));
    const file = path.join(sub, 'f.conf');
    const { log, synced } = put(file, 'text');
    expect(synced).toHaveLength(2);
    expect(synced[0]).toMatch(new RegExp(`^-- ${file}\\.[A-Za-z0-9]{6}$`));
    expect(synced[1]).toBe(`-- ${sub}`);
    expect(log).toContain(`wrote ${file}`);
  });

  it('flushes nothing when the file is unchanged', () => {
    const file = path.join(dir, 'same.conf');
    fs.writeFileSync(file, 'same\n');
    expect(put(file, 'same').synced).toEqual([]);
  });
});
