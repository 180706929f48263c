/**
 * The notebook the panel's last step opens: one code cell that asks Spark
 * for a tiny result through Livy, so running it proves the whole chain
 * (ticket, SPNEGO through the load balancer, the Livy session).
 */

/** The first cell: valid in both PySpark and Scala. */
export const FIRST_CELL = 'spark.range(3).collect()';

export interface IKernelInfo {
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
        source: FIRST_CELL
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
