/**
 * The commit script against crashes and accumulation, in real shells on
 * real files: flushed to disk before success, whole after a kill -9 at any
 * point, and only the newest backups kept.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { utf8Encode } from '../../src/core/terminal/encoding';
import {
  IWriteItem,
  parseWriteOutput,
  writeScript
} from '../../src/core/terminal/file-scripts';
import { sha256Hex } from '../../src/core/terminal/sha256';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-durable-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root };

function item(file: string, content: string, keepBackups?: number): IWriteItem {
  const bytes = utf8Encode(content);
  return {
    path: file,
    content: bytes,
    sha256: sha256Hex(bytes),
    backup: true,
    keepBackups,
    sudo: false
  };
}

function sh(script: string) {
  const r = spawnSync('/bin/sh', ['-c', script], { env: ENV });
  return { status: r.status, stdout: r.stdout.toString('utf8') };
}

function backupsOf(file: string): string[] {
  const base = path.basename(file);
  return fs
    .readdirSync(path.dirname(file))
    .filter(f => f.startsWith(base + '.bak-'))
    .sort();
}

describe('commit durability', () => {
  it('flushes the temp file before the rename and the directory after it, before reporting success', () => {
    const dir = fs.mkdtempSync(path.join(root, 'sync-'));
    const file = path.join(dir, 'krb5.conf');
    fs.writeFileSync(file, 'old\n');
    const log = path.join(root, 'strace.log');
    const r = spawnSync(
      'strace',
      [
        ...['-f', '-y', '-qq', '-s', '80', '-o', log],
        ...['-e', 'trace=%desc,rename,renameat,renameat2', '-e', 'signal=none'],
        ...['/bin/sh', '-c', writeScript([item(file, 'new\n')], new Date())]
      ],
      { env: ENV }
    );
    expect(r.status).toBe(0);
    expect(parseWriteOutput(r.stdout.toString('utf8'))[0].status).toBe(
      'written'
    );
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    const at = (re: RegExp) => lines.findIndex(l => re.test(l));
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const rename = at(
      new RegExp(
        `rename.*"(${esc(dir)}/\\.krb5\\.conf\\.skr-tmp\\.\\w+)".*"${esc(file)}".*= 0`
      )
    );
    expect(rename).toBeGreaterThan(-1);
    const tmp = /"([^"]+skr-tmp[^"]+)"/.exec(lines[rename])![1];
    const fileSync = at(
      new RegExp(`(fsync|fdatasync)\\(\\d+<${esc(tmp)}>\\) = 0`)
    );
    expect(fileSync).toBeGreaterThan(-1);
    expect(fileSync).toBeLessThan(rename);
    const dirSyncs = lines
      .map((l, i) =>
        new RegExp(`(fsync|fdatasync)\\(\\d+<${esc(dir)}>\\) = 0`).test(l)
          ? i
          : -1
      )
      .filter(i => i > rename);
    expect(dirSyncs.length).toBeGreaterThan(0);
    const reported = at(/write\(1<[^>]*>, "written\\0/);
    expect(reported).toBeGreaterThan(dirSyncs[0]);
  });

  it('leaves the old or the new file whole after a kill -9 before any command of the commit', () => {
    const dir = fs.mkdtempSync(path.join(root, 'kill-'));
    const file = path.join(dir, 'config.json');
    const OLD = '{"old": true}\n'.repeat(2000);
    const NEW = '{"new": true}\n'.repeat(3000);
    const script = writeScript([item(file, NEW)], new Date());
    // bash's DEBUG trap runs before every simple command, in functions,
    // subshells and command substitutions too (set -T); at the k-th it
    // kills the whole process group, as a kill -9 of the terminal would.
    const run = (k: number) =>
      spawnSync(
        'setsid',
        [
          'bash',
          '-c',
          `set -T; c=0; trap 'c=$((c + 1)); [ "$c" != ${k} ] || kill -9 0' DEBUG\n` +
            script
        ],
        { env: ENV }
      );
    const seen: string[] = [];
    let k = 1;
    for (; k < 3000; k++) {
      for (const f of fs.readdirSync(dir)) {
        fs.rmSync(path.join(dir, f));
      }
      fs.writeFileSync(file, OLD, { mode: 0o600 });
      const r = run(k);
      const now = fs.readFileSync(file, 'utf8');
      expect([OLD, NEW]).toContain(now);
      seen.push(now === OLD ? 'old' : 'new');
      if (r.signal !== 'SIGKILL') {
        expect(r.status).toBe(0);
        break;
      }
      // The next write after the crash finds no lock held and no debris.
      expect(sh(script).status).toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toBe(NEW);
      expect(fs.readdirSync(dir).filter(f => f.includes('skr-tmp'))).toEqual(
        []
      );
    }
    expect(k).toBeGreaterThan(40);
    expect(k).toBeLessThan(3000);
    // Old until the rename, new from then on.
    const first = seen.indexOf('new');
    expect(first).toBeGreaterThan(10);
    expect(seen.slice(first).every(s => s === 'new')).toBe(true);
  }, 120000);
  it('leaves the old or the new file whole after a kill -9 after any line of the commit, under /bin/sh', () => {
    const dir = fs.mkdtempSync(path.join(root, 'cut-'));
    const file = path.join(dir, 'krb5.conf');
    const OLD = 'old\n'.repeat(5000);
    const NEW = 'new\n'.repeat(7000);
    const lines = writeScript([item(file, NEW)], new Date()).split('\n');
    // The commit function's body: up to the line that calls it.
    const body = lines.findIndex(l => l.startsWith('(skr_commit')) - 1;
    let killed = 0;
    let renamed = 0;
    for (let i = 1; i < body; i++) {
      const cut = [
        ...lines.slice(0, i + 1),
        'kill -9 0',
        ...lines.slice(i + 1)
      ];
      const script = cut.join('\n');
      if (spawnSync('/bin/sh', ['-n', '-c', script]).status !== 0) {
        continue;
      }
      for (const f of fs.readdirSync(dir)) {
        fs.rmSync(path.join(dir, f));
      }
      fs.writeFileSync(file, OLD);
      const r = spawnSync('setsid', ['/bin/sh', '-c', script], { env: ENV });
      const now = fs.readFileSync(file, 'utf8');
      expect([OLD, NEW]).toContain(now);
      if (r.signal === 'SIGKILL') {
        killed++;
        renamed += now === NEW ? 1 : 0;
      }
    }
    expect(killed).toBeGreaterThan(40);
    expect(renamed).toBeGreaterThan(0);
    expect(renamed).toBeLessThan(killed);
  }, 120000);
});

describe('backup pruning', () => {
  const at = (iso: string) => new Date(iso);

  it('keeps exactly the newest N of our backups, ordered by time then counter, and nothing else is touched', () => {
    const dir = fs.mkdtempSync(path.join(root, 'prune-'));
    const name = 'con*f\nig [x] $(id).json';
    const file = path.join(dir, name);
    fs.writeFileSync(file, 'current\n');
    const ours = [
      '20240101T000000Z',
      '20250101T000000Z',
      '20250101T000000Z.2',
      '20250101T000000Z.9',
      '20250101T000000Z.10',
      '20250101T000000Z.11'
    ];
    for (const s of ours) {
      fs.writeFileSync(`${file}.bak-${s}`, s);
    }
    const foreign = [
      `${name}.bak-notastamp`,
      `${name}.bak-20200101T000000Z.1`,
      `${name}.bak-20200101T000000Z.01`,
      `${name}.bak-20200101T000000Zx`,
      `${name}x.bak-20200101T000000Z`,
      'other.bak-20200101T000000Z'
    ];
    for (const f of foreign) {
      fs.writeFileSync(path.join(dir, f), 'not ours');
    }
    fs.mkdirSync(`${file}.bak-20190101T000000Z`);
    fs.symlinkSync('/etc/hostname', `${file}.bak-20190101T000000Z.2`);
    const r = sh(
      writeScript([item(file, 'next\n', 3)], at('2026-12-07T05:00:00Z'))
    );
    expect(r.status).toBe(0);
    const [out] = parseWriteOutput(r.stdout);
    expect(out.backupPath).toBe(`${file}.bak-20261207T050000Z`);
    expect(fs.readFileSync(out.backupPath!, 'utf8')).toBe('current\n');
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual(
      [
        name,
        `${name}.bak-20261207T050000Z`,
        `${name}.bak-20250101T000000Z.10`,
        `${name}.bak-20250101T000000Z.11`,
        `${name}.bak-20190101T000000Z`,
        `${name}.bak-20190101T000000Z.2`,
        ...foreign
      ].sort()
    );
    expect(
      fs.lstatSync(`${file}.bak-20190101T000000Z.2`).isSymbolicLink()
    ).toBe(true);
  });

  it('keeps the newest N when many writes fall in the same second', () => {
    const dir = fs.mkdtempSync(path.join(root, 'second-'));
    const file = path.join(dir, 'krb5.conf');
    const now = at('2026-12-07T05:00:00Z');
    for (let v = 1; v <= 14; v++) {
      expect(sh(writeScript([item(file, `v${v}\n`, 4)], now)).status).toBe(0);
    }
    const kept = backupsOf(file);
    expect(kept).toHaveLength(4);
    expect(
      kept.map(b => fs.readFileSync(path.join(dir, b), 'utf8')).sort()
    ).toEqual(['v10\n', 'v11\n', 'v12\n', 'v13\n']);
  });

  it('with 0 keeps no backup at all and with 1 only the last one', () => {
    const dir = fs.mkdtempSync(path.join(root, 'zero-'));
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, 'a');
    fs.writeFileSync(`${file}.bak-20200101T000000Z`, 'older');
    const none = sh(writeScript([item(file, 'b', 0)], new Date()));
    expect(none.status).toBe(0);
    expect(parseWriteOutput(none.stdout)[0].backupPath).toBeNull();
    expect(backupsOf(file)).toEqual([]);
    for (const [i, c] of ['c', 'd', 'e'].entries()) {
      const when = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      expect(sh(writeScript([item(file, c, 1)], when)).status).toBe(0);
    }
    const kept = backupsOf(file);
    expect(kept).toEqual(['config.json.bak-20260101T000002Z']);
    expect(fs.readFileSync(path.join(dir, kept[0]), 'utf8')).toBe('d');
  });

  it('keeps five by default', () => {
    const dir = fs.mkdtempSync(path.join(root, 'default-'));
    const file = path.join(dir, 'f');
    for (let v = 0; v < 9; v++) {
      const when = new Date(Date.UTC(2026, 0, 1, 0, 0, v));
      expect(sh(writeScript([item(file, `v${v}`)], when)).status).toBe(0);
    }
    expect(backupsOf(file)).toHaveLength(5);
  });
});
