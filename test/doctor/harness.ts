/**
 * Fault injection on the real stack (test/stack/stack.sh): a workspace per
 * test with the files the project renders for a profile (krb5.conf and the
 * Sparkmagic config, through the CLI), a private ticket cache, and the
 * doctor run as a user would run it (`sparkmagic-kerberos doctor --json`).
 * Faults change the KDC (restored from a dump), processes (restarted) or the
 * workspace's own files; every config file is hashed before and after.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { IDoctorResult } from '../../src/core/doctor/types';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'lib-cli/cli/main.js');

export interface IStack {
  dir: string;
  realm: string;
  nlb: string;
  /** What a reverse lookup of the load balancer's address gives. */
  ptr: string;
  livyUrl: string;
  ca: string;
  kdcDir: string;
  /** Livy's keytab, written by the EMR step. */
  livyKeytab: string;
  /** The KDC's own port (the load balancer forwards 88 to it). */
  kdcPort: number;
  /** The load balancer's address. */
  addr: string;
  /** Environment for kadmin.local / kdb5_util on the stack's realm. */
  adminEnv: NodeJS.ProcessEnv;
  profile: Record<string, unknown>;
}

/** The running stack, from the env file stack.sh writes; fails loudly without it. */
export function loadStack(): IStack {
  const file = process.env.STACK_ENV ?? join(ROOT, '.work/stack/stack.env');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: start the stack (test/doctor/run.sh does it).`
    );
  }
  const env: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(
    /^export (\w+)='([^']*)'$/gm
  )) {
    env[m[1]] = m[2];
  }
  return {
    dir: env.STACK_DIR,
    realm: env.STACK_REALM,
    nlb: env.STACK_NLB_HOST,
    ptr: env.STACK_NLB_PTR,
    livyUrl: env.STACK_LIVY_URL,
    ca: env.STACK_CA_BUNDLE,
    kdcDir: env.STACK_KDC_DIR,
    livyKeytab: env.STACK_LIVY_KEYTAB,
    kdcPort: Number(
      readFileSync(join(env.STACK_KDC_DIR, 'realm.id'), 'utf8').split(' ')[1]
    ),
    addr: env.STACK_NLB_ADDR,
    adminEnv: {
      PATH: process.env.PATH,
      KRB5_CONFIG: env.STACK_ADMIN_KRB5_CONFIG,
      KRB5_KDC_PROFILE: env.KRB5_KDC_PROFILE
    },
    profile: JSON.parse(readFileSync(env.STACK_PROFILE, 'utf8'))
  };
}

export function kadmin(stack: IStack, query: string): string {
  return execFileSync('kadmin.local', ['-r', stack.realm, '-q', query], {
    env: stack.adminEnv,
    encoding: 'utf8'
  });
}

/** Runs `change`, then puts the KDC database back exactly as it was. */
export async function withKdcChange<T>(
  stack: IStack,
  change: () => void,
  body: () => Promise<T>
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'smk-kdb-'));
  const dump = join(dir, 'dump');
  execFileSync('kdb5_util', ['-r', stack.realm, 'dump', dump], {
    env: stack.adminEnv
  });
  try {
    change();
    return await body();
  } finally {
    execFileSync('kdb5_util', ['-r', stack.realm, 'load', dump], {
      env: stack.adminEnv
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

export function sha256(path: string): string | null {
  return existsSync(path)
    ? createHash('sha256').update(readFileSync(path)).digest('hex')
    : null;
}

export interface IDoctorRun {
  results: IDoctorResult[];
  status: string;
  elapsedMs: number;
  /** Wall time of the whole CLI process. */
  wallMs: number;
  rc: number;
  raw: string;
  byId(id: string): IDoctorResult;
}

/** A test's own home, krb5.conf, Sparkmagic config and ticket cache. */
export class Workspace {
  constructor(
    readonly stack: IStack,
    overrides: Record<string, unknown> = {}
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'smk-doctor-ws-'));
    this.home = join(this.dir, 'home');
    mkdirSync(join(this.home, '.sparkmagic'), { recursive: true });
    this.profilePath = join(this.dir, 'profile.json');
    this.krb5conf = join(this.dir, 'krb5.conf');
    this.smconf = join(this.home, '.sparkmagic', 'config.json');
    this.cache = join(this.dir, 'cc');
    this.setProfile({ ...stack.profile, ...overrides });
    writeFileSync(
      this.krb5conf,
      this.cli(['render-krb5', '--profile', this.profilePath])
    );
    writeFileSync(
      this.smconf,
      this.cli(['render-sparkmagic', '--profile', this.profilePath])
    );
  }

  readonly dir: string;
  readonly home: string;
  readonly profilePath: string;
  readonly krb5conf: string;
  readonly smconf: string;
  readonly cache: string;

  setProfile(profile: Record<string, unknown>): void {
    writeFileSync(this.profilePath, JSON.stringify(profile, null, 2));
  }

  /** What a Sparkmagic kernel would get (the apply puts the CA in REQUESTS_CA_BUNDLE). */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.home,
      LANG: 'C.UTF-8',
      KRB5_CONFIG: this.krb5conf,
      KRB5CCNAME: `FILE:${this.cache}`,
      REQUESTS_CA_BUNDLE: this.stack.ca,
      ...extra
    };
  }

  cli(args: string[], env: NodeJS.ProcessEnv = this.env()): string {
    return execFileSync('node', [CLI, ...args], { env, encoding: 'utf8' });
  }

  /** kinit with a password on stdin (`-S` the Livy service in service mode). */
  kinit(
    principal: string,
    password: string,
    args: string[] = ['-S', `HTTP/${this.stack.nlb}@${this.stack.realm}`]
  ): void {
    const r = spawnSync('kinit', [...args, principal], {
      env: this.env(),
      input: `${password}\n`,
      encoding: 'utf8'
    });
    if (r.status !== 0) {
      throw new Error(`kinit ${principal} failed: ${r.stdout}${r.stderr}`);
    }
  }

  /** `sparkmagic-kerberos doctor --json`, checking that no watched file changed. */
  doctor(
    options: {
      /** Keep the raw script output as a unit-test fixture (when DOCTOR_RECORD_DIR is set). */
      record?: string;
      args?: string[];
      env?: NodeJS.ProcessEnv;
      watch?: string[];
    } = {}
  ): IDoctorRun {
    const watched = [
      this.krb5conf,
      this.smconf,
      this.cache,
      this.profilePath,
      '/etc/hosts',
      '/etc/krb5.conf',
      ...(options.watch ?? [])
    ];
    const before = watched.map(sha256);
    const record = process.env.DOCTOR_RECORD_DIR;
    if (options.record && record) {
      writeFileSync(
        join(record, `${options.record}.profile.json`),
        readFileSync(this.profilePath)
      );
    }
    const started = Date.now();
    const r = spawnSync(
      'node',
      [
        CLI,
        'doctor',
        '--profile',
        this.profilePath,
        '--json',
        ...(options.record && record
          ? ['--save-output', join(record, `${options.record}.txt`)]
          : []),
        ...(options.args ?? [])
      ],
      {
        env: options.env ?? this.env(),
        encoding: 'utf8'
      }
    );
    const wallMs = Date.now() - started;
    const after = watched.map(sha256);
    watched.forEach((path, i) => {
      if (before[i] !== after[i]) {
        throw new Error(`the doctor changed ${path}`);
      }
    });
    if (r.status !== 0 && r.status !== 3) {
      throw new Error(`doctor exited ${r.status}: ${r.stderr}`);
    }
    const report = JSON.parse(r.stdout) as {
      results: IDoctorResult[];
      status: string;
      elapsedMs: number;
    };
    return {
      ...report,
      wallMs,
      rc: r.status,
      raw: r.stdout,
      byId: (id: string) => {
        const found = report.results.find(x => x.id === id);
        if (!found) {
          throw new Error(`no result ${id} in ${r.stdout}`);
        }
        return found;
      }
    };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One line per result, for failure messages. */
export function summary(run: IDoctorRun): string {
  return run.results
    .map(r => `${r.status} ${r.id} ${r.code ?? ''}: ${r.detail}`)
    .join('\n');
}
