// Benchmark of the terminal channel, all baselines measured in the same run
// against a real Jupyter server and a loopback KDC. Run: bench/run.sh
//
//  - klist round trip: warm runner vs raw `LC_ALL=C klist` (child_process)
//    vs a new terminal per command;
//  - apply (two files, with backup and read-back) vs two plain `cp` through
//    the same runner.
// Prints p50/p95 and ratios; it asserts nothing about time.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TerminalFiles } from '../src/exec/files';
import { TerminalRunner } from '../src/exec/runner';
import { useServer } from '../test/exec/server';

const N = Number(process.env.BENCH_N ?? '200');
const N_NEW = Number(process.env.BENCH_N_NEW ?? '20');
const N_APPLY = Number(process.env.BENCH_N_APPLY ?? '50');
const WORK = process.env.BENCH_DIR ?? '';
const env = {
  KRB5_CONFIG: process.env.KRB5_CONFIG ?? '',
  KRB5CCNAME: `FILE:${WORK}/cc`
};

const lab = useServer(() => {
  if (!WORK || !env.KRB5_CONFIG) {
    throw new Error(
      'Run the benchmark through bench/run.sh (it starts the KDC and gets a ticket).'
    );
  }
  return {};
});

function stats(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function row(name: string, samples: number[]): string {
  const { p50, p95 } = stats(samples);
  return `${name.padEnd(34)} n=${String(samples.length).padStart(4)}  p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms`;
}

it('measures the terminal channel', async () => {
  const runner = new TerminalRunner({ terminals: lab.manager, env });
  const files = new TerminalFiles({ runner });
  const lines: string[] = [];

  const check = (stdout: string) => {
    if (!stdout.includes('HTTP/livy-nlb.example.test@EC2.INTERNAL')) {
      throw new Error(`klist did not list the ticket: ${stdout}`);
    }
  };
  const raw = () => {
    const r = spawnSync('klist', [], {
      env: { ...process.env, ...env, LC_ALL: 'C', TZ: 'UTC' },
      encoding: 'utf8'
    });
    check(r.stdout);
  };
  const warm = async () => check((await runner.run('klist')).stdout);

  // Warm-up, then interleave so load changes hit both alike.
  for (let i = 0; i < 10; i++) {
    raw();
    await warm();
  }
  const rawT: number[] = [];
  const warmT: number[] = [];
  for (let i = 0; i < N; i++) {
    rawT.push(await time(raw));
    warmT.push(await time(warm));
  }
  const freshT: number[] = [];
  for (let i = 0; i < N_NEW; i++) {
    const fresh = new TerminalRunner({ terminals: lab.manager, env });
    freshT.push(
      await time(async () => check((await fresh.run('klist')).stdout))
    );
    await fresh.shutdown();
  }

  const dir = path.join(WORK, 'apply');
  fs.mkdirSync(dir, { recursive: true });
  const krb5 = fs.readFileSync(env.KRB5_CONFIG, 'utf8');
  const config = JSON.stringify(
    {
      kernel_python_credentials: {
        url: 'http://livy-nlb.example.test:8998',
        auth: 'Kerberos'
      }
    },
    null,
    2
  );
  fs.writeFileSync(path.join(dir, 'src-krb5.conf'), krb5);
  fs.writeFileSync(path.join(dir, 'src-config.json'), config);
  const q = (f: string) => `'${path.join(dir, f)}'`;
  const applyT: number[] = [];
  const applyEachT: number[] = [];
  const cpT: number[] = [];
  for (let i = 0; i < N_APPLY; i++) {
    // Alternate contents so every apply really replaces both files and backs them up.
    const suffix = i % 2 === 0 ? '\n# a\n' : '\n# b\n';
    applyT.push(
      await time(() =>
        files.writeAll([
          {
            path: path.join(dir, 'krb5.conf'),
            content: krb5 + suffix,
            mode: 0o644
          },
          {
            path: path.join(dir, 'config.json'),
            content: config + suffix,
            mode: 0o600
          }
        ])
      )
    );
    applyEachT.push(
      await time(async () => {
        await files.write(path.join(dir, 'krb5-each.conf'), krb5 + suffix, {
          mode: 0o644
        });
        await files.write(path.join(dir, 'config-each.json'), config + suffix, {
          mode: 0o600
        });
      })
    );
    cpT.push(
      await time(async () => {
        await runner.run(`cp ${q('src-krb5.conf')} ${q('cp-krb5.conf')}`);
        await runner.run(`cp ${q('src-config.json')} ${q('cp-config.json')}`);
      })
    );
  }
  await runner.shutdown();

  const r = stats(rawT);
  const w = stats(warmT);
  const f = stats(freshT);
  const a = stats(applyT);
  const c = stats(cpT);
  const budget = 1.5 * r.p50 + 15;
  lines.push(
    '',
    row('raw LC_ALL=C klist (child_process)', rawT),
    row('klist, warm runner', warmT),
    row('klist, new terminal per command', freshT),
    row('apply: 2 files, backup + read-back', applyT),
    row('  same, one round trip per file', applyEachT),
    row('2 x cp through the same runner', cpT),
    '',
    `warm / raw (p50):            ${(w.p50 / r.p50).toFixed(2)}x   goal: warm <= 1.5 x raw + 15 ms = ${budget.toFixed(1)} ms -> ${w.p50 <= budget ? 'met' : 'NOT met'} (${w.p50.toFixed(1)} ms)`,
    `new terminal / warm (p50):   ${(f.p50 / w.p50).toFixed(1)}x   goal: >= 10x -> ${f.p50 / w.p50 >= 10 ? 'met' : 'NOT met'}`,
    `apply / cp (p50):            ${(a.p50 / c.p50).toFixed(2)}x   goal: <= 2x -> ${a.p50 / c.p50 <= 2 ? 'met' : 'NOT met'}`,
    `apply / cp (p95):            ${(a.p95 / c.p95).toFixed(2)}x`,
    ''
  );
  process.stdout.write(lines.join('\n') + '\n');
}, 1800000);
