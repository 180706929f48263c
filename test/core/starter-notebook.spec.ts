import {
  FIRST_CELLS,
  starterNotebook
} from '../../src/core/sparkmagic/starter-notebook';

describe('starterNotebook', () => {
  it('is an nbformat 4 notebook on the kernel with the first cell ready to run', () => {
    const nb = starterNotebook({
      kind: 'python',
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
  });

  it("writes the first cell in the kernel's language", () => {
    const source = (kind: 'python' | 'scala' | 'r') =>
      (
        starterNotebook({
          kind,
          name: 'k',
          displayName: 'K',
          language: ''
        }) as any
      ).cells[0].source;
    expect(source('scala')).toBe('spark.range(3).collect()');
    expect(source('r')).toBe('collect(createDataFrame(data.frame(x = 0:2)))');
    expect(FIRST_CELLS.r).toBe(source('r'));
  });
});
