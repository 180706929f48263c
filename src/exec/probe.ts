import { parseProbe, pythonStart } from '../core/environment/probe';
import type { IEnvironmentProbe } from '../core/environment/probe-types';
import {
  IProbeOptions,
  pythonProbeScript,
  shellProbeScript
} from '../core/environment/probe-script';
import { ICommandRunner } from './runner-types';

export type { IEnvironmentProbe } from '../core/environment/probe-types';

/** The shell half's answer: what it found, and its output for the Python half. */
export interface IShellProbe {
  /** Kernelspecs and the server's own view still unknown. */
  probe: IEnvironmentProbe;
  stdout: string;
}

/**
 * Probes what Sparkmagic kernels will see on the server, through the hidden
 * terminal, in two commands: the shell half (environment, Kerberos tools,
 * /etc/krb5.conf, sudo) and the Python half (kernelspecs and what each
 * Sparkmagic kernel sees). The first is enough for klist and kinit.
 */
export async function probeShell(
  runner: ICommandRunner,
  options: IProbeOptions & { timeoutMs?: number }
): Promise<IShellProbe> {
  const result = await runner.run(shellProbeScript(options), {
    timeoutMs: options.timeoutMs ?? 30000
  });
  const probe = parseProbe(result.stdout, { kernelspecs: false });
  exitError(probe, 'shell', result);
  return { probe, stdout: result.stdout };
}

/** The Python half after the shell half; the whole probe's result. */
export async function probeKernelspecs(
  runner: ICommandRunner,
  shell: IShellProbe,
  options: { timeoutMs?: number } = {}
): Promise<IEnvironmentProbe> {
  const result = await runner.run(
    pythonProbeScript(pythonStart(shell.stdout)),
    { timeoutMs: options.timeoutMs ?? 120000 }
  );
  const probe = parseProbe(shell.stdout + result.stdout);
  probe.errors.unshift(
    ...shell.probe.errors.filter(e => !probe.errors.includes(e))
  );
  exitError(probe, 'Python', result);
  return probe;
}

/** Both halves, one after the other. */
export async function probeEnvironment(
  runner: ICommandRunner,
  options: IProbeOptions & { timeoutMs?: number }
): Promise<IEnvironmentProbe> {
  return probeKernelspecs(runner, await probeShell(runner, options), options);
}

function exitError(
  probe: IEnvironmentProbe,
  half: string,
  result: { exitCode: number; stderr?: string }
): void {
  if (result.exitCode !== 0) {
    probe.errors.push(
      `The probe's ${half} half exited with ${result.exitCode}: ${(result.stderr ?? '').trim()}`
    );
  }
}
