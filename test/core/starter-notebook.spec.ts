import {
  FIRST_CELL,
  starterNotebook
} from '../../src/core/sparkmagic/starter-notebook';

describe('starterNotebook', () => {
  it('is an nbformat 4 notebook on the kernel with the first cell ready to run', () => {
    const nb = starterNotebook({
      name: 'pysparkkernel',
      displayName: 'PySpark',
      language: 'python'
    }) as any;
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec).toEqual({
      name: 'pysparkkernel',
      display_name: 'PySpark',
      language: 'python'
    });
    expect(nb.cells).toEqual([
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: 'spark.range(3).collect()'
      }
    ]);
    expect(FIRST_CELL).toBe('spark.range(3).collect()');
  });
});
