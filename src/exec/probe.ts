import { parseProbe } from '../core/environment/probe';
import type { IEnvironmentProbe } from '../core/environment/probe-types';
import { probeScript } from '../core/environment/probe-script';
import { ICommandRunner } from './runner-types';

export type { IEnvironmentProbe } from '../core/environment/probe-types';

/**
 * Probes what Sparkmagic kernels will see on the server (environment,
 * Kerberos tools and caches, Sparkmagic config, kernelspecs), through the
 * hidden terminal.
 */
export async function probeEnvironment(
  runner: ICommandRunner,
  options: { useSudo: boolean; timeoutMs?: number }
): Promise<IEnvironmentProbe> {
  const result = await runner.run(probeScript(options), {
    timeoutMs: options.timeoutMs ?? 120000
  });
  const probe = parseProbe(result.stdout);
  if (result.exitCode !== 0) {
    probe.errors.push(
      `The probe exited with ${result.exitCode}: ${(result.stderr ?? '').trim()}`
    );
  }
  return probe;
}
