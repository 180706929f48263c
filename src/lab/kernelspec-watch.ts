/**
 * Tells when the server's kernelspecs change, from JupyterLab's own
 * kernelspec manager (it reads them again on its poll): the first list it
 * has is the baseline, so JupyterLab's first read is no change.
 */
import type { KernelSpec } from '@jupyterlab/services';

export function watchKernelspecs(
  manager: Pick<KernelSpec.IManager, 'specs' | 'specsChanged'>,
  changed: () => void
): void {
  let last = manager.specs ? key(manager.specs) : null;
  manager.specsChanged.connect((_, specs) => {
    const now = key(specs);
    if (last !== null && now !== last) {
      changed();
    }
    last = now;
  });
}

/** What the probe reads of a kernelspec: names, argv, env, language. */
function key(specs: KernelSpec.ISpecModels): string {
  const all = specs.kernelspecs ?? {};
  return JSON.stringify(
    Object.keys(all)
      .sort()
      .map(name => [name, all[name]?.argv, all[name]?.env, all[name]?.language])
  );
}
