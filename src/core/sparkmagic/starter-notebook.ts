/**
 * The notebook the panel's last step opens: one code cell that asks Spark
 * for a tiny result through Livy, so running it proves the whole chain
 * (ticket, SPNEGO through the load balancer, the Livy session).
 */
import type { KernelKind } from '../profile';

/** The first cell in each kernel's language: three rows back from Spark. */
export const FIRST_CELLS: Readonly<Record<KernelKind, string>> = {
  python: 'spark.range(3).collect()',
  scala: 'spark.range(3).collect()',
  r: 'collect(createDataFrame(data.frame(x = 0:2)))'
};

export interface IKernelInfo {
  kind: KernelKind;
  name: string;
  displayName: string;
  language: string;
}

/** nbformat 4 content for a new notebook on `kernel`. */
export function starterNotebook(kernel: IKernelInfo): Record<string, unknown> {
  return {
    cells: [
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: FIRST_CELLS[kernel.kind]
      }
    ],
    metadata: {
      kernelspec: {
        name: kernel.name,
        display_name: kernel.displayName,
        language: kernel.language
      }
    },
    nbformat: 4,
    nbformat_minor: 4
  };
}
