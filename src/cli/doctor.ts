/**
 * `doctor --profile FILE [--json] [--verify-spark] [--applied-at ISO8601]
 * [--save-output FILE]`: runs the doctor script in a local shell and prints
 * the report (`--save-output` keeps the script's raw output, e.g. to attach to
 * a support request: secret-looking config values redacted, written 0600 to a
 * new file only). Exit status 0 when no check failed, 3 when one did (1
 * and 2 keep their CLI meaning).
 */
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { writeFileSync } from 'fs';
import { diagnose, overallStatus } from '../core/doctor/diagnose';
import { renderDoctorScript } from '../core/doctor/script';
import { IDoctorResult } from '../core/doctor/types';
import { redactDoctorOutput } from '../core/doctor/redact';
import { ShellExec, verifySpark } from '../core/doctor/verify';
import { optional, required } from './args';
import { CliError, ICommand, UsageError } from './command';
import { PROFILE_OPTION, readProfileFile } from './files';

/** The script bounds its own steps (≤ 8 s); this only catches a shell gone wrong. */
const SCRIPT_LIMIT_MS = 30000;

/**
 * A new file, private to its owner; never an existing file or a link planted
 * at the name (the output describes the user's Kerberos set-up).
 */
function saveOutput(path: string, output: string): void {
  try {
    writeFileSync(path, output, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(
      err.code === 'EEXIST'
        ? `--save-output: ${path} already exists; name a new file (it is never overwritten).`
        : `--save-output: cannot create ${path}: ${err.message}`
    );
  }
}

/** Runs a command with `/bin/sh -c`, stdout and stderr together, killed after the limit. */
export const localShell: ShellExec = (command, timeoutMs) =>
  new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }, timeoutMs);
    child.on('error', e => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', code => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(chunks).toString('utf8'),
        exitCode: code ?? 128
      });
    });
  });

const MARK: Record<IDoctorResult['status'], string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL'
};

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map(l => prefix + l)
    .join('\n');
}

export function formatReport(
  results: IDoctorResult[],
  header: string,
  ms: number
): string {
  const lines = [header];
  for (const r of results) {
    lines.push(
      `  ${MARK[r.status]}  ${r.title}${r.code ? ` [${r.code}]` : ''}`
    );
    lines.push(indent(r.detail, '        '));
    if (r.fix) {
      lines.push(indent(`Fix: ${r.fix}`, '        '));
    }
  }
  const count = (s: IDoctorResult['status']) =>
    results.filter(r => r.status === s).length;
  lines.push(
    `${count('fail')} failed, ${count('warn')} warning(s), ${count('pass')} passed (${(ms / 1000).toFixed(1)} s)`
  );
  return lines.join('\n') + '\n';
}

export const command: ICommand = {
  usage:
    'doctor --profile FILE [--json] [--verify-spark] [--applied-at ISO8601] [--save-output FILE]',
  summary:
    'check the Kerberos -> load balancer -> Livy chain for a profile (exit 3 when a check fails)',
  exitStatus: [['3', 'a check failed']],
  options: {
    profile: PROFILE_OPTION,
    json: { type: 'boolean', help: 'print the report as JSON' },
    'verify-spark': {
      type: 'boolean',
      help: 'also start a Livy session and run one Spark statement'
    },
    'applied-at': {
      type: 'string',
      value: 'ISO8601',
      help: 'when the config was written (default: its mtime); older kernels are stale'
    },
    'save-output': {
      type: 'string',
      value: 'FILE',
      help: "keep the checks' raw output, secrets redacted, in a new file"
    }
  },
  async run(values, io) {
    const profile = readProfileFile(required(values, 'profile'));
    const json = values.json === true;
    const appliedText = optional(values, 'applied-at');
    const savePath = optional(values, 'save-output');
    let appliedAt: number | undefined;
    if (appliedText !== undefined) {
      appliedAt = Date.parse(appliedText);
      if (!isFinite(appliedAt)) {
        throw new UsageError(
          `--applied-at: '${appliedText}' is not an ISO 8601 time`
        );
      }
    }
    const started = Date.now();
    let output: string;
    try {
      output = redactDoctorOutput(
        (await localShell(renderDoctorScript(profile), SCRIPT_LIMIT_MS)).stdout
      );
    } catch (e) {
      throw new CliError(`cannot run /bin/sh: ${(e as Error).message}`);
    }
    if (savePath !== undefined) {
      saveOutput(savePath, output);
    }
    const results = diagnose(profile, output, { appliedAt });
    const ms = Date.now() - started;
    if (values['verify-spark'] === true) {
      results.push(
        await verifySpark(profile, localShell, {
          nonce: randomBytes(12).toString('hex'),
          onProgress: p => {
            if (!json) {
              io.stderr(`verify spark: ${p.message}\n`);
            }
          }
        })
      );
    }
    const status = overallStatus(results);
    if (json) {
      io.stdout(
        JSON.stringify(
          { profile: profile.name, status, elapsedMs: ms, results },
          null,
          2
        ) + '\n'
      );
    } else {
      io.stdout(
        formatReport(
          results,
          `doctor: profile '${profile.name}' (${profile.livyUrl})`,
          ms
        )
      );
    }
    return status === 'fail' ? 3 : 0;
  }
};
